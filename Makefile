# Scorecard: `make run` to see the report, `make test` to check everything. `make help` lists the rest.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PERIOD ?= Q2 2018/19
REPORTS := var/reports
STATIC := src/scorecard/web/pages/static/govuk

.DEFAULT_GOAL := help
.PHONY: help run test install demo report lint typecheck contracts pytest test-postgres benchmarks clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

run: install demo report ## Install, load the Harrow demo, build the Q2 2018/19 report, then serve the web app
	@echo "The report files are in $(REPORTS); the web app starts at http://localhost:8000/"
	$(BIN)/scorecard serve

test: install lint typecheck contracts pytest ## Install, then lint, type-check, check import contracts and run every test

install: $(VENV)/.installed $(STATIC)/.built ## Create .venv, install the pinned dependencies and GOV.UK Frontend

$(VENV)/.installed: pyproject.toml constraints.txt
	@scripts/check-system
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $@

# GOV.UK Frontend from npm, compiled with a system font stack, into the app's (git-ignored) static folder.
$(STATIC)/.built: frontend/package.json frontend/package-lock.json frontend/scorecard.scss
	@scripts/check-system
	cd frontend && npm ci --ignore-scripts --no-audit --no-fund
	rm -rf $(STATIC) && mkdir -p $(STATIC)
	cd frontend && npx sass --pkg-importer=node --style=compressed --no-source-map scorecard.scss ../$(STATIC)/govuk-frontend.css
	sed "s|//# sourceMappingURL=.*||" frontend/node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js > $(STATIC)/govuk-frontend.min.js
	cp -r frontend/node_modules/govuk-frontend/dist/govuk/assets $(STATIC)/assets
	@touch $@

demo: install ## Load (or reload) the Harrow Q2 2018/19 dataset into the database
	$(BIN)/scorecard demo

report: install ## Build the report for PERIOD (default Q2 2018/19) as HTML and PDF under var/reports
	@mkdir -p $(REPORTS)
	$(BIN)/scorecard report --period "$(PERIOD)" --format html --output $(REPORTS)/strategic-performance-report.html
	$(BIN)/scorecard report --period "$(PERIOD)" --format pdf --output $(REPORTS)/strategic-performance-report.pdf

lint: install ## ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install ## mypy, strict with django-stubs, over the whole package
	$(BIN)/mypy

contracts: install ## import-linter: the core imports nothing of ours; reporting and interchange only the core
	$(BIN)/lint-imports

pytest: install ## The test suite (needs pdftotext from poppler-utils)
	@scripts/check-system --tests
	$(BIN)/pytest

test-postgres: install ## The database tests against PostgreSQL at DATABASE_URL
	@test -n "$(DATABASE_URL)" || { echo "Set DATABASE_URL=postgres://user:password@host/db" >&2; exit 2; }
	$(BIN)/pytest tests/web

benchmarks: install ## Measure evaluate, the PDF build, SPC and the web app under load; results go to docs/benchmarks.md
	$(BIN)/python benchmarks/evaluate_csv.py
	$(BIN)/python benchmarks/report_pdf.py
	$(BIN)/python benchmarks/spc.py
	$(BIN)/python benchmarks/web_load.py

clean: ## Remove the virtual environment and generated files
	rm -rf $(VENV) var build *.egg-info frontend/node_modules $(STATIC)
