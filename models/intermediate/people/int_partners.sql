with

partners as (

    select * from {{ ref('stg_partner_portal__partners') }}

),

stage_history as (

    select * from {{ ref('int_partner_stage_history') }}

),

-- Stage N is reached on the first day the partner holds stage N or higher,
-- so the four dates never go backwards even when a stage was skipped.
stage_dates as (

    select
        partner_id,
        min(case when stage_number >= 1 then achieved_date end) as stage1_date,
        min(case when stage_number >= 2 then achieved_date end) as stage2_date,
        min(case when stage_number >= 3 then achieved_date end) as stage3_date,
        min(case when stage_number >= 4 then achieved_date end) as stage4_date,
        max(
            case
                when achieved_date <= cast('{{ var("as_of_date") }}' as date) then stage_number
            end
        ) as stage_at_as_of

    from stage_history
    group by partner_id

),

final as (

    select
        partners.partner_id,
        partners.partner_type,
        partners.crm_account_id,
        partners.activated_at,
        cast(partners.activated_at as date) as activated_date,
        cast({{ dbt.date_trunc('month', 'partners.activated_at') }} as date) as activation_cohort_month,
        partners.partner_status,
        cast(partners.deactivated_at as date) as deactivated_date,
        stage_dates.stage1_date,
        stage_dates.stage2_date,
        stage_dates.stage3_date,
        stage_dates.stage4_date,
        coalesce(stage_dates.stage_at_as_of, 0) as current_stage

    from partners
    left join stage_dates
        on partners.partner_id = stage_dates.partner_id

)

select * from final
