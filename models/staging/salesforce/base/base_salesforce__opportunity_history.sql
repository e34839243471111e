{%- set earliest_at = "cast('2000-01-01' as timestamp)" -%}
{%- set latest_event_at = dbt.dateadd('year', 1, "cast('" ~ var('as_of_date') ~ "' as timestamp)") -%}
{%- set earliest_date = "cast('2000-01-01' as date)" -%}

with

source as (

    select
        {{ fill_missing_columns(source('salesforce', 'opportunity_history'), [
            'id',
            'opportunity_id',
            'created_date',
            'stage_name',
            'amount',
            'probability',
            'close_date',
            'forecast_category',
            'expected_revenue',
            'is_deleted',
            '_fivetran_deleted',
            '_fivetran_synced',
        ]) }}

    from {{ source('salesforce', 'opportunity_history') }}

),

stage_mapping as (

    select crm_stage_name from {{ ref('stage_mapping') }}
    where crm_system = 'salesforce'

),

opportunities as (

    select distinct opportunity_id from {{ ref('stg_salesforce__opportunity') }}

),

typed as (

    select
        {{ normalize_id('id') }} as opportunity_history_id,
        {{ normalize_id('opportunity_id') }} as opportunity_id,
        {{ parse_timestamp_utc('created_date') }} as changed_at,
        {{ normalize_id('stage_name') }} as raw_stage_name,
        {{ parse_numeric('amount') }} as amount,
        {{ parse_numeric('probability') }} as probability,
        {{ parse_date('close_date') }} as close_date,
        {{ normalize_id('forecast_category') }} as forecast_category,
        {{ parse_numeric('expected_revenue') }} as expected_revenue,
        {{ parse_boolean('is_deleted') }} as is_deleted_flag,
        {{ parse_boolean('_fivetran_deleted') }} as fivetran_deleted_flag,
        {{ parse_timestamp_utc('_fivetran_synced') }} as _loaded_at,
        {{ normalize_id('id') }} as _source_pk,
        created_date as raw_created_date,
        amount as raw_amount,
        probability as raw_probability,
        close_date as raw_close_date,
        expected_revenue as raw_expected_revenue,
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
            where lower(trim(stage_mapping.crm_stage_name)) = lower(typed.raw_stage_name)
        ) as stage_name,
        opportunities.opportunity_id is not null as has_kept_opportunity,
        coalesce(typed.is_deleted_flag, false) or coalesce(typed.fivetran_deleted_flag, false) as is_deleted

    from typed
    left join opportunities
        on typed.opportunity_id = opportunities.opportunity_id

),

checked as (

    select
        *,
        {{ dq_reason([
            ('opportunity_id is null', 'missing opportunity_id'),
            (failed_parse('raw_created_date', 'changed_at'), 'unparseable created_date'),
            ('changed_at is null', 'missing created_date'),
            ('changed_at < ' ~ earliest_at ~ ' or changed_at > ' ~ latest_event_at, 'created_date out of range'),
            ('raw_stage_name is null', 'missing stage_name'),
            ('stage_name is null', 'unknown stage name'),
            (failed_parse('raw_amount', 'amount'), 'unparseable amount'),
            ('amount < 0', 'negative amount'),
            (failed_parse('raw_probability', 'probability'), 'unparseable probability'),
            ('probability < 0 or probability > 100', 'probability outside 0-100'),
            (failed_parse('raw_close_date', 'close_date'), 'unparseable close_date'),
            ('close_date < ' ~ earliest_date, 'close_date out of range'),
            (failed_parse('raw_expected_revenue', 'expected_revenue'), 'unparseable expected_revenue'),
            ('expected_revenue < 0', 'negative expected_revenue'),
            (failed_parse('raw_is_deleted', 'is_deleted_flag'), 'unparseable is_deleted'),
            (failed_parse('raw_fivetran_deleted', 'fivetran_deleted_flag'), 'unparseable _fivetran_deleted'),
            ('not has_kept_opportunity', 'orphan opportunity_id'),
        ]) }} as _dq_reason

    from looked_up

),

final as (

    select
        'salesforce.opportunity_history' as _source_table,
        _source_pk,
        opportunity_history_id,
        opportunity_id,
        changed_at,
        stage_name,
        raw_stage_name,
        amount,
        probability,
        close_date,
        forecast_category,
        expected_revenue,
        is_deleted,
        {{ event_date(['changed_at']) }} as _event_date,
        _loaded_at,
        {{ reason_with_missing_key('_source_pk') }} as _dq_reason,
        {{ row_status('_source_pk', '_loaded_at', 'is_deleted') }} as _row_status

    from checked

)

select * from final
