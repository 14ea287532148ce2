# Quick start: `make site` then `make test`. Each target sets up what it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site test serve check i18n lint clean install

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

site: $(STAMP)
	$(BIN)/briefing build

test: $(STAMP)
	$(BIN)/python -m pytest

serve: $(STAMP)
	$(BIN)/briefing serve

check: $(STAMP)
	$(BIN)/briefing check

# Extract the UI strings, merge them into each locale's catalog, compile the .mo files.
i18n: $(STAMP)
	$(BIN)/briefing i18n all

lint: $(STAMP)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[lint]'
	$(BIN)/ruff check generator tests benchmarks
	$(BIN)/mypy

clean:
	rm -rf site .build
