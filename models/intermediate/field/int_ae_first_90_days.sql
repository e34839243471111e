{%- set as_of_date = "cast('" ~ var('as_of_date') ~ "' as date)" -%}
{#- Days 0 .. 89 from the role start: 90 calendar days, both ends included. -#}
{%- set window_last_day = 89 -%}

with

field_roster as (

    select * from {{ ref('int_field_roster') }}

),

identity_map as (

    select * from {{ ref('int_identity_map') }}

),

quotas as (

    select * from {{ ref('stg_finance__quotas') }}

),

fx_rates as (

    select * from {{ ref('stg_finance__fx_rates') }}

),

opportunities as (

    select * from {{ ref('int_opportunities') }}

),

ae_windows as (

    select
        person_id,
        role_started_date,
        cast({{ dbt.dateadd('day', window_last_day, 'role_started_date') }} as date) as window_end_date,
        extract(year from role_started_date) as fiscal_year,
        enablement_completed_date

    from field_roster
    where role_track = 'AE'

),

-- Quota lines of the stint's fiscal year (calendar year of the role start),
-- keyed per stint so one line can serve two stints of the same year.
stint_quota_lines as (

    select
        {{ dbt.concat([
            'ae_windows.person_id', "'|'",
            'cast(ae_windows.role_started_date as ' ~ dbt.type_string() ~ ')', "'|'",
            'quotas.quota_id',
        ]) }} as stint_quota_key,
        ae_windows.person_id,
        ae_windows.role_started_date,
        cast({{ dbt.concat(["cast(quotas.fiscal_year as " ~ dbt.type_string() ~ ")", "'-01-01'"]) }} as date)
            as fiscal_year_start_date,
        quotas.annual_quota_amount,
        quotas.currency_code

    from ae_windows
    inner join identity_map
        on ae_windows.person_id = identity_map.person_id
    inner join quotas
        on
            identity_map.employee_number = quotas.employee_number
            and ae_windows.fiscal_year = quotas.fiscal_year

),

-- A quota is a fiscal-year record: USD per unit at the rate in force on the
-- first day of that fiscal year (the same rule KPI 22 uses for SA quotas).
quota_usd_rates as (

    {{ usd_rates_on_or_before('stint_quota_lines', 'stint_quota_key', 'currency_code', 'fiscal_year_start_date') }}

),

-- Several lines for one year add up; a line with no usable rate leaves the
-- quota unknown rather than understated.
stint_quotas as (

    select
        stint_quota_lines.person_id,
        stint_quota_lines.role_started_date,
        case
            when count(*) = count(quota_usd_rates.usd_rate)
                then sum(stint_quota_lines.annual_quota_amount * quota_usd_rates.usd_rate)
        end as annual_quota_usd

    from stint_quota_lines
    left join quota_usd_rates
        on stint_quota_lines.stint_quota_key = quota_usd_rates.stint_quota_key
    group by
        stint_quota_lines.person_id,
        stint_quota_lines.role_started_date

),

-- Closed-won deals the AE owns with a close date inside the window (and on
-- or before as_of).
window_wins as (

    select
        ae_windows.person_id,
        ae_windows.role_started_date,
        sum(opportunities.amount_usd) as closed_won_usd,
        count(*) as closed_won_deals

    from ae_windows
    inner join opportunities
        on ae_windows.person_id = opportunities.owner_person_id
    where
        opportunities.is_won
        and opportunities.close_date >= ae_windows.role_started_date
        and opportunities.close_date <= ae_windows.window_end_date
        and opportunities.close_date <= {{ as_of_date }}
    group by
        ae_windows.person_id,
        ae_windows.role_started_date

),

final as (

    select
        ae_windows.person_id,
        ae_windows.role_started_date,
        ae_windows.window_end_date,
        ae_windows.window_end_date <= {{ as_of_date }} as is_window_closed,
        cast(ae_windows.fiscal_year as integer) as fiscal_year,
        cast(stint_quotas.annual_quota_usd as {{ dbt.type_numeric() }}) as annual_quota_usd,
        cast(
            {{ safe_divide('stint_quotas.annual_quota_usd * 90', 365) }} as {{ dbt.type_numeric() }}
        ) as window_quota_usd,
        -- No closed-won deal in the window is a real $0 of revenue, not a
        -- missing value.
        cast(coalesce(window_wins.closed_won_usd, 0) as {{ dbt.type_numeric() }}) as closed_won_usd,
        coalesce(window_wins.closed_won_deals, 0) as closed_won_deals,
        ae_windows.enablement_completed_date,
        coalesce(ae_windows.enablement_completed_date <= ae_windows.window_end_date, false)
            as is_enabled_at_window_end

    from ae_windows
    left join stint_quotas
        on
            ae_windows.person_id = stint_quotas.person_id
            and ae_windows.role_started_date = stint_quotas.role_started_date
    left join window_wins
        on
            ae_windows.person_id = window_wins.person_id
            and ae_windows.role_started_date = window_wins.role_started_date

)

select * from final
