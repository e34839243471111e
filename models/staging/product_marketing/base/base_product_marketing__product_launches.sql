{%- set earliest_date = "cast('2000-01-01' as date)" -%}
{%- set as_of_date = "cast('" ~ var('as_of_date') ~ "' as date)" -%}
{%- set latest_event_date = "cast(" ~ dbt.dateadd('year', 1, as_of_date) ~ " as date)" -%}

with

source as (

    select * from {{ source('product_marketing', 'product_launches') }}

),

typed as (

    select
        {{ normalize_id('launch_id') }} as launch_id,
        {{ normalize_id('launch_name') }} as launch_name,
        lower({{ normalize_id('topic') }}) as topic,
        {{ parse_timestamp_utc('launched_at') }} as launched_at,
        {{ parse_timestamp_utc('_loaded_at') }} as _loaded_at,
        {{ normalize_id('launch_id') }} as _source_pk,
        launched_at as raw_launched_at

    from source

),

checked as (

    select
        *,
        {{ dq_reason([
            (failed_parse('raw_launched_at', 'launched_at'), 'unparseable launched_at'),
            ('launched_at is null', 'missing launched_at'),
            ('launched_at < ' ~ earliest_date ~ ' or launched_at > ' ~ latest_event_date,
                'launched_at out of range'),
        ]) }} as _dq_reason

    from typed

),

final as (

    select
        'product_marketing.product_launches' as _source_table,
        _source_pk,
        launch_id,
        launch_name,
        topic,
        launched_at,
        {{ event_date(['launched_at']) }} as _event_date,
        _loaded_at,
        {{ reason_with_missing_key('_source_pk') }} as _dq_reason,
        {{ row_status('_source_pk', '_loaded_at') }} as _row_status

    from checked

)

select * from final
