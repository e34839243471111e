"""Rows planted on purpose in the sample data (shard 0 only).

``DEFECTS`` are bad rows staging must quarantine (or a join-level check must
reject); ``EDGE_CASES`` are valid but tricky rows a correct pipeline must get
right. The generator writes every row listed here with exactly this primary
key, and tests assert that each one is present with a value matching
``pattern`` in ``column``. Ids are literal on purpose: this file is the
documentation.

``MESS`` lists the kinds of (valid) mess and the tables that carry them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Planted:
    code: str
    system: str
    table: str
    pk: str
    column: str
    pattern: str  # regular expression the raw text in `column` fully matches
    reason: str


DEFECTS: list[Planted] = [
    Planted("unknown_title", "hris", "workers", "W00461", "business_title",
            r"Field Ninja \(Legacy\)", "unknown job title (not in role_track_mapping)"),
    Planted("hire_not_a_date", "hris", "workers", "W00462", "hire_date",
            r"not a date", "unparseable hire_date"),
    Planted("effective_feb_30", "hris", "job_history", "JH099901", "effective_date",
            r"2025-02-30", "unparseable effective_date (February 30th)"),
    Planted("phase_before_enrollment", "lms", "phase_progress", "PP0099901", "completed_at",
            r".+", "Foundation completed before the enrollment's enrolled_at"),
    Planted("module_score_negative", "lms", "survey_responses", "SR0099901", "score",
            r"-1", "post-module score outside 0-10"),
    Planted("nps_score_11", "surveys", "nps_responses", "R_M5r6VthUMfgZe9z", "score",
            r"11", "NPS score outside 0-10"),
    Planted("negative_amount", "salesforce", "opportunity", "0068d0000000PzJAAU", "amount",
            r"-45000", "negative opportunity amount (Closed Won)"),
    Planted("unknown_stage", "salesforce", "opportunity", "0068d0000000PzKAAU", "stage_name",
            r"Stalled - Legacy", "unknown stage name"),
    Planted("unknown_stage_history", "salesforce", "opportunity_history", "0088d0000000PzKAAU",
            "stage_name", r"Stalled - Legacy", "unknown stage name in history"),
    Planted("orphan_history", "salesforce", "opportunity_history", "0088d0000000PzJAAU",
            "opportunity_id", r"0068d0000000Q0tAAE", "history row for an opportunity that does not exist"),
    Planted("demo_before_role_start", "salesforce", "event", "00U8d0000000PzJEAU", "type",
            r"Demo", "demo owned by an SA ten days before their SA role start (internal transfer)"),
    Planted("registration_unknown_partner", "partner_portal", "deal_registrations", "DR099901",
            "partner_id", r"99999", "deal registration for a partner that does not exist"),
]

EDGE_CASES: list[Planted] = [
    Planted("phase_on_time_offset", "lms", "phase_progress", "PP0099902", "completed_at",
            r"\d{4}-\d\d-\d\dT00:\d\d:\d\d\+02:00",
            "Foundation completed 22:xx UTC on its due date; the +02:00 local text shows the next day"),
    Planted("demo_offset_midnight", "salesforce", "event", "00U8d0000000PzKEAU", "start_date_time",
            r"\d{4}-\d\d-\d\dT01:\d\d:\d\d\+02:00",
            "solo demo at 23:xx UTC written with +02:00 (local date is the next day; activity_date is the UTC date)"),
    Planted("registration_offset_midnight", "partner_portal", "deal_registrations", "DR099902",
            "registered_at", r"\d{4}-\d\d-\d\dT2[0-3]:\d\d:\d\d-0500",
            "registration at 0x:xx UTC written with -0500 (local date is the previous day)"),
    Planted("nps_offset_quarter_end", "surveys", "nps_responses", "R_yPZuOEmOmof2MDs", "submitted_at",
            r"2026-07-01T01:\d\d:\d\d\+02:00",
            "2026-Q2 response at 2026-06-30 23:xx UTC; the +02:00 text reads as July (Q3)"),
]

#: Valid mess, by kind -> tables that carry it (every listed table has >= 1 row).
MESS: dict[str, list[str]] = {
    "duplicate re-synced rows (same pk, later loader timestamp; later row is current)": [
        "hris.workers", "lms.enrollments", "lms.module_completions", "salesforce.opportunity",
        "salesforce.user", "salesforce.event", "partner_portal.deal_registrations",
        "finance.quotas", "surveys.nps_responses",
    ],
    "soft-deleted rows (flag true) among NULL / false flags": [
        "hris.workers", "lms.users", "lms.enrollments", "lms.coaching_checkins",
        "salesforce.opportunity", "salesforce.opportunity_history", "salesforce.user",
        "salesforce.user_role", "salesforce.account", "salesforce.event", "salesforce.task",
        "partner_portal.partners",
    ],
    "mixed-case / padded emails": ["hris.workers", "lms.users", "salesforce.user",
                                   "partner_portal.partner_users", "surveys.nps_responses"],
    "employee numbers without leading zeros or with spaces": ["hris.workers", "lms.users",
                                                               "salesforce.user", "finance.quotas"],
    "timestamps with +02:00 / -0500 offsets": ["lms.*", "partner_portal.*", "surveys.nps_responses",
                                              "product_marketing.*", "salesforce.event"],
    "booleans as true/TRUE/1/t": ["lms.assessment_attempts", "salesforce.*", "*.is_deleted"],
    "multi-currency amounts": ["salesforce.opportunity", "salesforce.opportunity_history",
                               "finance.quotas", "finance.program_costs"],
    "amount-only / close-date-only OpportunityHistory saves and stage regressions": [
        "salesforce.opportunity_history"],
}


def by_code(code: str) -> Planted:
    for p in DEFECTS + EDGE_CASES:
        if p.code == code:
            return p
    raise KeyError(code)
