with

activities as (

    select * from {{ ref('int_activities_conformed') }}

),

identity_map as (

    select * from {{ ref('int_identity_map') }}

),

quarantined_rows as (

    select * from {{ ref('int_quarantined_rows') }}

),

kept_activities as (

    select activities.*

    from activities
    left join quarantined_rows
        on
            activities.source_table = quarantined_rows.source_table
            and activities.source_pk = quarantined_rows.source_pk
    where quarantined_rows.source_pk is null

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

final as (

    select
        kept_activities.activity_id,
        kept_activities.activity_source,
        kept_activities.activity_type,
        kept_activities.opportunity_id,
        kept_activities.account_id,
        crm_users.person_id as owner_person_id,
        kept_activities.occurred_at,
        kept_activities.activity_date,
        (kept_activities.opportunity_id is not null or kept_activities.is_customer_account) as is_customer_facing

    from kept_activities
    left join crm_users
        on
            kept_activities.crm_system = crm_users.crm_system
            and kept_activities.owner_crm_user_id = crm_users.crm_user_id

)

select * from final
