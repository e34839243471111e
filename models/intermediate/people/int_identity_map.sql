with

workers as (

    select * from {{ ref('stg_hris__workers') }}

),

-- Which CRM's staging is imported depends on var crm_source. sqlfluff also
-- lints mixed renderings of the two branches, where one set looks unused.
-- noqa: disable=ST03
{% if var('crm_source') == 'hubspot' -%}
hubspot_owners as (

    select * from {{ ref('stg_hubspot__owner') }}

),
{%- else -%}
salesforce_users as (

    select * from {{ ref('stg_salesforce__user') }}

),
{%- endif %}
-- noqa: enable=ST03

lms_users as (

    select * from {{ ref('stg_lms__users') }}

),

partner_users as (

    select * from {{ ref('stg_partner_portal__partner_users') }}

),

-- Every CRM user account, whatever the CRM. Another CRM's owner table (e.g.
-- HubSpot owners) is added here as one more `union all` branch with the same
-- four columns; nothing below reads a CRM-specific name.
crm_users as (

    {% if var('crm_source') == 'hubspot' -%}
    -- HubSpot owners carry no employee number: email only. Queues are not people.
    select
        'hubspot' as crm_system,
        owner_id as crm_user_id,
        cast(null as {{ dbt.type_string() }}) as employee_number,
        {{ normalize_email('email') }} as email

    from hubspot_owners
    where coalesce(owner_type, 'PERSON') = 'PERSON'
    {%- else -%}
    select
        'salesforce' as crm_system,
        user_id as crm_user_id,
        {{ normalize_id('employee_number', 6) }} as employee_number,
        {{ normalize_email('email') }} as email

    from salesforce_users
    {%- endif %}

),

worker_keys as (

    select
        worker_id,
        employee_number,
        {{ normalize_email('work_email') }} as email,
        case when termination_date is null then 0 else 1 end as employment_order,
        hire_date

    from workers

),

-- An employee number or email held by several workers (e.g. a rehire under a
-- new worker id) resolves to one: still employed first, latest hire, then id.
worker_by_employee_number as (

    select
        worker_id,
        employee_number,
        row_number() over (
            partition by employee_number
            order by employment_order asc, hire_date desc, worker_id asc
        ) as key_rank

    from worker_keys
    where employee_number is not null

),

worker_by_email as (

    select
        worker_id,
        email,
        row_number() over (
            partition by email
            order by employment_order asc, hire_date desc, worker_id asc
        ) as key_rank

    from worker_keys
    where email is not null

),

partner_user_keys as (

    select
        partner_user_id,
        partner_id,
        {{ normalize_email('email') }} as email,
        row_number() over (
            partition by {{ normalize_email('email') }}
            order by created_at, partner_user_id
        ) as email_rank

    from partner_users

),

-- CRM user -> worker: employee number first, normalised email second.
crm_candidates as (

    select
        crm_users.crm_system,
        crm_users.crm_user_id,
        crm_users.employee_number,
        coalesce(by_number.worker_id, by_email.worker_id) as worker_id,
        case
            when by_number.worker_id is not null then 'employee_number'
            when by_email.worker_id is not null then 'email'
        end as match_method

    from crm_users
    left join worker_by_employee_number as by_number
        on
            crm_users.employee_number = by_number.employee_number
            and by_number.key_rank = 1
    left join worker_by_email as by_email
        on
            crm_users.email = by_email.email
            and by_email.key_rank = 1

),

-- A person holds one CRM account: when several accounts resolve to the same
-- worker the employee-number match wins, then the lowest id; the others
-- become crm_only rows so they are still counted.
crm_ranked as (

    select
        crm_system,
        crm_user_id,
        employee_number,
        worker_id,
        match_method,
        row_number() over (
            partition by worker_id
            order by
                case match_method when 'employee_number' then 1 else 2 end,
                crm_system,
                crm_user_id
        ) as account_rank

    from crm_candidates

),

crm_matched as (

    select
        crm_system,
        crm_user_id,
        worker_id,
        match_method

    from crm_ranked
    where worker_id is not null and account_rank = 1

),

crm_unmatched as (

    select
        crm_system,
        crm_user_id,
        employee_number

    from crm_ranked
    where worker_id is null or account_rank > 1

),

-- LMS user -> worker or partner user: employee number, then the portal
-- partner user id the LMS carries, then normalised email (workers before
-- partner users).
lms_candidates as (

    select
        lms_users.user_id as lms_user_id,
        {{ normalize_id('lms_users.employee_number', 6) }} as employee_number,
        case
            when by_number.worker_id is not null then by_number.worker_id
            when by_partner_user_id.partner_user_id is not null then null
            else by_email.worker_id
        end as worker_id,
        case
            when by_number.worker_id is not null then null
            when by_partner_user_id.partner_user_id is not null then by_partner_user_id.partner_user_id
            when by_email.worker_id is not null then null
            else partner_by_email.partner_user_id
        end as partner_user_id,
        case
            when by_number.worker_id is not null then 'employee_number'
            when by_partner_user_id.partner_user_id is not null then 'partner_user_id'
            when by_email.worker_id is not null then 'email'
            when partner_by_email.partner_user_id is not null then 'email'
        end as match_method

    from lms_users
    left join worker_by_employee_number as by_number
        on
            {{ normalize_id('lms_users.employee_number', 6) }} = by_number.employee_number
            and by_number.key_rank = 1
    left join partner_user_keys as by_partner_user_id
        on lms_users.partner_user_id = by_partner_user_id.partner_user_id
    left join worker_by_email as by_email
        on
            {{ normalize_email('lms_users.email') }} = by_email.email
            and by_email.key_rank = 1
    left join partner_user_keys as partner_by_email
        on
            {{ normalize_email('lms_users.email') }} = partner_by_email.email
            and partner_by_email.email_rank = 1

),

lms_ranked as (

    select
        lms_user_id,
        employee_number,
        worker_id,
        partner_user_id,
        match_method,
        row_number() over (
            partition by worker_id, partner_user_id
            order by
                case match_method when 'email' then 2 else 1 end,
                lms_user_id
        ) as account_rank

    from lms_candidates

),

lms_matched as (

    select
        lms_user_id,
        worker_id,
        partner_user_id,
        match_method

    from lms_ranked
    where match_method is not null and account_rank = 1

),

lms_unmatched as (

    select
        lms_user_id,
        employee_number

    from lms_ranked
    where match_method is null or account_rank > 1

),

employees as (

    select
        {{ dbt.hash('workers.worker_id') }} as person_id,
        'employee' as person_type,
        workers.worker_id,
        workers.employee_number,
        crm_matched.crm_system,
        crm_matched.crm_user_id,
        lms_matched.lms_user_id,
        cast(null as {{ dbt.type_string() }}) as partner_user_id,
        cast(null as {{ dbt.type_string() }}) as partner_id,
        crm_matched.match_method as crm_match_method,
        lms_matched.match_method as lms_match_method

    from workers
    left join crm_matched
        on workers.worker_id = crm_matched.worker_id
    left join lms_matched
        on workers.worker_id = lms_matched.worker_id

),

partner_people as (

    select
        {{ dbt.hash(dbt.concat(["'partner_user:'", 'partner_users.partner_user_id'])) }} as person_id,
        'partner_user' as person_type,
        cast(null as {{ dbt.type_string() }}) as worker_id,
        cast(null as {{ dbt.type_string() }}) as employee_number,
        cast(null as {{ dbt.type_string() }}) as crm_system,
        cast(null as {{ dbt.type_string() }}) as crm_user_id,
        lms_matched.lms_user_id,
        partner_users.partner_user_id,
        partner_users.partner_id,
        cast(null as {{ dbt.type_string() }}) as crm_match_method,
        lms_matched.match_method as lms_match_method

    from partner_users
    left join lms_matched
        on partner_users.partner_user_id = lms_matched.partner_user_id

),

crm_only as (

    select
        {{ dbt.hash(dbt.concat(["'crm_user:'", 'crm_user_id'])) }} as person_id,
        'crm_only' as person_type,
        cast(null as {{ dbt.type_string() }}) as worker_id,
        employee_number,
        crm_system,
        crm_user_id,
        cast(null as {{ dbt.type_string() }}) as lms_user_id,
        cast(null as {{ dbt.type_string() }}) as partner_user_id,
        cast(null as {{ dbt.type_string() }}) as partner_id,
        cast(null as {{ dbt.type_string() }}) as crm_match_method,
        cast(null as {{ dbt.type_string() }}) as lms_match_method

    from crm_unmatched

),

lms_only as (

    select
        {{ dbt.hash(dbt.concat(["'lms_user:'", 'lms_user_id'])) }} as person_id,
        'lms_only' as person_type,
        cast(null as {{ dbt.type_string() }}) as worker_id,
        employee_number,
        cast(null as {{ dbt.type_string() }}) as crm_system,
        cast(null as {{ dbt.type_string() }}) as crm_user_id,
        lms_user_id,
        cast(null as {{ dbt.type_string() }}) as partner_user_id,
        cast(null as {{ dbt.type_string() }}) as partner_id,
        cast(null as {{ dbt.type_string() }}) as crm_match_method,
        cast(null as {{ dbt.type_string() }}) as lms_match_method

    from lms_unmatched

),

unioned as (

    select * from employees
    union all
    select * from partner_people
    union all
    select * from crm_only
    union all
    select * from lms_only

),

final as (

    select
        person_id,
        person_type,
        worker_id,
        employee_number,
        crm_system,
        crm_user_id,
        lms_user_id,
        partner_user_id,
        partner_id,
        crm_match_method,
        lms_match_method

    from unioned

)

select * from final
