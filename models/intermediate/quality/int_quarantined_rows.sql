{#- Rows that staging kept but that break a rule needing a join across tables.
    This model is the single place those rules are decided: int_opportunities,
    int_opportunity_stage_entries, int_activities, int_activity_attendees and
    int_deal_registrations leave out exactly the rows listed here. -#}

with

-- Which CRM's staging is imported depends on var crm_source. sqlfluff also
-- lints mixed renderings of the two branches, where one set looks unused.
-- noqa: disable=ST03
{% if var('crm_source') == 'hubspot' -%}
hubspot_deals_source as (

    select * from {{ ref('stg_hubspot__deal') }}

),

hubspot_deal_stages_source as (

    select * from {{ ref('stg_hubspot__deal_stage') }}

),

hubspot_engagements_source as (

    select * from {{ ref('stg_hubspot__engagement') }}

),

hubspot_meetings_source as (

    select * from {{ ref('stg_hubspot__engagement_meeting') }}

),

hubspot_calls_source as (

    select * from {{ ref('stg_hubspot__engagement_call') }}

),
{%- else -%}
salesforce_opportunities_source as (

    select * from {{ ref('stg_salesforce__opportunity') }}

),

salesforce_opportunity_history_source as (

    select * from {{ ref('stg_salesforce__opportunity_history') }}

),

salesforce_events_source as (

    select * from {{ ref('stg_salesforce__event') }}

),

salesforce_event_relations_source as (

    select * from {{ ref('stg_salesforce__event_relation') }}

),

salesforce_tasks_source as (

    select * from {{ ref('stg_salesforce__task') }}

),
{%- endif %}
-- noqa: enable=ST03

deal_registrations as (

    select * from {{ ref('stg_partner_portal__deal_registrations') }}

),

fx_rates as (

    select * from {{ ref('stg_finance__fx_rates') }}

),

identity_map as (

    select * from {{ ref('int_identity_map') }}

),

role_stints as (

    select * from {{ ref('int_role_stints') }}

),

{% if var('crm_source') == 'hubspot' -%}
-- HubSpot (var crm_source = 'hubspot'): the same objects as int_opportunities,
-- int_opportunity_stage_entries and int_activities read (meetings and calls;
-- owner, type and date from the meeting / call row, else the engagement row).
-- Meeting attendees have no row of their own: they leave with their meeting.
hubspot_opportunities as (

    select
        'hubspot.deal' as source_table,
        deal_id as source_pk,
        deal_id as opportunity_id,
        currency_code,
        close_date,
        _loaded_at as loaded_at

    from hubspot_deals_source

),

hubspot_opportunity_history as (

    select
        'hubspot.deal_stage' as source_table,
        deal_stage_history_id as source_pk,
        deal_id as opportunity_id,
        _loaded_at as loaded_at

    from hubspot_deal_stages_source

),

hubspot_activities as (

    select
        'hubspot.engagement' as source_table,
        hubspot_engagements_source.engagement_id as source_pk,
        'hubspot' as crm_system,
        {{ dbt.concat([
            "case when hubspot_meetings_source.engagement_id is not null then 'event' else 'task' end",
            "':'",
            'hubspot_engagements_source.engagement_id',
        ]) }} as activity_id,
        coalesce(
            hubspot_meetings_source.owner_id,
            hubspot_calls_source.owner_id,
            hubspot_engagements_source.owner_id
        ) as owner_crm_user_id,
        {{ canonical_activity_type(
            'coalesce(hubspot_meetings_source.activity_type, hubspot_calls_source.activity_type, '
            ~ 'hubspot_engagements_source.activity_type, hubspot_engagements_source.engagement_type)'
        ) }} as activity_type,
        cast(coalesce(
            hubspot_meetings_source.started_at,
            hubspot_meetings_source.occurred_at,
            hubspot_calls_source.occurred_at,
            hubspot_engagements_source.occurred_at,
            hubspot_meetings_source.created_at,
            hubspot_calls_source.created_at,
            hubspot_engagements_source.created_at
        ) as date) as activity_date,
        hubspot_engagements_source._loaded_at as loaded_at

    from hubspot_engagements_source
    left join hubspot_meetings_source
        on hubspot_engagements_source.engagement_id = hubspot_meetings_source.engagement_id
    left join hubspot_calls_source
        on hubspot_engagements_source.engagement_id = hubspot_calls_source.engagement_id
    where
        hubspot_meetings_source.engagement_id is not null
        or hubspot_calls_source.engagement_id is not null

),

crm_opportunities as (

    select * from hubspot_opportunities

),

crm_opportunity_history as (

    select * from hubspot_opportunity_history

),

crm_activities as (

    select * from hubspot_activities

),

crm_activity_attendees as (

    select
        cast(null as {{ dbt.type_string() }}) as source_table,
        cast(null as {{ dbt.type_string() }}) as source_pk,
        cast(null as {{ dbt.type_string() }}) as activity_id,
        cast(null as {{ dbt.type_timestamp() }}) as loaded_at

    where 1 = 0

),
{%- else -%}
-- Salesforce specifics: one CTE per CRM object, conformed column names out.
salesforce_opportunities as (

    select
        'salesforce.opportunity' as source_table,
        opportunity_id as source_pk,
        opportunity_id,
        currency_code,
        close_date,
        _loaded_at as loaded_at

    from salesforce_opportunities_source

),

salesforce_opportunity_history as (

    select
        'salesforce.opportunity_history' as source_table,
        opportunity_history_id as source_pk,
        opportunity_id,
        _loaded_at as loaded_at

    from salesforce_opportunity_history_source

),

salesforce_activities as (

    select
        'salesforce.event' as source_table,
        event_id as source_pk,
        'salesforce' as crm_system,
        {{ dbt.concat(["'event:'", 'event_id']) }} as activity_id,
        owner_user_id as owner_crm_user_id,
        {{ canonical_activity_type('event_type') }} as activity_type,
        coalesce(cast(started_at as date), activity_date) as activity_date,
        _loaded_at as loaded_at

    from salesforce_events_source

    union all

    select
        'salesforce.task' as source_table,
        task_id as source_pk,
        'salesforce' as crm_system,
        {{ dbt.concat(["'task:'", 'task_id']) }} as activity_id,
        owner_user_id as owner_crm_user_id,
        {{ canonical_activity_type('task_type') }} as activity_type,
        coalesce(activity_date, cast(created_at as date)) as activity_date,
        _loaded_at as loaded_at

    from salesforce_tasks_source

),

salesforce_activity_attendees as (

    select
        'salesforce.event_relation' as source_table,
        event_relation_id as source_pk,
        {{ dbt.concat(["'event:'", 'event_id']) }} as activity_id,
        _loaded_at as loaded_at

    from salesforce_event_relations_source

),

-- CRM-agnostic from here on: a HubSpot branch is unioned into these.
crm_opportunities as (

    select * from salesforce_opportunities

),

crm_opportunity_history as (

    select * from salesforce_opportunity_history

),

crm_activities as (

    select * from salesforce_activities

),

crm_activity_attendees as (

    select * from salesforce_activity_attendees

),
{%- endif %}

-- A CRM user is one person: resolve on (crm_system, crm_user_id).
crm_users as (

    select
        crm_system,
        crm_user_id,
        person_id

    from identity_map
    where crm_user_id is not null

),

field_role_starts as (

    select
        person_id,
        min(role_started_date) as first_field_role_started_date

    from role_stints
    where role_track in ('SA', 'AE')
    group by person_id

),

opportunity_usd_rates as (

    {{ usd_rates_on_or_before('crm_opportunities', 'opportunity_id', 'currency_code', 'close_date') }}

),

opportunities_without_fx_rate as (

    select
        crm_opportunities.source_table,
        crm_opportunities.source_pk,
        crm_opportunities.opportunity_id,
        'no fx rate for currency' as dq_reason,
        crm_opportunities.loaded_at

    from crm_opportunities
    inner join opportunity_usd_rates
        on crm_opportunities.opportunity_id = opportunity_usd_rates.opportunity_id
    where opportunity_usd_rates.usd_rate is null

),

history_of_quarantined_opportunities as (

    select
        crm_opportunity_history.source_table,
        crm_opportunity_history.source_pk,
        'parent opportunity quarantined' as dq_reason,
        crm_opportunity_history.loaded_at

    from crm_opportunity_history
    inner join opportunities_without_fx_rate
        on crm_opportunity_history.opportunity_id = opportunities_without_fx_rate.opportunity_id

),

demos_before_role_start as (

    select
        crm_activities.source_table,
        crm_activities.source_pk,
        crm_activities.activity_id,
        'demo before role start' as dq_reason,
        crm_activities.loaded_at

    from crm_activities
    inner join crm_users
        on
            crm_activities.crm_system = crm_users.crm_system
            and crm_activities.owner_crm_user_id = crm_users.crm_user_id
    inner join field_role_starts
        on crm_users.person_id = field_role_starts.person_id
    where
        crm_activities.activity_type = 'demo'
        and crm_activities.activity_date < field_role_starts.first_field_role_started_date

),

attendees_of_quarantined_demos as (

    select
        crm_activity_attendees.source_table,
        crm_activity_attendees.source_pk,
        'parent activity quarantined' as dq_reason,
        crm_activity_attendees.loaded_at

    from crm_activity_attendees
    inner join demos_before_role_start
        on crm_activity_attendees.activity_id = demos_before_role_start.activity_id

),

orphan_deal_registrations as (

    select
        'partner_portal.deal_registrations' as source_table,
        deal_registrations.registration_id as source_pk,
        'orphan opportunity_id' as dq_reason,
        deal_registrations._loaded_at as loaded_at

    from deal_registrations
    left join crm_opportunities
        on deal_registrations.opportunity_id = crm_opportunities.opportunity_id
    where
        deal_registrations.opportunity_id is not null
        and crm_opportunities.opportunity_id is null

),

unioned as (

    select
        source_table,
        source_pk,
        dq_reason,
        loaded_at

    from opportunities_without_fx_rate

    union all

    select
        source_table,
        source_pk,
        dq_reason,
        loaded_at

    from history_of_quarantined_opportunities

    union all

    select
        source_table,
        source_pk,
        dq_reason,
        loaded_at

    from demos_before_role_start

    union all

    select
        source_table,
        source_pk,
        dq_reason,
        loaded_at

    from attendees_of_quarantined_demos

    union all

    select
        source_table,
        source_pk,
        dq_reason,
        loaded_at

    from orphan_deal_registrations

),

final as (

    select
        cast(source_table as {{ dbt.type_string() }}) as source_table,
        cast(source_pk as {{ dbt.type_string() }}) as source_pk,
        cast(dq_reason as {{ dbt.type_string() }}) as dq_reason,
        loaded_at

    from unioned

)

select * from final
