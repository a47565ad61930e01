# Briefing: set-up, build, serve and test. Every target works on a fresh machine that has
# Python 3.11, make and the package registries.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
N      ?= 1000
HOST   ?= 127.0.0.1
PORT   ?= 8000

export NO_MKDOCS_2_WARNING := 1

.PHONY: help setup site build serve serve-full render extract check test test-fast bench clean browser-deps npm-deps

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/'

$(STAMP): requirements.lock requirements-model.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

setup: $(STAMP)  ## create .venv and install the pinned dependencies

extract: $(STAMP)  ## seeds/ -> records/
	$(PY) -m generator extract

render: $(STAMP)  ## records/ -> briefs/
	$(PY) -m generator render

check: $(STAMP)  ## validate records and fail when briefs/ is stale
	$(PY) -m generator check

# Leaflet, Leaflet.markercluster, topojson-client and world-atlas for the maps, served from the site
# (no CDN) by generator/mkdocs/hooks.py; pinned in package-lock.json.
NPM_STAMP := node_modules/.installed
$(NPM_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

npm-deps: $(NPM_STAMP)  ## install the front-end files the site serves (Leaflet, its clustering, the offline basemap)

# The browser tests drive the system's Chromium; CI runs as root, so it can install it.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
browser-deps:  ## install Chromium for the browser tests when it is missing (BRIEFING_CHROMIUM names another)
	test -n "$$BRIEFING_CHROMIUM" || command -v chromium || ($(SUDO) apt-get update && $(SUDO) apt-get install -y chromium)

site: $(STAMP) $(NPM_STAMP)  ## extract, render and build site/ with --strict
	$(PY) -m generator extract
	$(PY) -m generator render
	$(PY) -m mkdocs build --strict --quiet

build: $(STAMP) $(NPM_STAMP)  ## build site/ with --strict from records/ as committed (renders briefs, no extract)
	$(PY) -m mkdocs build --strict --quiet

# `--dirty` rebuilds only the pages whose Markdown changed after an edit (the hook renders only the
# briefs an edit touches and writes only changed files), so a reload takes seconds instead of a
# whole-site build; generator/mkdocs/serving.py keeps the search index whole and the built site in
# .cache/serve-site/ for the next start (README: Serving).
serve: $(STAMP) $(NPM_STAMP)  ## serve on http://HOST:PORT (default 127.0.0.1:8000); reloads rebuild only what an edit touches
	$(PY) -m mkdocs serve --dirty -a $(HOST):$(PORT)

serve-full: $(STAMP) $(NPM_STAMP)  ## serve on HOST:PORT, rebuilding the whole site on every edit
	$(PY) -m mkdocs serve -a $(HOST):$(PORT)

test: $(STAMP) $(NPM_STAMP) browser-deps  ## run every test (site and browser tests included)
	$(PY) -m pytest -q

test-fast: $(STAMP)  ## the fast tests only (no spaCy, site builds or browser)
	$(PY) -m pytest -q -m "not slow and not browser"

bench: $(STAMP)  ## benchmark at N articles (default 1000): make bench N=10000
	$(PY) bench/run.py --articles $(N)

clean:  ## remove the built site and caches (keeps .venv)
	rm -rf site .pytest_cache .hypothesis .cache
