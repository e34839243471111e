with

role_stints as (

    select * from {{ ref('int_role_stints') }}

),

partners as (

    select * from {{ ref('int_partners') }}

),

-- Quarter ends from the first role start through the as_of quarter.
quarter_ends as (

    select distinct
        cast({{ period_end(period_start('calendar.date_day', 'quarter'), 'quarter') }} as date) as quarter_end

    from {{ ref('dim_calendar') }} as calendar
    where
        calendar.date_day <= {{ as_of_date() }}
        and calendar.date_day >= (
            select min(first_stints.role_started_date) as first_start
            from role_stints as first_stints
        )

),

-- Headcount in each role on each quarter end (stints are [start, end)).
role_headcount as (

    select
        quarter_ends.quarter_end,
        sum(case when role_stints.role_track in ('SA', 'AE') then 1 else 0 end) as field_employees,
        sum(case when role_stints.role_track = 'enablement' then 1 else 0 end) as enablement_headcount

    from quarter_ends
    left join role_stints
        on {{ is_effective_on(
            'quarter_ends.quarter_end',
            'role_stints.role_started_date',
            'role_stints.role_ended_date'
        ) }}
    group by quarter_ends.quarter_end

),

-- Partners activated on or before the quarter end and not deactivated by it.
active_partners as (

    select
        quarter_ends.quarter_end,
        count(partners.partner_id) as active_partners

    from quarter_ends
    left join partners
        on
            quarter_ends.quarter_end >= partners.activated_date
            and (partners.deactivated_date is null or quarter_ends.quarter_end < partners.deactivated_date)
    group by quarter_ends.quarter_end

),

kpi_rows as (

    select
        'enablement_to_field_ratio' as kpi_code,
        {{ period_columns('role_headcount.quarter_end', 'quarter') }},
        'overall' as segment_type,
        'all' as segment_value,
        {{ safe_divide(
            'role_headcount.field_employees + active_partners.active_partners',
            'role_headcount.enablement_headcount'
        ) }} as value,  -- noqa: RF04
        role_headcount.field_employees + active_partners.active_partners as numerator,
        role_headcount.enablement_headcount as denominator,
        role_headcount.field_employees + active_partners.active_partners as sample_size,
        0 as pending_count,
        'ratio' as unit,
        cast(null as {{ dbt.type_numeric() }}) as secondary_value

    from role_headcount
    inner join active_partners
        on role_headcount.quarter_end = active_partners.quarter_end

),

final as (

    select {{ kpi_output_columns() }}
    from kpi_rows

)

select * from final
