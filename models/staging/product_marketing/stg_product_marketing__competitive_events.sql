with

base as (

    select * from {{ ref('base_product_marketing__competitive_events') }}

),

final as (

    select
        competitive_event_id,
        competitor,
        event_type,
        topic,
        announced_at,
        _loaded_at

    from base
    where _row_status = 'kept'

)

select * from final
