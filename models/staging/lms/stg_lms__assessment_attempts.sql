with

base as (

    select * from {{ ref('base_lms__assessment_attempts') }}

),

final as (

    select
        attempt_id,
        user_id,
        gate_number,
        score,
        is_passed,
        attempted_at,
        _loaded_at

    from base
    where _row_status = 'kept'

)

select * from final
