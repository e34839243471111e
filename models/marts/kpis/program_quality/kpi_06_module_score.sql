with

survey_responses as (

    select * from {{ ref('stg_lms__survey_responses') }}

),

-- Answered post-module surveys submitted by as_of; a blank answer is not a
-- response.
members as (

    select
        {{ period_columns('cast(submitted_at as date)', 'month') }},
        module_id,
        score as measure,
        false as is_pending

    from survey_responses
    where
        survey_type = 'post_module'
        and score is not null
        and submitted_at < {{ dbt.dateadd('day', 1, as_of_date()) }}

),

member_segments as (

    {{ kpi_member_segments('members', [
        ('module', 'module_id'),
    ]) }}

),

kpi_rows as (

    {{ kpi_aggregate('member_segments', 'module_score', 'score') }}

),

final as (

    select {{ kpi_output_columns() }}
    from kpi_rows

)

select * from final
