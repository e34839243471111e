{#- Rows of every raw table per business date (the base_ models'
    _event_date): how many landed (re-synced older copies left out) and how
    many of those were quarantined, in staging or by a relational rule in
    intermediate. The daily series behind the quarantine trend and the KPI
    data-quality flag. -#}
with

{% for base_model in audited_base_models() %}
{{ base_model }} as (

    select * from {{ ref(base_model) }}

),

{% endfor %}
quarantined_rows as (

    select * from {{ ref('audit_quarantined_rows') }}

),

landed_rows as (

    {% for base_model in audited_base_models() %}
    select
        _source_table as source_table,
        _event_date as event_date,
        _row_status as row_status

    from {{ base_model }}
    where _row_status != 'duplicate'
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

landed_counts as (

    select
        source_table,
        event_date,
        count(*) as landed_rows,
        sum(case when row_status = 'soft_deleted' then 1 else 0 end) as soft_deleted_rows

    from landed_rows
    group by
        source_table,
        event_date

),

quarantined_counts as (

    select
        source_table,
        event_date,
        sum(case when detected_in = 'staging' then 1 else 0 end) as staging_quarantined_rows,
        sum(case when detected_in = 'intermediate' then 1 else 0 end) as intermediate_quarantined_rows

    from quarantined_rows
    group by
        source_table,
        event_date

),

final as (

    select
        {{ dbt.hash(dbt.concat([
            "landed_counts.source_table", "'|'",
            "coalesce(cast(landed_counts.event_date as " ~ dbt.type_string() ~ "), '')",
        ])) }} as row_count_id,
        cast(landed_counts.source_table as {{ dbt.type_string() }}) as source_table,
        cast(landed_counts.event_date as date) as event_date,
        cast(landed_counts.landed_rows as integer) as landed_rows,
        cast(landed_counts.soft_deleted_rows as integer) as soft_deleted_rows,
        -- Counts of rows: a day no rule fired on has zero quarantined rows.
        cast(coalesce(quarantined_counts.staging_quarantined_rows, 0) as integer) as staging_quarantined_rows,
        cast(coalesce(quarantined_counts.intermediate_quarantined_rows, 0) as integer)
            as intermediate_quarantined_rows,
        cast(
            coalesce(quarantined_counts.staging_quarantined_rows, 0)
            + coalesce(quarantined_counts.intermediate_quarantined_rows, 0)
            as integer
        ) as quarantined_rows

    from landed_counts
    left join quarantined_counts
        on
            landed_counts.source_table = quarantined_counts.source_table
            and (
                landed_counts.event_date = quarantined_counts.event_date
                or (landed_counts.event_date is null and quarantined_counts.event_date is null)
            )

)

select * from final
