{%- set earliest_date = "cast('2000-01-01' as date)" -%}
{%- set latest_event_date = "cast("
    ~ dbt.dateadd('year', 1, "cast('" ~ var('as_of_date') ~ "' as date)")
    ~ " as date)" -%}

with

source as (

    select * from {{ source('lms', 'coaching_checkins') }}

),

kept_users as (

    select distinct user_id from {{ ref('stg_lms__users') }}

),

typed as (

    select
        {{ normalize_id('checkin_id') }} as checkin_id,
        {{ normalize_id('manager_user_id') }} as manager_user_id,
        {{ normalize_id('learner_user_id') }} as learner_user_id,
        {{ parse_timestamp_utc('checkin_at') }} as checkin_at,
        {{ parse_boolean('is_deleted') }} as is_deleted,
        {{ parse_timestamp_utc('_loaded_at') }} as _loaded_at,
        {{ normalize_id('checkin_id') }} as _source_pk,
        checkin_at as raw_checkin_at,
        is_deleted as raw_is_deleted

    from source

),

looked_up as (

    select
        typed.*,
        kept_managers.user_id is not null as has_kept_manager,
        kept_learners.user_id is not null as has_kept_learner

    from typed
    left join kept_users as kept_managers
        on typed.manager_user_id = kept_managers.user_id
    left join kept_users as kept_learners
        on typed.learner_user_id = kept_learners.user_id

),

checked as (

    select
        *,
        {{ dq_reason([
            ('manager_user_id is null', 'missing manager_user_id'),
            ('not has_kept_manager', 'orphan manager_user_id'),
            ('learner_user_id is null', 'missing learner_user_id'),
            ('not has_kept_learner', 'orphan learner_user_id'),
            (failed_parse('raw_checkin_at', 'checkin_at'), 'unparseable checkin_at'),
            ('checkin_at is null', 'missing checkin_at'),
            ('cast(checkin_at as date) < ' ~ earliest_date ~ ' or cast(checkin_at as date) > ' ~ latest_event_date,
                'checkin_at out of range'),
            (failed_parse('raw_is_deleted', 'is_deleted'), 'unparseable is_deleted'),
        ]) }} as _dq_reason

    from looked_up

),

final as (

    select
        'lms.coaching_checkins' as _source_table,
        _source_pk,
        checkin_id,
        manager_user_id,
        learner_user_id,
        checkin_at,
        is_deleted,
        {{ event_date(['checkin_at']) }} as _event_date,
        _loaded_at,
        {{ reason_with_missing_key('_source_pk') }} as _dq_reason,
        {{ row_status('_source_pk', '_loaded_at', 'is_deleted') }} as _row_status

    from checked

)

select * from final
