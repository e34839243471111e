with

base as (

    select * from {{ ref('base_product_marketing__case_studies') }}

),

final as (

    select
        case_study_id,
        partner_id,
        title,
        topic,
        published_at,
        _loaded_at

    from base
    where _row_status = 'kept'

)

select * from final
