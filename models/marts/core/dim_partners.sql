with

partners as (

    select * from {{ ref('int_partners') }}

),

final as (

    select
        partner_id,
        partner_type,
        activated_date,
        activation_cohort_month,
        partner_status,
        deactivated_date,
        current_stage,
        case
            when current_stage >= 3 then '3+'
            when current_stage >= 1 then '1-2'
            else 'none'
        end as current_stage_band,
        stage1_date,
        stage2_date,
        stage3_date,
        stage4_date

    from partners

)

select * from final
