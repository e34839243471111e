{%- set earliest_at = "cast('2000-01-01' as timestamp)" -%}
{%- set latest_event_at = dbt.dateadd('year', 1, "cast('" ~ var('as_of_date') ~ "' as timestamp)") -%}

with

source as (

    select
        {{ fill_missing_columns(source('hubspot', 'deal_stage'), [
            'deal_id',
            'value',
            'date_entered',
            'source',
            '_fivetran_start',
            '_fivetran_end',
            '_fivetran_active',
            '_fivetran_synced',
        ]) }}

    from {{ source('hubspot', 'deal_stage') }}

),

stage_mapping as (

    select crm_stage_name from {{ ref('stage_mapping') }}
    where crm_system = 'hubspot'

),

deals as (

    select distinct deal_id from {{ ref('stg_hubspot__deal') }}

),

typed as (

    select
        {{ dbt.concat([normalize_id('deal_id'), "'|'", normalize_id('_fivetran_start')]) }} as deal_stage_history_id,
        {{ normalize_id('deal_id') }} as deal_id,
        {{ normalize_id('value') }} as raw_deal_stage_id,
        {{ parse_timestamp_utc('date_entered') }} as date_entered_at,
        {{ parse_timestamp_utc('_fivetran_start') }} as version_started_at,
        {{ parse_timestamp_utc('_fivetran_end') }} as version_ended_at,
        {{ parse_boolean('_fivetran_active') }} as is_current,
        {{ normalize_id('source') }} as change_source,
        {{ parse_timestamp_utc('_fivetran_synced') }} as _loaded_at,
        {{ dbt.concat([normalize_id('deal_id'), "'|'", normalize_id('_fivetran_start')]) }} as _source_pk,
        date_entered as raw_date_entered,
        _fivetran_start as raw_fivetran_start,
        _fivetran_end as raw_fivetran_end,
        _fivetran_active as raw_fivetran_active

    from source

),

looked_up as (

    select
        typed.*,
        coalesce(typed.date_entered_at, typed.version_started_at) as entered_at,
        (
            select min(stage_mapping.crm_stage_name) as crm_stage_name
            from stage_mapping
            where lower(trim(stage_mapping.crm_stage_name)) = lower(typed.raw_deal_stage_id)
        ) as deal_stage_id,
        deals.deal_id is not null as has_kept_deal

    from typed
    left join deals
        on typed.deal_id = deals.deal_id

),

checked as (

    select
        *,
        {{ dq_reason([
            (failed_parse('raw_date_entered', 'date_entered_at'), 'unparseable date_entered'),
            (failed_parse('raw_fivetran_start', 'version_started_at'), 'unparseable _fivetran_start'),
            (failed_parse('raw_fivetran_end', 'version_ended_at'), 'unparseable _fivetran_end'),
            ('entered_at is null', 'missing date_entered'),
            ('entered_at < ' ~ earliest_at ~ ' or entered_at > ' ~ latest_event_at, 'date_entered out of range'),
            ('version_ended_at < version_started_at', 'history version ends before it starts'),
            ('raw_deal_stage_id is null', 'missing stage value'),
            ('deal_stage_id is null', 'unknown stage name'),
            (failed_parse('raw_fivetran_active', 'is_current'), 'unparseable _fivetran_active'),
            ('not has_kept_deal', 'orphan deal_id'),
        ]) }} as _dq_reason

    from looked_up

),

final as (

    select
        'hubspot.deal_stage' as _source_table,
        _source_pk,
        deal_stage_history_id,
        deal_id,
        deal_stage_id,
        raw_deal_stage_id,
        entered_at,
        version_started_at,
        version_ended_at,
        is_current,
        change_source,
        {{ event_date(['entered_at']) }} as _event_date,
        _loaded_at,
        {{ reason_with_missing_key('_source_pk') }} as _dq_reason,
        {{ row_status('_source_pk', '_loaded_at') }} as _row_status

    from checked

)

select * from final
