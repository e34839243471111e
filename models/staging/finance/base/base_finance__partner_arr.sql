{%- set latest_year = (var('as_of_date') | string)[:4] | int + 1 -%}

with

source as (

    select * from {{ source('finance', 'partner_arr') }}

),

kept_partners as (

    select distinct partner_id from {{ ref('stg_partner_portal__partners') }}

),

typed as (

    select
        {{ normalize_id('partner_id', 5) }} as partner_id,
        {{ parse_integer('arr_year') }} as arr_year,
        {{ parse_numeric('arr_amount_usd') }} as arr_amount_usd,
        {{ parse_timestamp_utc('_loaded_at') }} as _loaded_at,
        -- The parsed year when readable, so "2025" and " 2025 " are one key.
        {{ normalize_id('partner_id', 5) }} || '|' || coalesce(
            cast({{ parse_integer('arr_year') }} as {{ dbt.type_string() }}),
            {{ normalize_id('arr_year') }},
            ''
        ) as _source_pk,
        arr_year as raw_arr_year,
        arr_amount_usd as raw_arr_amount_usd

    from source

),

checked as (

    select
        typed.*,
        {{ dq_reason([
            ('kept_partners.partner_id is null', 'orphan partner_id'),
            (failed_parse('typed.raw_arr_year', 'typed.arr_year'), 'unparseable arr_year'),
            ('typed.arr_year is null', 'missing arr_year'),
            ('typed.arr_year not between 2000 and ' ~ latest_year, 'arr_year out of range'),
            (failed_parse('typed.raw_arr_amount_usd', 'typed.arr_amount_usd'), 'unparseable arr_amount_usd'),
            ('typed.arr_amount_usd is null', 'missing arr_amount_usd'),
            ('typed.arr_amount_usd < 0', 'negative amount'),
        ]) }} as _dq_reason

    from typed
    left join kept_partners
        on typed.partner_id = kept_partners.partner_id

),

final as (

    select
        'finance.partner_arr' as _source_table,
        _source_pk,
        partner_id,
        arr_year,
        arr_amount_usd,
        {{ event_date([year_start_date('arr_year')]) }} as _event_date,
        _loaded_at,
        {{ reason_with_missing_key('_source_pk') }} as _dq_reason,
        {{ row_status('_source_pk', '_loaded_at') }} as _row_status

    from checked

)

select * from final
