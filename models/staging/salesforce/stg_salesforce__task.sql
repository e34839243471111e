with

base as (

    select * from {{ ref('base_salesforce__task') }}

),

final as (

    select
        task_id,
        what_id,
        account_id,
        owner_user_id,
        subject,
        task_type,
        activity_date,
        created_at,
        status,
        _loaded_at

    from base
    where _row_status = 'kept'

)

select * from final
