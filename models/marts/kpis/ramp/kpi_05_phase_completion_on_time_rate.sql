with

phase_progress as (

    select * from {{ ref('stg_lms__phase_progress') }}

),

enablement_progress as (

    select * from {{ ref('int_enablement_progress') }}

),

manager_history as (

    select * from {{ ref('int_manager_history') }}

),

-- Phase rows of enrollments that exist by as_of, due in or before the
-- as_of month (later months are not reported yet).
phases_due as (

    select
        phase_progress.phase_progress_id,
        phase_progress.phase,
        phase_progress.due_date,
        phase_progress.completed_at,
        enablement_progress.person_id,
        enablement_progress.role_track

    from phase_progress
    inner join enablement_progress
        on phase_progress.enrollment_id = enablement_progress.enrollment_id
    where
        enablement_progress.enrolled_at < {{ dbt.dateadd('day', 1, as_of_date()) }}
        and phase_progress.due_date <= {{ dbt.last_day(as_of_date(), 'month') }}

),

phases_with_manager as (

    select
        phases_due.phase_progress_id,
        phases_due.phase,
        phases_due.due_date,
        phases_due.completed_at,
        phases_due.role_track,
        manager_history.manager_person_id

    from phases_due
    left join manager_history
        on
            phases_due.person_id = manager_history.person_id
            and {{ is_effective_on('phases_due.due_date', 'manager_history.valid_from', 'manager_history.valid_to') }}

),

members as (

    select
        {{ period_columns('due_date', 'month') }},
        phase,
        role_track,
        manager_person_id,
        case
            when due_date > {{ as_of_date() }} then null
            when
                completed_at < {{ dbt.dateadd('day', 1, as_of_date()) }}
                and cast(completed_at as date) <= due_date
                then 1
            else 0
        end as measure,
        due_date > {{ as_of_date() }} as is_pending

    from phases_with_manager

),

member_segments as (

    {{ kpi_member_segments('members', [
        ('phase', 'phase'),
        ('role_track', 'role_track'),
        ('manager', 'manager_person_id'),
    ]) }}

),

kpi_rows as (

    {{ kpi_aggregate('member_segments', 'phase_completion_on_time_rate', 'percent', scale=100) }}

),

final as (

    select {{ kpi_output_columns() }}
    from kpi_rows

)

select * from final
