# korrektur — build, test and install.
#
#   make demo     install missing dependencies, build, lint the bundled OCR example
#   make test     install missing dependencies, build, run every test stage
#   make eval     score against ../shared/corpus (when ../shared is there)
#   make asan | ubsan | leakcheck | format | install | grammar
#
# Sources are found by wildcard: server/*.c, server/rules/*.c, grammar/src/*.c make
# the engine library; tests/unit/*.c make one Criterion binary. Feature areas keep
# their own targets in a fragment beside their code (grammar/grammar.mk,
# server/data.mk, editors/editors.mk, tests/*/*.mk), included below, and register
# test stages with
#   TEST_STAGES += name        (and a rule `test-stage-name`)

CC        ?= cc
BUILD     ?= build
PREFIX    ?= /usr/local
DESTDIR   ?=
TREE_SITTER ?= tree-sitter
OPT       ?= -O2 -g
WERROR    ?= -Werror
SAN       ?=
PKGS      := tree-sitter hunspell jansson

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

CPPFLAGS  += -Iinclude -Iserver -Igrammar/src -D_GNU_SOURCE $(PKG_CFLAGS) \
             -DKR_DATADIR='"$(KR_DATADIR)"'
CFLAGS    += -std=c11 $(OPT) -Wall -Wextra $(WERROR) -pthread $(SAN)
LDFLAGS   += -pthread $(SAN)
LDLIBS    += $(PKG_LIBS) -lhyphen -lm

# Where the built dictionary data lives at run time: the build folder while
# developing (an absolute path, so tests can run from anywhere), $(PREFIX)/share
# once installed (see `install`).
KR_DATADIR ?= $(abspath $(BUILD))/data

ENGINE_SRC := $(filter-out server/main.c,$(wildcard server/*.c server/rules/*.c)) \
              $(wildcard grammar/src/parser.c grammar/src/scanner.c)
ENGINE_OBJ := $(patsubst %.c,$(BUILD)/obj/%.o,$(ENGINE_SRC))
UNIT_SRC   := $(wildcard tests/unit/*.c)
UNIT_OBJ   := $(patsubst %.c,$(BUILD)/obj/%.o,$(UNIT_SRC))

LIB    := $(BUILD)/libkorrektur.a
BIN    := $(BUILD)/korrektur
UNIT   := $(BUILD)/tests/unit

TEST_STAGES := unit
DATA_TARGETS :=

.PHONY: all deps demo test unit eval asan ubsan leakcheck format install uninstall clean grammar check-deps

all: $(BIN) $(DATA_TARGETS)

-include $(wildcard */*.mk tests/*/*.mk)

all: $(DATA_TARGETS)

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c $< -o $@

# tree-sitter's generated parser is not ours to warn about.
$(BUILD)/obj/grammar/src/parser.o: grammar/src/parser.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -std=c11 $(OPT) -pthread $(SAN) -w -MMD -MP -c $< -o $@

# Programs link the engine's objects directly, not an archive: optional parts
# (grammar, language server) are weak references, which an archive would not pull.
$(LIB): $(ENGINE_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@
	ar rcs $@ $^

$(BIN): $(BUILD)/obj/server/main.o $(ENGINE_OBJ)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(UNIT): $(UNIT_OBJ) $(ENGINE_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS) -lcriterion

# ---- dependencies -------------------------------------------------------------
deps:
	@sh server/tools/deps.sh

# ---- everyday targets ---------------------------------------------------------
demo: deps
	@$(MAKE) --no-print-directory all
	@echo "== korrektur check tests/fixtures/demo.ocr.txt"
	@$(BIN) check tests/fixtures/demo.ocr.txt; status=$$?; \
	 echo "== exit status $$status (1: problems found, as expected for this OCR text)"; \
	 test $$status -le 1

test: deps
	@$(MAKE) --no-print-directory all $(UNIT)
	@sh tests/run-stages.sh $(TEST_STAGES)

test-stage-unit: $(UNIT)
	cd tests && ../$(UNIT) --jobs 2

unit: $(UNIT)
	$(UNIT)

eval: all
	@sh server/tools/eval.sh $(BIN)

# Undefined behaviour halts (-fno-sanitize-recover) so a report fails the test that
# caused it, as in the asan stage; gcc 12 also warns falsely about NULL format
# arguments in sanitized -O1 builds when UBSan may recover.
asan:
	$(MAKE) BUILD=build-asan SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer" OPT="-O1 -g" test

ubsan:
	$(MAKE) BUILD=build-ubsan SAN="-fsanitize=undefined -fno-sanitize-recover=undefined" OPT="-O1 -g" test

# Memcheck over the unit suite (and every CLI run it starts; system tools are not
# traced), the spec corpus and the LSP integration tests: an error or a definite
# leak fails. Slow (~30 min on 2 cores): run on demand, CI runs the asan stage.
VALGRIND_FLAGS := -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
                  --show-possibly-lost=no
leakcheck: all $(UNIT)
	cd tests && valgrind $(VALGRIND_FLAGS) --trace-children=yes \
	  --trace-children-skip='/usr/*,/bin/*' ../$(UNIT) --jobs 1
	printf '#!/bin/sh\nexec valgrind $(VALGRIND_FLAGS) %s "$$@"\n' '$(abspath $(BIN))' \
	  > $(BUILD)/korrektur-valgrind && chmod +x $(BUILD)/korrektur-valgrind
	sh tests/spec/run.sh $(BUILD)/korrektur-valgrind
	KORREKTUR_TIMEOUT_SCALE=30 python3 tests/lsp/test_lsp.py $(BUILD)/korrektur-valgrind

format:
	clang-format -i $$(git ls-files '*.c' '*.h' | grep -v '^grammar/src/parser.c' | grep -v '^grammar/src/tree_sitter/')

# A relative TREE_SITTER path (../shared/tools/tree-sitter) is taken from here.
TS_CMD = $(if $(findstring /,$(TREE_SITTER)),$(abspath $(TREE_SITTER)),$(TREE_SITTER))
grammar:
	cd grammar && $(TS_CMD) generate --abi 14

# The installed binary reads its data from $(PREFIX)/share/korrektur, so it is
# built apart (in $(BUILD)/install, with that KR_DATADIR) from the development
# binary, which reads $(BUILD)/data. DESTDIR only prefixes where files are copied.
INSTALL_BUILD := $(BUILD)/install
install: all install-data
	rm -f $(INSTALL_BUILD)/obj/server/lexicon.o
	$(MAKE) --no-print-directory BUILD=$(INSTALL_BUILD) \
	  KR_DATADIR=$(PREFIX)/share/korrektur $(INSTALL_BUILD)/korrektur
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	  $(DESTDIR)$(PREFIX)/share/korrektur
	install -m 755 $(INSTALL_BUILD)/korrektur $(DESTDIR)$(PREFIX)/bin/korrektur
	install -m 644 server/doc/korrektur.1 $(DESTDIR)$(PREFIX)/share/man/man1/korrektur.1

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/korrektur $(DESTDIR)$(PREFIX)/share/man/man1/korrektur.1
	rm -rf $(DESTDIR)$(PREFIX)/share/korrektur \
	  $(DESTDIR)$(PREFIX)/share/nvim/site/pack/korrektur

clean:
	rm -rf $(BUILD) build-asan build-ubsan

-include $(ENGINE_OBJ:.o=.d) $(UNIT_OBJ:.o=.d) $(BUILD)/obj/server/main.d
