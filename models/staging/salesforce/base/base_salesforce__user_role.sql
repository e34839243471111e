with

source as (

    select
        {{ fill_missing_columns(source('salesforce', 'user_role'), [
            'id',
            'name',
            'developer_name',
            'parent_role_id',
            'is_deleted',
            '_fivetran_deleted',
            '_fivetran_synced',
        ]) }}

    from {{ source('salesforce', 'user_role') }}

),

typed as (

    select
        {{ normalize_id('id') }} as user_role_id,
        {{ normalize_id('name') }} as role_name,
        {{ normalize_id('developer_name') }} as developer_name,
        {{ normalize_id('parent_role_id') }} as parent_role_id,
        {{ parse_boolean('is_deleted') }} as is_deleted_flag,
        {{ parse_boolean('_fivetran_deleted') }} as fivetran_deleted_flag,
        {{ parse_timestamp_utc('_fivetran_synced') }} as _loaded_at,
        {{ normalize_id('id') }} as _source_pk,
        is_deleted as raw_is_deleted,
        _fivetran_deleted as raw_fivetran_deleted

    from source

),

checked as (

    select
        *,
        coalesce(is_deleted_flag, false) or coalesce(fivetran_deleted_flag, false) as is_deleted,
        {{ dq_reason([
            ('parent_role_id = user_role_id', 'role is its own parent'),
            (failed_parse('raw_is_deleted', 'is_deleted_flag'), 'unparseable is_deleted'),
            (failed_parse('raw_fivetran_deleted', 'fivetran_deleted_flag'), 'unparseable _fivetran_deleted'),
        ]) }} as _dq_reason

    from typed

),

final as (

    select
        'salesforce.user_role' as _source_table,
        _source_pk,
        user_role_id,
        role_name,
        developer_name,
        parent_role_id,
        is_deleted,
        {{ event_date([]) }} as _event_date,
        _loaded_at,
        {{ reason_with_missing_key('_source_pk') }} as _dq_reason,
        {{ row_status('_source_pk', '_loaded_at', 'is_deleted') }} as _row_status

    from checked

)

select * from final
