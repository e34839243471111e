"""Command line: ``python -m generator`` (with ``tooling`` on PYTHONPATH).

Default: the committed dbt seeds under seeds/raw/. With ``--scale N`` and
``--duckdb PATH`` or ``--parquet DIR``: the same story N times over (N regions,
unique ids), streamed straight into DuckDB or Parquet.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .sinks import CsvSink, DuckDBSink, ParquetSink, Progress, default_seed_dir
from .world import generate_shard


def parse_args(argv=None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m generator", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    ap.add_argument("--out", type=Path, default=None,
                    help="seed CSV folder (default <repo>/seeds/raw); CSV mode only")
    ap.add_argument("--scale", type=int, default=1, help="N x people, partners and deals (needs --duckdb/--parquet "
                                                          "when N > 1)")
    target = ap.add_mutually_exclusive_group()
    target.add_argument("--duckdb", type=Path, help="write schemas raw_<system> into this DuckDB file")
    target.add_argument("--parquet", type=Path, help="write <dir>/raw_<system>/<table>/part-*.parquet")
    ap.add_argument("--batch-rows", type=int, default=250_000, help="rows buffered before a flush (scale modes)")
    ap.add_argument("--jobs", type=int, default=1, help="worker processes generating shards (output is identical)")
    ap.add_argument("--quiet", action="store_true", help="no progress output")
    args = ap.parse_args(argv)
    if args.scale < 1:
        ap.error("--scale must be >= 1")
    if args.scale > 1 and not (args.duckdb or args.parquet):
        ap.error("--scale > 1 writes to --duckdb or --parquet, not to seeds")
    if args.out and (args.duckdb or args.parquet):
        ap.error("--out is for the seed CSVs only")
    return args


def _shard(job: tuple[int, int, int]):
    seed, shard, scale = job
    return generate_shard(seed, shard, scale)


def run(args: argparse.Namespace) -> dict[str, int]:
    if args.duckdb:
        sink = DuckDBSink(args.duckdb, args.batch_rows)
    elif args.parquet:
        sink = ParquetSink(args.parquet, args.batch_rows)
    else:
        sink = CsvSink(args.out or default_seed_dir())
    progress = Progress(args.scale, args.quiet)
    jobs = [(args.seed, shard, args.scale) for shard in range(args.scale)]
    if args.jobs > 1 and args.scale > 1:
        import multiprocessing
        with multiprocessing.Pool(args.jobs) as pool:
            results = pool.imap(_shard, jobs)   # ordered: output independent of --jobs
            counts = _drain(results, sink, progress)
    else:
        counts = _drain(map(_shard, jobs), sink, progress)
    progress.summary(counts)
    return counts


def _drain(results, sink, progress) -> dict[str, int]:
    for shard, tables in enumerate(results):
        for key, rows in tables.items():
            sink.add(key, rows)
        progress.shard_done(shard, sum(len(r) for r in tables.values()))
        progress.milestone(shard, sink.counts())
    return sink.close()


def main(argv=None) -> int:
    run(parse_args(argv))
    return 0


if __name__ == "__main__":
    sys.exit(main())
