with

source as (

    select
        {{ fill_missing_columns(source('hubspot', 'deal_company'), [
            'deal_id',
            'company_id',
            'type_id',
            'category',
            '_fivetran_deleted',
            '_fivetran_synced',
        ]) }}

    from {{ source('hubspot', 'deal_company') }}

),

deals as (

    select distinct deal_id from {{ ref('stg_hubspot__deal') }}

),

companies as (

    select distinct company_id from {{ ref('stg_hubspot__company') }}

),

typed as (

    select
        {{ normalize_id('deal_id') }} as deal_id,
        {{ normalize_id('company_id') }} as company_id,
        {{ normalize_id('type_id') }} as association_type_id,
        upper({{ normalize_id('category') }}) as association_category,
        {{ parse_boolean('_fivetran_deleted') }} as fivetran_deleted_flag,
        {{ parse_timestamp_utc('_fivetran_synced') }} as _loaded_at,
        {{ dbt.concat([
            normalize_id('deal_id'), "'|'", normalize_id('company_id'), "'|'", "coalesce(" ~ normalize_id('type_id') ~ ", '')"
        ]) }} as _source_pk,
        _fivetran_deleted as raw_fivetran_deleted

    from source

),

looked_up as (

    select
        typed.*,
        deals.deal_id is not null as has_kept_deal,
        companies.company_id is not null as has_kept_company,
        coalesce(typed.fivetran_deleted_flag, false) as is_deleted

    from typed
    left join deals
        on typed.deal_id = deals.deal_id
    left join companies
        on typed.company_id = companies.company_id

),

checked as (

    select
        *,
        {{ dq_reason([
            (failed_parse('raw_fivetran_deleted', 'fivetran_deleted_flag'), 'unparseable _fivetran_deleted'),
            ('not has_kept_deal', 'orphan deal_id'),
            ('not has_kept_company', 'orphan company_id'),
        ]) }} as _dq_reason

    from looked_up

),

final as (

    select
        'hubspot.deal_company' as _source_table,
        _source_pk,
        deal_id,
        company_id,
        association_type_id,
        association_category,
        is_deleted,
        {{ event_date([]) }} as _event_date,
        _loaded_at,
        {{ reason_with_missing_key('_source_pk') }} as _dq_reason,
        {{ row_status('_source_pk', '_loaded_at', 'is_deleted') }} as _row_status

    from checked

)

select * from final
