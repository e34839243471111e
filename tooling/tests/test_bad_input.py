"""Bad input never becomes a wrong KPI.

One deliberately broken raw row per kind of defect is planted into a copy of
the sample warehouse's raw tables, all at once, using real ids from the
sample so that the planted defect is the only thing wrong with the row (an
SA's CRM user and role start for the demo, a real enrollment for the phase,
...). Then `dbt run` (no seed) rebuilds every model once, and each case
asserts:

- the build did not crash;
- the row is listed in audit.audit_quarantined_rows with the expected reason
  and layer (for the re-sync duplicate: counted in
  audit_row_reconciliation.duplicate_rows instead; for the offset timestamps:
  read to the right UTC instant in the stg_ view and NOT quarantined);
- marts.fct_kpi_values is identical, row for row, to the build without the
  broken rows (the offset rows are valid rows, so only their UTC date is
  checked).

A second build starts again from the clean sample, empties one table
(product_marketing.case_studies) and flags every row of another as deleted
(lms.coaching_checkins; surveys.nps_responses has no delete flag in its
contract), and asserts that the build survives, every table still
reconciles, the KPIs that read those tables return NULL / 0 values rather
than errors, and every other KPI is unchanged.

The clean build comes from conftest.sample_warehouse (shared with
test_privacy.py); this file adds two `dbt run`s.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import duckdb
import pytest

REPO = Path(__file__).resolve().parents[2]


# --------------------------------------------------------------- the cases
@dataclass
class Case:
    code: str
    source_table: str  # <system>.<table>
    expected_reason: str | None  # None: must NOT be quarantined
    detected_in: str = "staging"
    plant: Callable[[duckdb.DuckDBPyConnection], str] | None = None  # returns the planted pk
    # filled in when planted
    pk: str | None = None
    extra: dict = field(default_factory=dict)


def _one(con, sql, params=None):
    row = con.execute(sql, params or []).fetchone()
    assert row is not None, f"the sample has no row for: {sql}"
    return row


def _single_copy(raw_table: str, raw_key: str, staged_key: str) -> str:
    """SQL filter: the staged key landed exactly once in the raw table (no
    re-synced copies), so copying 'the' raw row is unambiguous."""
    return (
        f"{staged_key} in (select \"{raw_key}\" from {raw_table} "
        f"group by \"{raw_key}\" having count(*) = 1)"
    )


def _copy_row(con, raw_table: str, key_column: str, key_value: str, changes: dict) -> None:
    """Insert a copy of one raw row with some columns replaced (all raw columns
    are text). The key must have landed once, so the copy is the live row."""
    landed = con.execute(
        f'select count(*) from {raw_table} where "{key_column}" = ?', [key_value]
    ).fetchone()[0]
    assert landed == 1, f"{raw_table}.{key_column} = {key_value} landed {landed} times; pick a single-copy key"
    columns = [r[0] for r in con.execute(f"select * from {raw_table} limit 0").description]
    unknown = set(changes) - set(columns)
    assert not unknown, f"{raw_table} has no column(s) {unknown}"
    select_list = ", ".join(
        "?" if c in changes else f'"{c}"' for c in columns
    )
    params = [changes[c] for c in columns if c in changes]
    con.execute(
        f"insert into {raw_table} select {select_list} from {raw_table} where \"{key_column}\" = ? limit 1",
        [*params, key_value],
    )


def _pick(con, staged_relation: str, staged_key: str, raw_table: str, raw_key: str, where: str = "true"):
    """The first staged key (in key order) matching `where` that landed once."""
    return _one(con, f"""
        select {staged_key} from staging.{staged_relation}
        where ({where}) and {_single_copy(raw_table, raw_key, staged_key)}
        order by {staged_key} limit 1
    """)[0]


def _kept_opportunity(con) -> str:
    return _pick(con, "stg_salesforce__opportunity", "opportunity_id", "raw_salesforce.opportunity", "id",
                 "currency_code = 'USD' and amount > 0")


def plant_unparseable_date(con):
    attempt_id = _pick(con, "stg_lms__assessment_attempts", "attempt_id", "raw_lms.assessment_attempts", "attempt_id")
    _copy_row(con, "raw_lms.assessment_attempts", "attempt_id", attempt_id,
              {"attempt_id": "GA_BAD_0001", "attempted_at": "next tuesday 10am"})
    return "GA_BAD_0001"


def plant_impossible_date(con):
    task_id = _pick(con, "stg_salesforce__task", "task_id", "raw_salesforce.task", "id",
                    "lower(coalesce(task_type, '')) not like '%demo%'")
    _copy_row(con, "raw_salesforce.task", "id", task_id,
              {"id": "00TBADINPUT0000001", "activity_date": "2026-02-30"})
    return "00TBADINPUT0000001"


def _nps_response(con) -> str:
    return _pick(con, "stg_surveys__nps_responses", "response_id", "raw_surveys.nps_responses", "response_id",
                 "score is not null")


def plant_date_out_of_range(con):
    _copy_row(con, "raw_surveys.nps_responses", "response_id", _nps_response(con),
              {"response_id": "R_BAD_FUTURE_0001", "submitted_at": "2199-01-01T10:00:00Z"})
    return "R_BAD_FUTURE_0001"


def plant_nps_score_negative(con):
    _copy_row(con, "raw_surveys.nps_responses", "response_id", _nps_response(con),
              {"response_id": "R_BAD_SCORE_0001", "score": "-3"})
    return "R_BAD_SCORE_0001"


def _post_module_response(con) -> str:
    return _pick(con, "stg_lms__survey_responses", "response_id", "raw_lms.survey_responses", "response_id",
                 "survey_type = 'post_module' and score is not null")


def plant_module_score_11(con):
    _copy_row(con, "raw_lms.survey_responses", "response_id", _post_module_response(con),
              {"response_id": "SR_BAD_0001", "score": "11"})
    return "SR_BAD_0001"


def plant_orphan_user(con):
    # A post-module answer counts in KPI 6 whoever gave it: were the orphan
    # kept, the module score would move.
    _copy_row(con, "raw_lms.survey_responses", "response_id", _post_module_response(con),
              {"response_id": "SR_BAD_0002", "user_id": "U9999999", "score": "0"})
    return "SR_BAD_0002"


def plant_negative_amount(con):
    _copy_row(con, "raw_salesforce.opportunity", "id", _kept_opportunity(con),
              {"id": "006BADINPUT0000001", "amount": "-1200"})
    return "006BADINPUT0000001"


def plant_unknown_stage(con):
    _copy_row(con, "raw_salesforce.opportunity", "id", _kept_opportunity(con),
              {"id": "006BADINPUT0000002", "stage_name": "Parked - Legacy"})
    return "006BADINPUT0000002"


def plant_unknown_currency(con):
    _copy_row(con, "raw_salesforce.opportunity", "id", _kept_opportunity(con),
              {"id": "006BADINPUT0000003", "currency_iso_code": "XYZ"})
    return "006BADINPUT0000003"


def plant_unknown_job_title(con):
    worker_id = _pick(con, "stg_hris__workers", "worker_id", "raw_hris.workers", "worker_id")
    _copy_row(con, "raw_hris.workers", "worker_id", worker_id, {
        "worker_id": "W99901", "employee_number": "999901", "work_email": "bad.input.99901@example.com",
        "business_title": "Chief Vibes Officer",
    })
    return "W99901"


def plant_orphan_opportunity(con):
    registration_id = _pick(con, "stg_partner_portal__deal_registrations", "registration_id",
                            "raw_partner_portal.deal_registrations", "registration_id", "opportunity_id is not null")
    _copy_row(con, "raw_partner_portal.deal_registrations", "registration_id", registration_id,
              {"registration_id": "DR_BAD_0001", "crm_opportunity_id": "006DOESNOTEXIST001"})
    return "DR_BAD_0001"


def plant_demo_before_role_start(con):
    # An SA with a CRM user: a demo the day before their first field role start.
    owner, role_start = _one(con, """
        with starts as (
            select person_id, min(role_started_date) as first_start
            from intermediate.int_role_stints
            where role_track in ('SA', 'AE')
            group by person_id
        )
        select identity.crm_user_id, starts.first_start
        from intermediate.int_role_stints as stints
        inner join starts on stints.person_id = starts.person_id
        inner join intermediate.int_identity_map as identity on stints.person_id = identity.person_id
        where stints.role_track = 'SA' and identity.crm_user_id is not null
            and starts.first_start >= date '2024-06-01'
        order by starts.first_start, identity.crm_user_id
        limit 1
    """)
    event_id = _pick(con, "stg_salesforce__event", "event_id", "raw_salesforce.event", "id", "event_type = 'Demo'")
    day_before = role_start - dt.timedelta(days=1)
    _copy_row(con, "raw_salesforce.event", "id", event_id, {
        "id": "00UBADINPUT0000001", "owner_id": owner,
        "start_date_time": f"{day_before.isoformat()}T15:00:00Z",
        "activity_date": day_before.isoformat(),
        "created_date": f"{(day_before - dt.timedelta(days=3)).isoformat()} 09:00:00",
    })
    return "00UBADINPUT0000001"


def plant_phase_before_enrollment(con):
    # A real enrollment's Foundation row, completed three days before enrolment.
    phase_progress_id = _pick(
        con, "stg_lms__phase_progress", "phase_progress_id", "raw_lms.phase_progress", "phase_progress_id",
        "phase = 'Foundation' and enrollment_id in ("
        "select enrollment_id from staging.stg_lms__enrollments where enrolled_at >= timestamp '2025-01-01')",
    )
    enrolled_at = _one(con, """
        select enrollments.enrolled_at
        from staging.stg_lms__phase_progress as progress
        inner join staging.stg_lms__enrollments as enrollments
            on progress.enrollment_id = enrollments.enrollment_id
        where progress.phase_progress_id = ?
    """, [phase_progress_id])[0]
    completed = enrolled_at - dt.timedelta(days=3)
    _copy_row(con, "raw_lms.phase_progress", "phase_progress_id", phase_progress_id, {
        "phase_progress_id": "PP_BAD_0001",
        "completed_at": completed.strftime("%Y-%m-%d %H:%M:%S"),
    })
    return "PP_BAD_0001"


def plant_duplicate_resync(con):
    # The same attempt landed again a day later: identical content, newer
    # loader timestamp, so the new copy is current and the old one collapses.
    attempt_id = _pick(con, "stg_lms__assessment_attempts", "attempt_id", "raw_lms.assessment_attempts",
                       "attempt_id", "attempt_id != 'GA_BAD_0001'")
    loaded_at = _one(con, "select _loaded_at from staging.stg_lms__assessment_attempts where attempt_id = ?",
                     [attempt_id])[0]
    _copy_row(con, "raw_lms.assessment_attempts", "attempt_id", attempt_id,
              {"_loaded_at": (loaded_at + dt.timedelta(days=1)).strftime("%Y-%m-%d %H:%M:%S")})
    return attempt_id


def plant_missing_primary_key(con):
    # Two check-ins landed without an id: both quarantined, each listed once.
    checkin_id = _pick(con, "stg_lms__coaching_checkins", "checkin_id", "raw_lms.coaching_checkins", "checkin_id")
    _copy_row(con, "raw_lms.coaching_checkins", "checkin_id", checkin_id, {"checkin_id": ""})
    _copy_row(con, "raw_lms.coaching_checkins", "checkin_id", checkin_id, {"checkin_id": "  "})
    return None


def _plant_offset(pk: str, text: str):
    def plant(con):
        completion_id = _pick(con, "stg_lms__module_completions", "completion_id", "raw_lms.module_completions",
                              "completion_id")
        _copy_row(con, "raw_lms.module_completions", "completion_id", completion_id,
                  {"completion_id": pk, "completed_at": text})
        return pk
    return plant


CASES = [
    Case("unparseable_date", "lms.assessment_attempts", "unparseable attempted_at", plant=plant_unparseable_date),
    Case("impossible_date_feb_30", "salesforce.task", "unparseable activity_date", plant=plant_impossible_date),
    Case("date_out_of_range", "surveys.nps_responses", "submitted_at out of range", plant=plant_date_out_of_range),
    Case("module_score_11", "lms.survey_responses", "score outside 0-10", plant=plant_module_score_11),
    Case("nps_score_negative", "surveys.nps_responses", "score outside 0-10", plant=plant_nps_score_negative),
    Case("negative_amount", "salesforce.opportunity", "negative amount", plant=plant_negative_amount),
    Case("unknown_stage_name", "salesforce.opportunity", "unknown stage name", plant=plant_unknown_stage),
    Case("unknown_job_title", "hris.workers", "unknown job title", plant=plant_unknown_job_title),
    Case("orphan_user_id", "lms.survey_responses", "orphan user_id", plant=plant_orphan_user),
    Case("orphan_opportunity_id", "partner_portal.deal_registrations", "orphan opportunity_id", "intermediate",
         plant=plant_orphan_opportunity),
    Case("demo_before_role_start", "salesforce.event", "demo before role start", "intermediate",
         plant=plant_demo_before_role_start),
    Case("phase_before_enrollment", "lms.phase_progress", "phase completed before enrollment",
         plant=plant_phase_before_enrollment),
    Case("unknown_currency", "salesforce.opportunity", "no fx rate for currency", "intermediate",
         plant=plant_unknown_currency),
    Case("missing_primary_key", "lms.coaching_checkins", "missing primary key", plant=plant_missing_primary_key,
         extra={"rows": 2}),
    Case("duplicate_resync", "lms.assessment_attempts", None, plant=plant_duplicate_resync),
    # +02:00 at 01:30 local is 23:30 UTC the day before; -05:00 at 21:15 local
    # is 02:15 UTC the day after.
    Case("offset_plus_crosses_midnight", "lms.module_completions", None,
         plant=_plant_offset("MC_OFFSET_0001", "2026-03-01T01:30:00+02:00"),
         extra={"utc": dt.datetime(2026, 2, 28, 23, 30)}),
    Case("offset_minus_crosses_midnight", "lms.module_completions", None,
         plant=_plant_offset("MC_OFFSET_0002", "2026-02-28T21:15:00-0500"),
         extra={"utc": dt.datetime(2026, 3, 1, 2, 15)}),
]
OFFSET_CASES = {c.code for c in CASES if "utc" in c.extra}


# --------------------------------------------------------------- helpers
def _kpi_value_diff(baseline: Path, broken: Path, exclude_kpis=()) -> tuple[list, list]:
    """Rows only in the baseline, rows only in the broken build."""
    with duckdb.connect(str(broken), read_only=True) as con:
        con.execute(f"attach '{baseline}' as baseline (read_only)")
        where = ""
        if exclude_kpis:
            quoted = ", ".join(f"'{k}'" for k in exclude_kpis)
            where = f" where kpi_code not in ({quoted})"
        only_base = con.execute(
            f"select * from baseline.marts.fct_kpi_values{where} except all "
            f"select * from marts.fct_kpi_values{where}"
        ).fetchall()
        only_broken = con.execute(
            f"select * from marts.fct_kpi_values{where} except all "
            f"select * from baseline.marts.fct_kpi_values{where}"
        ).fetchall()
    return only_base, only_broken


def _reconciliation(path: Path) -> dict[str, dict]:
    with duckdb.connect(str(path), read_only=True) as con:
        cursor = con.execute("select * from audit.audit_row_reconciliation")
        names = [d[0] for d in cursor.description]
        return {row[0]: dict(zip(names, row)) for row in cursor.fetchall()}


def _assert_reconciles(path: Path) -> None:
    with duckdb.connect(str(path), read_only=True) as con:
        broken = con.execute("""
            select source_table from audit.audit_row_reconciliation
            where raw_rows != kept_rows + quarantined_rows + duplicate_rows + soft_deleted_rows
                or intermediate_quarantined_rows > kept_rows
        """).fetchall()
    assert not broken, f"tables that do not reconcile: {broken}"


# --------------------------------------------------------------- builds
@pytest.fixture(scope="module")
def broken_build(sample_warehouse, dbt_runner):
    work = dbt_runner.restore(sample_warehouse)
    with duckdb.connect(str(work)) as con:
        for case in CASES:
            case.pk = case.plant(con)
    result = dbt_runner.dbt("run", check=False)
    snapshot = dbt_runner.snapshot("broken") if result.returncode == 0 else None
    return {"result": result, "warehouse": snapshot, "baseline": sample_warehouse}


@pytest.fixture(scope="module")
def emptied_build(sample_warehouse, dbt_runner):
    work = dbt_runner.restore(sample_warehouse)
    with duckdb.connect(str(work)) as con:
        con.execute("delete from raw_product_marketing.case_studies")
        con.execute("update raw_lms.coaching_checkins set is_deleted = 'true'")
    result = dbt_runner.dbt(
        "run", "--select", "source:product_marketing.case_studies+", "source:lms.coaching_checkins+",
        check=False,
    )
    snapshot = dbt_runner.snapshot("emptied") if result.returncode == 0 else None
    return {"result": result, "warehouse": snapshot, "baseline": sample_warehouse}


def _built(build):
    result = build["result"]
    assert result.returncode == 0, f"dbt run crashed:\n{result.stdout[-8000:]}\n{result.stderr[-2000:]}"
    return build["warehouse"]


# --------------------------------------------------------------- single-row defects
def test_build_survives_every_defect_at_once(broken_build):
    _built(broken_build)


def test_every_table_still_reconciles(broken_build):
    _assert_reconciles(_built(broken_build))


@pytest.mark.parametrize("case", [c for c in CASES if c.expected_reason], ids=lambda c: c.code)
def test_row_is_quarantined_with_its_reason(broken_build, case):
    warehouse = _built(broken_build)
    if case.pk is None:
        _assert_keyless_rows_quarantined(broken_build["baseline"], warehouse, case)
        return
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute(
            "select dq_reason, detected_in, event_date from audit.audit_quarantined_rows "
            "where source_table = ? and source_pk = ?",
            [case.source_table, case.pk],
        ).fetchall()
    assert rows, f"{case.code}: {case.source_table} {case.pk} is not in audit_quarantined_rows"
    assert [(r[0], r[1]) for r in rows] == [(case.expected_reason, case.detected_in)], (
        f"{case.code}: expected ({case.expected_reason!r}, {case.detected_in}), got {rows}"
    )
    assert rows[0][2] is not None, f"{case.code}: no event_date to place the row in a KPI period"


def _assert_keyless_rows_quarantined(baseline: Path, warehouse: Path, case: Case) -> None:
    sql = (
        "select count(distinct quarantined_row_id) from audit.audit_quarantined_rows "
        "where source_table = ? and source_pk is null and dq_reason = ?"
    )
    counts = []
    for path in (baseline, warehouse):
        with duckdb.connect(str(path), read_only=True) as con:
            counts.append(con.execute(sql, [case.source_table, case.expected_reason]).fetchone()[0])
    assert counts[1] - counts[0] == case.extra["rows"], (
        f"{case.code}: expected {case.extra['rows']} more keyless rows listed, got {counts[0]} -> {counts[1]}"
    )


@pytest.mark.parametrize("case", [c for c in CASES if c.code not in OFFSET_CASES], ids=lambda c: c.code)
def test_kpi_values_are_unchanged(broken_build, case):
    warehouse = _built(broken_build)
    only_base, only_broken = _kpi_value_diff(broken_build["baseline"], warehouse)
    assert not only_base and not only_broken, (
        f"{case.code}: fct_kpi_values moved with broken input: "
        f"{len(only_base)} baseline rows lost, e.g. {only_base[:3]}; "
        f"{len(only_broken)} rows new, e.g. {only_broken[:3]}"
    )


def test_duplicate_resync_is_collapsed_and_counted(broken_build):
    warehouse = _built(broken_build)
    case = next(c for c in CASES if c.code == "duplicate_resync")
    before = _reconciliation(broken_build["baseline"])[case.source_table]
    after = _reconciliation(warehouse)[case.source_table]
    # The other case planted in this table is one quarantined row.
    planted_here = sum(1 for c in CASES if c.source_table == case.source_table)
    assert after["raw_rows"] == before["raw_rows"] + planted_here
    assert after["duplicate_rows"] == before["duplicate_rows"] + 1
    assert after["kept_rows"] == before["kept_rows"]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        staged = con.execute(
            "select count(*) from staging.stg_lms__assessment_attempts where attempt_id = ?", [case.pk]
        ).fetchone()[0]
        quarantined = con.execute(
            "select count(*) from audit.audit_quarantined_rows where source_table = ? and source_pk = ?",
            [case.source_table, case.pk],
        ).fetchone()[0]
    assert staged == 1, "the re-synced key must stay exactly once in staging"
    assert quarantined == 0, "a re-sync duplicate is collapsed, not quarantined"


@pytest.mark.parametrize("case", [c for c in CASES if c.code in OFFSET_CASES], ids=lambda c: c.code)
def test_offset_timestamp_lands_on_its_utc_date(broken_build, case):
    warehouse = _built(broken_build)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        staged = con.execute(
            "select completed_at, cast(completed_at as date) from staging.stg_lms__module_completions "
            "where completion_id = ?",
            [case.pk],
        ).fetchall()
        quarantined = con.execute(
            "select count(*) from audit.audit_quarantined_rows where source_table = ? and source_pk = ?",
            [case.source_table, case.pk],
        ).fetchone()[0]
        event_date = con.execute(
            "select _event_date from staging.base_lms__module_completions where _source_pk = ?", [case.pk]
        ).fetchone()[0]
    assert quarantined == 0, f"{case.code}: a valid offset timestamp was quarantined"
    assert staged == [(case.extra["utc"], case.extra["utc"].date())], (
        f"{case.code}: expected {case.extra['utc']} UTC, staged {staged}"
    )
    assert event_date == case.extra["utc"].date()


SHARE_TEST = "audit_row_reconciliation_quarantined_share_within_limits"


@pytest.mark.parametrize(
    "warn_share, error_share, expected",
    [(0, 1, "warn"), (0, 0, "fail")],
    ids=["above_warn_share_warns", "above_error_share_fails"],
)
def test_growing_quarantine_is_graded_by_the_vars(broken_build, dbt_runner, warn_share, error_share, expected):
    """The quarantine-share test warns above quarantine_warn_share and fails
    above quarantine_error_share (several tables hold quarantined rows here)."""
    dbt_runner.restore(_built(broken_build))
    result = dbt_runner.dbt(
        "test", "--select", SHARE_TEST,
        "--vars", f"{{quarantine_warn_share: {warn_share}, quarantine_error_share: {error_share}}}",
        check=False,
    )
    results = json.loads((dbt_runner.root / "target" / "run_results.json").read_text())["results"]
    statuses = {r["unique_id"].split(".")[2]: r["status"] for r in results if r["unique_id"].startswith("test.")}
    assert statuses == {SHARE_TEST: expected}, f"{statuses}\n{result.stdout[-3000:]}"
    assert (result.returncode != 0) == (expected == "fail")


# --------------------------------------------------------------- empty / all soft-deleted tables
EMPTIED = "product_marketing.case_studies"
ALL_DELETED = "lms.coaching_checkins"


def _kpis_reading(tables: set[str]) -> set[str]:
    import csv

    with open(REPO / "seeds" / "kpi_input_tables.csv", newline="") as handle:
        return {row["kpi_code"] for row in csv.DictReader(handle) if row["source_table"] in tables}


def test_build_survives_empty_and_all_deleted_tables(emptied_build):
    _built(emptied_build)


def test_empty_and_all_deleted_tables_reconcile(emptied_build):
    warehouse = _built(emptied_build)
    _assert_reconciles(warehouse)
    counts = _reconciliation(warehouse)
    empty = counts[EMPTIED]
    assert (empty["raw_rows"], empty["kept_rows"], empty["quarantined_rows"]) == (0, 0, 0)
    assert empty["quarantined_share"] is None
    deleted = counts[ALL_DELETED]
    assert deleted["raw_rows"] > 0
    assert deleted["kept_rows"] == 0
    assert deleted["soft_deleted_rows"] + deleted["duplicate_rows"] + deleted["quarantined_rows"] == deleted["raw_rows"]


@pytest.mark.parametrize("kpi_code", ["joint_case_studies", "coaching_completion_rate"])
def test_kpi_of_a_lost_table_is_null_or_zero(emptied_build, kpi_code):
    warehouse = _built(emptied_build)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        values = con.execute(
            "select distinct value from marts.fct_kpi_values where kpi_code = ?", [kpi_code]
        ).fetchall()
    assert {v for (v,) in values} <= {None, 0}, f"{kpi_code} still reports values {values[:5]}"


def test_other_kpis_are_untouched_by_the_lost_tables(emptied_build):
    warehouse = _built(emptied_build)
    affected = _kpis_reading({EMPTIED, ALL_DELETED})
    assert {"joint_case_studies", "coaching_completion_rate"} <= affected
    only_base, only_broken = _kpi_value_diff(emptied_build["baseline"], warehouse, exclude_kpis=affected)
    assert not only_base and not only_broken, (
        f"KPIs that do not read {EMPTIED} / {ALL_DELETED} (per seeds/kpi_input_tables.csv) moved: "
        f"{only_base[:3]} / {only_broken[:3]}"
    )
