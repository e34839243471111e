with

base as (

    select * from {{ ref('base_lms__module_revisions') }}

),

final as (

    select
        revision_id,
        module_id,
        revised_at,
        change_summary,
        _loaded_at

    from base
    where _row_status = 'kept'

)

select * from final
