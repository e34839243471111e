with

base as (

    select * from {{ ref('base_partner_portal__partners') }}

),

final as (

    select
        partner_id,
        partner_type,
        crm_account_id,
        activated_at,
        partner_status,
        deactivated_at,
        _loaded_at

    from base
    where _row_status = 'kept'

)

select * from final
