with

base as (

    select * from {{ ref('base_lms__users') }}

),

final as (

    select
        user_id,
        employee_number,
        partner_user_id,
        email,
        user_type,
        created_at,
        _loaded_at

    from base
    where _row_status = 'kept'

)

select * from final
