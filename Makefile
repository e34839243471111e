# Two commands on a fresh machine: `make build` and `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := build

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
DBT := $(BIN)/dbt
DBT_FLAGS := --profiles-dir . --project-dir .
export WAREHOUSE_PATH ?= $(CURDIR)/warehouse.duckdb
export PYTHONPATH := $(CURDIR)/tooling
export DBT_SEND_ANONYMOUS_USAGE_STATS := false

.PHONY: build test lint dbt-duckdb dbt-postgres pytest docs generate bench clean

$(BIN)/.installed: requirements.txt constraints.txt
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) is required"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt -c constraints.txt
	@touch $@

## build: virtualenv, warehouse.duckdb from the committed sample data, scorecard
build: $(BIN)/.installed
	@start=$$(date +%s); \
	$(DBT) seed $(DBT_FLAGS) --target duckdb; \
	$(DBT) build $(DBT_FLAGS) --target duckdb --exclude-resource-type unit_test --exclude-resource-type seed; \
	echo "Built $$WAREHOUSE_PATH in $$(( $$(date +%s) - start ))s"
	@$(BIN)/python -m scorecard --warehouse "$$WAREHOUSE_PATH" --out target

## test: lint, dbt build with every data and unit test on DuckDB and PostgreSQL, pytest
test: $(BIN)/.installed lint dbt-duckdb dbt-postgres pytest

lint: $(BIN)/.installed
	$(BIN)/sqlfluff lint models analyses tests snapshots

# Source freshness is configured with warn_after only: late data warns, it
# never fails the build (the sample's load times are months old: all warn).
dbt-duckdb: $(BIN)/.installed
	rm -f $(CURDIR)/target/ci_warehouse.duckdb
	WAREHOUSE_PATH=$(CURDIR)/target/ci_warehouse.duckdb $(DBT) seed $(DBT_FLAGS) --target duckdb
	WAREHOUSE_PATH=$(CURDIR)/target/ci_warehouse.duckdb $(DBT) build $(DBT_FLAGS) --target duckdb --exclude-resource-type seed
	WAREHOUSE_PATH=$(CURDIR)/target/ci_warehouse.duckdb $(DBT) source freshness $(DBT_FLAGS) --target duckdb

dbt-postgres: $(BIN)/.installed
	@eval "$$(scripts/pg_test_server.sh start)"; \
	trap 'scripts/pg_test_server.sh stop' EXIT; \
	$(DBT) seed $(DBT_FLAGS) --target postgres; \
	$(DBT) build $(DBT_FLAGS) --target postgres --exclude-resource-type seed

pytest: $(BIN)/.installed
	$(BIN)/python -m pytest

docs: $(BIN)/.installed
	$(DBT) docs generate $(DBT_FLAGS) --target duckdb

## generate: rewrite the committed sample seeds (deterministic)
generate: $(BIN)/.installed
	$(BIN)/python -m generator

## bench: the same story SCALE times larger straight into DuckDB, then a timed build
SCALE ?= 100
BENCH_DB := $(CURDIR)/bench/warehouse_x$(SCALE).duckdb
bench: $(BIN)/.installed
	mkdir -p bench && rm -f $(BENCH_DB)
	$(BIN)/python -m generator --scale $(SCALE) --duckdb $(BENCH_DB) --jobs 2
	WAREHOUSE_PATH=$(BENCH_DB) $(DBT) seed $(DBT_FLAGS) --target duckdb --exclude path:seeds/raw
	@start=$$(date +%s); \
	WAREHOUSE_PATH=$(BENCH_DB) $(DBT) run $(DBT_FLAGS) --target duckdb; \
	echo "Built x$(SCALE) in $$(( $$(date +%s) - start ))s"

clean:
	rm -rf target logs $(VENV) warehouse.duckdb
