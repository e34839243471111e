with

enrollments as (

    select * from {{ ref('stg_lms__enrollments') }}

),

phase_progress as (

    select * from {{ ref('stg_lms__phase_progress') }}

),

identity_map as (

    select * from {{ ref('int_identity_map') }}

),

-- One column pair per phase. Should a phase appear twice for an enrollment,
-- the earliest due date and the earliest completion are kept.
phases as (

    select
        enrollment_id,
        min(case when phase = 'Foundation' then due_date end) as foundation_due_date,
        min(case when phase = 'Foundation' then completed_at end) as foundation_completed_at,
        min(case when phase = 'Practitioner' then due_date end) as practitioner_due_date,
        min(case when phase = 'Practitioner' then completed_at end) as practitioner_completed_at,
        min(case when phase = 'Expert' then due_date end) as expert_due_date,
        min(case when phase = 'Expert' then completed_at end) as expert_completed_at

    from phase_progress
    group by enrollment_id

),

joined as (

    select
        enrollments.enrollment_id,
        identity_map.person_id,
        enrollments.user_id as lms_user_id,
        enrollments.role_track,
        enrollments.program,
        enrollments.enrolled_at,
        phases.foundation_due_date,
        phases.foundation_completed_at,
        phases.practitioner_due_date,
        phases.practitioner_completed_at,
        phases.expert_due_date,
        phases.expert_completed_at

    from enrollments
    left join phases
        on enrollments.enrollment_id = phases.enrollment_id
    left join identity_map
        on enrollments.user_id = identity_map.lms_user_id

),

-- Enablement is complete when both Foundation and Practitioner are done, at
-- the later of the two moments.
completion as (

    select
        *,
        case
            when foundation_completed_at is null or practitioner_completed_at is null then null
            when foundation_completed_at >= practitioner_completed_at then foundation_completed_at
            else practitioner_completed_at
        end as enablement_completed_at

    from joined

),

final as (

    select
        enrollment_id,
        person_id,
        lms_user_id,
        role_track,
        program,
        enrolled_at,
        cast(enrolled_at as date) as enrolled_date,
        foundation_due_date,
        foundation_completed_at,
        practitioner_due_date,
        practitioner_completed_at,
        expert_due_date,
        expert_completed_at,
        enablement_completed_at,
        cast(enablement_completed_at as date) as enablement_completed_date

    from completion

)

select * from final
