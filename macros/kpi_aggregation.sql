{#- Shared aggregation for KPI models: one piece of code turns member rows
    into the long KPI shape for the overall row and every segment.

    Pattern (see kpi_04 .. kpi_10 for examples):

        members as (
            select
                {{ period_columns('some_date', 'month') }},
                role_track,                         -- segment attributes
                manager_person_id,
                measure,                            -- see below
                is_pending
            from ...
        ),

        member_segments as (
            {{ kpi_member_segments('members', [
                ('role_track', 'role_track'),
                ('manager', 'manager_person_id'),
            ]) }}
        ),

        kpi_rows as (
            {{ kpi_aggregate('member_segments', 'my_kpi_code', 'percent', scale=100) }}
        ),

    kpi_member_segments(members, segments)
        members  : name of a CTE / relation with period_grain, period_start,
                   period_end, measure, is_pending and the segment columns.
        segments : list of (segment_type, column expression) pairs.
        Returns a `union all` of the member rows once as segment_type
        'overall' / segment_value 'all' and once per listed segment (rows whose
        segment expression is NULL are left out of that segment only: e.g.
        partners have no manager, but still count overall).

    kpi_aggregate(member_segments, kpi_code, unit, scale=1)
        Groups by period and segment and returns the 13 standard columns
        (pass the result through kpi_output_columns() in the model's final
        CTE):
            numerator     = sum(measure)
            denominator   = count(measure)        (members with a measure)
            sample_size   = count(measure)
            value         = scale * numerator / denominator via safe_divide,
                            NULL when no member has a measure
            pending_count = members with is_pending true
            secondary_value = NULL
        The measure convention makes one aggregation serve both kinds of KPI:
            rate  : measure 1 (success) / 0 (failure) / NULL (pending or not
                    in the value), scale=100 -> percent 0-100
            mean  : measure = the member's number (score, days, delta...), NULL
                    when missing (never coalesced to 0), scale=1
        A pending member must carry a NULL measure and is_pending true, so it
        never counts as a failure.

    Ratio of sums (optional, KPI 20): pass extra_columns=['prior_value'] to
    kpi_member_segments so each member also carries its own denominator, and
    denominator_measure='prior_value' to kpi_aggregate:
            numerator     = sum(measure)
            denominator   = sum(denominator_measure)
            sample_size   = count(denominator_measure)
            value         = scale * numerator / denominator via safe_divide
    Both arguments default to the mean behaviour above. -#}

{% macro kpi_member_segments(members, segments, extra_columns=[]) -%}
    select
        period_grain,
        period_start,
        period_end,
        'overall' as segment_type,
        'all' as segment_value,
        {%- for extra_column in extra_columns %}
        {{ extra_column }},
        {%- endfor %}
        measure,
        is_pending
    from {{ members }}
    {%- for segment_type, segment_expression in segments %}

    union all

    select
        period_grain,
        period_start,
        period_end,
        '{{ segment_type }}' as segment_type,
        cast({{ segment_expression }} as {{ dbt.type_string() }}) as segment_value,
        {%- for extra_column in extra_columns %}
        {{ extra_column }},
        {%- endfor %}
        measure,
        is_pending
    from {{ members }}
    where {{ segment_expression }} is not null
    {%- endfor %}
{%- endmacro %}

{% macro kpi_aggregate(member_segments, kpi_code, unit, scale=1, denominator_measure=none) -%}
    {%- if denominator_measure -%}
        {%- set denominator_sql = 'sum(' ~ denominator_measure ~ ')' -%}
        {%- set sample_sql = 'count(' ~ denominator_measure ~ ')' -%}
    {%- else -%}
        {%- set denominator_sql = 'count(measure)' -%}
        {%- set sample_sql = 'count(measure)' -%}
    {%- endif -%}
    select
        '{{ kpi_code }}' as kpi_code,
        period_grain,
        period_start,
        period_end,
        segment_type,
        segment_value,
        {{ scale }} * {{ safe_divide('sum(measure)', denominator_sql) }} as value,
        sum(measure) as numerator,
        {{ denominator_sql }} as denominator,
        {{ sample_sql }} as sample_size,
        sum(case when is_pending then 1 else 0 end) as pending_count,
        '{{ unit }}' as unit,
        cast(null as {{ dbt.type_numeric() }}) as secondary_value
    from {{ member_segments }}
    group by
        period_grain,
        period_start,
        period_end,
        segment_type,
        segment_value
{%- endmacro %}

{#- enrollment_rank_for_event(event_id, event_at, enrolled_at, enrollment_id)
    LMS facts that carry only a user id (gate attempts, confidence surveys)
    are attributed to one of the learner's enrollments. Joined event x
    enrollment rows of the same user are ranked; keep rank 1:
        1. the latest enrollment started at or before the event
           (ties: earliest enrollment_id);
        2. when the event precedes every enrollment (pre-work), the
           learner's earliest enrollment.
    Used by KPI 4 and KPI 7 so both attribute the same way. -#}
{% macro enrollment_rank_for_event(event_id, event_at, enrolled_at, enrollment_id) -%}
    row_number() over (
        partition by {{ event_id }}
        order by
            case when {{ enrolled_at }} <= {{ event_at }} then 0 else 1 end,
            case when {{ enrolled_at }} <= {{ event_at }} then {{ enrolled_at }} end desc nulls last,
            {{ enrolled_at }},
            {{ enrollment_id }}
    )
{%- endmacro %}
