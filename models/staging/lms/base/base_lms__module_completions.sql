{%- set earliest_date = "cast('2000-01-01' as date)" -%}
{%- set latest_event_date = "cast("
    ~ dbt.dateadd('year', 1, "cast('" ~ var('as_of_date') ~ "' as date)")
    ~ " as date)" -%}

with

source as (

    select * from {{ source('lms', 'module_completions') }}

),

kept_users as (

    select distinct user_id from {{ ref('stg_lms__users') }}

),

kept_modules as (

    select distinct module_id from {{ ref('stg_lms__modules') }}

),

typed as (

    select
        {{ normalize_id('completion_id') }} as completion_id,
        {{ normalize_id('user_id') }} as user_id,
        {{ normalize_id('module_id') }} as module_id,
        {{ parse_timestamp_utc('completed_at') }} as completed_at,
        {{ parse_timestamp_utc('_loaded_at') }} as _loaded_at,
        {{ normalize_id('completion_id') }} as _source_pk,
        completed_at as raw_completed_at

    from source

),

looked_up as (

    select
        typed.*,
        kept_users.user_id is not null as has_kept_user,
        kept_modules.module_id is not null as has_kept_module

    from typed
    left join kept_users
        on typed.user_id = kept_users.user_id
    left join kept_modules
        on typed.module_id = kept_modules.module_id

),

checked as (

    select
        *,
        {{ dq_reason([
            ('user_id is null', 'missing user_id'),
            ('not has_kept_user', 'orphan user_id'),
            ('module_id is null', 'missing module_id'),
            ('not has_kept_module', 'orphan module_id'),
            (failed_parse('raw_completed_at', 'completed_at'), 'unparseable completed_at'),
            ('completed_at is null', 'missing completed_at'),
            ('cast(completed_at as date) < ' ~ earliest_date ~ ' or cast(completed_at as date) > ' ~ latest_event_date,
                'completed_at out of range'),
        ]) }} as _dq_reason

    from looked_up

),

final as (

    select
        'lms.module_completions' as _source_table,
        _source_pk,
        completion_id,
        user_id,
        module_id,
        completed_at,
        {{ event_date(['completed_at']) }} as _event_date,
        _loaded_at,
        {{ reason_with_missing_key('_source_pk') }} as _dq_reason,
        {{ row_status('_source_pk', '_loaded_at') }} as _row_status

    from checked

)

select * from final
