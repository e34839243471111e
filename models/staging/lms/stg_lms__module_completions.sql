with

base as (

    select * from {{ ref('base_lms__module_completions') }}

),

final as (

    select
        completion_id,
        user_id,
        module_id,
        completed_at,
        _loaded_at

    from base
    where _row_status = 'kept'

)

select * from final
