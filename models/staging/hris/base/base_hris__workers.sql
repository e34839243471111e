{%- set earliest_date = "cast('2000-01-01' as date)" -%}
{%- set latest_event_date = "cast("
    ~ dbt.dateadd('year', 1, "cast('" ~ var('as_of_date') ~ "' as date)")
    ~ " as date)" -%}

with

source as (

    select * from {{ source('hris', 'workers') }}

),

known_titles as (

    -- One row per title ignoring case and spaces, in the seed's spelling.
    select
        lower(trim(business_title)) as title_key,
        min(business_title) as business_title

    from {{ ref('role_track_mapping') }}
    group by lower(trim(business_title))

),

typed as (

    select
        {{ normalize_id('worker_id') }} as worker_id,
        {{ normalize_id('employee_number', 6) }} as employee_number,
        {{ normalize_email('work_email') }} as work_email,
        {{ normalize_id('business_title') }} as raw_business_title,
        {{ normalize_id('job_family') }} as job_family,
        {{ normalize_id('department') }} as department,
        {{ normalize_id('manager_worker_id') }} as manager_worker_id,
        {{ parse_date('hire_date') }} as hire_date,
        {{ parse_date('termination_date') }} as termination_date,
        {{ normalize_id('location') }} as location,  -- noqa: RF04
        {{ parse_boolean('is_deleted') }} as is_deleted,
        {{ parse_timestamp_utc('_loaded_at') }} as _loaded_at,
        {{ normalize_id('worker_id') }} as _source_pk,
        hire_date as raw_hire_date,
        termination_date as raw_termination_date,
        is_deleted as raw_is_deleted

    from source

),

titled as (

    select
        typed.*,
        known_titles.business_title

    from typed
    left join known_titles
        on lower(typed.raw_business_title) = known_titles.title_key

),

checked as (

    select
        *,
        {{ dq_reason([
            ('employee_number is null', 'missing employee_number'),
            (failed_parse('raw_hire_date', 'hire_date'), 'unparseable hire_date'),
            ('hire_date is null', 'missing hire_date'),
            ('hire_date < ' ~ earliest_date ~ ' or hire_date > ' ~ latest_event_date, 'hire_date out of range'),
            (failed_parse('raw_termination_date', 'termination_date'), 'unparseable termination_date'),
            ('termination_date < ' ~ earliest_date ~ ' or termination_date > ' ~ latest_event_date,
                'termination_date out of range'),
            ('termination_date < hire_date', 'termination before hire'),
            ('raw_business_title is null', 'missing business_title'),
            ('business_title is null', 'unknown job title'),
            (failed_parse('raw_is_deleted', 'is_deleted'), 'unparseable is_deleted'),
        ]) }} as _dq_reason

    from titled

),

final as (

    select
        'hris.workers' as _source_table,
        _source_pk,
        worker_id,
        employee_number,
        work_email,
        business_title,
        raw_business_title,
        job_family,
        department,
        manager_worker_id,
        hire_date,
        termination_date,
        location,  -- noqa: RF04
        is_deleted,
        {{ event_date(['hire_date']) }} as _event_date,
        _loaded_at,
        {{ reason_with_missing_key('_source_pk') }} as _dq_reason,
        {{ row_status('_source_pk', '_loaded_at', 'is_deleted') }} as _row_status

    from checked

)

select * from final
