with

base as (

    select * from {{ ref('base_salesforce__user_role') }}

),

final as (

    select
        user_role_id,
        role_name,
        developer_name,
        parent_role_id,
        _loaded_at

    from base
    where _row_status = 'kept'

)

select * from final
