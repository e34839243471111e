{#- Rows whose share (a 0-1 ratio column) is above `max_share`: the offending
    rows, so failures = how many rows are over. Pair it with a warn_if /
    error_if config to grade the breach (see audit_row_reconciliation). -#}
{% test share_at_most(model, column_name, max_share) %}

select *
from {{ model }}
where {{ column_name }} > {{ max_share }}

{% endtest %}
