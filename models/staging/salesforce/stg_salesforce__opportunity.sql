with

base as (

    select * from {{ ref('base_salesforce__opportunity') }}

),

final as (

    select
        opportunity_id,
        account_id,
        owner_user_id,
        stage_name,
        amount,
        currency_code,
        created_at,
        close_date,
        is_closed,
        is_won,
        opportunity_type,
        lead_source,
        sa_owner_user_id,
        competitor,
        partner_account_id,
        qualification_score,
        is_technical_fit_confirmed,
        _loaded_at

    from base
    where _row_status = 'kept'

)

select * from final
