with

catalog as (

    select * from {{ ref('kpi_catalog') }}

),

final as (

    select
        kpi_code,
        kpi_number,
        kpi_name,
        category,
        indicator_type,
        cadence,
        unit,
        formula,
        data_sources,
        owner,
        custodian,
        strategic_alignment,
        business_purpose,
        action_plan_when_red,
        secondary_measure,
        maturity_days,
        default_period_grain

    from catalog

)

select * from final
