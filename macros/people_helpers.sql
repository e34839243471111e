{#- Helpers for the conformed people and partner models (models/intermediate/people). -#}

{#- Tenure band at a date, from months of service counted as days / 30.4375
    (an average month): '0-6' under 6 months, '6-18' from 6 to under 18,
    '18+' from 18 months. NULL when either date is missing or the date is
    before the start (no tenure yet). -#}
{% macro tenure_band(start_date, at_date) -%}
    {%- set months = "cast(" ~ dbt.datediff(start_date, at_date, 'day') ~ " as " ~ dbt.type_numeric() ~ ") / 30.4375" -%}
    case
        when {{ start_date }} is null or {{ at_date }} is null then null
        when {{ at_date }} < {{ start_date }} then null
        when {{ months }} < 6 then '0-6'
        when {{ months }} < 18 then '6-18'
        else '18+'
    end
{%- endmacro %}

{#- True when `at_date` falls in the half-open validity range
    [valid_from, valid_to); a NULL valid_to is open-ended. Used against
    int_manager_history, int_role_stints (role_started_date / role_ended_date)
    and int_partner_stage_history (achieved_date / valid_to_date). -#}
{% macro is_effective_on(at_date, valid_from, valid_to) -%}
    ({{ valid_from }} <= {{ at_date }} and ({{ valid_to }} is null or {{ at_date }} < {{ valid_to }}))
{%- endmacro %}

{#- A partner's certification stage as of a date: the highest stage achieved
    on or before it, 0 when none (regressions are not modelled). A scalar
    subquery on int_partner_stage_history, so it works on any adapter. -#}
{% macro partner_stage_as_of(partner_id, at_date) -%}
    coalesce(
        (
            select max(stage_history.stage_number)
            from {{ ref('int_partner_stage_history') }} as stage_history
            where
                stage_history.partner_id = {{ partner_id }}
                and stage_history.achieved_date <= {{ at_date }}
        ),
        0
    )
{%- endmacro %}
