{#- One row per raw table: every landed row is accounted for as kept,
    quarantined, a collapsed re-sync duplicate or a soft delete. -#}
with

{% for base_model in audited_base_models() %}
{{ base_model }} as (

    select
        '{{ base_model[5:] | replace('__', '.') }}' as source_table,
        count(*) as raw_rows,
        sum(case when _row_status = 'kept' then 1 else 0 end) as kept_rows,
        sum(case when _row_status = 'quarantined' then 1 else 0 end) as quarantined_rows,
        sum(case when _row_status = 'duplicate' then 1 else 0 end) as duplicate_rows,
        sum(case when _row_status = 'soft_deleted' then 1 else 0 end) as soft_deleted_rows

    from {{ ref(base_model) }}

),

{% endfor %}
unioned as (

    {% for base_model in audited_base_models() %}
    select * from {{ base_model }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

final as (

    select
        source_table,
        cast(raw_rows as integer) as raw_rows,
        cast(kept_rows as integer) as kept_rows,
        cast(quarantined_rows as integer) as quarantined_rows,
        cast(duplicate_rows as integer) as duplicate_rows,
        cast(soft_deleted_rows as integer) as soft_deleted_rows,
        {{ safe_divide('quarantined_rows', 'raw_rows') }} as quarantined_share

    from unioned

)

select * from final
