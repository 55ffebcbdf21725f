# The two commands a newcomer needs: `make run` and `make test`. Both set up what is missing first.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
# Python 3.10–3.12 with venv and its C headers (durable-rules is built from source): the operating
# system's own first (/usr/bin), as docs/deployment.md installs it, then the newest on PATH. Debian's
# python3.11 is built with profile-guided and link-time optimisation and runs the same re-diagnosis
# ~9% faster than a build without them (pyenv's default), so tests and `make bench` run what a
# deployment runs. PYTHON=... chooses another.
PYTHON ?= $(shell for p in /usr/bin/python3.12 /usr/bin/python3.11 /usr/bin/python3.10 python3.12 python3.11 python3.10 python3; do \
	command -v $$p >/dev/null && $$p -c 'import sys, os, sysconfig, venv, ensurepip; sys.exit(not ((3,10) <= sys.version_info[:2] < (3,13) and os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h"))))' 2>/dev/null && { echo $$p; break; }; done)
STAMP := $(VENV)/.install-stamp
SYSTEM_PACKAGES := chromium poppler-utils postgresql fonts-dejavu-core
PORT ?= 8501

.PHONY: install run test test-long test-deploy lint typecheck pytest bench bench-quick fuzz fuzz-texts system-deps schemas docs plotly-bundle clean

install: system-deps $(STAMP)

$(STAMP): pyproject.toml deploy/requirements.lock requirements-dev.lock
	@test -n "$(PYTHON)" || { echo "Python 3.10–3.12 with venv and its headers is needed (durable-rules does not import on 3.13); on Debian: apt-get install python3.11-venv python3.11-dev"; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c deploy/requirements.lock -c requirements-dev.lock -e '.[dev]'
	@touch $(STAMP)

# Debian packages the product and its tests use: Chromium (browser tests, chart export),
# poppler (PDF checks), PostgreSQL (the store's tests run against a real server), nginx, PgBouncer
# and openssl (the deployment test runs deploy/ for real behind HTTPS).
system-deps:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v pdftoppm >/dev/null || missing="$$missing poppler-utils"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	test -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf || missing="$$missing fonts-dejavu-core"; \
	command -v nginx >/dev/null || test -x /usr/sbin/nginx || missing="$$missing nginx-light"; \
	command -v pgbouncer >/dev/null || test -x /usr/sbin/pgbouncer || missing="$$missing pgbouncer"; \
	command -v openssl >/dev/null || missing="$$missing openssl"; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "Installing Debian packages:$$missing"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
		else \
			echo "Missing Debian packages:$$missing — install them with: sudo apt-get install$$missing"; exit 1; \
		fi; \
	fi

run: install
	$(PY) -m diagnose db upgrade
	NETSCAN_DEMO=$${NETSCAN_DEMO-1} $(VENV)/bin/streamlit run serve.py --server.port $(PORT) --server.headless true --browser.gatherUsageStats false

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

typecheck: $(STAMP)
	$(VENV)/bin/mypy

pytest: $(STAMP)
	$(PY) -m pytest

test: install lint typecheck pytest

# The deployment of deploy/ for real (also part of `make test`): PostgreSQL, PgBouncer, two app
# processes and nginx over HTTPS, a browser through the proxy, kill -9 of the serving process.
test-deploy: install
	$(PY) -m pytest -q tests/deploy

# The property tests of the summary over thousands of generated rounds instead of a hundred (minutes).
test-long: $(STAMP)
	NETSCAN_HYPOTHESIS=long $(PY) -m pytest -q --timeout=3600 tests/core/test_summary_properties.py tests/report/test_chart_text.py

schemas: $(STAMP)
	$(PY) -m diagnose schemas --write

# the figures and lists marked <!-- gen ... --> in README.md and docs/*.md (tests/test_docs.py checks them)
docs: $(STAMP)
	$(PY) -m tests.docs_figures

# the importers and `netscan validate` against mutated and hostile files, longer than `make test`
# does (25 inputs each, fixed seed); figures in test-output/fuzz/, recorded in docs/hardening.md
FUZZ_EXAMPLES ?= 500
fuzz: $(STAMP)
	NETSCAN_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) NETSCAN_FUZZ_RANDOM=1 $(PY) -m pytest tests/fuzz -q -p no:cacheprovider

# the texts' property test over thousands of generated rounds instead of make test's 150
fuzz-texts: $(STAMP)
	NETSCAN_TEXT_EXAMPLES=3000 $(PY) -m pytest tests/core/test_texts.py -q

# Every benchmarks/bench_*.py, then one table of all their figures (benchmarks/table.py) beside the
# previous run's (kept in test-output/bench-previous: run it on the old code, then on the new). A
# script that misses a target still lets the others run; make fails at the end and names it.
# `make bench-quick` asks the scripts for fewer runs (BENCH_QUICK=1): minutes instead of ~half an hour.
bench: install
	@rm -rf test-output/bench-previous; if [ -d test-output/bench ]; then mv test-output/bench test-output/bench-previous; fi
	@failed=""; for script in benchmarks/bench_*.py; do echo "== $$script"; $(PY) $$script || failed="$$failed $$script"; done; \
	echo; $(PY) benchmarks/table.py --before test-output/bench-previous; \
	if [ -n "$$failed" ]; then echo "missed a target or failed:$$failed"; exit 1; fi

bench-quick:
	@BENCH_QUICK=1 $(MAKE) --no-print-directory bench

# The report's plotly.js with only the trace types its charts use (tools/plotly_bundle/README.md).
plotly-bundle:
	cd tools/plotly_bundle && npm ci --no-audit --no-fund && node build.js

clean:
	rm -rf $(VENV) test-output .pytest_cache .mypy_cache .ruff_cache
