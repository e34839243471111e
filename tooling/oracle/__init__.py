"""Independent KPI oracle: recomputes the 25 KPIs in plain Python from the
raw sample files (seeds/raw), without reading any dbt model, so
tooling/tests/test_kpi_oracle.py can check fct_kpi_values against it."""
