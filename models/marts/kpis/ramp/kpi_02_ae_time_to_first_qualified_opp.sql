{#- Canonical stages at or past qualification. closed_lost is not one: a deal
    lost straight from discovery was never qualified. -#}
{%- set qualified_stages = ['qualified', 'technical_validation', 'proposal', 'negotiation', 'closed_won'] -%}

with

field_roster as (

    select * from {{ ref('int_field_roster') }}

),

opportunities as (

    select * from {{ ref('int_opportunities') }}

),

stage_entries as (

    select * from {{ ref('int_opportunity_stage_entries') }}

),

ae_stints as (

    select
        person_id,
        role_started_date,
        role_ended_date,
        manager_person_id_at_start,
        enablement_completed_date

    from field_roster
    where role_track = 'AE'

),

-- Every moment an opportunity met the qualification rule: at creation with
-- a score at or above the threshold or a confirmed technical fit, or when it
-- first entered a stage at or past `qualified`.
qualification_moments as (

    select
        opportunity_id,
        owner_person_id,
        created_at as qualified_at

    from opportunities
    where
        qualification_score >= {{ var('qualification_score_threshold') }}
        or is_technical_fit_confirmed

    union all

    select
        opportunities.opportunity_id,
        opportunities.owner_person_id,
        min(stage_entries.first_entered_at) as qualified_at

    from opportunities
    inner join stage_entries
        on opportunities.opportunity_id = stage_entries.opportunity_id
    where
        stage_entries.canonical_stage in (
            {%- for stage in qualified_stages %}
            '{{ stage }}'{% if not loop.last %},{% endif %}
            {%- endfor %}
        )
    group by
        opportunities.opportunity_id,
        opportunities.owner_person_id

),

-- Moments of the AE's own opportunities during the AE stint, known by as_of;
-- the earliest (then lowest opportunity id) is the first qualified opp.
ranked_moments as (

    select
        ae_stints.person_id,
        ae_stints.role_started_date,
        qualification_moments.qualified_at,
        row_number() over (
            partition by ae_stints.person_id, ae_stints.role_started_date
            order by qualification_moments.qualified_at, qualification_moments.opportunity_id
        ) as moment_rank

    from ae_stints
    inner join qualification_moments
        on ae_stints.person_id = qualification_moments.owner_person_id
    where
        qualification_moments.qualified_at >= cast(ae_stints.role_started_date as {{ dbt.type_timestamp() }})
        and (
            ae_stints.role_ended_date is null
            or qualification_moments.qualified_at < cast(ae_stints.role_ended_date as {{ dbt.type_timestamp() }})
        )
        and qualification_moments.qualified_at < {{ dbt.dateadd('day', 1, as_of_date()) }}

),

first_qualified as (

    select
        person_id,
        role_started_date,
        cast(qualified_at as date) as qualified_date

    from ranked_moments
    where moment_rank = 1

),

-- Enabled as of the qualification date; AEs still waiting are split by
-- their status on as_of.
members as (

    select
        {{ period_columns('ae_stints.role_started_date', 'month') }},
        case
            when ae_stints.enablement_completed_date <= coalesce(first_qualified.qualified_date, {{ as_of_date() }})
                then 'enabled'
            else 'not_enabled'
        end as enablement_status,
        ae_stints.manager_person_id_at_start,
        {{ dbt.datediff('ae_stints.role_started_date', 'first_qualified.qualified_date', 'day') }} as measure,
        first_qualified.qualified_date is null as is_pending

    from ae_stints
    left join first_qualified
        on
            ae_stints.person_id = first_qualified.person_id
            and ae_stints.role_started_date = first_qualified.role_started_date

),

member_segments as (

    {{ kpi_member_segments('members', [
        ('enablement_status', 'enablement_status'),
        ('manager', 'manager_person_id_at_start'),
    ]) }}

),

kpi_rows as (

    {{ kpi_aggregate('member_segments', 'ae_time_to_first_qualified_opp', 'days') }}

),

final as (

    select {{ kpi_output_columns() }}
    from kpi_rows

)

select * from final
