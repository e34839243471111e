with

base as (

    select * from {{ ref('base_hubspot__company') }}

),

final as (

    select
        company_id,
        company_type,
        lifecycle_stage,
        industry,
        created_at,
        owner_id,
        _loaded_at

    from base
    where _row_status = 'kept'

)

select * from final
