with

base as (

    select * from {{ ref('base_partner_portal__stage_certifications') }}

),

final as (

    select
        certification_id,
        partner_id,
        stage_number,
        achieved_at,
        _loaded_at

    from base
    where _row_status = 'kept'

)

select * from final
