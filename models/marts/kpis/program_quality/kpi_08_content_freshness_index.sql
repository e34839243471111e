{#- A triggered module is fresh when revised after the trigger and no later
    than this many days after the trigger date (inclusive). -#}
{%- set freshness_window_days = 60 -%}

with

product_launches as (

    select * from {{ ref('stg_product_marketing__product_launches') }}

),

competitive_events as (

    select * from {{ ref('stg_product_marketing__competitive_events') }}

),

case_studies as (

    select * from {{ ref('stg_product_marketing__case_studies') }}

),

modules as (

    select * from {{ ref('stg_lms__modules') }}

),

module_topics as (

    select * from {{ ref('stg_lms__module_topics') }}

),

module_revisions as (

    select * from {{ ref('stg_lms__module_revisions') }}

),

-- Every freshness trigger with its topic, whatever calendar it comes from.
triggers as (

    select
        'product_launch' as trigger_type,
        launch_id as trigger_id,
        topic,
        launched_at as triggered_at

    from product_launches

    union all

    select
        'competitive_event' as trigger_type,
        competitive_event_id as trigger_id,
        topic,
        announced_at as triggered_at

    from competitive_events

    union all

    select
        'case_study' as trigger_type,
        case_study_id as trigger_id,
        topic,
        published_at as triggered_at

    from case_studies

),

known_triggers as (

    select
        trigger_type,
        trigger_id,
        topic,
        triggered_at,
        cast(triggered_at as date) as triggered_date

    from triggers
    where
        topic is not null
        and triggered_at < {{ dbt.dateadd('day', 1, as_of_date()) }}

),

-- Modules that share the trigger's topic and already existed when it fired
-- (a module first published after the trigger is new content, not a module
-- the trigger made stale). One row per trigger x module.
triggered_modules as (

    select distinct
        known_triggers.trigger_type,
        known_triggers.trigger_id,
        known_triggers.triggered_at,
        known_triggers.triggered_date,
        module_topics.module_id

    from known_triggers
    inner join module_topics
        on known_triggers.topic = module_topics.topic
    inner join modules
        on module_topics.module_id = modules.module_id
    where modules.created_at is null or modules.created_at < known_triggers.triggered_at

),

-- Revised after the trigger time and on or before trigger date + 60, as far
-- as the CMS history is known on the as_of date.
timely_revisions as (

    select distinct
        triggered_modules.trigger_type,
        triggered_modules.trigger_id,
        triggered_modules.module_id

    from triggered_modules
    inner join module_revisions
        on
            triggered_modules.module_id = module_revisions.module_id
            and triggered_modules.triggered_at < module_revisions.revised_at
            and {{ dbt.dateadd('day', freshness_window_days, 'triggered_modules.triggered_date') }}
            >= cast(module_revisions.revised_at as date)
            and module_revisions.revised_at < {{ dbt.dateadd('day', 1, as_of_date()) }}

),

-- Fresh 1, stale 0 once the window has closed (trigger date + 60 before
-- as_of), pending (NULL measure) while it is open and no revision has come.
members as (

    select
        {{ period_columns('triggered_modules.triggered_date', 'month') }},
        triggered_modules.trigger_type,
        case
            when timely_revisions.module_id is not null then 1
            when
                {{ dbt.dateadd('day', freshness_window_days, 'triggered_modules.triggered_date') }}
                < {{ as_of_date() }}
                then 0
        end as measure,
        (
            timely_revisions.module_id is null
            and {{ dbt.dateadd('day', freshness_window_days, 'triggered_modules.triggered_date') }}
            >= {{ as_of_date() }}
        ) as is_pending

    from triggered_modules
    left join timely_revisions
        on
            triggered_modules.trigger_type = timely_revisions.trigger_type
            and triggered_modules.trigger_id = timely_revisions.trigger_id
            and triggered_modules.module_id = timely_revisions.module_id

),

member_segments as (

    {{ kpi_member_segments('members', [
        ('trigger_type', 'trigger_type'),
    ]) }}

),

kpi_rows as (

    {{ kpi_aggregate('member_segments', 'content_freshness_index', 'percent', scale=100) }}

),

final as (

    select {{ kpi_output_columns() }}
    from kpi_rows

)

select * from final
