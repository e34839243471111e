with

base as (

    select * from {{ ref('base_finance__quotas') }}

),

final as (

    select
        quota_id,
        employee_number,
        fiscal_year,
        annual_quota_amount,
        currency_code,
        _loaded_at

    from base
    where _row_status = 'kept'

)

select * from final
