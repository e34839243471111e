{#- Every row kept out of the clean layers, with the rule it broke: row-level
    rules from the staging base_ models and relational rules from
    int_quarantined_rows. -#}
with

{% for base_model in audited_base_models() %}
{{ base_model }} as (

    select
        _source_table as source_table,
        _source_pk as source_pk,
        _dq_reason as dq_reason,
        _loaded_at as loaded_at,
        'staging' as detected_in

    from {{ ref(base_model) }}
    where _row_status = 'quarantined'

),

{% endfor %}
relational as (

    select
        source_table,
        source_pk,
        dq_reason,
        loaded_at,
        'intermediate' as detected_in

    from {{ ref('int_quarantined_rows') }}

),

unioned as (

    {% for base_model in audited_base_models() %}
    select * from {{ base_model }}
    union all
    {% endfor %}
    select * from relational

),

final as (

    select
        {{ dbt.hash(dbt.concat(["source_table", "'|'", "coalesce(source_pk, '')", "'|'", "dq_reason", "'|'", "detected_in"])) }}
            as quarantined_row_id,
        source_table,
        source_pk,
        dq_reason,
        loaded_at,
        detected_in

    from unioned

)

select * from final
