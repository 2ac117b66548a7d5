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

# `make install` also installs the editor files the usual way: the Neovim plugin
# into the system-wide site pack (on every user's packpath, so only
# require('korrektur').setup() is left to do), with the parser when it was
# built; the VS Code package beside the data when `make vsix` made it. No npm
# or compiler run happens at install time.
NVIM_SITE := $(DESTDIR)$(PREFIX)/share/nvim/site/pack/korrektur/start/korrektur
.PHONY: install-editors
install: install-editors
install-editors:
	install -d $(NVIM_SITE)/lua/korrektur $(NVIM_SITE)/plugin $(NVIM_SITE)/ftdetect \
	  $(NVIM_SITE)/queries/korrektur $(NVIM_SITE)/lsp
	install -m 644 $(NVIM_DIR)/lua/korrektur/*.lua $(NVIM_SITE)/lua/korrektur/
	install -m 644 $(NVIM_DIR)/plugin/*.lua $(NVIM_SITE)/plugin/
	install -m 644 $(NVIM_DIR)/ftdetect/*.vim $(NVIM_SITE)/ftdetect/
	install -m 644 $(NVIM_DIR)/lsp/*.lua $(NVIM_SITE)/lsp/
	for q in $(wildcard $(NVIM_DIR)/queries/korrektur/*.scm); do install -m 644 $$q $(NVIM_SITE)/queries/korrektur/; done
	if [ -f $(NVIM_PARSER) ]; then install -d $(NVIM_SITE)/parser && \
	  install -m 755 $(NVIM_PARSER) $(NVIM_SITE)/parser/; fi
	if [ -f $(VSIX) ]; then install -d $(DESTDIR)$(PREFIX)/share/korrektur && \
	  install -m 644 $(VSIX) $(DESTDIR)$(PREFIX)/share/korrektur/; fi
