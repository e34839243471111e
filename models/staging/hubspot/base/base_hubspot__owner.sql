{%- set earliest_at = "cast('2000-01-01' as timestamp)" -%}
{%- set latest_event_at = dbt.dateadd('year', 1, "cast('" ~ var('as_of_date') ~ "' as timestamp)") -%}

with

source as (

    select
        {{ fill_missing_columns(source('hubspot', 'owner'), [
            'owner_id',
            'email',
            'type',
            'is_active',
            'created_at',
            '_fivetran_deleted',
            '_fivetran_synced',
        ]) }}

    from {{ source('hubspot', 'owner') }}

),

typed as (

    select
        {{ normalize_id('owner_id') }} as owner_id,
        {{ normalize_email('email') }} as email,
        upper({{ normalize_id('type') }}) as owner_type,
        {{ parse_boolean('is_active') }} as is_active,
        {{ parse_timestamp_utc('created_at') }} as created_at,
        {{ parse_boolean('_fivetran_deleted') }} as fivetran_deleted_flag,
        {{ parse_timestamp_utc('_fivetran_synced') }} as _loaded_at,
        {{ normalize_id('owner_id') }} as _source_pk,
        is_active as raw_is_active,
        created_at as raw_created_at,
        _fivetran_deleted as raw_fivetran_deleted

    from source

),

checked as (

    select
        *,
        coalesce(fivetran_deleted_flag, false) as is_deleted,
        {{ dq_reason([
            (failed_parse('raw_is_active', 'is_active'), 'unparseable is_active'),
            (failed_parse('raw_created_at', 'created_at'), 'unparseable created_at'),
            ('created_at < ' ~ earliest_at ~ ' or created_at > ' ~ latest_event_at, 'created_at out of range'),
            (failed_parse('raw_fivetran_deleted', 'fivetran_deleted_flag'), 'unparseable _fivetran_deleted'),
        ]) }} as _dq_reason

    from typed

),

final as (

    select
        'hubspot.owner' as _source_table,
        _source_pk,
        owner_id,
        email,
        owner_type,
        is_active,
        created_at,
        is_deleted,
        {{ event_date([]) }} as _event_date,
        _loaded_at,
        {{ reason_with_missing_key('_source_pk') }} as _dq_reason,
        {{ row_status('_source_pk', '_loaded_at', 'is_deleted') }} as _row_status

    from checked

)

select * from final
