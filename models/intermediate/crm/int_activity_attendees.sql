with

activities as (

    select * from {{ ref('int_activities') }}

),

attendees as (

    select * from {{ ref('int_activity_attendees_conformed') }}

),

identity_map as (

    select * from {{ ref('int_identity_map') }}

),

-- Invitees who declined did not attend.
crm_attendees as (

    select * from attendees
    where not is_declined

),

-- A CRM user is one person: resolve on (crm_system, crm_user_id).
crm_users as (

    select
        crm_system,
        crm_user_id,
        person_id

    from identity_map
    where crm_user_id is not null

),

owners as (

    select
        activity_id,
        owner_person_id as person_id,
        1 as is_owner_flag

    from activities
    where owner_person_id is not null

),

invited_people as (

    select
        activities.activity_id,
        crm_users.person_id,
        0 as is_owner_flag

    from crm_attendees
    inner join activities
        on crm_attendees.activity_id = activities.activity_id
    inner join crm_users
        on
            crm_attendees.crm_system = crm_users.crm_system
            and crm_attendees.attendee_crm_user_id = crm_users.crm_user_id

),

unioned as (

    select * from owners
    union all
    select * from invited_people

),

-- The owner is often also listed as an invitee: one row per person.
final as (

    select
        activity_id,
        person_id,
        max(is_owner_flag) = 1 as is_owner

    from unioned
    group by activity_id, person_id

)

select * from final
