with

base as (

    select * from {{ ref('base_salesforce__account') }}

),

final as (

    select
        account_id,
        account_type,
        industry,
        owner_user_id,
        created_at,
        _loaded_at

    from base
    where _row_status = 'kept'

)

select * from final
