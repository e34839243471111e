{%- set earliest_at = "cast('2000-01-01' as timestamp)" -%}
{%- set latest_event_at = dbt.dateadd('year', 1, "cast('" ~ var('as_of_date') ~ "' as timestamp)") -%}
{%- set earliest_date = "cast('2000-01-01' as date)" -%}

with

source as (

    select
        {{ fill_missing_columns(source('salesforce', 'opportunity'), [
            'id',
            'account_id',
            'owner_id',
            'stage_name',
            'amount',
            'currency_iso_code',
            'created_date',
            'close_date',
            'is_closed',
            'is_won',
            'type',
            'lead_source',
            [var('salesforce_sa_owner_field'), 'sa_owner_field'],
            [var('salesforce_competitor_field'), 'competitor_field'],
            [var('salesforce_partner_account_field'), 'partner_account_field'],
            [var('salesforce_qualification_score_field'), 'qualification_score_field'],
            [var('salesforce_technical_fit_field'), 'technical_fit_field'],
            'is_deleted',
            '_fivetran_deleted',
            '_fivetran_synced',
        ]) }}

    from {{ source('salesforce', 'opportunity') }}

),

stage_mapping as (

    select crm_stage_name from {{ ref('stage_mapping') }}
    where crm_system = 'salesforce'

),

typed as (

    select
        {{ normalize_id('id') }} as opportunity_id,
        {{ normalize_id('account_id') }} as account_id,
        {{ normalize_id('owner_id') }} as owner_user_id,
        {{ normalize_id('stage_name') }} as raw_stage_name,
        {{ parse_numeric('amount') }} as amount,
        coalesce(
            upper({{ normalize_id('currency_iso_code') }}),
            '{{ var("salesforce_default_currency") }}'
        ) as currency_code,
        {{ parse_timestamp_utc('created_date') }} as created_at,
        {{ parse_date('close_date') }} as close_date,
        {{ parse_boolean('is_closed') }} as is_closed,
        {{ parse_boolean('is_won') }} as is_won,
        {{ normalize_id('type') }} as opportunity_type,
        {{ normalize_id('lead_source') }} as lead_source,
        {{ normalize_id('sa_owner_field') }} as sa_owner_user_id,
        {{ normalize_id('competitor_field') }} as competitor,
        {{ normalize_id('partner_account_field') }} as partner_account_id,
        {{ parse_numeric('qualification_score_field') }} as qualification_score,
        {{ parse_boolean('technical_fit_field') }} as is_technical_fit_confirmed,
        {{ parse_boolean('is_deleted') }} as is_deleted_flag,
        {{ parse_boolean('_fivetran_deleted') }} as fivetran_deleted_flag,
        {{ parse_timestamp_utc('_fivetran_synced') }} as _loaded_at,
        {{ normalize_id('id') }} as _source_pk,
        amount as raw_amount,
        created_date as raw_created_date,
        close_date as raw_close_date,
        is_closed as raw_is_closed,
        is_won as raw_is_won,
        qualification_score_field as raw_qualification_score,
        technical_fit_field as raw_technical_fit,
        is_deleted as raw_is_deleted,
        _fivetran_deleted as raw_fivetran_deleted

    from source

),

staged as (

    select
        typed.*,
        (
            select min(stage_mapping.crm_stage_name) as crm_stage_name
            from stage_mapping
            where lower(trim(stage_mapping.crm_stage_name)) = lower(typed.raw_stage_name)
        ) as stage_name,
        coalesce(typed.is_deleted_flag, false) or coalesce(typed.fivetran_deleted_flag, false) as is_deleted

    from typed

),

checked as (

    select
        *,
        {{ dq_reason([
            ('owner_user_id is null', 'missing owner_id'),
            (failed_parse('raw_created_date', 'created_at'), 'unparseable created_date'),
            ('created_at is null', 'missing created_date'),
            ('created_at < ' ~ earliest_at ~ ' or created_at > ' ~ latest_event_at, 'created_date out of range'),
            (failed_parse('raw_close_date', 'close_date'), 'unparseable close_date'),
            ('close_date is null', 'missing close_date'),
            ('close_date < ' ~ earliest_date, 'close_date out of range'),
            ('raw_stage_name is null', 'missing stage_name'),
            ('stage_name is null', 'unknown stage name'),
            (failed_parse('raw_amount', 'amount'), 'unparseable amount'),
            ('amount < 0', 'negative amount'),
            ("not " ~ regex_matches('currency_code', '^[A-Z]{3}$'), 'invalid currency_code'),
            (failed_parse('raw_qualification_score', 'qualification_score'), 'unparseable qualification_score'),
            ('qualification_score < 0 or qualification_score > 100', 'qualification_score outside 0-100'),
            (failed_parse('raw_is_closed', 'is_closed'), 'unparseable is_closed'),
            (failed_parse('raw_is_won', 'is_won'), 'unparseable is_won'),
            ('is_won and not is_closed', 'won but not closed'),
            (failed_parse('raw_technical_fit', 'is_technical_fit_confirmed'), 'unparseable technical fit flag'),
            (failed_parse('raw_is_deleted', 'is_deleted_flag'), 'unparseable is_deleted'),
            (failed_parse('raw_fivetran_deleted', 'fivetran_deleted_flag'), 'unparseable _fivetran_deleted'),
        ]) }} as _dq_reason

    from staged

),

final as (

    select
        'salesforce.opportunity' as _source_table,
        _source_pk,
        opportunity_id,
        account_id,
        owner_user_id,
        stage_name,
        raw_stage_name,
        amount,
        currency_code,
        created_at,
        close_date,
        is_closed,
        is_won,
        opportunity_type,
        lead_source,
        sa_owner_user_id,
        competitor,
        partner_account_id,
        qualification_score,
        is_technical_fit_confirmed,
        is_deleted,
        {{ event_date(['close_date', 'created_at']) }} as _event_date,
        _loaded_at,
        {{ reason_with_missing_key('_source_pk') }} as _dq_reason,
        {{ row_status('_source_pk', '_loaded_at', 'is_deleted') }} as _row_status

    from checked

)

select * from final
