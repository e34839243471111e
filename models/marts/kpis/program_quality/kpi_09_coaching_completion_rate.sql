{#- A report's onboarding lasts 90 days from enrollment, so it spans at most
    13 Mondays: offsets 0..12 weeks from the first Monday on/after enrollment. -#}
{%- set max_onboarding_weeks = 13 -%}

with

enablement_progress as (

    select * from {{ ref('int_enablement_progress') }}

),

role_stints as (

    select * from {{ ref('int_role_stints') }}

),

manager_history as (

    select * from {{ ref('int_manager_history') }}

),

identity_map as (

    select * from {{ ref('int_identity_map') }}

),

coaching_checkins as (

    select * from {{ ref('stg_lms__coaching_checkins') }}

),

week_offsets as (

    {% for week_offset in range(max_onboarding_weeks) -%}
    select {{ week_offset }} as week_offset
    {% if not loop.last %}union all
    {% endif -%}
    {%- endfor %}

),

employee_onboardings as (

    select
        person_id,
        enrolled_date,
        cast({{ dbt.date_trunc('week', dbt.dateadd('day', 6, 'enrolled_date')) }} as date) as first_monday

    from enablement_progress
    where
        role_track in ('SA', 'AE')
        and person_id is not null

),

-- Mondays inside [enrolled date, enrolled date + 90 days) of weeks that
-- have ended by as_of.
onboarding_weeks as (

    select
        employee_onboardings.person_id,
        cast(
            {{ dbt.dateadd('day', '7 * week_offsets.week_offset', 'employee_onboardings.first_monday') }} as date
        ) as week_start

    from employee_onboardings
    cross join week_offsets
    where
        {{ dbt.dateadd('day', '7 * week_offsets.week_offset', 'employee_onboardings.first_monday') }}
        < {{ dbt.dateadd('day', 90, 'employee_onboardings.enrolled_date') }}
        and {{ dbt.dateadd('day', '7 * week_offsets.week_offset + 6', 'employee_onboardings.first_monday') }}
        <= {{ as_of_date() }}

),

-- The report must be employed on the Monday (hired on or before it, not
-- terminated on or before it).
employed_onboarding_weeks as (

    select distinct
        onboarding_weeks.person_id,
        onboarding_weeks.week_start

    from onboarding_weeks
    inner join role_stints
        on
            onboarding_weeks.person_id = role_stints.person_id
            and onboarding_weeks.week_start >= role_stints.hire_date
            and (role_stints.termination_date is null or onboarding_weeks.week_start < role_stints.termination_date)

),

-- One required action per (manager as of the Monday, report, week).
required_actions as (

    select distinct
        manager_history.manager_person_id,
        employed_onboarding_weeks.person_id as report_person_id,
        employed_onboarding_weeks.week_start

    from employed_onboarding_weeks
    inner join manager_history
        on
            employed_onboarding_weeks.person_id = manager_history.person_id
            and {{ is_effective_on(
                'employed_onboarding_weeks.week_start',
                'manager_history.valid_from',
                'manager_history.valid_to'
            ) }}
    where manager_history.manager_person_id is not null

),

checkins_by_person as (

    select
        managers.person_id as manager_person_id,
        learners.person_id as report_person_id,
        coaching_checkins.checkin_at

    from coaching_checkins
    inner join identity_map as managers
        on coaching_checkins.manager_user_id = managers.lms_user_id
    inner join identity_map as learners
        on coaching_checkins.learner_user_id = learners.lms_user_id

),

-- Logged once per required action however many check-ins that week.
logged_actions as (

    select distinct
        required_actions.manager_person_id,
        required_actions.report_person_id,
        required_actions.week_start

    from required_actions
    inner join checkins_by_person
        on
            required_actions.manager_person_id = checkins_by_person.manager_person_id
            and required_actions.report_person_id = checkins_by_person.report_person_id
            and required_actions.week_start <= checkins_by_person.checkin_at
            and {{ dbt.dateadd('day', 7, 'required_actions.week_start') }} > checkins_by_person.checkin_at

),

members as (

    select
        {{ period_columns('required_actions.week_start', 'week') }},
        required_actions.manager_person_id,
        case when logged_actions.week_start is not null then 1 else 0 end as measure,
        false as is_pending

    from required_actions
    left join logged_actions
        on
            required_actions.manager_person_id = logged_actions.manager_person_id
            and required_actions.report_person_id = logged_actions.report_person_id
            and required_actions.week_start = logged_actions.week_start

),

member_segments as (

    {{ kpi_member_segments('members', [
        ('manager', 'manager_person_id'),
    ]) }}

),

kpi_rows as (

    {{ kpi_aggregate('member_segments', 'coaching_completion_rate', 'percent', scale=100) }}

),

final as (

    select {{ kpi_output_columns() }}
    from kpi_rows

)

select * from final
