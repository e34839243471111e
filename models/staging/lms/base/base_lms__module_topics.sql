with

source as (

    select * from {{ source('lms', 'module_topics') }}

),

kept_modules as (

    select distinct module_id from {{ ref('stg_lms__modules') }}

),

typed as (

    select
        {{ normalize_id('module_id') }} as module_id,
        lower({{ normalize_id('topic') }}) as topic,
        {{ parse_timestamp_utc('_loaded_at') }} as _loaded_at,
        {{ normalize_id('module_id') }} || '|' || lower({{ normalize_id('topic') }}) as _source_pk

    from source

),

looked_up as (

    select
        typed.*,
        kept_modules.module_id is not null as has_kept_module

    from typed
    left join kept_modules
        on typed.module_id = kept_modules.module_id

),

checked as (

    select
        *,
        {{ dq_reason([
            ('not has_kept_module', 'orphan module_id'),
        ]) }} as _dq_reason

    from looked_up

),

final as (

    select
        'lms.module_topics' as _source_table,
        _source_pk,
        module_id,
        topic,
        {{ event_date([]) }} as _event_date,
        _loaded_at,
        {{ reason_with_missing_key('_source_pk') }} as _dq_reason,
        {{ row_status('_source_pk', '_loaded_at') }} as _row_status

    from checked

)

select * from final
