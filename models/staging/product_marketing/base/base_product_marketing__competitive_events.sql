{%- set earliest_date = "cast('2000-01-01' as date)" -%}
{%- set as_of_date = "cast('" ~ var('as_of_date') ~ "' as date)" -%}
{%- set latest_event_date = "cast(" ~ dbt.dateadd('year', 1, as_of_date) ~ " as date)" -%}

with

source as (

    select * from {{ source('product_marketing', 'competitive_events') }}

),

typed as (

    select
        {{ normalize_id('competitive_event_id') }} as competitive_event_id,
        {{ normalize_id('competitor') }} as competitor,
        -- "Pricing Change", "pricing-change" -> pricing_change
        regexp_replace(lower({{ normalize_id('event_type') }}), '[ -]+', '_', 'g') as raw_event_type,
        lower({{ normalize_id('topic') }}) as topic,
        {{ parse_timestamp_utc('announced_at') }} as announced_at,
        {{ parse_timestamp_utc('_loaded_at') }} as _loaded_at,
        {{ normalize_id('competitive_event_id') }} as _source_pk,
        announced_at as raw_announced_at

    from source

),

canonical as (

    select
        *,
        case
            when raw_event_type in ('pricing_change', 'product_announcement') then raw_event_type
        end as event_type

    from typed

),

checked as (

    select
        *,
        {{ dq_reason([
            ('raw_event_type is null', 'missing event_type'),
            ('event_type is null', 'unknown event_type'),
            (failed_parse('raw_announced_at', 'announced_at'), 'unparseable announced_at'),
            ('announced_at is null', 'missing announced_at'),
            ('announced_at < ' ~ earliest_date ~ ' or announced_at > ' ~ latest_event_date,
                'announced_at out of range'),
        ]) }} as _dq_reason

    from canonical

),

final as (

    select
        'product_marketing.competitive_events' as _source_table,
        _source_pk,
        competitive_event_id,
        competitor,
        event_type,
        raw_event_type,
        topic,
        announced_at,
        {{ event_date(['announced_at']) }} as _event_date,
        _loaded_at,
        {{ reason_with_missing_key('_source_pk') }} as _dq_reason,
        {{ row_status('_source_pk', '_loaded_at') }} as _row_status

    from checked

)

select * from final
