# Plansite: `make site` builds the sample into site/; `make test` runs every test.
# Both set themselves up on a fresh Debian machine with Python 3.11.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TESTSTAMP := $(VENV)/.test-installed

.PHONY: site preview serve check diff publish rollback test test-deps bench schemas clean

site: $(STAMP)
	$(BIN)/plansite build

preview: $(STAMP)
	$(BIN)/plansite build --preview --site-dir site-preview

serve: $(STAMP)
	$(BIN)/plansite serve

check: $(STAMP)
	$(BIN)/plansite check

# What a change does to the pages: `make diff BASE=origin/main` (Markdown on stdout).
BASE ?= origin/main
diff: $(STAMP)
	@$(BIN)/plansite diff $(BASE)

# Put the public site live on this server: `make publish TARGET=/srv/www/plans`, with the
# web server's document root at /srv/www/plans/current. `make rollback TARGET=...` undoes it.
publish: $(STAMP)
	$(BIN)/plansite build
	$(BIN)/plansite publish --target "$(or $(TARGET),$(error give the server folder: make publish TARGET=/srv/www/plans))"

rollback: $(STAMP)
	$(BIN)/plansite rollback --target "$(or $(TARGET),$(error give the server folder: make rollback TARGET=/srv/www/plans))"

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] < (3, 11) and "Plansite needs Python 3.11 or newer")'
	@# plansite report makes PDFs with WeasyPrint, which needs Debian's Pango libraries.
	@/sbin/ldconfig -p | grep -q libpangoft2-1.0.so.0 || { [ "$$(id -u)" -eq 0 ] && \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	  --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0; } || \
	  echo "make: plansite report needs libpango-1.0-0 and libpangoft2-1.0-0: run as root," \
	    "or: sudo apt-get install --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0" >&2
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

$(TESTSTAMP): $(STAMP) tests/requirements-test.txt tests/package.json tests/package-lock.json tests/setup/install-system-deps.sh
	sh tests/setup/install-system-deps.sh
	$(BIN)/pip install --quiet --disable-pip-version-check -r tests/requirements-test.txt
	npm ci --prefix tests --no-audit --no-fund --loglevel=error
	touch $@

test-deps: $(TESTSTAMP)

test: $(TESTSTAMP)
	$(BIN)/pytest

# Build time per page from 100 to 2,000 pages against plain Material, preview latency and
# page weight (several minutes; see bench/README.md). `make bench BENCH_ARGS="--runs 5"`.
bench: $(STAMP)
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# The JSON Schemas in docs/schemas/ and the field tables of docs/data-reference.md, written
# from generator/validate/declarations.py (tests/test_schemas.py fails while they are stale).
schemas: $(STAMP)
	$(BIN)/python -m generator.validate.generated --write

clean:
	rm -rf site site-preview $(VENV) tests/node_modules
