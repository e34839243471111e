with

kpi_values as (

    select * from {{ ref('fct_kpi_values') }}

),

kpi_thresholds as (

    select * from {{ ref('kpi_thresholds') }}

),

kpi_catalog as (

    select * from {{ ref('kpi_catalog') }}

),

kpi_input_quality as (

    select * from {{ ref('audit_kpi_input_quality') }}

),

-- The immediately preceding period of the same KPI, grain and segment: the
-- one that ends the day before this one starts (gaps are not bridged).
prior_values as (

    select
        current_period.kpi_code,
        current_period.period_grain,
        current_period.period_start,
        current_period.segment_type,
        current_period.segment_value,
        prior_period.value as prior_period_value

    from kpi_values as current_period
    inner join kpi_values as prior_period
        on
            current_period.kpi_code = prior_period.kpi_code
            and current_period.period_grain = prior_period.period_grain
            and current_period.segment_type = prior_period.segment_type
            and current_period.segment_value = prior_period.segment_value
            and prior_period.period_end = cast({{ dbt.dateadd('day', -1, 'current_period.period_start') }} as date)

),

-- One row per KPI and period: the share of the KPI's raw input rows dated in
-- the period that were quarantined, and the flag when it is above the var
-- (a NULL share - no dated input rows - raises no flag).
data_quality as (

    select
        kpi_code,
        period_grain,
        period_start,
        quarantined_share as quarantined_input_share,
        coalesce(quarantined_share > {{ var('kpi_quarantine_flag_share', 0.05) }}, false)
            as has_data_quality_warning

    from kpi_input_quality

),

values_with_change as (

    select
        kpi_values.kpi_code,
        kpi_values.period_grain,
        kpi_values.period_start,
        kpi_values.period_end,
        kpi_values.segment_type,
        kpi_values.segment_value,
        kpi_values.value,
        kpi_values.unit,
        kpi_values.sample_size,
        kpi_values.pending_count,
        kpi_values.secondary_value,
        kpi_values.is_period_complete,
        prior_values.prior_period_value,
        kpi_values.value - prior_values.prior_period_value as change  -- noqa: RF04

    from kpi_values
    left join prior_values
        on
            kpi_values.kpi_code = prior_values.kpi_code
            and kpi_values.period_grain = prior_values.period_grain
            and kpi_values.period_start = prior_values.period_start
            and kpi_values.segment_type = prior_values.segment_type
            and kpi_values.segment_value = prior_values.segment_value

),

-- The threshold version in force at the end of the period (valid_to is
-- exclusive). The seed tests guarantee at most one version per KPI and day.
values_with_threshold as (

    select
        values_with_change.*,
        kpi_thresholds.threshold_id,
        kpi_thresholds.direction,
        kpi_thresholds.green_bound,
        kpi_thresholds.yellow_bound,
        kpi_thresholds.secondary_condition,
        kpi_thresholds.secondary_green_bound,
        kpi_thresholds.applies_to_segment_type,
        kpi_thresholds.applies_to_segment_value,
        kpi_thresholds.trend_tolerance,
        kpi_thresholds.min_sample_size,
        kpi_thresholds.valid_from as threshold_valid_from

    from values_with_change
    left join kpi_thresholds
        on
            values_with_change.kpi_code = kpi_thresholds.kpi_code
            and values_with_change.period_end >= kpi_thresholds.valid_from
            and (kpi_thresholds.valid_to is null or values_with_change.period_end < kpi_thresholds.valid_to)

),

judged as (

    select
        values_with_threshold.*,
        {{ kpi_status(
            'values_with_threshold.value',
            'values_with_threshold.secondary_value',
            'values_with_threshold.change',
            'values_with_threshold.sample_size',
            'values_with_threshold.segment_type',
            'values_with_threshold.segment_value',
            'values_with_threshold'
        ) }} as status,  -- noqa: RF04
        {{ kpi_trend('values_with_threshold.change', 'values_with_threshold.trend_tolerance') }} as trend,
        {{ kpi_target_text('values_with_threshold', 'values_with_threshold.unit') }} as target  -- noqa: RF04

    from values_with_threshold

),

final as (

    select
        cast(judged.kpi_code as {{ dbt.type_string() }}) as kpi_code,
        cast(judged.period_grain as {{ dbt.type_string() }}) as period_grain,
        cast(judged.period_start as date) as period_start,
        cast(judged.period_end as date) as period_end,
        cast(judged.segment_type as {{ dbt.type_string() }}) as segment_type,
        cast(judged.segment_value as {{ dbt.type_string() }}) as segment_value,
        cast(kpi_catalog.kpi_number as integer) as kpi_number,
        cast(kpi_catalog.kpi_name as {{ dbt.type_string() }}) as kpi_name,
        cast(kpi_catalog.category as {{ dbt.type_string() }}) as category,
        cast(judged.value as {{ dbt.type_numeric() }}) as value,  -- noqa: RF04
        cast(judged.unit as {{ dbt.type_string() }}) as unit,
        cast(judged.target as {{ dbt.type_string() }}) as target,  -- noqa: RF04
        cast(judged.direction as {{ dbt.type_string() }}) as direction,
        cast(judged.green_bound as {{ dbt.type_numeric() }}) as green_bound,
        cast(judged.yellow_bound as {{ dbt.type_numeric() }}) as yellow_bound,
        cast(judged.secondary_condition as {{ dbt.type_string() }}) as secondary_condition,
        cast(judged.secondary_green_bound as {{ dbt.type_numeric() }}) as secondary_green_bound,
        cast(judged.applies_to_segment_type as {{ dbt.type_string() }}) as applies_to_segment_type,
        cast(judged.applies_to_segment_value as {{ dbt.type_string() }}) as applies_to_segment_value,
        cast(judged.trend_tolerance as {{ dbt.type_numeric() }}) as trend_tolerance,
        cast(judged.min_sample_size as integer) as min_sample_size,
        cast(judged.status as {{ dbt.type_string() }}) as status,  -- noqa: RF04
        cast(judged.prior_period_value as {{ dbt.type_numeric() }}) as prior_period_value,
        cast(judged.change as {{ dbt.type_numeric() }}) as change,  -- noqa: RF04
        cast(judged.trend as {{ dbt.type_string() }}) as trend,
        cast(judged.is_period_complete as boolean) as is_period_complete,
        cast(judged.sample_size as integer) as sample_size,
        cast(judged.pending_count as integer) as pending_count,
        cast(judged.secondary_value as {{ dbt.type_numeric() }}) as secondary_value,
        cast(kpi_catalog.secondary_measure as {{ dbt.type_string() }}) as secondary_measure,
        cast(kpi_catalog.owner as {{ dbt.type_string() }}) as owner,  -- noqa: RF04
        cast(kpi_catalog.custodian as {{ dbt.type_string() }}) as custodian,
        cast(kpi_catalog.action_plan_when_red as {{ dbt.type_string() }}) as action_plan_when_red,
        cast(judged.threshold_id as {{ dbt.type_string() }}) as threshold_id,
        cast(judged.threshold_valid_from as date) as threshold_valid_from,
        cast(coalesce(data_quality.has_data_quality_warning, false) as boolean) as has_data_quality_warning,
        cast(data_quality.quarantined_input_share as {{ dbt.type_numeric() }}) as quarantined_input_share

    from judged
    left join kpi_catalog
        on judged.kpi_code = kpi_catalog.kpi_code
    left join data_quality
        on
            judged.kpi_code = data_quality.kpi_code
            and judged.period_grain = data_quality.period_grain
            and judged.period_start = data_quality.period_start

)

select * from final
