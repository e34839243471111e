with

opportunities as (

    select * from {{ ref('int_opportunities_conformed') }}

),

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

kept_opportunities as (

    select opportunities.*

    from opportunities
    left join quarantined_rows
        on
            opportunities.source_table = quarantined_rows.source_table
            and opportunities.source_pk = quarantined_rows.source_pk
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
