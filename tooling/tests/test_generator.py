"""The sample-data generator (tooling/generator).

- the committed seeds/raw/ files are exactly what the generator writes;
- output does not depend on the run (hash seed, process) and is repeatable;
- --duckdb at scale 1 holds the CSV rows; scale 2 holds two shards with
  disjoint ids;
- every planted defect / edge case is present, every listed kind of mess
  exists, references resolve, nothing happens after the as-of date;
- the story still shows enablement paying off.
"""

import csv
import os
import re
import subprocess
import sys
from collections import Counter, defaultdict
from datetime import datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from generator import planted_defects
from generator.__main__ import main
from generator.schema import SYSTEMS, TABLES, table
from generator.world import build_story, generate_shard

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds" / "raw"
AS_OF_END = datetime(2026, 9, 30, 23, 59, 59)


def read_csv(folder: Path, t) -> list[dict]:
    with open(folder / t.system / f"{t.name}.csv", newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        assert next(reader) == list(t.columns), t.key
        return [dict(zip(t.columns, row)) for row in reader]


def as_db_rows(rows: list) -> list[tuple]:
    """Rows as DuckDB returns them ('' lands as NULL), in a canonical order."""
    return sorted((tuple(None if v == "" else v for v in r) for r in rows), key=repr)


def files_under(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="session")
def fresh(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("seeds")
    main(["--out", str(out), "--quiet"])
    return out


@pytest.fixture(scope="session")
def committed() -> dict:
    return {t.key: read_csv(SEEDS, t) for t in TABLES}


# --------------------------------------------------------------------------- #
# Determinism
# --------------------------------------------------------------------------- #
def test_committed_seeds_are_reproduced_byte_for_byte(fresh):
    expected = files_under(SEEDS)
    produced = files_under(fresh)
    assert sorted(produced) == sorted(expected), "file sets differ (regenerate with `make generate`)"
    changed = [name for name in expected if produced[name] != expected[name]]
    assert not changed, f"regenerated files differ from the committed ones: {changed}"


def test_every_system_has_a_properties_file_with_varchar_columns(fresh):
    for system in SYSTEMS:
        text = (fresh / system / f"_{system}__seeds.yml").read_text()
        assert text.startswith("version: 2\n")
        for t in (t for t in TABLES if t.system == system):
            assert f"  - name: {t.name}\n" in text
            assert f"      schema: raw_{system}\n" in text
            for c in t.columns:
                assert f"        {c}: varchar\n" in text, (t.key, c)


def test_a_second_run_in_another_process_is_identical(fresh, tmp_path):
    env = dict(os.environ, PYTHONPATH=str(REPO / "tooling"), PYTHONHASHSEED="12345")
    subprocess.run([sys.executable, "-m", "generator", "--out", str(tmp_path), "--quiet"],
                   check=True, cwd=REPO, env=env)
    assert files_under(tmp_path) == files_under(fresh)


def test_another_seed_gives_other_data():
    a = generate_shard(42)["salesforce.opportunity"]
    b = generate_shard(7)["salesforce.opportunity"]
    assert a != b


# --------------------------------------------------------------------------- #
# Scale modes
# --------------------------------------------------------------------------- #
def test_duckdb_at_scale_1_holds_the_csv_rows(committed, tmp_path):
    db = tmp_path / "raw.duckdb"
    main(["--duckdb", str(db), "--quiet"])
    con = duckdb.connect(str(db), read_only=True)
    for t in TABLES:
        got = con.execute(f'select * from "{t.schema}"."{t.name}"').fetchall()
        assert sorted(got, key=repr) == as_db_rows([list(r.values()) for r in committed[t.key]]), t.key
        types = con.execute("select distinct data_type from information_schema.columns "
                            f"where table_schema = '{t.schema}' and table_name = '{t.name}'").fetchall()
        assert types == [("VARCHAR",)], t.key


def test_scale_2_duckdb_has_two_shards_with_disjoint_ids(committed, tmp_path):
    db = tmp_path / "raw2.duckdb"
    main(["--scale", "2", "--duckdb", str(db), "--batch-rows", "20000", "--quiet"])
    shards = [generate_shard(42, s, 2) for s in (0, 1)]
    con = duckdb.connect(str(db), read_only=True)
    total_1 = sum(len(v) for v in committed.values())
    total_2 = 0
    for t in TABLES:
        got = con.execute(f'select * from "{t.schema}"."{t.name}"').fetchall()
        total_2 += len(got)
        assert sorted(got, key=repr) == as_db_rows(shards[0][t.key] + shards[1][t.key]), t.key
        pk = [t.columns.index(c) for c in t.pk]
        keys = [{tuple(r[i] for i in pk) for r in shard[t.key]} for shard in shards]
        assert not keys[0] & keys[1], f"{t.key}: ids repeat across shards"
        # Rows sharing a key are re-syncs: each has its own loader timestamp.
        loads = Counter(tuple(r[i] for i in pk) + (r[-1],) for r in got)
        assert max(loads.values()) == 1, t.key
        if shards[1][t.key]:
            assert 1.5 <= len(got) / len(committed[t.key]) <= 2.5, t.key
        else:
            assert len(got) == len(committed[t.key]), f"{t.key} exists once per company"
    assert 1.8 <= total_2 / total_1 <= 2.2


def test_parquet_sink_writes_every_table(committed, tmp_path):
    main(["--parquet", str(tmp_path), "--quiet"])
    con = duckdb.connect()
    for t in TABLES:
        n = con.execute(f"select count(*) from read_parquet('{tmp_path}/{t.schema}/{t.name}/*.parquet')").fetchone()[0]
        assert n == len(committed[t.key]), t.key


def test_scale_above_1_refuses_to_write_seeds():
    with pytest.raises(SystemExit):
        main(["--scale", "2", "--quiet"])


# --------------------------------------------------------------------------- #
# Planted defects, edge cases and mess
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize("planted", planted_defects.DEFECTS + planted_defects.EDGE_CASES, ids=lambda p: p.code)
def test_planted_row_is_present(committed, planted):
    t = table(f"{planted.system}.{planted.table}")
    rows = [r for r in committed[t.key] if r[t.pk[0]] == planted.pk]
    assert len(rows) == 1, f"{planted.code}: {len(rows)} rows with pk {planted.pk}"
    assert re.fullmatch(planted.pattern, rows[0][planted.column]), (planted.code, rows[0][planted.column])


def test_planted_rows_break_the_rule_they_document(committed):
    by_pk = {t.key: {r[t.pk[0]]: r for r in committed[t.key]} for t in TABLES}
    phase = by_pk["lms.phase_progress"]["PP0099901"]
    enrollment = by_pk["lms.enrollments"][phase["enrollment_id"]]
    assert parse_ts(phase["completed_at"]) < parse_ts(enrollment["enrolled_at"])
    on_time = by_pk["lms.phase_progress"]["PP0099902"]
    assert parse_ts(on_time["completed_at"]).date() == parse_ts(on_time["due_date"]).date()
    assert planted_defects.by_code("orphan_history").pattern not in by_pk["salesforce.opportunity"]
    assert "99999" not in by_pk["partner_portal.partners"]
    demo = by_pk["salesforce.event"]["00U8d0000000PzJEAU"]
    owner = by_pk["salesforce.user"][demo["owner_id"]]
    worker = next(w for w in committed["hris.workers"]
                  if w["work_email"].strip().lower() == owner["email"].strip().lower())
    starts = [parse_ts(h["effective_date"]) for h in committed["hris.job_history"]
              if h["worker_id"] == worker["worker_id"] and "Solutions Architect" in h["business_title"]]
    assert parse_ts(demo["start_date_time"]) < min(starts)
    edge = by_pk["salesforce.event"]["00U8d0000000PzKEAU"]
    assert parse_ts(edge["start_date_time"]).date().isoformat() == edge["activity_date"][:10]


@pytest.mark.parametrize("key", planted_defects.MESS[
    "duplicate re-synced rows (same pk, later loader timestamp; later row is current)"])
def test_resynced_duplicates_exist(committed, key):
    t = table(key)
    keys = Counter(tuple(r[c] for c in t.pk) for r in committed[key])
    assert any(n > 1 for n in keys.values()), key


@pytest.mark.parametrize("key", planted_defects.MESS["soft-deleted rows (flag true) among NULL / false flags"])
def test_soft_deletes_exist(committed, key):
    flag = "_fivetran_deleted" if "_fivetran_deleted" in table(key).columns else "is_deleted"
    values = Counter(r[flag].strip().lower() for r in committed[key])
    assert sum(values[v] for v in ("true", "t", "1")) >= 1, key
    assert values["false"] + values["f"] + values["0"] + values[""] > sum(values[v] for v in ("true", "t", "1"))


def test_mixed_formats_are_present(committed):
    def texts(key, col):
        return [r[col] for r in committed[key]]
    assert any(v.endswith("+02:00") for v in texts("lms.phase_progress", "completed_at"))
    assert any(v.endswith("-0500") for v in texts("partner_portal.deal_registrations", "registered_at"))
    assert any(re.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d", v) for v in texts("surveys.nps_responses", "submitted_at"))
    assert any(re.fullmatch(r"[\d -:]+\.\d{3}", v) for v in texts("salesforce.opportunity", "_fivetran_synced"))
    assert {"true", "TRUE", "1", "t"} <= set(texts("lms.assessment_attempts", "passed"))
    assert any(v != v.strip() for v in texts("hris.workers", "work_email"))
    assert any(v != v.lower() for v in texts("salesforce.user", "email"))
    assert any(len(v.strip()) < 6 for v in texts("hris.workers", "employee_number"))
    assert {"EUR", "GBP", "USD", ""} <= set(texts("salesforce.opportunity", "currency_iso_code"))
    assert {"VAR", "var", "ISV/MSP", "ISV-MSP", "Alliance"} == set(texts("partner_portal.partners", "partner_type"))


def test_history_has_amount_only_saves_and_regressions(committed):
    order = ["Prospecting", "Discovery", "Qualification", "Technical Validation", "Proposal", "Negotiation"]
    by_opp = defaultdict(list)
    for h in committed["salesforce.opportunity_history"]:
        by_opp[h["opportunity_id"]].append(h)
    repeats = regressions = 0
    for rows in by_opp.values():
        rows.sort(key=lambda h: (parse_ts(h["created_date"]), h["id"]))
        for a, b in zip(rows, rows[1:]):
            repeats += a["stage_name"] == b["stage_name"]
            if a["stage_name"] in order and b["stage_name"] in order:
                regressions += order.index(b["stage_name"]) < order.index(a["stage_name"])
    assert repeats > 1000 and regressions > 10


# --------------------------------------------------------------------------- #
# Integrity and calendar
# --------------------------------------------------------------------------- #
REFERENCES = [  # (table, column, target table, target column)
    ("salesforce.opportunity", "account_id", "salesforce.account", "id"),
    ("salesforce.opportunity", "owner_id", "salesforce.user", "id"),
    ("salesforce.opportunity", "sa_owner_c", "salesforce.user", "id"),
    ("salesforce.opportunity", "partner_account_c", "salesforce.account", "id"),
    ("salesforce.opportunity_history", "opportunity_id", "salesforce.opportunity", "id"),
    ("salesforce.event", "what_id", "salesforce.opportunity", "id"),
    ("salesforce.event", "owner_id", "salesforce.user", "id"),
    ("salesforce.event_relation", "event_id", "salesforce.event", "id"),
    ("salesforce.task", "what_id", "salesforce.opportunity", "id"),
    ("salesforce.user", "manager_id", "salesforce.user", "id"),
    ("partner_portal.deal_registrations", "crm_opportunity_id", "salesforce.opportunity", "id"),
    ("partner_portal.deal_registrations", "partner_id", "partner_portal.partners", "partner_id"),
    ("partner_portal.partners", "crm_account_id", "salesforce.account", "id"),
    ("partner_portal.partner_users", "partner_id", "partner_portal.partners", "partner_id"),
    ("lms.users", "partner_user_id", "partner_portal.partner_users", "partner_user_id"),
    ("lms.enrollments", "user_id", "lms.users", "user_id"),
    ("lms.phase_progress", "enrollment_id", "lms.enrollments", "enrollment_id"),
    ("lms.coaching_checkins", "manager_user_id", "lms.users", "user_id"),
    ("lms.coaching_checkins", "learner_user_id", "lms.users", "user_id"),
    ("lms.module_completions", "module_id", "lms.modules", "module_id"),
    ("product_marketing.content_deployments", "competitive_event_id", "product_marketing.competitive_events",
     "competitive_event_id"),
    ("product_marketing.case_studies", "partner_id", "partner_portal.partners", "partner_id"),
    ("hris.job_history", "worker_id", "hris.workers", "worker_id"),
]
PLANTED_ORPHANS = {planted_defects.by_code("orphan_history").pattern, "99999"}


@pytest.mark.parametrize("ref", REFERENCES, ids=lambda r: f"{r[0]}.{r[1]}")
def test_references_resolve(committed, ref):
    key, col, target, target_col = ref
    known = {r[target_col] for r in committed[target]}
    missing = {r[col] for r in committed[key] if r[col] and r[col] not in known} - PLANTED_ORPHANS
    assert not missing, f"{key}.{col}: {sorted(missing)[:5]}"


def test_employee_numbers_match_hris_after_normalising(committed):
    numbers = {r["employee_number"].strip().zfill(6) for r in committed["hris.workers"]}
    for key in ("lms.users", "salesforce.user", "finance.quotas"):
        unknown = [r["employee_number"] for r in committed[key]
                   if r["employee_number"].strip() and r["employee_number"].strip().zfill(6) not in numbers]
        assert not unknown, key


FUTURE_OK = {("lms.phase_progress", "due_date"), ("salesforce.opportunity", "close_date"),
             ("salesforce.opportunity_history", "close_date"), ("salesforce.task", "activity_date"),
             ("finance.partner_pipeline_plan", "plan_quarter_start"),
             ("salesforce.dated_conversion_rate", "next_start_date")}


def test_nothing_happens_after_the_as_of_date(committed):
    for t in TABLES:
        for col in t.columns:
            if (t.key, col) in FUTURE_OK or not re.search(r"(_at|date|date_time|_synced|_month)$", col):
                continue
            late = [r[col] for r in committed[t.key] if (v := parse_ts(r[col], strict=False)) and v > AS_OF_END]
            assert not late, f"{t.key}.{col}: {late[:3]}"


def test_opportunity_snapshot_matches_its_last_history_row(committed):
    latest = {}
    for o in committed["salesforce.opportunity"]:
        if o["id"] not in latest or parse_ts(o["_fivetran_synced"]) > parse_ts(latest[o["id"]]["_fivetran_synced"]):
            latest[o["id"]] = o
    last = {}
    for h in committed["salesforce.opportunity_history"]:
        k = (parse_ts(h["created_date"]), h["id"])
        if h["opportunity_id"] not in last or k > last[h["opportunity_id"]][0]:
            last[h["opportunity_id"]] = (k, h)
    for oid, o in latest.items():
        if oid in last:
            h = last[oid][1]
            assert (h["stage_name"], h["amount"]) == (o["stage_name"], o["amount"]), oid


def test_size_is_seedable(committed):
    total = sum(len(rows) for rows in committed.values())
    assert 40_000 <= total <= 80_000
    assert 2500 <= len({r["id"] for r in committed["salesforce.opportunity"]}) <= 3500


# --------------------------------------------------------------------------- #
# The story
# --------------------------------------------------------------------------- #
@pytest.fixture(scope="module")
def story():
    return build_story(42)


def test_enabled_sas_win_more_technical_evaluations(story):
    rates = defaultdict(lambda: [0, 0])
    for o in story.crm.opps:
        tv = o.reached("Technical Validation")
        if tv and o.sa and (o.reached("Proposal") or o.stage == "Closed Lost"):
            k = o.sa.enabled_by(tv)
            rates[k][0] += bool(o.reached("Proposal"))
            rates[k][1] += 1
    enabled, other = (rates[k][0] / rates[k][1] for k in (True, False))
    assert enabled > 0.6 and enabled - other >= 0.12


def test_enabled_aes_close_bigger_deals(story):
    sizes = defaultdict(list)
    for o in story.crm.opps:
        if o.won:
            sizes[o.owner.enabled_by(o.closed_at)].append(o.usd_amount)
    enabled, other = (sum(sizes[k]) / len(sizes[k]) for k in (True, False))
    assert enabled > 130_000 and enabled / other > 1.25


def test_enabled_sas_reach_their_first_solo_demo_sooner(story):
    weeks = defaultdict(list)
    for sa in story.roster.sas:
        demo = story.crm.solo_demos.get(sa.worker_id)
        if demo is not None:
            weeks[sa.enabled_by(demo.start)].append((demo.start.date() - sa.role_start).days / 7)
    enabled, other = (sum(weeks[k]) / len(weeks[k]) for k in (True, False))
    assert enabled < 9 and other - enabled > 2


def test_roster_shape(story):
    roles = Counter(p.role for p in story.roster.people)
    assert 50 <= roles["sa"] <= 65 and 60 <= roles["ae"] <= 75
    assert 5 <= sum(1 for p in story.roster.people if p.extras.get("transfer")) <= 8
    assert len(story.partners) == 80


# --------------------------------------------------------------------------- #
def parse_ts(text: str, strict: bool = True):
    """The raw shapes of docs/source_contracts.md, as a naive UTC datetime."""
    s = text.strip()
    if not s:
        return None
    m = re.fullmatch(r"(\d{4}-\d\d-\d\d)(?:[ T](\d\d:\d\d(?::\d\d)?)(?:\.\d+)?(Z|[+-]\d\d:?\d\d)?)?", s)
    if m:
        try:
            t = datetime.fromisoformat(f"{m.group(1)} {m.group(2) or '00:00'}")
        except ValueError:
            if strict:
                raise
            return None
        off = m.group(3)
        if off and off != "Z":
            sign = 1 if off[0] == "+" else -1
            t -= sign * timedelta(hours=int(off[1:3]), minutes=int(off[-2:]))
        return t
    m = re.fullmatch(r"(\d\d)/(\d\d)/(\d{4})(?: (\d\d):(\d\d))?", s)
    if m:
        return datetime(int(m.group(3)), int(m.group(1)), int(m.group(2)), int(m.group(4) or 0), int(m.group(5) or 0))
    if strict:
        raise ValueError(text)
    return None
