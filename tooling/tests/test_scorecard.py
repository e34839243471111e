"""The scorecard CLI (tooling/scorecard): formatting, the table, the summary
and the CSV / JSON files, against a small DuckDB fixture shaped like
rpt_kpi_scorecard_latest."""

import csv
import datetime as dt
import decimal
import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
import yaml

from scorecard import format_change, format_value, render_table, summarise, summary_line
from scorecard.report import REQUIRED_COLUMNS, period_label

REPO = Path(__file__).resolve().parents[2]
MODELS_YML = REPO / "models" / "marts" / "kpis" / "_kpi_status__models.yml"

FIXTURE_COLUMNS = [
    ("kpi_code", "varchar"),
    ("kpi_number", "integer"),
    ("kpi_name", "varchar"),
    ("unit", "varchar"),
    ("period_grain", "varchar"),
    ("period_start", "date"),
    ("period_end", "date"),
    ("value", "numeric(28,6)"),
    ("target", "varchar"),
    ("status", "varchar"),
    ("change", "numeric(28,6)"),
    ("trend", "varchar"),
    ("sample_size", "integer"),
    ("pending_count", "integer"),
    ("has_enablement_segment", "boolean"),
    ("enabled_value", "numeric(28,6)"),
    ("enabled_status", "varchar"),
    ("not_enabled_value", "numeric(28,6)"),
    ("not_enabled_status", "varchar"),
    ("owner", "varchar"),
]
FIXTURE_ROWS = [
    ("sa_ramp_time", 1, "SA average ramp time", "weeks", "month", dt.date(2026, 6, 1), dt.date(2026, 6, 30),
     decimal.Decimal("7.428571"), "<= 8 weeks", "green", decimal.Decimal("-0.5"), "down", 7, 1,
     True, decimal.Decimal("6.9"), "green", decimal.Decimal("9.2"), "yellow", "Senior Manager, Revenue Enablement"),
    ("sa_technical_win_rate", 11, "SA technical win rate", "percent", "quarter", dt.date(2026, 4, 1),
     dt.date(2026, 6, 30), decimal.Decimal("61"), ">= 65% and gap >= 15", "yellow",
     decimal.Decimal("2.5"), "up", 40, 3, False, None, None, None, None, "VP, Solutions Architecture"),
    ("partner_nrr", 20, "Partner net revenue retention", "percent", None, None, None, None, None,
     "insufficient_data", None, None, None, None, False, None, None, None, None, "VP of Partnerships + CRO"),
    ("enablement_roi", 21, "Enablement ROI", "multiple", "half_year", dt.date(2026, 1, 1), dt.date(2026, 6, 30),
     decimal.Decimal("1.2"), ">= 3x", "red", decimal.Decimal("-0.4"), "down", 12, 0, False, None, None, None,
     None, "Senior Manager, Revenue Enablement + CRO"),
]


@pytest.fixture()
def warehouse(tmp_path):
    path = tmp_path / "fixture.duckdb"
    columns = ", ".join(f"{name} {kind}" for name, kind in FIXTURE_COLUMNS)
    placeholders = ", ".join("?" for _ in FIXTURE_COLUMNS)
    with duckdb.connect(str(path)) as connection:
        connection.execute("create schema marts")
        connection.execute(f"create table marts.rpt_kpi_scorecard_latest ({columns})")
        connection.executemany(f"insert into marts.rpt_kpi_scorecard_latest values ({placeholders})", FIXTURE_ROWS)
    return path


def _run(args, **kwargs):
    env = dict(os.environ, PYTHONPATH=str(REPO / "tooling"))
    env.pop("NO_COLOR", None)
    return subprocess.run([sys.executable, "-m", "scorecard", *args], cwd=REPO, env=env, **kwargs)


# ------------------------------------------------------------ formatting
@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (decimal.Decimal("7.428571"), "weeks", "7.4 wks"),
        (decimal.Decimal("23.5"), "days", "23.5 days"),
        (decimal.Decimal("82"), "percent", "82.0%"),
        (decimal.Decimal("1234567"), "usd", "$1.2M"),
        (decimal.Decimal("148000"), "usd", "$148K"),
        (decimal.Decimal("87400"), "usd", "$87.4K"),
        (decimal.Decimal("-250000"), "usd", "-$250K"),
        (decimal.Decimal("950"), "usd", "$950"),
        (decimal.Decimal("43"), "nps", "+43 NPS"),
        (decimal.Decimal("-12"), "nps", "-12 NPS"),
        (decimal.Decimal("7.75"), "score", "7.8/10"),
        (decimal.Decimal("1.8"), "points", "+1.8 pts"),
        (decimal.Decimal("4.75"), "multiple", "4.75x"),
        (decimal.Decimal("3"), "count", "3"),
        (decimal.Decimal("1.345"), "ratio", "1.34"),
        (None, "weeks", "-"),
    ],
)
def test_format_value(value, unit, expected):
    assert format_value(value, unit) == expected


@pytest.mark.parametrize(
    ("change", "unit", "expected"),
    [
        (decimal.Decimal("2.5"), "percent", "+2.5 pts"),
        (decimal.Decimal("-0.5"), "weeks", "-0.5 wks"),
        (decimal.Decimal("44000"), "usd", "+$44.0K"),
        (decimal.Decimal("-3"), "nps", "-3"),
        (decimal.Decimal("0"), "days", "0.0 days"),
        (decimal.Decimal("-0.03"), "percent", "0.0 pts"),
        (decimal.Decimal("0.04"), "weeks", "0.0 wks"),
        (None, "percent", "-"),
    ],
)
def test_format_change(change, unit, expected):
    assert format_change(change, unit) == expected


@pytest.mark.parametrize(
    ("grain", "start", "expected"),
    [
        ("month", dt.date(2026, 6, 1), "2026-06"),
        ("quarter", dt.date(2026, 7, 1), "2026-Q3"),
        ("half_year", dt.date(2026, 7, 1), "2026-H2"),
        ("year", dt.date(2025, 1, 1), "2025"),
        ("week", dt.date(2026, 9, 21), "2026-W39"),
        (None, None, "-"),
    ],
)
def test_period_label(grain, start, expected):
    assert period_label(grain, start) == expected


def _fixture_dicts():
    names = [name for name, _ in FIXTURE_COLUMNS]
    return [dict(zip(names, row)) for row in FIXTURE_ROWS]


def test_plain_table_is_aligned_and_uncoloured():
    text = render_table(_fixture_dicts(), colour=False)
    lines = text.splitlines()
    assert "\033[" not in text
    assert len(lines) == 2 + len(FIXTURE_ROWS)
    status_at = lines[0].index("Status")
    assert [line[status_at:status_at + 6].strip() for line in lines[2:]] == ["green", "yellow", "insuff", "red"]
    assert " 1 SA average ramp time" in lines[2] and "7.4 wks" in lines[2] and "↓ -0.5 wks" in lines[2]
    assert "6.9 wks vs 9.2 wks" in lines[2]


def test_coloured_table_wraps_each_status():
    text = render_table(_fixture_dicts(), colour=True)
    assert "\033[32mgreen" in text
    assert "\033[33myellow" in text
    assert "\033[31mred" in text
    plain = render_table(_fixture_dicts(), colour=False)
    assert [len(line) for line in plain.splitlines()[2:]] == [
        len(line.replace("\033[32m", "").replace("\033[33m", "").replace("\033[31m", "")
            .replace("\033[2m", "").replace("\033[0m", ""))
        for line in text.splitlines()[2:]
    ]


def test_ascii_arrows_when_unicode_is_unavailable():
    text = render_table(_fixture_dicts(), colour=False, unicode_arrows=False)
    assert "↓" not in text and "v -0.5 wks" in text and "^ +2.5 pts" in text


def test_summary_counts_every_status():
    counts = summarise(_fixture_dicts())
    assert counts == {"green": 1, "yellow": 1, "red": 1, "insufficient_data": 1, "not_applicable": 0}
    assert summary_line(counts) == "4 KPIs: 1 green, 1 yellow, 1 red, 1 insufficient data, 0 not applicable"


# ------------------------------------------------------------------- CLI
def test_cli_prints_table_and_writes_files(warehouse, tmp_path):
    out = tmp_path / "out"
    result = _run(["--warehouse", str(warehouse), "--out", str(out)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "\033[" not in result.stdout  # not a TTY: plain text
    assert "SA average ramp time" in result.stdout and "Enablement ROI" in result.stdout
    assert "4 KPIs: 1 green, 1 yellow, 1 red, 1 insufficient data, 0 not applicable" in result.stdout

    with (out / "kpi_scorecard.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["kpi_code"] for row in rows] == ["sa_ramp_time", "sa_technical_win_rate", "partner_nrr", "enablement_roi"]
    assert rows[0]["value_display"] == "7.4 wks"
    assert rows[0]["period_label"] == "2026-06"
    assert rows[0]["has_enablement_segment"] == "true"
    assert rows[2]["value"] == "" and rows[2]["status"] == "insufficient_data"

    document = json.loads((out / "kpi_scorecard.json").read_text())
    assert document["summary"] == {"green": 1, "yellow": 1, "red": 1, "insufficient_data": 1, "not_applicable": 0}
    first = document["kpis"][0]
    assert first["value"] == pytest.approx(7.428571)
    assert first["period_start"] == "2026-06-01"
    assert first["enabled_status"] == "green" and first["not_enabled_status"] == "yellow"
    assert document["kpis"][2]["value"] is None


def test_cli_colours_statuses_on_a_terminal(warehouse, tmp_path):
    leader, follower = pty.openpty()
    try:
        result = _run(
            ["--warehouse", str(warehouse), "--out", str(tmp_path / "out")],
            stdout=follower, stderr=subprocess.PIPE,
        )
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(leader)
    output = b"".join(chunks).decode("utf-8", "replace")
    assert result.returncode == 0, result.stderr
    assert "\033[32mgreen" in output and "\033[31mred" in output


def test_cli_opens_the_warehouse_read_only(warehouse, tmp_path):
    before = warehouse.read_bytes()
    result = _run(["--warehouse", str(warehouse), "--out", str(tmp_path / "out")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert warehouse.read_bytes() == before


def test_cli_fails_clearly_without_a_warehouse(tmp_path):
    result = _run(["--warehouse", str(tmp_path / "missing.duckdb"), "--out", str(tmp_path)], capture_output=True, text=True)
    assert result.returncode == 2
    assert "warehouse not found" in result.stderr


def test_cli_fails_clearly_without_the_mart(tmp_path):
    path = tmp_path / "empty.duckdb"
    duckdb.connect(str(path)).close()
    result = _run(["--warehouse", str(path), "--out", str(tmp_path)], capture_output=True, text=True)
    assert result.returncode == 2
    assert "rpt_kpi_scorecard_latest" in result.stderr


def test_required_columns_are_in_the_mart_contract():
    document = yaml.safe_load(MODELS_YML.read_text())
    model = next(m for m in document["models"] if m["name"] == "rpt_kpi_scorecard_latest")
    declared = {column["name"] for column in model["columns"]}
    assert set(REQUIRED_COLUMNS) <= declared, set(REQUIRED_COLUMNS) - declared
