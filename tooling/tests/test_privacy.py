"""No personal data where BI can read: every column of every relation in the
marts and audit schemas of the sample warehouse (conftest.sample_warehouse),
and in intermediate (the house rule keeps personal data in staging), is
scanned for

- values that look like an email address;
- values equal (case- and space-insensitively) to a first name, last name,
  full name or email found in the raw people exports: HRIS workers, partner
  portal users and Salesforce users;

and no column there may be named like personal data (email, first_name, ...).
People are keyed by surrogate ids instead. Staging keeps emails for identity
matching only: every staged column holding one is marked `meta: {pii: true}`
in YAML, and names are dropped there (test_project_conventions.py checks
that no PII-marked column exists outside staging).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb
import pytest

REPO = Path(__file__).resolve().parents[2]
RAW = REPO / "seeds" / "raw"
SCANNED_SCHEMAS = ("marts", "audit", "intermediate")
# Raw files and the columns in them that hold a person's name or email.
PEOPLE_EXPORTS = {
    RAW / "hris" / "workers.csv": ("work_email", "first_name", "last_name"),
    RAW / "partner_portal" / "partner_users.csv": ("email", "first_name", "last_name"),
    RAW / "salesforce" / "user.csv": ("email", "name", "first_name", "last_name"),
}
EMAIL_PATTERN = r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"
PII_COLUMN_NAMES = {
    "email", "email_address", "work_email", "personal_email", "respondent_email",
    "first_name", "last_name", "middle_name", "name", "full_name", "display_name",
    "person_name", "employee_name", "worker_name", "user_name", "username",
    "manager_name", "owner_name", "learner_name", "respondent_name",
    "phone", "phone_number", "mobile_phone", "home_address", "date_of_birth", "birth_date",
}


def _personal_values() -> set[str]:
    values: set[str] = set()
    for path, columns in PEOPLE_EXPORTS.items():
        with path.open(newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                for column in columns:
                    value = (row.get(column) or "").strip().lower()
                    if value:
                        values.add(value)
                first = (row.get("first_name") or "").strip().lower()
                last = (row.get("last_name") or "").strip().lower()
                if first and last:
                    values.add(f"{first} {last}")
    return values


@pytest.fixture(scope="module")
def bi_relations(sample_warehouse):
    """(connection, [(schema, relation, [(column, data_type)])]) over the sample warehouse."""
    con = duckdb.connect()
    # Attached under the file's own catalog name so views inside resolve.
    con.execute(f"attach '{sample_warehouse}' as warehouse (read_only)")
    rows = con.execute(
        f"""
        select table_schema, table_name, column_name, data_type
        from information_schema.columns
        where table_catalog = 'warehouse' and table_schema in ({", ".join("?" for _ in SCANNED_SCHEMAS)})
        order by table_schema, table_name, ordinal_position
        """,
        list(SCANNED_SCHEMAS),
    ).fetchall()
    relations: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for schema, table, column, data_type in rows:
        relations.setdefault((schema, table), []).append((column, data_type))
    con.execute("create temp table personal_values (value varchar)")
    con.executemany("insert into personal_values values (?)", [(v,) for v in sorted(_personal_values())])
    yield con, [(s, t, cols) for (s, t), cols in relations.items()]
    con.close()


def test_the_scan_has_something_to_scan(bi_relations):
    con, relations = bi_relations
    schemas = {schema for schema, _, _ in relations}
    assert schemas == set(SCANNED_SCHEMAS), f"expected relations in {SCANNED_SCHEMAS}, found {schemas}"
    assert con.execute("select count(*) from personal_values").fetchone()[0] > 100


def test_no_column_is_named_like_personal_data(bi_relations):
    _, relations = bi_relations
    offenders = [
        f"{schema}.{table}.{column}"
        for schema, table, columns in relations
        for column, _ in columns
        if column.lower() in PII_COLUMN_NAMES or "email" in column.lower()
    ]
    assert not offenders, f"columns named like personal data in BI-readable schemas: {offenders}"


def test_no_value_looks_like_an_email(bi_relations):
    con, relations = bi_relations
    offenders = []
    for schema, table, columns in relations:
        for column, data_type in columns:
            if not data_type.upper().startswith("VARCHAR"):
                continue
            hits = con.execute(
                f'select distinct "{column}" from warehouse."{schema}"."{table}" '
                f'where regexp_matches("{column}", ?) limit 3',
                [EMAIL_PATTERN],
            ).fetchall()
            if hits:
                offenders.append(f"{schema}.{table}.{column}: {[h[0] for h in hits]}")
    assert not offenders, "email-like values in BI-readable schemas:\n" + "\n".join(offenders)


def test_no_value_is_a_name_or_email_from_the_people_exports(bi_relations):
    con, relations = bi_relations
    offenders = []
    for schema, table, columns in relations:
        for column, data_type in columns:
            if not data_type.upper().startswith("VARCHAR"):
                continue
            hits = con.execute(
                f"""
                select distinct scanned."{column}"
                from warehouse."{schema}"."{table}" as scanned
                inner join personal_values
                    on lower(trim(scanned."{column}")) = personal_values.value
                limit 3
                """
            ).fetchall()
            if hits:
                offenders.append(f"{schema}.{table}.{column}: {[h[0] for h in hits]}")
    assert not offenders, "names or emails from the people exports in BI-readable schemas:\n" + "\n".join(offenders)


def test_staged_emails_are_marked_pii_and_names_are_dropped(sample_warehouse, dbt_runner):
    manifest = json.loads((dbt_runner.root / "target" / "manifest.json").read_text())
    models = {n["name"]: n for n in manifest["nodes"].values() if n["resource_type"] == "model"}
    with duckdb.connect() as con:
        con.execute(f"attach '{sample_warehouse}' as warehouse (read_only)")
        staged = con.execute(
            """
            select table_name, column_name from information_schema.columns
            where table_catalog = 'warehouse' and table_schema = 'staging'
            """
        ).fetchall()
    unmarked, names = [], []
    for table, column in staged:
        lowered = column.lower()
        if lowered in {"first_name", "last_name", "full_name", "name"}:
            names.append(f"{table}.{column}")
        if "email" in lowered:
            described = models.get(table, {}).get("columns", {}).get(column, {})
            meta = {**(described.get("meta") or {}), **((described.get("config") or {}).get("meta") or {})}
            if not meta.get("pii"):
                unmarked.append(f"{table}.{column}")
    assert not names, f"names must be dropped in staging: {names}"
    assert not unmarked, f"staged email columns without meta: {{pii: true}} in YAML: {unmarked}"
