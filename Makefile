# The two commands: `make run` (serve the demo on 127.0.0.1) and `make test` (the whole suite).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 5000
export FLASK_APP := wsgi

.PHONY: run test lint translations extract browser bench clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (set PYTHON=...)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.run-deps: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.test-deps: pyproject.toml $(VENV)/.run-deps
	$(BIN)/pip install --quiet -e ".[dev]"
	@touch $@

translations: $(VENV)/.run-deps
	@$(BIN)/pybabel compile -d translations 2>&1 | grep -v "^compiling catalog" || true

run: $(VENV)/.run-deps translations
	$(BIN)/flask db upgrade
	$(BIN)/flask demo seed
	$(BIN)/flask run --host 127.0.0.1 --port $(PORT)

# Debian's Chromium for the browser tests (Playwright drives it; it never downloads a browser).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }

lint: $(VENV)/.test-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: $(VENV)/.test-deps translations browser lint
	$(BIN)/pytest $(PYTEST_ARGS)

# The search benchmark (see README, Performance). Needs PostgreSQL for the "both" run.
BENCH_PRODUCTS ?= 50000
BENCH_DB ?= bench
bench: $(VENV)/.run-deps
	@createdb -h 127.0.0.1 -U postgres $(BENCH_DB) 2>/dev/null || true  # exists already: fine
	DATABASE_URL=postgresql://postgres@127.0.0.1:5432/$(BENCH_DB) $(BIN)/flask db upgrade
	DATABASE_URL=postgresql://postgres@127.0.0.1:5432/$(BENCH_DB) \
	  SEARCH_INDEX_DIR=instance/bench-index-$(BENCH_DB) \
	  $(BIN)/flask search bench --products $(BENCH_PRODUCTS) --backend both

clean:
	rm -rf $(VENV) instance/*.db .pytest_cache .ruff_cache

# Refresh the message catalogue after changing user-facing strings, then translate the new
# entries in translations/id/LC_MESSAGES/messages.po (tests/test_i18n.py checks none is missing).
extract: $(VENV)/.run-deps
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k _ln:1,2 -k lazy_ngettext:1,2 \
	  --no-location --sort-output --project toko-daring -o translations/messages.pot .
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-fuzzy-matching
