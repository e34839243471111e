-- Every KPI in the catalog has a band in force on the as_of_date, so the
-- current periods of all 25 KPIs can be judged.
with

kpi_catalog as (

    select * from {{ ref('kpi_catalog') }}

),

kpi_thresholds as (

    select * from {{ ref('kpi_thresholds') }}

),

in_force as (

    select kpi_code
    from kpi_thresholds
    where
        valid_from <= {{ as_of_date() }}
        and (valid_to is null or {{ as_of_date() }} < valid_to)

),

missing as (

    select kpi_catalog.kpi_code

    from kpi_catalog
    left join in_force
        on kpi_catalog.kpi_code = in_force.kpi_code
    where in_force.kpi_code is null

)

select * from missing
