# spec.mk — the spec corpus (tests/spec/*.in.txt → *.fixed.txt) as a test stage.
TEST_STAGES += spec

test-stage-spec: $(BIN)
	@sh tests/spec/run.sh $(BIN)

.PHONY: test-stage-spec
