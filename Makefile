# Two entry points for a fresh machine: `make site` (or `make serve`) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export NO_MKDOCS_2_WARNING := 1
# mkdocs-redirects prints a banner of its own about MkDocs 2 unless this is set.
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: site serve test check browser tools mutation

$(BIN)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

## Generate the pages from facts.yml and seeds/, build the static site into site/ and index it for search.
site: $(BIN)/.installed
	$(BIN)/python -m generator build
	$(BIN)/mkdocs build --strict
	$(BIN)/python -m generator search-index --site site

## Live preview on http://127.0.0.1:$(PORT) (`make serve PORT=8001`; 0: any free port): regenerates and
## rebuilds on changes to facts.yml, seeds/, templates/, overrides/, mkdocs.yml and hand-written docs/.
PORT ?= 8000
serve: $(BIN)/.installed
	$(BIN)/python -m generator serve --dev-addr 127.0.0.1:$(PORT)

## Validate the fact file and the articles; writes nothing.
check: $(BIN)/.installed
	$(BIN)/python -m generator check

## Debian's Chromium (and CJK fonts for screenshots) for the browser tests.
browser:
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; }

## Node.js and Debian's Java for the quality checks (tests/test_a11y.py), when missing.
tools:
	@command -v npm >/dev/null || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nodejs npm >/dev/null; }
	@command -v java >/dev/null || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq default-jre-headless >/dev/null; }

## axe-core, the Nu HTML Checker (vnu-jar) and Lighthouse, at the versions package-lock.json pins;
## no install scripts (vnu-jar's would download a Java of its own).
node_modules/.installed: package.json package-lock.json | tools
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

## Every test: unit, golden, end-to-end site build and the browser tests.
test: $(BIN)/.installed browser tools node_modules/.installed
	ATLAS_THOROUGH=1 $(BIN)/python -m pytest

## Mutation testing of the build, driven by the fast tests; the score per module goes into TESTING.md.
## Hours on two cores; results are kept in mutants/, so a second run tries only what changed.
JOBS ?= 2
mutation: $(BIN)/.installed
	$(BIN)/mutmut run --max-children $(JOBS)
	$(BIN)/python tools/mutation_report.py
