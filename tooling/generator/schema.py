"""Raw landing tables, exactly as docs/source_contracts.md names them.

Column order here is the column order of every CSV, DuckDB table and Parquet
file. The loader column (`_loaded_at`, or `_fivetran_synced` for Salesforce)
is always last.
"""

from __future__ import annotations

from dataclasses import dataclass

SYSTEMS = ["hris", "lms", "salesforce", "partner_portal", "finance", "surveys", "product_marketing"]


@dataclass(frozen=True)
class Table:
    system: str
    name: str
    columns: tuple[str, ...]
    pk: tuple[str, ...]
    description: str

    @property
    def key(self) -> str:
        return f"{self.system}.{self.name}"

    @property
    def schema(self) -> str:
        return f"raw_{self.system}"

    @property
    def loader_column(self) -> str:
        return self.columns[-1]

    def row(self, **values) -> list[str]:
        """A row in column order; every column must be given (use '' for NULL)."""
        if len(values) != len(self.columns):
            missing = set(self.columns) - set(values)
            extra = set(values) - set(self.columns)
            raise KeyError(f"{self.key}: missing {sorted(missing)} extra {sorted(extra)}")
        return [values[c] for c in self.columns]


def _t(system: str, name: str, columns: str, pk: str, description: str) -> Table:
    loader = "_fivetran_synced" if system == "salesforce" else "_loaded_at"
    cols = tuple(columns.split()) + (loader,)
    return Table(system, name, cols, tuple(pk.split()), description)


TABLES: list[Table] = [
    # HRIS ------------------------------------------------------------------
    _t("hris", "workers",
       "worker_id employee_number work_email first_name last_name business_title job_family "
       "department manager_worker_id hire_date termination_date location is_deleted",
       "worker_id", "HRIS workers, current state per worker (re-synced rows repeat a worker_id)."),
    _t("hris", "job_history",
       "job_history_id worker_id effective_date business_title job_family manager_worker_id is_deleted",
       "job_history_id", "HRIS effective-dated title / job family / manager history, one row per change."),
    # LMS -------------------------------------------------------------------
    _t("lms", "users",
       "user_id employee_number partner_user_id email user_type created_at is_deleted",
       "user_id", "LMS user accounts for employees (employee number) and partner learners (portal user id)."),
    _t("lms", "enrollments",
       "enrollment_id user_id program role_track enrolled_at is_deleted",
       "enrollment_id", "LMS program enrollments (SA Onboarding, AE Onboarding, Partner Enablement)."),
    _t("lms", "phase_progress",
       "phase_progress_id enrollment_id phase due_date completed_at",
       "phase_progress_id", "LMS phase due dates and completions (Foundation, Practitioner, Expert) per enrollment."),
    _t("lms", "modules",
       "module_id title role_track phase created_at",
       "module_id", "LMS module catalog with role track and program phase."),
    _t("lms", "module_topics",
       "module_id topic",
       "module_id topic", "LMS module topic tags (lower-case slugs)."),
    _t("lms", "module_revisions",
       "revision_id module_id revised_at change_summary",
       "revision_id", "LMS/CMS last-modified history of modules."),
    _t("lms", "module_completions",
       "completion_id user_id module_id completed_at",
       "completion_id", "LMS module completions per learner."),
    _t("lms", "assessment_attempts",
       "attempt_id user_id gate score passed attempted_at",
       "attempt_id", "LMS certification gate attempts (Gates 1-3); no attempt number in the export."),
    _t("lms", "survey_responses",
       "response_id user_id survey_type module_id skill score submitted_at",
       "response_id", "LMS post-module and pre/post confidence survey answers (0-10, blank = no answer)."),
    _t("lms", "coaching_checkins",
       "checkin_id manager_user_id learner_user_id checkin_at is_deleted",
       "checkin_id", "LMS weekly coaching check-ins logged by managers."),
    # Salesforce ------------------------------------------------------------
    _t("salesforce", "opportunity",
       "id account_id owner_id name stage_name amount currency_iso_code created_date close_date "
       "is_closed is_won type lead_source sa_owner_c primary_competitor_c partner_account_c "
       "qualification_score_c technical_fit_confirmed_c is_deleted",
       "id", "Salesforce Opportunity as Fivetran lands it (custom fields *_c)."),
    _t("salesforce", "opportunity_history",
       "id opportunity_id created_date stage_name amount probability close_date forecast_category "
       "expected_revenue is_deleted",
       "id", "Salesforce OpportunityHistory: one row per save of stage, amount, probability or close date."),
    _t("salesforce", "user",
       "id email name first_name last_name employee_number manager_id title user_role_id is_active "
       "_fivetran_deleted",
       "id", "Salesforce users (sellers, SAs, managers)."),
    _t("salesforce", "user_role",
       "id name developer_name parent_role_id _fivetran_deleted",
       "id", "Salesforce role hierarchy."),
    _t("salesforce", "account",
       "id name type industry owner_id created_date is_deleted",
       "id", "Salesforce accounts: customers, prospects and partner accounts."),
    _t("salesforce", "event",
       "id what_id account_id owner_id subject type start_date_time activity_date created_date is_deleted",
       "id", "Salesforce calendar events: discovery calls, demos, technical sessions, meetings."),
    _t("salesforce", "event_relation",
       "id event_id relation_id is_invitee status is_deleted",
       "id", "Salesforce event attendees (users 005..., contacts 003...)."),
    _t("salesforce", "task",
       "id what_id account_id owner_id subject type activity_date created_date status is_deleted",
       "id", "Salesforce tasks: calls, emails, SA touchpoints."),
    _t("salesforce", "dated_conversion_rate",
       "id iso_code conversion_rate start_date next_start_date",
       "id", "Salesforce advanced currency management rates (units per 1 USD)."),
    # Partner portal --------------------------------------------------------
    _t("partner_portal", "partners",
       "partner_id partner_name partner_type crm_account_id activated_at status deactivated_at is_deleted",
       "partner_id", "Partner portal partners with type and activation."),
    _t("partner_portal", "stage_certifications",
       "certification_id partner_id stage achieved_at",
       "certification_id", "Partner enablement stage certifications (Stage 1 Onboarded .. Stage 4 Expert)."),
    _t("partner_portal", "deal_registrations",
       "registration_id partner_id registered_at crm_opportunity_id status",
       "registration_id", "Partner deal registrations and their CRM opportunity."),
    _t("partner_portal", "partner_users",
       "partner_user_id partner_id email first_name last_name created_at",
       "partner_user_id", "Partner portal user accounts."),
    # Finance ---------------------------------------------------------------
    _t("finance", "quotas",
       "quota_id employee_number fiscal_year annual_quota_amount currency",
       "quota_id", "Annual quota per SA / AE and fiscal (calendar) year."),
    _t("finance", "program_costs",
       "cost_id cost_month category amount currency",
       "cost_id", "Enablement program spend by month and category."),
    _t("finance", "partner_arr",
       "partner_id arr_year arr_amount_usd",
       "partner_id arr_year", "Partner-influenced ARR per partner and year (current year as run-rate)."),
    _t("finance", "partner_pipeline_plan",
       "plan_quarter_start plan_amount_usd",
       "plan_quarter_start", "Planned partner-sourced pipeline per quarter."),
    _t("finance", "fx_rates",
       "rate_date currency usd_per_unit",
       "rate_date currency", "Corporate FX rates (USD per unit), monthly."),
    # Surveys ---------------------------------------------------------------
    _t("surveys", "nps_responses",
       "response_id respondent_email survey_quarter score submitted_at",
       "response_id", "Quarterly enablement NPS responses (blank score = no answer)."),
    # Product marketing -----------------------------------------------------
    _t("product_marketing", "competitive_events",
       "competitive_event_id competitor event_type topic announced_at",
       "competitive_event_id", "Competitor pricing changes and product announcements."),
    _t("product_marketing", "content_deployments",
       "deployment_id competitive_event_id module_id deployed_at",
       "deployment_id", "Competitive content deployed in response to a competitive event."),
    _t("product_marketing", "product_launches",
       "launch_id launch_name topic launched_at",
       "launch_id", "Product launches with a topic (content freshness triggers)."),
    _t("product_marketing", "case_studies",
       "case_study_id partner_id title topic published_at",
       "case_study_id", "Joint customer case studies published with partners."),
]

BY_KEY: dict[str, Table] = {t.key: t for t in TABLES}


def table(key: str) -> Table:
    return BY_KEY[key]
