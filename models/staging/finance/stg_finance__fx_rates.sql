with

base as (

    select * from {{ ref('base_finance__fx_rates') }}

),

final as (

    select
        currency_code,
        rate_date,
        usd_per_unit,
        _loaded_at

    from base
    where _row_status = 'kept'

)

select * from final
