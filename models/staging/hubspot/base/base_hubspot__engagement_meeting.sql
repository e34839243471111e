{%- set earliest_at = "cast('2000-01-01' as timestamp)" -%}
{%- set latest_event_at = dbt.dateadd('year', 1, "cast('" ~ var('as_of_date') ~ "' as timestamp)") -%}

with

source as (

    select
        {{ fill_missing_columns(source('hubspot', 'engagement_meeting'), [
            'engagement_id',
            'start_time',
            'end_time',
            'meeting_outcome',
            'property_hs_meeting_start_time',
            'property_hs_meeting_end_time',
            'property_hs_meeting_outcome',
            'property_hs_timestamp',
            'property_hs_createdate',
            'property_hubspot_owner_id',
            'property_hs_activity_type',
            'property_hs_attendee_owner_ids',
            '_fivetran_deleted',
            '_fivetran_synced',
        ]) }}

    from {{ source('hubspot', 'engagement_meeting') }}

),

engagements as (

    select distinct engagement_id from {{ ref('stg_hubspot__engagement') }}

),

-- v1 connectors land start_time / end_time, v3 connectors the hs_ properties.
typed as (

    select
        {{ normalize_id('engagement_id') }} as engagement_id,
        {{ parse_timestamp_utc('property_hs_meeting_start_time') }} as v3_started_at,
        {{ parse_timestamp_utc('start_time') }} as v1_started_at,
        {{ parse_timestamp_utc('property_hs_meeting_end_time') }} as v3_ended_at,
        {{ parse_timestamp_utc('end_time') }} as v1_ended_at,
        {{ parse_timestamp_utc('property_hs_timestamp') }} as occurred_at,
        {{ parse_timestamp_utc('property_hs_createdate') }} as created_at,
        upper(coalesce(
            {{ normalize_id('property_hs_meeting_outcome') }},
            {{ normalize_id('meeting_outcome') }}
        )) as meeting_outcome,
        {{ normalize_id('property_hubspot_owner_id') }} as owner_id,
        {{ normalize_id('property_hs_activity_type') }} as activity_type,
        replace({{ normalize_id('property_hs_attendee_owner_ids') }}, ' ', '') as attendee_owner_ids,
        {{ parse_boolean('_fivetran_deleted') }} as fivetran_deleted_flag,
        {{ parse_timestamp_utc('_fivetran_synced') }} as _loaded_at,
        {{ normalize_id('engagement_id') }} as _source_pk,
        property_hs_meeting_start_time as raw_hs_meeting_start_time,
        start_time as raw_start_time,
        property_hs_meeting_end_time as raw_hs_meeting_end_time,
        end_time as raw_end_time,
        property_hs_timestamp as raw_hs_timestamp,
        property_hs_createdate as raw_hs_createdate,
        _fivetran_deleted as raw_fivetran_deleted

    from source

),

looked_up as (

    select
        typed.*,
        coalesce(typed.v3_started_at, typed.v1_started_at) as started_at,
        coalesce(typed.v3_ended_at, typed.v1_ended_at) as ended_at,
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
            (failed_parse('raw_hs_meeting_start_time', 'v3_started_at'), 'unparseable meeting start'),
            (failed_parse('raw_start_time', 'v1_started_at'), 'unparseable meeting start'),
            ('started_at < ' ~ earliest_at ~ ' or started_at > ' ~ latest_event_at, 'meeting start out of range'),
            (failed_parse('raw_hs_meeting_end_time', 'v3_ended_at'), 'unparseable meeting end'),
            (failed_parse('raw_end_time', 'v1_ended_at'), 'unparseable meeting end'),
            ('ended_at < started_at', 'meeting ends before it starts'),
            (failed_parse('raw_hs_timestamp', 'occurred_at'), 'unparseable hs_timestamp'),
            ('occurred_at < ' ~ earliest_at ~ ' or occurred_at > ' ~ latest_event_at, 'hs_timestamp out of range'),
            (failed_parse('raw_hs_createdate', 'created_at'), 'unparseable hs_createdate'),
            ('created_at < ' ~ earliest_at ~ ' or created_at > ' ~ latest_event_at, 'hs_createdate out of range'),
            (failed_parse('raw_fivetran_deleted', 'fivetran_deleted_flag'), 'unparseable _fivetran_deleted'),
            ('not has_kept_engagement', 'orphan engagement_id'),
        ]) }} as _dq_reason

    from looked_up

),

final as (

    select
        'hubspot.engagement_meeting' as _source_table,
        _source_pk,
        engagement_id,
        started_at,
        ended_at,
        occurred_at,
        created_at,
        meeting_outcome,
        owner_id,
        activity_type,
        attendee_owner_ids,
        is_deleted,
        {{ event_date(['started_at', 'occurred_at', 'created_at']) }} as _event_date,
        _loaded_at,
        {{ reason_with_missing_key('_source_pk') }} as _dq_reason,
        {{ row_status('_source_pk', '_loaded_at', 'is_deleted') }} as _row_status

    from checked

)

select * from final
