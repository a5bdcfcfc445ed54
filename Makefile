# robocampus: the two set-up commands are `make demo` and `make test`.
# Both create .venv on first use; nothing is installed outside it.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip

.PHONY: demo test bench lint format clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# One stamp per set of extras, rebuilt when pyproject.toml changes.
$(VENV)/.installed-runtime: pyproject.toml | $(BIN)/python
	$(PIP) install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(PIP) install --quiet -e '.[dev,bench]'
	touch $@

demo: $(VENV)/.installed-runtime
	$(BIN)/robocampus demo

test: $(VENV)/.installed-test
	$(BIN)/ruff check src tests bench
	$(BIN)/python -m pytest

bench: $(VENV)/.installed-test
	$(BIN)/python -m bench

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

format: $(VENV)/.installed-test
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis build src/*.egg-info
