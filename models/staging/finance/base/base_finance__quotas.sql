{%- set latest_year = (var('as_of_date') | string)[:4] | int + 1 -%}

with

source as (

    select * from {{ source('finance', 'quotas') }}

),

typed as (

    select
        {{ normalize_id('quota_id') }} as quota_id,
        {{ normalize_id('employee_number', 6) }} as employee_number,
        {{ parse_integer('fiscal_year') }} as fiscal_year,
        {{ parse_numeric('annual_quota_amount') }} as annual_quota_amount,
        upper({{ normalize_id('currency') }}) as currency_code,
        {{ parse_timestamp_utc('_loaded_at') }} as _loaded_at,
        {{ normalize_id('quota_id') }} as _source_pk,
        fiscal_year as raw_fiscal_year,
        annual_quota_amount as raw_annual_quota_amount

    from source

),

checked as (

    select
        *,
        {{ dq_reason([
            ('employee_number is null', 'missing employee_number'),
            (failed_parse('raw_fiscal_year', 'fiscal_year'), 'unparseable fiscal_year'),
            ('fiscal_year is null', 'missing fiscal_year'),
            ('fiscal_year not between 2000 and ' ~ latest_year, 'fiscal_year out of range'),
            (failed_parse('raw_annual_quota_amount', 'annual_quota_amount'), 'unparseable annual_quota_amount'),
            ('annual_quota_amount is null', 'missing annual_quota_amount'),
            ('annual_quota_amount < 0', 'negative amount'),
            ('currency_code is null', 'missing currency_code'),
            ("not " ~ regex_matches('currency_code', '^[A-Z]{3}$'), 'unknown currency_code'),
        ]) }} as _dq_reason

    from typed

),

final as (

    select
        'finance.quotas' as _source_table,
        _source_pk,
        quota_id,
        employee_number,
        fiscal_year,
        annual_quota_amount,
        currency_code,
        {{ event_date([year_start_date('fiscal_year')]) }} as _event_date,
        _loaded_at,
        {{ reason_with_missing_key('_source_pk') }} as _dq_reason,
        {{ row_status('_source_pk', '_loaded_at') }} as _row_status

    from checked

)

select * from final
