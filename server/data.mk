# server/data.mk — builds the lexicon's data into $(BUILD)/data/ (part of `all`)
# and installs it (`install-data`, to $(PREFIX)/share/korrektur).
#
#   da_DK.aff/.dic   hunspell da_DK, copied so the data folder is self-contained
#   common.txt       tesseract-ocr-dan's word list: the KR_LEX_COMMON prior
HUNSPELL_DA ?= /usr/share/hunspell/da_DK
TESSDATA_DAN ?= /usr/share/tesseract-ocr/5/tessdata/dan.traineddata
LEX_DATA := $(BUILD)/data

DATA_TARGETS += $(LEX_DATA)/da_DK.aff $(LEX_DATA)/da_DK.dic $(LEX_DATA)/common.txt

$(LEX_DATA)/da_DK.aff: $(HUNSPELL_DA).aff
	@mkdir -p $(dir $@)
	cp $< $@

$(LEX_DATA)/da_DK.dic: $(HUNSPELL_DA).dic
	@mkdir -p $(dir $@)
	cp $< $@

# combine_tessdata unpacks the model, dawg2wordlist lists its word DAWG.
$(LEX_DATA)/common.txt: $(TESSDATA_DAN)
	@mkdir -p $(BUILD)/tmp/tess $(dir $@)
	combine_tessdata -u $< $(BUILD)/tmp/tess/dan. >/dev/null
	dawg2wordlist $(BUILD)/tmp/tess/dan.lstm-unicharset $(BUILD)/tmp/tess/dan.lstm-word-dawg \
	  $@.tmp 2>/dev/null
	mv $@.tmp $@
	rm -rf $(BUILD)/tmp/tess

.PHONY: install-data
install-data: $(DATA_TARGETS)
	install -d $(DESTDIR)$(PREFIX)/share/korrektur
	install -m 644 $(DATA_TARGETS) $(DESTDIR)$(PREFIX)/share/korrektur/
