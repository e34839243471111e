with

base as (

    select * from {{ ref('base_hubspot__engagement_deal') }}

),

final as (

    select
        engagement_id,
        deal_id,
        engagement_type,
        _loaded_at

    from base
    where _row_status = 'kept'

)

select * from final
