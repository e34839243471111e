with

source as (

    select
        {{ fill_missing_columns(source('salesforce', 'event_relation'), [
            'id',
            'event_id',
            'relation_id',
            'is_invitee',
            'status',
            'is_deleted',
            '_fivetran_deleted',
            '_fivetran_synced',
        ]) }}

    from {{ source('salesforce', 'event_relation') }}

),

events as (

    select distinct event_id from {{ ref('stg_salesforce__event') }}

),

typed as (

    select
        {{ normalize_id('id') }} as event_relation_id,
        {{ normalize_id('event_id') }} as event_id,
        {{ normalize_id('relation_id') }} as relation_id,
        {{ parse_boolean('is_invitee') }} as is_invitee,
        {{ normalize_id('status') }} as status,
        {{ parse_boolean('is_deleted') }} as is_deleted_flag,
        {{ parse_boolean('_fivetran_deleted') }} as fivetran_deleted_flag,
        {{ parse_timestamp_utc('_fivetran_synced') }} as _loaded_at,
        {{ normalize_id('id') }} as _source_pk,
        is_invitee as raw_is_invitee,
        is_deleted as raw_is_deleted,
        _fivetran_deleted as raw_fivetran_deleted

    from source

),

looked_up as (

    select
        typed.*,
        events.event_id is not null as has_kept_event,
        coalesce(typed.is_deleted_flag, false) or coalesce(typed.fivetran_deleted_flag, false) as is_deleted

    from typed
    left join events
        on typed.event_id = events.event_id

),

checked as (

    select
        *,
        {{ dq_reason([
            ('event_id is null', 'missing event_id'),
            ('relation_id is null', 'missing relation_id'),
            (failed_parse('raw_is_invitee', 'is_invitee'), 'unparseable is_invitee'),
            (failed_parse('raw_is_deleted', 'is_deleted_flag'), 'unparseable is_deleted'),
            (failed_parse('raw_fivetran_deleted', 'fivetran_deleted_flag'), 'unparseable _fivetran_deleted'),
            ('not has_kept_event', 'orphan event_id'),
        ]) }} as _dq_reason

    from looked_up

),

final as (

    select
        'salesforce.event_relation' as _source_table,
        _source_pk,
        event_relation_id,
        event_id,
        relation_id,
        is_invitee,
        status,
        is_deleted,
        {{ event_date([]) }} as _event_date,
        _loaded_at,
        {{ reason_with_missing_key('_source_pk') }} as _dq_reason,
        {{ row_status('_source_pk', '_loaded_at', 'is_deleted') }} as _row_status

    from checked

)

select * from final
