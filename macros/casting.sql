{#- Tolerant casts for raw, string-landed columns. Each returns NULL instead of
    failing when the text cannot be read, so staging can quarantine the row.
    DuckDB has try_cast; on PostgreSQL the on-run-start hook creates small
    functions with the same behaviour (see create_cast_helpers). -#}

{% macro try_cast_text(expression, data_type) -%}
    {{ return(adapter.dispatch('try_cast_text', 'revenue_enablement')(expression, data_type)) }}
{%- endmacro %}

{% macro default__try_cast_text(expression, data_type) -%}
    try_cast({{ expression }} as {{ data_type }})
{%- endmacro %}

{% macro postgres__try_cast_text(expression, data_type) -%}
    {%- set fn = {'timestamp': 'try_cast_timestamp', 'date': 'try_cast_date', 'numeric': 'try_cast_numeric', 'integer': 'try_cast_integer'} -%}
    {{ cast_helper_schema() }}.{{ fn[(data_type | lower).split('(')[0]] }}(cast({{ expression }} as text))
{%- endmacro %}

{% macro cast_helper_schema() -%}
    {{ target.schema }}
{%- endmacro %}

{% macro create_cast_helpers() -%}
    {{ return(adapter.dispatch('create_cast_helpers', 'revenue_enablement')()) }}
{%- endmacro %}

{% macro default__create_cast_helpers() -%}
    select 1
{%- endmacro %}

{% macro postgres__create_cast_helpers() -%}
    create schema if not exists {{ cast_helper_schema() }};
    {%- for name, pg_type in [('timestamp', 'timestamp'), ('date', 'date'), ('numeric', 'numeric'), ('integer', 'integer')] %}
    create or replace function {{ cast_helper_schema() }}.try_cast_{{ name }}(v text) returns {{ pg_type }}
    language plpgsql immutable as $fn$
    begin
        return v::{{ pg_type }};
    exception when others then
        return null;
    end;
    $fn$;
    {%- endfor %}
{%- endmacro %}


{#- Text timestamp in any of the shapes EL tools land, returned as a UTC
    timestamp without time zone:
      2025-03-04 13:45:12[.123]   2025-03-04T13:45:12Z   2025-03-04T15:45:12+02:00
      2025-03-04T15:45:12+0200    03/04/2025 13:45[:12]  2025-03-04 (midnight UTC)
    An explicit offset is applied by arithmetic, never by the session time zone,
    so an event never moves across midnight because of where the build runs. -#}
{% macro parse_timestamp_utc(column) -%}
    {%- set txt = "trim(cast(" ~ column ~ " as " ~ dbt.type_string() ~ "))" -%}
    {%- set local_text = "replace(regexp_replace(" ~ txt ~ ", '(Z| UTC|[+-][0-9]{2}:?[0-9]{2})$', ''), 'T', ' ')" -%}
    {%- set offset_minutes -%}
        (case when regexp_replace({{ txt }}, '^.*([+-])[0-9]{2}:?[0-9]{2}$', '\1') = '-' then -1 else 1 end)
        * (cast(regexp_replace({{ txt }}, '^.*[+-]([0-9]{2}):?[0-9]{2}$', '\1') as integer) * 60
            + cast(regexp_replace({{ txt }}, '^.*[+-][0-9]{2}:?([0-9]{2})$', '\1') as integer))
    {%- endset -%}
    case
        when {{ regex_matches(txt, "^[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{1,2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?[+-][0-9]{2}:?[0-9]{2}$") }}
            then {{ dbt.dateadd('minute', '-1 * (' ~ offset_minutes ~ ')', try_cast_text(local_text, 'timestamp')) }}
        when {{ regex_matches(txt, "^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{1,2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?(Z| UTC)?)?$") }}
            then {{ try_cast_text(local_text, 'timestamp') }}
        when {{ regex_matches(txt, "^[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}( [0-9]{1,2}:[0-9]{2}(:[0-9]{2})?)?$") }}
            then {{ try_cast_text(
                "regexp_replace(" ~ txt ~ ", '^([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})(.*)$', '\\3-\\1-\\2\\4')",
                'timestamp'
            ) }}
    end
{%- endmacro %}

{#- A calendar date from text ('2025-03-04', '03/04/2025', or a timestamp whose
    UTC date is taken). -#}
{% macro parse_date(column) -%}
    cast({{ parse_timestamp_utc(column) }} as date)
{%- endmacro %}

{#- true/TRUE/t/1/yes -> true, false/FALSE/f/0/no -> false, anything else -> NULL. -#}
{% macro parse_boolean(column) -%}
    case
        when lower(trim(cast({{ column }} as {{ dbt.type_string() }}))) in ('true', 't', '1', 'yes', 'y') then true
        when lower(trim(cast({{ column }} as {{ dbt.type_string() }}))) in ('false', 'f', '0', 'no', 'n') then false
    end
{%- endmacro %}

{#- Numbers as landed ("1,250.00", " 42 ", "$900"): strip grouping and currency
    symbols, NULL when still not a number. -#}
{% macro parse_numeric(column) -%}
    {{ try_cast_text("nullif(regexp_replace(trim(cast(" ~ column ~ " as " ~ dbt.type_string() ~ ")), '[$,]', '', 'g'), '')", dbt.type_numeric()) }}
{%- endmacro %}

{% macro parse_integer(column) -%}
    {{ try_cast_text("nullif(trim(cast(" ~ column ~ " as " ~ dbt.type_string() ~ ")), '')", 'integer') }}
{%- endmacro %}

{#- Emails compared case- and space-insensitively. -#}
{% macro normalize_email(column) -%}
    nullif(lower(trim(cast({{ column }} as {{ dbt.type_string() }}))), '')
{%- endmacro %}

{#- Free-text ids as landed (spaces, Excel-stripped leading zeros): trimmed,
    and left-padded with zeros to a fixed width when `width` is given and the
    id is all digits. -#}
{% macro normalize_id(column, width=none) -%}
    {%- set txt = "nullif(trim(cast(" ~ column ~ " as " ~ dbt.type_string() ~ ")), '')" -%}
    {%- if width -%}
    case
        when {{ regex_matches(txt, "^[0-9]+$") }} and length({{ txt }}) < {{ width }}
            then lpad({{ txt }}, {{ width }}, '0')
        else {{ txt }}
    end
    {%- else -%}
    {{ txt }}
    {%- endif -%}
{%- endmacro %}

{% macro regex_matches(expression, pattern) -%}
    {{ return(adapter.dispatch('regex_matches', 'revenue_enablement')(expression, pattern)) }}
{%- endmacro %}

{% macro default__regex_matches(expression, pattern) -%}
    regexp_matches({{ expression }}, '{{ pattern }}')
{%- endmacro %}

{% macro postgres__regex_matches(expression, pattern) -%}
    ({{ expression }} ~ '{{ pattern }}')
{%- endmacro %}
