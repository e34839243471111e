with

base as (

    select * from {{ ref('base_hubspot__engagement_meeting') }}

),

final as (

    select
        engagement_id,
        started_at,
        ended_at,
        occurred_at,
        created_at,
        meeting_outcome,
        owner_id,
        activity_type,
        attendee_owner_ids,
        _loaded_at

    from base
    where _row_status = 'kept'

)

select * from final
