with

base as (

    select * from {{ ref('base_hubspot__deal_pipeline_stage') }}

),

final as (

    select
        deal_stage_id,
        pipeline_id,
        stage_label,
        probability,
        is_closed_won,
        is_closed,
        is_active,
        display_order,
        created_at,
        updated_at,
        _loaded_at

    from base
    where _row_status = 'kept'

)

select * from final
