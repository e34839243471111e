with

base as (

    select * from {{ ref('base_partner_portal__partner_users') }}

),

final as (

    select
        partner_user_id,
        partner_id,
        email,
        created_at,
        _loaded_at

    from base
    where _row_status = 'kept'

)

select * from final
