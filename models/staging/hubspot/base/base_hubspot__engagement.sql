{%- set earliest_at = "cast('2000-01-01' as timestamp)" -%}
{%- set latest_event_at = dbt.dateadd('year', 1, "cast('" ~ var('as_of_date') ~ "' as timestamp)") -%}

with

source as (

    select
        {{ fill_missing_columns(source('hubspot', 'engagement'), [
            'id',
            'type',
            'owner_id',
            ['timestamp', 'occurred_timestamp'],
            'created_at',
            'activity_type',
            'active',
            '_fivetran_deleted',
            '_fivetran_synced',
        ]) }}

    from {{ source('hubspot', 'engagement') }}

),

typed as (

    select
        {{ normalize_id('id') }} as engagement_id,
        upper({{ normalize_id('type') }}) as engagement_type,
        {{ normalize_id('owner_id') }} as owner_id,
        {{ parse_timestamp_utc('occurred_timestamp') }} as occurred_at,
        {{ parse_timestamp_utc('created_at') }} as created_at,
        {{ normalize_id('activity_type') }} as activity_type,
        {{ parse_boolean('active') }} as is_active,
        {{ parse_boolean('_fivetran_deleted') }} as fivetran_deleted_flag,
        {{ parse_timestamp_utc('_fivetran_synced') }} as _loaded_at,
        {{ normalize_id('id') }} as _source_pk,
        occurred_timestamp as raw_occurred_timestamp,
        created_at as raw_created_at,
        active as raw_active,
        _fivetran_deleted as raw_fivetran_deleted

    from source

),

checked as (

    select
        *,
        coalesce(fivetran_deleted_flag, false) as is_deleted,
        {{ dq_reason([
            ('engagement_type is null', 'missing type'),
            (failed_parse('raw_occurred_timestamp', 'occurred_at'), 'unparseable timestamp'),
            ('occurred_at < ' ~ earliest_at ~ ' or occurred_at > ' ~ latest_event_at, 'timestamp out of range'),
            (failed_parse('raw_created_at', 'created_at'), 'unparseable created_at'),
            ('created_at < ' ~ earliest_at ~ ' or created_at > ' ~ latest_event_at, 'created_at out of range'),
            (failed_parse('raw_active', 'is_active'), 'unparseable active'),
            (failed_parse('raw_fivetran_deleted', 'fivetran_deleted_flag'), 'unparseable _fivetran_deleted'),
        ]) }} as _dq_reason

    from typed

),

final as (

    select
        'hubspot.engagement' as _source_table,
        _source_pk,
        engagement_id,
        engagement_type,
        owner_id,
        occurred_at,
        created_at,
        activity_type,
        is_active,
        is_deleted,
        {{ event_date(['occurred_at', 'created_at']) }} as _event_date,
        _loaded_at,
        {{ reason_with_missing_key('_source_pk') }} as _dq_reason,
        {{ row_status('_source_pk', '_loaded_at', 'is_deleted') }} as _row_status

    from checked

)

select * from final
