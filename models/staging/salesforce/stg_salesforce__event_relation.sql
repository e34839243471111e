with

base as (

    select * from {{ ref('base_salesforce__event_relation') }}

),

final as (

    select
        event_relation_id,
        event_id,
        relation_id,
        is_invitee,
        status,
        _loaded_at

    from base
    where _row_status = 'kept'

)

select * from final
