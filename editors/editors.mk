# editors/editors.mk — builds, packages and tests the editor integrations
# (included by the top-level Makefile).
#
#   make nvim-parser   grammar/src/{parser,scanner}.c → editors/nvim/parser/korrektur.so,
#                      and the grammar's highlights/folds queries copied into the plugin
#   make vsix          the VS Code extension, compiled and packaged with @vscode/vsce
#                      into $(BUILD)/korrektur.vsix
#   test stages nvim   headless Neovim against $(BIN) (tests/editors/nvim-test.sh)
#               vscode `make vsix`, then, with KORREKTUR_E2E=1, code-server + Chromium
#                      driven by playwright-core (tests/editors/vscode-e2e.sh)

NVIM_DIR    := editors/nvim
NVIM_PARSER := $(NVIM_DIR)/parser/korrektur.so
NVIM_QUERY_SRC := $(wildcard grammar/queries/highlights.scm grammar/queries/folds.scm)
NVIM_QUERIES   := $(patsubst grammar/queries/%,$(NVIM_DIR)/queries/korrektur/%,$(NVIM_QUERY_SRC))
GRAMMAR_C   := $(wildcard grammar/src/parser.c grammar/src/scanner.c)

VSCODE_DIR  := editors/vscode
VSIX        := $(BUILD)/korrektur.vsix
VSCODE_SRC  := $(wildcard $(VSCODE_DIR)/src/*.ts $(VSCODE_DIR)/syntaxes/*.json) \
               $(VSCODE_DIR)/package.json $(VSCODE_DIR)/language-configuration.json \
               $(VSCODE_DIR)/README.md $(VSCODE_DIR)/tsconfig.json
# node_modules is installed from the lock file once and again only when it changes.
VSCODE_DEPS := $(VSCODE_DIR)/node_modules/.korrektur-stamp

TEST_STAGES += nvim vscode
.PHONY: nvim-parser nvim-queries vsix test-stage-nvim test-stage-vscode

nvim-parser: $(NVIM_PARSER) nvim-queries

# Neovim loads parsers as shared objects named after the language. The generated
# parser is not ours to warn about (same as the engine build).
$(NVIM_PARSER): $(GRAMMAR_C)
	@test -n "$(GRAMMAR_C)" || { echo "nvim-parser: grammar/src/parser.c is missing (make grammar)"; exit 1; }
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O2 -fPIC -shared -w -Igrammar/src -o $@ $(GRAMMAR_C)

nvim-queries: $(NVIM_QUERIES)

$(NVIM_DIR)/queries/korrektur/%.scm: grammar/queries/%.scm
	@mkdir -p $(dir $@)
	cp $< $@

$(VSCODE_DEPS): $(VSCODE_DIR)/package.json $(wildcard $(VSCODE_DIR)/package-lock.json)
	cd $(VSCODE_DIR) && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

vsix: $(VSIX)

$(VSIX): $(VSCODE_DEPS) $(VSCODE_SRC)
	@mkdir -p $(dir $@)
	cd $(VSCODE_DIR) && npx tsc -p . && \
	  npx vsce package --skip-license --out $(abspath $@) >/dev/null
	@echo "packaged $@"

test-stage-nvim: $(BIN) $(if $(GRAMMAR_C),nvim-parser)
	@KORREKTUR_BIN=$(abspath $(BIN)) sh tests/editors/nvim-test.sh

# The end-to-end run installs code-server (cached) and drives a real browser:
# minutes, so only when asked for (CI sets KORREKTUR_E2E=1 in .ci/run).
test-stage-vscode: $(BIN) $(VSIX)
	@if [ "$${KORREKTUR_E2E:-0}" = 1 ]; then \
	  KORREKTUR_BIN=$(abspath $(BIN)) KORREKTUR_VSIX=$(abspath $(VSIX)) \
	    KORREKTUR_SHOT_DIR=$(abspath $(BUILD)) bash tests/editors/vscode-e2e.sh; \
	else \
	  echo "vscode: extension compiles and packages ($(VSIX)); end-to-end run skipped (KORREKTUR_E2E=1 runs it)"; \
	  echo "0 passed, 0 failed"; \
	fi
