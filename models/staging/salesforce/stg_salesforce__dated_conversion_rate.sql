with

base as (

    select * from {{ ref('base_salesforce__dated_conversion_rate') }}

),

final as (

    select
        conversion_rate_id,
        currency_code,
        conversion_rate,
        start_date,
        next_start_date,
        _loaded_at

    from base
    where _row_status = 'kept'

)

select * from final
