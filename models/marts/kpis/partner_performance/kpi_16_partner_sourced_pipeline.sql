{#- Pipeline counts opportunities created in the trailing window of this many
    days ending on the snapshot day (snapshot day - 89 ... snapshot day). -#}
{%- set trailing_days = 90 -%}
{%- set minimum_partner_stage = 2 -%}

with

opportunities as (

    select * from {{ ref('int_opportunities') }}

),

stage_entries as (

    select * from {{ ref('int_opportunity_stage_entries') }}

),

partners as (

    select * from {{ ref('int_partners') }}

),

pipeline_plan as (

    select * from {{ ref('stg_finance__partner_pipeline_plan') }}

),

calendar as (

    select * from {{ ref('dim_calendar') }}

),

-- The finance plan per calendar quarter.
quarter_plans as (

    select
        cast({{ period_start('plan_quarter_start', 'quarter') }} as date) as quarter_start,
        sum(plan_amount_usd) as plan_amount_usd

    from pipeline_plan
    group by cast({{ period_start('plan_quarter_start', 'quarter') }} as date)

),

-- The day each opportunity closed: its first entry into a closed stage; a
-- deal the CRM shows closed without such an entry closes on its close date.
closed_entries as (

    select
        opportunity_id,
        min(first_entered_date) as closed_date

    from stage_entries
    where canonical_stage in ('closed_won', 'closed_lost')
    group by opportunity_id

),

-- Partner-sourced opportunities tied to a known partner (without one there
-- is no certification stage to check).
partner_opportunities as (

    select
        opportunities.opportunity_id,
        opportunities.partner_id,
        partners.partner_type,
        opportunities.created_date,
        opportunities.amount_usd,
        coalesce(
            closed_entries.closed_date,
            case when opportunities.is_closed then opportunities.close_date end
        ) as closed_date

    from opportunities
    inner join partners
        on opportunities.partner_id = partners.partner_id
    left join closed_entries
        on opportunities.opportunity_id = closed_entries.opportunity_id
    where opportunities.is_partner_sourced

),

first_data_quarter as (

    select min(quarter_start) as quarter_start

    from (
        select cast({{ period_start('created_date', 'quarter') }} as date) as quarter_start
        from partner_opportunities

        union all

        select quarter_start
        from quarter_plans
    ) as data_quarters

),

-- One snapshot per quarter through the as_of quarter, taken on the quarter's
-- last day (or on as_of_date while the quarter is still running).
snapshots as (

    {{ quarter_end_snapshots('first_data_quarter') }}

),

-- Open on the snapshot day (created by then, not closed on or before it),
-- created in the trailing 90 days, partner at Stage 2+ on that day.
pipeline_opportunities as (

    select
        snapshots.period_start,
        partner_opportunities.opportunity_id,
        partner_opportunities.partner_type,
        partner_opportunities.amount_usd

    from snapshots
    inner join partner_opportunities
        on
            snapshots.snapshot_date >= partner_opportunities.created_date
            and {{ dbt.dateadd('day', 1 - trailing_days, 'snapshots.snapshot_date') }}
            <= partner_opportunities.created_date
            and (
                partner_opportunities.closed_date is null
                or snapshots.snapshot_date < partner_opportunities.closed_date
            )
    where
        {{ partner_stage_as_of('partner_opportunities.partner_id', 'snapshots.snapshot_date') }}
        >= {{ minimum_partner_stage }}

),

segments as (

    select
        'overall' as segment_type,
        'all' as segment_value

    union all

    select distinct
        'partner_type' as segment_type,
        partner_type as segment_value

    from partners
    where partner_type is not null

),

-- Pipeline dollars per quarter and segment; an empty pipeline is $0 (a sum
-- of no deals), not a missing value.
pipeline as (

    select
        snapshots.period_grain,
        snapshots.period_start,
        snapshots.period_end,
        segments.segment_type,
        segments.segment_value,
        coalesce(sum(pipeline_opportunities.amount_usd), 0) as pipeline_usd,
        count(pipeline_opportunities.amount_usd) as opportunity_count

    from snapshots
    cross join segments
    left join pipeline_opportunities
        on
            snapshots.period_start = pipeline_opportunities.period_start
            and (
                segments.segment_type = 'overall'
                or segments.segment_value = pipeline_opportunities.partner_type
            )
    group by
        snapshots.period_grain,
        snapshots.period_start,
        snapshots.period_end,
        segments.segment_type,
        segments.segment_value

),

-- The plan is set for the whole quarter; a partner type's row shows its
-- share of that plan, so the type rows add up to the overall row.
kpi_rows as (

    select
        'partner_sourced_pipeline' as kpi_code,
        pipeline.period_grain,
        pipeline.period_start,
        pipeline.period_end,
        pipeline.segment_type,
        pipeline.segment_value,
        100 * {{ safe_divide('pipeline.pipeline_usd', 'quarter_plans.plan_amount_usd') }} as value,  -- noqa: RF04
        pipeline.pipeline_usd as numerator,
        quarter_plans.plan_amount_usd as denominator,
        pipeline.opportunity_count as sample_size,
        0 as pending_count,
        'percent' as unit,
        pipeline.pipeline_usd as secondary_value

    from pipeline
    left join quarter_plans
        on pipeline.period_start = quarter_plans.quarter_start

),

final as (

    select {{ kpi_output_columns() }}
    from kpi_rows

)

select * from final
