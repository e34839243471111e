"""KPI scorecard: the latest complete period of every KPI, read from the
warehouse's rpt_kpi_scorecard_latest mart, printed as an aligned table and
written as CSV and JSON for tools that do not speak SQL.

    python -m scorecard --warehouse warehouse.duckdb --out target

Pure standard library plus the duckdb package; the warehouse is opened
read-only.
"""

from scorecard.report import (  # noqa: F401
    STATUSES,
    format_change,
    format_value,
    load_scorecard,
    render_table,
    summarise,
    summary_line,
    write_csv,
    write_json,
)
