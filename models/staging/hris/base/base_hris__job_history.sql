{%- set earliest_date = "cast('2000-01-01' as date)" -%}
{%- set latest_event_date = "cast("
    ~ dbt.dateadd('year', 1, "cast('" ~ var('as_of_date') ~ "' as date)")
    ~ " as date)" -%}

with

source as (

    select * from {{ source('hris', 'job_history') }}

),

known_titles as (

    -- One row per title ignoring case and spaces, in the seed's spelling.
    select
        lower(trim(business_title)) as title_key,
        min(business_title) as business_title

    from {{ ref('role_track_mapping') }}
    group by lower(trim(business_title))

),

kept_workers as (

    select distinct worker_id from {{ ref('stg_hris__workers') }}

),

typed as (

    select
        {{ normalize_id('job_history_id') }} as job_history_id,
        {{ normalize_id('worker_id') }} as worker_id,
        {{ parse_date('effective_date') }} as effective_date,
        {{ normalize_id('business_title') }} as raw_business_title,
        {{ normalize_id('job_family') }} as job_family,
        {{ normalize_id('manager_worker_id') }} as manager_worker_id,
        {{ parse_boolean('is_deleted') }} as is_deleted,
        {{ parse_timestamp_utc('_loaded_at') }} as _loaded_at,
        {{ normalize_id('job_history_id') }} as _source_pk,
        effective_date as raw_effective_date,
        is_deleted as raw_is_deleted

    from source

),

looked_up as (

    select
        typed.*,
        known_titles.business_title,
        kept_workers.worker_id is not null as has_kept_worker

    from typed
    left join known_titles
        on lower(typed.raw_business_title) = known_titles.title_key
    left join kept_workers
        on typed.worker_id = kept_workers.worker_id

),

checked as (

    select
        *,
        {{ dq_reason([
            ('worker_id is null', 'missing worker_id'),
            ('not has_kept_worker', 'orphan worker_id'),
            (failed_parse('raw_effective_date', 'effective_date'), 'unparseable effective_date'),
            ('effective_date is null', 'missing effective_date'),
            ('effective_date < ' ~ earliest_date ~ ' or effective_date > ' ~ latest_event_date,
                'effective_date out of range'),
            ('raw_business_title is null', 'missing business_title'),
            ('business_title is null', 'unknown job title'),
            (failed_parse('raw_is_deleted', 'is_deleted'), 'unparseable is_deleted'),
        ]) }} as _dq_reason

    from looked_up

),

final as (

    select
        'hris.job_history' as _source_table,
        _source_pk,
        job_history_id,
        worker_id,
        effective_date,
        business_title,
        raw_business_title,
        job_family,
        manager_worker_id,
        is_deleted,
        {{ event_date(['effective_date']) }} as _event_date,
        _loaded_at,
        {{ reason_with_missing_key('_source_pk') }} as _dq_reason,
        {{ row_status('_source_pk', '_loaded_at', 'is_deleted') }} as _row_status

    from checked

)

select * from final
