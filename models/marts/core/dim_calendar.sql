{#- One row per day from the start of the sample story's first year to the
    end of the as-of year: the spine BI tools join periods to. -#}
with

days as (

    {{ dbt.date_spine(
        'day',
        "cast('2023-01-01' as date)",
        dbt.dateadd('year', 1, dbt.date_trunc('year', as_of_date()))
    ) }}

),

final as (

    select
        cast(date_day as date) as date_day,
        cast({{ period_start('date_day', 'week') }} as date) as week_start,
        cast({{ period_start('date_day', 'month') }} as date) as month_start,
        cast({{ period_start('date_day', 'quarter') }} as date) as quarter_start,
        cast({{ period_start('date_day', 'half_year') }} as date) as half_year_start,
        cast({{ period_start('date_day', 'year') }} as date) as year_start,
        cast(extract(year from date_day) as integer) as calendar_year,
        cast(extract(quarter from date_day) as integer) as calendar_quarter,
        cast(extract(month from date_day) as integer) as calendar_month,
        cast(date_day as date) <= {{ as_of_date() }} as is_on_or_before_as_of

    from days

)

select * from final
