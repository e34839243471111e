"""Row accounting shared by the real-sample tests (Salesforce, HubSpot).

Every raw row of a staged table gets exactly one label in its base_ model
(kept / quarantined / duplicate / soft_deleted), the stg_ view holds exactly
the kept rows, and a quarantined row always says why.
"""

from __future__ import annotations

STATUSES = ("kept", "quarantined", "duplicate", "soft_deleted")


def label_counts(con, raw_schema: str, system: str, table: str) -> tuple[int, dict[str, int], int]:
    """(raw rows, {label: rows} in base_<system>__<table>, rows in stg_<system>__<table>)."""
    raw = con.execute(f'select count(*) from {raw_schema}."{table}"').fetchone()[0]
    by_status = dict(
        con.execute(f"select _row_status, count(*) from staging.base_{system}__{table} group by _row_status").fetchall()
    )
    staged = con.execute(f"select count(*) from staging.stg_{system}__{table}").fetchone()[0]
    return raw, by_status, staged


def assert_every_raw_row_labelled(con, raw_schema: str, system: str, tables: list[str]) -> str:
    """Assert the accounting for every table; return a printable summary."""
    lines = []
    for table in tables:
        raw, by_status, staged = label_counts(con, raw_schema, system, table)
        unknown = set(by_status) - set(STATUSES)
        assert not unknown, f"{system}.{table}: unexpected row statuses {unknown}"
        labelled = sum(by_status.get(s, 0) for s in STATUSES)
        assert raw == labelled, f"{system}.{table}: {raw} raw rows but {labelled} labelled ({by_status})"
        assert staged == by_status.get("kept", 0), f"{system}.{table}: stg has {staged} rows, base kept {by_status}"
        lines.append(f"{table:<22} raw {raw:>3}  " + "  ".join(f"{s} {by_status.get(s, 0)}" for s in STATUSES))
    unexplained = [
        table for table in tables
        if con.execute(
            f"select count(*) from staging.base_{system}__{table} "
            "where _row_status = 'quarantined' and _dq_reason is null"
        ).fetchone()[0]
    ]
    assert not unexplained, f"quarantined {system} rows without a reason in {unexplained}"
    return "\n".join(lines)


def assert_audit_matches_labels(con, raw_schema: str, system: str, tables: list[str]) -> None:
    """audit_row_reconciliation repeats the base_ labels for every table, and
    audit_quarantined_rows lists every row the base_ models quarantined."""
    for table in tables:
        raw, by_status, _ = label_counts(con, raw_schema, system, table)
        row = con.execute(
            """
            select raw_rows, kept_rows, quarantined_rows, duplicate_rows, soft_deleted_rows
            from audit.audit_row_reconciliation where source_table = ?
            """,
            [f"{system}.{table}"],
        ).fetchone()
        assert row == (raw, *(by_status.get(s, 0) for s in STATUSES)), (
            f"{system}.{table}: audit {row} vs raw {raw} and labels {by_status}"
        )
    listed = con.execute(
        "select count(*) from audit.audit_quarantined_rows where source_table like ? and detected_in = 'staging'",
        [f"{system}.%"],
    ).fetchone()[0]
    labelled = sum(label_counts(con, raw_schema, system, t)[1].get("quarantined", 0) for t in tables)
    assert listed == labelled, f"{system}: {listed} quarantined rows listed in the audit, {labelled} labelled"
