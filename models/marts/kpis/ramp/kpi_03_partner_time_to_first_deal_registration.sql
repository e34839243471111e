with

partners as (

    select * from {{ ref('int_partners') }}

),

deal_registrations as (

    select * from {{ ref('int_deal_registrations') }}

),

activated_partners as (

    select
        partner_id,
        partner_type,
        activated_at,
        activated_date,
        stage1_date

    from partners
    where activated_date <= {{ as_of_date() }}

),

-- Registrations that were not rejected, made at or after activation and
-- known by as_of; the earliest (then lowest id) is the first.
ranked_registrations as (

    select
        activated_partners.partner_id,
        deal_registrations.registered_date,
        row_number() over (
            partition by activated_partners.partner_id
            order by deal_registrations.registered_at, deal_registrations.registration_id
        ) as registration_rank

    from activated_partners
    inner join deal_registrations
        on activated_partners.partner_id = deal_registrations.partner_id
    where
        not deal_registrations.is_rejected
        and deal_registrations.registered_at >= activated_partners.activated_at
        and deal_registrations.registered_at < {{ dbt.dateadd('day', 1, as_of_date()) }}

),

first_registrations as (

    select
        partner_id,
        registered_date

    from ranked_registrations
    where registration_rank = 1

),

-- Enabled = Stage 1 (Onboarded) reached on or before the first registration;
-- partners still waiting are split by their stage on as_of.
members as (

    select
        {{ period_columns('activated_partners.activated_date', 'month') }},
        activated_partners.partner_type,
        case
            when
                activated_partners.stage1_date <= coalesce(
                    first_registrations.registered_date,
                    {{ as_of_date() }}
                )
                then 'enabled'
            else 'not_enabled'
        end as enablement_status,
        {{ dbt.datediff(
            'activated_partners.activated_date',
            'first_registrations.registered_date',
            'day'
        ) }} as measure,
        first_registrations.registered_date is null as is_pending

    from activated_partners
    left join first_registrations
        on activated_partners.partner_id = first_registrations.partner_id

),

member_segments as (

    {{ kpi_member_segments('members', [
        ('partner_type', 'partner_type'),
        ('enablement_status', 'enablement_status'),
    ]) }}

),

kpi_rows as (

    {{ kpi_aggregate('member_segments', 'partner_time_to_first_deal_registration', 'days') }}

),

final as (

    select {{ kpi_output_columns() }}
    from kpi_rows

)

select * from final
