with

opportunities as (

    select * from {{ ref('int_opportunities') }}

),

stage_entries as (

    select * from {{ ref('int_opportunity_stage_entries') }}

),

activities as (

    select * from {{ ref('int_activities') }}

),

enablement_progress as (

    select * from {{ ref('int_enablement_progress') }}

),

-- Deals that first entered technical validation by as_of.
validations as (

    select
        opportunities.opportunity_id,
        opportunities.owner_person_id,
        stage_entries.first_entered_at as validation_entered_at,
        stage_entries.first_entered_date as validation_entered_date

    from opportunities
    inner join stage_entries
        on opportunities.opportunity_id = stage_entries.opportunity_id
    where
        stage_entries.canonical_stage = 'technical_validation'
        and stage_entries.first_entered_at < {{ dbt.dateadd('day', 1, as_of_date()) }}

),

-- The deal's first discovery-call event at or before that entry.
first_discovery_calls as (

    select
        validations.opportunity_id,
        min(activities.occurred_at) as first_discovery_at

    from validations
    inner join activities
        on validations.opportunity_id = activities.opportunity_id
    where
        activities.activity_source = 'event'
        and activities.activity_type = 'discovery_call'
        and activities.occurred_at <= validations.validation_entered_at
    group by validations.opportunity_id

),

-- The owner's enablement in the AE track (earliest completion known by as_of).
ae_enablement as (

    select
        person_id,
        min(enablement_completed_date) as enablement_completed_date

    from enablement_progress
    where
        role_track = 'AE'
        and enablement_completed_date <= {{ as_of_date() }}
    group by person_id

),

-- Deals without a discovery call are left out entirely.
members as (

    select
        {{ period_columns('validations.validation_entered_date', 'month') }},
        case
            when validations.owner_person_id is null then null
            when ae_enablement.enablement_completed_date <= validations.validation_entered_date then 'enabled'
            else 'not_enabled'
        end as enablement_status,
        {{ dbt.datediff(
            'cast(first_discovery_calls.first_discovery_at as date)',
            'validations.validation_entered_date',
            'day'
        ) }} as measure,
        false as is_pending

    from validations
    inner join first_discovery_calls
        on validations.opportunity_id = first_discovery_calls.opportunity_id
    left join ae_enablement
        on validations.owner_person_id = ae_enablement.person_id

),

member_segments as (

    {{ kpi_member_segments('members', [
        ('enablement_status', 'enablement_status'),
    ]) }}

),

kpi_rows as (

    {{ kpi_aggregate('member_segments', 'discovery_to_validation_days', 'days') }}

),

final as (

    select {{ kpi_output_columns() }}
    from kpi_rows

)

select * from final
