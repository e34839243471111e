{%- set earliest_date = "cast('2000-01-01' as date)" -%}
{%- set as_of_date = "cast('" ~ var('as_of_date') ~ "' as date)" -%}
{%- set latest_event_date = "cast(" ~ dbt.dateadd('year', 1, as_of_date) ~ " as date)" -%}

with

source as (

    select * from {{ source('product_marketing', 'content_deployments') }}

),

kept_events as (

    select
        competitive_event_id,
        announced_at

    from {{ ref('stg_product_marketing__competitive_events') }}

),

typed as (

    select
        {{ normalize_id('deployment_id') }} as deployment_id,
        {{ normalize_id('competitive_event_id') }} as competitive_event_id,
        {{ normalize_id('module_id') }} as module_id,
        {{ parse_timestamp_utc('deployed_at') }} as deployed_at,
        {{ parse_timestamp_utc('_loaded_at') }} as _loaded_at,
        {{ normalize_id('deployment_id') }} as _source_pk,
        deployed_at as raw_deployed_at

    from source

),

checked as (

    select
        typed.*,
        -- kept_events is unique on competitive_event_id (tested), so the join keeps the grain.
        {{ dq_reason([
            ('typed.competitive_event_id is null', 'missing competitive_event_id'),
            ('kept_events.competitive_event_id is null', 'orphan competitive_event_id'),
            (failed_parse('typed.raw_deployed_at', 'typed.deployed_at'), 'unparseable deployed_at'),
            ('typed.deployed_at is null', 'missing deployed_at'),
            ('typed.deployed_at < ' ~ earliest_date ~ ' or typed.deployed_at > ' ~ latest_event_date,
                'deployed_at out of range'),
            ('typed.deployed_at < kept_events.announced_at', 'deployed before event announced'),
        ]) }} as _dq_reason

    from typed
    left join kept_events
        on typed.competitive_event_id = kept_events.competitive_event_id

),

final as (

    select
        'product_marketing.content_deployments' as _source_table,
        _source_pk,
        deployment_id,
        competitive_event_id,
        module_id,
        deployed_at,
        {{ event_date(['deployed_at']) }} as _event_date,
        _loaded_at,
        {{ reason_with_missing_key('_source_pk') }} as _dq_reason,
        {{ row_status('_source_pk', '_loaded_at') }} as _row_status

    from checked

)

select * from final
