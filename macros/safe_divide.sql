{#- Ratio that is NULL (never 0, inf or NaN) when the denominator is 0 or NULL,
    and never integer division. -#}
{% macro safe_divide(numerator, denominator) -%}
    (cast({{ numerator }} as {{ dbt.type_numeric() }}) / nullif(cast({{ denominator }} as {{ dbt.type_numeric() }}), 0))
{%- endmacro %}
