with

base as (

    select * from {{ ref('base_lms__survey_responses') }}

),

final as (

    select
        response_id,
        user_id,
        survey_type,
        module_id,
        skill,
        score,
        submitted_at,
        _loaded_at

    from base
    where _row_status = 'kept'

)

select * from final
