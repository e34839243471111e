with

base as (

    select * from {{ ref('base_product_marketing__product_launches') }}

),

final as (

    select
        launch_id,
        launch_name,
        topic,
        launched_at,
        _loaded_at

    from base
    where _row_status = 'kept'

)

select * from final
