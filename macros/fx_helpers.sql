{#- Helpers for conforming CRM records: money to USD, and CRM activity types
    to the project's canonical activity types. -#}

{#- One row per record of `records` (a CTE or relation) with the USD per one
    unit of its currency at the rate in force on its date: the finance rate
    with the latest rate_date on or before that date. USD is always 1 (no rate
    row needed). usd_rate is NULL when the currency has no rate on or before
    the date - callers quarantine such records rather than guess a rate.
    `rates` is a relation or CTE with currency_code, rate_date, usd_per_unit
    (stg_finance__fx_rates: one row per currency and date).
    Returns the columns `key_column` and usd_rate (numeric(28,6), like every
    staged amount); use it as the body of a CTE. A set-based join rather than a
    correlated subquery, so PostgreSQL does not re-read the rates per record. -#}
{% macro usd_rates_on_or_before(records, key_column, currency_column, date_column, rates='fx_rates') -%}
    select
        {{ key_column }},
        usd_rate

    from (
        select
            {{ records }}.{{ key_column }},
            cast(
                case
                    when {{ records }}.{{ currency_column }} = 'USD' then 1
                    else fx_on_or_before.usd_per_unit
                end
                as {{ dbt.type_numeric() }}
            ) as usd_rate,
            row_number() over (
                partition by {{ records }}.{{ key_column }}
                order by fx_on_or_before.rate_date desc nulls last
            ) as rate_rank

        from {{ records }}
        left join {{ rates }} as fx_on_or_before
            on
                {{ records }}.{{ currency_column }} = fx_on_or_before.currency_code
                and {{ records }}.{{ date_column }} >= fx_on_or_before.rate_date
    ) as ranked_rates

    where rate_rank = 1
{%- endmacro %}

{#- Canonical activity type from a CRM's event / task type label, compared
    ignoring case and surrounding spaces: demo, discovery_call,
    technical_session, sa_touchpoint, meeting, call, email; anything else
    (including a blank type) is 'other'. Shared by int_activities and the
    quarantine rules in int_quarantined_rows so a demo means the same thing in
    both. -#}
{% macro canonical_activity_type(type_column) -%}
    {%- set label = "lower(trim(cast(" ~ type_column ~ " as " ~ dbt.type_string() ~ ")))" -%}
    case
        when {{ label }} = 'demo' then 'demo'
        when {{ label }} in ('discovery call', 'discovery') then 'discovery_call'
        when {{ label }} = 'technical session' then 'technical_session'
        when {{ label }} = 'sa touchpoint' then 'sa_touchpoint'
        when {{ label }} = 'meeting' then 'meeting'
        when {{ label }} = 'call' then 'call'
        when {{ label }} = 'email' then 'email'
        else 'other'
    end
{%- endmacro %}
