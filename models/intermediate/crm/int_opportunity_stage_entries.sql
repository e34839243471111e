with

-- Which CRM's staging is imported depends on var crm_source. sqlfluff also
-- lints mixed renderings of the two branches, where one set looks unused.
-- noqa: disable=ST03
{% if var('crm_source') == 'hubspot' -%}
hubspot_deal_stages_source as (

    select * from {{ ref('stg_hubspot__deal_stage') }}

),
{%- else -%}
salesforce_opportunity_history_source as (

    select * from {{ ref('stg_salesforce__opportunity_history') }}

),
{%- endif %}
-- noqa: enable=ST03

stage_mapping as (

    select * from {{ ref('stage_mapping') }}

),

opportunities as (

    select * from {{ ref('int_opportunities') }}

),

{% if var('crm_source') == 'hubspot' -%}
-- HubSpot (var crm_source = 'hubspot'): the Fivetran history of the dealstage
-- property, one row per stage value held, entered at date_entered.
hubspot_opportunity_history as (

    select
        deal_stage_history_id as history_id,
        deal_id as opportunity_id,
        'hubspot' as crm_system,
        deal_stage_id as crm_stage_name,
        entered_at as changed_at

    from hubspot_deal_stages_source

),

crm_opportunity_history as (

    select * from hubspot_opportunity_history

),
{%- else -%}
-- Salesforce OpportunityHistory: a row per save, whatever changed.
salesforce_opportunity_history as (

    select
        opportunity_history_id as history_id,
        opportunity_id,
        'salesforce' as crm_system,
        stage_name as crm_stage_name,
        changed_at

    from salesforce_opportunity_history_source

),

crm_opportunity_history as (

    select * from salesforce_opportunity_history

),
{%- endif %}

-- Only conformed opportunities: history of a quarantined deal is quarantined too.
mapped as (

    select
        crm_opportunity_history.history_id,
        crm_opportunity_history.opportunity_id,
        crm_opportunity_history.changed_at,
        stage_mapping.canonical_stage,
        stage_mapping.stage_order

    from crm_opportunity_history
    inner join opportunities
        on
            crm_opportunity_history.opportunity_id = opportunities.opportunity_id
            and crm_opportunity_history.crm_system = opportunities.crm_system
    inner join stage_mapping
        on
            crm_opportunity_history.crm_system = stage_mapping.crm_system
            and crm_opportunity_history.crm_stage_name = stage_mapping.crm_stage_name

),

sequenced as (

    select
        *,
        lag(canonical_stage) over (
            partition by opportunity_id
            order by changed_at, history_id
        ) as previous_canonical_stage

    from mapped

),

-- A save that leaves the canonical stage unchanged (amount, probability or
-- close-date edits) is not a transition.
transitions as (

    select *

    from sequenced
    where
        previous_canonical_stage is null
        or previous_canonical_stage != canonical_stage

),

-- First entry per stage: a regression and re-entry does not move the date.
ranked as (

    select
        *,
        row_number() over (
            partition by opportunity_id, canonical_stage
            order by changed_at, history_id
        ) as entry_number

    from transitions

),

final as (

    select
        opportunity_id,
        canonical_stage,
        stage_order,
        changed_at as first_entered_at,
        cast(changed_at as date) as first_entered_date

    from ranked
    where entry_number = 1

)

select * from final
