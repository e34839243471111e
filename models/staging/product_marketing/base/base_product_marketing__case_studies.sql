{%- set earliest_date = "cast('2000-01-01' as date)" -%}
{%- set as_of_date = "cast('" ~ var('as_of_date') ~ "' as date)" -%}
{%- set latest_event_date = "cast(" ~ dbt.dateadd('year', 1, as_of_date) ~ " as date)" -%}

with

source as (

    select * from {{ source('product_marketing', 'case_studies') }}

),

kept_partners as (

    select distinct partner_id from {{ ref('stg_partner_portal__partners') }}

),

typed as (

    select
        {{ normalize_id('case_study_id') }} as case_study_id,
        {{ normalize_id('partner_id', 5) }} as partner_id,
        {{ normalize_id('title') }} as title,
        lower({{ normalize_id('topic') }}) as topic,
        {{ parse_timestamp_utc('published_at') }} as published_at,
        {{ parse_timestamp_utc('_loaded_at') }} as _loaded_at,
        {{ normalize_id('case_study_id') }} as _source_pk,
        published_at as raw_published_at

    from source

),

checked as (

    select
        typed.*,
        {{ dq_reason([
            ('typed.partner_id is null', 'missing partner_id'),
            ('kept_partners.partner_id is null', 'orphan partner_id'),
            (failed_parse('typed.raw_published_at', 'typed.published_at'), 'unparseable published_at'),
            ('typed.published_at is null', 'missing published_at'),
            ('typed.published_at < ' ~ earliest_date ~ ' or typed.published_at > ' ~ latest_event_date,
                'published_at out of range'),
        ]) }} as _dq_reason

    from typed
    left join kept_partners
        on typed.partner_id = kept_partners.partner_id

),

final as (

    select
        'product_marketing.case_studies' as _source_table,
        _source_pk,
        case_study_id,
        partner_id,
        title,
        topic,
        published_at,
        {{ event_date(['published_at']) }} as _event_date,
        _loaded_at,
        {{ reason_with_missing_key('_source_pk') }} as _dq_reason,
        {{ row_status('_source_pk', '_loaded_at') }} as _row_status

    from checked

)

select * from final
