with

opportunities as (

    select * from {{ ref('int_opportunities') }}

),

field_roster as (

    select * from {{ ref('int_field_roster') }}

),

program_costs as (

    select * from {{ ref('stg_finance__program_costs') }}

),

fx_rates as (

    select * from {{ ref('stg_finance__fx_rates') }}

),

-- Closed-won deals by as_of whose owner held an AE role on the close date.
ae_wins as (

    select
        {{ period_columns('opportunities.close_date', 'half_year') }},
        opportunities.opportunity_id,
        opportunities.owner_person_id as person_id,
        opportunities.amount_usd,
        field_roster.enablement_completed_date

    from opportunities
    inner join field_roster
        on
            opportunities.owner_person_id = field_roster.person_id
            and field_roster.role_track = 'AE'
            and {{ is_effective_on(
                'opportunities.close_date',
                'field_roster.role_started_date',
                'field_roster.role_ended_date'
            ) }}
    where
        opportunities.is_won
        and opportunities.close_date <= {{ as_of_date() }}

),

-- Closed-won USD per AE and half-year (deals without a USD amount are
-- skipped, never read as 0).
ae_half_totals as (

    select
        period_grain,
        period_start,
        period_end,
        person_id,
        sum(amount_usd) as won_usd,
        min(enablement_completed_date) as enablement_completed_date

    from ae_wins
    group by
        period_grain,
        period_start,
        period_end,
        person_id

),

-- Enabled = enablement-complete on or before the half's last day.
ae_cohorts as (

    select
        period_grain,
        period_start,
        period_end,
        won_usd,
        coalesce(enablement_completed_date <= period_end, false) as is_enabled

    from ae_half_totals

),

half_comparisons as (

    select
        period_grain,
        period_start,
        period_end,
        avg(case when is_enabled then won_usd end) as enabled_mean_usd,
        avg(case when not is_enabled then won_usd end) as not_enabled_mean_usd,
        count(case when is_enabled then won_usd end) as enabled_ae_count,
        count(case when not is_enabled then won_usd end) as not_enabled_ae_count

    from ae_cohorts
    group by
        period_grain,
        period_start,
        period_end

),

-- Each cost in USD at the rate in force on its cost month.
cost_usd_rates as (

    {{ usd_rates_on_or_before('program_costs', 'cost_id', 'currency_code', 'cost_month') }}

),

costs_usd as (

    select
        {{ period_columns('program_costs.cost_month', 'half_year') }},
        program_costs.cost_id,
        program_costs.amount * cost_usd_rates.usd_rate as amount_usd

    from program_costs
    inner join cost_usd_rates
        on program_costs.cost_id = cost_usd_rates.cost_id
    where program_costs.cost_month <= {{ as_of_date() }}

),

-- Programme cost per half-year; unknown (NULL) when any cost line of the
-- half has no exchange rate, rather than understated.
half_costs as (

    select
        period_grain,
        period_start,
        period_end,
        case
            when count(*) = count(amount_usd) then sum(amount_usd)
        end as cost_usd

    from costs_usd
    group by
        period_grain,
        period_start,
        period_end

),

halves as (

    select
        period_grain,
        period_start,
        period_end

    from half_comparisons

    union

    select
        period_grain,
        period_start,
        period_end

    from half_costs

),

-- uplift = (mean per enabled AE - mean per not-enabled AE) x enabled AEs.
half_uplift as (

    select
        halves.period_grain,
        halves.period_start,
        halves.period_end,
        (half_comparisons.enabled_mean_usd - half_comparisons.not_enabled_mean_usd)
        * half_comparisons.enabled_ae_count as uplift_usd,
        half_costs.cost_usd,
        coalesce(half_comparisons.enabled_ae_count, 0)
        + coalesce(half_comparisons.not_enabled_ae_count, 0) as ae_count

    from halves
    left join half_comparisons
        on halves.period_start = half_comparisons.period_start
    left join half_costs
        on halves.period_start = half_costs.period_start

),

-- Value: the framework formula's net multiple (uplift - cost) / cost; the
-- gross multiple uplift / cost (its worked example) sits beside it.
kpi_rows as (

    select
        'enablement_roi' as kpi_code,
        period_grain,
        period_start,
        period_end,
        'overall' as segment_type,
        'all' as segment_value,
        {{ safe_divide('uplift_usd - cost_usd', 'cost_usd') }} as value,  -- noqa: RF04
        uplift_usd - cost_usd as numerator,
        cost_usd as denominator,
        ae_count as sample_size,
        0 as pending_count,
        'multiple' as unit,
        {{ safe_divide('uplift_usd', 'cost_usd') }} as secondary_value

    from half_uplift

),

final as (

    select {{ kpi_output_columns() }}
    from kpi_rows

)

select * from final
