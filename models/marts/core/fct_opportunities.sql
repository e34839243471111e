{#- Conformed opportunities in USD with the dates each canonical stage was
    first entered, for pipeline and win-rate analysis in BI. -#}
with

opportunities as (

    select * from {{ ref('int_opportunities') }}

),

stage_entries as (

    select * from {{ ref('int_opportunity_stage_entries') }}

),

entries as (

    select
        opportunity_id,
        min(case when canonical_stage = 'qualified' then first_entered_date end) as qualified_date,
        min(case when canonical_stage = 'technical_validation' then first_entered_date end)
            as technical_validation_date,
        min(case when canonical_stage = 'proposal' then first_entered_date end) as proposal_date,
        min(case when canonical_stage = 'closed_won' then first_entered_date end) as closed_won_date,
        min(case when canonical_stage = 'closed_lost' then first_entered_date end) as closed_lost_date

    from stage_entries
    group by opportunity_id

),

final as (

    select
        opportunities.opportunity_id,
        opportunities.crm_system,
        opportunities.owner_person_id,
        opportunities.sa_person_id,
        opportunities.partner_id,
        opportunities.is_partner_sourced,
        opportunities.competitor,
        opportunities.created_date,
        opportunities.close_date,
        opportunities.current_canonical_stage,
        opportunities.is_closed,
        opportunities.is_won,
        opportunities.currency_code,
        opportunities.amount,
        opportunities.amount_usd,
        opportunities.qualification_score,
        opportunities.is_technical_fit_confirmed,
        entries.qualified_date,
        entries.technical_validation_date,
        entries.proposal_date,
        entries.closed_won_date,
        entries.closed_lost_date

    from opportunities
    left join entries
        on opportunities.opportunity_id = entries.opportunity_id

)

select * from final
