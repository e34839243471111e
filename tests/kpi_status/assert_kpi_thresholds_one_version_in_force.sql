-- At most one threshold version per KPI may be in force on any day: two
-- versions of the same KPI overlap when each starts before the other ends
-- (valid_to is exclusive, null = open). An overlap would duplicate
-- fct_kpi_status rows.
with

kpi_thresholds as (

    select * from {{ ref('kpi_thresholds') }}

),

overlapping_versions as (

    select
        earlier.kpi_code,
        earlier.threshold_id,
        later.threshold_id as overlapping_threshold_id

    from kpi_thresholds as earlier
    inner join kpi_thresholds as later
        on
            earlier.kpi_code = later.kpi_code
            and earlier.threshold_id < later.threshold_id
            and earlier.valid_from < coalesce(later.valid_to, cast('9999-12-31' as date))
            and later.valid_from < coalesce(earlier.valid_to, cast('9999-12-31' as date))

)

select * from overlapping_versions
