# Short verbs for the guardianship portal. See README.md.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip install --disable-pip-version-check --quiet --build-constraint requirements/build-constraints.txt
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test venv system system-test messages compilemessages migrate seed lint typecheck format lock clean bench

# The address the documents' verification QR codes and links print (README, settings):
# the server's own, unless set.
run: export PORTAL_BASE_URL ?= http://$(HOST):$(PORT)
# The demo as production shows it: the portal's own error pages (DEBUG=True for Django's).
run: export DEBUG ?= False
run: system venv compilemessages
	mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@# A job worker beside the server (documents, notifications, reminders: README,
	@# "Jobs"), stopped by its id when the server stops (Ctrl-C included).
	$(PY) manage.py run_jobs & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

test: system-test venv compilemessages
	$(PY) -m pytest

venv: $(VENV)/.installed

$(VENV)/.installed: requirements.lock requirements/build-constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --disable-pip-version-check --quiet pip==25.3
	$(PIP) -r requirements.lock
	touch $@

system:
	@$(PYTHON) tools/system_packages.py run

system-test:
	@$(PYTHON) tools/system_packages.py test

# Extract new strings; translate them, then `make compilemessages`. One run fills every
# catalogue: makemessages writes a file's strings into the nearest locale/ above it, so
# services/<code>/locale/{kk,ru} get the strings of their app (a new service app only
# needs an empty locale/ folder to get its own) and locale/{kk,ru} the rest, including the
# shared services/*.py modules. tests/ (with the test-only service) is left out.
messages: venv
	$(PY) manage.py makemessages --locale kk --locale ru --no-obsolete --ignore '.venv/*' --ignore 'var/*' --ignore 'staticfiles/*' --ignore 'tests/*' --ignore 'test-artifacts/*'

# Compiles locale/ and every app's locale/ (compilemessages walks the tree).
compilemessages: venv
	$(PY) manage.py compilemessages --ignore '.venv/*' -v 0

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# mypy with django-stubs over the application code (configuration in pyproject.toml).
typecheck: venv
	$(VENV)/bin/mypy

format: venv
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Refreeze the full dependency set after changing a pin in pyproject.toml.
lock: venv
	$(PIP) -e '.[dev]'
	$(VENV)/bin/pip freeze --exclude-editable | grep -v '^-e' > requirements.lock

clean:
	rm -rf $(VENV) var staticfiles test-artifacts

# Measure the pages on PostgreSQL at national scale (README, "Benchmark"): creates and
# drops its own database bench_portal. BENCH_ROWS=100000 for a quick run; BENCH_KEEP=1
# keeps the database and prints its DATABASE_URL. Then the monthly payment register of
# one office with BENCH_ENTITLEMENTS (default 100,000) entitlements, in its own
# database bench_payments (issue #15).
bench: venv compilemessages
	$(PY) -m tools.bench
	$(PY) -m tools.bench.payments
