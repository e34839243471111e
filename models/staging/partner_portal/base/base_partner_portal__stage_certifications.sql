{%- set earliest_date = "cast('2000-01-01' as date)" -%}
{%- set as_of_date = "cast('" ~ var('as_of_date') ~ "' as date)" -%}
{%- set latest_event_date = "cast(" ~ dbt.dateadd('year', 1, as_of_date) ~ " as date)" -%}

with

source as (

    select * from {{ source('partner_portal', 'stage_certifications') }}

),

kept_partners as (

    select distinct partner_id from {{ ref('stg_partner_portal__partners') }}

),

typed as (

    select
        {{ normalize_id('certification_id') }} as certification_id,
        {{ normalize_id('partner_id', 5) }} as partner_id,
        lower({{ normalize_id('stage') }}) as raw_stage,
        {{ parse_timestamp_utc('achieved_at') }} as achieved_at,
        {{ parse_timestamp_utc('_loaded_at') }} as _loaded_at,
        {{ normalize_id('certification_id') }} as _source_pk,
        achieved_at as raw_achieved_at

    from source

),

stage_parts as (

    select
        *,
        -- "Stage 3 – GTM-Ready" -> digits '3', label 'gtmready'; "2" -> '2', ''.
        case
            when {{ regex_matches('raw_stage', '^[^0-9]*[0-9]+[^0-9]*$') }}
                then {{ try_cast_text("regexp_replace(raw_stage, '^[^0-9]*([0-9]+)[^0-9]*$', '\\1')", 'integer') }}
        end as stage_digits,
        regexp_replace(regexp_replace(raw_stage, '[^a-z]', '', 'g'), '^stage', '') as stage_label

    from typed

),

canonical as (

    select
        *,
        case stage_label
            when 'onboarded' then 1
            when 'competent' then 2
            when 'gtmready' then 3
            when 'expert' then 4
        end as label_stage_number

    from stage_parts

),

resolved as (

    select
        *,
        -- The number wins when the label is absent; a label that names a
        -- different stage than the number is not trusted.
        case
            when stage_digits not between 1 and 4 then null
            when stage_label = '' then stage_digits
            when stage_digits is null then label_stage_number
            when stage_digits = label_stage_number then stage_digits
        end as stage_number

    from canonical

),

checked as (

    select
        resolved.*,
        {{ dq_reason([
            ('resolved.partner_id is null', 'missing partner_id'),
            ('kept_partners.partner_id is null', 'orphan partner_id'),
            ('resolved.raw_stage is null', 'missing stage'),
            ('resolved.stage_number is null', 'unknown stage'),
            (failed_parse('resolved.raw_achieved_at', 'resolved.achieved_at'), 'unparseable achieved_at'),
            ('resolved.achieved_at is null', 'missing achieved_at'),
            ('resolved.achieved_at < ' ~ earliest_date ~ ' or resolved.achieved_at > ' ~ latest_event_date,
                'achieved_at out of range'),
        ]) }} as _dq_reason

    from resolved
    left join kept_partners
        on resolved.partner_id = kept_partners.partner_id

),

final as (

    select
        'partner_portal.stage_certifications' as _source_table,
        _source_pk,
        certification_id,
        partner_id,
        stage_number,
        raw_stage,
        achieved_at,
        {{ event_date(['achieved_at']) }} as _event_date,
        _loaded_at,
        {{ reason_with_missing_key('_source_pk') }} as _dq_reason,
        {{ row_status('_source_pk', '_loaded_at') }} as _row_status

    from checked

)

select * from final
