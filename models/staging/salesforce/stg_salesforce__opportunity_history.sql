with

base as (

    select * from {{ ref('base_salesforce__opportunity_history') }}

),

final as (

    select
        opportunity_history_id,
        opportunity_id,
        changed_at,
        stage_name,
        amount,
        probability,
        close_date,
        forecast_category,
        expected_revenue,
        _loaded_at

    from base
    where _row_status = 'kept'

)

select * from final
