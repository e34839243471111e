with

responses as (

    select * from {{ ref('stg_surveys__nps_responses') }}

),

workers as (

    select * from {{ ref('stg_hris__workers') }}

),

partner_users as (

    select * from {{ ref('stg_partner_portal__partner_users') }}

),

partners as (

    select * from {{ ref('int_partners') }}

),

identity_map as (

    select * from {{ ref('int_identity_map') }}

),

role_stints as (

    select * from {{ ref('int_role_stints') }}

),

-- Respondent email -> one employee: a worker employed on the submission day
-- first, then the latest hire, then the lowest id.
employee_candidates as (

    select
        responses.response_id,
        workers.worker_id,
        workers.hire_date,
        row_number() over (
            partition by responses.response_id
            order by
                case
                    when
                        workers.hire_date <= cast(responses.submitted_at as date)
                        and (
                            workers.termination_date is null
                            or workers.termination_date >= cast(responses.submitted_at as date)
                        )
                        then 0
                    else 1
                end asc,
                workers.hire_date desc,
                workers.worker_id asc
        ) as candidate_rank

    from responses
    inner join workers
        on {{ normalize_email('responses.respondent_email') }} = {{ normalize_email('workers.work_email') }}

),

partner_candidates as (

    select
        responses.response_id,
        partner_users.partner_user_id,
        partner_users.partner_id,
        row_number() over (
            partition by responses.response_id
            order by partner_users.created_at, partner_users.partner_user_id
        ) as candidate_rank

    from responses
    inner join partner_users
        on {{ normalize_email('responses.respondent_email') }} = {{ normalize_email('partner_users.email') }}

),

-- Employees first; a partner user only when no worker has the email.
matched as (

    select
        responses.response_id,
        responses.submitted_at,
        cast(responses.submitted_at as date) as submitted_date,
        responses.score,
        employee_candidates.worker_id,
        employee_candidates.hire_date,
        case
            when employee_candidates.worker_id is null then partner_candidates.partner_user_id
        end as partner_user_id,
        case
            when employee_candidates.worker_id is null then partner_candidates.partner_id
        end as partner_id

    from responses
    left join employee_candidates
        on
            responses.response_id = employee_candidates.response_id
            and employee_candidates.candidate_rank = 1
    left join partner_candidates
        on
            responses.response_id = partner_candidates.response_id
            and partner_candidates.candidate_rank = 1

),

with_person as (

    select
        matched.*,
        coalesce(employee_identity.person_id, partner_identity.person_id) as person_id,
        case
            when matched.worker_id is not null then 'employee'
            when matched.partner_user_id is not null then 'partner_user'
            else 'unmatched'
        end as respondent_type

    from matched
    left join identity_map as employee_identity
        on matched.worker_id = employee_identity.worker_id
    left join identity_map as partner_identity
        on matched.partner_user_id = partner_identity.partner_user_id

),

-- The employee's role on the submission day (the stint covering it).
stint_at_response as (

    select
        with_person.response_id,
        role_stints.role_track,
        row_number() over (
            partition by with_person.response_id
            order by role_stints.role_started_date desc
        ) as stint_rank

    from with_person
    inner join role_stints
        on
            with_person.worker_id = role_stints.worker_id
            and {{ is_effective_on(
                'with_person.submitted_date',
                'role_stints.role_started_date',
                'role_stints.role_ended_date'
            ) }}

),

final as (

    select
        with_person.response_id,
        with_person.person_id,
        with_person.respondent_type,
        case
            when with_person.respondent_type = 'partner_user' then 'Partner'
            when with_person.respondent_type = 'employee' and stint_at_response.role_track in ('SA', 'AE')
                then stint_at_response.role_track
            when with_person.respondent_type = 'employee' then 'other'
        end as role_track_at_response,
        case
            when with_person.respondent_type = 'employee'
                then {{ tenure_band('with_person.hire_date', 'with_person.submitted_date') }}
            when with_person.respondent_type = 'partner_user'
                then {{ tenure_band('partners.activated_date', 'with_person.submitted_date') }}
        end as tenure_band_at_response,
        with_person.submitted_at,
        with_person.submitted_date,
        with_person.score,
        with_person.score is not null as is_answered,
        case
            when with_person.score >= 9 then 'promoter'
            when with_person.score >= 7 then 'passive'
            when with_person.score >= 0 then 'detractor'
        end as nps_bucket

    from with_person
    left join stint_at_response
        on
            with_person.response_id = stint_at_response.response_id
            and stint_at_response.stint_rank = 1
    left join partners
        on with_person.partner_id = partners.partner_id

)

select * from final
