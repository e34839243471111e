{%- set earliest_date = "cast('2000-01-01' as date)" -%}
{%- set latest_event_date = "cast("
    ~ dbt.dateadd('year', 1, "cast('" ~ var('as_of_date') ~ "' as date)")
    ~ " as date)" -%}
{%- set gate_text = "lower(" ~ normalize_id('gate') ~ ")" -%}

with

source as (

    select * from {{ source('lms', 'assessment_attempts') }}

),

kept_users as (

    select distinct user_id from {{ ref('stg_lms__users') }}

),

typed as (

    select
        {{ normalize_id('attempt_id') }} as attempt_id,
        {{ normalize_id('user_id') }} as user_id,
        case
            when {{ regex_matches(gate_text, '^(gate)?[ _-]*[1-3]$') }}
                then {{ parse_integer("regexp_replace(" ~ gate_text ~ ", '[^0-9]', '', 'g')") }}
        end as gate_number,
        {{ parse_numeric('score') }} as score,
        {{ parse_boolean('passed') }} as is_passed,
        {{ parse_timestamp_utc('attempted_at') }} as attempted_at,
        {{ parse_timestamp_utc('_loaded_at') }} as _loaded_at,
        {{ normalize_id('attempt_id') }} as _source_pk,
        {{ gate_text }} as raw_gate,
        score as raw_score,
        passed as raw_passed,
        attempted_at as raw_attempted_at

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
            ('raw_gate is null', 'missing gate'),
            ('gate_number is null', 'unknown gate'),
            (failed_parse('raw_score', 'score'), 'unparseable score'),
            ('score < 0 or score > 100', 'score outside 0-100'),
            (failed_parse('raw_passed', 'is_passed'), 'unparseable passed'),
            ('is_passed is null', 'missing passed'),
            (failed_parse('raw_attempted_at', 'attempted_at'), 'unparseable attempted_at'),
            ('attempted_at is null', 'missing attempted_at'),
            ('cast(attempted_at as date) < ' ~ earliest_date ~ ' or cast(attempted_at as date) > ' ~ latest_event_date,
                'attempted_at out of range'),
        ]) }} as _dq_reason

    from looked_up

),

final as (

    select
        'lms.assessment_attempts' as _source_table,
        _source_pk,
        attempt_id,
        user_id,
        gate_number,
        score,
        is_passed,
        attempted_at,
        {{ event_date(['attempted_at']) }} as _event_date,
        _loaded_at,
        {{ reason_with_missing_key('_source_pk') }} as _dq_reason,
        {{ row_status('_source_pk', '_loaded_at') }} as _row_status

    from checked

)

select * from final
