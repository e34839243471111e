"""Raw sample files -> clean, typed rows, in plain Python.

The rules follow docs/source_contracts.md and the staging contract in
DESIGN.md: per primary key keep the copy with the latest loader timestamp
(a clean copy beats a broken one landed at the same moment); drop it when
that copy is soft-deleted (a NULL flag is not deleted) or breaks a rule
(unparseable or out-of-range values, unknown codes, orphan ids). The rule
lists mirror the `dq_reason` lists of the base_ models; the code is written
from those lists, not from the SQL.

`load(repo)` returns a `Staged` object with one list of dicts per table.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from . import parsing as p

AS_OF = date(2026, 9, 30)
EARLIEST_DATE = date(2000, 1, 1)
LATEST_DATE = date(2027, 9, 30)  # as_of_date + 1 year
EARLIEST_AT = datetime(2000, 1, 1)
LATEST_AT = datetime(2027, 9, 30)

SKILLS = {
    "gpu_workload_matching", "competitive_objection_handling",
    "tco_model_defense", "discovery_question_quality",
}


def read_csv(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _date_out(value: date | None) -> bool:
    return value is not None and (value < EARLIEST_DATE or value > LATEST_DATE)


def _ts_out(value: datetime | None) -> bool:
    """A timestamp compared with the date bounds (midnight of each)."""
    return value is not None and (value < EARLIEST_AT or value > LATEST_AT)


def _ts_date_out(value: datetime | None) -> bool:
    """The UTC date of a timestamp compared with the date bounds."""
    return value is not None and _date_out(value.date())


def _first(checks) -> str | None:
    for bad, reason in checks:
        if bad:
            return reason
    return None


def keep_current(rows: list[dict]) -> list[dict]:
    """Rows carry _pk, _loaded_at, _deleted, _reason. Per key the latest
    loaded copy wins (unknown load time last; at equal time a clean copy
    first); it is kept only when not soft-deleted and clean."""
    groups: dict[str, list[dict]] = {}
    for row in rows:
        if row["_pk"] is None:
            continue
        groups.setdefault(row["_pk"], []).append(row)
    kept = []
    for copies in groups.values():
        copies.sort(key=lambda r: (
            r["_loaded_at"] is None,
            -(r["_loaded_at"] - datetime(1900, 1, 1)).total_seconds() if r["_loaded_at"] else 0,
            r["_reason"] is not None,
        ))
        current = copies[0]
        if len(copies) > 1:
            runner_up = copies[1]
            if (runner_up["_loaded_at"] == current["_loaded_at"]
                    and (runner_up["_reason"] is None) == (current["_reason"] is None)
                    and runner_up != current):
                raise ValueError(f"ambiguous current copy for key {current['_pk']!r}")
        if current["_deleted"] or current["_reason"] is not None:
            continue
        kept.append(current)
    return kept


def _sf_deleted(raw: dict) -> tuple[bool | None, bool | None]:
    return p.boolean(raw.get("is_deleted")), p.boolean(raw.get("_fivetran_deleted"))


def _sf_flag_checks(raw: dict):
    deleted, fivetran_deleted = _sf_deleted(raw)
    return [
        (p.failed(raw.get("is_deleted"), deleted), "unparseable is_deleted"),
        (p.failed(raw.get("_fivetran_deleted"), fivetran_deleted), "unparseable _fivetran_deleted"),
    ]


def _sf_is_deleted(raw: dict) -> bool:
    deleted, fivetran_deleted = _sf_deleted(raw)
    return bool(deleted) or bool(fivetran_deleted)


@dataclass
class Staged:
    workers: list = field(default_factory=list)
    job_history: list = field(default_factory=list)
    lms_users: list = field(default_factory=list)
    enrollments: list = field(default_factory=list)
    phase_progress: list = field(default_factory=list)
    modules: list = field(default_factory=list)
    module_topics: list = field(default_factory=list)
    module_revisions: list = field(default_factory=list)
    survey_responses: list = field(default_factory=list)
    assessment_attempts: list = field(default_factory=list)
    coaching_checkins: list = field(default_factory=list)
    sf_users: list = field(default_factory=list)
    accounts: list = field(default_factory=list)
    opportunities: list = field(default_factory=list)
    opportunity_history: list = field(default_factory=list)
    events: list = field(default_factory=list)
    event_relations: list = field(default_factory=list)
    tasks: list = field(default_factory=list)
    partners: list = field(default_factory=list)
    partner_users: list = field(default_factory=list)
    stage_certifications: list = field(default_factory=list)
    deal_registrations: list = field(default_factory=list)
    fx_rates: list = field(default_factory=list)
    quotas: list = field(default_factory=list)
    program_costs: list = field(default_factory=list)
    partner_arr: list = field(default_factory=list)
    pipeline_plan: list = field(default_factory=list)
    nps_responses: list = field(default_factory=list)
    competitive_events: list = field(default_factory=list)
    content_deployments: list = field(default_factory=list)
    product_launches: list = field(default_factory=list)
    case_studies: list = field(default_factory=list)
    # reference seeds
    role_track_by_title: dict = field(default_factory=dict)
    stage_map: dict = field(default_factory=dict)  # salesforce label -> (canonical, order, closed, won)


# --------------------------------------------------------------------- HRIS

def _title_lookup(seed_rows: list[dict]) -> dict[str, str]:
    """lower(trimmed title) -> the seed's spelling (the smallest one)."""
    lookup: dict[str, str] = {}
    for row in seed_rows:
        key = row["business_title"].strip().lower()
        if key not in lookup or row["business_title"] < lookup[key]:
            lookup[key] = row["business_title"]
    return lookup


def stage_workers(raw_rows, titles):
    out = []
    for raw in raw_rows:
        hire = p.date_utc(raw["hire_date"])
        term = p.date_utc(raw["termination_date"])
        raw_title = p.ident(raw["business_title"])
        title = titles.get(raw_title.lower()) if raw_title else None
        deleted = p.boolean(raw["is_deleted"])
        employee_number = p.ident(raw["employee_number"], 6)
        reason = _first([
            (employee_number is None, "missing employee_number"),
            (p.failed(raw["hire_date"], hire), "unparseable hire_date"),
            (hire is None, "missing hire_date"),
            (_date_out(hire), "hire_date out of range"),
            (p.failed(raw["termination_date"], term), "unparseable termination_date"),
            (_date_out(term), "termination_date out of range"),
            (term is not None and hire is not None and term < hire, "termination before hire"),
            (raw_title is None, "missing business_title"),
            (title is None, "unknown job title"),
            (p.failed(raw["is_deleted"], deleted), "unparseable is_deleted"),
        ])
        out.append({
            "worker_id": p.ident(raw["worker_id"]),
            "employee_number": employee_number,
            "work_email": p.email(raw["work_email"]),
            "business_title": title,
            "manager_worker_id": p.ident(raw["manager_worker_id"]),
            "hire_date": hire,
            "termination_date": term,
            "_pk": p.ident(raw["worker_id"]),
            "_loaded_at": p.timestamp_utc(raw["_loaded_at"]),
            "_deleted": bool(deleted),
            "_reason": reason,
        })
    return keep_current(out)


def stage_job_history(raw_rows, titles, kept_worker_ids):
    out = []
    for raw in raw_rows:
        worker_id = p.ident(raw["worker_id"])
        effective = p.date_utc(raw["effective_date"])
        raw_title = p.ident(raw["business_title"])
        title = titles.get(raw_title.lower()) if raw_title else None
        deleted = p.boolean(raw["is_deleted"])
        reason = _first([
            (worker_id is None, "missing worker_id"),
            (worker_id not in kept_worker_ids, "orphan worker_id"),
            (p.failed(raw["effective_date"], effective), "unparseable effective_date"),
            (effective is None, "missing effective_date"),
            (_date_out(effective), "effective_date out of range"),
            (raw_title is None, "missing business_title"),
            (title is None, "unknown job title"),
            (p.failed(raw["is_deleted"], deleted), "unparseable is_deleted"),
        ])
        out.append({
            "job_history_id": p.ident(raw["job_history_id"]),
            "worker_id": worker_id,
            "effective_date": effective,
            "business_title": title,
            "manager_worker_id": p.ident(raw["manager_worker_id"]),
            "_pk": p.ident(raw["job_history_id"]),
            "_loaded_at": p.timestamp_utc(raw["_loaded_at"]),
            "_deleted": bool(deleted),
            "_reason": reason,
        })
    return keep_current(out)


# ---------------------------------------------------------------------- LMS

_PROGRAMS = {"sa onboarding": "SA Onboarding", "ae onboarding": "AE Onboarding",
             "partner enablement": "Partner Enablement"}
_TRACKS = {"sa": "SA", "ae": "AE", "partner": "Partner"}
_MODULE_TRACKS = {"sa": "SA", "ae": "AE", "partner": "Partner", "all": "All"}
_PHASES = {"foundation": "Foundation", "practitioner": "Practitioner", "expert": "Expert"}


def _lower(raw):
    value = p.ident(raw)
    return value.lower() if value is not None else None


def stage_lms_users(raw_rows):
    out = []
    for raw in raw_rows:
        user_type = _lower(raw["user_type"])
        created = p.timestamp_utc(raw["created_at"])
        deleted = p.boolean(raw["is_deleted"])
        reason = _first([
            (user_type is None, "missing user_type"),
            (user_type not in ("employee", "partner"), "unknown user_type"),
            (p.failed(raw["created_at"], created), "unparseable created_at"),
            (_ts_date_out(created), "created_at out of range"),
            (p.failed(raw["is_deleted"], deleted), "unparseable is_deleted"),
        ])
        out.append({
            "user_id": p.ident(raw["user_id"]),
            "employee_number": p.ident(raw["employee_number"], 6),
            "partner_user_id": p.ident(raw["partner_user_id"]),
            "email": p.email(raw["email"]),
            "user_type": user_type,
            "_pk": p.ident(raw["user_id"]),
            "_loaded_at": p.timestamp_utc(raw["_loaded_at"]),
            "_deleted": bool(deleted),
            "_reason": reason,
        })
    return keep_current(out)


def stage_enrollments(raw_rows, kept_user_ids):
    out = []
    for raw in raw_rows:
        user_id = p.ident(raw["user_id"])
        raw_program = p.ident(raw["program"])
        program = _PROGRAMS.get(raw_program.lower()) if raw_program else None
        raw_track = p.ident(raw["role_track"])
        track = _TRACKS.get(raw_track.lower()) if raw_track else None
        enrolled = p.timestamp_utc(raw["enrolled_at"])
        deleted = p.boolean(raw["is_deleted"])
        reason = _first([
            (user_id is None, "missing user_id"),
            (user_id not in kept_user_ids, "orphan user_id"),
            (raw_program is not None and program is None, "unknown program"),
            (raw_track is None, "missing role_track"),
            (track is None, "unknown role_track"),
            (p.failed(raw["enrolled_at"], enrolled), "unparseable enrolled_at"),
            (enrolled is None, "missing enrolled_at"),
            (_ts_date_out(enrolled), "enrolled_at out of range"),
            (p.failed(raw["is_deleted"], deleted), "unparseable is_deleted"),
        ])
        out.append({
            "enrollment_id": p.ident(raw["enrollment_id"]),
            "user_id": user_id,
            "program": program,
            "role_track": track,
            "enrolled_at": enrolled,
            "_pk": p.ident(raw["enrollment_id"]),
            "_loaded_at": p.timestamp_utc(raw["_loaded_at"]),
            "_deleted": bool(deleted),
            "_reason": reason,
        })
    return keep_current(out)


def stage_phase_progress(raw_rows, enrolled_at_by_id):
    out = []
    for raw in raw_rows:
        enrollment_id = p.ident(raw["enrollment_id"])
        raw_phase = p.ident(raw["phase"])
        phase = _PHASES.get(raw_phase.lower()) if raw_phase else None
        due = p.date_utc(raw["due_date"])
        completed = p.timestamp_utc(raw["completed_at"])
        enrolled_at = enrolled_at_by_id.get(enrollment_id)
        reason = _first([
            (enrollment_id is None, "missing enrollment_id"),
            (enrollment_id not in enrolled_at_by_id, "orphan enrollment_id"),
            (raw_phase is None, "missing phase"),
            (phase is None, "unknown phase"),
            (p.failed(raw["due_date"], due), "unparseable due_date"),
            (due is None, "missing due_date"),
            (due is not None and due < EARLIEST_DATE, "due_date out of range"),
            (p.failed(raw["completed_at"], completed), "unparseable completed_at"),
            (_ts_date_out(completed), "completed_at out of range"),
            (completed is not None and enrolled_at is not None and completed < enrolled_at,
             "phase completed before enrollment"),
        ])
        out.append({
            "phase_progress_id": p.ident(raw["phase_progress_id"]),
            "enrollment_id": enrollment_id,
            "phase": phase,
            "due_date": due,
            "completed_at": completed,
            "_pk": p.ident(raw["phase_progress_id"]),
            "_loaded_at": p.timestamp_utc(raw["_loaded_at"]),
            "_deleted": False,
            "_reason": reason,
        })
    return keep_current(out)


def stage_modules(raw_rows):
    out = []
    for raw in raw_rows:
        raw_track = p.ident(raw["role_track"])
        track = _MODULE_TRACKS.get(raw_track.lower()) if raw_track else None
        raw_phase = p.ident(raw["phase"])
        phase = _PHASES.get(raw_phase.lower()) if raw_phase else None
        created = p.timestamp_utc(raw["created_at"])
        reason = _first([
            (raw_track is None, "missing role_track"),
            (track is None, "unknown role_track"),
            (raw_phase is not None and phase is None, "unknown phase"),
            (p.failed(raw["created_at"], created), "unparseable created_at"),
            (_ts_date_out(created), "created_at out of range"),
        ])
        out.append({
            "module_id": p.ident(raw["module_id"]),
            "role_track": track,
            "phase": phase,
            "created_at": created,
            "_pk": p.ident(raw["module_id"]),
            "_loaded_at": p.timestamp_utc(raw["_loaded_at"]),
            "_deleted": False,
            "_reason": reason,
        })
    return keep_current(out)


def stage_module_topics(raw_rows, kept_module_ids):
    out = []
    for raw in raw_rows:
        module_id = p.ident(raw["module_id"])
        topic = _lower(raw["topic"])
        out.append({
            "module_id": module_id,
            "topic": topic,
            "_pk": None if module_id is None or topic is None else f"{module_id}|{topic}",
            "_loaded_at": p.timestamp_utc(raw["_loaded_at"]),
            "_deleted": False,
            "_reason": None if module_id in kept_module_ids else "orphan module_id",
        })
    return keep_current(out)


def stage_module_revisions(raw_rows, kept_module_ids):
    out = []
    for raw in raw_rows:
        module_id = p.ident(raw["module_id"])
        revised = p.timestamp_utc(raw["revised_at"])
        reason = _first([
            (module_id is None, "missing module_id"),
            (module_id not in kept_module_ids, "orphan module_id"),
            (p.failed(raw["revised_at"], revised), "unparseable revised_at"),
            (revised is None, "missing revised_at"),
            (_ts_date_out(revised), "revised_at out of range"),
        ])
        out.append({
            "revision_id": p.ident(raw["revision_id"]),
            "module_id": module_id,
            "revised_at": revised,
            "_pk": p.ident(raw["revision_id"]),
            "_loaded_at": p.timestamp_utc(raw["_loaded_at"]),
            "_deleted": False,
            "_reason": reason,
        })
    return keep_current(out)


def stage_survey_responses(raw_rows, kept_user_ids, kept_module_ids):
    out = []
    for raw in raw_rows:
        user_id = p.ident(raw["user_id"])
        survey_type = _lower(raw["survey_type"])
        module_id = p.ident(raw["module_id"])
        skill = _lower(raw["skill"])
        score = p.number(raw["score"])
        submitted = p.timestamp_utc(raw["submitted_at"])
        confidence = survey_type in ("confidence_pre", "confidence_post")
        reason = _first([
            (user_id is None, "missing user_id"),
            (user_id not in kept_user_ids, "orphan user_id"),
            (survey_type is None, "missing survey_type"),
            (survey_type not in ("post_module", "confidence_pre", "confidence_post"),
             "unknown survey_type"),
            (survey_type == "post_module" and module_id is None, "missing module_id"),
            (module_id is not None and module_id not in kept_module_ids, "orphan module_id"),
            (confidence and skill is None, "missing skill"),
            (confidence and skill is not None and skill not in SKILLS, "unknown skill"),
            (p.failed(raw["score"], score), "unparseable score"),
            (score is not None and (score < 0 or score > 10), "score outside 0-10"),
            (p.failed(raw["submitted_at"], submitted), "unparseable submitted_at"),
            (submitted is None, "missing submitted_at"),
            (_ts_date_out(submitted), "submitted_at out of range"),
        ])
        out.append({
            "response_id": p.ident(raw["response_id"]),
            "user_id": user_id,
            "survey_type": survey_type,
            "module_id": module_id,
            "skill": skill,
            "score": score,
            "submitted_at": submitted,
            "_pk": p.ident(raw["response_id"]),
            "_loaded_at": p.timestamp_utc(raw["_loaded_at"]),
            "_deleted": False,
            "_reason": reason,
        })
    return keep_current(out)


_GATE = re.compile(r"(gate)?[ _-]*[1-3]")


def stage_assessment_attempts(raw_rows, kept_user_ids):
    out = []
    for raw in raw_rows:
        user_id = p.ident(raw["user_id"])
        gate_text = _lower(raw["gate"])
        gate = None
        if gate_text is not None and _GATE.fullmatch(gate_text):
            gate = int(re.sub(r"[^0-9]", "", gate_text))
        score = p.number(raw["score"])
        passed = p.boolean(raw["passed"])
        attempted = p.timestamp_utc(raw["attempted_at"])
        reason = _first([
            (user_id is None, "missing user_id"),
            (user_id not in kept_user_ids, "orphan user_id"),
            (gate_text is None, "missing gate"),
            (gate is None, "unknown gate"),
            (p.failed(raw["score"], score), "unparseable score"),
            (score is not None and (score < 0 or score > 100), "score outside 0-100"),
            (p.failed(raw["passed"], passed), "unparseable passed"),
            (passed is None, "missing passed"),
            (p.failed(raw["attempted_at"], attempted), "unparseable attempted_at"),
            (attempted is None, "missing attempted_at"),
            (_ts_date_out(attempted), "attempted_at out of range"),
        ])
        out.append({
            "attempt_id": p.ident(raw["attempt_id"]),
            "user_id": user_id,
            "gate_number": gate,
            "is_passed": passed,
            "attempted_at": attempted,
            "_pk": p.ident(raw["attempt_id"]),
            "_loaded_at": p.timestamp_utc(raw["_loaded_at"]),
            "_deleted": False,
            "_reason": reason,
        })
    return keep_current(out)


def stage_coaching_checkins(raw_rows, kept_user_ids):
    out = []
    for raw in raw_rows:
        manager = p.ident(raw["manager_user_id"])
        learner = p.ident(raw["learner_user_id"])
        at = p.timestamp_utc(raw["checkin_at"])
        deleted = p.boolean(raw["is_deleted"])
        reason = _first([
            (manager is None, "missing manager_user_id"),
            (manager not in kept_user_ids, "orphan manager_user_id"),
            (learner is None, "missing learner_user_id"),
            (learner not in kept_user_ids, "orphan learner_user_id"),
            (p.failed(raw["checkin_at"], at), "unparseable checkin_at"),
            (at is None, "missing checkin_at"),
            (_ts_date_out(at), "checkin_at out of range"),
            (p.failed(raw["is_deleted"], deleted), "unparseable is_deleted"),
        ])
        out.append({
            "checkin_id": p.ident(raw["checkin_id"]),
            "manager_user_id": manager,
            "learner_user_id": learner,
            "checkin_at": at,
            "_pk": p.ident(raw["checkin_id"]),
            "_loaded_at": p.timestamp_utc(raw["_loaded_at"]),
            "_deleted": bool(deleted),
            "_reason": reason,
        })
    return keep_current(out)


# --------------------------------------------------------------- Salesforce

def stage_sf_users(raw_rows):
    out = []
    for raw in raw_rows:
        user_id = p.ident(raw.get("id"))
        manager = p.ident(raw.get("manager_id"))
        active = p.boolean(raw.get("is_active"))
        reason = _first([
            (p.failed(raw.get("is_active"), active), "unparseable is_active"),
            (manager is not None and manager == user_id, "user is their own manager"),
            *_sf_flag_checks(raw),
        ])
        out.append({
            "user_id": user_id,
            "email": p.email(raw.get("email")),
            "employee_number": p.ident(raw.get("employee_number"), 6),
            "manager_user_id": manager,
            "_pk": user_id,
            "_loaded_at": p.timestamp_utc(raw.get("_fivetran_synced")),
            "_deleted": _sf_is_deleted(raw),
            "_reason": reason,
        })
    return keep_current(out)


def stage_accounts(raw_rows):
    out = []
    for raw in raw_rows:
        created = p.timestamp_utc(raw.get("created_date"))
        reason = _first([
            (p.failed(raw.get("created_date"), created), "unparseable created_date"),
            (_ts_out(created), "created_date out of range"),
            *_sf_flag_checks(raw),
        ])
        out.append({
            "account_id": p.ident(raw.get("id")),
            "account_type": p.ident(raw.get("type")),
            "_pk": p.ident(raw.get("id")),
            "_loaded_at": p.timestamp_utc(raw.get("_fivetran_synced")),
            "_deleted": _sf_is_deleted(raw),
            "_reason": reason,
        })
    return keep_current(out)


def _sf_stage(raw_label, stage_map):
    """The seed's label for a landed stage name (case and spaces ignored)."""
    if raw_label is None:
        return None
    matches = [label for label in stage_map if label.strip().lower() == raw_label.lower()]
    return min(matches) if matches else None


_CURRENCY = re.compile(r"[A-Z]{3}")


def stage_opportunities(raw_rows, stage_map, default_currency="USD"):
    out = []
    for raw in raw_rows:
        raw_stage = p.ident(raw.get("stage_name"))
        stage = _sf_stage(raw_stage, stage_map)
        amount = p.number(raw.get("amount"))
        currency = p.ident(raw.get("currency_iso_code"))
        currency = currency.upper() if currency is not None else default_currency
        created = p.timestamp_utc(raw.get("created_date"))
        close = p.date_utc(raw.get("close_date"))
        is_closed = p.boolean(raw.get("is_closed"))
        is_won = p.boolean(raw.get("is_won"))
        score = p.number(raw.get("qualification_score_c"))
        fit = p.boolean(raw.get("technical_fit_confirmed_c"))
        owner = p.ident(raw.get("owner_id"))
        reason = _first([
            (owner is None, "missing owner_id"),
            (p.failed(raw.get("created_date"), created), "unparseable created_date"),
            (created is None, "missing created_date"),
            (_ts_out(created), "created_date out of range"),
            (p.failed(raw.get("close_date"), close), "unparseable close_date"),
            (close is None, "missing close_date"),
            (close is not None and close < EARLIEST_DATE, "close_date out of range"),
            (raw_stage is None, "missing stage_name"),
            (stage is None, "unknown stage name"),
            (p.failed(raw.get("amount"), amount), "unparseable amount"),
            (amount is not None and amount < 0, "negative amount"),
            (not _CURRENCY.fullmatch(currency), "invalid currency_code"),
            (p.failed(raw.get("qualification_score_c"), score), "unparseable qualification_score"),
            (score is not None and (score < 0 or score > 100), "qualification_score outside 0-100"),
            (p.failed(raw.get("is_closed"), is_closed), "unparseable is_closed"),
            (p.failed(raw.get("is_won"), is_won), "unparseable is_won"),
            (is_won is True and is_closed is False, "won but not closed"),
            (p.failed(raw.get("technical_fit_confirmed_c"), fit), "unparseable technical fit flag"),
            *_sf_flag_checks(raw),
        ])
        out.append({
            "opportunity_id": p.ident(raw.get("id")),
            "account_id": p.ident(raw.get("account_id")),
            "owner_user_id": owner,
            "stage_name": stage,
            "amount": amount,
            "currency_code": currency,
            "created_at": created,
            "close_date": close,
            "lead_source": p.ident(raw.get("lead_source")),
            "sa_owner_user_id": p.ident(raw.get("sa_owner_c")),
            "competitor": p.ident(raw.get("primary_competitor_c")),
            "partner_account_id": p.ident(raw.get("partner_account_c")),
            "qualification_score": score,
            "is_technical_fit_confirmed": fit,
            "_pk": p.ident(raw.get("id")),
            "_loaded_at": p.timestamp_utc(raw.get("_fivetran_synced")),
            "_deleted": _sf_is_deleted(raw),
            "_reason": reason,
        })
    return keep_current(out)


def stage_opportunity_history(raw_rows, stage_map, kept_opportunity_ids):
    out = []
    for raw in raw_rows:
        opportunity_id = p.ident(raw.get("opportunity_id"))
        changed = p.timestamp_utc(raw.get("created_date"))
        raw_stage = p.ident(raw.get("stage_name"))
        stage = _sf_stage(raw_stage, stage_map)
        amount = p.number(raw.get("amount"))
        probability = p.number(raw.get("probability"))
        close = p.date_utc(raw.get("close_date"))
        expected = p.number(raw.get("expected_revenue"))
        reason = _first([
            (opportunity_id is None, "missing opportunity_id"),
            (p.failed(raw.get("created_date"), changed), "unparseable created_date"),
            (changed is None, "missing created_date"),
            (_ts_out(changed), "created_date out of range"),
            (raw_stage is None, "missing stage_name"),
            (stage is None, "unknown stage name"),
            (p.failed(raw.get("amount"), amount), "unparseable amount"),
            (amount is not None and amount < 0, "negative amount"),
            (p.failed(raw.get("probability"), probability), "unparseable probability"),
            (probability is not None and (probability < 0 or probability > 100),
             "probability outside 0-100"),
            (p.failed(raw.get("close_date"), close), "unparseable close_date"),
            (close is not None and close < EARLIEST_DATE, "close_date out of range"),
            (p.failed(raw.get("expected_revenue"), expected), "unparseable expected_revenue"),
            (expected is not None and expected < 0, "negative expected_revenue"),
            *_sf_flag_checks(raw),
            (opportunity_id not in kept_opportunity_ids, "orphan opportunity_id"),
        ])
        out.append({
            "opportunity_history_id": p.ident(raw.get("id")),
            "opportunity_id": opportunity_id,
            "changed_at": changed,
            "stage_name": stage,
            "_pk": p.ident(raw.get("id")),
            "_loaded_at": p.timestamp_utc(raw.get("_fivetran_synced")),
            "_deleted": _sf_is_deleted(raw),
            "_reason": reason,
        })
    return keep_current(out)


def stage_events(raw_rows):
    out = []
    for raw in raw_rows:
        owner = p.ident(raw.get("owner_id"))
        started = p.timestamp_utc(raw.get("start_date_time"))
        activity_date = p.date_utc(raw.get("activity_date"))
        created = p.timestamp_utc(raw.get("created_date"))
        reason = _first([
            (owner is None, "missing owner_id"),
            (p.failed(raw.get("start_date_time"), started), "unparseable start_date_time"),
            (started is None, "missing start_date_time"),
            (_ts_out(started), "start_date_time out of range"),
            (p.failed(raw.get("activity_date"), activity_date), "unparseable activity_date"),
            (_date_out(activity_date), "activity_date out of range"),
            (p.failed(raw.get("created_date"), created), "unparseable created_date"),
            (_ts_out(created), "created_date out of range"),
            *_sf_flag_checks(raw),
        ])
        out.append({
            "event_id": p.ident(raw.get("id")),
            "what_id": p.ident(raw.get("what_id")),
            "account_id": p.ident(raw.get("account_id")),
            "owner_user_id": owner,
            "event_type": p.ident(raw.get("type")),
            "started_at": started,
            "activity_date": activity_date,
            "created_at": created,
            "_pk": p.ident(raw.get("id")),
            "_loaded_at": p.timestamp_utc(raw.get("_fivetran_synced")),
            "_deleted": _sf_is_deleted(raw),
            "_reason": reason,
        })
    return keep_current(out)


def stage_event_relations(raw_rows, kept_event_ids):
    out = []
    for raw in raw_rows:
        event_id = p.ident(raw.get("event_id"))
        relation_id = p.ident(raw.get("relation_id"))
        invitee = p.boolean(raw.get("is_invitee"))
        reason = _first([
            (event_id is None, "missing event_id"),
            (relation_id is None, "missing relation_id"),
            (p.failed(raw.get("is_invitee"), invitee), "unparseable is_invitee"),
            *_sf_flag_checks(raw),
            (event_id not in kept_event_ids, "orphan event_id"),
        ])
        out.append({
            "event_relation_id": p.ident(raw.get("id")),
            "event_id": event_id,
            "relation_id": relation_id,
            "status": p.ident(raw.get("status")),
            "_pk": p.ident(raw.get("id")),
            "_loaded_at": p.timestamp_utc(raw.get("_fivetran_synced")),
            "_deleted": _sf_is_deleted(raw),
            "_reason": reason,
        })
    return keep_current(out)


def stage_tasks(raw_rows):
    out = []
    for raw in raw_rows:
        owner = p.ident(raw.get("owner_id"))
        activity_date = p.date_utc(raw.get("activity_date"))
        created = p.timestamp_utc(raw.get("created_date"))
        reason = _first([
            (owner is None, "missing owner_id"),
            (p.failed(raw.get("created_date"), created), "unparseable created_date"),
            (created is None, "missing created_date"),
            (_ts_out(created), "created_date out of range"),
            (p.failed(raw.get("activity_date"), activity_date), "unparseable activity_date"),
            (activity_date is not None and activity_date < EARLIEST_DATE, "activity_date out of range"),
            *_sf_flag_checks(raw),
        ])
        out.append({
            "task_id": p.ident(raw.get("id")),
            "what_id": p.ident(raw.get("what_id")),
            "account_id": p.ident(raw.get("account_id")),
            "owner_user_id": owner,
            "task_type": p.ident(raw.get("type")),
            "activity_date": activity_date,
            "created_at": created,
            "_pk": p.ident(raw.get("id")),
            "_loaded_at": p.timestamp_utc(raw.get("_fivetran_synced")),
            "_deleted": _sf_is_deleted(raw),
            "_reason": reason,
        })
    return keep_current(out)


# ----------------------------------------------------------- Partner portal

_PARTNER_TYPES = {"var": "VAR", "isvmsp": "ISV/MSP", "mspisv": "ISV/MSP", "alliance": "Alliance"}


def stage_partners(raw_rows):
    out = []
    for raw in raw_rows:
        raw_type = p.ident(raw["partner_type"])
        partner_type = _PARTNER_TYPES.get(re.sub(r"[^a-z]", "", raw_type.lower())) if raw_type else None
        status = _lower(raw["status"])
        activated = p.timestamp_utc(raw["activated_at"])
        deactivated = p.timestamp_utc(raw["deactivated_at"])
        deleted = p.boolean(raw["is_deleted"])
        reason = _first([
            (raw_type is None, "missing partner_type"),
            (partner_type is None, "unknown partner_type"),
            (status is None, "missing partner_status"),
            (status not in ("active", "inactive"), "unknown partner_status"),
            (p.failed(raw["activated_at"], activated), "unparseable activated_at"),
            (_ts_out(activated), "activated_at out of range"),
            (p.failed(raw["deactivated_at"], deactivated), "unparseable deactivated_at"),
            (_ts_out(deactivated), "deactivated_at out of range"),
            (deactivated is not None and activated is not None and deactivated < activated,
             "deactivated before activated"),
            (p.failed(raw["is_deleted"], deleted), "unparseable is_deleted"),
        ])
        out.append({
            "partner_id": p.ident(raw["partner_id"], 5),
            "partner_type": partner_type,
            "crm_account_id": p.ident(raw["crm_account_id"]),
            "activated_at": activated,
            "deactivated_at": deactivated,
            "_pk": p.ident(raw["partner_id"], 5),
            "_loaded_at": p.timestamp_utc(raw["_loaded_at"]),
            "_deleted": bool(deleted),
            "_reason": reason,
        })
    return keep_current(out)


def stage_partner_users(raw_rows, kept_partner_ids):
    out = []
    for raw in raw_rows:
        partner_id = p.ident(raw["partner_id"], 5)
        created = p.timestamp_utc(raw["created_at"])
        reason = _first([
            (partner_id is None, "missing partner_id"),
            (partner_id not in kept_partner_ids, "orphan partner_id"),
            (p.failed(raw["created_at"], created), "unparseable created_at"),
            (_ts_out(created), "created_at out of range"),
        ])
        out.append({
            "partner_user_id": p.ident(raw["partner_user_id"]),
            "partner_id": partner_id,
            "email": p.email(raw["email"]),
            "created_at": created,
            "_pk": p.ident(raw["partner_user_id"]),
            "_loaded_at": p.timestamp_utc(raw["_loaded_at"]),
            "_deleted": False,
            "_reason": reason,
        })
    return keep_current(out)


_STAGE_LABELS = {"onboarded": 1, "competent": 2, "gtmready": 3, "expert": 4}


def certification_stage(raw_stage: str | None) -> int | None:
    """'Stage 3 – GTM-Ready' -> 3, '2' -> 2; a label naming a different stage
    than the number is not trusted."""
    if raw_stage is None:
        return None
    digits = None
    if re.fullmatch(r"[^0-9]*[0-9]+[^0-9]*", raw_stage):
        digits = int(re.sub(r"[^0-9]", "", raw_stage))
    label = re.sub(r"^stage", "", re.sub(r"[^a-z]", "", raw_stage))
    if digits is not None and not 1 <= digits <= 4:
        return None
    if label == "":
        return digits
    if digits is None:
        return _STAGE_LABELS.get(label)
    return digits if _STAGE_LABELS.get(label) == digits else None


def stage_certifications(raw_rows, kept_partner_ids):
    out = []
    for raw in raw_rows:
        partner_id = p.ident(raw["partner_id"], 5)
        raw_stage = _lower(raw["stage"])
        stage = certification_stage(raw_stage)
        achieved = p.timestamp_utc(raw["achieved_at"])
        reason = _first([
            (partner_id is None, "missing partner_id"),
            (partner_id not in kept_partner_ids, "orphan partner_id"),
            (raw_stage is None, "missing stage"),
            (stage is None, "unknown stage"),
            (p.failed(raw["achieved_at"], achieved), "unparseable achieved_at"),
            (achieved is None, "missing achieved_at"),
            (_ts_out(achieved), "achieved_at out of range"),
        ])
        out.append({
            "certification_id": p.ident(raw["certification_id"]),
            "partner_id": partner_id,
            "stage_number": stage,
            "achieved_at": achieved,
            "_pk": p.ident(raw["certification_id"]),
            "_loaded_at": p.timestamp_utc(raw["_loaded_at"]),
            "_deleted": False,
            "_reason": reason,
        })
    return keep_current(out)


def stage_deal_registrations(raw_rows, kept_partner_ids):
    out = []
    for raw in raw_rows:
        partner_id = p.ident(raw["partner_id"], 5)
        registered = p.timestamp_utc(raw["registered_at"])
        raw_status = _lower(raw["status"])
        status = raw_status if raw_status in ("approved", "pending", "rejected") else None
        reason = _first([
            (partner_id is None, "missing partner_id"),
            (partner_id not in kept_partner_ids, "orphan partner_id"),
            (p.failed(raw["registered_at"], registered), "unparseable registered_at"),
            (registered is None, "missing registered_at"),
            (_ts_out(registered), "registered_at out of range"),
            (raw_status is None, "missing registration_status"),
            (status is None, "unknown registration_status"),
        ])
        out.append({
            "registration_id": p.ident(raw["registration_id"]),
            "partner_id": partner_id,
            "registered_at": registered,
            "opportunity_id": p.ident(raw["crm_opportunity_id"]),
            "registration_status": status,
            "_pk": p.ident(raw["registration_id"]),
            "_loaded_at": p.timestamp_utc(raw["_loaded_at"]),
            "_deleted": False,
            "_reason": reason,
        })
    return keep_current(out)


# ------------------------------------------------------------------ Finance

def _upper(raw):
    value = p.ident(raw)
    return value.upper() if value is not None else None


def stage_fx_rates(raw_rows):
    out = []
    for raw in raw_rows:
        currency = _upper(raw["currency"])
        rate_date = p.date_utc(raw["rate_date"])
        rate = p.number(raw["usd_per_unit"])
        date_key = rate_date.isoformat() if rate_date else p.ident(raw["rate_date"])
        reason = _first([
            (p.failed(raw["rate_date"], rate_date), "unparseable rate_date"),
            (rate_date is None, "missing rate_date"),
            (p.failed(raw["usd_per_unit"], rate), "unparseable usd_per_unit"),
            (rate is not None and rate <= 0, "non-positive usd_per_unit"),
        ])
        out.append({
            "currency_code": currency,
            "rate_date": rate_date,
            "usd_per_unit": rate,
            "_pk": None if currency is None or date_key is None else f"{currency}|{date_key}",
            "_loaded_at": p.timestamp_utc(raw["_loaded_at"]),
            "_deleted": False,
            "_reason": reason,
        })
    return keep_current(out)


def stage_quotas(raw_rows):
    out = []
    for raw in raw_rows:
        employee_number = p.ident(raw["employee_number"], 6)
        year = p.integer(raw["fiscal_year"])
        amount = p.number(raw["annual_quota_amount"])
        currency = _upper(raw["currency"])
        reason = _first([
            (employee_number is None, "missing employee_number"),
            (p.failed(raw["fiscal_year"], year), "unparseable fiscal_year"),
            (year is None, "missing fiscal_year"),
            (year is not None and not 2000 <= year <= LATEST_DATE.year, "fiscal_year out of range"),
            (p.failed(raw["annual_quota_amount"], amount), "unparseable annual_quota_amount"),
            (amount is None, "missing annual_quota_amount"),
            (amount is not None and amount < 0, "negative amount"),
            (currency is None, "missing currency_code"),
            (currency is not None and not _CURRENCY.fullmatch(currency), "unknown currency_code"),
        ])
        out.append({
            "quota_id": p.ident(raw["quota_id"]),
            "employee_number": employee_number,
            "fiscal_year": year,
            "annual_quota_amount": amount,
            "currency_code": currency,
            "_pk": p.ident(raw["quota_id"]),
            "_loaded_at": p.timestamp_utc(raw["_loaded_at"]),
            "_deleted": False,
            "_reason": reason,
        })
    return keep_current(out)


_COST_CATEGORIES = {"headcount", "lms_licenses", "content_development", "external_facilitators"}


def stage_program_costs(raw_rows):
    out = []
    for raw in raw_rows:
        month = p.date_utc(raw["cost_month"])
        category = _lower(raw["category"])
        amount = p.number(raw["amount"])
        currency = _upper(raw["currency"])
        reason = _first([
            (p.failed(raw["cost_month"], month), "unparseable cost_month"),
            (month is None, "missing cost_month"),
            (_date_out(month), "cost_month out of range"),
            (month is not None and month.day != 1, "cost_month not first of month"),
            (category is None, "missing category"),
            (category not in _COST_CATEGORIES, "unknown category"),
            (p.failed(raw["amount"], amount), "unparseable amount"),
            (amount is None, "missing amount"),
            (amount is not None and amount < 0, "negative amount"),
            (currency is None, "missing currency_code"),
            (currency is not None and not _CURRENCY.fullmatch(currency), "unknown currency_code"),
        ])
        out.append({
            "cost_id": p.ident(raw["cost_id"]),
            "cost_month": month,
            "amount": amount,
            "currency_code": currency,
            "_pk": p.ident(raw["cost_id"]),
            "_loaded_at": p.timestamp_utc(raw["_loaded_at"]),
            "_deleted": False,
            "_reason": reason,
        })
    return keep_current(out)


def stage_partner_arr(raw_rows, kept_partner_ids):
    out = []
    for raw in raw_rows:
        partner_id = p.ident(raw["partner_id"], 5)
        year = p.integer(raw["arr_year"])
        amount = p.number(raw["arr_amount_usd"])
        year_key = str(year) if year is not None else (p.ident(raw["arr_year"]) or "")
        reason = _first([
            (partner_id not in kept_partner_ids, "orphan partner_id"),
            (p.failed(raw["arr_year"], year), "unparseable arr_year"),
            (year is None, "missing arr_year"),
            (year is not None and not 2000 <= year <= LATEST_DATE.year, "arr_year out of range"),
            (p.failed(raw["arr_amount_usd"], amount), "unparseable arr_amount_usd"),
            (amount is None, "missing arr_amount_usd"),
            (amount is not None and amount < 0, "negative amount"),
        ])
        out.append({
            "partner_id": partner_id,
            "arr_year": year,
            "arr_amount_usd": amount,
            "_pk": None if partner_id is None else f"{partner_id}|{year_key}",
            "_loaded_at": p.timestamp_utc(raw["_loaded_at"]),
            "_deleted": False,
            "_reason": reason,
        })
    return keep_current(out)


def stage_pipeline_plan(raw_rows):
    out = []
    for raw in raw_rows:
        start = p.date_utc(raw["plan_quarter_start"])
        amount = p.number(raw["plan_amount_usd"])
        reason = _first([
            (p.failed(raw["plan_quarter_start"], start), "unparseable plan_quarter_start"),
            (start is not None and start < EARLIEST_DATE, "plan_quarter_start out of range"),
            (start is not None and (start.day != 1 or start.month not in (1, 4, 7, 10)),
             "plan_quarter_start not a quarter start"),
            (p.failed(raw["plan_amount_usd"], amount), "unparseable plan_amount_usd"),
            (amount is None, "missing plan_amount_usd"),
            (amount is not None and amount < 0, "negative amount"),
        ])
        out.append({
            "plan_quarter_start": start,
            "plan_amount_usd": amount,
            "_pk": start.isoformat() if start else p.ident(raw["plan_quarter_start"]),
            "_loaded_at": p.timestamp_utc(raw["_loaded_at"]),
            "_deleted": False,
            "_reason": reason,
        })
    return keep_current(out)


# ------------------------------------------------------------------ Surveys

def survey_quarter(raw_quarter: str | None) -> str | None:
    if raw_quarter is None:
        return None
    match = re.fullmatch(r"([0-9]{4})[ _-]*Q([1-4])", raw_quarter)
    if match:
        return f"{match.group(1)}-Q{match.group(2)}"
    match = re.fullmatch(r"Q([1-4])[ _-]*([0-9]{4})", raw_quarter)
    if match:
        return f"{match.group(2)}-Q{match.group(1)}"
    return None


def stage_nps_responses(raw_rows):
    out = []
    for raw in raw_rows:
        raw_quarter = _upper(raw["survey_quarter"])
        quarter = survey_quarter(raw_quarter)
        score = p.number(raw["score"])
        submitted = p.timestamp_utc(raw["submitted_at"])
        reason = _first([
            (raw_quarter is None, "missing survey_quarter"),
            (quarter is None, "unknown survey_quarter"),
            (p.failed(raw["score"], score), "unparseable score"),
            (score is not None and (score < 0 or score > 10), "score outside 0-10"),
            (score is not None and score != int(score), "score not a whole number"),
            (p.failed(raw["submitted_at"], submitted), "unparseable submitted_at"),
            (submitted is None, "missing submitted_at"),
            (_ts_out(submitted), "submitted_at out of range"),
        ])
        out.append({
            "response_id": p.ident(raw["response_id"]),
            "respondent_email": p.email(raw["respondent_email"]),
            "score": score,
            "submitted_at": submitted,
            "_pk": p.ident(raw["response_id"]),
            "_loaded_at": p.timestamp_utc(raw["_loaded_at"]),
            "_deleted": False,
            "_reason": reason,
        })
    return keep_current(out)


# -------------------------------------------------------- Product marketing

def stage_competitive_events(raw_rows):
    out = []
    for raw in raw_rows:
        raw_type = _lower(raw["event_type"])
        raw_type = re.sub(r"[ -]+", "_", raw_type) if raw_type is not None else None
        event_type = raw_type if raw_type in ("pricing_change", "product_announcement") else None
        announced = p.timestamp_utc(raw["announced_at"])
        reason = _first([
            (raw_type is None, "missing event_type"),
            (event_type is None, "unknown event_type"),
            (p.failed(raw["announced_at"], announced), "unparseable announced_at"),
            (announced is None, "missing announced_at"),
            (_ts_out(announced), "announced_at out of range"),
        ])
        out.append({
            "competitive_event_id": p.ident(raw["competitive_event_id"]),
            "event_type": event_type,
            "topic": _lower(raw["topic"]),
            "announced_at": announced,
            "_pk": p.ident(raw["competitive_event_id"]),
            "_loaded_at": p.timestamp_utc(raw["_loaded_at"]),
            "_deleted": False,
            "_reason": reason,
        })
    return keep_current(out)


def stage_content_deployments(raw_rows, announced_by_event):
    out = []
    for raw in raw_rows:
        event_id = p.ident(raw["competitive_event_id"])
        deployed = p.timestamp_utc(raw["deployed_at"])
        announced = announced_by_event.get(event_id)
        reason = _first([
            (event_id is None, "missing competitive_event_id"),
            (event_id not in announced_by_event, "orphan competitive_event_id"),
            (p.failed(raw["deployed_at"], deployed), "unparseable deployed_at"),
            (deployed is None, "missing deployed_at"),
            (_ts_out(deployed), "deployed_at out of range"),
            (deployed is not None and announced is not None and deployed < announced,
             "deployed before event announced"),
        ])
        out.append({
            "deployment_id": p.ident(raw["deployment_id"]),
            "competitive_event_id": event_id,
            "deployed_at": deployed,
            "_pk": p.ident(raw["deployment_id"]),
            "_loaded_at": p.timestamp_utc(raw["_loaded_at"]),
            "_deleted": False,
            "_reason": reason,
        })
    return keep_current(out)


def stage_product_launches(raw_rows):
    out = []
    for raw in raw_rows:
        launched = p.timestamp_utc(raw["launched_at"])
        reason = _first([
            (p.failed(raw["launched_at"], launched), "unparseable launched_at"),
            (launched is None, "missing launched_at"),
            (_ts_out(launched), "launched_at out of range"),
        ])
        out.append({
            "launch_id": p.ident(raw["launch_id"]),
            "topic": _lower(raw["topic"]),
            "launched_at": launched,
            "_pk": p.ident(raw["launch_id"]),
            "_loaded_at": p.timestamp_utc(raw["_loaded_at"]),
            "_deleted": False,
            "_reason": reason,
        })
    return keep_current(out)


def stage_case_studies(raw_rows, kept_partner_ids):
    out = []
    for raw in raw_rows:
        partner_id = p.ident(raw["partner_id"], 5)
        published = p.timestamp_utc(raw["published_at"])
        reason = _first([
            (partner_id is None, "missing partner_id"),
            (partner_id not in kept_partner_ids, "orphan partner_id"),
            (p.failed(raw["published_at"], published), "unparseable published_at"),
            (published is None, "missing published_at"),
            (_ts_out(published), "published_at out of range"),
        ])
        out.append({
            "case_study_id": p.ident(raw["case_study_id"]),
            "partner_id": partner_id,
            "topic": _lower(raw["topic"]),
            "published_at": published,
            "_pk": p.ident(raw["case_study_id"]),
            "_loaded_at": p.timestamp_utc(raw["_loaded_at"]),
            "_deleted": False,
            "_reason": reason,
        })
    return keep_current(out)


# --------------------------------------------------------------------- all

def load(repo: Path) -> Staged:
    raw_dir = repo / "seeds" / "raw"

    def raw(system, table):
        return read_csv(raw_dir / system / f"{table}.csv")

    s = Staged()
    titles = _title_lookup(read_csv(repo / "seeds" / "role_track_mapping.csv"))
    s.role_track_by_title = {
        row["business_title"]: row["role_track"]
        for row in read_csv(repo / "seeds" / "role_track_mapping.csv")
    }
    for row in read_csv(repo / "seeds" / "stage_mapping.csv"):
        if row["crm_system"] == "salesforce":
            s.stage_map[row["crm_stage_name"]] = (
                row["canonical_stage"], int(row["stage_order"]),
                row["is_closed"] == "true", row["is_won"] == "true",
            )

    s.workers = stage_workers(raw("hris", "workers"), titles)
    s.job_history = stage_job_history(
        raw("hris", "job_history"), titles, {w["worker_id"] for w in s.workers})

    s.lms_users = stage_lms_users(raw("lms", "users"))
    user_ids = {u["user_id"] for u in s.lms_users}
    s.enrollments = stage_enrollments(raw("lms", "enrollments"), user_ids)
    s.phase_progress = stage_phase_progress(
        raw("lms", "phase_progress"), {e["enrollment_id"]: e["enrolled_at"] for e in s.enrollments})
    s.modules = stage_modules(raw("lms", "modules"))
    module_ids = {m["module_id"] for m in s.modules}
    s.module_topics = stage_module_topics(raw("lms", "module_topics"), module_ids)
    s.module_revisions = stage_module_revisions(raw("lms", "module_revisions"), module_ids)
    s.survey_responses = stage_survey_responses(raw("lms", "survey_responses"), user_ids, module_ids)
    s.assessment_attempts = stage_assessment_attempts(raw("lms", "assessment_attempts"), user_ids)
    s.coaching_checkins = stage_coaching_checkins(raw("lms", "coaching_checkins"), user_ids)

    s.sf_users = stage_sf_users(raw("salesforce", "user"))
    s.accounts = stage_accounts(raw("salesforce", "account"))
    s.opportunities = stage_opportunities(raw("salesforce", "opportunity"), s.stage_map)
    s.opportunity_history = stage_opportunity_history(
        raw("salesforce", "opportunity_history"), s.stage_map,
        {o["opportunity_id"] for o in s.opportunities})
    s.events = stage_events(raw("salesforce", "event"))
    s.event_relations = stage_event_relations(
        raw("salesforce", "event_relation"), {e["event_id"] for e in s.events})
    s.tasks = stage_tasks(raw("salesforce", "task"))

    s.partners = stage_partners(raw("partner_portal", "partners"))
    partner_ids = {x["partner_id"] for x in s.partners}
    s.partner_users = stage_partner_users(raw("partner_portal", "partner_users"), partner_ids)
    s.stage_certifications = stage_certifications(
        raw("partner_portal", "stage_certifications"), partner_ids)
    s.deal_registrations = stage_deal_registrations(
        raw("partner_portal", "deal_registrations"), partner_ids)

    s.fx_rates = stage_fx_rates(raw("finance", "fx_rates"))
    s.quotas = stage_quotas(raw("finance", "quotas"))
    s.program_costs = stage_program_costs(raw("finance", "program_costs"))
    s.partner_arr = stage_partner_arr(raw("finance", "partner_arr"), partner_ids)
    s.pipeline_plan = stage_pipeline_plan(raw("finance", "partner_pipeline_plan"))

    s.nps_responses = stage_nps_responses(raw("surveys", "nps_responses"))

    s.competitive_events = stage_competitive_events(raw("product_marketing", "competitive_events"))
    s.content_deployments = stage_content_deployments(
        raw("product_marketing", "content_deployments"),
        {e["competitive_event_id"]: e["announced_at"] for e in s.competitive_events})
    s.product_launches = stage_product_launches(raw("product_marketing", "product_launches"))
    s.case_studies = stage_case_studies(raw("product_marketing", "case_studies"), partner_ids)
    return s
