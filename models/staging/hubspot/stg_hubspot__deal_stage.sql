with

base as (

    select * from {{ ref('base_hubspot__deal_stage') }}

),

final as (

    select
        deal_stage_history_id,
        deal_id,
        deal_stage_id,
        entered_at,
        version_started_at,
        version_ended_at,
        is_current,
        change_source,
        _loaded_at

    from base
    where _row_status = 'kept'

)

select * from final
