with

base as (

    select * from {{ ref('base_hubspot__deal') }}

),

final as (

    select
        deal_id,
        pipeline_id,
        deal_stage_id,
        owner_id,
        amount,
        currency_code,
        created_at,
        close_date,
        deal_type,
        lead_source,
        sa_owner_id,
        competitor,
        partner_company_id,
        qualification_score,
        is_technical_fit_confirmed,
        _loaded_at

    from base
    where _row_status = 'kept'

)

select * from final
