with

kpi_status as (

    select * from {{ ref('fct_kpi_status') }}

),

kpi_catalog as (

    select * from {{ ref('kpi_catalog') }}

),

-- The latest complete period per KPI, at the catalog's default grain when the
-- KPI reports it (any other grain only as a fallback).
latest_periods_ranked as (

    select
        kpi_status.kpi_code,
        kpi_status.period_grain,
        kpi_status.period_start,
        row_number() over (
            partition by kpi_status.kpi_code
            order by
                case when kpi_status.period_grain = kpi_catalog.default_period_grain then 0 else 1 end,
                kpi_status.period_end desc,
                kpi_status.period_start desc
        ) as period_rank

    from kpi_status
    inner join kpi_catalog
        on kpi_status.kpi_code = kpi_catalog.kpi_code
    where
        kpi_status.is_period_complete
        and kpi_status.segment_type = 'overall'

),

latest_periods as (

    select
        kpi_code,
        period_grain,
        period_start

    from latest_periods_ranked
    where period_rank = 1

),

latest_rows as (

    select kpi_status.*

    from kpi_status
    inner join latest_periods
        on
            kpi_status.kpi_code = latest_periods.kpi_code
            and kpi_status.period_grain = latest_periods.period_grain
            and kpi_status.period_start = latest_periods.period_start

),

overall_rows as (

    select * from latest_rows
    where segment_type = 'overall'

),

enabled_rows as (

    select * from latest_rows
    where segment_type = 'enablement_status' and segment_value = 'enabled'

),

not_enabled_rows as (

    select * from latest_rows
    where segment_type = 'enablement_status' and segment_value = 'not_enabled'

),

final as (

    select
        cast(kpi_catalog.kpi_code as {{ dbt.type_string() }}) as kpi_code,
        cast(kpi_catalog.kpi_number as integer) as kpi_number,
        cast(kpi_catalog.kpi_name as {{ dbt.type_string() }}) as kpi_name,
        cast(kpi_catalog.category as {{ dbt.type_string() }}) as category,
        cast(kpi_catalog.indicator_type as {{ dbt.type_string() }}) as indicator_type,
        cast(kpi_catalog.unit as {{ dbt.type_string() }}) as unit,
        cast(overall_rows.period_grain as {{ dbt.type_string() }}) as period_grain,
        cast(overall_rows.period_start as date) as period_start,
        cast(overall_rows.period_end as date) as period_end,
        cast(overall_rows.value as {{ dbt.type_numeric() }}) as value,  -- noqa: RF04
        cast(overall_rows.target as {{ dbt.type_string() }}) as target,  -- noqa: RF04
        cast(coalesce(overall_rows.status, 'insufficient_data') as {{ dbt.type_string() }}) as status,  -- noqa: RF04
        cast(overall_rows.prior_period_value as {{ dbt.type_numeric() }}) as prior_period_value,
        cast(overall_rows.change as {{ dbt.type_numeric() }}) as change,  -- noqa: RF04
        cast(overall_rows.trend as {{ dbt.type_string() }}) as trend,
        cast(overall_rows.sample_size as integer) as sample_size,
        cast(overall_rows.pending_count as integer) as pending_count,
        cast(overall_rows.secondary_value as {{ dbt.type_numeric() }}) as secondary_value,
        cast(kpi_catalog.secondary_measure as {{ dbt.type_string() }}) as secondary_measure,
        cast(enabled_rows.kpi_code is not null or not_enabled_rows.kpi_code is not null as boolean)
            as has_enablement_segment,
        cast(enabled_rows.value as {{ dbt.type_numeric() }}) as enabled_value,
        cast(enabled_rows.status as {{ dbt.type_string() }}) as enabled_status,
        cast(enabled_rows.sample_size as integer) as enabled_sample_size,
        cast(not_enabled_rows.value as {{ dbt.type_numeric() }}) as not_enabled_value,
        cast(not_enabled_rows.status as {{ dbt.type_string() }}) as not_enabled_status,
        cast(not_enabled_rows.sample_size as integer) as not_enabled_sample_size,
        cast(overall_rows.kpi_code is not null as boolean) as has_complete_period,
        cast(coalesce(overall_rows.has_data_quality_warning, false) as boolean) as has_data_quality_warning,
        cast(overall_rows.threshold_id as {{ dbt.type_string() }}) as threshold_id,
        cast(kpi_catalog.owner as {{ dbt.type_string() }}) as owner,  -- noqa: RF04
        cast(kpi_catalog.custodian as {{ dbt.type_string() }}) as custodian,
        cast(kpi_catalog.action_plan_when_red as {{ dbt.type_string() }}) as action_plan_when_red

    from kpi_catalog
    left join overall_rows
        on kpi_catalog.kpi_code = overall_rows.kpi_code
    left join enabled_rows
        on kpi_catalog.kpi_code = enabled_rows.kpi_code
    left join not_enabled_rows
        on kpi_catalog.kpi_code = not_enabled_rows.kpi_code

)

select * from final
