with

activities as (

    select * from {{ ref('int_activities') }}

),

salesforce_event_relations_source as (

    select * from {{ ref('stg_salesforce__event_relation') }}

),

identity_map as (

    select * from {{ ref('int_identity_map') }}

),

-- Salesforce EventRelation: one row per invited user or contact. Contacts
-- (customer people) match no CRM user and drop out at the identity join.
-- Invitees who declined did not attend.
salesforce_attendees as (

    select
        {{ dbt.concat(["'event:'", 'event_id']) }} as activity_id,
        'salesforce' as crm_system,
        relation_id as attendee_crm_user_id

    from salesforce_event_relations_source
    where coalesce(lower(status), '') != 'declined'

),

crm_attendees as (

    select * from salesforce_attendees

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
