with

base as (

    select * from {{ ref('base_surveys__nps_responses') }}

),

final as (

    select
        response_id,
        respondent_email,
        survey_quarter,
        score,
        submitted_at,
        _loaded_at

    from base
    where _row_status = 'kept'

)

select * from final
