-- Enablement-complete vs not, side by side, for every KPI that has the cut.
--
-- The method the field-performance KPIs rest on: compare people who had
-- completed the Foundation and Practitioner phases at the time of the event
-- (the KPI's own rule says which event) with those who had not, in the same
-- period. A positive gap on a higher-is-better KPI (or a negative gap on a
-- lower-is-better one) is the enablement signal. Small samples are shown so
-- nobody over-reads a cohort of two.
--
-- Compile with `dbt compile --select cohort_comparison` and run the SQL in
-- target/compiled/ against the warehouse.
with

kpi_values as (

    select * from {{ ref('fct_kpi_values') }}

),

kpis as (

    select * from {{ ref('dim_kpis') }}

),

enabled as (

    select
        kpi_code,
        period_grain,
        period_start,
        value as enabled_value,
        sample_size as enabled_sample_size

    from kpi_values
    where segment_type = 'enablement_status' and segment_value = 'enabled'

),

not_enabled as (

    select
        kpi_code,
        period_grain,
        period_start,
        value as not_enabled_value,
        sample_size as not_enabled_sample_size

    from kpi_values
    where segment_type = 'enablement_status' and segment_value = 'not_enabled'

),

final as (

    select
        kpis.kpi_number,
        kpis.kpi_name,
        enabled.period_grain,
        enabled.period_start,
        kpis.unit,
        enabled.enabled_value,
        not_enabled.not_enabled_value,
        enabled.enabled_value - not_enabled.not_enabled_value as gap,
        enabled.enabled_sample_size,
        not_enabled.not_enabled_sample_size

    from enabled
    inner join not_enabled
        on
            enabled.kpi_code = not_enabled.kpi_code
            and enabled.period_grain = not_enabled.period_grain
            and enabled.period_start = not_enabled.period_start
    inner join kpis
        on enabled.kpi_code = kpis.kpi_code

)

select * from final
order by kpi_number, period_start
