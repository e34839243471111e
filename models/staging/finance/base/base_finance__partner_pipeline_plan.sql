{%- set earliest_date = "cast('2000-01-01' as date)" -%}

with

source as (

    select * from {{ source('finance', 'partner_pipeline_plan') }}

),

typed as (

    select
        {{ parse_date('plan_quarter_start') }} as plan_quarter_start,
        {{ parse_numeric('plan_amount_usd') }} as plan_amount_usd,
        {{ parse_timestamp_utc('_loaded_at') }} as _loaded_at,
        -- The parsed date when readable, so one quarter landed in two date
        -- formats is still one key.
        coalesce(
            cast({{ parse_date('plan_quarter_start') }} as {{ dbt.type_string() }}),
            {{ normalize_id('plan_quarter_start') }}
        ) as _source_pk,
        plan_quarter_start as raw_plan_quarter_start,
        plan_amount_usd as raw_plan_amount_usd

    from source

),

checked as (

    select
        *,
        {{ dq_reason([
            (failed_parse('raw_plan_quarter_start', 'plan_quarter_start'), 'unparseable plan_quarter_start'),
            ('plan_quarter_start < ' ~ earliest_date, 'plan_quarter_start out of range'),
            ('plan_quarter_start != cast(' ~ dbt.date_trunc('quarter', 'plan_quarter_start') ~ ' as date)',
                'plan_quarter_start not a quarter start'),
            (failed_parse('raw_plan_amount_usd', 'plan_amount_usd'), 'unparseable plan_amount_usd'),
            ('plan_amount_usd is null', 'missing plan_amount_usd'),
            ('plan_amount_usd < 0', 'negative amount'),
        ]) }} as _dq_reason

    from typed

),

final as (

    select
        'finance.partner_pipeline_plan' as _source_table,
        _source_pk,
        plan_quarter_start,
        plan_amount_usd,
        {{ event_date(['plan_quarter_start']) }} as _event_date,
        _loaded_at,
        {{ reason_with_missing_key('_source_pk') }} as _dq_reason,
        {{ row_status('_source_pk', '_loaded_at') }} as _row_status

    from checked

)

select * from final
