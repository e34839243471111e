with

base as (

    select * from {{ ref('base_partner_portal__deal_registrations') }}

),

final as (

    select
        registration_id,
        partner_id,
        registered_at,
        opportunity_id,
        registration_status,
        _loaded_at

    from base
    where _row_status = 'kept'

)

select * from final
