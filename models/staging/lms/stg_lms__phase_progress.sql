with

base as (

    select * from {{ ref('base_lms__phase_progress') }}

),

final as (

    select
        phase_progress_id,
        enrollment_id,
        phase,
        due_date,
        completed_at,
        _loaded_at

    from base
    where _row_status = 'kept'

)

select * from final
