with

certifications as (

    select * from {{ ref('stg_partner_portal__stage_certifications') }}

),

-- Certifications in time order (ties: lower stage first, then id), with the
-- highest stage held before each one.
ordered as (

    select
        partner_id,
        stage_number,
        achieved_at,
        max(stage_number) over (
            partition by partner_id
            order by achieved_at, stage_number, certification_id
            rows between unbounded preceding and 1 preceding
        ) as prior_max_stage

    from certifications
    where achieved_at is not null

),

-- Only certifications that raise the partner above every earlier stage are
-- stage changes: a re-certification or a lower stage achieved later changes
-- nothing (regressions are not modelled).
new_highs as (

    select
        partner_id,
        stage_number,
        achieved_at

    from ordered
    where prior_max_stage is null or stage_number > prior_max_stage

),

final as (

    select
        partner_id,
        stage_number,
        achieved_at,
        cast(achieved_at as date) as achieved_date,
        cast(
            lead(achieved_at) over (partition by partner_id order by achieved_at, stage_number)
            as date
        ) as valid_to_date

    from new_highs

)

select * from final
