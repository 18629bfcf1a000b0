# Peel: local development, tests and benchmarks.
#
# `make` (or `make help`) lists the targets. Everything runs on this machine:
# Kafka from Maven Central jars and a private PostgreSQL cluster, both under
# .local/ (see deploy/local/*.sh; every address and port is an environment
# variable, e.g. PEEL_KAFKA_PORT, PEEL_PG_PORT, PEEL_CONSULTATION_PORT).
#
# Switches: PEEL_LOCAL_KAFKA=0 / PEEL_LOCAL_POSTGRES=0 use an existing broker /
# server instead (PEEL_KAFKA_BOOTSTRAP, PEEL_PG_HOST, PEEL_PG_PORT ...).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

PYTHON ?= python3
PYTEST_ARGS ?=
PEEL_LOCAL_KAFKA ?= 1
PEEL_LOCAL_POSTGRES ?= 1
PEEL_LOCAL_DIR ?= $(CURDIR)/.local
# bench/*.py files that are helpers rather than benchmarks.
BENCH_SKIP ?= bench/__init__.py bench/_%.py bench/%_roles.py bench/%_app.py

VENV := .venv
VENV_PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
LOCAL := deploy/local
BENCHES = $(filter-out $(BENCH_SKIP),$(sort $(wildcard bench/*.py)))

.PHONY: help setup up down status run lint unit test bench lock clean

help: ## List the targets
	@echo "Peel - make targets:"
	@awk 'BEGIN {FS = ":.*## "} /^[a-z][a-zA-Z_-]*:.*## / {printf "  %-8s %s\n", $$1, $$2}' $(MAKEFILE_LIST)
	@echo "Variables: PYTHON=$(PYTHON) PYTEST_ARGS='$(PYTEST_ARGS)' PEEL_LOCAL_KAFKA=$(PEEL_LOCAL_KAFKA) PEEL_LOCAL_POSTGRES=$(PEEL_LOCAL_POSTGRES)"

$(VENV_PY):
	$(PYTHON) -m venv $(VENV)

# Re-installs only when a lock file, pyproject.toml or setup.py changed. The editable install is
# a static .pth path to the repository root, where peel/ links each peel.* package to its folder.
$(STAMP): requirements.lock requirements-dev.lock pyproject.toml $(wildcard setup.py) | $(VENV_PY)
	$(VENV_PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(VENV_PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.lock
	$(VENV_PY) -m pip install --quiet --disable-pip-version-check --no-deps --config-settings editable_mode=compat -e .
	touch $@

setup: $(STAMP) ## Install .venv and the web assets (npm), fetch Kafka/PostgreSQL, make dev JWT keys
	@$(LOCAL)/web-assets.sh build
	@if [ "$(PEEL_LOCAL_KAFKA)" != "0" ]; then $(LOCAL)/kafka.sh install; fi
	@if [ "$(PEEL_LOCAL_POSTGRES)" != "0" ]; then $(LOCAL)/postgres.sh install; fi
	@$(VENV)/bin/peel keys

up: setup ## Start Kafka, PostgreSQL and the four services; wait until all are healthy
	@$(LOCAL)/platform.sh up

down: ## Stop the services, PostgreSQL and Kafka
	@$(LOCAL)/platform.sh down

status: ## Show what is running and healthy
	@$(LOCAL)/platform.sh status

run: up ## up + demo data, then follow the service logs; Ctrl-C stops the platform
	$(VENV)/bin/peel demo
	@$(LOCAL)/platform.sh follow

lint: $(STAMP) ## Check the code: ruff (style, bugs, import order) and import-linter (layers, pure domains)
	@status=0; \
	$(VENV)/bin/ruff check . || status=1; \
	$(VENV)/bin/lint-imports || status=1; \
	exit $$status

unit: $(STAMP) ## Run the unit tests only (pytest -m unit: no Kafka, no PostgreSQL)
	$(VENV_PY) -m pytest -m unit $(PYTEST_ARGS)

test: setup lint ## Check the code, then run the test suite (PYTEST_ARGS='-k outbox -x' to narrow it; installs Chromium)
	@$(LOCAL)/chromium.sh install
	$(VENV_PY) -m pytest $(PYTEST_ARGS)

bench: setup ## Start Kafka and PostgreSQL if needed, then run every benchmark in bench/, one after the other
	@if [ "$(PEEL_LOCAL_KAFKA)" != "0" ]; then $(LOCAL)/kafka.sh start; fi
	@if [ "$(PEEL_LOCAL_POSTGRES)" != "0" ]; then $(LOCAL)/postgres.sh start; fi
	@if [ -z "$(strip $(BENCHES))" ]; then echo "bench: no benchmarks in bench/"; fi
	@for f in $(BENCHES); do \
	  echo "== bench: $$f"; \
	  module=$${f%.py}; $(VENV_PY) -m "$${module//\//.}" || { echo "bench: $$f failed" >&2; exit 1; }; \
	done

lock: | $(VENV_PY) ## Regenerate requirements.lock (runtime) and requirements-dev.lock from pyproject.toml
	$(VENV)/bin/pip install --quiet --disable-pip-version-check uv
	$(VENV)/bin/uv pip compile pyproject.toml --python-version 3.11 -o requirements.lock
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --python-version 3.11 -o requirements-dev.lock

clean: down ## Stop everything and delete local data and logs (keeps the downloaded Kafka jars and .venv)
	@if [ -d "$(PEEL_LOCAL_DIR)" ]; then \
	  find "$(PEEL_LOCAL_DIR)" -mindepth 1 -maxdepth 1 ! -name kafka -exec rm -rf {} +; \
	  if [ -d "$(PEEL_LOCAL_DIR)/kafka" ]; then \
	    find "$(PEEL_LOCAL_DIR)/kafka" -mindepth 1 -maxdepth 1 ! -name lib -exec rm -rf {} +; \
	  fi; \
	fi
	@echo "clean: removed local data under $(PEEL_LOCAL_DIR) (kept $(PEEL_LOCAL_DIR)/kafka/lib)"
