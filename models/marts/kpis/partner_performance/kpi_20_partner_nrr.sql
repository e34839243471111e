{#- A partner is in year Y's cohort when it held at least this certification
    stage on the last day of year Y - 1 (var, default Stage 2 Competent). -#}
{%- set enabled_stage = var('partner_nrr_enabled_stage') -%}

with

partner_arr as (

    select * from {{ ref('stg_finance__partner_arr') }}

),

partners as (

    select * from {{ ref('int_partners') }}

),

-- Years finance has loaded ARR for: a year with no ARR rows at all is not
-- reported yet (its figures are missing, not a 100% churn).
loaded_years as (

    select distinct arr_year

    from partner_arr
    where arr_year <= extract(year from {{ as_of_date() }})

),

-- Last year's ARR per partner, looking forward to the year it is compared
-- with.
prior_year_arr as (

    select
        partner_arr.partner_id,
        loaded_years.arr_year,
        partner_arr.arr_amount_usd as prior_arr_usd,
        cast(
            {{ dbt.concat(["cast(partner_arr.arr_year as " ~ dbt.type_string() ~ ")", "'-12-31'"]) }}
            as date
        ) as prior_year_end_date

    from partner_arr
    inner join loaded_years
        on partner_arr.arr_year + 1 = loaded_years.arr_year
    where partner_arr.arr_amount_usd > 0

),

-- The cohort: partners with ARR last year that were enabled by the end of
-- last year. New partners (no ARR last year) are not in it, so they cannot
-- inflate the rate; a cohort partner with no ARR row this year churned and
-- counts as 0.
cohort as (

    select
        prior_year_arr.partner_id,
        partners.partner_type,
        cast(
            {{ dbt.concat(["cast(prior_year_arr.arr_year as " ~ dbt.type_string() ~ ")", "'-01-01'"]) }}
            as date
        ) as year_start_date,
        prior_year_arr.prior_arr_usd,
        coalesce(current_year_arr.arr_amount_usd, 0) as current_arr_usd

    from prior_year_arr
    inner join partners
        on prior_year_arr.partner_id = partners.partner_id
    left join partner_arr as current_year_arr
        on
            prior_year_arr.partner_id = current_year_arr.partner_id
            and prior_year_arr.arr_year = current_year_arr.arr_year
    where
        {{ partner_stage_as_of('prior_year_arr.partner_id', 'prior_year_arr.prior_year_end_date') }}
        >= {{ enabled_stage }}

),

members as (

    select
        {{ period_columns('year_start_date', 'year') }},
        partner_type,
        prior_arr_usd,
        current_arr_usd as measure,
        false as is_pending

    from cohort

),

member_segments as (

    {{ kpi_member_segments('members', [
        ('partner_type', 'partner_type'),
    ], extra_columns=['prior_arr_usd']) }}

),

kpi_rows as (

    {{ kpi_aggregate(
        'member_segments',
        'partner_nrr',
        'percent',
        scale=100,
        denominator_measure='prior_arr_usd'
    ) }}

),

final as (

    select {{ kpi_output_columns() }}
    from kpi_rows

)

select * from final
