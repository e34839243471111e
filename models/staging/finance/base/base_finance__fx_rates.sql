with

source as (

    select * from {{ source('finance', 'fx_rates') }}

),

typed as (

    select
        upper({{ normalize_id('currency') }}) as currency_code,
        {{ parse_date('rate_date') }} as rate_date,
        {{ parse_numeric('usd_per_unit') }} as usd_per_unit,
        {{ parse_timestamp_utc('_loaded_at') }} as _loaded_at,
        -- The parsed date when readable, so a re-sync that lands the same day
        -- in another date format is still the same key.
        upper({{ normalize_id('currency') }}) || '|' || coalesce(
            cast({{ parse_date('rate_date') }} as {{ dbt.type_string() }}),
            {{ normalize_id('rate_date') }}
        ) as _source_pk,
        rate_date as raw_rate_date,
        usd_per_unit as raw_usd_per_unit

    from source

),

checked as (

    select
        *,
        {{ dq_reason([
            (failed_parse('raw_rate_date', 'rate_date'), 'unparseable rate_date'),
            ('rate_date is null', 'missing rate_date'),
            (failed_parse('raw_usd_per_unit', 'usd_per_unit'), 'unparseable usd_per_unit'),
            ('usd_per_unit <= 0', 'non-positive usd_per_unit'),
        ]) }} as _dq_reason

    from typed

),

final as (

    select
        'finance.fx_rates' as _source_table,
        _source_pk,
        currency_code,
        rate_date,
        usd_per_unit,
        {{ event_date(['rate_date']) }} as _event_date,
        _loaded_at,
        {{ reason_with_missing_key('_source_pk') }} as _dq_reason,
        {{ row_status('_source_pk', '_loaded_at') }} as _row_status

    from checked

)

select * from final
