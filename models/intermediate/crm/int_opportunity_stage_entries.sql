with

opportunity_history as (

    select * from {{ ref('int_opportunity_history_conformed') }}

),

stage_mapping as (

    select * from {{ ref('stage_mapping') }}

),

opportunities as (

    select * from {{ ref('int_opportunities') }}

),

-- Only conformed opportunities: history of a quarantined deal is quarantined too.
mapped as (

    select
        opportunity_history.history_id,
        opportunity_history.opportunity_id,
        opportunity_history.changed_at,
        stage_mapping.canonical_stage,
        stage_mapping.stage_order

    from opportunity_history
    inner join opportunities
        on
            opportunity_history.opportunity_id = opportunities.opportunity_id
            and opportunity_history.crm_system = opportunities.crm_system
    inner join stage_mapping
        on
            opportunity_history.crm_system = stage_mapping.crm_system
            and opportunity_history.crm_stage_name = stage_mapping.crm_stage_name

),

sequenced as (

    select
        *,
        lag(canonical_stage) over (
            partition by opportunity_id
            order by changed_at, history_id
        ) as previous_canonical_stage

    from mapped

),

-- A save that leaves the canonical stage unchanged (amount, probability or
-- close-date edits) is not a transition.
transitions as (

    select *

    from sequenced
    where
        previous_canonical_stage is null
        or previous_canonical_stage != canonical_stage

),

-- First entry per stage: a regression and re-entry does not move the date.
ranked as (

    select
        *,
        row_number() over (
            partition by opportunity_id, canonical_stage
            order by changed_at, history_id
        ) as entry_number

    from transitions

),

final as (

    select
        opportunity_id,
        canonical_stage,
        stage_order,
        changed_at as first_entered_at,
        cast(changed_at as date) as first_entered_date

    from ranked
    where entry_number = 1

)

select * from final
