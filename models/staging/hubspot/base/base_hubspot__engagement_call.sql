{%- set earliest_at = "cast('2000-01-01' as timestamp)" -%}
{%- set latest_event_at = dbt.dateadd('year', 1, "cast('" ~ var('as_of_date') ~ "' as timestamp)") -%}

with

source as (

    select
        {{ fill_missing_columns(source('hubspot', 'engagement_call'), [
            'engagement_id',
            'property_hs_timestamp',
            'property_hs_createdate',
            'property_hubspot_owner_id',
            'property_hs_activity_type',
            'property_hs_call_status',
            'property_hs_call_direction',
            'property_hs_call_duration',
            'duration_milliseconds',
            '_fivetran_deleted',
            '_fivetran_synced',
        ]) }}

    from {{ source('hubspot', 'engagement_call') }}

),

engagements as (

    select distinct engagement_id from {{ ref('stg_hubspot__engagement') }}

),

typed as (

    select
        {{ normalize_id('engagement_id') }} as engagement_id,
        {{ parse_timestamp_utc('property_hs_timestamp') }} as occurred_at,
        {{ parse_timestamp_utc('property_hs_createdate') }} as created_at,
        {{ normalize_id('property_hubspot_owner_id') }} as owner_id,
        {{ normalize_id('property_hs_activity_type') }} as activity_type,
        upper({{ normalize_id('property_hs_call_status') }}) as call_status,
        upper({{ normalize_id('property_hs_call_direction') }}) as call_direction,
        {{ parse_numeric('property_hs_call_duration') }} as v3_duration_ms,
        {{ parse_numeric('duration_milliseconds') }} as v1_duration_ms,
        {{ parse_boolean('_fivetran_deleted') }} as fivetran_deleted_flag,
        {{ parse_timestamp_utc('_fivetran_synced') }} as _loaded_at,
        {{ normalize_id('engagement_id') }} as _source_pk,
        property_hs_timestamp as raw_hs_timestamp,
        property_hs_createdate as raw_hs_createdate,
        property_hs_call_duration as raw_hs_call_duration,
        duration_milliseconds as raw_duration_milliseconds,
        _fivetran_deleted as raw_fivetran_deleted

    from source

),

looked_up as (

    select
        typed.*,
        coalesce(typed.v3_duration_ms, typed.v1_duration_ms) as duration_ms,
        engagements.engagement_id is not null as has_kept_engagement,
        coalesce(typed.fivetran_deleted_flag, false) as is_deleted

    from typed
    left join engagements
        on typed.engagement_id = engagements.engagement_id

),

checked as (

    select
        *,
        {{ dq_reason([
            (failed_parse('raw_hs_timestamp', 'occurred_at'), 'unparseable hs_timestamp'),
            ('occurred_at < ' ~ earliest_at ~ ' or occurred_at > ' ~ latest_event_at, 'hs_timestamp out of range'),
            (failed_parse('raw_hs_createdate', 'created_at'), 'unparseable hs_createdate'),
            ('created_at < ' ~ earliest_at ~ ' or created_at > ' ~ latest_event_at, 'hs_createdate out of range'),
            (failed_parse('raw_hs_call_duration', 'v3_duration_ms'), 'unparseable call duration'),
            (failed_parse('raw_duration_milliseconds', 'v1_duration_ms'), 'unparseable call duration'),
            ('duration_ms < 0', 'negative call duration'),
            (failed_parse('raw_fivetran_deleted', 'fivetran_deleted_flag'), 'unparseable _fivetran_deleted'),
            ('not has_kept_engagement', 'orphan engagement_id'),
        ]) }} as _dq_reason

    from looked_up

),

final as (

    select
        'hubspot.engagement_call' as _source_table,
        _source_pk,
        engagement_id,
        occurred_at,
        created_at,
        owner_id,
        activity_type,
        call_status,
        call_direction,
        duration_ms,
        is_deleted,
        {{ event_date(['occurred_at', 'created_at']) }} as _event_date,
        _loaded_at,
        {{ reason_with_missing_key('_source_pk') }} as _dq_reason,
        {{ row_status('_source_pk', '_loaded_at', 'is_deleted') }} as _row_status

    from checked

)

select * from final
