with

base as (

    select * from {{ ref('base_hubspot__engagement') }}

),

final as (

    select
        engagement_id,
        engagement_type,
        owner_id,
        occurred_at,
        created_at,
        activity_type,
        is_active,
        _loaded_at

    from base
    where _row_status = 'kept'

)

select * from final
