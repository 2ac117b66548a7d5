# server/data.mk — builds the lexicon's data into $(BUILD)/data/ (part of `all`)
# and installs it (`install-data`, to $(PREFIX)/share/korrektur).
#
#   da_DK.kdict      every da_DK word form with its compound roles, plus the
#                    tesseract-ocr-dan word list (the KR_LEX_COMMON prior), as the
#                    automaton server/tools/mkdict.c writes (mmap'd at run time)
#   da_DK.aff/.dic   hunspell da_DK itself, for kr_lexicon_hunspell_known()
HUNSPELL_DA ?= /usr/share/hunspell/da_DK
TESSDATA_DAN ?= /usr/share/tesseract-ocr/5/tessdata/dan.traineddata
LEX_DATA := $(BUILD)/data
MKDICT := $(BUILD)/tools/mkdict

DATA_TARGETS += $(LEX_DATA)/da_DK.kdict $(LEX_DATA)/da_DK.aff $(LEX_DATA)/da_DK.dic

$(MKDICT): server/tools/mkdict.c server/lexicon_internal.h
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O2 -Wall -Wextra $(WERROR) -D_GNU_SOURCE -Iserver -o $@ $<

$(LEX_DATA)/da_DK.kdict: $(MKDICT) $(HUNSPELL_DA).aff $(HUNSPELL_DA).dic $(BUILD)/tmp/common.txt
	@mkdir -p $(dir $@)
	$(MKDICT) $(HUNSPELL_DA).aff $(HUNSPELL_DA).dic $(BUILD)/tmp/common.txt $@.tmp
	mv $@.tmp $@

$(LEX_DATA)/da_DK.aff: $(HUNSPELL_DA).aff
	@mkdir -p $(dir $@)
	cp $< $@

$(LEX_DATA)/da_DK.dic: $(HUNSPELL_DA).dic
	@mkdir -p $(dir $@)
	cp $< $@

# combine_tessdata unpacks the model, dawg2wordlist lists its word DAWG.
$(BUILD)/tmp/common.txt: $(TESSDATA_DAN)
	@mkdir -p $(BUILD)/tmp/tess
	combine_tessdata -u $< $(BUILD)/tmp/tess/dan. >/dev/null 2>&1
	dawg2wordlist $(BUILD)/tmp/tess/dan.lstm-unicharset $(BUILD)/tmp/tess/dan.lstm-word-dawg \
	  $@.tmp 2>/dev/null
	mv $@.tmp $@
	rm -rf $(BUILD)/tmp/tess

.PHONY: install-data
install-data: $(DATA_TARGETS)
	install -d $(DESTDIR)$(PREFIX)/share/korrektur
	install -m 644 $(DATA_TARGETS) $(DESTDIR)$(PREFIX)/share/korrektur/

# Measures the lexicon against hunspell on text files (default: the dev corpus):
#   make lexcheck [LEXCHECK_FILES="a.txt b.txt"] [LEXCHECK_FLAGS=-v]
LEXCHECK_FILES ?= $(wildcard ../shared/corpus/dev/*.truth.txt)
$(BUILD)/tools/lexcheck: server/tools/lexcheck.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $< $(LIB) $(LDFLAGS) $(LDLIBS)

.PHONY: lexcheck
lexcheck: $(BUILD)/tools/lexcheck $(DATA_TARGETS)
	$(BUILD)/tools/lexcheck $(LEXCHECK_FLAGS) $(LEXCHECK_FILES)
