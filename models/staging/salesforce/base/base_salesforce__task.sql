{%- set earliest_at = "cast('2000-01-01' as timestamp)" -%}
{%- set latest_event_at = dbt.dateadd('year', 1, "cast('" ~ var('as_of_date') ~ "' as timestamp)") -%}
{%- set earliest_date = "cast('2000-01-01' as date)" -%}

with

source as (

    select
        {{ fill_missing_columns(source('salesforce', 'task'), [
            'id',
            'what_id',
            'account_id',
            'owner_id',
            'subject',
            'type',
            'activity_date',
            'created_date',
            'status',
            'is_deleted',
            '_fivetran_deleted',
            '_fivetran_synced',
        ]) }}

    from {{ source('salesforce', 'task') }}

),

typed as (

    select
        {{ normalize_id('id') }} as task_id,
        {{ normalize_id('what_id') }} as what_id,
        {{ normalize_id('account_id') }} as account_id,
        {{ normalize_id('owner_id') }} as owner_user_id,
        {{ normalize_id('subject') }} as subject,
        {{ normalize_id('type') }} as task_type,
        {{ parse_date('activity_date') }} as activity_date,
        {{ parse_timestamp_utc('created_date') }} as created_at,
        {{ normalize_id('status') }} as status,
        {{ parse_boolean('is_deleted') }} as is_deleted_flag,
        {{ parse_boolean('_fivetran_deleted') }} as fivetran_deleted_flag,
        {{ parse_timestamp_utc('_fivetran_synced') }} as _loaded_at,
        {{ normalize_id('id') }} as _source_pk,
        activity_date as raw_activity_date,
        created_date as raw_created_date,
        is_deleted as raw_is_deleted,
        _fivetran_deleted as raw_fivetran_deleted

    from source

),

checked as (

    select
        *,
        coalesce(is_deleted_flag, false) or coalesce(fivetran_deleted_flag, false) as is_deleted,
        {{ dq_reason([
            ('owner_user_id is null', 'missing owner_id'),
            (failed_parse('raw_created_date', 'created_at'), 'unparseable created_date'),
            ('created_at is null', 'missing created_date'),
            ('created_at < ' ~ earliest_at ~ ' or created_at > ' ~ latest_event_at, 'created_date out of range'),
            (failed_parse('raw_activity_date', 'activity_date'), 'unparseable activity_date'),
            ('activity_date < ' ~ earliest_date, 'activity_date out of range'),
            (failed_parse('raw_is_deleted', 'is_deleted_flag'), 'unparseable is_deleted'),
            (failed_parse('raw_fivetran_deleted', 'fivetran_deleted_flag'), 'unparseable _fivetran_deleted'),
        ]) }} as _dq_reason

    from typed

),

final as (

    select
        'salesforce.task' as _source_table,
        _source_pk,
        task_id,
        what_id,
        account_id,
        owner_user_id,
        subject,
        task_type,
        activity_date,
        created_at,
        status,
        is_deleted,
        {{ event_date(['activity_date', 'created_at']) }} as _event_date,
        _loaded_at,
        {{ reason_with_missing_key('_source_pk') }} as _dq_reason,
        {{ row_status('_source_pk', '_loaded_at', 'is_deleted') }} as _row_status

    from checked

)

select * from final
