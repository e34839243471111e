{%- set earliest_date = "cast('2000-01-01' as date)" -%}
{%- set latest_event_date = "cast("
    ~ dbt.dateadd('year', 1, "cast('" ~ var('as_of_date') ~ "' as date)")
    ~ " as date)" -%}

with

source as (

    select * from {{ source('lms', 'phase_progress') }}

),

kept_enrollments as (

    -- enrollment_id is the key of the staged enrollments (tested unique).
    select distinct
        enrollment_id,
        enrolled_at

    from {{ ref('stg_lms__enrollments') }}

),

typed as (

    select
        {{ normalize_id('phase_progress_id') }} as phase_progress_id,
        {{ normalize_id('enrollment_id') }} as enrollment_id,
        case lower({{ normalize_id('phase') }})
            when 'foundation' then 'Foundation'
            when 'practitioner' then 'Practitioner'
            when 'expert' then 'Expert'
        end as phase,
        {{ parse_date('due_date') }} as due_date,
        {{ parse_timestamp_utc('completed_at') }} as completed_at,
        {{ parse_timestamp_utc('_loaded_at') }} as _loaded_at,
        {{ normalize_id('phase_progress_id') }} as _source_pk,
        {{ normalize_id('phase') }} as raw_phase,
        due_date as raw_due_date,
        completed_at as raw_completed_at

    from source

),

looked_up as (

    select
        typed.*,
        kept_enrollments.enrollment_id is not null as has_kept_enrollment,
        coalesce(typed.completed_at < kept_enrollments.enrolled_at, false) as is_completed_before_enrollment

    from typed
    left join kept_enrollments
        on typed.enrollment_id = kept_enrollments.enrollment_id

),

checked as (

    select
        *,
        {{ dq_reason([
            ('enrollment_id is null', 'missing enrollment_id'),
            ('not has_kept_enrollment', 'orphan enrollment_id'),
            ('raw_phase is null', 'missing phase'),
            ('phase is null', 'unknown phase'),
            (failed_parse('raw_due_date', 'due_date'), 'unparseable due_date'),
            ('due_date is null', 'missing due_date'),
            ('due_date < ' ~ earliest_date, 'due_date out of range'),
            (failed_parse('raw_completed_at', 'completed_at'), 'unparseable completed_at'),
            ('cast(completed_at as date) < ' ~ earliest_date ~ ' or cast(completed_at as date) > ' ~ latest_event_date,
                'completed_at out of range'),
            ('is_completed_before_enrollment', 'phase completed before enrollment'),
        ]) }} as _dq_reason

    from looked_up

),

final as (

    select
        'lms.phase_progress' as _source_table,
        _source_pk,
        phase_progress_id,
        enrollment_id,
        phase,
        due_date,
        completed_at,
        {{ event_date(['due_date', 'completed_at']) }} as _event_date,
        _loaded_at,
        {{ reason_with_missing_key('_source_pk') }} as _dq_reason,
        {{ row_status('_source_pk', '_loaded_at') }} as _row_status

    from checked

)

select * from final
