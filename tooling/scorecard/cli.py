"""Command line: python -m scorecard --warehouse PATH --out DIR."""

import argparse
import os
import sys
from pathlib import Path

from scorecard.report import (
    DEFAULT_RELATION,
    load_scorecard,
    render_table,
    summarise,
    summary_line,
    write_csv,
    write_json,
)


def _parser():
    parser = argparse.ArgumentParser(
        prog="python -m scorecard",
        description="Print the latest KPI scorecard and write it as CSV and JSON.",
    )
    parser.add_argument("--warehouse", required=True, help="path to the DuckDB warehouse file")
    parser.add_argument("--out", default="target", help="directory for kpi_scorecard.csv / .json (default: target)")
    parser.add_argument(
        "--relation",
        default=DEFAULT_RELATION,
        help=f"schema.table to read (default: {DEFAULT_RELATION})",
    )
    colour = parser.add_mutually_exclusive_group()
    colour.add_argument("--color", dest="colour", action="store_true", default=None, help="always colour statuses")
    colour.add_argument("--no-color", dest="colour", action="store_false", help="never colour statuses")
    return parser


def _use_colour(choice, stream):
    if choice is not None:
        return choice
    if os.environ.get("NO_COLOR"):
        return False
    return hasattr(stream, "isatty") and stream.isatty()


def main(argv=None):
    args = _parser().parse_args(argv)
    warehouse = Path(args.warehouse)
    if not warehouse.exists():
        print(f"scorecard: warehouse not found: {warehouse}", file=sys.stderr)
        return 2
    try:
        rows = load_scorecard(warehouse, args.relation)
    except Exception as error:  # duckdb raises its own exception types
        print(f"scorecard: cannot read {args.relation} from {warehouse}: {error}", file=sys.stderr)
        return 2

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    csv_path = write_csv(rows, out / "kpi_scorecard.csv")
    json_path = write_json(rows, out / "kpi_scorecard.json")

    stream = sys.stdout
    unicode_ok = _can_encode(stream, "↑↓→")
    print(render_table(rows, colour=_use_colour(args.colour, stream), unicode_arrows=unicode_ok), file=stream)
    print(summary_line(summarise(rows)), file=stream)
    print(f"Wrote {csv_path} and {json_path}", file=stream)
    return 0


def _can_encode(stream, text):
    encoding = getattr(stream, "encoding", None) or "ascii"
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True
