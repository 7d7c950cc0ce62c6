# The two commands: `make run` (set up and start the service) and `make test` (set up and run the tests).
VENV ?= .venv
PY := $(VENV)/bin/python
export PATH := $(abspath $(VENV))/bin:$(PATH)

.PHONY: run test check audit setup setup-dev bench format

run: setup
	$(VENV)/bin/hkd serve

test: setup-dev
	$(PY) -m pytest -q -n 2

check: setup-dev
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports
	$(PY) scripts/check_cycles.py service rules schemas ocr samples benchmarks

# Known vulnerabilities in the installed dependencies (needs PyPI's JSON API or OSV; see README).
audit: setup-dev
	$(VENV)/bin/pip-audit --progress-spinner off --skip-editable --strict

format: setup-dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

setup:
	@scripts/setup.sh run

setup-dev:
	@scripts/setup.sh dev
