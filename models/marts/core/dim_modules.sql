{#- Enablement modules with their topics (comma-separated, alphabetical) and
    latest revision date. -#}
with

modules as (

    select * from {{ ref('stg_lms__modules') }}

),

module_topics as (

    select * from {{ ref('stg_lms__module_topics') }}

),

module_revisions as (

    select * from {{ ref('stg_lms__module_revisions') }}

),

topics as (

    select
        module_id,
        {{ dbt.listagg('topic', "', '", 'order by topic') }} as topics

    from module_topics
    group by module_id

),

revisions as (

    select
        module_id,
        count(*) as revision_count,
        max(revised_at) as last_revised_at

    from module_revisions
    group by module_id

),

final as (

    select
        modules.module_id,
        modules.module_title,
        modules.role_track,
        modules.phase,
        topics.topics,
        cast(coalesce(revisions.revision_count, 0) as integer) as revision_count,
        revisions.last_revised_at

    from modules
    left join topics
        on modules.module_id = topics.module_id
    left join revisions
        on modules.module_id = revisions.module_id

)

select * from final
