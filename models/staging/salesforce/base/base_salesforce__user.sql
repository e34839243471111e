with

source as (

    select
        {{ fill_missing_columns(source('salesforce', 'user'), [
            'id',
            'email',
            'employee_number',
            'manager_id',
            'title',
            'user_role_id',
            'is_active',
            'is_deleted',
            '_fivetran_deleted',
            '_fivetran_synced',
        ]) }}

    from {{ source('salesforce', 'user') }}

),

typed as (

    select
        {{ normalize_id('id') }} as user_id,
        {{ normalize_email('email') }} as email,
        {{ normalize_id('employee_number', 6) }} as employee_number,
        {{ normalize_id('manager_id') }} as manager_user_id,
        {{ normalize_id('title') }} as title,
        {{ normalize_id('user_role_id') }} as user_role_id,
        {{ parse_boolean('is_active') }} as is_active,
        {{ parse_boolean('is_deleted') }} as is_deleted_flag,
        {{ parse_boolean('_fivetran_deleted') }} as fivetran_deleted_flag,
        {{ parse_timestamp_utc('_fivetran_synced') }} as _loaded_at,
        {{ normalize_id('id') }} as _source_pk,
        is_active as raw_is_active,
        is_deleted as raw_is_deleted,
        _fivetran_deleted as raw_fivetran_deleted

    from source

),

checked as (

    select
        *,
        coalesce(is_deleted_flag, false) or coalesce(fivetran_deleted_flag, false) as is_deleted,
        {{ dq_reason([
            (failed_parse('raw_is_active', 'is_active'), 'unparseable is_active'),
            ('manager_user_id = user_id', 'user is their own manager'),
            (failed_parse('raw_is_deleted', 'is_deleted_flag'), 'unparseable is_deleted'),
            (failed_parse('raw_fivetran_deleted', 'fivetran_deleted_flag'), 'unparseable _fivetran_deleted'),
        ]) }} as _dq_reason

    from typed

),

final as (

    select
        'salesforce.user' as _source_table,
        _source_pk,
        user_id,
        email,
        employee_number,
        manager_user_id,
        title,
        user_role_id,
        is_active,
        is_deleted,
        {{ event_date([]) }} as _event_date,
        _loaded_at,
        {{ reason_with_missing_key('_source_pk') }} as _dq_reason,
        {{ row_status('_source_pk', '_loaded_at', 'is_deleted') }} as _row_status

    from checked

)

select * from final
