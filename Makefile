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

FAIL_ON ?=

# `make extract`: ingest articles/, extract claims, reconcile and print the report; exit 1
# when an unreviewed conflict at or above fail_on (configuration, or FAIL_ON=...) exists.
# A recipe's failure always makes make exit 2, so the pipeline runs while this file is
# read, and a failing gate switches on question mode (-q), whose answer is exit 1.
ifeq ($(filter extract,$(MAKECMDGOALS)),extract)
$(shell $(MAKE) --no-print-directory install 1>&2)
ifneq ($(.SHELLSTATUS),0)
$(error make extract: installation failed, see above)
endif
$(shell sh scripts/make_extract.sh '$(ARTICLES)' '$(DB)' '$(FAIL_ON)' 1>&2)
EXTRACT_STATUS := $(.SHELLSTATUS)
ifeq ($(EXTRACT_STATUS),1)
MAKEFLAGS += q
else ifneq ($(EXTRACT_STATUS),0)
$(error make extract: the batch failed with exit $(EXTRACT_STATUS), see above)
endif
endif

extract:
	@true

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
