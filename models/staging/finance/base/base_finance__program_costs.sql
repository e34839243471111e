{%- set earliest_date = "cast('2000-01-01' as date)" -%}
{%- set as_of_date = "cast('" ~ var('as_of_date') ~ "' as date)" -%}
{%- set latest_event_date = "cast(" ~ dbt.dateadd('year', 1, as_of_date) ~ " as date)" -%}

with

source as (

    select * from {{ source('finance', 'program_costs') }}

),

typed as (

    select
        {{ normalize_id('cost_id') }} as cost_id,
        {{ parse_date('cost_month') }} as cost_month,
        lower({{ normalize_id('category') }}) as raw_category,
        {{ parse_numeric('amount') }} as amount,
        upper({{ normalize_id('currency') }}) as currency_code,
        {{ parse_timestamp_utc('_loaded_at') }} as _loaded_at,
        {{ normalize_id('cost_id') }} as _source_pk,
        cost_month as raw_cost_month,
        amount as raw_amount

    from source

),

canonical as (

    select
        *,
        case
            when raw_category in ('headcount', 'lms_licenses', 'content_development', 'external_facilitators')
                then raw_category
        end as category

    from typed

),

checked as (

    select
        *,
        {{ dq_reason([
            (failed_parse('raw_cost_month', 'cost_month'), 'unparseable cost_month'),
            ('cost_month is null', 'missing cost_month'),
            ('cost_month < ' ~ earliest_date ~ ' or cost_month > ' ~ latest_event_date, 'cost_month out of range'),
            ('cost_month != cast(' ~ dbt.date_trunc('month', 'cost_month') ~ ' as date)',
                'cost_month not first of month'),
            ('raw_category is null', 'missing category'),
            ('category is null', 'unknown category'),
            (failed_parse('raw_amount', 'amount'), 'unparseable amount'),
            ('amount is null', 'missing amount'),
            ('amount < 0', 'negative amount'),
            ('currency_code is null', 'missing currency_code'),
            ("not " ~ regex_matches('currency_code', '^[A-Z]{3}$'), 'unknown currency_code'),
        ]) }} as _dq_reason

    from canonical

),

final as (

    select
        'finance.program_costs' as _source_table,
        _source_pk,
        cost_id,
        cost_month,
        category,
        raw_category,
        amount,
        currency_code,
        {{ event_date(['cost_month']) }} as _event_date,
        _loaded_at,
        {{ reason_with_missing_key('_source_pk') }} as _dq_reason,
        {{ row_status('_source_pk', '_loaded_at') }} as _row_status

    from checked

)

select * from final
