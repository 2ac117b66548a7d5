# tests/lsp/lsp.mk — the language server's integration tests: a scripted client
# (tests/lsp/test_lsp.py, Python standard library only) starts `korrektur lsp`
# as a child process and talks JSON-RPC over its pipes. LSP_BIN picks the
# binary (default: this build's), e.g. `make test-stage-lsp LSP_BIN=/usr/bin/korrektur`;
# `make lsp-perf` applies the strict latency targets.
LSP_BIN ?= $(BIN)
PYTHON3 ?= python3

TEST_STAGES += lsp

.PHONY: test-stage-lsp lsp-perf
test-stage-lsp: $(BIN) $(DATA_TARGETS)
	$(PYTHON3) tests/lsp/test_lsp.py $(LSP_BIN)

lsp-perf: $(BIN) $(DATA_TARGETS)
	KORREKTUR_PERF_STRICT=1 $(PYTHON3) tests/lsp/test_lsp.py $(LSP_BIN) -k latency
