with

base as (

    select * from {{ ref('base_hris__workers') }}

),

final as (

    select
        worker_id,
        employee_number,
        work_email,
        business_title,
        job_family,
        department,
        manager_worker_id,
        hire_date,
        termination_date,
        location,  -- noqa: RF04
        _loaded_at

    from base
    where _row_status = 'kept'

)

select * from final
