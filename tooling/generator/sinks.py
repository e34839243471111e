"""Where rows go: dbt seed CSVs (+ properties YAML), a DuckDB file, or
Parquet files. The DuckDB and Parquet sinks buffer rows and flush them in
batches through a temporary CSV, so memory stays bounded at any scale."""

from __future__ import annotations

import csv
import os
import sys
import tempfile
import time
from pathlib import Path

from .schema import SYSTEMS, TABLES, Table


def _write_csv(path: Path, columns, rows) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(rows)


def _yaml_text(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def seeds_yaml(system: str) -> str:
    """dbt properties file for one system's raw seeds (every column varchar)."""
    lines = ["version: 2", "", "seeds:"]
    for t in (t for t in TABLES if t.system == system):
        lines += [f"  - name: {t.name}",
                  f"    description: {_yaml_text(t.description + ' Sample data from tooling/generator.')}",
                  "    config:",
                  f"      schema: {t.schema}",
                  "      column_types:"]
        lines += [f"        {c}: varchar" for c in t.columns]
    return "\n".join(lines) + "\n"


class CsvSink:
    """seeds/raw/<system>/<table>.csv and _<system>__seeds.yml (scale 1 only)."""

    def __init__(self, out_dir: Path):
        self.out_dir = Path(out_dir)
        self.rows: dict[str, list] = {t.key: [] for t in TABLES}

    def add(self, key: str, rows: list) -> None:
        self.rows[key].extend(rows)

    def counts(self) -> dict[str, int]:
        return {k: len(v) for k, v in self.rows.items()}

    def close(self) -> dict[str, int]:
        for system in SYSTEMS:
            folder = self.out_dir / system
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"_{system}__seeds.yml").write_text(seeds_yaml(system), encoding="utf-8")
        for t in TABLES:
            _write_csv(self.out_dir / t.system / f"{t.name}.csv", t.columns, self.rows[t.key])
        return {k: len(v) for k, v in self.rows.items()}


class _BatchSink:
    """Buffers rows across tables; flushes everything once ``batch_rows`` are held."""

    def __init__(self, batch_rows: int):
        import duckdb  # only the scale sinks need it
        self.duckdb = duckdb
        self.batch_rows = batch_rows
        self.buffer: dict[str, list] = {t.key: [] for t in TABLES}
        self.buffered = 0
        self.written: dict[str, int] = {t.key: 0 for t in TABLES}
        self.tmp = tempfile.TemporaryDirectory(prefix="generator-")

    def add(self, key: str, rows: list) -> None:
        self.buffer[key].extend(rows)
        self.buffered += len(rows)
        if self.buffered >= self.batch_rows:
            self.flush()

    def counts(self) -> dict[str, int]:
        """Rows handed over so far (written or waiting in the buffer)."""
        return {k: self.written[k] + len(self.buffer[k]) for k in self.written}

    def flush(self) -> None:
        for t in TABLES:
            rows = self.buffer[t.key]
            if rows:
                path = Path(self.tmp.name) / f"{t.key}.csv"
                _write_csv(path, t.columns, rows)
                self._load(t, path)
                self.written[t.key] += len(rows)
                self.buffer[t.key] = []
        self.buffered = 0

    def _read_csv_sql(self, t: Table, path: Path) -> str:
        cols = ", ".join(f"'{c}': 'VARCHAR'" for c in t.columns)
        return (f"read_csv('{path}', columns={{{cols}}}, header=true, delim=',', quote='\"', escape='\"', "
                f"nullstr='', auto_detect=false, strict_mode=true)")

    def close(self) -> dict[str, int]:
        self.flush()
        self._finish()
        self.tmp.cleanup()
        return dict(self.written)

    def _load(self, t: Table, path: Path) -> None:
        raise NotImplementedError

    def _finish(self) -> None:
        pass


class DuckDBSink(_BatchSink):
    """Tables raw_<system>.<table> (all VARCHAR) in a DuckDB file; replaced if present."""

    def __init__(self, path: Path, batch_rows: int):
        super().__init__(batch_rows)
        self.con = self.duckdb.connect(str(path))
        for system in SYSTEMS:
            self.con.execute(f'create schema if not exists "raw_{system}"')
        for t in TABLES:
            cols = ", ".join(f'"{c}" varchar' for c in t.columns)
            self.con.execute(f'create or replace table "{t.schema}"."{t.name}" ({cols})')

    def _load(self, t: Table, path: Path) -> None:
        self.con.execute(f'insert into "{t.schema}"."{t.name}" select * from {self._read_csv_sql(t, path)}')

    def _finish(self) -> None:
        self.con.close()


class ParquetSink(_BatchSink):
    """<dir>/raw_<system>/<table>/part-NNNNN.parquet, one part per flush."""

    def __init__(self, out_dir: Path, batch_rows: int):
        super().__init__(batch_rows)
        self.out_dir = Path(out_dir)
        self.con = self.duckdb.connect()
        self.parts: dict[str, int] = {t.key: 0 for t in TABLES}
        for t in TABLES:
            folder = self.out_dir / t.schema / t.name
            folder.mkdir(parents=True, exist_ok=True)
            for old in folder.glob("part-*.parquet"):
                old.unlink()

    def _load(self, t: Table, path: Path) -> None:
        target = self.out_dir / t.schema / t.name / f"part-{self.parts[t.key]:05d}.parquet"
        self.parts[t.key] += 1
        self.con.execute(f"copy (select * from {self._read_csv_sql(t, path)}) to '{target}' (format parquet)")

    def _finish(self) -> None:
        for t in TABLES:   # an empty table still gets a (schema-only) file
            if self.parts[t.key] == 0:
                path = Path(self.tmp.name) / f"{t.key}.csv"
                _write_csv(path, t.columns, [])
                self._load(t, path)
        self.con.close()


class Progress:
    """Progress on stderr: a line per shard (at most one a second), the rows
    per table at every 10% of the shards, and a per-table summary at the end."""

    def __init__(self, shards: int, quiet: bool = False, stream=sys.stderr):
        self.shards, self.quiet, self.stream = shards, quiet, stream
        self.start = time.monotonic()
        self.rows = 0
        self.last = 0.0

    def milestone(self, shard: int, counts: dict[str, int]) -> None:
        done = shard + 1
        if self.quiet or self.shards < 10 or done == self.shards or done * 10 // self.shards == shard * 10 // self.shards:
            return
        print(f"[{_clock(self.elapsed())}] {done * 100 // self.shards}% of shards: rows per table so far",
              file=self.stream)
        self.summary(counts)

    def elapsed(self) -> float:
        return time.monotonic() - self.start

    def shard_done(self, shard: int, rows: int) -> None:
        self.rows += rows
        now = self.elapsed()
        if self.quiet or (now - self.last < 1.0 and shard + 1 < self.shards):
            return
        self.last = now
        done = shard + 1
        eta = now / done * (self.shards - done)
        print(f"[{_clock(now)}] shard {done:>{len(str(self.shards))}}/{self.shards}  "
              f"rows {self.rows:>12,}  {self.rows / max(now, 1e-9):>10,.0f} rows/s  eta {_clock(eta)}",
              file=self.stream, flush=True)

    def summary(self, counts: dict[str, int]) -> None:
        if self.quiet:
            return
        width = max(len(k) for k in counts)
        for key, n in counts.items():
            print(f"  {key:<{width}}  {n:>12,}", file=self.stream)
        print(f"  {'total':<{width}}  {sum(counts.values()):>12,}  in {_clock(self.elapsed())}",
              file=self.stream, flush=True)


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def default_seed_dir() -> Path:
    return Path(os.environ.get("GENERATOR_REPO", Path(__file__).resolve().parents[2])) / "seeds" / "raw"
