with

base as (

    select * from {{ ref('base_finance__partner_arr') }}

),

final as (

    select
        partner_id,
        arr_year,
        arr_amount_usd,
        _loaded_at

    from base
    where _row_status = 'kept'

)

select * from final
