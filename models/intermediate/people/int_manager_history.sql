with

workers as (

    select * from {{ ref('stg_hris__workers') }}

),

job_history as (

    select * from {{ ref('stg_hris__job_history') }}

),

identity_map as (

    select * from {{ ref('int_identity_map') }}

),

-- Several history rows on one day: the one with the highest id is the
-- day's final state.
history_by_day as (

    select
        worker_id,
        effective_date,
        manager_worker_id,
        row_number() over (
            partition by worker_id, effective_date
            order by job_history_id desc
        ) as day_rank

    from job_history

),

history_rows as (

    select
        worker_id,
        effective_date as valid_from,
        manager_worker_id

    from history_by_day
    where day_rank = 1

),

first_history as (

    select
        worker_id,
        min(valid_from) as first_valid_from

    from history_rows
    group by worker_id

),

-- Before a worker's first history row (or always, with no history) the
-- worker record's current manager applies, from the hire date.
fallback_rows as (

    select
        workers.worker_id,
        workers.hire_date as valid_from,
        workers.manager_worker_id

    from workers
    left join first_history
        on workers.worker_id = first_history.worker_id
    where
        workers.hire_date is not null
        and (
            first_history.first_valid_from is null
            or workers.hire_date < first_history.first_valid_from
        )

),

all_rows as (

    select
        worker_id,
        valid_from,
        manager_worker_id

    from history_rows

    union all

    select
        worker_id,
        valid_from,
        manager_worker_id

    from fallback_rows

),

sequenced as (

    select
        worker_id,
        valid_from,
        manager_worker_id,
        lag(manager_worker_id) over (
            partition by worker_id
            order by valid_from
        ) as previous_manager_worker_id,
        row_number() over (
            partition by worker_id
            order by valid_from
        ) as row_order

    from all_rows

),

flagged as (

    select
        worker_id,
        valid_from,
        manager_worker_id,
        (
            row_order = 1
            or previous_manager_worker_id is distinct from manager_worker_id
        ) as is_manager_change

    from sequenced

),

-- Consecutive rows with the same manager (e.g. a title change only) are one
-- period.
changes as (

    select
        worker_id,
        valid_from,
        manager_worker_id

    from flagged
    where is_manager_change

),

periods as (

    select
        worker_id,
        valid_from,
        lead(valid_from) over (partition by worker_id order by valid_from) as valid_to,
        manager_worker_id

    from changes

),

final as (

    select
        periods.worker_id,
        worker_identity.person_id,
        periods.manager_worker_id,
        manager_identity.person_id as manager_person_id,
        periods.valid_from,
        periods.valid_to

    from periods
    inner join identity_map as worker_identity
        on periods.worker_id = worker_identity.worker_id
    left join identity_map as manager_identity
        on periods.manager_worker_id = manager_identity.worker_id

)

select * from final
