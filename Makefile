# Plansite: `make site` builds the sample into site/; `make test` runs every test.
# Both set themselves up on a fresh Debian machine with Python 3.11.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TESTSTAMP := $(VENV)/.test-installed

.PHONY: site preview serve check diff decision propose publish rollback test test-deps bench schemas clean

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

# Record a decision (what the "Record a decision" workflow runs). The values come from the
# environment and reach plansite only as quoted arguments, never as part of the command:
#   DECISION_STAGE=approve DECISION_YEAR=2025-26 DECISION_DATE=2025-04-03 \
#   DECISION_BODY=Cabinet make decision
# DECISION_SERVICE (a service's key, or all), DECISION_REFERENCE and DECISION_NOTE are optional.
decision: $(STAMP)
	@case "$$DECISION_STAGE" in scrutiny|approve|update) ;; \
	  *) echo "make decision: DECISION_STAGE must be scrutiny, approve or update" >&2; exit 1;; \
	esac; \
	set -- "--date=$$DECISION_DATE"; \
	if [ -n "$$DECISION_SERVICE" ] && [ "$$DECISION_SERVICE" != all ]; then \
	  set -- "$$@" "--service=$$DECISION_SERVICE"; fi; \
	if [ -n "$$DECISION_BODY" ]; then set -- "$$@" "--body=$$DECISION_BODY"; fi; \
	if [ -n "$$DECISION_REFERENCE" ]; then set -- "$$@" "--ref=$$DECISION_REFERENCE"; fi; \
	if [ -n "$$DECISION_NOTE" ]; then set -- "$$@" "--note=$$DECISION_NOTE"; fi; \
	$(BIN)/plansite "$$DECISION_STAGE" "$$@" -- "$$DECISION_YEAR"

# In GitHub Actions, after `make decision`: commit the recorded version on a new branch and
# open a pull request whose description is the change summary (GH_TOKEN, GITHUB_RUN_ID and
# GITHUB_REF_NAME come from the workflow).
propose: $(STAMP)
	@set -e; branch="decision/$$GITHUB_RUN_ID"; \
	subject="Record $$DECISION_STAGE: $$DECISION_YEAR plans ($${DECISION_SERVICE:-all}), $$DECISION_DATE"; \
	git switch --quiet --create "$$branch"; \
	git add data; \
	git -c user.name="github-actions[bot]" \
	  -c user.email="41898282+github-actions[bot]@users.noreply.github.com" \
	  commit --quiet --message "$$subject"; \
	git push --quiet origin "$$branch"; \
	summary="$${RUNNER_TEMP:-/tmp}/decision-summary.md"; \
	{ echo "Recorded from the Actions tab by @$$GITHUB_ACTOR. Merge this pull request to publish it."; \
	  echo; $(BIN)/plansite diff "origin/$$GITHUB_REF_NAME"; } > "$$summary"; \
	gh pr create --base "$$GITHUB_REF_NAME" --head "$$branch" --title "$$subject" \
	  --body-file "$$summary"

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
	@# Compiled once here, as pip compiles an installed package: an editable install
	@# leaves that to the first run, which cannot keep it where PYTHONDONTWRITEBYTECODE is set.
	$(BIN)/python -m compileall -q generator
	@# The templates too (generator/compiled_templates.py): a build of the starter project
	@# compiles every template a build uses and keeps it.
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	  env -u PYTHONDONTWRITEBYTECODE $(BIN)/plansite new "$$tmp/starter" > /dev/null && \
	  env -u PYTHONDONTWRITEBYTECODE $(BIN)/plansite --root "$$tmp/starter" build --preview \
	    --site-dir "$$tmp/site" > /dev/null
	touch $@

$(TESTSTAMP): $(STAMP) tests/requirements-test.txt tests/package.json tests/package-lock.json tests/setup/install-system-deps.sh
	sh tests/setup/install-system-deps.sh
	$(BIN)/pip install --quiet --disable-pip-version-check -r tests/requirements-test.txt
	npm ci --prefix tests --no-audit --no-fund --loglevel=error
	touch $@

test-deps: $(TESTSTAMP)

test: $(TESTSTAMP)
	$(BIN)/pytest

# Build time per page from 100 to 2,000 pages against plain Material and Hugo, preview
# latency and page weight (several minutes; see bench/README.md). Not part of `make test`.
# `make bench BENCH_ARGS="--runs 5"`.
bench: $(STAMP)
	sh bench/install-hugo.sh
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# The JSON Schemas in docs/schemas/ and the field tables of docs/data-reference.md, written
# from generator/validate/declarations.py (tests/test_schemas.py fails while they are stale).
schemas: $(STAMP)
	$(BIN)/python -m generator.validate.generated --write

clean:
	rm -rf site site-preview $(VENV) tests/node_modules
