{#- Every row kept out of the clean layers, with the rule it broke: row-level
    rules from the staging base_ models and relational rules from
    int_quarantined_rows. event_date is the row's business date (the base_
    model's _event_date), which attributes the row to KPI periods. -#}
with

{% for base_model in audited_base_models() %}
{{ base_model }} as (

    select * from {{ ref(base_model) }}

),

{% endfor %}
relational_source as (

    select * from {{ ref('int_quarantined_rows') }}

),

staging_quarantine as (

    {% for base_model in audited_base_models() %}
    select
        _source_table as source_table,
        _source_pk as source_pk,
        _dq_reason as dq_reason,
        _event_date as event_date,
        _loaded_at as loaded_at,
        'staging' as detected_in

    from {{ base_model }}
    where _row_status = 'quarantined'
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

-- The business date of the staged copy a relational rule rejected: staging
-- kept it, so exactly one 'kept' base row carries its key.
kept_row_dates as (

    {% for base_model in audited_base_models() %}
    select
        _source_table as source_table,
        _source_pk as source_pk,
        _event_date as event_date

    from {{ base_model }}
    where _row_status = 'kept'
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

relational_quarantine as (

    select
        relational_source.source_table,
        relational_source.source_pk,
        relational_source.dq_reason,
        coalesce(kept_row_dates.event_date, cast(relational_source.loaded_at as date)) as event_date,
        relational_source.loaded_at,
        'intermediate' as detected_in

    from relational_source
    left join kept_row_dates
        on
            relational_source.source_table = kept_row_dates.source_table
            and relational_source.source_pk = kept_row_dates.source_pk

),

unioned as (

    select * from staging_quarantine
    union all
    select * from relational_quarantine

),

-- Rows landed without a key share an empty source_pk: number them so each
-- still gets its own id (every keyed row is number 1).
numbered as (

    select
        *,
        row_number() over (
            partition by source_table, source_pk, dq_reason, detected_in
            order by loaded_at, event_date
        ) as occurrence

    from unioned

),

final as (

    select
        {{ dbt.hash(dbt.concat([
            "source_table", "'|'", "coalesce(source_pk, '')", "'|'", "dq_reason", "'|'", "detected_in",
            "'|'", "cast(occurrence as " ~ dbt.type_string() ~ ")",
        ])) }} as quarantined_row_id,
        cast(source_table as {{ dbt.type_string() }}) as source_table,
        cast(source_pk as {{ dbt.type_string() }}) as source_pk,
        cast(dq_reason as {{ dbt.type_string() }}) as dq_reason,
        cast(event_date as date) as event_date,
        loaded_at,
        cast(detected_in as {{ dbt.type_string() }}) as detected_in

    from numbered

)

select * from final
