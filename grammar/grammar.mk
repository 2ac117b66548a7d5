# grammar/grammar.mk — the grammar's test stage (included by the top Makefile).
#
#   make test-stage-grammar    corpus cases through the compiled parser, the
#                              1 MB benchmark, fuzzing, and (when a tree-sitter
#                              CLI is found) a check that src/parser.c is up to
#                              date with grammar.js
#
# The harnesses (tests/grammar/*.c) link the parser objects the engine build
# already makes; no CLI is needed to test.

GRAMMAR_OBJ   := $(BUILD)/obj/grammar/src/parser.o $(BUILD)/obj/grammar/src/scanner.o
GRAMMAR_TOOLS := $(BUILD)/tests/grammar/corpus $(BUILD)/tests/grammar/bench

$(BUILD)/tests/grammar/%: $(BUILD)/obj/tests/grammar/%.o $(GRAMMAR_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

TEST_STAGES += grammar

test-stage-grammar: $(GRAMMAR_TOOLS)
	@sh tests/grammar/run.sh $(BUILD) "$(TS_CMD)"

.PHONY: test-stage-grammar
.PRECIOUS: $(BUILD)/obj/tests/grammar/%.o
