with

base as (

    select * from {{ ref('base_finance__partner_pipeline_plan') }}

),

final as (

    select
        plan_quarter_start,
        plan_amount_usd,
        _loaded_at

    from base
    where _row_status = 'kept'

)

select * from final
