"""Shared build helpers for the pytest files that need a built warehouse.

`sample_warehouse` seeds and runs the whole project once per pytest session
on the committed sample data, into a throw-away DuckDB file (never the
project's warehouse.duckdb), and returns the path of a pristine copy. Tests
that only read (test_privacy.py) use that path directly; tests that change
raw data (test_bad_input.py) copy it into the runner's work file with
`dbt_runner.restore(...)`, edit the raw tables and call `dbt_runner.dbt("run")`.

Every dbt call of the session uses the same warehouse path and target
directory, so dbt's partial parsing is reused between calls. The DuckDB
catalog is named after the file (`warehouse`), which is why copies keep that
file name in another folder: the views inside still resolve.

Set SAMPLE_WAREHOUSE to the path of a warehouse already built from the
current sample (e.g. target/ci_warehouse.duckdb after `make dbt-duckdb`) to
skip the build; it is copied, never modified.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

REPO = Path(__file__).resolve().parents[2]
DBT = str(Path(sys.executable).with_name("dbt"))
WAREHOUSE_FILE = "warehouse.duckdb"


class DbtRunner:
    """dbt against the repository, writing to one scratch DuckDB file."""

    def __init__(self, root: Path):
        self.root = root
        self.work = root / "work" / WAREHOUSE_FILE
        self.work.parent.mkdir(parents=True, exist_ok=True)
        self.env = dict(
            os.environ,
            WAREHOUSE_PATH=str(self.work),
            DBT_TARGET="duckdb",
            DBT_TARGET_PATH=str(root / "target"),
            DBT_LOG_PATH=str(root / "logs"),
            DBT_SEND_ANONYMOUS_USAGE_STATS="false",
        )
        self.timings: list[tuple[str, float]] = []

    def dbt(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        started = time.monotonic()
        result = subprocess.run(
            [DBT, *args, "--profiles-dir", ".", "--project-dir", ".", "--target", "duckdb"],
            cwd=REPO, env=self.env, capture_output=True, text=True,
        )
        self.timings.append((" ".join(args), time.monotonic() - started))
        if check:
            assert result.returncode == 0, (
                f"dbt {' '.join(args)} failed:\n{result.stdout[-8000:]}\n{result.stderr[-2000:]}"
            )
        return result

    def restore(self, snapshot: Path) -> Path:
        """Replace the work file with a copy of `snapshot`; returns the work path."""
        for stale in (self.work, self.work.with_name(WAREHOUSE_FILE + ".wal")):
            stale.unlink(missing_ok=True)
        shutil.copyfile(snapshot, self.work)
        return self.work

    def snapshot(self, name: str) -> Path:
        """Copy the work file to <root>/<name>/warehouse.duckdb and return that path."""
        target = self.root / name / WAREHOUSE_FILE
        target.parent.mkdir(parents=True, exist_ok=True)
        # Fold any write-ahead log into the file before copying it.
        duckdb.connect(str(self.work)).close()
        shutil.copyfile(self.work, target)
        return target


@pytest.fixture(scope="session")
def dbt_runner(tmp_path_factory) -> DbtRunner:
    runner = DbtRunner(tmp_path_factory.mktemp("dbt_build"))
    yield runner
    # Shown with `pytest -s`: where the session's build time went.
    for command, seconds in runner.timings:
        print(f"\ndbt {command}: {seconds:.0f}s", end="")


@pytest.fixture(scope="session")
def sample_warehouse(dbt_runner: DbtRunner) -> Path:
    """Path of a warehouse seeded and run from the committed sample. Read it,
    or copy it (dbt_runner.restore) before changing anything."""
    prebuilt = os.environ.get("SAMPLE_WAREHOUSE")
    if prebuilt:
        source = Path(prebuilt)
        assert source.is_file(), f"SAMPLE_WAREHOUSE={prebuilt} does not exist"
        dbt_runner.restore(source)
        # The relational models and audit models added since that build still
        # need to exist: a run (no seed) refreshes every model cheaply enough.
        dbt_runner.dbt("run")
    else:
        dbt_runner.work.unlink(missing_ok=True)
        dbt_runner.dbt("seed", "--full-refresh")
        dbt_runner.dbt("run")
    return dbt_runner.snapshot("sample")
