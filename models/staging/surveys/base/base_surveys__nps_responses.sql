{%- set earliest_date = "cast('2000-01-01' as date)" -%}
{%- set as_of_date = "cast('" ~ var('as_of_date') ~ "' as date)" -%}
{%- set latest_event_date = "cast(" ~ dbt.dateadd('year', 1, as_of_date) ~ " as date)" -%}

with

source as (

    select * from {{ source('surveys', 'nps_responses') }}

),

typed as (

    select
        {{ normalize_id('response_id') }} as response_id,
        {{ normalize_email('respondent_email') }} as respondent_email,
        upper({{ normalize_id('survey_quarter') }}) as raw_survey_quarter,
        {{ parse_numeric('score') }} as score,
        {{ parse_timestamp_utc('submitted_at') }} as submitted_at,
        {{ parse_timestamp_utc('_loaded_at') }} as _loaded_at,
        {{ normalize_id('response_id') }} as _source_pk,
        score as raw_score,
        submitted_at as raw_submitted_at

    from source

),

canonical as (

    select
        *,
        -- 2026-Q2, 2026 Q2, 2026q2 and Q2 2026 all read as 2026-Q2.
        case
            when {{ regex_matches('raw_survey_quarter', '^[0-9]{4}[ _-]*Q[1-4]$') }}
                then regexp_replace(raw_survey_quarter, '^([0-9]{4})[ _-]*Q([1-4])$', '\1-Q\2')
            when {{ regex_matches('raw_survey_quarter', '^Q[1-4][ _-]*[0-9]{4}$') }}
                then regexp_replace(raw_survey_quarter, '^Q([1-4])[ _-]*([0-9]{4})$', '\2-Q\1')
        end as survey_quarter

    from typed

),

checked as (

    select
        *,
        {{ dq_reason([
            ('raw_survey_quarter is null', 'missing survey_quarter'),
            ('survey_quarter is null', 'unknown survey_quarter'),
            (failed_parse('raw_score', 'score'), 'unparseable score'),
            ('score < 0 or score > 10', 'score outside 0-10'),
            ('score != floor(score)', 'score not a whole number'),
            (failed_parse('raw_submitted_at', 'submitted_at'), 'unparseable submitted_at'),
            ('submitted_at is null', 'missing submitted_at'),
            ('submitted_at < ' ~ earliest_date ~ ' or submitted_at > ' ~ latest_event_date,
                'submitted_at out of range'),
        ]) }} as _dq_reason

    from canonical

),

final as (

    select
        'surveys.nps_responses' as _source_table,
        _source_pk,
        response_id,
        respondent_email,
        survey_quarter,
        raw_survey_quarter,
        score,
        submitted_at,
        {{ event_date(['submitted_at']) }} as _event_date,
        _loaded_at,
        {{ reason_with_missing_key('_source_pk') }} as _dq_reason,
        {{ row_status('_source_pk', '_loaded_at') }} as _row_status

    from checked

)

select * from final
