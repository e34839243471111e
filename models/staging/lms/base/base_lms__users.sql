{%- set earliest_date = "cast('2000-01-01' as date)" -%}
{%- set latest_event_date = "cast("
    ~ dbt.dateadd('year', 1, "cast('" ~ var('as_of_date') ~ "' as date)")
    ~ " as date)" -%}

with

source as (

    select * from {{ source('lms', 'users') }}

),

typed as (

    select
        {{ normalize_id('user_id') }} as user_id,
        {{ normalize_id('employee_number', 6) }} as employee_number,
        {{ normalize_id('partner_user_id') }} as partner_user_id,
        {{ normalize_email('email') }} as email,
        lower({{ normalize_id('user_type') }}) as user_type,
        {{ parse_timestamp_utc('created_at') }} as created_at,
        {{ parse_boolean('is_deleted') }} as is_deleted,
        {{ parse_timestamp_utc('_loaded_at') }} as _loaded_at,
        {{ normalize_id('user_id') }} as _source_pk,
        created_at as raw_created_at,
        is_deleted as raw_is_deleted

    from source

),

checked as (

    select
        *,
        {{ dq_reason([
            ('user_type is null', 'missing user_type'),
            ("user_type not in ('employee', 'partner')", 'unknown user_type'),
            (failed_parse('raw_created_at', 'created_at'), 'unparseable created_at'),
            ('cast(created_at as date) < ' ~ earliest_date ~ ' or cast(created_at as date) > ' ~ latest_event_date,
                'created_at out of range'),
            (failed_parse('raw_is_deleted', 'is_deleted'), 'unparseable is_deleted'),
        ]) }} as _dq_reason

    from typed

),

final as (

    select
        'lms.users' as _source_table,
        _source_pk,
        user_id,
        employee_number,
        partner_user_id,
        email,
        user_type,
        created_at,
        is_deleted,
        {{ event_date(['created_at']) }} as _event_date,
        _loaded_at,
        {{ reason_with_missing_key('_source_pk') }} as _dq_reason,
        {{ row_status('_source_pk', '_loaded_at', 'is_deleted') }} as _row_status

    from checked

)

select * from final
