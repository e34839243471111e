{#- The one place that knows which CRM the stage history comes from (var
    crm_source): every staged history row, before the relational quarantine. -#}

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

{% if var('crm_source') == 'hubspot' -%}
-- HubSpot (var crm_source = 'hubspot'): the Fivetran history of the dealstage
-- property, one row per stage value held, entered at date_entered.
hubspot_opportunity_history as (

    select
        'hubspot.deal_stage' as source_table,
        deal_stage_history_id as source_pk,
        deal_stage_history_id as history_id,
        deal_id as opportunity_id,
        'hubspot' as crm_system,
        deal_stage_id as crm_stage_name,
        entered_at as changed_at,
        _loaded_at

    from hubspot_deal_stages_source

),

final as (

    select * from hubspot_opportunity_history

)
{%- else -%}
-- Salesforce OpportunityHistory: a row per save, whatever changed.
salesforce_opportunity_history as (

    select
        'salesforce.opportunity_history' as source_table,
        opportunity_history_id as source_pk,
        opportunity_history_id as history_id,
        opportunity_id,
        'salesforce' as crm_system,
        stage_name as crm_stage_name,
        changed_at,
        _loaded_at

    from salesforce_opportunity_history_source

),

final as (

    select * from salesforce_opportunity_history

)
{%- endif %}

select * from final
