{%- set gate_text = "cast(gate_number as " ~ dbt.type_string() ~ ")" -%}

with

attempts as (

    select * from {{ ref('stg_lms__assessment_attempts') }}

),

enrollments as (

    select * from {{ ref('stg_lms__enrollments') }}

),

attempts_in_window as (

    select
        attempt_id,
        user_id,
        gate_number,
        is_passed,
        attempted_at

    from attempts
    where attempted_at < {{ dbt.dateadd('day', 1, as_of_date()) }}

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

-- An attempt belongs to the learner's latest enrollment started at or before
-- it, else (pre-work) to the earliest one: see enrollment_rank_for_event.
attempt_enrollment_candidates as (

    select
        attempts_in_window.attempt_id,
        attempts_in_window.gate_number,
        attempts_in_window.is_passed,
        attempts_in_window.attempted_at,
        enrollments_in_window.enrollment_id,
        enrollments_in_window.role_track,
        enrollments_in_window.enrolled_at,
        {{ enrollment_rank_for_event(
            'attempts_in_window.attempt_id',
            'attempts_in_window.attempted_at',
            'enrollments_in_window.enrolled_at',
            'enrollments_in_window.enrollment_id'
        ) }} as enrollment_rank

    from attempts_in_window
    inner join enrollments_in_window
        on attempts_in_window.user_id = enrollments_in_window.user_id

),

attempts_numbered as (

    select
        attempt_id,
        gate_number,
        is_passed,
        enrollment_id,
        role_track,
        enrolled_at,
        row_number() over (
            partition by enrollment_id, gate_number
            order by attempted_at, attempt_id
        ) as attempt_number

    from attempt_enrollment_candidates
    where enrollment_rank = 1

),

members as (

    select
        {{ period_columns('cast(enrolled_at as date)', 'quarter') }},
        {{ dbt.concat(["'gate_'", gate_text]) }} as gate,
        role_track,
        {{ dbt.concat(["'gate_'", gate_text, "':'", "role_track"]) }} as gate_role_track,
        case
            when is_passed then 1
            when not is_passed then 0
        end as measure,
        false as is_pending

    from attempts_numbered
    where attempt_number = 1

),

member_segments as (

    {{ kpi_member_segments('members', [
        ('gate', 'gate'),
        ('role_track', 'role_track'),
        ('gate_role_track', 'gate_role_track'),
    ]) }}

),

kpi_rows as (

    {{ kpi_aggregate('member_segments', 'gate_first_attempt_pass_rate', 'percent', scale=100) }}

),

final as (

    select {{ kpi_output_columns() }}
    from kpi_rows

)

select * from final
