-- For every KPI and grain, the latest complete period (is_period_complete)
-- has an `overall` row carrying a status: the scorecard never shows a KPI
-- whose latest finished period was judged only for some segments.
with

kpi_status as (

    select * from {{ ref('fct_kpi_status') }}

),

latest_complete_ranked as (

    select
        kpi_code,
        period_grain,
        period_start,
        row_number() over (
            partition by kpi_code, period_grain
            order by period_start desc
        ) as period_rank

    from kpi_status
    where is_period_complete
    group by
        kpi_code,
        period_grain,
        period_start

),

latest_complete as (

    select
        kpi_code,
        period_grain,
        period_start

    from latest_complete_ranked
    where period_rank = 1

),

overall_rows as (

    select
        kpi_code,
        period_grain,
        period_start,
        status

    from kpi_status
    where segment_type = 'overall'

),

missing as (

    select
        latest_complete.kpi_code,
        latest_complete.period_grain,
        latest_complete.period_start

    from latest_complete
    left join overall_rows
        on
            latest_complete.kpi_code = overall_rows.kpi_code
            and latest_complete.period_grain = overall_rows.period_grain
            and latest_complete.period_start = overall_rows.period_start
    where overall_rows.status is null

)

select * from missing
