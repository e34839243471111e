with

activities as (

    select * from {{ ref('int_activities') }}

),

-- Which CRM's staging is imported depends on var crm_source. sqlfluff also
-- lints mixed renderings of the two branches, where one set looks unused.
-- noqa: disable=ST03
{% if var('crm_source') == 'hubspot' -%}
hubspot_meetings_source as (

    select * from {{ ref('stg_hubspot__engagement_meeting') }}

),
{%- else -%}
salesforce_event_relations_source as (

    select * from {{ ref('stg_salesforce__event_relation') }}

),
{%- endif %}
-- noqa: enable=ST03

identity_map as (

    select * from {{ ref('int_identity_map') }}

),

{% if var('crm_source') == 'hubspot' -%}
-- HubSpot (var crm_source = 'hubspot'): a meeting lists its internal attendees
-- as semicolon-separated owner ids (hs_attendee_owner_ids; the first 100 are
-- read). Customer contacts are separate associations and are not people here;
-- HubSpot records no declines. Calls have only their owner.
hubspot_attendee_digits as (

    {% for digit in range(10) -%}
    select {{ digit }} as digit
    {% if not loop.last %}union all
    {% endif -%}
    {%- endfor %}

),

hubspot_attendee_positions as (

    select tens.digit * 10 + ones.digit + 1 as position_number

    from hubspot_attendee_digits as tens
    cross join hubspot_attendee_digits as ones

),

hubspot_attendees as (

    select
        {{ dbt.concat(["'event:'", 'hubspot_meetings_source.engagement_id']) }} as activity_id,
        'hubspot' as crm_system,
        nullif(trim(split_part(
            hubspot_meetings_source.attendee_owner_ids, ';', hubspot_attendee_positions.position_number
        )), '') as attendee_crm_user_id

    from hubspot_meetings_source
    inner join hubspot_attendee_positions
        on
            hubspot_attendee_positions.position_number
            <= length(hubspot_meetings_source.attendee_owner_ids)
            - length(replace(hubspot_meetings_source.attendee_owner_ids, ';', '')) + 1

),

crm_attendees as (

    select * from hubspot_attendees
    where attendee_crm_user_id is not null

),
{%- else -%}
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
{%- endif %}

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
