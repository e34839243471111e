-- KPI 21, enablement ROI, taken apart per half-year.
--
-- uplift   = (mean closed-won USD per enabled AE - mean per not-enabled AE)
--            x number of enabled AEs
-- net      = (uplift - program cost) / program cost   <- the KPI value
-- gross    = uplift / program cost                    <- secondary_value
--
-- The framework's formula is the net multiple; its worked example
-- ($4.6M / $0.8M = 5.75x) is the gross one, which is why both are kept.
-- Every figure comes from the data: closed-won deals in USD at the rate in
-- force on the close date, program costs in USD at the rate of the cost
-- month, and each AE's enablement status as of the half's last day.
with

kpi_values as (

    select * from {{ ref('fct_kpi_values') }}

),

final as (

    select
        period_start,
        period_end,
        numerator + denominator as uplift_usd,
        denominator as program_cost_usd,
        numerator as uplift_minus_cost_usd,
        value as net_multiple,
        secondary_value as gross_multiple,
        sample_size as ae_count,
        is_period_complete

    from kpi_values
    where kpi_code = 'enablement_roi' and segment_type = 'overall'

)

select * from final
order by period_start
