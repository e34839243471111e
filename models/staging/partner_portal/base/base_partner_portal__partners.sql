{%- set earliest_date = "cast('2000-01-01' as date)" -%}
{%- set as_of_date = "cast('" ~ var('as_of_date') ~ "' as date)" -%}
{%- set latest_event_date = "cast(" ~ dbt.dateadd('year', 1, as_of_date) ~ " as date)" -%}

with

source as (

    select * from {{ source('partner_portal', 'partners') }}

),

typed as (

    select
        {{ normalize_id('partner_id', 5) }} as partner_id,
        {{ normalize_id('partner_type') }} as raw_partner_type,
        {{ normalize_id('crm_account_id') }} as crm_account_id,
        {{ parse_timestamp_utc('activated_at') }} as activated_at,
        lower({{ normalize_id('status') }}) as raw_partner_status,
        {{ parse_timestamp_utc('deactivated_at') }} as deactivated_at,
        {{ parse_boolean('is_deleted') }} as is_deleted,
        {{ parse_timestamp_utc('_loaded_at') }} as _loaded_at,
        {{ normalize_id('partner_id', 5) }} as _source_pk,
        activated_at as raw_activated_at,
        deactivated_at as raw_deactivated_at,
        is_deleted as raw_is_deleted

    from source

),

canonical as (

    select
        *,
        -- VAR / var, ISV/MSP / ISV-MSP / isv msp, Alliance / alliance:
        -- compared on letters only.
        case regexp_replace(lower(raw_partner_type), '[^a-z]', '', 'g')
            when 'var' then 'VAR'
            when 'isvmsp' then 'ISV/MSP'
            when 'mspisv' then 'ISV/MSP'
            when 'alliance' then 'Alliance'
        end as partner_type,
        case
            when raw_partner_status in ('active', 'inactive') then raw_partner_status
        end as partner_status

    from typed

),

checked as (

    select
        *,
        {{ dq_reason([
            ('raw_partner_type is null', 'missing partner_type'),
            ('partner_type is null', 'unknown partner_type'),
            ('raw_partner_status is null', 'missing partner_status'),
            ('partner_status is null', 'unknown partner_status'),
            (failed_parse('raw_activated_at', 'activated_at'), 'unparseable activated_at'),
            ('activated_at < ' ~ earliest_date ~ ' or activated_at > ' ~ latest_event_date,
                'activated_at out of range'),
            (failed_parse('raw_deactivated_at', 'deactivated_at'), 'unparseable deactivated_at'),
            ('deactivated_at < ' ~ earliest_date ~ ' or deactivated_at > ' ~ latest_event_date,
                'deactivated_at out of range'),
            ('deactivated_at < activated_at', 'deactivated before activated'),
            (failed_parse('raw_is_deleted', 'is_deleted'), 'unparseable is_deleted'),
        ]) }} as _dq_reason

    from canonical

),

final as (

    select
        'partner_portal.partners' as _source_table,
        _source_pk,
        partner_id,
        partner_type,
        raw_partner_type,
        crm_account_id,
        activated_at,
        partner_status,
        deactivated_at,
        is_deleted,
        {{ event_date(['activated_at']) }} as _event_date,
        _loaded_at,
        {{ reason_with_missing_key('_source_pk') }} as _dq_reason,
        {{ row_status('_source_pk', '_loaded_at', 'is_deleted') }} as _row_status

    from checked

)

select * from final
