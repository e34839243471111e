{%- set earliest_at = "cast('2000-01-01' as timestamp)" -%}
{%- set latest_event_at = dbt.dateadd('year', 1, "cast('" ~ var('as_of_date') ~ "' as timestamp)") -%}

with

source as (

    select
        {{ fill_missing_columns(source('hubspot', 'deal_pipeline_stage'), [
            'stage_id',
            'pipeline_id',
            'label',
            'probability',
            'closed_won',
            'is_closed',
            'active',
            'display_order',
            'created_at',
            'updated_at',
            '_fivetran_deleted',
            '_fivetran_synced',
        ]) }}

    from {{ source('hubspot', 'deal_pipeline_stage') }}

),

pipelines as (

    select distinct pipeline_id from {{ ref('stg_hubspot__deal_pipeline') }}

),

typed as (

    select
        {{ normalize_id('stage_id') }} as deal_stage_id,
        {{ normalize_id('pipeline_id') }} as pipeline_id,
        {{ normalize_id('label') }} as stage_label,
        {{ parse_numeric('probability') }} as probability,
        {{ parse_boolean('closed_won') }} as is_closed_won,
        {{ parse_boolean('is_closed') }} as is_closed,
        {{ parse_boolean('active') }} as is_active,
        {{ parse_integer('display_order') }} as display_order,
        {{ parse_timestamp_utc('created_at') }} as created_at,
        {{ parse_timestamp_utc('updated_at') }} as updated_at,
        {{ parse_boolean('_fivetran_deleted') }} as fivetran_deleted_flag,
        {{ parse_timestamp_utc('_fivetran_synced') }} as _loaded_at,
        {{ normalize_id('stage_id') }} as _source_pk,
        probability as raw_probability,
        closed_won as raw_closed_won,
        is_closed as raw_is_closed,
        active as raw_active,
        display_order as raw_display_order,
        created_at as raw_created_at,
        updated_at as raw_updated_at,
        _fivetran_deleted as raw_fivetran_deleted

    from source

),

looked_up as (

    select
        typed.*,
        pipelines.pipeline_id is not null as has_kept_pipeline,
        coalesce(typed.fivetran_deleted_flag, false) as is_deleted

    from typed
    left join pipelines
        on typed.pipeline_id = pipelines.pipeline_id

),

checked as (

    select
        *,
        {{ dq_reason([
            ('pipeline_id is null', 'missing pipeline_id'),
            (failed_parse('raw_probability', 'probability'), 'unparseable probability'),
            ('probability < 0 or probability > 1', 'probability outside 0-1'),
            (failed_parse('raw_closed_won', 'is_closed_won'), 'unparseable closed_won'),
            (failed_parse('raw_is_closed', 'is_closed'), 'unparseable is_closed'),
            ('is_closed_won and not is_closed', 'won but not closed'),
            (failed_parse('raw_active', 'is_active'), 'unparseable active'),
            (failed_parse('raw_display_order', 'display_order'), 'unparseable display_order'),
            (failed_parse('raw_created_at', 'created_at'), 'unparseable created_at'),
            ('created_at < ' ~ earliest_at ~ ' or created_at > ' ~ latest_event_at, 'created_at out of range'),
            (failed_parse('raw_updated_at', 'updated_at'), 'unparseable updated_at'),
            (failed_parse('raw_fivetran_deleted', 'fivetran_deleted_flag'), 'unparseable _fivetran_deleted'),
            ('not has_kept_pipeline', 'orphan pipeline_id'),
        ]) }} as _dq_reason

    from looked_up

),

final as (

    select
        'hubspot.deal_pipeline_stage' as _source_table,
        _source_pk,
        deal_stage_id,
        pipeline_id,
        stage_label,
        probability,
        is_closed_won,
        is_closed,
        is_active,
        display_order,
        created_at,
        updated_at,
        is_deleted,
        {{ event_date(['created_at']) }} as _event_date,
        _loaded_at,
        {{ reason_with_missing_key('_source_pk') }} as _dq_reason,
        {{ row_status('_source_pk', '_loaded_at', 'is_deleted') }} as _row_status

    from checked

)

select * from final
