{%- set as_of_date = "cast('" ~ var('as_of_date') ~ "' as date)" -%}

with

role_stints as (

    select * from {{ ref('int_role_stints') }}

),

manager_history as (

    select * from {{ ref('int_manager_history') }}

),

enablement_progress as (

    select * from {{ ref('int_enablement_progress') }}

),

field_stints as (

    select
        person_id,
        worker_id,
        role_track,
        role_started_date,
        role_ended_date,
        hire_date,
        is_internal_transfer,
        termination_date

    from role_stints
    where
        role_track in ('SA', 'AE')
        and role_started_date <= {{ as_of_date }}

),

manager_at_start as (

    select
        field_stints.person_id,
        field_stints.role_track,
        field_stints.role_started_date,
        manager_history.manager_person_id

    from field_stints
    inner join manager_history
        on
            field_stints.worker_id = manager_history.worker_id
            and {{ is_effective_on(
                'field_stints.role_started_date',
                'manager_history.valid_from',
                'manager_history.valid_to'
            ) }}

),

-- The person's first enrollment in the stint's track (by enrolled_at, then
-- id) gives the enrolled date.
ranked_enrollments as (

    select
        person_id,
        role_track,
        enrollment_id,
        enrolled_date,
        row_number() over (
            partition by person_id, role_track
            order by enrolled_at, enrollment_id
        ) as enrollment_rank

    from enablement_progress
    where person_id is not null

),

first_enrollment as (

    select
        person_id,
        role_track,
        enrollment_id,
        enrolled_date

    from ranked_enrollments
    where enrollment_rank = 1

),

-- Enabled = Foundation and Practitioner both completed in an enrollment of
-- the track; the earliest such completion counts, and only up to as_of_date.
track_completion as (

    select
        person_id,
        role_track,
        min(enablement_completed_date) as enablement_completed_date

    from enablement_progress
    where
        person_id is not null
        and enablement_completed_date <= {{ as_of_date }}
    group by person_id, role_track

),

final as (

    select
        field_stints.person_id,
        field_stints.worker_id,
        field_stints.role_track,
        field_stints.role_started_date,
        field_stints.role_ended_date,
        field_stints.hire_date,
        cast({{ dbt.date_trunc('month', 'field_stints.role_started_date') }} as date) as hire_cohort_month,
        field_stints.is_internal_transfer,
        manager_at_start.manager_person_id as manager_person_id_at_start,
        first_enrollment.enrollment_id,
        first_enrollment.enrolled_date,
        track_completion.enablement_completed_date,
        track_completion.enablement_completed_date is not null as is_enablement_complete,
        {{ tenure_band(
            'field_stints.hire_date',
            'case when field_stints.termination_date < ' ~ as_of_date
                ~ ' then field_stints.termination_date else ' ~ as_of_date ~ ' end'
        ) }} as tenure_band

    from field_stints
    left join manager_at_start
        on
            field_stints.person_id = manager_at_start.person_id
            and field_stints.role_track = manager_at_start.role_track
            and field_stints.role_started_date = manager_at_start.role_started_date
    left join first_enrollment
        on
            field_stints.person_id = first_enrollment.person_id
            and field_stints.role_track = first_enrollment.role_track
    left join track_completion
        on
            field_stints.person_id = track_completion.person_id
            and field_stints.role_track = track_completion.role_track

)

select * from final
