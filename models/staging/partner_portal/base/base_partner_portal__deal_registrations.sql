{%- set earliest_date = "cast('2000-01-01' as date)" -%}
{%- set as_of_date = "cast('" ~ var('as_of_date') ~ "' as date)" -%}
{%- set latest_event_date = "cast(" ~ dbt.dateadd('year', 1, as_of_date) ~ " as date)" -%}

with

source as (

    select * from {{ source('partner_portal', 'deal_registrations') }}

),

kept_partners as (

    select distinct partner_id from {{ ref('stg_partner_portal__partners') }}

),

typed as (

    select
        {{ normalize_id('registration_id') }} as registration_id,
        {{ normalize_id('partner_id', 5) }} as partner_id,
        {{ parse_timestamp_utc('registered_at') }} as registered_at,
        {{ normalize_id('crm_opportunity_id') }} as opportunity_id,
        lower({{ normalize_id('status') }}) as raw_registration_status,
        {{ parse_timestamp_utc('_loaded_at') }} as _loaded_at,
        {{ normalize_id('registration_id') }} as _source_pk,
        registered_at as raw_registered_at

    from source

),

canonical as (

    select
        *,
        case
            when raw_registration_status in ('approved', 'pending', 'rejected') then raw_registration_status
        end as registration_status

    from typed

),

checked as (

    select
        canonical.*,
        {{ dq_reason([
            ('canonical.partner_id is null', 'missing partner_id'),
            ('kept_partners.partner_id is null', 'orphan partner_id'),
            (failed_parse('canonical.raw_registered_at', 'canonical.registered_at'), 'unparseable registered_at'),
            ('canonical.registered_at is null', 'missing registered_at'),
            ('canonical.registered_at < ' ~ earliest_date ~ ' or canonical.registered_at > ' ~ latest_event_date,
                'registered_at out of range'),
            ('canonical.raw_registration_status is null', 'missing registration_status'),
            ('canonical.registration_status is null', 'unknown registration_status'),
        ]) }} as _dq_reason

    from canonical
    left join kept_partners
        on canonical.partner_id = kept_partners.partner_id

),

final as (

    select
        'partner_portal.deal_registrations' as _source_table,
        _source_pk,
        registration_id,
        partner_id,
        registered_at,
        opportunity_id,
        registration_status,
        raw_registration_status,
        {{ event_date(['registered_at']) }} as _event_date,
        _loaded_at,
        {{ reason_with_missing_key('_source_pk') }} as _dq_reason,
        {{ row_status('_source_pk', '_loaded_at') }} as _row_status

    from checked

)

select * from final
