{%- set earliest_at = "cast('2000-01-01' as timestamp)" -%}
{%- set latest_event_at = dbt.dateadd('year', 1, "cast('" ~ var('as_of_date') ~ "' as timestamp)") -%}

with

source as (

    select
        {{ fill_missing_columns(source('hubspot', 'company'), [
            'id',
            'property_type',
            'property_lifecyclestage',
            'property_industry',
            'property_createdate',
            'property_hubspot_owner_id',
            'is_deleted',
            '_fivetran_deleted',
            '_fivetran_synced',
        ]) }}

    from {{ source('hubspot', 'company') }}

),

typed as (

    select
        {{ normalize_id('id') }} as company_id,
        {{ normalize_id('property_type') }} as company_type,
        lower({{ normalize_id('property_lifecyclestage') }}) as lifecycle_stage,
        {{ normalize_id('property_industry') }} as industry,
        {{ parse_timestamp_utc('property_createdate') }} as created_at,
        {{ normalize_id('property_hubspot_owner_id') }} as owner_id,
        {{ parse_boolean('is_deleted') }} as is_deleted_flag,
        {{ parse_boolean('_fivetran_deleted') }} as fivetran_deleted_flag,
        {{ parse_timestamp_utc('_fivetran_synced') }} as _loaded_at,
        {{ normalize_id('id') }} as _source_pk,
        property_createdate as raw_createdate,
        is_deleted as raw_is_deleted,
        _fivetran_deleted as raw_fivetran_deleted

    from source

),

checked as (

    select
        *,
        coalesce(is_deleted_flag, false) or coalesce(fivetran_deleted_flag, false) as is_deleted,
        {{ dq_reason([
            (failed_parse('raw_createdate', 'created_at'), 'unparseable createdate'),
            ('created_at < ' ~ earliest_at ~ ' or created_at > ' ~ latest_event_at, 'createdate out of range'),
            (failed_parse('raw_is_deleted', 'is_deleted_flag'), 'unparseable is_deleted'),
            (failed_parse('raw_fivetran_deleted', 'fivetran_deleted_flag'), 'unparseable _fivetran_deleted'),
        ]) }} as _dq_reason

    from typed

),

final as (

    select
        'hubspot.company' as _source_table,
        _source_pk,
        company_id,
        company_type,
        lifecycle_stage,
        industry,
        created_at,
        owner_id,
        is_deleted,
        {{ event_date(['created_at']) }} as _event_date,
        _loaded_at,
        {{ reason_with_missing_key('_source_pk') }} as _dq_reason,
        {{ row_status('_source_pk', '_loaded_at', 'is_deleted') }} as _row_status

    from checked

)

select * from final
