{%- set earliest_date = "cast('2000-01-01' as date)" -%}

with

source as (

    select
        {{ fill_missing_columns(source('salesforce', 'dated_conversion_rate'), [
            'id',
            'iso_code',
            'conversion_rate',
            'start_date',
            'next_start_date',
            'is_deleted',
            '_fivetran_deleted',
            '_fivetran_synced',
        ]) }}

    from {{ source('salesforce', 'dated_conversion_rate') }}

),

typed as (

    select
        {{ normalize_id('id') }} as conversion_rate_id,
        upper({{ normalize_id('iso_code') }}) as currency_code,
        {{ parse_numeric('conversion_rate') }} as conversion_rate,
        {{ parse_date('start_date') }} as start_date,
        {{ parse_date('next_start_date') }} as next_start_date,
        {{ parse_boolean('is_deleted') }} as is_deleted_flag,
        {{ parse_boolean('_fivetran_deleted') }} as fivetran_deleted_flag,
        {{ parse_timestamp_utc('_fivetran_synced') }} as _loaded_at,
        {{ normalize_id('id') }} as _source_pk,
        conversion_rate as raw_conversion_rate,
        start_date as raw_start_date,
        next_start_date as raw_next_start_date,
        is_deleted as raw_is_deleted,
        _fivetran_deleted as raw_fivetran_deleted

    from source

),

checked as (

    select
        *,
        coalesce(is_deleted_flag, false) or coalesce(fivetran_deleted_flag, false) as is_deleted,
        {{ dq_reason([
            ('currency_code is null', 'missing iso_code'),
            ("not " ~ regex_matches('currency_code', '^[A-Z]{3}$'), 'invalid iso_code'),
            (failed_parse('raw_conversion_rate', 'conversion_rate'), 'unparseable conversion_rate'),
            ('conversion_rate is null', 'missing conversion_rate'),
            ('conversion_rate <= 0', 'non-positive conversion_rate'),
            (failed_parse('raw_start_date', 'start_date'), 'unparseable start_date'),
            ('start_date is null', 'missing start_date'),
            ('start_date < ' ~ earliest_date, 'start_date out of range'),
            (failed_parse('raw_next_start_date', 'next_start_date'), 'unparseable next_start_date'),
            ('next_start_date <= start_date', 'next_start_date not after start_date'),
            (failed_parse('raw_is_deleted', 'is_deleted_flag'), 'unparseable is_deleted'),
            (failed_parse('raw_fivetran_deleted', 'fivetran_deleted_flag'), 'unparseable _fivetran_deleted'),
        ]) }} as _dq_reason

    from typed

),

final as (

    select
        'salesforce.dated_conversion_rate' as _source_table,
        _source_pk,
        conversion_rate_id,
        currency_code,
        conversion_rate,
        start_date,
        next_start_date,
        is_deleted,
        {{ event_date(['start_date']) }} as _event_date,
        _loaded_at,
        {{ reason_with_missing_key('_source_pk') }} as _dq_reason,
        {{ row_status('_source_pk', '_loaded_at', 'is_deleted') }} as _row_status

    from checked

)

select * from final
