with

base as (

    select * from {{ ref('base_hubspot__engagement_call') }}

),

final as (

    select
        engagement_id,
        occurred_at,
        created_at,
        owner_id,
        activity_type,
        call_status,
        call_direction,
        duration_ms,
        _loaded_at

    from base
    where _row_status = 'kept'

)

select * from final
