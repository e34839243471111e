with

ae_first_90_days as (

    select * from {{ ref('int_ae_first_90_days') }}

),

opportunities as (

    select * from {{ ref('int_opportunities') }}

),

-- Closed-won deals the AE owns, closed inside a 90-day window that has
-- closed; enabled = enablement-complete on or before the close date.
window_deals as (

    select
        ae_first_90_days.role_started_date,
        case
            when ae_first_90_days.enablement_completed_date <= opportunities.close_date then 'enabled'
            else 'not_enabled'
        end as enablement_status,
        opportunities.amount_usd as measure,
        false as is_pending

    from ae_first_90_days
    inner join opportunities
        on ae_first_90_days.person_id = opportunities.owner_person_id
    where
        ae_first_90_days.is_window_closed
        and opportunities.is_won
        and opportunities.close_date >= ae_first_90_days.role_started_date
        and opportunities.close_date <= ae_first_90_days.window_end_date

),

-- One pending row per AE whose window is still open (status as of as_of).
open_windows as (

    select
        role_started_date,
        case when enablement_completed_date is not null then 'enabled' else 'not_enabled' end as enablement_status,
        cast(null as {{ dbt.type_numeric() }}) as measure,
        true as is_pending

    from ae_first_90_days
    where not is_window_closed

),

members as (

    select
        {{ period_columns('role_started_date', 'quarter') }},
        enablement_status,
        measure,
        is_pending

    from window_deals

    union all

    select
        {{ period_columns('role_started_date', 'quarter') }},
        enablement_status,
        measure,
        is_pending

    from open_windows

),

member_segments as (

    {{ kpi_member_segments('members', [
        ('enablement_status', 'enablement_status'),
    ]) }}

),

kpi_rows as (

    {{ kpi_aggregate('member_segments', 'ae_90_day_deal_size', 'usd') }}

),

-- % gap (enabled mean - not_enabled mean) / not_enabled mean on every row.
kpi_rows_with_gap as (

    {{ kpi_enablement_gap('kpi_rows', 'percent') }}

),

final as (

    select {{ kpi_output_columns() }}
    from kpi_rows_with_gap

)

select * from final
