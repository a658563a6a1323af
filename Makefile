# culprit: `make demo` and `make test` work on a fresh Debian/Ubuntu machine
# with only the Swift toolchain; each installs what is missing first.
SWIFT ?= swift
RELEASE_BIN := .build/release/culprit
DEBUG_BIN := .build/debug/culprit
INCIDENT := samples/2025-03-12-auth-leak

.PHONY: all deps test-deps bench-deps drill-deps build release demo test fuzz bench eval drill screenshot samples clean

all: release

deps:
	@scripts/install-deps.sh build

test-deps:
	@scripts/install-deps.sh test

bench-deps:
	@scripts/install-deps.sh bench

drill-deps:
	@scripts/install-deps.sh drill

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product culprit

demo: release
	$(RELEASE_BIN) analyze $(INCIDENT)/logs --deploys $(INCIDENT)/deploys.csv --tz Africa/Lagos --format table

test: test-deps
	$(SWIFT) build --build-tests
	$(DEBUG_BIN) patterns test
	$(SWIFT) test --skip-build
	SWIFT=$(SWIFT) FUZZ_SMOKE_SECONDS=$(FUZZ_SMOKE_SECONDS) scripts/fuzz.sh --smoke

# Every libFuzzer target in Tests/Fuzz for FUZZ_SECONDS each (make test runs each
# for FUZZ_SMOKE_SECONDS with a fixed seed); built in .build-fuzz.
FUZZ_SECONDS ?= 60
FUZZ_SMOKE_SECONDS ?= 10

fuzz: deps
	SWIFT=$(SWIFT) FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz.sh

bench: bench-deps
	scripts/bench.sh

# culprit's accuracy on randomized incidents: EVAL_COUNT scenarios of each of the
# ten fault types for each seed in EVAL_SEEDS, drawn by loggen, scored against
# their truth.json (see README, "Accuracy on randomized incidents").
EVAL_SEEDS ?= 1 2 3 4 5
EVAL_COUNT ?= 3

eval: deps
	$(SWIFT) build -c release --product culprit
	$(SWIFT) build -c release --product loggen
	EVAL_SEEDS="$(EVAL_SEEDS)" EVAL_COUNT=$(EVAL_COUNT) scripts/eval.sh

# Real services on loopback (nginx, Node.js, JVM, gunicorn under supervisord), a leak
# deployed, culprit run on their logs: DRILL_RUNS runs of about 6 minutes each,
# kept in drill-runs/. Not part of `make test`.
DRILL_RUNS ?= 1
DRILL_SEED ?=

drill: release drill-deps
	DRILL_RUNS=$(DRILL_RUNS) DRILL_SEED=$(DRILL_SEED) scripts/drill/drill.sh

screenshot: release test-deps
	scripts/screenshot.sh

samples:
	$(SWIFT) run -c release loggen samples --out samples

clean:
	rm -rf .build .build-fuzz
