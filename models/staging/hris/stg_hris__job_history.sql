with

base as (

    select * from {{ ref('base_hris__job_history') }}

),

final as (

    select
        job_history_id,
        worker_id,
        effective_date,
        business_title,
        job_family,
        manager_worker_id,
        _loaded_at

    from base
    where _row_status = 'kept'

)

select * from final
