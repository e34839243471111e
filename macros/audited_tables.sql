{#- Every base_ model, one per raw table. The audit models union them; a
    manifest check in tooling/tests fails when a base_ model is missing here.
    The HubSpot base models exist only when var crm_source is 'hubspot'. -#}
{% macro audited_base_models() -%}
    {%- set base_models = [
        'base_hris__workers',
        'base_hris__job_history',
        'base_lms__users',
        'base_lms__enrollments',
        'base_lms__phase_progress',
        'base_lms__modules',
        'base_lms__module_topics',
        'base_lms__module_revisions',
        'base_lms__module_completions',
        'base_lms__assessment_attempts',
        'base_lms__survey_responses',
        'base_lms__coaching_checkins',
        'base_salesforce__opportunity',
        'base_salesforce__opportunity_history',
        'base_salesforce__user',
        'base_salesforce__user_role',
        'base_salesforce__account',
        'base_salesforce__event',
        'base_salesforce__event_relation',
        'base_salesforce__task',
        'base_salesforce__dated_conversion_rate',
        'base_partner_portal__partners',
        'base_partner_portal__stage_certifications',
        'base_partner_portal__deal_registrations',
        'base_partner_portal__partner_users',
        'base_finance__quotas',
        'base_finance__program_costs',
        'base_finance__partner_arr',
        'base_finance__partner_pipeline_plan',
        'base_finance__fx_rates',
        'base_surveys__nps_responses',
        'base_product_marketing__competitive_events',
        'base_product_marketing__content_deployments',
        'base_product_marketing__product_launches',
        'base_product_marketing__case_studies',
    ] -%}
    {%- if var('crm_source') == 'hubspot' -%}
        {%- do base_models.extend([
            'base_hubspot__deal',
            'base_hubspot__deal_stage',
            'base_hubspot__deal_pipeline',
            'base_hubspot__deal_pipeline_stage',
            'base_hubspot__owner',
            'base_hubspot__company',
            'base_hubspot__deal_company',
            'base_hubspot__engagement',
            'base_hubspot__engagement_deal',
            'base_hubspot__engagement_call',
            'base_hubspot__engagement_meeting',
        ]) -%}
    {%- endif -%}
    {{ return(base_models) }}
{%- endmacro %}
