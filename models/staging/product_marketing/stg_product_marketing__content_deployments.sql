with

base as (

    select * from {{ ref('base_product_marketing__content_deployments') }}

),

final as (

    select
        deployment_id,
        competitive_event_id,
        module_id,
        deployed_at,
        _loaded_at

    from base
    where _row_status = 'kept'

)

select * from final
