"""Comparing the oracle with a built warehouse's marts.fct_kpi_values."""

from __future__ import annotations

import csv
from dataclasses import fields
from datetime import date
from pathlib import Path

from . import entities, kpis, periods, staging
from .staging import AS_OF

FIELDS = ("value", "numerator", "denominator", "sample_size", "pending_count", "secondary_value")
COUNT_FIELDS = {"sample_size", "pending_count"}
# fct_kpi_values stores measures as DECIMAL(28,6): half a unit of the last
# place is lost on the way in, so values closer to 0 than ~1 are compared to
# that resolution; everything else to 1e-6 relative.
RELATIVE_TOLERANCE = 1e-6
ABSOLUTE_TOLERANCE = 1e-6


def compute_all(repo: Path) -> dict[str, kpis.KpiResult]:
    world = entities.build(staging.load(repo))
    return {code: function(world) for code, function in kpis.KPI_FUNCTIONS.items()}


def read_catalog(repo: Path) -> dict[str, dict]:
    with open(repo / "seeds" / "kpi_catalog.csv", newline="", encoding="utf-8") as handle:
        return {row["kpi_code"]: row for row in csv.DictReader(handle)}


def latest_complete_period(result: kpis.KpiResult, maturity_days: int, as_of: date = AS_OF) -> date | None:
    complete = [start for start in result.overall_periods()
                if periods.is_complete(start, result.grain, maturity_days, as_of)]
    return max(complete) if complete else None


def complete_periods(result: kpis.KpiResult, maturity_days: int, as_of: date = AS_OF) -> list[date]:
    return [start for start in result.overall_periods()
            if periods.is_complete(start, result.grain, maturity_days, as_of)]


def warehouse_rows(path: Path) -> dict:
    """(kpi_code, period_start, segment_type, segment_value) -> dict of the
    measure columns plus period_grain and is_period_complete."""
    import duckdb  # the warehouse reader is only needed here

    columns = ("kpi_code", "period_grain", "period_start", "segment_type", "segment_value") + FIELDS + (
        "unit", "is_period_complete")
    with duckdb.connect(str(path), read_only=True) as connection:
        found = connection.execute(
            f"select {', '.join(columns)} from marts.fct_kpi_values").fetchall()
    out = {}
    for record in found:
        row = dict(zip(columns, record))
        for name in FIELDS:
            if row[name] is not None and name not in COUNT_FIELDS:
                row[name] = float(row[name])
        out[(row["kpi_code"], row["period_start"], row["segment_type"], row["segment_value"])] = row
    return out


def close(expected, actual, exact: bool = False) -> bool:
    if expected is None or actual is None:
        return expected is None and actual is None
    if exact:
        return expected == actual
    return abs(expected - actual) <= max(RELATIVE_TOLERANCE * abs(expected), ABSOLUTE_TOLERANCE)


def differences(oracle_row: kpis.Row, warehouse_row: dict, unit: str | None = None) -> list[str]:
    """Field-by-field disagreements, as readable text (empty when equal).
    Counts (sample_size, pending_count, and the value of a `count` KPI) must
    be exact."""
    out = []
    for name in FIELDS:
        expected = getattr(oracle_row, name)
        actual = warehouse_row.get(name)
        exact = name in COUNT_FIELDS or (name in ("value", "numerator") and unit == "count")
        if not close(expected, actual, exact=exact):
            out.append(f"{name}: oracle {expected!r} vs warehouse {actual!r}")
    return out


def compare_everything(results: dict, rows: dict) -> dict[str, list[str]]:
    """Every row of every KPI, both ways (a diagnostic beyond the test's
    latest-period checks)."""
    report: dict[str, list[str]] = {}
    for code, result in results.items():
        problems = []
        theirs = {key[1:]: row for key, row in rows.items() if key[0] == code}
        for key in sorted(set(theirs) | set(result.rows), key=lambda k: (k[0], k[1], str(k[2]))):
            mine, row = result.rows.get(key), theirs.get(key)
            if mine is None or row is None:
                problems.append(f"{key}: only in {'warehouse' if mine is None else 'oracle'}")
                continue
            diff = differences(mine, row, row.get("unit"))
            if diff:
                problems.append(f"{key}: " + "; ".join(diff))
        report[code] = problems
    return report


assert {f.name for f in fields(kpis.Row)} == set(FIELDS)
