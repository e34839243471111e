{%- set earliest_date = "cast('2000-01-01' as date)" -%}
{%- set latest_event_date = "cast("
    ~ dbt.dateadd('year', 1, "cast('" ~ var('as_of_date') ~ "' as date)")
    ~ " as date)" -%}

with

source as (

    select * from {{ source('lms', 'survey_responses') }}

),

kept_users as (

    select distinct user_id from {{ ref('stg_lms__users') }}

),

kept_modules as (

    select distinct module_id from {{ ref('stg_lms__modules') }}

),

typed as (

    select
        {{ normalize_id('response_id') }} as response_id,
        {{ normalize_id('user_id') }} as user_id,
        lower({{ normalize_id('survey_type') }}) as survey_type,
        {{ normalize_id('module_id') }} as module_id,
        lower({{ normalize_id('skill') }}) as skill,
        {{ parse_numeric('score') }} as score,
        {{ parse_timestamp_utc('submitted_at') }} as submitted_at,
        {{ parse_timestamp_utc('_loaded_at') }} as _loaded_at,
        {{ normalize_id('response_id') }} as _source_pk,
        score as raw_score,
        submitted_at as raw_submitted_at

    from source

),

looked_up as (

    select
        typed.*,
        kept_users.user_id is not null as has_kept_user,
        kept_modules.module_id is not null as has_kept_module

    from typed
    left join kept_users
        on typed.user_id = kept_users.user_id
    left join kept_modules
        on typed.module_id = kept_modules.module_id

),

checked as (

    select
        *,
        {{ dq_reason([
            ('user_id is null', 'missing user_id'),
            ('not has_kept_user', 'orphan user_id'),
            ('survey_type is null', 'missing survey_type'),
            ("survey_type not in ('post_module', 'confidence_pre', 'confidence_post')", 'unknown survey_type'),
            ("survey_type = 'post_module' and module_id is null", 'missing module_id'),
            ('module_id is not null and not has_kept_module', 'orphan module_id'),
            ("survey_type in ('confidence_pre', 'confidence_post') and skill is null", 'missing skill'),
            (
                "survey_type in ('confidence_pre', 'confidence_post') and skill not in ("
                ~ "'gpu_workload_matching', 'competitive_objection_handling', "
                ~ "'tco_model_defense', 'discovery_question_quality')",
                'unknown skill'
            ),
            (failed_parse('raw_score', 'score'), 'unparseable score'),
            ('score < 0 or score > 10', 'score outside 0-10'),
            (failed_parse('raw_submitted_at', 'submitted_at'), 'unparseable submitted_at'),
            ('submitted_at is null', 'missing submitted_at'),
            ('cast(submitted_at as date) < ' ~ earliest_date ~ ' or cast(submitted_at as date) > ' ~ latest_event_date,
                'submitted_at out of range'),
        ]) }} as _dq_reason

    from looked_up

),

final as (

    select
        'lms.survey_responses' as _source_table,
        _source_pk,
        response_id,
        user_id,
        survey_type,
        module_id,
        skill,
        score,
        submitted_at,
        {{ event_date(['submitted_at']) }} as _event_date,
        _loaded_at,
        {{ reason_with_missing_key('_source_pk') }} as _dq_reason,
        {{ row_status('_source_pk', '_loaded_at') }} as _row_status

    from checked

)

select * from final
