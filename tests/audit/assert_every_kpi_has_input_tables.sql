-- Every KPI in the catalog names at least one raw input table in the
-- kpi_input_tables seed; without one its data-quality flag could never fire.
with

kpi_catalog as (

    select * from {{ ref('kpi_catalog') }}

),

kpi_input_tables as (

    select * from {{ ref('kpi_input_tables') }}

),

final as (

    select kpi_catalog.kpi_code

    from kpi_catalog
    left join kpi_input_tables
        on kpi_catalog.kpi_code = kpi_input_tables.kpi_code
    where kpi_input_tables.kpi_code is null

)

select * from final
