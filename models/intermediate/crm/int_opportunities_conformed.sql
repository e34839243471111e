{#- The one place that knows which CRM the opportunities come from (var
    crm_source). Every staged deal, before the relational quarantine:
    int_quarantined_rows judges these rows and int_opportunities keeps the rest. -#}

with

-- Which CRM's staging is imported depends on var crm_source. sqlfluff also
-- lints mixed renderings of the two branches, where one set looks unused.
-- noqa: disable=ST03
{% if var('crm_source') == 'hubspot' -%}
hubspot_deals_source as (

    select * from {{ ref('stg_hubspot__deal') }}

),

hubspot_deal_companies_source as (

    select * from {{ ref('stg_hubspot__deal_company') }}

),
{%- else -%}
salesforce_opportunities_source as (

    select * from {{ ref('stg_salesforce__opportunity') }}

),
{%- endif %}
-- noqa: enable=ST03

{% if var('crm_source') == 'hubspot' -%}
-- HubSpot (var crm_source = 'hubspot'): a deal's account is its primary
-- company (association type 5), else its lowest company id; the stage is the
-- internal stage id that stage_mapping maps for crm_system 'hubspot'.
hubspot_deal_accounts as (

    select
        deal_id,
        company_id,
        row_number() over (
            partition by deal_id
            order by case when association_type_id = '5' then 0 else 1 end, company_id
        ) as company_rank

    from hubspot_deal_companies_source

),

hubspot_opportunities as (

    select
        'hubspot.deal' as source_table,
        hubspot_deals_source.deal_id as source_pk,
        hubspot_deals_source.deal_id as opportunity_id,
        'hubspot' as crm_system,
        hubspot_deal_accounts.company_id as account_id,
        hubspot_deals_source.owner_id as owner_crm_user_id,
        hubspot_deals_source.sa_owner_id as sa_crm_user_id,
        hubspot_deals_source.deal_stage_id as crm_stage_name,
        hubspot_deals_source.created_at,
        hubspot_deals_source.close_date,
        hubspot_deals_source.amount,
        hubspot_deals_source.currency_code,
        hubspot_deals_source.competitor,
        hubspot_deals_source.partner_company_id as partner_account_id,
        hubspot_deals_source.lead_source,
        hubspot_deals_source.qualification_score,
        hubspot_deals_source.is_technical_fit_confirmed,
        hubspot_deals_source._loaded_at

    from hubspot_deals_source
    left join hubspot_deal_accounts
        on
            hubspot_deals_source.deal_id = hubspot_deal_accounts.deal_id
            and hubspot_deal_accounts.company_rank = 1

),

final as (

    select * from hubspot_opportunities

)
{%- else -%}
salesforce_opportunities as (

    select
        'salesforce.opportunity' as source_table,
        opportunity_id as source_pk,
        opportunity_id,
        'salesforce' as crm_system,
        account_id,
        owner_user_id as owner_crm_user_id,
        sa_owner_user_id as sa_crm_user_id,
        stage_name as crm_stage_name,
        created_at,
        close_date,
        amount,
        currency_code,
        competitor,
        partner_account_id,
        lead_source,
        qualification_score,
        is_technical_fit_confirmed,
        _loaded_at

    from salesforce_opportunities_source

),

final as (

    select * from salesforce_opportunities

)
{%- endif %}

select * from final
