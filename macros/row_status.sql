{#- Quarantine and de-duplication helpers shared by every base_ model.

    A base_ model keeps every raw row (1:1 with the source) and labels it with
    `_row_status`: the stg_ view keeps only 'kept' rows, the audit models
    count and list the rest. Nothing leaves staging without a label. -#}

{#- First rule a row breaks, as text; NULL when the row is clean.
    `checks` is a list of (condition that is true for a BAD row, reason). -#}
{% macro dq_reason(checks) -%}
    case
    {%- for condition, reason in checks %}
        when {{ condition }} then '{{ reason }}'
    {%- endfor %}
    end
{%- endmacro %}

{#- True when a raw value was present but could not be read. -#}
{% macro failed_parse(raw_column, parsed_expression) -%}
    (nullif(trim(cast({{ raw_column }} as {{ dbt.type_string() }})), '') is not null and ({{ parsed_expression }}) is null)
{%- endmacro %}

{#- The label, in order of precedence:
      quarantined  no primary key
      duplicate    an older copy of a key that an EL re-sync landed again
      soft_deleted the latest copy is flagged deleted (a NULL flag is not deleted)
      quarantined  the latest live copy breaks a rule (see _dq_reason)
      kept         everything else -#}
{% macro row_status(primary_key, loaded_at, is_deleted='false', reason='_dq_reason') -%}
    case
        when {{ primary_key }} is null then 'quarantined'
        when row_number() over (
            partition by {{ primary_key }}
            order by {{ loaded_at }} desc nulls last, {{ reason }} nulls first
        ) > 1 then 'duplicate'
        when coalesce({{ is_deleted }}, false) then 'soft_deleted'
        when {{ reason }} is not null then 'quarantined'
        else 'kept'
    end
{%- endmacro %}

{#- The reason shown in the audit model for a quarantined row without a key. -#}
{% macro reason_with_missing_key(primary_key, reason='_dq_reason') -%}
    case when {{ primary_key }} is null then 'missing primary key' else {{ reason }} end
{%- endmacro %}
