{#- Secondary values that compare KPI rows with each other, applied to the
    output of kpi_aggregate (a CTE with the 13 standard columns).

    kpi_enablement_gap(kpi_rows, gap)
        Puts the enabled-vs-not-enabled comparison of each period on EVERY row
        of that period (overall and all segments), so a status rule can read
        it from the overall row:
            gap='points'  : enabled value - not_enabled value
                            (KPI 11, percentage points)
            gap='percent' : (enabled value - not_enabled value)
                            / not_enabled value x 100 (KPI 14)
        NULL when either side has no value (or, for 'percent', when the
        not_enabled value is 0).

    kpi_change_vs_prior_period(kpi_rows, months_back)
        secondary_value = this row's value - the value of the same kpi_code,
        grain, segment_type and segment_value whose period starts
        `months_back` months earlier (3 for quarters). NULL when that prior
        row is missing or either value is NULL (KPI 15). -#}

{% macro kpi_enablement_gap(kpi_rows, gap) -%}
    {%- if gap == 'points' -%}
        {%- set gap_sql = 'enablement_values.enabled_value - enablement_values.not_enabled_value' -%}
    {%- elif gap == 'percent' -%}
        {%- set gap_sql = '100 * ' ~ safe_divide(
            'enablement_values.enabled_value - enablement_values.not_enabled_value',
            'enablement_values.not_enabled_value'
        ) -%}
    {%- else -%}
        {{ exceptions.raise_compiler_error("kpi_enablement_gap: gap must be 'points' or 'percent', got " ~ gap) }}
    {%- endif %}
    select
        {{ kpi_primary_columns(kpi_rows) }},
        {{ gap_sql }} as secondary_value
    from {{ kpi_rows }}
    left join (
        select
            period_grain,
            period_start,
            max(case when segment_value = 'enabled' then value end) as enabled_value,
            max(case when segment_value = 'not_enabled' then value end) as not_enabled_value
        from {{ kpi_rows }}
        where segment_type = 'enablement_status'
        group by
            period_grain,
            period_start
    ) as enablement_values
        on
            {{ kpi_rows }}.period_grain = enablement_values.period_grain
            and {{ kpi_rows }}.period_start = enablement_values.period_start
{%- endmacro %}

{% macro kpi_change_vs_prior_period(kpi_rows, months_back) -%}
    select
        {{ kpi_primary_columns(kpi_rows) }},
        {{ kpi_rows }}.value - prior_rows.value as secondary_value
    from {{ kpi_rows }}
    left join {{ kpi_rows }} as prior_rows
        on
            {{ kpi_rows }}.kpi_code = prior_rows.kpi_code
            and {{ kpi_rows }}.period_grain = prior_rows.period_grain
            and {{ kpi_rows }}.segment_type = prior_rows.segment_type
            and {{ kpi_rows }}.segment_value = prior_rows.segment_value
            and cast({{ dbt.dateadd('month', -months_back, kpi_rows ~ '.period_start') }} as date)
            = prior_rows.period_start
{%- endmacro %}


{#- The twelve standard columns before secondary_value, read from one relation. -#}
{% macro kpi_primary_columns(relation) -%}
    {%- for column in ['kpi_code', 'period_grain', 'period_start', 'period_end', 'segment_type', 'segment_value',
                       'value', 'numerator', 'denominator', 'sample_size', 'pending_count', 'unit'] -%}
        {{ relation }}.{{ column }}{{ ',' if not loop.last }}
    {% endfor -%}
{%- endmacro %}
