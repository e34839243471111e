with

base as (

    select * from {{ ref('base_lms__enrollments') }}

),

final as (

    select
        enrollment_id,
        user_id,
        program,
        role_track,
        enrolled_at,
        _loaded_at

    from base
    where _row_status = 'kept'

)

select * from final
