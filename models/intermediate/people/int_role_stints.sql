with

workers as (

    select * from {{ ref('stg_hris__workers') }}

),

job_history as (

    select * from {{ ref('stg_hris__job_history') }}

),

role_track_mapping as (

    select * from {{ ref('role_track_mapping') }}

),

identity_map as (

    select * from {{ ref('int_identity_map') }}

),

-- History rows up to the last day of employment (termination_date); later
-- rows change nothing.
employed_history as (

    select
        job_history.worker_id,
        job_history.effective_date,
        job_history.business_title,
        job_history.job_history_id,
        workers.hire_date

    from job_history
    inner join workers
        on job_history.worker_id = workers.worker_id
    where
        workers.termination_date is null
        or job_history.effective_date <= workers.termination_date

),

first_history as (

    select
        worker_id,
        min(effective_date) as first_effective_date

    from employed_history
    group by worker_id

),

-- HRIS exports normally open each worker's history with a hire row on the
-- hire date. When the earliest row is dated later (history truncated at a
-- system migration) or earlier (pre-hire paperwork), it is taken to hold
-- from the hire date: the title held since hire is the earliest one known.
history_rows as (

    select
        employed_history.worker_id,
        case
            when employed_history.effective_date < employed_history.hire_date
                then employed_history.hire_date
            when employed_history.effective_date = first_history.first_effective_date
                then employed_history.hire_date
            else employed_history.effective_date
        end as effective_date,
        employed_history.business_title,
        employed_history.effective_date as raw_effective_date,
        employed_history.job_history_id

    from employed_history
    inner join first_history
        on employed_history.worker_id = first_history.worker_id

),

-- Several rows on one day: the latest dated, then the highest id, is the
-- day's final state.
history_by_day as (

    select
        worker_id,
        effective_date,
        business_title,
        row_number() over (
            partition by worker_id, effective_date
            order by raw_effective_date desc, job_history_id desc
        ) as day_rank

    from history_rows

),

-- A worker with no history has held the worker record's current title since
-- the hire date.
hire_rows as (

    select
        workers.worker_id,
        workers.hire_date as effective_date,
        workers.business_title

    from workers
    left join first_history
        on workers.worker_id = first_history.worker_id
    where
        workers.hire_date is not null
        and first_history.first_effective_date is null

),

timeline as (

    select
        worker_id,
        effective_date,
        business_title

    from history_by_day
    where day_rank = 1

    union all

    select
        worker_id,
        effective_date,
        business_title

    from hire_rows

),

tracked as (

    select
        timeline.worker_id,
        timeline.effective_date,
        role_track_mapping.role_track,
        lag(role_track_mapping.role_track) over (
            partition by timeline.worker_id
            order by timeline.effective_date
        ) as previous_role_track

    from timeline
    inner join role_track_mapping
        on timeline.business_title = role_track_mapping.business_title

),

-- Consecutive rows on the same track are one stint; a row on a new track
-- starts the next one.
stint_starts as (

    select
        worker_id,
        effective_date as role_started_date,
        role_track

    from tracked
    where previous_role_track is null or previous_role_track != role_track

),

stints as (

    select
        stint_starts.worker_id,
        stint_starts.role_track,
        stint_starts.role_started_date,
        coalesce(
            lead(stint_starts.role_started_date) over (
                partition by stint_starts.worker_id
                order by stint_starts.role_started_date
            ),
            cast({{ dbt.dateadd('day', 1, 'workers.termination_date') }} as date)
        ) as role_ended_date,
        workers.hire_date,
        workers.termination_date

    from stint_starts
    inner join workers
        on stint_starts.worker_id = workers.worker_id

),

final as (

    select
        identity_map.person_id,
        stints.worker_id,
        stints.role_track,
        stints.role_started_date,
        stints.role_ended_date,
        stints.hire_date,
        stints.role_started_date > stints.hire_date as is_internal_transfer,
        stints.termination_date

    from stints
    inner join identity_map
        on stints.worker_id = identity_map.worker_id

)

select * from final
