{#- The one place that knows which CRM the attendees come from (var
    crm_source): every listed attendee of a staged meeting / event, before the
    relational quarantine and before resolving CRM users to people. -#}

with

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

{% if var('crm_source') == 'hubspot' -%}
-- HubSpot (var crm_source = 'hubspot'): a meeting lists its internal attendees
-- as semicolon-separated owner ids (hs_attendee_owner_ids; the first 100 are
-- read). Customer contacts are separate associations and are not people here;
-- HubSpot records no declines. Calls have only their owner. An attendee has
-- no raw row of its own: it stands and falls with its meeting.
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
        {{ dbt.concat([
            'hubspot_meetings_source.engagement_id',
            "':'",
            dbt.safe_cast('hubspot_attendee_positions.position_number', dbt.type_string()),
        ]) }} as attendee_row_id,
        'hubspot.engagement_meeting' as source_table,
        hubspot_meetings_source.engagement_id as source_pk,
        false as has_own_source_row,
        {{ dbt.concat(["'event:'", 'hubspot_meetings_source.engagement_id']) }} as activity_id,
        'hubspot' as crm_system,
        nullif(trim(split_part(
            hubspot_meetings_source.attendee_owner_ids, ';', hubspot_attendee_positions.position_number
        )), '') as attendee_crm_user_id,
        false as is_declined,
        hubspot_meetings_source._loaded_at

    from hubspot_meetings_source
    inner join hubspot_attendee_positions
        on
            hubspot_attendee_positions.position_number
            <= length(hubspot_meetings_source.attendee_owner_ids)
            - length(replace(hubspot_meetings_source.attendee_owner_ids, ';', '')) + 1

),

final as (

    select * from hubspot_attendees
    where attendee_crm_user_id is not null

)
{%- else -%}
-- Salesforce EventRelation: one row per invited user or contact, whatever its
-- status (contacts match no CRM user and drop out at the identity join later).
salesforce_attendees as (

    select
        event_relation_id as attendee_row_id,
        'salesforce.event_relation' as source_table,
        event_relation_id as source_pk,
        true as has_own_source_row,
        {{ dbt.concat(["'event:'", 'event_id']) }} as activity_id,
        'salesforce' as crm_system,
        relation_id as attendee_crm_user_id,
        coalesce(lower(status) = 'declined', false) as is_declined,
        _loaded_at

    from salesforce_event_relations_source

),

final as (

    select * from salesforce_attendees

)
{%- endif %}

select * from final
