{#- Green / Yellow / Red from the threshold seed (kpi_thresholds), as one
    portable CASE expression. Every cut point comes from the threshold row, so
    changing a bound in the seed changes statuses with no SQL edit.

    kpi_status(value, secondary_value, change, sample_size,
               segment_type, segment_value, threshold)
        value, secondary_value, change, sample_size, segment_type,
        segment_value : SQL expressions for the KPI row being judged; change
                        is value minus the prior period's value (NULL when
                        there is no prior period).
        threshold     : alias of the joined kpi_thresholds row; the macro
                        reads its threshold_id, direction, green_bound,
                        yellow_bound, secondary_condition,
                        secondary_green_bound, applies_to_segment_type,
                        applies_to_segment_value, trend_tolerance and
                        min_sample_size columns.

    Returns, in this order of precedence:
        not_applicable     no threshold in force, or the row belongs to the
                           band's segment type but not to its segment value
                           (KPI 17 partner_stage '1-2')
        insufficient_data  value NULL; sample_size below min_sample_size (or
                           not reported while a minimum is set); a trend KPI
                           with no prior period
        green / yellow / red
            higher_is_better  green: value >= green_bound and the secondary
                              condition; yellow: value >= yellow_bound
            lower_is_better   green: value <= green_bound and the secondary
                              condition; yellow: value <= yellow_bound
            trend_up_is_better green: change > tolerance; yellow: |change| <=
                              tolerance; red: change < -tolerance
        Secondary condition for Green: secondary_at_least -> secondary_value
        >= secondary_green_bound; rising -> change > tolerance. A NULL
        secondary value or change never satisfies it (the row falls through
        to the yellow test). -#}
{% macro kpi_status(value, secondary_value, change, sample_size, segment_type, segment_value, threshold) -%}
    {%- set t = threshold -%}
    {%- set tolerance = "coalesce(" ~ t ~ ".trend_tolerance, 0)" -%}
    {%- set secondary_ok -%}
        (
            {{ t }}.secondary_condition is null
            or ({{ t }}.secondary_condition = 'secondary_at_least' and {{ secondary_value }} >= {{ t }}.secondary_green_bound)
            or ({{ t }}.secondary_condition = 'rising' and {{ change }} > {{ tolerance }})
        )
    {%- endset -%}
    case
        when {{ t }}.threshold_id is null then 'not_applicable'
        when {{ t }}.applies_to_segment_type is not null
            and {{ segment_type }} = {{ t }}.applies_to_segment_type
            and {{ segment_value }} <> {{ t }}.applies_to_segment_value
            then 'not_applicable'
        when {{ value }} is null then 'insufficient_data'
        when {{ t }}.min_sample_size is not null
            and ({{ sample_size }} is null or {{ sample_size }} < {{ t }}.min_sample_size)
            then 'insufficient_data'
        when {{ t }}.direction = 'trend_up_is_better' and {{ change }} is null then 'insufficient_data'
        when {{ t }}.direction = 'trend_up_is_better' and {{ change }} > {{ tolerance }} then 'green'
        when {{ t }}.direction = 'trend_up_is_better' and {{ change }} >= -1 * {{ tolerance }} then 'yellow'
        when {{ t }}.direction = 'trend_up_is_better' then 'red'
        when {{ t }}.direction = 'higher_is_better'
            and {{ value }} >= {{ t }}.green_bound
            and {{ secondary_ok }}
            then 'green'
        when {{ t }}.direction = 'higher_is_better' and {{ value }} >= {{ t }}.yellow_bound then 'yellow'
        when {{ t }}.direction = 'higher_is_better' then 'red'
        when {{ t }}.direction = 'lower_is_better'
            and {{ value }} <= {{ t }}.green_bound
            and {{ secondary_ok }}
            then 'green'
        when {{ t }}.direction = 'lower_is_better' and {{ value }} <= {{ t }}.yellow_bound then 'yellow'
        when {{ t }}.direction = 'lower_is_better' then 'red'
    end
{%- endmacro %}

{#- Direction of the change vs the prior period: up / flat / down, flat when
    |change| <= tolerance (NULL tolerance = 0); NULL when there is no prior
    period. Descriptive only: whether up is good depends on the direction. -#}
{% macro kpi_trend(change, trend_tolerance) -%}
    case
        when {{ change }} is null then null
        when {{ change }} > coalesce({{ trend_tolerance }}, 0) then 'up'
        when {{ change }} < -1 * coalesce({{ trend_tolerance }}, 0) then 'down'
        else 'flat'
    end
{%- endmacro %}

{#- A numeric bound as short text: trailing zeros and a bare decimal point
    removed (8.000000 -> '8', 7.500000 -> '7.5', 140000 -> '140000'). -#}
{% macro kpi_bound_text(expression) -%}
    regexp_replace(
        regexp_replace(cast({{ expression }} as {{ dbt.type_string() }}), '(\.[0-9]*[1-9])0+$', '\1'),
        '\.0*$',
        ''
    )
{%- endmacro %}

{#- The target as readable text built from the threshold row, e.g.
    '<= 8 weeks', '>= 80%', '>= $140000 and gap >= 30',
    '>= 50% and rising', 'rising vs prior period (flat within +/- 0.5)'.
    NULL when no threshold is in force. -#}
{% macro kpi_target_text(threshold, unit) -%}
    {%- set t = threshold -%}
    {%- set green = kpi_bound_text(t ~ ".green_bound") -%}
    case
        when {{ t }}.threshold_id is null then null
        when {{ t }}.direction = 'trend_up_is_better'
            then {{ dbt.concat([
                "'rising vs prior period (flat within +/- '",
                kpi_bound_text("coalesce(" ~ t ~ ".trend_tolerance, 0)"),
                "')'",
            ]) }}
        else {{ dbt.concat([
            "case when " ~ t ~ ".direction = 'higher_is_better' then '>= ' else '<= ' end",
            "case when " ~ unit ~ " = 'usd' then '$' else '' end",
            green,
            "case " ~ unit
                ~ " when 'percent' then '%' when 'weeks' then ' weeks' when 'days' then ' days'"
                ~ " when 'points' then ' points' when 'score' then '/10' when 'nps' then ' NPS'"
                ~ " when 'multiple' then 'x' else '' end",
            "case " ~ t ~ ".secondary_condition"
                ~ " when 'secondary_at_least' then " ~ dbt.concat(["' and gap >= '", kpi_bound_text(t ~ ".secondary_green_bound")])
                ~ " when 'rising' then ' and rising' else '' end",
            "case when " ~ t ~ ".applies_to_segment_type is not null then "
                ~ dbt.concat(["' (' ", t ~ ".applies_to_segment_type", "' '", t ~ ".applies_to_segment_value", "')'"])
                ~ " else '' end",
        ]) }}
    end
{%- endmacro %}
