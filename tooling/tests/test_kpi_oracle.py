"""Independent oracle: every KPI recomputed in plain Python from the raw
sample files must equal what the dbt build puts in marts.fct_kpi_values.

The oracle (tooling/oracle) reads seeds/raw/<system>/*.csv and the reference
seeds only, never a dbt model: it cleans the raw rows itself (latest loader
copy per key, soft deletes, the quarantine rules of the base_ models, time
zone offsets to UTC, normalised ids and emails), conforms people, partners,
deals and activities (identity by employee number then email, manager and
role history, FX at the latest rate on or before the record's date) and
applies each KPI's rule from docs/kpi_definitions.md (and the KPI model's
YAML description where that page leaves a detail open).

Per KPI (parametrised over all 25):
- test_overall_latest_complete_period: the overall row of the latest
  complete period (period_end + the catalog's maturity_days <= as_of_date
  2026-09-30) — value, numerator, denominator, sample_size, pending_count and
  secondary_value;
- test_one_segment: one segmented row of that period (enablement_status
  `enabled`, gate `gate_1`, partner_type, competitor `AWS`, event_type
  `pricing_change`, ...); the three KPIs reported overall only (21, 22, 24)
  check the overall row of the previous complete period instead.

Tolerance: 1e-6 relative, with a 1e-6 absolute floor because the warehouse
stores measures as DECIMAL(28,6) (half a unit in the last place is lost on
the way in); counts (sample_size, pending_count, a count KPI's value) must be
equal. For a diagnosis of every row, run
`PYTHONPATH=tooling python -m oracle --warehouse <path to a built DuckDB>`.

The warehouse comes from the session fixture `sample_warehouse`
(tooling/tests/conftest.py: seeds and runs the project into a throw-away
DuckDB file).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from oracle import compare, kpis

REPO = Path(__file__).resolve().parents[2]

# One segment per KPI: (segment_type, segment_value); a None value means the
# segment value with the largest oracle sample in that period (ties: the
# smallest value), for cuts whose values are ids or vary by period.
SEGMENTS = {
    "sa_ramp_time": ("enablement_status", "enabled"),
    "ae_time_to_first_qualified_opp": ("enablement_status", "enabled"),
    "partner_time_to_first_deal_registration": ("partner_type", None),
    "gate_first_attempt_pass_rate": ("gate", "gate_1"),
    "phase_completion_on_time_rate": ("phase", "Foundation"),
    "module_score": ("module", None),
    "confidence_delta": ("skill", "tco_model_defense"),
    "content_freshness_index": ("trigger_type", "competitive_event"),
    "coaching_completion_rate": ("manager", None),
    "program_adoption_rate": ("role_track", "Partner"),
    "sa_technical_win_rate": ("enablement_status", "enabled"),
    "discovery_to_validation_days": ("enablement_status", "enabled"),
    "ae_90_day_quota_attainment": ("enablement_status", "enabled"),
    "ae_90_day_deal_size": ("enablement_status", "enabled"),
    "competitive_win_rate": ("competitor", "AWS"),
    "partner_sourced_pipeline": ("partner_type", "VAR"),
    "sa_escalations_per_partner_deal": ("partner_stage", "3+"),
    "partner_certification_rate": ("partner_type", "VAR"),
    "joint_case_studies": ("partner_type", "Alliance"),
    "partner_nrr": ("partner_type", "Alliance"),
    "enablement_roi": None,
    "revenue_capacity_added": None,
    "enablement_nps": ("role_track", "Partner"),
    "enablement_to_field_ratio": None,
    "time_to_competitive_response": ("event_type", "pricing_change"),
}
KPI_CODES = list(kpis.KPI_FUNCTIONS)


@pytest.fixture(scope="module")
def catalog():
    return compare.read_catalog(REPO)


@pytest.fixture(scope="module")
def oracle():
    return compare.compute_all(REPO)


@pytest.fixture(scope="module")
def warehouse(sample_warehouse):
    return compare.warehouse_rows(sample_warehouse)


def _maturity(catalog, code) -> int:
    return int(catalog[code]["maturity_days"])


def _assert_row_matches(code, key, oracle_row, warehouse, unit):
    row = warehouse.get((code, *key))
    assert row is not None, f"{code}: fct_kpi_values has no row for {key}; oracle expects {oracle_row}"
    problems = compare.differences(oracle_row, row, unit)
    assert not problems, f"{code} {key}:\n  " + "\n  ".join(problems)


def test_oracle_covers_every_catalog_kpi(catalog):
    assert len(catalog) == 25
    assert set(KPI_CODES) == set(catalog)
    assert set(SEGMENTS) == set(catalog)


def test_warehouse_reports_every_kpi(warehouse):
    assert {key[0] for key in warehouse} == set(KPI_CODES)


@pytest.mark.parametrize("code", KPI_CODES)
def test_overall_latest_complete_period(code, catalog, oracle, warehouse):
    result = oracle[code]
    period = compare.latest_complete_period(result, _maturity(catalog, code))
    assert period is not None, f"{code}: the oracle finds no complete period"
    row = warehouse.get((code, period, "overall", "all"))
    assert row is not None, f"{code}: no overall row for the latest complete period {period}"
    assert row["period_grain"] == result.grain
    assert row["is_period_complete"] is True, f"{code}: {period} is complete but not flagged so"
    later = [key[1] for key in warehouse if key[0] == code and key[1] > period and key[2] == "overall"]
    assert not any(warehouse[(code, start, "overall", "all")]["is_period_complete"] for start in later)
    _assert_row_matches(code, (period, "overall", "all"), result.get(period), warehouse,
                        catalog[code]["unit"])


@pytest.mark.parametrize("code", KPI_CODES)
def test_one_segment(code, catalog, oracle, warehouse):
    result = oracle[code]
    maturity = _maturity(catalog, code)
    period = compare.latest_complete_period(result, maturity)
    segment = SEGMENTS[code]
    if segment is None:
        # Reported overall only: check the previous complete period instead.
        previous = [start for start in compare.complete_periods(result, maturity) if start < period]
        assert previous, f"{code}: only one complete period"
        key = (max(previous), "overall", "all")
    else:
        segment_type, segment_value = segment
        if segment_value is None:
            candidates = [(k[2], r) for k, r in result.rows.items() if k[0] == period and k[1] == segment_type]
            assert candidates, f"{code}: the oracle has no {segment_type} segment in {period}"
            segment_value = min(candidates, key=lambda c: (-(c[1].sample_size or 0), c[0]))[0]
        key = (period, segment_type, segment_value)
        assert key in result.rows, f"{code}: the oracle has no row {key}"
    _assert_row_matches(code, key, result.rows[key], warehouse, catalog[code]["unit"])
