{%- set earliest_date = "cast('2000-01-01' as date)" -%}
{%- set latest_event_date = "cast("
    ~ dbt.dateadd('year', 1, "cast('" ~ var('as_of_date') ~ "' as date)")
    ~ " as date)" -%}

with

source as (

    select * from {{ source('lms', 'enrollments') }}

),

kept_users as (

    select distinct user_id from {{ ref('stg_lms__users') }}

),

typed as (

    select
        {{ normalize_id('enrollment_id') }} as enrollment_id,
        {{ normalize_id('user_id') }} as user_id,
        case lower({{ normalize_id('program') }})
            when 'sa onboarding' then 'SA Onboarding'
            when 'ae onboarding' then 'AE Onboarding'
            when 'partner enablement' then 'Partner Enablement'
        end as program,  -- noqa: RF04
        case lower({{ normalize_id('role_track') }})
            when 'sa' then 'SA'
            when 'ae' then 'AE'
            when 'partner' then 'Partner'
        end as role_track,
        {{ parse_timestamp_utc('enrolled_at') }} as enrolled_at,
        {{ parse_boolean('is_deleted') }} as is_deleted,
        {{ parse_timestamp_utc('_loaded_at') }} as _loaded_at,
        {{ normalize_id('enrollment_id') }} as _source_pk,
        {{ normalize_id('program') }} as raw_program,
        {{ normalize_id('role_track') }} as raw_role_track,
        enrolled_at as raw_enrolled_at,
        is_deleted as raw_is_deleted

    from source

),

looked_up as (

    select
        typed.*,
        kept_users.user_id is not null as has_kept_user

    from typed
    left join kept_users
        on typed.user_id = kept_users.user_id

),

checked as (

    select
        *,
        {{ dq_reason([
            ('user_id is null', 'missing user_id'),
            ('not has_kept_user', 'orphan user_id'),
            ('raw_program is not null and program is null', 'unknown program'),
            ('raw_role_track is null', 'missing role_track'),
            ('role_track is null', 'unknown role_track'),
            (failed_parse('raw_enrolled_at', 'enrolled_at'), 'unparseable enrolled_at'),
            ('enrolled_at is null', 'missing enrolled_at'),
            ('cast(enrolled_at as date) < ' ~ earliest_date ~ ' or cast(enrolled_at as date) > ' ~ latest_event_date,
                'enrolled_at out of range'),
            (failed_parse('raw_is_deleted', 'is_deleted'), 'unparseable is_deleted'),
        ]) }} as _dq_reason

    from looked_up

),

final as (

    select
        'lms.enrollments' as _source_table,
        _source_pk,
        enrollment_id,
        user_id,
        program,
        role_track,
        enrolled_at,
        is_deleted,
        {{ event_date(['enrolled_at']) }} as _event_date,
        _loaded_at,
        {{ reason_with_missing_key('_source_pk') }} as _dq_reason,
        {{ row_status('_source_pk', '_loaded_at', 'is_deleted') }} as _row_status

    from checked

)

select * from final
