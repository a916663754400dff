# Short verbs for the guardianship portal. See README.md.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip install --disable-pip-version-check --quiet --build-constraint requirements/build-constraints.txt
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test venv system system-test messages compilemessages migrate seed lint typecheck format lock clean

run: system venv compilemessages
	mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
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

# Extract new strings into locale/{kk,ru}; translate them, then `make compilemessages`.
messages: venv
	$(PY) manage.py makemessages --locale kk --locale ru --no-obsolete --ignore '.venv/*' --ignore 'var/*' --ignore 'staticfiles/*' --ignore 'tests/*' --ignore 'test-artifacts/*'

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
