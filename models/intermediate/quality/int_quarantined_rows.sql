{#- Rows that staging kept but that break a rule needing a join across tables.
    This model is the single place those rules are decided: int_opportunities,
    int_opportunity_stage_entries, int_activities, int_activity_attendees and
    int_deal_registrations leave out exactly the rows listed here. -#}

with

-- CRM-agnostic: the conformed models below are where var crm_source decides.
crm_opportunities as (

    select * from {{ ref('int_opportunities_conformed') }}

),

crm_opportunity_history as (

    select * from {{ ref('int_opportunity_history_conformed') }}

),

crm_activities as (

    select * from {{ ref('int_activities_conformed') }}

),

-- A HubSpot meeting's attendees have no raw row of their own: they leave
-- with their meeting, so only attendee rows with a source row are judged.
crm_activity_attendees as (

    select * from {{ ref('int_activity_attendees_conformed') }}
    where has_own_source_row

),

deal_registrations as (

    select * from {{ ref('stg_partner_portal__deal_registrations') }}

),

fx_rates as (

    select * from {{ ref('stg_finance__fx_rates') }}

),

identity_map as (

    select * from {{ ref('int_identity_map') }}

),

role_stints as (

    select * from {{ ref('int_role_stints') }}

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

field_role_starts as (

    select
        person_id,
        min(role_started_date) as first_field_role_started_date

    from role_stints
    where role_track in ('SA', 'AE')
    group by person_id

),

opportunity_usd_rates as (

    {{ usd_rates_on_or_before('crm_opportunities', 'opportunity_id', 'currency_code', 'close_date') }}

),

opportunities_without_fx_rate as (

    select
        crm_opportunities.source_table,
        crm_opportunities.source_pk,
        crm_opportunities.opportunity_id,
        'no fx rate for currency' as dq_reason,
        crm_opportunities._loaded_at as loaded_at

    from crm_opportunities
    inner join opportunity_usd_rates
        on crm_opportunities.opportunity_id = opportunity_usd_rates.opportunity_id
    where opportunity_usd_rates.usd_rate is null

),

history_of_quarantined_opportunities as (

    select
        crm_opportunity_history.source_table,
        crm_opportunity_history.source_pk,
        'parent opportunity quarantined' as dq_reason,
        crm_opportunity_history._loaded_at as loaded_at

    from crm_opportunity_history
    inner join opportunities_without_fx_rate
        on crm_opportunity_history.opportunity_id = opportunities_without_fx_rate.opportunity_id

),

demos_before_role_start as (

    select
        crm_activities.source_table,
        crm_activities.source_pk,
        crm_activities.activity_id,
        'demo before role start' as dq_reason,
        crm_activities._loaded_at as loaded_at

    from crm_activities
    inner join crm_users
        on
            crm_activities.crm_system = crm_users.crm_system
            and crm_activities.owner_crm_user_id = crm_users.crm_user_id
    inner join field_role_starts
        on crm_users.person_id = field_role_starts.person_id
    where
        crm_activities.activity_type = 'demo'
        and crm_activities.activity_date < field_role_starts.first_field_role_started_date

),

attendees_of_quarantined_demos as (

    select
        crm_activity_attendees.source_table,
        crm_activity_attendees.source_pk,
        'parent activity quarantined' as dq_reason,
        crm_activity_attendees._loaded_at as loaded_at

    from crm_activity_attendees
    inner join demos_before_role_start
        on crm_activity_attendees.activity_id = demos_before_role_start.activity_id

),

orphan_deal_registrations as (

    select
        'partner_portal.deal_registrations' as source_table,
        deal_registrations.registration_id as source_pk,
        'orphan opportunity_id' as dq_reason,
        deal_registrations._loaded_at as loaded_at

    from deal_registrations
    left join crm_opportunities
        on deal_registrations.opportunity_id = crm_opportunities.opportunity_id
    where
        deal_registrations.opportunity_id is not null
        and crm_opportunities.opportunity_id is null

),

unioned as (

    select
        source_table,
        source_pk,
        dq_reason,
        loaded_at

    from opportunities_without_fx_rate

    union all

    select
        source_table,
        source_pk,
        dq_reason,
        loaded_at

    from history_of_quarantined_opportunities

    union all

    select
        source_table,
        source_pk,
        dq_reason,
        loaded_at

    from demos_before_role_start

    union all

    select
        source_table,
        source_pk,
        dq_reason,
        loaded_at

    from attendees_of_quarantined_demos

    union all

    select
        source_table,
        source_pk,
        dq_reason,
        loaded_at

    from orphan_deal_registrations

),

final as (

    select
        cast(source_table as {{ dbt.type_string() }}) as source_table,
        cast(source_pk as {{ dbt.type_string() }}) as source_pk,
        cast(dq_reason as {{ dbt.type_string() }}) as dq_reason,
        loaded_at

    from unioned

)

select * from final
