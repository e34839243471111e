with

sa_first_solo_demos as (

    select * from {{ ref('int_sa_first_solo_demos') }}

),

-- One member per SA role stint, in the month the SA role started; ramp in
-- weeks (days / 7) up to the first solo customer demo. No solo demo by
-- as_of = pending, never a failure.
members as (

    select
        {{ period_columns('role_started_date', 'month') }},
        case when is_enabled_at_ramp_end then 'enabled' else 'not_enabled' end as enablement_status,
        manager_person_id_at_start,
        ramp_weeks as measure,
        not has_solo_demo as is_pending

    from sa_first_solo_demos

),

member_segments as (

    {{ kpi_member_segments('members', [
        ('enablement_status', 'enablement_status'),
        ('manager', 'manager_person_id_at_start'),
    ]) }}

),

kpi_rows as (

    {{ kpi_aggregate('member_segments', 'sa_ramp_time', 'weeks') }}

),

final as (

    select {{ kpi_output_columns() }}
    from kpi_rows

)

select * from final
