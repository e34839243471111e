"""Severity that means something, checked on dbt's manifest.

A test errors where a KPI would be wrong: primary keys, row reconciliation,
contracts and the other data tests keep dbt's default severity, error (unit
tests cannot be lowered). A test only warns where data is late or incomplete:
source freshness (warn_after, never error_after), the quarantine share
between quarantine_warn_share and quarantine_error_share, and the few data
tests listed in WARN_BY_DESIGN, each of which says why in its YAML.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]

# test name prefix -> why a warning is the right severity
WARN_BY_DESIGN = {
    "relationships_int_activities_opportunity_id": "an activity on a deal intermediate quarantined is incomplete, not wrong",
    "relationships_int_deal_registrations_opportunity_id": "a registration whose deal intermediate quarantined for its FX rate",
    "not_null_audit_quarantined_rows_event_date": "a row with neither business nor load date cannot be dated",
}
PK_TESTS = {"unique", "unique_combination"}
SHARE_TEST = "audit_row_reconciliation_quarantined_share_within_limits"


@pytest.fixture(scope="module")
def manifest(dbt_runner):
    dbt_runner.dbt("parse")
    return json.loads((dbt_runner.root / "target" / "manifest.json").read_text())


def _tests(manifest):
    return [n for n in manifest["nodes"].values() if n["resource_type"] == "test"]


def test_only_designed_tests_warn(manifest):
    warning = sorted(n["name"] for n in _tests(manifest) if n["config"]["severity"].lower() == "warn")
    unexplained = [name for name in warning if not any(name.startswith(p) for p in WARN_BY_DESIGN)]
    assert not unexplained, (
        f"tests lowered to warn without a reason recorded here: {unexplained}; "
        "a test that guards a KPI's correctness must error"
    )


@pytest.mark.parametrize("kind", sorted(PK_TESTS | {"reconciles_with_source", "expression_is_true"}))
def test_keys_and_reconciliation_error(manifest, kind):
    lowered = [
        n["name"] for n in _tests(manifest)
        if (n.get("test_metadata") or {}).get("name") == kind
        and (n["config"]["severity"].lower() != "error" or n["config"]["error_if"] != "!= 0")
    ]
    assert not lowered, f"{kind} tests that no longer fail the build: {lowered}"


def test_quarantine_share_warns_then_errors_on_the_vars(manifest):
    (share,) = [n for n in _tests(manifest) if n["name"] == SHARE_TEST]
    project_vars = yaml.safe_load((REPO / "dbt_project.yml").read_text())["vars"]
    assert share["config"]["severity"].lower() == "error"
    assert share["config"]["warn_if"] == "!= 0"
    assert share["config"]["error_if"] == f"!= 0 and max(quarantined_share) > {project_vars['quarantine_error_share']}"
    # The warn share is rendered when the test runs: the argument names the var.
    assert "var('quarantine_warn_share')" in share["test_metadata"]["kwargs"]["max_share"]
    assert 0 < project_vars["quarantine_warn_share"] < project_vars["quarantine_error_share"] < 1


def test_freshness_warns_and_never_errors(manifest):
    sources = list(manifest["sources"].values())
    assert sources
    missing = [s["unique_id"] for s in sources if not (s.get("freshness") or {}).get("warn_after", {}).get("count")]
    erroring = [s["unique_id"] for s in sources if (s.get("freshness") or {}).get("error_after", {}).get("count")]
    assert not missing, f"sources without a freshness warning: {missing}"
    assert not erroring, f"sources whose freshness can fail the build (late data must only warn): {erroring}"


def test_kpi_tables_for_bi_have_enforced_contracts(manifest):
    enforced = {
        n["name"] for n in manifest["nodes"].values()
        if n["resource_type"] == "model" and n["config"].get("contract", {}).get("enforced")
    }
    assert {"fct_kpi_values", "fct_kpi_status"} <= enforced
