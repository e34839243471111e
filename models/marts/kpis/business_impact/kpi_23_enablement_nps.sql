with

nps_responses as (

    select * from {{ ref('int_nps_responses_scored') }}

),

-- Answered responses submitted by as_of (a blank answer is not a response).
-- Promoter +1, passive 0, detractor -1: the mean x 100 is %promoters -
-- %detractors, with passives in the denominator.
members as (

    select
        {{ period_columns('submitted_date', 'quarter') }},
        role_track_at_response,
        tenure_band_at_response,
        case nps_bucket
            when 'promoter' then 1
            when 'passive' then 0
            when 'detractor' then -1
        end as measure,
        false as is_pending

    from nps_responses
    where
        is_answered
        and nps_bucket is not null
        and submitted_at < {{ dbt.dateadd('day', 1, as_of_date()) }}

),

member_segments as (

    {{ kpi_member_segments('members', [
        ('role_track', 'role_track_at_response'),
        ('tenure_band', 'tenure_band_at_response'),
    ]) }}

),

kpi_rows as (

    {{ kpi_aggregate('member_segments', 'enablement_nps', 'nps', scale=100) }}

),

final as (

    select {{ kpi_output_columns() }}
    from kpi_rows

)

select * from final
