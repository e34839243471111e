{#- Nothing disappears without a reason: every raw row reaches the base model,
    every base row carries exactly one label, and the staged view holds
    exactly the rows labelled 'kept'. -#}
{% test reconciles_with_source(model, base_model, source_relation) %}

with

counts as (

    select
        (select count(*) from {{ source_relation }}) as raw_rows,
        (select count(*) from {{ base_model }}) as base_rows,
        (select count(*) from {{ base_model }} where _row_status = 'kept') as kept_rows,
        (
            select count(*) from {{ base_model }}
            where _row_status in ('quarantined', 'duplicate', 'soft_deleted')
        ) as removed_rows,
        (select count(*) from {{ model }}) as staged_rows

)

select * from counts
where
    raw_rows != base_rows
    or raw_rows != kept_rows + removed_rows
    or staged_rows != kept_rows

{% endtest %}
