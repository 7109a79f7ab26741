# extractor — the README's commands. Everything installs itself into .venv on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DB     ?= data/extractor.db
ARTICLES ?= articles
SHARED ?= ../shared

.PHONY: install extract test eval bench lint clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

# Ingest articles/, extract claims, reconcile them and print the report.
extract: $(STAMP)
	$(BIN)/extractor extract $(ARTICLES) --db $(DB)
	$(BIN)/extractor claims --db $(DB) --format table
	$(BIN)/extractor reconcile --db $(DB); rc=$$?; \
	  $(BIN)/extractor conflicts --db $(DB); exit $$rc

test: $(STAMP)
	$(BIN)/python -m pytest -q -p no:cacheprovider; rc=$$?; if [ $$rc -eq 5 ]; then rc=0; fi; exit $$rc

eval: $(STAMP)
	$(BIN)/python scripts/evaluate.py --shared $(SHARED)

bench: $(STAMP)
	$(BIN)/python scripts/bench.py --shared $(SHARED)

lint: $(STAMP)
	$(BIN)/ruff check extractor tests scripts

clean:
	rm -rf $(VENV) data build *.egg-info .pytest_cache .ruff_cache .hypothesis bench/work
