{#- Adoption window around a start: enrolled no more than 30 days before
    (pre-boarding) and no more than 14 days after, both inclusive. -#}
{%- set days_before_start = 30 -%}
{%- set days_after_start = 14 -%}

with

field_roster as (

    select * from {{ ref('int_field_roster') }}

),

partners as (

    select * from {{ ref('int_partners') }}

),

enablement_progress as (

    select * from {{ ref('int_enablement_progress') }}

),

identity_map as (

    select * from {{ ref('int_identity_map') }}

),

enrollments_in_window as (

    select
        enablement_progress.person_id,
        identity_map.partner_id,
        enablement_progress.role_track,
        enablement_progress.enrolled_date

    from enablement_progress
    left join identity_map
        on enablement_progress.person_id = identity_map.person_id
    where enablement_progress.enrolled_date <= {{ as_of_date() }}

),

-- Who adopts through an enrollment: the employee, or for partner learners
-- their partner.
enrollments as (

    select
        case
            when role_track = 'Partner' then {{ dbt.concat(["'partner:'", "partner_id"]) }}
            else {{ dbt.concat(["'person:'", "person_id"]) }}
        end as adopter_key,
        role_track,
        enrolled_date

    from enrollments_in_window

),

-- New SA / AE role starts and newly activated partners, one row each.
eligible_starts as (

    select
        {{ dbt.concat([
            "'person:'", "person_id", "':'", "role_track", "':'",
            "cast(role_started_date as " ~ dbt.type_string() ~ ")",
        ]) }} as start_key,
        {{ dbt.concat(["'person:'", "person_id"]) }} as adopter_key,
        role_track,
        role_started_date as started_date,
        manager_person_id_at_start as manager_person_id,
        cast(null as {{ dbt.type_string() }}) as partner_type

    from field_roster
    where
        role_track in ('SA', 'AE')
        and role_started_date <= {{ as_of_date() }}

    union all

    select
        {{ dbt.concat(["'partner:'", "partner_id"]) }} as start_key,
        {{ dbt.concat(["'partner:'", "partner_id"]) }} as adopter_key,
        'Partner' as role_track,
        activated_date as started_date,
        cast(null as {{ dbt.type_string() }}) as manager_person_id,
        partner_type

    from partners
    where activated_date <= {{ as_of_date() }}

),

-- Starts with an enrollment of the same track inside the adoption window
-- (employees: their own; partners: any of their users').
adopted_starts as (

    select distinct eligible_starts.start_key

    from eligible_starts
    inner join enrollments
        on
            eligible_starts.adopter_key = enrollments.adopter_key
            and eligible_starts.role_track = enrollments.role_track
            and enrollments.enrolled_date
            >= {{ dbt.dateadd('day', -days_before_start, 'eligible_starts.started_date') }}
            and enrollments.enrolled_date
            <= {{ dbt.dateadd('day', days_after_start, 'eligible_starts.started_date') }}

),

-- Not yet enrolled while the 14-day window is still open: pending.
members as (

    select
        {{ period_columns('eligible_starts.started_date', 'month') }},
        eligible_starts.role_track,
        eligible_starts.manager_person_id,
        eligible_starts.partner_type,
        case
            when adopted_starts.start_key is not null then 1
            when {{ dbt.dateadd('day', days_after_start, 'eligible_starts.started_date') }} > {{ as_of_date() }}
                then null
            else 0
        end as measure,
        (
            adopted_starts.start_key is null
            and {{ dbt.dateadd('day', days_after_start, 'eligible_starts.started_date') }} > {{ as_of_date() }}
        ) as is_pending

    from eligible_starts
    left join adopted_starts
        on eligible_starts.start_key = adopted_starts.start_key

),

member_segments as (

    {{ kpi_member_segments('members', [
        ('role_track', 'role_track'),
        ('manager', 'manager_person_id'),
        ('partner_type', 'partner_type'),
    ]) }}

),

kpi_rows as (

    {{ kpi_aggregate('member_segments', 'program_adoption_rate', 'percent', scale=100) }}

),

final as (

    select {{ kpi_output_columns() }}
    from kpi_rows

)

select * from final
