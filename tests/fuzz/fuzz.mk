# tests/fuzz/fuzz.mk — fuzzing and sanitizer runs (issue 8).
#
#   make fuzz FUZZ_SECONDS=N   build every harness tests/fuzz/fuzz_NAME.c with clang
#                              -fsanitize=fuzzer,address,undefined (in $(FUZZ_BUILD))
#                              and fuzz each for N seconds from its committed corpus
#                              tests/fuzz/corpus/NAME/ (new inputs go to
#                              $(FUZZ_BUILD)/corpus/NAME/, crashes to $(FUZZ_BUILD)/crashes/)
#   test stage fuzz-corpus     replays every committed corpus through its harness
#                              WITHOUT fuzzing, compiled by $(CC) with driver.c
#   test stage asan            the unit suite and the corpus replay built with gcc's
#                              AddressSanitizer + UndefinedBehaviorSanitizer (in
#                              $(BUILD)-asan): the sanitizer run CI affords (minutes)
FUZZ_SECONDS ?= 60
FUZZ_BUILD   ?= build-libfuzzer
FUZZ_JOBS    ?= 1
FUZZ_NAMES   := $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_REPLAY  := $(patsubst %,$(BUILD)/fuzz/replay_%,$(FUZZ_NAMES))
FUZZ_LIBFUZZER := $(patsubst %,$(BUILD)/fuzz/fuzz_%,$(FUZZ_NAMES))
FUZZ_DEPS    := tests/fuzz/invariants.h $(ENGINE_OBJ)
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
ASAN_BUILD   := $(BUILD)-asan

.PHONY: fuzz fuzz-build fuzz-replay test-stage-fuzz-corpus test-stage-asan

# ---- corpus replay: part of `make test` ----------------------------------------
TEST_STAGES += fuzz-corpus

$(FUZZ_REPLAY): $(BUILD)/fuzz/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/driver.c $(FUZZ_DEPS)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Itests/fuzz $(CFLAGS) -o $@ $< tests/fuzz/driver.c $(ENGINE_OBJ) \
	  $(LDFLAGS) $(LDLIBS)

fuzz-replay: $(FUZZ_REPLAY) $(DATA_TARGETS)

test-stage-fuzz-corpus: fuzz-replay
	@sh tests/fuzz/replay.sh $(BUILD)/fuzz $(FUZZ_NAMES)

# ---- the sanitizer stage: part of `make test`, but not of the sanitized builds
# themselves (make asan/ubsan run `test` with SAN set; no need to nest).
ifeq ($(SAN),)
TEST_STAGES += asan
endif

test-stage-asan:
	@mkdir -p $(ASAN_BUILD)
	@$(MAKE) --no-print-directory BUILD=$(ASAN_BUILD) SAN="$(FUZZ_SAN)" OPT="-O1 -g" \
	  all $(ASAN_BUILD)/tests/unit fuzz-replay >$(ASAN_BUILD)/build.log 2>&1 || { \
	  tail -n 40 $(ASAN_BUILD)/build.log; echo "asan build: 0 passed, 1 failed"; exit 1; }
	@sh tests/fuzz/asan-stage.sh $(ASAN_BUILD) $(FUZZ_NAMES)

# ---- libFuzzer: make fuzz --------------------------------------------------------
$(FUZZ_LIBFUZZER): $(BUILD)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_DEPS)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Itests/fuzz $(CFLAGS) -fsanitize=fuzzer -o $@ $< $(ENGINE_OBJ) \
	  $(LDFLAGS) -fsanitize=fuzzer $(LDLIBS)

fuzz-build: $(FUZZ_LIBFUZZER) $(DATA_TARGETS)

fuzz:
	@command -v clang >/dev/null && test -n "$$(find /usr/lib/llvm-*/lib/clang -name 'libclang_rt.fuzzer-x86_64.a' 2>/dev/null)" || \
	  { echo "fuzz: installing clang and libclang-rt-14-dev" >&2; \
	    apt-get install -y -qq --no-install-recommends clang libclang-rt-14-dev >&2; }
	$(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD) CC=clang WERROR= OPT="-O1 -g" \
	  SAN="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer" \
	  fuzz-build
	@sh tests/fuzz/run-fuzz.sh $(FUZZ_BUILD) $(FUZZ_SECONDS) $(FUZZ_JOBS) $(FUZZ_NAMES)

# ---- make leakcheck: the corpus replay under valgrind too -------------------------
# (each input runs in a child of the driver, which valgrind follows; a leak or an
# invalid access makes that child exit 99, so the input is counted as failed)
.PHONY: leakcheck-fuzz-corpus
leakcheck: leakcheck-fuzz-corpus
leakcheck-fuzz-corpus: fuzz-replay
	@KR_FUZZ_TIMEOUT=300 KR_FUZZ_WRAP="valgrind --error-exitcode=99 --leak-check=full \
	  --errors-for-leak-kinds=definite --trace-children=yes -q" \
	  sh tests/fuzz/replay.sh $(BUILD)/fuzz $(FUZZ_NAMES)
