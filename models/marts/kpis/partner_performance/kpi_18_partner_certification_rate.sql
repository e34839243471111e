{%- set certified_stage = 3 -%}

with

partners as (

    select * from {{ ref('int_partners') }}

),

calendar as (

    select * from {{ ref('dim_calendar') }}

),

first_activation_quarter as (

    select min(cast({{ period_start('activated_date', 'quarter') }} as date)) as quarter_start

    from partners

),

-- One snapshot per quarter from the first activation through the as_of
-- quarter, on the quarter's last day (or on as_of_date while it runs).
snapshots as (

    {{ quarter_end_snapshots('first_activation_quarter') }}

),

-- Partners active on the snapshot day: activated on or before it and not
-- deactivated on or before it.
active_partners as (

    select
        snapshots.period_grain,
        snapshots.period_start,
        snapshots.period_end,
        snapshots.snapshot_date,
        partners.partner_id,
        partners.partner_type

    from snapshots
    inner join partners
        on
            snapshots.snapshot_date >= partners.activated_date
            and (
                partners.deactivated_date is null
                or snapshots.snapshot_date < partners.deactivated_date
            )

),

members as (

    select
        active_partners.period_grain,
        active_partners.period_start,
        active_partners.period_end,
        active_partners.partner_type,
        case
            when
                {{ partner_stage_as_of('active_partners.partner_id', 'active_partners.snapshot_date') }}
                >= {{ certified_stage }}
                then 1
            else 0
        end as measure,
        false as is_pending

    from active_partners

),

member_segments as (

    {{ kpi_member_segments('members', [
        ('partner_type', 'partner_type'),
    ]) }}

),

kpi_rows as (

    {{ kpi_aggregate('member_segments', 'partner_certification_rate', 'percent', scale=100) }}

),

final as (

    select {{ kpi_output_columns() }}
    from kpi_rows

)

select * from final
