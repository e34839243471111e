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

stage_mapping as (

    select * from {{ ref('stage_mapping') }}

),

fx_rates as (

    select * from {{ ref('stg_finance__fx_rates') }}

),

partners as (

    select * from {{ ref('stg_partner_portal__partners') }}

),

identity_map as (

    select * from {{ ref('int_identity_map') }}

),

quarantined_rows as (

    select * from {{ ref('int_quarantined_rows') }}

),

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
        hubspot_deals_source.is_technical_fit_confirmed

    from hubspot_deals_source
    left join hubspot_deal_accounts
        on
            hubspot_deals_source.deal_id = hubspot_deal_accounts.deal_id
            and hubspot_deal_accounts.company_rank = 1

),

crm_opportunities as (

    select * from hubspot_opportunities

),
{%- else -%}
-- Salesforce specifics stay here; a HubSpot deal branch is chosen above.
salesforce_opportunities as (

    select
        'salesforce.opportunity' as source_table,
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
        is_technical_fit_confirmed

    from salesforce_opportunities_source

),

crm_opportunities as (

    select * from salesforce_opportunities

),
{%- endif %}

kept_opportunities as (

    select crm_opportunities.*

    from crm_opportunities
    left join quarantined_rows
        on
            crm_opportunities.source_table = quarantined_rows.source_table
            and crm_opportunities.opportunity_id = quarantined_rows.source_pk
    where quarantined_rows.source_pk is null

),

-- A CRM user is one person: resolve on (crm_system, crm_user_id).
crm_users as (

    select
        crm_system,
        crm_user_id,
        person_id

    from identity_map
    where crm_user_id is not null

),

partner_accounts as (

    select
        crm_account_id,
        min(partner_id) as partner_id

    from partners
    where crm_account_id is not null
    group by crm_account_id

),

opportunity_usd_rates as (

    {{ usd_rates_on_or_before('kept_opportunities', 'opportunity_id', 'currency_code', 'close_date') }}

),

converted as (

    select
        kept_opportunities.*,
        opportunity_usd_rates.usd_rate

    from kept_opportunities
    inner join opportunity_usd_rates
        on kept_opportunities.opportunity_id = opportunity_usd_rates.opportunity_id

),

final as (

    select
        converted.opportunity_id,
        converted.crm_system,
        converted.account_id,
        owners.person_id as owner_person_id,
        solution_architects.person_id as sa_person_id,
        converted.created_at,
        cast(converted.created_at as date) as created_date,
        converted.close_date,
        stage_mapping.canonical_stage as current_canonical_stage,
        stage_mapping.is_closed,
        stage_mapping.is_won,
        converted.amount,
        converted.currency_code,
        converted.usd_rate,
        cast(converted.amount * converted.usd_rate as {{ dbt.type_numeric() }}) as amount_usd,
        nullif(trim(converted.competitor), '') as competitor,
        partner_accounts.partner_id,
        (
            partner_accounts.partner_id is not null
            or coalesce(lower(trim(converted.lead_source)) = 'partner', false)
        ) as is_partner_sourced,
        converted.qualification_score,
        converted.is_technical_fit_confirmed

    from converted
    left join stage_mapping
        on
            converted.crm_system = stage_mapping.crm_system
            and converted.crm_stage_name = stage_mapping.crm_stage_name
    left join crm_users as owners
        on
            converted.crm_system = owners.crm_system
            and converted.owner_crm_user_id = owners.crm_user_id
    left join crm_users as solution_architects
        on
            converted.crm_system = solution_architects.crm_system
            and converted.sa_crm_user_id = solution_architects.crm_user_id
    left join partner_accounts
        on converted.partner_account_id = partner_accounts.crm_account_id

)

select * from final
