with

opportunities as (

    select * from {{ ref('int_opportunities') }}

),

stage_entries as (

    select * from {{ ref('int_opportunity_stage_entries') }}

),

enablement_progress as (

    select * from {{ ref('int_enablement_progress') }}

),

-- Technical evaluations: opportunities with an SA that entered technical
-- validation by as_of (first entry).
evaluations as (

    select
        opportunities.opportunity_id,
        opportunities.sa_person_id,
        stage_entries.stage_order as validation_stage_order,
        stage_entries.first_entered_at as validation_entered_at,
        stage_entries.first_entered_date as validation_entered_date

    from opportunities
    inner join stage_entries
        on opportunities.opportunity_id = stage_entries.opportunity_id
    where
        opportunities.sa_person_id is not null
        and stage_entries.canonical_stage = 'technical_validation'
        and stage_entries.first_entered_at < {{ dbt.dateadd('day', 1, as_of_date()) }}

),

-- Won: first entry, after validation, into a later stage that is not
-- closed_lost (proposal, negotiation, closed_won). Lost: entered closed_lost
-- after validation. Both only as known on as_of.
outcome_times as (

    select
        evaluations.opportunity_id,
        min(
            case
                when
                    stage_entries.canonical_stage != 'closed_lost'
                    and stage_entries.stage_order > evaluations.validation_stage_order
                    then stage_entries.first_entered_at
            end
        ) as won_at,
        min(
            case
                when stage_entries.canonical_stage = 'closed_lost'
                    then stage_entries.first_entered_at
            end
        ) as lost_at

    from evaluations
    inner join stage_entries
        on evaluations.opportunity_id = stage_entries.opportunity_id
    where
        stage_entries.first_entered_at >= evaluations.validation_entered_at
        and stage_entries.first_entered_at < {{ dbt.dateadd('day', 1, as_of_date()) }}
    group by evaluations.opportunity_id

),

-- The SA's enablement in the SA track (earliest completion known by as_of).
sa_enablement as (

    select
        person_id,
        min(enablement_completed_date) as enablement_completed_date

    from enablement_progress
    where
        role_track = 'SA'
        and enablement_completed_date <= {{ as_of_date() }}
    group by person_id

),

classified as (

    select
        evaluations.opportunity_id,
        case
            when sa_enablement.enablement_completed_date <= evaluations.validation_entered_date
                then 'enabled'
            else 'not_enabled'
        end as enablement_status,
        case
            when outcome_times.won_at is not null then 1
            when outcome_times.lost_at is not null then 0
        end as measure,
        cast(coalesce(outcome_times.won_at, outcome_times.lost_at) as date) as outcome_date

    from evaluations
    left join outcome_times
        on evaluations.opportunity_id = outcome_times.opportunity_id
    left join sa_enablement
        on evaluations.sa_person_id = sa_enablement.person_id

),

-- Decided evaluations sit in the quarter of their outcome; open ones are
-- pending and reported on the as_of quarter only.
members as (

    select
        {{ period_columns('coalesce(outcome_date, ' ~ as_of_date() ~ ')', 'quarter') }},
        enablement_status,
        measure,
        measure is null as is_pending

    from classified

),

member_segments as (

    {{ kpi_member_segments('members', [
        ('enablement_status', 'enablement_status'),
    ]) }}

),

kpi_rows as (

    {{ kpi_aggregate('member_segments', 'sa_technical_win_rate', 'percent', scale=100) }}

),

-- Gap in points (enabled - not_enabled) on every row of the quarter.
kpi_rows_with_gap as (

    {{ kpi_enablement_gap('kpi_rows', 'points') }}

),

final as (

    select {{ kpi_output_columns() }}
    from kpi_rows_with_gap

)

select * from final
