# Two commands do everything on a fresh machine with Python 3.11+ and make:
#   make site   build the site from the shipped data into build/site
#   make test   run every test
PYTHON ?= python3
VALIDATE_FLAGS ?=
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: site test serve validate bench clean

site: $(VENV)/.installed
	$(BIN)/edutargets build

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest

serve: $(VENV)/.installed
	$(BIN)/edutargets serve

validate: $(VENV)/.installed
	$(BIN)/edutargets validate $(VALIDATE_FLAGS)

bench: $(VENV)/.installed-test
	$(BIN)/python scripts/bench.py --json bench.json

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

clean:
	rm -rf build
