{%- set earliest_date = "cast('2000-01-01' as date)" -%}
{%- set latest_event_date = "cast("
    ~ dbt.dateadd('year', 1, "cast('" ~ var('as_of_date') ~ "' as date)")
    ~ " as date)" -%}

with

source as (

    select * from {{ source('lms', 'module_revisions') }}

),

kept_modules as (

    select distinct module_id from {{ ref('stg_lms__modules') }}

),

typed as (

    select
        {{ normalize_id('revision_id') }} as revision_id,
        {{ normalize_id('module_id') }} as module_id,
        {{ parse_timestamp_utc('revised_at') }} as revised_at,
        {{ normalize_id('change_summary') }} as change_summary,
        {{ parse_timestamp_utc('_loaded_at') }} as _loaded_at,
        {{ normalize_id('revision_id') }} as _source_pk,
        revised_at as raw_revised_at

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
            ('module_id is null', 'missing module_id'),
            ('not has_kept_module', 'orphan module_id'),
            (failed_parse('raw_revised_at', 'revised_at'), 'unparseable revised_at'),
            ('revised_at is null', 'missing revised_at'),
            ('cast(revised_at as date) < ' ~ earliest_date ~ ' or cast(revised_at as date) > ' ~ latest_event_date,
                'revised_at out of range'),
        ]) }} as _dq_reason

    from looked_up

),

final as (

    select
        'lms.module_revisions' as _source_table,
        _source_pk,
        revision_id,
        module_id,
        revised_at,
        change_summary,
        {{ event_date(['revised_at']) }} as _event_date,
        _loaded_at,
        {{ reason_with_missing_key('_source_pk') }} as _dq_reason,
        {{ row_status('_source_pk', '_loaded_at') }} as _row_status

    from checked

)

select * from final
