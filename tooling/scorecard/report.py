"""Reading, formatting and writing the KPI scorecard."""

import csv
import datetime as dt
import decimal
import json
import re
from pathlib import Path

DEFAULT_RELATION = "marts.rpt_kpi_scorecard_latest"
STATUSES = ("green", "yellow", "red", "insufficient_data", "not_applicable")
STATUS_LABELS = {
    "green": "green",
    "yellow": "yellow",
    "red": "red",
    "insufficient_data": "insufficient",
    "not_applicable": "n/a",
}
ANSI = {
    "green": "\033[32m",
    "yellow": "\033[33m",
    "red": "\033[31m",
    "insufficient_data": "\033[2m",
    "not_applicable": "\033[2m",
}
ANSI_BOLD = "\033[1m"
ANSI_RESET = "\033[0m"
ARROWS = {"up": "↑", "down": "↓", "flat": "→"}
ASCII_ARROWS = {"up": "^", "down": "v", "flat": "="}
MISSING = "-"
# Columns the scorecard needs from the mart; anything else is passed through.
REQUIRED_COLUMNS = (
    "kpi_code",
    "kpi_number",
    "kpi_name",
    "unit",
    "period_grain",
    "period_start",
    "period_end",
    "value",
    "target",
    "status",
    "change",
    "trend",
    "sample_size",
    "pending_count",
    "has_enablement_segment",
    "enabled_value",
    "enabled_status",
    "not_enabled_value",
    "not_enabled_status",
    "owner",
)
_RELATION_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*){0,2}$")


# ------------------------------------------------------------------ reading
def load_scorecard(warehouse, relation=DEFAULT_RELATION):
    """Rows of the scorecard mart as dicts, in KPI order. Read-only."""
    import duckdb

    if not _RELATION_NAME.match(relation):
        raise ValueError(f"not a table name: {relation!r}")
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        cursor = connection.execute(f"select * from {relation} order by kpi_number, kpi_code")
        names = [column[0] for column in cursor.description]
        rows = [dict(zip(names, record)) for record in cursor.fetchall()]
    missing = [name for name in REQUIRED_COLUMNS if name not in names]
    if missing:
        raise ValueError(f"{relation} lacks columns {missing}")
    return rows


# --------------------------------------------------------------- formatting
def _number(value):
    if value is None:
        return None
    return float(value)


def _money(amount):
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "K")):
        if amount >= size:
            scaled = amount / size
            digits = 0 if suffix == "K" and scaled >= 100 else 1
            return f"{sign}${scaled:.{digits}f}{suffix}"
    return f"{sign}${amount:.0f}"


def format_value(value, unit):
    """A KPI value as a person reads it: '7.4 wks', '82.0%', '$1.2M', '+43 NPS'."""
    number = _number(value)
    if number is None:
        return MISSING
    if unit == "weeks":
        return f"{number:.1f} wks"
    if unit == "days":
        return f"{number:.1f} days"
    if unit == "percent":
        return f"{number:.1f}%"
    if unit == "usd":
        return _money(number)
    if unit == "nps":
        return f"{number:+.0f} NPS"
    if unit == "score":
        return f"{number:.1f}/10"
    if unit == "points":
        return f"{number:+.1f} pts"
    if unit == "multiple":
        return f"{number:.2f}x"
    if unit == "count":
        return f"{number:.0f}"
    return f"{number:.2f}"


def format_change(change, unit):
    """A period-on-period change with its sign, in the KPI's unit ('+1.5 pts')."""
    number = _number(change)
    if number is None:
        return MISSING
    size = abs(number)
    decimals = {"nps": 0, "count": 0, "ratio": 2, "multiple": 2}.get(unit, 1)
    if unit == "usd":
        sign = "+" if number >= 0 else "-"
    elif round(size, decimals) == 0:
        sign = ""  # rounds to zero: no misleading "-0.0"
    else:
        sign = "+" if number > 0 else "-"
    if unit == "percent":
        return f"{sign}{size:.1f} pts"
    if unit == "usd":
        return sign + _money(size)
    if unit == "nps":
        return f"{sign}{size:.0f}"
    if unit == "score":
        return f"{sign}{size:.1f}"
    if unit == "count":
        return f"{sign}{size:.0f}"
    text = format_value(size, unit)
    return sign + text.lstrip("+")


def period_label(grain, start):
    """'2026-06', '2026-Q2', '2026-H1', '2026', '2026-W38'."""
    if start is None:
        return MISSING
    if isinstance(start, str):
        start = dt.date.fromisoformat(start)
    if grain == "month":
        return f"{start.year}-{start.month:02d}"
    if grain == "quarter":
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    if grain == "half_year":
        return f"{start.year}-H{1 if start.month <= 6 else 2}"
    if grain == "year":
        return f"{start.year}"
    if grain == "week":
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    return start.isoformat()


def status_label(status):
    return STATUS_LABELS.get(status, status or MISSING)


def _trend_symbol(trend, unicode_arrows):
    arrows = ARROWS if unicode_arrows else ASCII_ARROWS
    return arrows.get(trend, " ")


def _integer(value):
    return MISSING if value is None else str(int(value))


def _cohort_split(row):
    if not row.get("has_enablement_segment"):
        return ""
    unit = row.get("unit")
    enabled = format_value(row.get("enabled_value"), unit)
    not_enabled = format_value(row.get("not_enabled_value"), unit)
    return f"{enabled} vs {not_enabled}"


def display_row(row, unicode_arrows=True):
    """The printed cells of one KPI (also written to the CSV and JSON)."""
    unit = row.get("unit")
    return {
        "kpi": f"{int(row['kpi_number']):>2} {row['kpi_name']}",
        "period": period_label(row.get("period_grain"), row.get("period_start")),
        "value": format_value(row.get("value"), unit),
        "target": row.get("target") or MISSING,
        "status": status_label(row.get("status")),
        "trend": f"{_trend_symbol(row.get('trend'), unicode_arrows)} {format_change(row.get('change'), unit)}",
        "n": _integer(row.get("sample_size")),
        "pending": _integer(row.get("pending_count")),
        "enabled_vs_not": _cohort_split(row),
    }


COLUMNS = (
    ("kpi", "KPI", "<"),
    ("period", "Period", "<"),
    ("value", "Value", ">"),
    ("target", "Target", "<"),
    ("status", "Status", "<"),
    ("trend", "Trend", "<"),
    ("n", "n", ">"),
    ("pending", "Pending", ">"),
    ("enabled_vs_not", "Enabled vs not", "<"),
)


def render_table(rows, colour=False, unicode_arrows=True):
    """An aligned text table; statuses in ANSI colour when `colour`."""
    cells = [display_row(row, unicode_arrows) for row in rows]
    widths = {
        key: max([len(title)] + [len(cell[key]) for cell in cells])
        for key, title, _ in COLUMNS
    }

    def line(values, statuses=None):
        parts = []
        for key, _, align in COLUMNS:
            text = f"{values[key]:{align}{widths[key]}}"
            if colour and statuses and key == "status" and statuses in ANSI:
                text = f"{ANSI[statuses]}{text}{ANSI_RESET}"
            parts.append(text)
        return "  ".join(parts).rstrip()

    header = line({key: title for key, title, _ in COLUMNS})
    if colour:
        header = f"{ANSI_BOLD}{header}{ANSI_RESET}"
    rule = "  ".join("-" * widths[key] for key, _, _ in COLUMNS)
    body = [line(cell, row.get("status")) for cell, row in zip(cells, rows)]
    return "\n".join([header, rule] + body)


def summarise(rows):
    """Count of KPIs per status (every status present, zeros included)."""
    counts = {status: 0 for status in STATUSES}
    for row in rows:
        status = row.get("status") or "insufficient_data"
        counts[status] = counts.get(status, 0) + 1
    return counts


def summary_line(counts):
    total = sum(counts.values())
    parts = [f"{counts.get(status, 0)} {status.replace('_', ' ')}" for status in STATUSES]
    return f"{total} KPIs: " + ", ".join(parts)


# ------------------------------------------------------------------ writing
def _plain(value):
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _records(rows):
    records = []
    for row in rows:
        record = {key: _plain(value) for key, value in row.items()}
        shown = display_row(row, unicode_arrows=False)
        record["period_label"] = shown["period"]
        record["value_display"] = shown["value"]
        record["change_display"] = format_change(row.get("change"), row.get("unit"))
        records.append(record)
    return records


def _csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def write_csv(rows, path):
    """One line per KPI: every mart column plus the display strings."""
    path = Path(path)
    records = _records(rows)
    fields = list(records[0]) if records else list(REQUIRED_COLUMNS) + ["period_label", "value_display", "change_display"]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        for record in records:
            writer.writerow({key: _csv_cell(value) for key, value in record.items()})
    return path


def write_json(rows, path, relation=DEFAULT_RELATION):
    """{"source", "summary", "kpis": [...]} with numbers as JSON numbers."""
    path = Path(path)
    document = {
        "source": relation,
        "summary": summarise(rows),
        "kpis": _records(rows),
    }
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
