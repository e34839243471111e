"""Statuses are driven by data: changing one bound in seeds/kpi_thresholds.csv
changes the affected statuses, with no SQL edit, and nothing else.

Builds a copy of the project on a throw-away DuckDB file, moves one
green_bound so that at least one judged row must change colour, rebuilds
`kpi_thresholds+` and compares fct_kpi_status before and after against the
rule documented on the seed (higher_is_better: green >= green_bound, yellow
>= yellow_bound; lower_is_better: green <= green_bound, yellow <=
yellow_bound).
"""

import csv
import decimal
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

REPO = Path(__file__).resolve().parents[2]
DBT = str(Path(sys.executable).with_name("dbt"))
COPY_IGNORE = shutil.ignore_patterns(
    ".venv", ".git", "target", "logs", "dbt_packages", "*.duckdb", "*.duckdb.wal",
    "__pycache__", ".pytest_cache", ".pgdata", "bench",
)
# KPIs tried first for the bound change: plain level bands, no compound
# condition and no segment restriction, so the expected effect is exact.
PREFERRED = [
    "sa_ramp_time", "gate_first_attempt_pass_rate", "phase_completion_on_time_rate",
    "module_score", "coaching_completion_rate", "program_adoption_rate",
    "ae_time_to_first_qualified_opp", "partner_time_to_first_deal_registration",
]
STATUS_SQL = """
    select
        kpi_code, period_grain, cast(period_start as varchar) as period_start,
        segment_type, segment_value, value, status, target, threshold_id,
        direction, green_bound, yellow_bound, secondary_condition,
        applies_to_segment_type
    from marts.fct_kpi_status
"""
KEY = ("kpi_code", "period_grain", "period_start", "segment_type", "segment_value")
STEP = decimal.Decimal("0.000001")  # the seed's numeric(28,6) resolution


def _dbt(project, env, *args):
    result = subprocess.run(
        [DBT, *args, "--profiles-dir", ".", "--project-dir", ".", "--target", "duckdb"],
        cwd=project, env=env, capture_output=True, text=True,
    )
    assert result.returncode == 0, (
        f"dbt {' '.join(args)} failed:\n{result.stdout[-6000:]}\n{result.stderr[-2000:]}"
    )


def _statuses(warehouse):
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        cursor = connection.execute(STATUS_SQL)
        names = [column[0] for column in cursor.description]
        rows = [dict(zip(names, record)) for record in cursor.fetchall()]
    return {tuple(row[k] for k in KEY): row for row in rows}


def _sql_fingerprint(project):
    digest = hashlib.sha256()
    for folder in ("models", "macros", "tests", "analyses", "snapshots"):
        for path in sorted((project / folder).rglob("*")):
            if path.is_file():
                digest.update(str(path.relative_to(project)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def _level_status(direction, value, green_bound, yellow_bound):
    if direction == "higher_is_better":
        if value >= green_bound:
            return "green"
        return "yellow" if value >= yellow_bound else "red"
    if value <= green_bound:
        return "green"
    return "yellow" if value <= yellow_bound else "red"


def _choose_change(before):
    """(kpi_code, threshold_id, new green_bound, the row it must flip)."""
    judged = [
        row for row in before.values()
        if row["status"] in ("green", "yellow")
        and row["value"] is not None
        and row["direction"] in ("higher_is_better", "lower_is_better")
        and row["secondary_condition"] is None
        and row["applies_to_segment_type"] is None
    ]
    order = {code: i for i, code in enumerate(PREFERRED)}
    judged.sort(key=lambda r: (order.get(r["kpi_code"], len(order)), r["kpi_code"], r["status"] != "green"))
    for row in judged:
        value = decimal.Decimal(row["value"])
        higher = row["direction"] == "higher_is_better"
        if row["status"] == "green":
            # Move Green's edge just past this value: it must drop to yellow.
            new_green = value + STEP if higher else value - STEP
        else:
            # Move Green's edge onto this yellow value: it must become green.
            new_green = value
        # Keep the seed's own ordering rule (green beyond yellow).
        yellow = decimal.Decimal(row["yellow_bound"])
        if (higher and new_green >= yellow) or (not higher and new_green <= yellow):
            return row["kpi_code"], row["threshold_id"], new_green, row
    pytest.fail(
        "no green or yellow row of a plain level-band KPI in fct_kpi_status: "
        "the sample warehouse should judge at least one"
    )


def _rewrite_bound(seed_path, threshold_id, new_green):
    with seed_path.open(newline="") as handle:
        reader = csv.DictReader(handle)
        fields = reader.fieldnames
        rows = list(reader)
    hits = [row for row in rows if row["threshold_id"] == threshold_id]
    assert len(hits) == 1, f"threshold {threshold_id} not found exactly once in {seed_path}"
    hits[0]["green_bound"] = format(new_green.normalize(), "f")
    with seed_path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory):
    root = tmp_path_factory.mktemp("thresholds_drive_status")
    project = root / "project"
    shutil.copytree(REPO, project, ignore=COPY_IGNORE)
    warehouse = root / "warehouse.duckdb"
    env = dict(
        os.environ,
        WAREHOUSE_PATH=str(warehouse),
        DBT_TARGET="duckdb",
        DBT_SEND_ANONYMOUS_USAGE_STATS="false",
    )
    env.pop("DBT_TARGET_PATH", None)

    _dbt(project, env, "seed", "--full-refresh")
    _dbt(project, env, "run", "--select", "+rpt_kpi_scorecard_latest")
    before = _statuses(warehouse)
    sql_before = _sql_fingerprint(project)

    kpi_code, threshold_id, new_green, flipped = _choose_change(before)
    _rewrite_bound(project / "seeds" / "kpi_thresholds.csv", threshold_id, new_green)
    _dbt(project, env, "build", "--select", "kpi_thresholds+")
    after = _statuses(warehouse)

    return {
        "before": before,
        "after": after,
        "kpi_code": kpi_code,
        "new_green": new_green,
        "flipped": flipped,
        "sql_unchanged": sql_before == _sql_fingerprint(project),
    }


def test_no_sql_was_edited(rebuilt):
    assert rebuilt["sql_unchanged"]


def test_same_rows_before_and_after(rebuilt):
    assert set(rebuilt["before"]) == set(rebuilt["after"])


def test_the_chosen_row_changed_colour(rebuilt):
    row = rebuilt["flipped"]
    key = tuple(row[k] for k in KEY)
    expected = "yellow" if row["status"] == "green" else "green"
    assert rebuilt["after"][key]["status"] == expected, (
        f"{key}: value {row['value']} was {row['status']}; with green_bound "
        f"{rebuilt['new_green']} it should be {expected}"
    )


def test_every_row_of_the_changed_kpi_follows_the_new_bound(rebuilt):
    new_green = rebuilt["new_green"]
    changed = 0
    for key, before in rebuilt["before"].items():
        if before["kpi_code"] != rebuilt["kpi_code"]:
            continue
        after = rebuilt["after"][key]
        if before["status"] not in ("green", "yellow", "red") or before["threshold_id"] != rebuilt["flipped"]["threshold_id"]:
            assert after["status"] == before["status"], key
            continue
        expected = _level_status(
            before["direction"], decimal.Decimal(before["value"]), new_green, decimal.Decimal(before["yellow_bound"]),
        )
        assert after["status"] == expected, (key, before["value"], before["status"], after["status"], expected)
        assert decimal.Decimal(after["green_bound"]) == new_green
        changed += after["status"] != before["status"]
    assert changed >= 1


def test_target_text_follows_the_bound(rebuilt):
    row = rebuilt["flipped"]
    key = tuple(row[k] for k in KEY)
    assert rebuilt["after"][key]["target"] != row["target"]
    assert format(rebuilt["new_green"].normalize(), "f") in rebuilt["after"][key]["target"]


def test_other_kpis_are_untouched(rebuilt):
    moved = [
        key for key, before in rebuilt["before"].items()
        if before["kpi_code"] != rebuilt["kpi_code"] and rebuilt["after"][key] != before
    ]
    assert not moved, f"rows of other KPIs changed: {moved[:10]}"
