{#- One row per raw table: every landed row is accounted for as kept,
    quarantined, a collapsed re-sync duplicate or a soft delete. Rows staging
    kept but a relational rule held back in intermediate are counted apart
    (they are part of kept_rows), and both kinds of quarantine make up the
    quarantined share the severity tests watch. -#}
with

{% for base_model in audited_base_models() %}
{{ base_model }} as (

    select * from {{ ref(base_model) }}

),

{% endfor %}
relational_quarantine as (

    select * from {{ ref('int_quarantined_rows') }}

),

status_counts as (

    {% for base_model in audited_base_models() %}
    select
        '{{ base_model[5:] | replace('__', '.') }}' as source_table,
        count(*) as raw_rows,
        sum(case when _row_status = 'kept' then 1 else 0 end) as kept_rows,
        sum(case when _row_status = 'quarantined' then 1 else 0 end) as quarantined_rows,
        sum(case when _row_status = 'duplicate' then 1 else 0 end) as duplicate_rows,
        sum(case when _row_status = 'soft_deleted' then 1 else 0 end) as soft_deleted_rows

    from {{ base_model }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

relational_counts as (

    select
        source_table,
        count(*) as intermediate_quarantined_rows

    from relational_quarantine
    group by source_table

),

final as (

    select
        cast(status_counts.source_table as {{ dbt.type_string() }}) as source_table,
        cast(status_counts.raw_rows as integer) as raw_rows,
        cast(coalesce(status_counts.kept_rows, 0) as integer) as kept_rows,
        cast(coalesce(status_counts.quarantined_rows, 0) as integer) as quarantined_rows,
        cast(coalesce(status_counts.duplicate_rows, 0) as integer) as duplicate_rows,
        cast(coalesce(status_counts.soft_deleted_rows, 0) as integer) as soft_deleted_rows,
        -- A count of rows: no relational rule fired means zero such rows.
        cast(coalesce(relational_counts.intermediate_quarantined_rows, 0) as integer)
            as intermediate_quarantined_rows,
        cast(
            {{ safe_divide(
                'coalesce(status_counts.quarantined_rows, 0)'
                ~ ' + coalesce(relational_counts.intermediate_quarantined_rows, 0)',
                'status_counts.raw_rows'
            ) }} as {{ dbt.type_numeric() }}
        ) as quarantined_share

    from status_counts
    left join relational_counts
        on status_counts.source_table = relational_counts.source_table

)

select * from final
