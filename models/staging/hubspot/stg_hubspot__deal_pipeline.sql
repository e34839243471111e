with

base as (

    select * from {{ ref('base_hubspot__deal_pipeline') }}

),

final as (

    select
        pipeline_id,
        pipeline_label,
        is_active,
        display_order,
        created_at,
        updated_at,
        _loaded_at

    from base
    where _row_status = 'kept'

)

select * from final
