{#- dbt-postgres renders every seed cell through a Jinja macro, which makes
    loading the ~60k sample rows take about two minutes. This binds each batch
    as one parameterised multi-row insert instead (about 9 s). -#}
{% macro postgres__load_csv_rows(model, agate_table) %}
    {% set batch_size = get_batch_size() %}
    {% set cols_sql = get_seed_column_quoted_csv(model, agate_table.column_names) %}
    {% set row_sql = '(' ~ (['%s'] * (agate_table.column_names | length)) | join(', ') ~ ')' %}
    {% set statements = [] %}
    {% for chunk in agate_table.rows | batch(batch_size) %}
        {% set bindings = [] %}
        {% for row in chunk %}{% do bindings.extend(row) %}{% endfor %}
        {% set sql = 'insert into ' ~ this.render() ~ ' (' ~ cols_sql ~ ') values ' ~ ([row_sql] * (chunk | length)) | join(', ') %}
        {% do adapter.add_query(sql, bindings=bindings, abridge_sql_log=True) %}
        {% if loop.index0 == 0 %}{% do statements.append(sql) %}{% endif %}
    {% endfor %}
    {{ return(statements[0]) }}
{% endmacro %}
