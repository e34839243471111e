with

survey_responses as (

    select * from {{ ref('stg_lms__survey_responses') }}

),

enrollments as (

    select * from {{ ref('stg_lms__enrollments') }}

),

-- Answered confidence surveys by as_of; a blank answer is not an answer.
confidence_answers as (

    select
        response_id,
        user_id,
        survey_type,
        skill,
        score,
        submitted_at

    from survey_responses
    where
        survey_type in ('confidence_pre', 'confidence_post')
        and score is not null
        and submitted_at < {{ dbt.dateadd('day', 1, as_of_date()) }}

),

enrollments_in_window as (

    select
        enrollment_id,
        user_id,
        role_track,
        enrolled_at

    from enrollments
    where enrolled_at < {{ dbt.dateadd('day', 1, as_of_date()) }}

),

-- An answer belongs to the learner's latest enrollment started at or before
-- it, else (pre-work) to the earliest one: see enrollment_rank_for_event.
answer_enrollment_candidates as (

    select
        confidence_answers.response_id,
        confidence_answers.survey_type,
        confidence_answers.skill,
        confidence_answers.score,
        confidence_answers.submitted_at,
        enrollments_in_window.enrollment_id,
        enrollments_in_window.role_track,
        enrollments_in_window.enrolled_at,
        {{ enrollment_rank_for_event(
            'confidence_answers.response_id',
            'confidence_answers.submitted_at',
            'enrollments_in_window.enrolled_at',
            'enrollments_in_window.enrollment_id'
        ) }} as enrollment_rank

    from confidence_answers
    inner join enrollments_in_window
        on confidence_answers.user_id = enrollments_in_window.user_id

),

-- The latest answer of each type per learner enrollment x skill
-- (ties: the later response_id).
answers_ranked as (

    select
        enrollment_id,
        role_track,
        enrolled_at,
        skill,
        survey_type,
        score,
        row_number() over (
            partition by enrollment_id, skill, survey_type
            order by submitted_at desc, response_id desc
        ) as answer_rank

    from answer_enrollment_candidates
    where enrollment_rank = 1

),

pairs as (

    select
        enrollment_id,
        role_track,
        enrolled_at,
        skill,
        max(case when survey_type = 'confidence_pre' then score end) as pre_score,
        max(case when survey_type = 'confidence_post' then score end) as post_score

    from answers_ranked
    where answer_rank = 1
    group by
        enrollment_id,
        role_track,
        enrolled_at,
        skill

),

-- Only learners with a baseline: paired ones carry post - pre, those with a
-- pre but no post yet are pending; a post with no pre is not comparable.
members as (

    select
        {{ period_columns('cast(enrolled_at as date)', 'quarter') }},
        skill,
        role_track,
        {{ dbt.concat(["skill", "':'", "role_track"]) }} as skill_role_track,
        post_score - pre_score as measure,
        post_score is null as is_pending

    from pairs
    where pre_score is not null

),

member_segments as (

    {{ kpi_member_segments('members', [
        ('skill', 'skill'),
        ('role_track', 'role_track'),
        ('skill_role_track', 'skill_role_track'),
    ]) }}

),

kpi_rows as (

    {{ kpi_aggregate('member_segments', 'confidence_delta', 'points') }}

),

final as (

    select {{ kpi_output_columns() }}
    from kpi_rows

)

select * from final
