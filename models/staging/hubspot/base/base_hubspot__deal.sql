{%- set earliest_at = "cast('2000-01-01' as timestamp)" -%}
{%- set latest_event_at = dbt.dateadd('year', 1, "cast('" ~ var('as_of_date') ~ "' as timestamp)") -%}
{%- set earliest_date = "cast('2000-01-01' as date)" -%}

with

source as (

    select
        {{ fill_missing_columns(source('hubspot', 'deal'), [
            'deal_id',
            'deal_pipeline_id',
            'deal_pipeline_stage_id',
            'property_dealstage',
            'owner_id',
            'property_hubspot_owner_id',
            'property_amount',
            'property_deal_currency_code',
            'property_createdate',
            'property_closedate',
            'property_dealtype',
            [var('hubspot_lead_source_property'), 'lead_source_property'],
            [var('hubspot_sa_owner_property'), 'sa_owner_property'],
            [var('hubspot_competitor_property'), 'competitor_property'],
            [var('hubspot_partner_account_property'), 'partner_account_property'],
            [var('hubspot_qualification_score_property'), 'qualification_score_property'],
            [var('hubspot_technical_fit_property'), 'technical_fit_property'],
            'is_deleted',
            '_fivetran_deleted',
            '_fivetran_synced',
        ]) }}

    from {{ source('hubspot', 'deal') }}

),

stage_mapping as (

    select crm_stage_name from {{ ref('stage_mapping') }}
    where crm_system = 'hubspot'

),

-- Deals HubSpot folded into another deal: their own rows are duplicates of
-- the surviving deal.
merged_deals as (

    {% if var('hubspot_merged_deal_enabled') -%}
    select distinct {{ normalize_id('merged_deal_id') }} as merged_deal_id
    from {{ source('hubspot', 'merged_deal') }}
    where {{ normalize_id('merged_deal_id') }} is not null
    {%- else -%}
    select cast(null as {{ dbt.type_string() }}) as merged_deal_id
    where 1 = 0
    {%- endif %}

),

typed as (

    select
        {{ normalize_id('deal_id') }} as deal_id,
        {{ normalize_id('deal_pipeline_id') }} as pipeline_id,
        coalesce(
            {{ normalize_id('deal_pipeline_stage_id') }},
            {{ normalize_id('property_dealstage') }}
        ) as raw_deal_stage_id,
        coalesce(
            {{ normalize_id('owner_id') }},
            {{ normalize_id('property_hubspot_owner_id') }}
        ) as owner_id,
        {{ parse_numeric('property_amount') }} as amount,
        coalesce(
            upper({{ normalize_id('property_deal_currency_code') }}),
            '{{ var("hubspot_default_currency") }}'
        ) as currency_code,
        {{ parse_timestamp_utc('property_createdate') }} as created_at,
        {{ parse_date('property_closedate') }} as close_date,
        {{ normalize_id('property_dealtype') }} as deal_type,
        {{ normalize_id('lead_source_property') }} as lead_source,
        {{ normalize_id('sa_owner_property') }} as sa_owner_id,
        {{ normalize_id('competitor_property') }} as competitor,
        {{ normalize_id('partner_account_property') }} as partner_company_id,
        {{ parse_numeric('qualification_score_property') }} as qualification_score,
        {{ parse_boolean('technical_fit_property') }} as is_technical_fit_confirmed,
        {{ parse_boolean('is_deleted') }} as is_deleted_flag,
        {{ parse_boolean('_fivetran_deleted') }} as fivetran_deleted_flag,
        {{ parse_timestamp_utc('_fivetran_synced') }} as _loaded_at,
        {{ normalize_id('deal_id') }} as _source_pk,
        property_amount as raw_amount,
        property_createdate as raw_createdate,
        property_closedate as raw_closedate,
        qualification_score_property as raw_qualification_score,
        technical_fit_property as raw_technical_fit,
        is_deleted as raw_is_deleted,
        _fivetran_deleted as raw_fivetran_deleted

    from source

),

looked_up as (

    select
        typed.*,
        (
            select min(stage_mapping.crm_stage_name) as crm_stage_name
            from stage_mapping
            where lower(trim(stage_mapping.crm_stage_name)) = lower(typed.raw_deal_stage_id)
        ) as deal_stage_id,
        merged_deals.merged_deal_id is not null as is_merged_into_other_deal,
        coalesce(typed.is_deleted_flag, false) or coalesce(typed.fivetran_deleted_flag, false) as is_deleted

    from typed
    left join merged_deals
        on typed.deal_id = merged_deals.merged_deal_id

),

checked as (

    select
        *,
        {{ dq_reason([
            ('owner_id is null', 'missing owner_id'),
            (failed_parse('raw_createdate', 'created_at'), 'unparseable createdate'),
            ('created_at is null', 'missing createdate'),
            ('created_at < ' ~ earliest_at ~ ' or created_at > ' ~ latest_event_at, 'createdate out of range'),
            (failed_parse('raw_closedate', 'close_date'), 'unparseable closedate'),
            ('close_date is null', 'missing closedate'),
            ('close_date < ' ~ earliest_date, 'closedate out of range'),
            ('raw_deal_stage_id is null', 'missing dealstage'),
            ('deal_stage_id is null', 'unknown stage name'),
            (failed_parse('raw_amount', 'amount'), 'unparseable amount'),
            ('amount < 0', 'negative amount'),
            ("not " ~ regex_matches('currency_code', '^[A-Z]{3}$'), 'invalid currency_code'),
            (failed_parse('raw_qualification_score', 'qualification_score'), 'unparseable qualification_score'),
            ('qualification_score < 0 or qualification_score > 100', 'qualification_score outside 0-100'),
            (failed_parse('raw_technical_fit', 'is_technical_fit_confirmed'), 'unparseable technical fit flag'),
            (failed_parse('raw_is_deleted', 'is_deleted_flag'), 'unparseable is_deleted'),
            (failed_parse('raw_fivetran_deleted', 'fivetran_deleted_flag'), 'unparseable _fivetran_deleted'),
        ]) }} as _dq_reason

    from looked_up

),

final as (

    select
        'hubspot.deal' as _source_table,
        _source_pk,
        deal_id,
        pipeline_id,
        deal_stage_id,
        raw_deal_stage_id,
        owner_id,
        amount,
        currency_code,
        created_at,
        close_date,
        deal_type,
        lead_source,
        sa_owner_id,
        competitor,
        partner_company_id,
        qualification_score,
        is_technical_fit_confirmed,
        is_merged_into_other_deal,
        is_deleted,
        {{ event_date(['close_date', 'created_at']) }} as _event_date,
        _loaded_at,
        case
            when _source_pk is not null and is_merged_into_other_deal then 'merged into another deal'
            else {{ reason_with_missing_key('_source_pk') }}
        end as _dq_reason,
        case
            when _source_pk is not null and is_merged_into_other_deal then 'duplicate'
            else {{ row_status('_source_pk', '_loaded_at', 'is_deleted') }}
        end as _row_status

    from checked

)

select * from final
