# Two commands do everything on a fresh machine: `make serve` and `make test`.
# Each sets up .venv on first use (and again whenever requirements.txt changes).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1:8000

.PHONY: setup serve build test test-quick validate browser axe clean bench

setup: $(STAMP)

# The pinned dependencies, then this tool itself, editable: its MkDocs plugin
# (`briefing` in mkdocs.yml) is found through the package's entry point.
$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

# --dirty: a save renders again only the pages whose content changed; the plugin keeps the
# served folder equal to a clean build's (build_tools/plugin.py), which plain MkDocs does not.
serve: setup
	$(BIN)/mkdocs serve --dev-addr $(HOST) --livereload --dirty

# Strict: every MkDocs warning fails the build, and so does every warning of
# the validator (the hook logs them as MkDocs warnings). Built into a fresh
# folder under .site-builds/; `site` is a link to the last good build,
# replaced in one step, so it is always the whole old or the whole new site
# (build_tools/publish.py). A second build at the same time waits.
build: setup
	$(BIN)/python -m build_tools.publish

# SINCE=REF also checks that no claim id published at git commit REF has been
# removed from claims/published-ids.txt; pull requests pass their base branch.
validate: setup
	$(BIN)/python -m build_tools validate $(if $(SINCE),--since=$(SINCE))

# Debian's chromium, npm and a Java runtime for the browser tests; installed when we may (root with
# apt-get), otherwise the browser tests skip with a notice (and fail under CI).
browser:
	@bash build_tools/scripts/install-browser.sh

# axe-core and the W3C's Nu Html Checker (vnu-jar, run on Java 11 or later),
# pinned in tests/browser/package-lock.json, for the accessibility and markup
# tests; without npm (or Java) they skip with a notice (and fail under CI).
# --ignore-scripts: vnu-jar's install script would download a Java runtime.
axe:
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --prefix tests/browser --ignore-scripts --no-audit --no-fund --loglevel=error \
	    || echo "notice: npm ci failed; the accessibility and markup tests will be skipped" >&2; \
	else \
	  echo "notice: npm is not installed; the accessibility and markup tests will be skipped" >&2; \
	fi
	@command -v java >/dev/null 2>&1 \
	  || echo "notice: java is not installed; the markup test will be skipped (apt-get install default-jre-headless)" >&2

test: setup browser axe
	$(BIN)/python -m pytest

# The quick part alone, while developing: everything but the tests marked `slow`
# (site builds, the browser, property searches); `make test` runs them all.
test-quick: setup
	$(BIN)/python -m pytest -m "not slow"

# Timings at 1,000 and 10,000 synthetic claims, and validate as a whole process
# against a bare parse on them and on the real claims replicated (see BENCHMARKS.md); takes
# minutes. The corpora go to bench-data/ and are reused while unchanged.
bench: setup
	$(BIN)/python -m benchmarks.run

clean:
	rm -rf site .site-builds test-artifacts .pytest_cache
