with

competitive_events as (

    select * from {{ ref('stg_product_marketing__competitive_events') }}

),

content_deployments as (

    select * from {{ ref('stg_product_marketing__content_deployments') }}

),

-- First deployment answering each event, as known on the as_of date.
first_deployments as (

    select
        competitive_event_id,
        min(deployed_at) as first_deployed_at

    from content_deployments
    where deployed_at < {{ dbt.dateadd('day', 1, as_of_date()) }}
    group by competitive_event_id

),

-- One member per event announced by as_of: measure = calendar days from the
-- announcement date to the first deployment date; an event with no
-- deployment yet is pending, never a failure.
members as (

    select
        {{ period_columns('cast(competitive_events.announced_at as date)', 'month') }},
        competitive_events.event_type,
        {{ dbt.datediff(
            'cast(competitive_events.announced_at as date)',
            'cast(first_deployments.first_deployed_at as date)',
            'day'
        ) }} as measure,
        first_deployments.first_deployed_at is null as is_pending

    from competitive_events
    left join first_deployments
        on competitive_events.competitive_event_id = first_deployments.competitive_event_id
    where competitive_events.announced_at < {{ dbt.dateadd('day', 1, as_of_date()) }}

),

member_segments as (

    {{ kpi_member_segments('members', [
        ('event_type', 'event_type'),
    ]) }}

),

kpi_rows as (

    {{ kpi_aggregate('member_segments', 'time_to_competitive_response', 'days') }}

),

final as (

    select {{ kpi_output_columns() }}
    from kpi_rows

)

select * from final
