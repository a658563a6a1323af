# culprit: `make demo` and `make test` work on a fresh Debian/Ubuntu machine
# with only the Swift toolchain; each installs what is missing first.
SWIFT ?= swift
RELEASE_BIN := .build/release/culprit
DEBUG_BIN := .build/debug/culprit
INCIDENT := samples/2025-03-12-auth-leak

.PHONY: all deps test-deps bench-deps drill-deps build release demo test fuzz bench eval drill screenshot samples man install install-files uninstall clean

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

# The man page, docs/culprit.1, from the ArgumentParser definitions (see scripts/man.sh).
MAN_PAGE := docs/culprit.1

man: release
	SWIFT=$(SWIFT) scripts/man.sh $(RELEASE_BIN) $(MAN_PAGE)

# `make install`: the release binary, the man page and bash, zsh and fish
# completions under PREFIX; DESTDIR stages them elsewhere (packaging).
# install-files does the copying alone, from INSTALL_BIN.
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share
MANDIR ?= $(DATADIR)/man
INSTALL ?= install
INSTALL_BIN ?= $(RELEASE_BIN)
BASH_COMPLETIONS := $(DATADIR)/bash-completion/completions
ZSH_COMPLETIONS := $(DATADIR)/zsh/site-functions
FISH_COMPLETIONS := $(DATADIR)/fish/vendor_completions.d

install: release
	@$(MAKE) --no-print-directory install-files

install-files:
	@test -x "$(INSTALL_BIN)" || { echo "install: $(INSTALL_BIN) is missing (make release builds it)" >&2; exit 1; }
	$(INSTALL) -d "$(DESTDIR)$(BINDIR)" "$(DESTDIR)$(MANDIR)/man1" "$(DESTDIR)$(BASH_COMPLETIONS)" \
		"$(DESTDIR)$(ZSH_COMPLETIONS)" "$(DESTDIR)$(FISH_COMPLETIONS)"
	$(INSTALL) -m 755 "$(INSTALL_BIN)" "$(DESTDIR)$(BINDIR)/culprit"
	$(INSTALL) -m 644 $(MAN_PAGE) "$(DESTDIR)$(MANDIR)/man1/culprit.1"
	"$(INSTALL_BIN)" --generate-completion-script bash > "$(DESTDIR)$(BASH_COMPLETIONS)/culprit"
	"$(INSTALL_BIN)" --generate-completion-script zsh > "$(DESTDIR)$(ZSH_COMPLETIONS)/_culprit"
	"$(INSTALL_BIN)" --generate-completion-script fish > "$(DESTDIR)$(FISH_COMPLETIONS)/culprit.fish"

uninstall:
	rm -f "$(DESTDIR)$(BINDIR)/culprit" "$(DESTDIR)$(MANDIR)/man1/culprit.1" "$(DESTDIR)$(BASH_COMPLETIONS)/culprit" \
		"$(DESTDIR)$(ZSH_COMPLETIONS)/_culprit" "$(DESTDIR)$(FISH_COMPLETIONS)/culprit.fish"

clean:
	rm -rf .build .build-fuzz
