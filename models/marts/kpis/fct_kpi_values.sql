{%- set kpi_models = [
    'kpi_01_sa_ramp_time',
    'kpi_02_ae_time_to_first_qualified_opp',
    'kpi_03_partner_time_to_first_deal_registration',
    'kpi_04_gate_first_attempt_pass_rate',
    'kpi_05_phase_completion_on_time_rate',
    'kpi_06_module_score',
    'kpi_07_confidence_delta',
    'kpi_08_content_freshness_index',
    'kpi_09_coaching_completion_rate',
    'kpi_10_program_adoption_rate',
    'kpi_11_sa_technical_win_rate',
    'kpi_12_discovery_to_validation_days',
    'kpi_13_ae_90_day_quota_attainment',
    'kpi_14_ae_90_day_deal_size',
    'kpi_15_competitive_win_rate',
    'kpi_16_partner_sourced_pipeline',
    'kpi_17_sa_escalations_per_partner_deal',
    'kpi_18_partner_certification_rate',
    'kpi_19_joint_case_studies',
    'kpi_20_partner_nrr',
    'kpi_21_enablement_roi',
    'kpi_22_revenue_capacity_added',
    'kpi_23_enablement_nps',
    'kpi_24_enablement_to_field_ratio',
    'kpi_25_time_to_competitive_response',
] -%}

with

catalog as (

    select * from {{ ref('kpi_catalog') }}

),

kpi_rows as (

    {% for kpi_model in kpi_models %}
    select {{ kpi_output_columns() }}
    from {{ ref(kpi_model) }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

final as (

    select
        kpi_rows.kpi_code,
        kpi_rows.period_grain,
        kpi_rows.period_start,
        kpi_rows.period_end,
        kpi_rows.segment_type,
        kpi_rows.segment_value,
        kpi_rows.value,
        kpi_rows.numerator,
        kpi_rows.denominator,
        kpi_rows.sample_size,
        kpi_rows.pending_count,
        kpi_rows.unit,
        kpi_rows.secondary_value,
        -- Complete once every member's window has closed: the period end plus
        -- the KPI's maturity days is on or before the as-of date.
        {{ dbt.dateadd('day', 'catalog.maturity_days', 'kpi_rows.period_end') }} <= {{ as_of_date() }}
            as is_period_complete

    from kpi_rows
    inner join catalog
        on kpi_rows.kpi_code = catalog.kpi_code

)

select * from final
