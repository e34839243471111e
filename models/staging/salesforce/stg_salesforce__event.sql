with

base as (

    select * from {{ ref('base_salesforce__event') }}

),

final as (

    select
        event_id,
        what_id,
        account_id,
        owner_user_id,
        subject,
        event_type,
        started_at,
        activity_date,
        created_at,
        _loaded_at

    from base
    where _row_status = 'kept'

)

select * from final
