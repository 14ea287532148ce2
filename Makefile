# Quick start: `make site` then `make test`. Each target sets up what it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
AXE := tests/a11y/node_modules/axe-core/axe.min.js

.PHONY: compiled site test serve check schemas schemas-current i18n lint clean install

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

# The generator byte-compiled, as pip leaves an installed package: an editable install is not,
# and where PYTHONDONTWRITEBYTECODE is set each build's processes would compile it again.
compiled: $(STAMP)
	$(BIN)/python -m compileall -q generator

install: $(STAMP)

# SITE_URL overrides mkdocs.yml's site_url: make site SITE_URL=https://example.org/briefings/
site: compiled
	$(BIN)/briefing build $(if $(SITE_URL),--site-url '$(SITE_URL)')

# axe-core for the accessibility tests, from the npm registry at the version the lock file pins.
$(AXE): tests/a11y/package.json tests/a11y/package-lock.json
	npm ci --prefix tests/a11y --no-audit --no-fund --loglevel=error
	touch $(AXE)

test: $(STAMP) $(AXE)
	$(BIN)/python -m pytest

serve: $(STAMP)
	$(BIN)/briefing serve

check: $(STAMP)
	$(BIN)/briefing check

# Regenerate schemas/*.schema.json and docs/authoring.md from generator/schema.py.
schemas: $(STAMP)
	$(BIN)/briefing schema --write

# Fail when they are out of date (the pre-commit hook).
schemas-current: $(STAMP)
	$(BIN)/briefing schema

# Extract the UI strings, merge them into each locale's catalog, compile the .mo files.
i18n: $(STAMP)
	$(BIN)/briefing i18n all

lint: $(STAMP)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[lint]'
	$(BIN)/ruff check generator tests benchmarks
	$(BIN)/mypy

clean:
	rm -rf site .build
