with

base as (

    select * from {{ ref('base_lms__module_topics') }}

),

final as (

    select
        module_id,
        topic,
        _loaded_at

    from base
    where _row_status = 'kept'

)

select * from final
