with

base as (

    select * from {{ ref('base_hubspot__owner') }}

),

final as (

    select
        owner_id,
        email,
        owner_type,
        is_active,
        created_at,
        _loaded_at

    from base
    where _row_status = 'kept'

)

select * from final
