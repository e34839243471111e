with

source as (

    select
        {{ fill_missing_columns(source('hubspot', 'engagement_deal'), [
            'engagement_id',
            'deal_id',
            'engagement_type',
            '_fivetran_deleted',
            '_fivetran_synced',
        ]) }}

    from {{ source('hubspot', 'engagement_deal') }}

),

engagements as (

    select distinct engagement_id from {{ ref('stg_hubspot__engagement') }}

),

-- Every landed deal, kept or not: an activity logged on a deal that staging
-- quarantined still happened on that deal (as with Salesforce's what_id).
landed_deals as (

    select distinct deal_id from {{ ref('base_hubspot__deal') }}
    where deal_id is not null

),

typed as (

    select
        {{ normalize_id('engagement_id') }} as engagement_id,
        {{ normalize_id('deal_id') }} as deal_id,
        upper({{ normalize_id('engagement_type') }}) as engagement_type,
        {{ parse_boolean('_fivetran_deleted') }} as fivetran_deleted_flag,
        {{ parse_timestamp_utc('_fivetran_synced') }} as _loaded_at,
        {{ dbt.concat([normalize_id('engagement_id'), "'|'", normalize_id('deal_id')]) }} as _source_pk,
        _fivetran_deleted as raw_fivetran_deleted

    from source

),

looked_up as (

    select
        typed.*,
        engagements.engagement_id is not null as has_kept_engagement,
        landed_deals.deal_id is not null as has_landed_deal,
        coalesce(typed.fivetran_deleted_flag, false) as is_deleted

    from typed
    left join engagements
        on typed.engagement_id = engagements.engagement_id
    left join landed_deals
        on typed.deal_id = landed_deals.deal_id

),

checked as (

    select
        *,
        {{ dq_reason([
            (failed_parse('raw_fivetran_deleted', 'fivetran_deleted_flag'), 'unparseable _fivetran_deleted'),
            ('not has_kept_engagement', 'orphan engagement_id'),
            ('not has_landed_deal', 'orphan deal_id'),
        ]) }} as _dq_reason

    from looked_up

),

final as (

    select
        'hubspot.engagement_deal' as _source_table,
        _source_pk,
        engagement_id,
        deal_id,
        engagement_type,
        is_deleted,
        {{ event_date([]) }} as _event_date,
        _loaded_at,
        {{ reason_with_missing_key('_source_pk') }} as _dq_reason,
        {{ row_status('_source_pk', '_loaded_at', 'is_deleted') }} as _row_status

    from checked

)

select * from final
