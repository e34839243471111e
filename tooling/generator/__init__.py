"""Deterministic sample raw data for the revenue-enablement warehouse.

One fake AI-cloud company, 2024-04-01 .. 2026-09-30 (as-of), landed the way
EL tools land it. Run ``python -m generator --help`` (with ``tooling`` on
PYTHONPATH).
"""
