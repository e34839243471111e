{#- The business date of a raw row, used to attribute the row (and its
    quarantine) to a KPI period: the first of `candidates` (date or timestamp
    expressions, most specific first) that was readable and plausible (from
    2000-01-01 to a year after as_of_date, the window the base_ models accept),
    else the UTC date the EL tool loaded the row. An empty list means the table
    has no business date: the load date is used. Always a date. -#}
{% macro event_date(candidates, loaded_at='_loaded_at') -%}
    {%- set earliest = "cast('2000-01-01' as date)" -%}
    {%- set latest = "cast(" ~ dbt.dateadd('year', 1, "cast('" ~ var('as_of_date') ~ "' as date)") ~ " as date)" -%}
    cast(coalesce(
        {%- for candidate in candidates %}
        case
            when cast({{ candidate }} as date) between {{ earliest }} and {{ latest }}
                then cast({{ candidate }} as date)
        end,
        {%- endfor %}
        cast({{ loaded_at }} as date)
    ) as date)
{%- endmacro %}

{#- 1 January of an integer year column as a date, NULL outside 2000-2100
    (so the cast can never fail on a typo such as 20255). -#}
{% macro year_start_date(year_column) -%}
    case
        when {{ year_column }} between 2000 and 2100
            then cast({{ dbt.concat(["cast(" ~ year_column ~ " as " ~ dbt.type_string() ~ ")", "'-01-01'"]) }} as date)
    end
{%- endmacro %}
