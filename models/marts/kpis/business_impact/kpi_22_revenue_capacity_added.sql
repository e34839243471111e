{#- Weeks in a year: annual quota / 52 = weekly quota contribution. -#}
{%- set weeks_per_year = 52 -%}

with

sa_first_solo_demos as (

    select * from {{ ref('int_sa_first_solo_demos') }}

),

role_stints as (

    select * from {{ ref('int_role_stints') }}

),

identity_map as (

    select * from {{ ref('int_identity_map') }}

),

quotas as (

    select * from {{ ref('stg_finance__quotas') }}

),

fx_rates as (

    select * from {{ ref('stg_finance__fx_rates') }}

),

-- SA role stints by role-start quarter, with KPI 1's ramp weeks.
cohort_members as (

    select
        {{ period_columns('role_started_date', 'quarter') }},
        ramp_days,
        has_solo_demo

    from sa_first_solo_demos

),

-- Per cohort: headcount, completed ramps and SAs still without a solo demo.
cohorts as (

    select
        period_grain,
        period_start,
        period_end,
        count(*) as cohort_sas,
        count(ramp_days) as ramped_sas,
        sum(case when has_solo_demo then 0 else 1 end) as pending_sas,
        -- Mean of whole days, divided by 7 once: no per-SA rounding of weeks
        -- that the quota multiplier would magnify.
        {{ safe_divide('sum(ramp_days)', '7 * count(ramp_days)') }} as mean_ramp_weeks

    from cohort_members
    group by
        period_grain,
        period_start,
        period_end

),

-- Fiscal year = calendar year; its first day is the quota's record date
-- for FX conversion.
quota_years as (

    select
        quota_id,
        employee_number,
        fiscal_year,
        annual_quota_amount,
        currency_code,
        cast({{ dbt.concat(["cast(fiscal_year as " ~ dbt.type_string() ~ ")", "'-01-01'"]) }} as date)
            as fiscal_year_start_date

    from quotas

),

-- Quota lines of people who held the SA role on some day of the fiscal
-- year (stint [start, end) overlaps [1 Jan, next 1 Jan)).
sa_quota_lines as (

    select distinct
        quota_years.quota_id,
        quota_years.fiscal_year,
        quota_years.annual_quota_amount,
        quota_years.currency_code,
        quota_years.fiscal_year_start_date

    from quota_years
    inner join identity_map
        on quota_years.employee_number = identity_map.employee_number
    inner join role_stints
        on identity_map.person_id = role_stints.person_id
    where
        role_stints.role_track = 'SA'
        and role_stints.role_started_date <= {{ as_of_date() }}
        and role_stints.role_started_date
        < {{ dbt.dateadd('year', 1, 'quota_years.fiscal_year_start_date') }}
        and (
            role_stints.role_ended_date is null
            or role_stints.role_ended_date > quota_years.fiscal_year_start_date
        )

),

sa_quota_usd_rates as (

    {{ usd_rates_on_or_before('sa_quota_lines', 'quota_id', 'currency_code', 'fiscal_year_start_date') }}

),

-- Mean annual SA quota in USD per fiscal year (lines without a rate are
-- left out of the mean, not counted as 0).
sa_quota_by_year as (

    select
        sa_quota_lines.fiscal_year,
        {{ safe_divide(
            'sum(sa_quota_lines.annual_quota_amount * sa_quota_usd_rates.usd_rate)',
            'count(sa_quota_usd_rates.usd_rate)'
        ) }} as mean_annual_quota_usd

    from sa_quota_lines
    inner join sa_quota_usd_rates
        on sa_quota_lines.quota_id = sa_quota_usd_rates.quota_id
    group by sa_quota_lines.fiscal_year

),

-- (prior cohort's mean ramp weeks - this cohort's) x weekly SA quota x SAs
-- in this cohort. NULL when either cohort has no completed ramp or the year
-- has no SA quota.
capacity as (

    select
        'revenue_capacity_added' as kpi_code,
        cohorts.period_grain,
        cohorts.period_start,
        cohorts.period_end,
        'overall' as segment_type,
        'all' as segment_value,
        (prior_cohorts.mean_ramp_weeks - cohorts.mean_ramp_weeks)
        * sa_quota_by_year.mean_annual_quota_usd / {{ weeks_per_year }}
        * cohorts.cohort_sas as value,  -- noqa: RF04
        prior_cohorts.mean_ramp_weeks - cohorts.mean_ramp_weeks as numerator,
        cast(null as {{ dbt.type_numeric() }}) as denominator,
        cohorts.ramped_sas + coalesce(prior_cohorts.ramped_sas, 0) as sample_size,
        cohorts.pending_sas + coalesce(prior_cohorts.pending_sas, 0) as pending_count,
        'usd' as unit,
        cast(null as {{ dbt.type_numeric() }}) as secondary_value

    from cohorts
    left join cohorts as prior_cohorts
        on cast({{ dbt.dateadd('month', -3, 'cohorts.period_start') }} as date) = prior_cohorts.period_start
    left join sa_quota_by_year
        on extract(year from cohorts.period_start) = sa_quota_by_year.fiscal_year

),

final as (

    select {{ kpi_output_columns() }}
    from capacity

)

select * from final
