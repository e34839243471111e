with

base as (

    select * from {{ ref('base_salesforce__user') }}

),

final as (

    select
        user_id,
        email,
        employee_number,
        manager_user_id,
        title,
        user_role_id,
        is_active,
        _loaded_at

    from base
    where _row_status = 'kept'

)

select * from final
