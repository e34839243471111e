{%- set earliest_date = "cast('2000-01-01' as date)" -%}
{%- set latest_event_date = "cast("
    ~ dbt.dateadd('year', 1, "cast('" ~ var('as_of_date') ~ "' as date)")
    ~ " as date)" -%}

with

source as (

    select * from {{ source('lms', 'modules') }}

),

typed as (

    select
        {{ normalize_id('module_id') }} as module_id,
        {{ normalize_id('title') }} as module_title,
        case lower({{ normalize_id('role_track') }})
            when 'sa' then 'SA'
            when 'ae' then 'AE'
            when 'partner' then 'Partner'
            when 'all' then 'All'
        end as role_track,
        case lower({{ normalize_id('phase') }})
            when 'foundation' then 'Foundation'
            when 'practitioner' then 'Practitioner'
            when 'expert' then 'Expert'
        end as phase,
        {{ parse_timestamp_utc('created_at') }} as created_at,
        {{ parse_timestamp_utc('_loaded_at') }} as _loaded_at,
        {{ normalize_id('module_id') }} as _source_pk,
        {{ normalize_id('role_track') }} as raw_role_track,
        {{ normalize_id('phase') }} as raw_phase,
        created_at as raw_created_at

    from source

),

checked as (

    select
        *,
        {{ dq_reason([
            ('raw_role_track is null', 'missing role_track'),
            ('role_track is null', 'unknown role_track'),
            ('raw_phase is not null and phase is null', 'unknown phase'),
            (failed_parse('raw_created_at', 'created_at'), 'unparseable created_at'),
            ('cast(created_at as date) < ' ~ earliest_date ~ ' or cast(created_at as date) > ' ~ latest_event_date,
                'created_at out of range'),
        ]) }} as _dq_reason

    from typed

),

final as (

    select
        'lms.modules' as _source_table,
        _source_pk,
        module_id,
        module_title,
        role_track,
        phase,
        created_at,
        {{ event_date(['created_at']) }} as _event_date,
        _loaded_at,
        {{ reason_with_missing_key('_source_pk') }} as _dq_reason,
        {{ row_status('_source_pk', '_loaded_at') }} as _row_status

    from checked

)

select * from final
