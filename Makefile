# The two commands a maintainer needs (see README): `make book` and `make test`.
# Everything else here is what those two call, plus a few conveniences.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Where the book is built: the site lands in $(BUILD_DIR)/_build/html.
BUILD_DIR ?= book
SITE := $(BUILD_DIR)/_build/html
PORT ?= 8000

.PHONY: book test env data check-data serve clean plotly-bundle node-deps benchmark

## env: the Python environment (.venv) with the pinned requirements and the course package
env: $(VENV)/.installed
$(VENV)/.installed: requirements.txt requirements-dev.txt pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

## node-deps: pinned npm packages (plotly.js sources for the trimmed bundle, axe-core for the accessibility tests)
node-deps: node_modules/.installed
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: the site will use plotly's full bundle, and the accessibility tests will not run"; fi

## plotly-bundle: a plotly.js with only the trace types the course uses (falls back to the full bundle without Node)
plotly-bundle: node-deps
	@if [ -f node_modules/.installed ]; then node scripts/build-plotly-bundle.mjs; fi

## data: rebuild the tidy tables, data/datapackage.json and the Data sources page from data/raw/
data: env
	$(BIN)/python -m coursekit.prepare

check-data: env
	$(BIN)/python -m coursekit.prepare --check

## book: build the website (strict: any warning or failing cell fails the build)
book: env plotly-bundle
	COURSE_BOOK_BUILD=1 $(BIN)/jupyter-book build -n -W --keep-going book/ --path-output $(BUILD_DIR)
	$(BIN)/python scripts/postbuild.py $(SITE)
	$(BIN)/python scripts/make_offline_archive.py $(SITE)
	@echo ""
	@echo "The book is built. Open $(SITE)/index.html in a browser,"
	@echo "or serve it (recommended, as a web host would): make serve   then open http://127.0.0.1:$(PORT)/"

## test: build the book, then run every test (package, data, quizzes, notebooks via nbval, browser tests of the site)
test: book
	COURSE_SITE_DIR=$(SITE) $(BIN)/python -m pytest

## serve: serve the built site on http://127.0.0.1:$(PORT)/ with gzip, like a static web host
serve:
	$(BIN)/python scripts/serve.py $(SITE) --port $(PORT)

## benchmark: build and nbval times, Lighthouse and time to chart for every page -> BENCHMARK.md, benchmark/report.json (by hand, ~25 min)
benchmark: env node-deps
	$(BIN)/python scripts/benchmark.py

clean:
	rm -rf book/_build build
