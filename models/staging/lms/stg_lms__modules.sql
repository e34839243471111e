with

base as (

    select * from {{ ref('base_lms__modules') }}

),

final as (

    select
        module_id,
        module_title,
        role_track,
        phase,
        created_at,
        _loaded_at

    from base
    where _row_status = 'kept'

)

select * from final
