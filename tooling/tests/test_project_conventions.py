"""Checks over dbt's manifest: the project's conventions, enforced.

GitLab-style: naming by layer, no source() outside staging, marts never read a
CRM-specific model, a description and a primary-key test on every model, every
base_ model audited, three or more unit tests per KPI model, and personal data
only where identity matching needs it.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DBT = str(Path(sys.executable).with_name("dbt"))
PREFIXES = {
    "staging": ("stg_", "base_"),
    "intermediate": ("int_",),
    "marts": ("dim_", "fct_", "rpt_", "kpi_"),
    "audit": ("audit_",),
}
PK_TESTS = {"unique", "unique_combination"}


@pytest.fixture(scope="module")
def manifest(tmp_path_factory):
    target = tmp_path_factory.mktemp("target")
    env = dict(os.environ, DBT_TARGET_PATH=str(target), WAREHOUSE_PATH=str(target / "parse.duckdb"))
    subprocess.run(
        [DBT, "parse", "--profiles-dir", ".", "--project-dir", ".", "--target", "duckdb", "--quiet"],
        cwd=REPO, env=env, check=True,
    )
    return json.loads((target / "manifest.json").read_text())


def _models(manifest):
    return [n for n in manifest["nodes"].values() if n["resource_type"] == "model"]


def _layer(node):
    return Path(node["original_file_path"]).parts[1]


def test_models_are_named_for_their_layer(manifest):
    wrong = [
        n["original_file_path"]
        for n in _models(manifest)
        if not n["name"].startswith(PREFIXES.get(_layer(n), ("",)))
    ]
    assert not wrong, f"models named against their layer's prefix: {wrong}"


def test_only_staging_reads_sources(manifest):
    offenders = [
        n["name"]
        for n in _models(manifest)
        if _layer(n) != "staging"
        and any(d.startswith("source.") for d in n["depends_on"]["nodes"])
    ]
    assert not offenders, f"source() outside staging: {offenders}"


def test_marts_never_read_crm_specific_models(manifest):
    offenders = [
        n["name"]
        for n in _models(manifest)
        if _layer(n) in ("marts", "audit")
        and any(re.search(r"\.stg_(salesforce|hubspot)__", d) for d in n["depends_on"]["nodes"])
    ]
    assert not offenders, f"marts reading CRM staging: {offenders}"


def test_every_model_is_described(manifest):
    missing = [n["name"] for n in _models(manifest) if not n["description"].strip()]
    assert not missing, f"models without a description: {missing}"


def test_every_mart_column_is_described(manifest):
    missing = [
        f'{n["name"]}.{c}'
        for n in _models(manifest)
        if _layer(n) == "marts"
        for c, col in n["columns"].items()
        if not col.get("description", "").strip()
    ]
    assert not missing, f"mart columns without a description: {missing}"


def test_every_model_has_a_primary_key_test(manifest):
    tested = {
        node.get("attached_node")
        for node in manifest["nodes"].values()
        if node["resource_type"] == "test" and node.get("test_metadata", {}).get("name") in PK_TESTS
    }
    # base_ models keep every landed row, re-synced duplicates included, by
    # design; their key is proven on the stg_ view they feed.
    missing = [
        n["name"]
        for n in _models(manifest)
        if n["unique_id"] not in tested and not n["name"].startswith("base_")
    ]
    assert not missing, f"models without a primary-key test: {missing}"


def test_every_base_model_is_audited(manifest):
    # Disabled base models count too: the HubSpot ones are switched on by a var.
    audited = set(re.findall(r"'(base_[a-z_]+)'", (REPO / "macros" / "audited_tables.sql").read_text()))
    disabled = [n for copies in manifest.get("disabled", {}).values() for n in copies]
    base_models = {
        n["name"] for n in _models(manifest) + disabled
        if n["resource_type"] == "model" and n["name"].startswith("base_")
    }
    assert base_models == audited, (
        f"not audited: {sorted(base_models - audited)}; listed but missing: {sorted(audited - base_models)}"
    )


def test_every_kpi_model_has_three_unit_tests(manifest):
    counts = {n["name"]: 0 for n in _models(manifest) if n["name"].startswith("kpi_")}
    for test in manifest.get("unit_tests", {}).values():
        model = test["model"]
        if model in counts:
            counts[model] += 1
    assert len(counts) == 25, f"expected 25 KPI models, found {len(counts)}"
    short = {m: c for m, c in counts.items() if c < 3}
    assert not short, f"KPI models with fewer than three unit tests: {short}"


def test_personal_data_stays_in_staging(manifest):
    offenders = [
        f'{n["name"]}.{c}'
        for n in _models(manifest)
        if _layer(n) != "staging"
        for c, col in n["columns"].items()
        if (col.get("meta") or {}).get("pii") or (col.get("config", {}).get("meta") or {}).get("pii")
    ]
    assert not offenders, f"PII-marked columns outside staging: {offenders}"
