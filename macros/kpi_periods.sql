{#- Calendar periods for KPI rows. Weeks start on Monday (ISO), half-years
    on 1 January and 1 July. `period_end` is the last day, inclusive. -#}

{% macro period_start(date_expression, grain) -%}
    {%- if grain == 'half_year' -%}
    {{ dbt.dateadd(
        'month',
        "(case when extract(month from " ~ date_expression ~ ") > 6 then 6 else 0 end)",
        dbt.date_trunc('year', date_expression)
    ) }}
    {%- else -%}
    {{ dbt.date_trunc(grain, date_expression) }}
    {%- endif -%}
{%- endmacro %}

{% macro period_end(period_start_expression, grain) -%}
    {%- set step = {'week': ('day', 7), 'month': ('month', 1), 'quarter': ('month', 3), 'half_year': ('month', 6), 'year': ('month', 12)}[grain] -%}
    {{ dbt.dateadd('day', -1, dbt.dateadd(step[0], step[1], period_start_expression)) }}
{%- endmacro %}

{#- Both bounds as date columns named period_start / period_end. -#}
{% macro period_columns(date_expression, grain) -%}
    '{{ grain }}' as period_grain,
    cast({{ period_start(date_expression, grain) }} as date) as period_start,
    cast({{ period_end(period_start(date_expression, grain), grain) }} as date) as period_end
{%- endmacro %}

{#- The as_of_date var as a date literal. -#}
{% macro as_of_date() -%}
    cast('{{ var("as_of_date") }}' as date)
{%- endmacro %}

{#- The long shape every KPI model ends with, typed the same everywhere so
    fct_kpi_values can union them under an enforced contract. -#}
{% macro kpi_output_columns(relation_alias=none) -%}
    {%- set p = (relation_alias ~ '.') if relation_alias else '' -%}
    cast({{ p }}kpi_code as {{ dbt.type_string() }}) as kpi_code,
    cast({{ p }}period_grain as {{ dbt.type_string() }}) as period_grain,
    cast({{ p }}period_start as date) as period_start,
    cast({{ p }}period_end as date) as period_end,
    cast({{ p }}segment_type as {{ dbt.type_string() }}) as segment_type,
    cast({{ p }}segment_value as {{ dbt.type_string() }}) as segment_value,
    cast({{ p }}value as {{ dbt.type_numeric() }}) as value,
    cast({{ p }}numerator as {{ dbt.type_numeric() }}) as numerator,
    cast({{ p }}denominator as {{ dbt.type_numeric() }}) as denominator,
    cast({{ p }}sample_size as integer) as sample_size,
    cast({{ p }}pending_count as integer) as pending_count,
    cast({{ p }}unit as {{ dbt.type_string() }}) as unit,
    cast({{ p }}secondary_value as {{ dbt.type_numeric() }}) as secondary_value
{%- endmacro %}

{#- One point-in-time snapshot per calendar quarter, from the quarter of
    first_quarter_relation.quarter_start through the as_of quarter: the
    quarter's last day, or as_of_date while the quarter is still running.
    Needs a `calendar` CTE (dim_calendar). Columns: period_grain,
    period_start, period_end, snapshot_date. -#}
{% macro quarter_end_snapshots(first_quarter_relation) -%}
    select
        {{ period_columns('quarters.quarter_start', 'quarter') }},
        case
            when {{ period_end('quarters.quarter_start', 'quarter') }} > {{ as_of_date() }}
                then {{ as_of_date() }}
            else cast({{ period_end('quarters.quarter_start', 'quarter') }} as date)
        end as snapshot_date

    from (
        select distinct calendar.quarter_start

        from calendar
        inner join {{ first_quarter_relation }}
            on calendar.quarter_start >= {{ first_quarter_relation }}.quarter_start
        where calendar.date_day <= {{ as_of_date() }}
    ) as quarters
{%- endmacro %}
