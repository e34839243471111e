{#- Select a fixed list of columns from a raw table whose shape varies by org
    and connector version: real EL tables carry dozens of extra columns and may
    lack some we use (custom fields, `currency_iso_code` in single-currency
    orgs, `is_deleted` vs `_fivetran_deleted`).

    `columns` is a list whose items are either a column name, or a pair
    [raw_name, output_name] to rename on the way out (used for the custom
    fields whose names come from vars). A column the relation has is selected
    as is (the base model's cast macros type it); a column it lacks becomes a
    typed NULL, so the base model's checks simply see "no value".

    Column names are matched case-insensitively. The catalogue is only read at
    execution time; at parse time (and for the linter) every column is emitted
    as if present. So is it when the catalogue returns no columns at all (the
    table is not there yet): the query then fails loudly on the missing table
    instead of quietly selecting NULLs. -#}
{% macro fill_missing_columns(relation, columns) -%}
    {%- set present = {} -%}
    {%- if execute -%}
        {%- for column in adapter.get_columns_in_relation(relation) -%}
            {%- do present.update({column.name | lower: column.name}) -%}
        {%- endfor -%}
    {%- endif -%}
    {%- set read_catalog = execute and present | length > 0 -%}
    {%- for item in columns -%}
        {%- if item is string -%}
            {%- set raw_name, output_name = item, item -%}
        {%- else -%}
            {%- set raw_name, output_name = item[0], item[1] -%}
        {%- endif %}
    {%- set alias = "" if raw_name == output_name else " as " ~ output_name %}
    {% if not read_catalog -%}
        {{ raw_name }}{{ alias }}
    {%- elif (raw_name | lower) in present -%}
        {{ adapter.quote(present[raw_name | lower]) }}{{ alias }}
    {%- else -%}
        cast(null as {{ dbt.type_string() }}) as {{ output_name }}
    {%- endif -%}
    {{- "," if not loop.last }}
    {%- endfor -%}
{%- endmacro %}
