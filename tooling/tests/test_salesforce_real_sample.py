"""Salesforce staging against tables exactly as Fivetran lands them.

The CSVs in ../shared/real_samples/salesforce are the public integration-test
seeds of Fivetran's own dbt package: real column names and types, dozens of
columns we never read, none of our custom fields, no `currency_iso_code`, and
`_fivetran_deleted` instead of `is_deleted` on `user`. They are loaded with
DuckDB's type auto-detection and every column kept, into a throw-away DuckDB
file (never the project's warehouse.duckdb); the objects the sample lacks are
created empty with the raw columns of docs/source_contracts.md. Then the
Salesforce staging layer must build green and account for every raw row.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
import yaml
from row_labels import assert_audit_matches_labels, assert_every_raw_row_labelled, label_counts

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO.parent / "shared" / "real_samples" / "salesforce"
DBT = str(Path(sys.executable).with_name("dbt"))
SCHEMA = "raw_salesforce"

# Fivetran "history mode" of the opportunity object, not Salesforce's built-in
# OpportunityHistory that staging reads.
NOT_OURS = {"opportunity_history_mode"}

# Objects with no public sample rows: created empty, every column text, with
# the raw columns staging reads.
MISSING_TABLES = {
    "opportunity_history": [
        "id", "opportunity_id", "created_date", "stage_name", "amount", "probability",
        "close_date", "forecast_category", "expected_revenue", "is_deleted", "_fivetran_synced",
    ],
    "event_relation": ["id", "event_id", "relation_id", "is_invitee", "status", "is_deleted", "_fivetran_synced"],
    "dated_conversion_rate": ["id", "iso_code", "conversion_rate", "start_date", "next_start_date", "_fivetran_synced"],
}

STAGED_TABLES = [
    "opportunity", "opportunity_history", "user", "user_role", "account",
    "event", "event_relation", "task", "dated_conversion_rate",
]


def _load_sample(database: Path) -> None:
    con = duckdb.connect(str(database))
    try:
        con.execute(f"create schema {SCHEMA}")
        for csv in sorted(SAMPLES.glob("*.csv")):
            if csv.stem in NOT_OURS:
                continue
            con.execute(
                f'create table {SCHEMA}."{csv.stem}" as select * from read_csv(?, header = true, auto_detect = true)',
                [str(csv)],
            )
        for table, columns in MISSING_TABLES.items():
            exists = con.execute(
                "select count(*) from information_schema.tables where table_schema = ? and table_name = ?",
                [SCHEMA, table],
            ).fetchone()[0]
            if not exists:
                column_list = ", ".join(f'"{c}" varchar' for c in columns)
                con.execute(f'create table {SCHEMA}."{table}" ({column_list})')
    finally:
        con.close()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    if not SAMPLES.is_dir() or not any(SAMPLES.glob("*.csv")):
        pytest.skip(f"real Fivetran Salesforce sample not found at {SAMPLES}")
    work = tmp_path_factory.mktemp("salesforce_real_sample")
    database = work / "salesforce_real_sample.duckdb"
    _load_sample(database)
    env = dict(
        os.environ,
        WAREHOUSE_PATH=str(database),
        DBT_TARGET="duckdb",
        DBT_TARGET_PATH=str(work / "target"),
        DBT_LOG_PATH=str(work / "logs"),
        DBT_SEND_ANONYMOUS_USAGE_STATS="false",
    )
    result = subprocess.run(
        [
            DBT, "build",
            "--select", "stage_mapping", "staging.salesforce",
            # only tests whose every parent is built here (not tests that also
            # read intermediate models)
            "--indirect-selection", "cautious",
            "--profiles-dir", ".", "--project-dir", ".", "--target", "duckdb",
            "--vars", f"{{salesforce_schema: {SCHEMA}, raw_database: null}}",
        ],
        cwd=REPO, env=env, capture_output=True, text=True,
    )
    return database, result


def test_staging_builds_green_on_the_real_sample(built):
    _, result = built
    assert result.returncode == 0, f"dbt build failed:\n{result.stdout[-8000:]}\n{result.stderr[-2000:]}"


def _counts(con, table):
    return label_counts(con, SCHEMA, "salesforce", table)


def test_every_raw_row_is_accounted_for(built):
    database, result = built
    assert result.returncode == 0, "dbt build failed; see the build test"
    con = duckdb.connect(str(database), read_only=True)
    try:
        print("\n" + assert_every_raw_row_labelled(con, SCHEMA, "salesforce", STAGED_TABLES))
    finally:
        con.close()


def test_fivetran_shapes_are_read_correctly(built):
    """Columns the org lacks become NULL (currency falls back to the default),
    `_fivetran_deleted` soft-deletes users, and typed (not text) landings parse."""
    database, result = built
    assert result.returncode == 0, "dbt build failed; see the build test"
    con = duckdb.connect(str(database), read_only=True)
    try:
        currencies = con.execute(
            "select distinct currency_code from staging.base_salesforce__opportunity"
        ).fetchall()
        assert currencies == [("USD",)]
        custom = con.execute(
            """
            select count(*) from staging.base_salesforce__opportunity
            where sa_owner_user_id is not null or competitor is not null or qualification_score is not null
            """
        ).fetchone()[0]
        assert custom == 0
        # Fivetran hashed the sample's stage labels, so none is in stage_mapping:
        # every opportunity carries the reason even where it is soft-deleted.
        reasons = con.execute(
            "select distinct _dq_reason from staging.base_salesforce__opportunity"
        ).fetchall()
        assert reasons == [("unknown stage name",)]
        deleted_raw = con.execute(f'select count(*) from {SCHEMA}."user" where _fivetran_deleted').fetchone()[0]
        deleted_base = con.execute(
            "select count(*) from staging.base_salesforce__user where is_deleted"
        ).fetchone()[0]
        assert deleted_base == deleted_raw
        unparsed = con.execute(
            "select count(*) from staging.base_salesforce__event where started_at is null or _loaded_at is null"
        ).fetchone()[0]
        assert unparsed == 0
    finally:
        con.close()


# ------------------------------------------------------------ audit models
# The same reconciliation through the audit models BI reads. Every other
# system's raw tables are created empty (their columns from the committed
# sample's headers), which the project must survive, and the audit models are
# run on top of the staging build above.
OTHER_SYSTEMS = ("hris", "lms", "partner_portal", "finance", "surveys", "product_marketing")


def _create_empty_other_systems(database: Path) -> None:
    con = duckdb.connect(str(database))
    try:
        for system in OTHER_SYSTEMS:
            con.execute(f"create schema if not exists raw_{system}")
            for csv_path in sorted((REPO / "seeds" / "raw" / system).glob("*.csv")):
                header = csv_path.read_text(encoding="utf-8").splitlines()[0].split(",")
                column_list = ", ".join(f'"{c}" varchar' for c in header)
                con.execute(f'create table if not exists raw_{system}."{csv_path.stem}" ({column_list})')
    finally:
        con.close()


@pytest.fixture(scope="module")
def audited(built):
    database, result = built
    assert result.returncode == 0, "dbt build failed; see the build test"
    _create_empty_other_systems(database)
    work = database.parent
    env = dict(
        os.environ,
        WAREHOUSE_PATH=str(database),
        DBT_TARGET="duckdb",
        DBT_TARGET_PATH=str(work / "target"),
        DBT_LOG_PATH=str(work / "logs"),
        DBT_SEND_ANONYMOUS_USAGE_STATS="false",
    )
    common = [
        "--profiles-dir", ".", "--project-dir", ".", "--target", "duckdb",
        "--vars", f"{{salesforce_schema: {SCHEMA}, raw_database: null}}",
    ]
    steps = [
        [DBT, "seed", "--select", "role_track_mapping", *common],
        [DBT, "run", "--select", "+audit_row_reconciliation", "+audit_quarantined_rows", *common],
        [DBT, "test", "--select", "audit_row_reconciliation", "audit_quarantined_rows",
         "--indirect-selection", "cautious", *common],
    ]
    outcomes = [subprocess.run(step, cwd=REPO, env=env, capture_output=True, text=True) for step in steps]
    run_results = json.loads((work / "target" / "run_results.json").read_text())
    test_status = {
        r["unique_id"].split(".")[2]: r["status"] for r in run_results["results"] if r["unique_id"].startswith("test.")
    }
    return database, outcomes, test_status


def test_audit_models_build_on_the_real_sample(audited):
    _, outcomes, _ = audited
    for outcome in outcomes[:2]:
        assert outcome.returncode == 0, f"dbt failed:\n{outcome.stdout[-8000:]}\n{outcome.stderr[-2000:]}"


def test_audit_reconciliation_matches_the_labels(audited):
    database, _, test_status = audited
    con = duckdb.connect(str(database), read_only=True)
    try:
        assert_audit_matches_labels(con, SCHEMA, "salesforce", STAGED_TABLES)
    finally:
        con.close()
    # The identity tests pass, and the quarantine-share test grades the
    # largest share as documented: error above quarantine_error_share, warn
    # above quarantine_warn_share, else pass. (The sample's opportunities all
    # carry unmapped stage labels but are all soft-deleted, so none counts.)
    identity = [name for name in test_status if name.startswith("expression_is_true_audit_row_reconciliation")]
    assert identity and all(test_status[n] == "pass" for n in identity), test_status
    project_vars = yaml.safe_load((REPO / "dbt_project.yml").read_text())["vars"]
    con = duckdb.connect(str(database), read_only=True)
    try:
        largest = con.execute(
            "select coalesce(max(quarantined_share), 0) from audit.audit_row_reconciliation"
        ).fetchone()[0]
    finally:
        con.close()
    if largest > project_vars["quarantine_error_share"]:
        expected = "fail"
    elif largest > project_vars["quarantine_warn_share"]:
        expected = "warn"
    else:
        expected = "pass"
    assert test_status.get("audit_row_reconciliation_quarantined_share_within_limits") == expected, (
        f"largest quarantined share {largest}: expected {expected}; {test_status}"
    )
