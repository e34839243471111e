{#- Everyone the KPIs count, keyed by surrogate person_id: no names or emails.
    Role facts come from the latest role stint; enablement facts from the
    latest SA / AE roster row. -#}
with

identity_map as (

    select * from {{ ref('int_identity_map') }}

),

role_stints as (

    select * from {{ ref('int_role_stints') }}

),

field_roster as (

    select * from {{ ref('int_field_roster') }}

),

manager_history as (

    select * from {{ ref('int_manager_history') }}

),

latest_stint as (

    select
        person_id,
        role_track,
        role_started_date,
        hire_date,
        termination_date,
        row_number() over (
            partition by person_id
            order by role_started_date desc, role_track asc
        ) as stint_rank

    from role_stints

),

latest_roster as (

    select
        person_id,
        hire_cohort_month,
        is_internal_transfer,
        enablement_completed_date,
        is_enablement_complete,
        tenure_band,
        row_number() over (
            partition by person_id
            order by role_started_date desc, role_track asc
        ) as roster_rank

    from field_roster

),

current_manager as (

    select
        person_id,
        manager_person_id

    from manager_history
    where {{ is_effective_on(as_of_date(), 'valid_from', 'valid_to') }}

),

final as (

    select
        identity_map.person_id,
        identity_map.person_type,
        identity_map.partner_id,
        latest_stint.role_track as current_role_track,
        latest_stint.role_started_date as current_role_started_date,
        latest_stint.hire_date,
        latest_stint.termination_date,
        (
            identity_map.person_type = 'employee'
            and (latest_stint.termination_date is null or latest_stint.termination_date > {{ as_of_date() }})
        ) as is_active_employee,
        current_manager.manager_person_id as current_manager_person_id,
        latest_roster.hire_cohort_month,
        coalesce(latest_roster.is_internal_transfer, false) as is_internal_transfer,
        latest_roster.enablement_completed_date,
        coalesce(latest_roster.is_enablement_complete, false) as is_enablement_complete,
        latest_roster.tenure_band,
        identity_map.crm_match_method,
        identity_map.lms_match_method

    from identity_map
    left join latest_stint
        on
            identity_map.person_id = latest_stint.person_id
            and latest_stint.stint_rank = 1
    left join latest_roster
        on
            identity_map.person_id = latest_roster.person_id
            and latest_roster.roster_rank = 1
    left join current_manager
        on identity_map.person_id = current_manager.person_id

)

select * from final
