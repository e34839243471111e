with

opportunities as (

    select * from {{ ref('int_opportunities') }}

),

-- Closed deals with a named competitor, by close quarter: won 1, lost 0.
-- Open deals are not losses and are not members.
members as (

    select
        {{ period_columns('close_date', 'quarter') }},
        competitor,
        case when is_won then 1 else 0 end as measure,
        false as is_pending

    from opportunities
    where
        competitor is not null
        and is_closed
        and close_date <= {{ as_of_date() }}

),

member_segments as (

    {{ kpi_member_segments('members', [
        ('competitor', 'competitor'),
    ]) }}

),

kpi_rows as (

    {{ kpi_aggregate('member_segments', 'competitive_win_rate', 'percent', scale=100) }}

),

-- Change in points vs the same segment's prior quarter.
kpi_rows_with_change as (

    {{ kpi_change_vs_prior_period('kpi_rows', 3) }}

),

final as (

    select {{ kpi_output_columns() }}
    from kpi_rows_with_change

)

select * from final
