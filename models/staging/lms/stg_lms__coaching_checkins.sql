with

base as (

    select * from {{ ref('base_lms__coaching_checkins') }}

),

final as (

    select
        checkin_id,
        manager_user_id,
        learner_user_id,
        checkin_at,
        _loaded_at

    from base
    where _row_status = 'kept'

)

select * from final
