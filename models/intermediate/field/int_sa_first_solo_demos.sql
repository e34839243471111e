{%- set as_of_date = "cast('" ~ var('as_of_date') ~ "' as date)" -%}

with

field_roster as (

    select * from {{ ref('int_field_roster') }}

),

activities as (

    select * from {{ ref('int_activities') }}

),

activity_attendees as (

    select * from {{ ref('int_activity_attendees') }}

),

manager_history as (

    select * from {{ ref('int_manager_history') }}

),

sa_stints as (

    select
        person_id,
        role_started_date,
        role_ended_date,
        hire_cohort_month,
        manager_person_id_at_start,
        enablement_completed_date

    from field_roster
    where role_track = 'SA'

),

-- CRM demo events on an opportunity or a customer / prospect account, known
-- on the as_of date.
customer_demos as (

    select
        activity_id,
        occurred_at,
        activity_date

    from activities
    where
        activity_source = 'event'
        and activity_type = 'demo'
        and is_customer_facing
        and activity_date <= {{ as_of_date }}

),

-- Demos the SA owned or attended during the SA stint.
sa_demos as (

    select
        sa_stints.person_id,
        sa_stints.role_started_date,
        customer_demos.activity_id,
        customer_demos.occurred_at,
        customer_demos.activity_date

    from sa_stints
    inner join activity_attendees
        on sa_stints.person_id = activity_attendees.person_id
    inner join customer_demos
        on activity_attendees.activity_id = customer_demos.activity_id
    where
        customer_demos.activity_date >= sa_stints.role_started_date
        and (
            sa_stints.role_ended_date is null
            or customer_demos.activity_date < sa_stints.role_ended_date
        )

),

-- Demos where the SA's manager as of the demo date was in the room (as owner
-- or attendee): observed, so not solo.
observed_demos as (

    select distinct
        sa_demos.person_id,
        sa_demos.role_started_date,
        sa_demos.activity_id

    from sa_demos
    inner join manager_history
        on
            sa_demos.person_id = manager_history.person_id
            and {{ is_effective_on(
                'sa_demos.activity_date',
                'manager_history.valid_from',
                'manager_history.valid_to'
            ) }}
    inner join activity_attendees as manager_attendance
        on
            sa_demos.activity_id = manager_attendance.activity_id
            and manager_history.manager_person_id = manager_attendance.person_id

),

-- First solo demo per stint: earliest start time, then activity id.
ranked_solo_demos as (

    select
        sa_demos.person_id,
        sa_demos.role_started_date,
        sa_demos.activity_id,
        sa_demos.occurred_at,
        sa_demos.activity_date,
        row_number() over (
            partition by sa_demos.person_id, sa_demos.role_started_date
            order by sa_demos.occurred_at, sa_demos.activity_id
        ) as solo_demo_rank

    from sa_demos
    left join observed_demos
        on
            sa_demos.person_id = observed_demos.person_id
            and sa_demos.role_started_date = observed_demos.role_started_date
            and sa_demos.activity_id = observed_demos.activity_id
    where observed_demos.activity_id is null

),

first_solo_demos as (

    select
        person_id,
        role_started_date,
        activity_id,
        occurred_at,
        activity_date

    from ranked_solo_demos
    where solo_demo_rank = 1

),

final as (

    select
        sa_stints.person_id,
        sa_stints.role_started_date,
        sa_stints.role_ended_date,
        sa_stints.hire_cohort_month,
        sa_stints.manager_person_id_at_start,
        sa_stints.enablement_completed_date,
        first_solo_demos.activity_id as first_solo_demo_activity_id,
        first_solo_demos.occurred_at as first_solo_demo_at,
        first_solo_demos.activity_date as first_solo_demo_date,
        first_solo_demos.activity_id is not null as has_solo_demo,
        {{ dbt.datediff('sa_stints.role_started_date', 'first_solo_demos.activity_date', 'day') }} as ramp_days,
        cast({{ safe_divide(
            dbt.datediff('sa_stints.role_started_date', 'first_solo_demos.activity_date', 'day'),
            7
        ) }} as {{ dbt.type_numeric() }}) as ramp_weeks,
        case
            when first_solo_demos.activity_id is not null
                then coalesce(sa_stints.enablement_completed_date <= first_solo_demos.activity_date, false)
            else sa_stints.enablement_completed_date is not null
        end as is_enabled_at_ramp_end

    from sa_stints
    left join first_solo_demos
        on
            sa_stints.person_id = first_solo_demos.person_id
            and sa_stints.role_started_date = first_solo_demos.role_started_date

)

select * from final
