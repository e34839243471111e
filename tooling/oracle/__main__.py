"""Compare every row of a built warehouse's fct_kpi_values with the oracle.

    PYTHONPATH=tooling python -m oracle --warehouse /tmp/my.duckdb [--kpi CODE ...]

Prints, per KPI, the latest complete period with the oracle and warehouse
overall values, and every row that disagrees (or exists on one side only).
Exit code 1 when anything disagrees.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .compare import compare_everything, compute_all, latest_complete_period, read_catalog, warehouse_rows

REPO = Path(__file__).resolve().parents[2]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m oracle", description=__doc__.splitlines()[0])
    parser.add_argument("--warehouse", required=True, type=Path)
    parser.add_argument("--kpi", action="append", default=[], help="only these kpi codes")
    parser.add_argument("--limit", type=int, default=10, help="disagreements shown per KPI")
    args = parser.parse_args(argv)

    results = compute_all(REPO)
    if args.kpi:
        results = {code: result for code, result in results.items() if code in args.kpi}
    catalog = read_catalog(REPO)
    rows = warehouse_rows(args.warehouse)
    report = compare_everything(results, rows)
    failed = False
    for code, result in results.items():
        period = latest_complete_period(result, int(catalog[code]["maturity_days"]))
        mine = result.get(period) if period else None
        theirs = rows.get((code, period, "overall", "all"))
        problems = report[code]
        failed = failed or bool(problems)
        print(f"{code:42s} latest complete {period}  oracle {mine.value if mine else None!r:>24}  "
              f"warehouse {theirs['value'] if theirs else None!r:>24}  "
              f"rows {len(result.rows):4d}  disagreements {len(problems)}")
        for problem in problems[: args.limit]:
            print(f"    {problem}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
