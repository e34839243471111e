{#- Per KPI and reported period: how many rows of the KPI's raw input tables
    (seed kpi_input_tables) belong to the period by their business date, and
    how many of those were quarantined (row-level in staging or relational in
    intermediate). fct_kpi_status flags the KPI when the share is above
    var('kpi_quarantine_flag_share'). -#}
with

kpi_values as (

    select * from {{ ref('fct_kpi_values') }}

),

kpi_input_tables as (

    select * from {{ ref('kpi_input_tables') }}

),

rows_by_event_date as (

    select * from {{ ref('audit_rows_by_event_date') }}

),

kpi_periods as (

    select distinct
        kpi_code,
        period_grain,
        period_start,
        period_end

    from kpi_values

),

period_input_tables as (

    select
        kpi_periods.kpi_code,
        kpi_periods.period_grain,
        kpi_periods.period_start,
        kpi_periods.period_end,
        kpi_input_tables.source_table

    from kpi_periods
    inner join kpi_input_tables
        on kpi_periods.kpi_code = kpi_input_tables.kpi_code

),

-- A row belongs to every period (of any grain) that contains its date.
period_row_counts as (

    select
        period_input_tables.kpi_code,
        period_input_tables.period_grain,
        period_input_tables.period_start,
        sum(rows_by_event_date.landed_rows) as input_rows,
        sum(rows_by_event_date.quarantined_rows) as quarantined_rows

    from period_input_tables
    inner join rows_by_event_date
        on
            period_input_tables.source_table = rows_by_event_date.source_table
            and period_input_tables.period_start <= rows_by_event_date.event_date
            and period_input_tables.period_end >= rows_by_event_date.event_date
    group by
        period_input_tables.kpi_code,
        period_input_tables.period_grain,
        period_input_tables.period_start

),

final as (

    select
        cast(kpi_periods.kpi_code as {{ dbt.type_string() }}) as kpi_code,
        cast(kpi_periods.period_grain as {{ dbt.type_string() }}) as period_grain,
        cast(kpi_periods.period_start as date) as period_start,
        cast(kpi_periods.period_end as date) as period_end,
        -- Counts of rows: a period no input row is dated in has zero of them.
        cast(coalesce(period_row_counts.input_rows, 0) as integer) as input_rows,
        cast(coalesce(period_row_counts.quarantined_rows, 0) as integer) as quarantined_rows,
        cast(
            {{ safe_divide('period_row_counts.quarantined_rows', 'period_row_counts.input_rows') }}
            as {{ dbt.type_numeric() }}
        ) as quarantined_share

    from kpi_periods
    left join period_row_counts
        on
            kpi_periods.kpi_code = period_row_counts.kpi_code
            and kpi_periods.period_grain = period_row_counts.period_grain
            and kpi_periods.period_start = period_row_counts.period_start

)

select * from final
