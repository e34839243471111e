{#- The one place that knows which CRM the activities come from (var
    crm_source): every staged meeting / call (HubSpot) or event / task
    (Salesforce) in conformed columns, before the relational quarantine.
    int_quarantined_rows judges these rows and int_activities keeps the rest. -#}

with

-- Which CRM's staging is imported depends on var crm_source. sqlfluff also
-- lints mixed renderings of the two branches, where one set looks unused.
-- noqa: disable=ST03
{% if var('crm_source') == 'hubspot' -%}
hubspot_engagements_source as (

    select * from {{ ref('stg_hubspot__engagement') }}

),

hubspot_meetings_source as (

    select * from {{ ref('stg_hubspot__engagement_meeting') }}

),

hubspot_calls_source as (

    select * from {{ ref('stg_hubspot__engagement_call') }}

),

hubspot_engagement_deals_source as (

    select * from {{ ref('stg_hubspot__engagement_deal') }}

),

hubspot_companies_source as (

    select * from {{ ref('stg_hubspot__company') }}

),
{%- else -%}
salesforce_events_source as (

    select * from {{ ref('stg_salesforce__event') }}

),

salesforce_tasks_source as (

    select * from {{ ref('stg_salesforce__task') }}

),

salesforce_accounts_source as (

    select * from {{ ref('stg_salesforce__account') }}

),
{%- endif %}
-- noqa: enable=ST03

-- Staged deals of the same CRM: an activity on a deal is at the deal's account.
opportunities as (

    select * from {{ ref('int_opportunities_conformed') }}

),

{% if var('crm_source') == 'hubspot' -%}
-- HubSpot (var crm_source = 'hubspot'): meetings are events and calls are
-- tasks (as Salesforce logs calls); emails, notes and to-dos are not
-- activities here. Owner, call-and-meeting type and time come from the
-- meeting / call row (v3 connectors), else from the engagement row (v1); a
-- meeting happens at its start. Without a call-and-meeting type the engagement
-- type decides (MEETING -> meeting, CALL -> call). An engagement on several
-- deals counts on the lowest deal id; its account is that deal's account in
-- int_opportunities_conformed (the primary company).
hubspot_engagements as (

    select
        hubspot_engagements_source.engagement_id,
        case when hubspot_meetings_source.engagement_id is not null then 'event' else 'task' end as activity_source,
        coalesce(
            hubspot_meetings_source.activity_type,
            hubspot_calls_source.activity_type,
            hubspot_engagements_source.activity_type,
            hubspot_engagements_source.engagement_type
        ) as crm_activity_type,
        coalesce(
            hubspot_meetings_source.owner_id,
            hubspot_calls_source.owner_id,
            hubspot_engagements_source.owner_id
        ) as owner_crm_user_id,
        coalesce(
            hubspot_meetings_source.started_at,
            hubspot_meetings_source.occurred_at,
            hubspot_calls_source.occurred_at,
            hubspot_engagements_source.occurred_at,
            hubspot_meetings_source.created_at,
            hubspot_calls_source.created_at,
            hubspot_engagements_source.created_at
        ) as occurred_at,
        hubspot_engagements_source._loaded_at

    from hubspot_engagements_source
    left join hubspot_meetings_source
        on hubspot_engagements_source.engagement_id = hubspot_meetings_source.engagement_id
    left join hubspot_calls_source
        on hubspot_engagements_source.engagement_id = hubspot_calls_source.engagement_id
    where
        hubspot_meetings_source.engagement_id is not null
        or hubspot_calls_source.engagement_id is not null

),

hubspot_engagement_deals as (

    select
        engagement_id,
        min(deal_id) as deal_id

    from hubspot_engagement_deals_source
    group by engagement_id

),

hubspot_activities as (

    select
        'hubspot.engagement' as source_table,
        hubspot_engagements.engagement_id as source_pk,
        'hubspot' as crm_system,
        {{ dbt.concat(['hubspot_engagements.activity_source', "':'", 'hubspot_engagements.engagement_id']) }}
            as activity_id,
        hubspot_engagements.activity_source,
        {{ canonical_activity_type('hubspot_engagements.crm_activity_type') }} as activity_type,
        hubspot_engagement_deals.deal_id as opportunity_id,
        opportunities.account_id,
        hubspot_engagements.owner_crm_user_id,
        hubspot_engagements.occurred_at,
        cast(hubspot_engagements.occurred_at as date) as activity_date,
        coalesce(
            lower(hubspot_companies_source.company_type) in ('customer', 'prospect')
            or hubspot_companies_source.lifecycle_stage = 'customer',
            false
        ) as is_customer_account,
        hubspot_engagements._loaded_at

    from hubspot_engagements
    left join hubspot_engagement_deals
        on hubspot_engagements.engagement_id = hubspot_engagement_deals.engagement_id
    left join opportunities
        on hubspot_engagement_deals.deal_id = opportunities.opportunity_id
    left join hubspot_companies_source
        on opportunities.account_id = hubspot_companies_source.company_id

),

final as (

    select * from hubspot_activities

)
{%- else -%}
-- Salesforce specifics: events carry a start time; tasks only a date, so a
-- task happens at midnight UTC of its activity date (created time when undated).
-- what_id is polymorphic: opportunity ids start 006, account ids 001.
salesforce_events_and_tasks as (

    select
        'salesforce.event' as source_table,
        event_id as source_pk,
        'salesforce' as crm_system,
        {{ dbt.concat(["'event:'", 'event_id']) }} as activity_id,
        'event' as activity_source,
        {{ canonical_activity_type('event_type') }} as activity_type,
        case when what_id like '006%' then what_id end as opportunity_id,
        coalesce(account_id, case when what_id like '001%' then what_id end) as account_id,
        owner_user_id as owner_crm_user_id,
        coalesce(started_at, cast(activity_date as {{ dbt.type_timestamp() }})) as occurred_at,
        coalesce(cast(started_at as date), activity_date) as activity_date,
        _loaded_at

    from salesforce_events_source

    union all

    select
        'salesforce.task' as source_table,
        task_id as source_pk,
        'salesforce' as crm_system,
        {{ dbt.concat(["'task:'", 'task_id']) }} as activity_id,
        'task' as activity_source,
        {{ canonical_activity_type('task_type') }} as activity_type,
        case when what_id like '006%' then what_id end as opportunity_id,
        coalesce(account_id, case when what_id like '001%' then what_id end) as account_id,
        owner_user_id as owner_crm_user_id,
        coalesce(cast(activity_date as {{ dbt.type_timestamp() }}), created_at) as occurred_at,
        coalesce(activity_date, cast(created_at as date)) as activity_date,
        _loaded_at

    from salesforce_tasks_source

),

salesforce_activities as (

    select
        salesforce_events_and_tasks.source_table,
        salesforce_events_and_tasks.source_pk,
        salesforce_events_and_tasks.crm_system,
        salesforce_events_and_tasks.activity_id,
        salesforce_events_and_tasks.activity_source,
        salesforce_events_and_tasks.activity_type,
        salesforce_events_and_tasks.opportunity_id,
        coalesce(
            salesforce_events_and_tasks.account_id,
            opportunities.account_id
        ) as account_id,
        salesforce_events_and_tasks.owner_crm_user_id,
        salesforce_events_and_tasks.occurred_at,
        salesforce_events_and_tasks.activity_date,
        coalesce(salesforce_accounts_source.account_type in ('Customer', 'Prospect'), false) as is_customer_account,
        salesforce_events_and_tasks._loaded_at

    from salesforce_events_and_tasks
    left join opportunities
        on salesforce_events_and_tasks.opportunity_id = opportunities.opportunity_id
    left join salesforce_accounts_source
        on
            coalesce(salesforce_events_and_tasks.account_id, opportunities.account_id)
            = salesforce_accounts_source.account_id

),

final as (

    select * from salesforce_activities

)
{%- endif %}

select * from final
