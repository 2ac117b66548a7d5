# bench.mk — `make bench`: speed and memory against the peers (tests/bench/bench.py).
# A benchmark, not a test: machines are shared and noisy, so it reports ratios and
# never fails the build. BENCH_FLAGS=--quick for a short run, --update-baseline to
# record a new callgrind baseline.
.PHONY: bench
bench: all
	python3 tests/bench/bench.py $(BIN) $(BENCH_FLAGS)
