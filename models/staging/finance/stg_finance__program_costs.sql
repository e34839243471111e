with

base as (

    select * from {{ ref('base_finance__program_costs') }}

),

final as (

    select
        cost_id,
        cost_month,
        category,
        amount,
        currency_code,
        _loaded_at

    from base
    where _row_status = 'kept'

)

select * from final
