with

salesforce_events_source as (

    select * from {{ ref('stg_salesforce__event') }}

),

salesforce_tasks_source as (

    select * from {{ ref('stg_salesforce__task') }}

),

salesforce_opportunities_source as (

    select * from {{ ref('stg_salesforce__opportunity') }}

),

salesforce_accounts_source as (

    select * from {{ ref('stg_salesforce__account') }}

),

identity_map as (

    select * from {{ ref('int_identity_map') }}

),

quarantined_rows as (

    select * from {{ ref('int_quarantined_rows') }}

),

-- Salesforce specifics: events carry a start time; tasks only a date, so a
-- task happens at midnight UTC of its activity date (created time when undated).
-- what_id is polymorphic: opportunity ids start 006, account ids 001.
salesforce_events_and_tasks as (

    select
        'salesforce.event' as source_table,
        event_id as source_pk,
        'salesforce' as crm_system,
        {{ dbt.concat(["'event:'", 'event_id']) }} as activity_id,
        'event' as activity_source,
        {{ canonical_activity_type('event_type') }} as activity_type,
        case when what_id like '006%' then what_id end as opportunity_id,
        coalesce(account_id, case when what_id like '001%' then what_id end) as account_id,
        owner_user_id as owner_crm_user_id,
        coalesce(started_at, cast(activity_date as {{ dbt.type_timestamp() }})) as occurred_at,
        coalesce(cast(started_at as date), activity_date) as activity_date

    from salesforce_events_source

    union all

    select
        'salesforce.task' as source_table,
        task_id as source_pk,
        'salesforce' as crm_system,
        {{ dbt.concat(["'task:'", 'task_id']) }} as activity_id,
        'task' as activity_source,
        {{ canonical_activity_type('task_type') }} as activity_type,
        case when what_id like '006%' then what_id end as opportunity_id,
        coalesce(account_id, case when what_id like '001%' then what_id end) as account_id,
        owner_user_id as owner_crm_user_id,
        coalesce(cast(activity_date as {{ dbt.type_timestamp() }}), created_at) as occurred_at,
        coalesce(activity_date, cast(created_at as date)) as activity_date

    from salesforce_tasks_source

),

salesforce_activities as (

    select
        salesforce_events_and_tasks.source_table,
        salesforce_events_and_tasks.source_pk,
        salesforce_events_and_tasks.crm_system,
        salesforce_events_and_tasks.activity_id,
        salesforce_events_and_tasks.activity_source,
        salesforce_events_and_tasks.activity_type,
        salesforce_events_and_tasks.opportunity_id,
        coalesce(
            salesforce_events_and_tasks.account_id,
            salesforce_opportunities_source.account_id
        ) as account_id,
        salesforce_events_and_tasks.owner_crm_user_id,
        salesforce_events_and_tasks.occurred_at,
        salesforce_events_and_tasks.activity_date,
        coalesce(salesforce_accounts_source.account_type in ('Customer', 'Prospect'), false) as is_customer_account

    from salesforce_events_and_tasks
    left join salesforce_opportunities_source
        on salesforce_events_and_tasks.opportunity_id = salesforce_opportunities_source.opportunity_id
    left join salesforce_accounts_source
        on
            coalesce(salesforce_events_and_tasks.account_id, salesforce_opportunities_source.account_id)
            = salesforce_accounts_source.account_id

),

crm_activities as (

    select * from salesforce_activities

),

kept_activities as (

    select crm_activities.*

    from crm_activities
    left join quarantined_rows
        on
            crm_activities.source_table = quarantined_rows.source_table
            and crm_activities.source_pk = quarantined_rows.source_pk
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
