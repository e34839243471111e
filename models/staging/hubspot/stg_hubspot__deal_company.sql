with

base as (

    select * from {{ ref('base_hubspot__deal_company') }}

),

final as (

    select
        deal_id,
        company_id,
        association_type_id,
        association_category,
        _loaded_at

    from base
    where _row_status = 'kept'

)

select * from final
