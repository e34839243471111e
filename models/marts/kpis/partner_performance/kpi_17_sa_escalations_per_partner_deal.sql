with

opportunities as (

    select * from {{ ref('int_opportunities') }}

),

activities as (

    select * from {{ ref('int_activities') }}

),

role_stints as (

    select * from {{ ref('int_role_stints') }}

),

-- Partner-managed deals (a partner on the deal) closed won or lost by
-- as_of, placed in the quarter of their close date, with the partner's
-- certification stage on that date.
partner_deals as (

    select
        opportunities.opportunity_id,
        opportunities.close_date,
        {{ partner_stage_as_of('opportunities.partner_id', 'opportunities.close_date') }} as partner_stage_at_close

    from opportunities
    where
        opportunities.partner_id is not null
        and opportunities.is_closed
        and opportunities.close_date <= {{ as_of_date() }}

),

sa_stints as (

    select
        person_id,
        role_started_date,
        role_ended_date

    from role_stints
    where role_track = 'SA'

),

-- Events and tasks on the deal up to its close date, owned by someone who
-- held an SA role on the activity's date.
sa_touchpoints as (

    select
        partner_deals.opportunity_id,
        count(distinct activities.activity_id) as touchpoint_count

    from partner_deals
    inner join activities
        on
            partner_deals.opportunity_id = activities.opportunity_id
            and partner_deals.close_date >= activities.activity_date
    inner join sa_stints
        on
            activities.owner_person_id = sa_stints.person_id
            and {{ is_effective_on(
                'activities.activity_date',
                'sa_stints.role_started_date',
                'sa_stints.role_ended_date'
            ) }}
    group by partner_deals.opportunity_id

),

-- A closed deal without any SA touchpoint needed zero escalations: a count
-- of none is 0, not a missing measure.
members as (

    select
        {{ period_columns('partner_deals.close_date', 'quarter') }},
        case
            when partner_deals.partner_stage_at_close >= 3 then '3+'
            when partner_deals.partner_stage_at_close >= 1 then '1-2'
            else '0'
        end as partner_stage,
        coalesce(sa_touchpoints.touchpoint_count, 0) as measure,
        false as is_pending

    from partner_deals
    left join sa_touchpoints
        on partner_deals.opportunity_id = sa_touchpoints.opportunity_id

),

member_segments as (

    {{ kpi_member_segments('members', [
        ('partner_stage', 'partner_stage'),
    ]) }}

),

kpi_rows as (

    {{ kpi_aggregate('member_segments', 'sa_escalations_per_partner_deal', 'ratio') }}

),

final as (

    select {{ kpi_output_columns() }}
    from kpi_rows

)

select * from final
