{#- Every CRM user and every LMS user has a row in the identity map (matched
    to a person or kept as crm_only / lms_only): nobody is silently dropped.
    Returns the accounts that are missing. -#}

with

crm_users as (

    select
        'salesforce' as crm_system,
        user_id as account_id
    from {{ ref('stg_salesforce__user') }}

),

lms_users as (

    select user_id as account_id
    from {{ ref('stg_lms__users') }}

),

identity_map as (

    select * from {{ ref('int_identity_map') }}

),

missing_crm as (

    select
        'crm' as account_source,
        crm_users.account_id

    from crm_users
    left join identity_map
        on
            crm_users.crm_system = identity_map.crm_system
            and crm_users.account_id = identity_map.crm_user_id
    where identity_map.person_id is null

),

missing_lms as (

    select
        'lms' as account_source,
        lms_users.account_id

    from lms_users
    left join identity_map
        on lms_users.account_id = identity_map.lms_user_id
    where identity_map.person_id is null

),

final as (

    select * from missing_crm
    union all
    select * from missing_lms

)

select * from final
