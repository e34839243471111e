with

case_studies as (

    select * from {{ ref('stg_product_marketing__case_studies') }}

),

partners as (

    select * from {{ ref('int_partners') }}

),

calendar as (

    select * from {{ ref('dim_calendar') }}

),

published as (

    select
        case_studies.case_study_id,
        cast({{ period_start('cast(case_studies.published_at as date)', 'quarter') }} as date) as quarter_start,
        partners.partner_type

    from case_studies
    left join partners
        on case_studies.partner_id = partners.partner_id
    where case_studies.published_at < {{ dbt.dateadd('day', 1, as_of_date()) }}

),

-- Every quarter from the first publication through the as_of quarter, so a
-- quarter with none published reports 0 (a count, not a missing rate).
quarters as (

    select distinct calendar.quarter_start

    from calendar
    where
        calendar.date_day <= {{ as_of_date() }}
        and calendar.quarter_start >= (
            select min(first_published.quarter_start) as first_quarter
            from published as first_published
        )

),

segments as (

    select
        'overall' as segment_type,
        'all' as segment_value

    union all

    select distinct
        'partner_type' as segment_type,
        partner_type as segment_value

    from partners

),

counts as (

    select
        quarters.quarter_start,
        segments.segment_type,
        segments.segment_value,
        count(published.case_study_id) as published_count

    from quarters
    cross join segments
    left join published
        on
            quarters.quarter_start = published.quarter_start
            and (segments.segment_type = 'overall' or segments.segment_value = published.partner_type)
    group by
        quarters.quarter_start,
        segments.segment_type,
        segments.segment_value

),

kpi_rows as (

    select
        'joint_case_studies' as kpi_code,
        {{ period_columns('quarter_start', 'quarter') }},
        segment_type,
        segment_value,
        published_count as value,  -- noqa: RF04
        published_count as numerator,
        cast(null as {{ dbt.type_numeric() }}) as denominator,
        published_count as sample_size,
        0 as pending_count,
        'count' as unit,
        cast(null as {{ dbt.type_numeric() }}) as secondary_value

    from counts

),

final as (

    select {{ kpi_output_columns() }}
    from kpi_rows

)

select * from final
