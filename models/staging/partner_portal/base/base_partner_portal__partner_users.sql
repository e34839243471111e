{%- set earliest_date = "cast('2000-01-01' as date)" -%}
{%- set as_of_date = "cast('" ~ var('as_of_date') ~ "' as date)" -%}
{%- set latest_event_date = "cast(" ~ dbt.dateadd('year', 1, as_of_date) ~ " as date)" -%}

with

source as (

    select * from {{ source('partner_portal', 'partner_users') }}

),

kept_partners as (

    select distinct partner_id from {{ ref('stg_partner_portal__partners') }}

),

typed as (

    select
        {{ normalize_id('partner_user_id') }} as partner_user_id,
        {{ normalize_id('partner_id', 5) }} as partner_id,
        {{ normalize_email('email') }} as email,
        {{ parse_timestamp_utc('created_at') }} as created_at,
        {{ parse_timestamp_utc('_loaded_at') }} as _loaded_at,
        {{ normalize_id('partner_user_id') }} as _source_pk,
        created_at as raw_created_at

    from source

),

checked as (

    select
        typed.*,
        {{ dq_reason([
            ('typed.partner_id is null', 'missing partner_id'),
            ('kept_partners.partner_id is null', 'orphan partner_id'),
            (failed_parse('typed.raw_created_at', 'typed.created_at'), 'unparseable created_at'),
            ('typed.created_at < ' ~ earliest_date ~ ' or typed.created_at > ' ~ latest_event_date,
                'created_at out of range'),
        ]) }} as _dq_reason

    from typed
    left join kept_partners
        on typed.partner_id = kept_partners.partner_id

),

final as (

    select
        'partner_portal.partner_users' as _source_table,
        _source_pk,
        partner_user_id,
        partner_id,
        email,
        created_at,
        {{ event_date(['created_at']) }} as _event_date,
        _loaded_at,
        {{ reason_with_missing_key('_source_pk') }} as _dq_reason,
        {{ row_status('_source_pk', '_loaded_at') }} as _row_status

    from checked

)

select * from final
