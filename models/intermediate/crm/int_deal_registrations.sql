with

deal_registrations as (

    select * from {{ ref('stg_partner_portal__deal_registrations') }}

),

quarantined_rows as (

    select * from {{ ref('int_quarantined_rows') }}

),

kept_registrations as (

    select deal_registrations.*

    from deal_registrations
    left join quarantined_rows
        on
            quarantined_rows.source_table = 'partner_portal.deal_registrations'
            and deal_registrations.registration_id = quarantined_rows.source_pk
    where quarantined_rows.source_pk is null

),

final as (

    select
        registration_id,
        partner_id,
        registered_at,
        cast(registered_at as date) as registered_date,
        registration_status,
        opportunity_id,
        registration_status = 'rejected' as is_rejected

    from kept_registrations

)

select * from final
