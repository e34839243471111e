with

ae_first_90_days as (

    select * from {{ ref('int_ae_first_90_days') }}

),

-- AEs with a quota for the fiscal year of their role start, by role-start
-- quarter. Closed window: closed-won USD over the 90-day share of the
-- annual quota. Open window: pending (neither side of the ratio).
members as (

    select
        {{ period_columns('role_started_date', 'quarter') }},
        case when is_enabled_at_window_end then 'enabled' else 'not_enabled' end as enablement_status,
        case when is_window_closed then closed_won_usd end as measure,
        case when is_window_closed then window_quota_usd end as window_quota_usd,
        not is_window_closed as is_pending

    from ae_first_90_days
    where annual_quota_usd is not null

),

member_segments as (

    {{ kpi_member_segments('members', [
        ('enablement_status', 'enablement_status'),
    ], extra_columns=['window_quota_usd']) }}

),

-- Pooled: sum of closed-won USD / sum of 90-day quotas x 100.
kpi_rows as (

    {{ kpi_aggregate(
        'member_segments',
        'ae_90_day_quota_attainment',
        'percent',
        scale=100,
        denominator_measure='window_quota_usd'
    ) }}

),

final as (

    select {{ kpi_output_columns() }}
    from kpi_rows

)

select * from final
