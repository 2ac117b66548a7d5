#include "tree_sitter/parser.h"

#if defined(__GNUC__) || defined(__clang__)
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#endif

#define LANGUAGE_VERSION 14
#define STATE_COUNT 40
#define LARGE_STATE_COUNT 13
#define SYMBOL_COUNT 33
#define ALIAS_COUNT 0
#define TOKEN_COUNT 19
#define EXTERNAL_TOKEN_COUNT 13
#define FIELD_COUNT 1
#define MAX_ALIAS_SEQUENCE_LENGTH 5
#define PRODUCTION_ID_COUNT 2

enum ts_symbol_identifiers {
  sym_word = 1,
  sym_number = 2,
  sym_hyphen_break = 3,
  sym_url = 4,
  sym__sym = 5,
  sym__line_begin = 6,
  sym__title_begin = 7,
  sym__newline = 8,
  sym__blank = 9,
  sym_question_label = 10,
  sym_answer_label = 11,
  sym_other_label = 12,
  sym__header_text = 13,
  sym_marker = 14,
  sym__quote_open = 15,
  sym__quote_close = 16,
  sym__punct = 17,
  sym__error_sentinel = 18,
  sym_document = 19,
  sym_title = 20,
  sym_section = 21,
  sym_label = 22,
  sym__block = 23,
  sym_paragraph = 24,
  sym_bullet_item = 25,
  sym_page_header = 26,
  sym_line = 27,
  sym_quote = 28,
  aux_sym_document_repeat1 = 29,
  aux_sym_document_repeat2 = 30,
  aux_sym_title_repeat1 = 31,
  aux_sym_paragraph_repeat1 = 32,
};

static const char * const ts_symbol_names[] = {
  [ts_builtin_sym_end] = "end",
  [sym_word] = "word",
  [sym_number] = "number",
  [sym_hyphen_break] = "hyphen_break",
  [sym_url] = "url",
  [sym__sym] = "_sym",
  [sym__line_begin] = "_line_begin",
  [sym__title_begin] = "_title_begin",
  [sym__newline] = "_newline",
  [sym__blank] = "_blank",
  [sym_question_label] = "question_label",
  [sym_answer_label] = "answer_label",
  [sym_other_label] = "other_label",
  [sym__header_text] = "_header_text",
  [sym_marker] = "marker",
  [sym__quote_open] = "_quote_open",
  [sym__quote_close] = "_quote_close",
  [sym__punct] = "_punct",
  [sym__error_sentinel] = "_error_sentinel",
  [sym_document] = "document",
  [sym_title] = "title",
  [sym_section] = "section",
  [sym_label] = "label",
  [sym__block] = "_block",
  [sym_paragraph] = "paragraph",
  [sym_bullet_item] = "bullet_item",
  [sym_page_header] = "page_header",
  [sym_line] = "line",
  [sym_quote] = "quote",
  [aux_sym_document_repeat1] = "document_repeat1",
  [aux_sym_document_repeat2] = "document_repeat2",
  [aux_sym_title_repeat1] = "title_repeat1",
  [aux_sym_paragraph_repeat1] = "paragraph_repeat1",
};

static const TSSymbol ts_symbol_map[] = {
  [ts_builtin_sym_end] = ts_builtin_sym_end,
  [sym_word] = sym_word,
  [sym_number] = sym_number,
  [sym_hyphen_break] = sym_hyphen_break,
  [sym_url] = sym_url,
  [sym__sym] = sym__sym,
  [sym__line_begin] = sym__line_begin,
  [sym__title_begin] = sym__title_begin,
  [sym__newline] = sym__newline,
  [sym__blank] = sym__blank,
  [sym_question_label] = sym_question_label,
  [sym_answer_label] = sym_answer_label,
  [sym_other_label] = sym_other_label,
  [sym__header_text] = sym__header_text,
  [sym_marker] = sym_marker,
  [sym__quote_open] = sym__quote_open,
  [sym__quote_close] = sym__quote_close,
  [sym__punct] = sym__punct,
  [sym__error_sentinel] = sym__error_sentinel,
  [sym_document] = sym_document,
  [sym_title] = sym_title,
  [sym_section] = sym_section,
  [sym_label] = sym_label,
  [sym__block] = sym__block,
  [sym_paragraph] = sym_paragraph,
  [sym_bullet_item] = sym_bullet_item,
  [sym_page_header] = sym_page_header,
  [sym_line] = sym_line,
  [sym_quote] = sym_quote,
  [aux_sym_document_repeat1] = aux_sym_document_repeat1,
  [aux_sym_document_repeat2] = aux_sym_document_repeat2,
  [aux_sym_title_repeat1] = aux_sym_title_repeat1,
  [aux_sym_paragraph_repeat1] = aux_sym_paragraph_repeat1,
};

static const TSSymbolMetadata ts_symbol_metadata[] = {
  [ts_builtin_sym_end] = {
    .visible = false,
    .named = true,
  },
  [sym_word] = {
    .visible = true,
    .named = true,
  },
  [sym_number] = {
    .visible = true,
    .named = true,
  },
  [sym_hyphen_break] = {
    .visible = true,
    .named = true,
  },
  [sym_url] = {
    .visible = true,
    .named = true,
  },
  [sym__sym] = {
    .visible = false,
    .named = true,
  },
  [sym__line_begin] = {
    .visible = false,
    .named = true,
  },
  [sym__title_begin] = {
    .visible = false,
    .named = true,
  },
  [sym__newline] = {
    .visible = false,
    .named = true,
  },
  [sym__blank] = {
    .visible = false,
    .named = true,
  },
  [sym_question_label] = {
    .visible = true,
    .named = true,
  },
  [sym_answer_label] = {
    .visible = true,
    .named = true,
  },
  [sym_other_label] = {
    .visible = true,
    .named = true,
  },
  [sym__header_text] = {
    .visible = false,
    .named = true,
  },
  [sym_marker] = {
    .visible = true,
    .named = true,
  },
  [sym__quote_open] = {
    .visible = false,
    .named = true,
  },
  [sym__quote_close] = {
    .visible = false,
    .named = true,
  },
  [sym__punct] = {
    .visible = false,
    .named = true,
  },
  [sym__error_sentinel] = {
    .visible = false,
    .named = true,
  },
  [sym_document] = {
    .visible = true,
    .named = true,
  },
  [sym_title] = {
    .visible = true,
    .named = true,
  },
  [sym_section] = {
    .visible = true,
    .named = true,
  },
  [sym_label] = {
    .visible = true,
    .named = true,
  },
  [sym__block] = {
    .visible = false,
    .named = true,
  },
  [sym_paragraph] = {
    .visible = true,
    .named = true,
  },
  [sym_bullet_item] = {
    .visible = true,
    .named = true,
  },
  [sym_page_header] = {
    .visible = true,
    .named = true,
  },
  [sym_line] = {
    .visible = true,
    .named = true,
  },
  [sym_quote] = {
    .visible = true,
    .named = true,
  },
  [aux_sym_document_repeat1] = {
    .visible = false,
    .named = false,
  },
  [aux_sym_document_repeat2] = {
    .visible = false,
    .named = false,
  },
  [aux_sym_title_repeat1] = {
    .visible = false,
    .named = false,
  },
  [aux_sym_paragraph_repeat1] = {
    .visible = false,
    .named = false,
  },
};

enum ts_field_identifiers {
  field_label = 1,
};

static const char * const ts_field_names[] = {
  [0] = NULL,
  [field_label] = "label",
};

static const TSFieldMapSlice ts_field_map_slices[PRODUCTION_ID_COUNT] = {
  [1] = {.index = 0, .length = 1},
};

static const TSFieldMapEntry ts_field_map_entries[] = {
  [0] =
    {field_label, 0},
};

static const TSSymbol ts_alias_sequences[PRODUCTION_ID_COUNT][MAX_ALIAS_SEQUENCE_LENGTH] = {
  [0] = {0},
};

static const uint16_t ts_non_terminal_alias_map[] = {
  0,
};

static const TSStateId ts_primary_state_ids[STATE_COUNT] = {
  [0] = 0,
  [1] = 1,
  [2] = 2,
  [3] = 3,
  [4] = 4,
  [5] = 5,
  [6] = 6,
  [7] = 7,
  [8] = 8,
  [9] = 9,
  [10] = 10,
  [11] = 11,
  [12] = 12,
  [13] = 13,
  [14] = 14,
  [15] = 15,
  [16] = 16,
  [17] = 17,
  [18] = 18,
  [19] = 19,
  [20] = 20,
  [21] = 21,
  [22] = 22,
  [23] = 23,
  [24] = 24,
  [25] = 25,
  [26] = 26,
  [27] = 27,
  [28] = 28,
  [29] = 29,
  [30] = 30,
  [31] = 31,
  [32] = 32,
  [33] = 33,
  [34] = 34,
  [35] = 35,
  [36] = 36,
  [37] = 37,
  [38] = 38,
  [39] = 39,
};

static TSCharacterRange sym_word_character_set_1[] = {
  {'0', '9'}, {'A', 'Z'}, {'a', 'z'}, {0x80, 0x9f}, {0xaa, 0xaa}, {0xb2, 0xb3}, {0xb5, 0xb5}, {0xb9, 0xba},
  {0xc0, 0xd6}, {0xd8, 0xf6}, {0xf8, 0x1fff}, {0x2c00, 0x2fff}, {0x3040, 0xfe0f}, {0xfe70, 0xfeff}, {0xff10, 0x10ffff},
};

static TSCharacterRange sym_word_character_set_2[] = {
  {'\'', '\''}, {'-', '-'}, {'0', '9'}, {'@', 'Z'}, {'_', '_'}, {'a', 'z'}, {0x80, 0x9f}, {0xaa, 0xaa},
  {0xb2, 0xb3}, {0xb5, 0xb5}, {0xb9, 0xba}, {0xc0, 0xd6}, {0xd8, 0xf6}, {0xf8, 0x1fff}, {0x2019, 0x2019}, {0x2c00, 0x2fff},
  {0x3040, 0xfe0f}, {0xfe70, 0xfeff}, {0xff10, 0x10ffff},
};

static TSCharacterRange sym_hyphen_break_character_set_1[] = {
  {'\n', '\n'}, {'\r', '\r'}, {'0', '9'}, {'A', 'Z'}, {'a', 'z'}, {0x80, 0x9f}, {0xaa, 0xaa}, {0xb2, 0xb3},
  {0xb5, 0xb5}, {0xb9, 0xba}, {0xc0, 0xd6}, {0xd8, 0xf6}, {0xf8, 0x1fff}, {0x2c00, 0x2fff}, {0x3040, 0xfe0f}, {0xfe70, 0xfeff},
  {0xff10, 0x10ffff},
};

static TSCharacterRange sym_url_character_set_1[] = {
  {'-', '.'}, {'0', '9'}, {'A', 'Z'}, {'a', 'z'}, {0x80, 0x9f}, {0xaa, 0xaa}, {0xb2, 0xb3}, {0xb5, 0xb5},
  {0xb9, 0xba}, {0xc0, 0xd6}, {0xd8, 0xf6}, {0xf8, 0x1fff}, {0x2c00, 0x2fff}, {0x3040, 0xfe0f}, {0xfe70, 0xfeff}, {0xff10, 0x10ffff},
};

static TSCharacterRange sym_url_character_set_2[] = {
  {'-', '9'}, {'A', 'Z'}, {'a', 'z'}, {0x80, 0x9f}, {0xaa, 0xaa}, {0xb2, 0xb3}, {0xb5, 0xb5}, {0xb9, 0xba},
  {0xc0, 0xd6}, {0xd8, 0xf6}, {0xf8, 0x1fff}, {0x2c00, 0x2fff}, {0x3040, 0xfe0f}, {0xfe70, 0xfeff}, {0xff10, 0x10ffff},
};

static TSCharacterRange sym_url_character_set_3[] = {
  {'-', '.'}, {'0', ':'}, {'A', 'Z'}, {'a', 'z'}, {0x80, 0x9f}, {0xaa, 0xaa}, {0xb2, 0xb3}, {0xb5, 0xb5},
  {0xb9, 0xba}, {0xc0, 0xd6}, {0xd8, 0xf6}, {0xf8, 0x1fff}, {0x2c00, 0x2fff}, {0x3040, 0xfe0f}, {0xfe70, 0xfeff}, {0xff10, 0x10ffff},
};

static TSCharacterRange sym_url_character_set_4[] = {
  {0, 0x08}, {0x0e, 0x1f}, {'!', '!'}, {'#', ';'}, {'=', '='}, {'?', 0xaa}, {0xac, 0xba}, {0xbc, 0x201b},
  {0x201f, 0x10ffff},
};

static TSCharacterRange sym__sym_character_set_1[] = {
  {0x01, 0x08}, {0x0e, 0x1f}, {'!', '!'}, {'#', '/'}, {':', '@'}, {'[', '`'}, {'{', 0x7f}, {0xa0, 0xa9},
  {0xac, 0xb1}, {0xb4, 0xb4}, {0xb6, 0xb8}, {0xbc, 0xbf}, {0xd7, 0xd7}, {0xf7, 0xf7}, {0x2000, 0x201b}, {0x201f, 0x2bff},
  {0x3000, 0x303f}, {0xfe10, 0xfe6f}, {0xff00, 0xff0f},
};

static bool ts_lex(TSLexer *lexer, TSStateId state) {
  START_LEXER();
  eof = lexer->eof(lexer);
  switch (state) {
    case 0:
      if (eof) ADVANCE(36);
      if (lookahead == 'H' ||
          lookahead == 'h') ADVANCE(41);
      if (lookahead == 'W' ||
          lookahead == 'w') ADVANCE(42);
      if (lookahead == '\t' ||
          lookahead == 0x0b ||
          lookahead == '\f' ||
          lookahead == ' ') SKIP(0);
      if (('0' <= lookahead && lookahead <= '9')) ADVANCE(47);
      if (set_contains(sym__sym_character_set_1, 19, lookahead)) ADVANCE(73);
      if (lookahead > '@' &&
          (lookahead < 0xab || 0xb1 < lookahead) &&
          (lookahead < 0xbb || 0xbf < lookahead) &&
          (lookahead < 0x2000 || 0x2bff < lookahead)) ADVANCE(44);
      END_STATE();
    case 1:
      if (lookahead == '\n') ADVANCE(35);
      END_STATE();
    case 2:
      if (lookahead == '\n') ADVANCE(35);
      if (lookahead == '\r') ADVANCE(1);
      if (set_contains(sym_hyphen_break_character_set_1, 17, lookahead)) ADVANCE(44);
      END_STATE();
    case 3:
      if (lookahead == '\n') ADVANCE(35);
      if (lookahead == '\r') ADVANCE(1);
      if (set_contains(sym_hyphen_break_character_set_1, 17, lookahead)) ADVANCE(46);
      END_STATE();
    case 4:
      if (lookahead == '\n') ADVANCE(35);
      if (lookahead == '\r') ADVANCE(1);
      if (set_contains(sym_hyphen_break_character_set_1, 17, lookahead)) ADVANCE(6);
      END_STATE();
    case 5:
      if (lookahead == '\n') ADVANCE(35);
      if (lookahead == '\r') ADVANCE(1);
      if (set_contains(sym_hyphen_break_character_set_1, 17, lookahead)) ADVANCE(7);
      END_STATE();
    case 6:
      if (lookahead == '-') ADVANCE(4);
      if (lookahead == '.') ADVANCE(28);
      if (lookahead == '\'' ||
          lookahead == '@' ||
          lookahead == '_' ||
          lookahead == 0x2019) ADVANCE(34);
      if (set_contains(sym_url_character_set_1, 16, lookahead)) ADVANCE(6);
      END_STATE();
    case 7:
      if (lookahead == '-') ADVANCE(5);
      if (lookahead == '\'' ||
          lookahead == '@' ||
          lookahead == '_' ||
          lookahead == 0x2019) ADVANCE(34);
      if (set_contains(sym_word_character_set_2, 19, lookahead)) ADVANCE(7);
      END_STATE();
    case 8:
      if (lookahead == '-') ADVANCE(32);
      if (lookahead == '.') ADVANCE(28);
      if (lookahead == 'd') ADVANCE(21);
      if (lookahead == 'u') ADVANCE(69);
      if (set_contains(sym_url_character_set_1, 16, lookahead)) ADVANCE(24);
      END_STATE();
    case 9:
      if (lookahead == '-') ADVANCE(32);
      if (lookahead == '.') ADVANCE(28);
      if (lookahead == 'e') ADVANCE(69);
      if (set_contains(sym_url_character_set_1, 16, lookahead)) ADVANCE(24);
      END_STATE();
    case 10:
      if (lookahead == '-') ADVANCE(32);
      if (lookahead == '.') ADVANCE(28);
      if (lookahead == 'e') ADVANCE(20);
      if (lookahead == 'o' ||
          lookahead == 'u') ADVANCE(69);
      if (set_contains(sym_url_character_set_1, 16, lookahead)) ADVANCE(24);
      END_STATE();
    case 11:
      if (lookahead == '-') ADVANCE(32);
      if (lookahead == '.') ADVANCE(28);
      if (lookahead == 'f') ADVANCE(17);
      if (set_contains(sym_url_character_set_1, 16, lookahead)) ADVANCE(24);
      END_STATE();
    case 12:
      if (lookahead == '-') ADVANCE(32);
      if (lookahead == '.') ADVANCE(28);
      if (lookahead == 'g') ADVANCE(69);
      if (set_contains(sym_url_character_set_1, 16, lookahead)) ADVANCE(24);
      END_STATE();
    case 13:
      if (lookahead == '-') ADVANCE(32);
      if (lookahead == '.') ADVANCE(28);
      if (lookahead == 'k') ADVANCE(69);
      if (set_contains(sym_url_character_set_1, 16, lookahead)) ADVANCE(24);
      END_STATE();
    case 14:
      if (lookahead == '-') ADVANCE(32);
      if (lookahead == '.') ADVANCE(28);
      if (lookahead == 'm') ADVANCE(69);
      if (set_contains(sym_url_character_set_1, 16, lookahead)) ADVANCE(24);
      END_STATE();
    case 15:
      if (lookahead == '-') ADVANCE(32);
      if (lookahead == '.') ADVANCE(28);
      if (lookahead == 'n') ADVANCE(11);
      if (lookahead == 'o') ADVANCE(69);
      if (set_contains(sym_url_character_set_1, 16, lookahead)) ADVANCE(24);
      END_STATE();
    case 16:
      if (lookahead == '-') ADVANCE(32);
      if (lookahead == '.') ADVANCE(28);
      if (lookahead == 'o') ADVANCE(14);
      if (set_contains(sym_url_character_set_1, 16, lookahead)) ADVANCE(24);
      END_STATE();
    case 17:
      if (lookahead == '-') ADVANCE(32);
      if (lookahead == '.') ADVANCE(28);
      if (lookahead == 'o') ADVANCE(69);
      if (set_contains(sym_url_character_set_1, 16, lookahead)) ADVANCE(24);
      END_STATE();
    case 18:
      if (lookahead == '-') ADVANCE(32);
      if (lookahead == '.') ADVANCE(28);
      if (lookahead == 'o') ADVANCE(22);
      if (set_contains(sym_url_character_set_1, 16, lookahead)) ADVANCE(24);
      END_STATE();
    case 19:
      if (lookahead == '-') ADVANCE(32);
      if (lookahead == '.') ADVANCE(28);
      if (lookahead == 'r') ADVANCE(12);
      if (set_contains(sym_url_character_set_1, 16, lookahead)) ADVANCE(24);
      END_STATE();
    case 20:
      if (lookahead == '-') ADVANCE(32);
      if (lookahead == '.') ADVANCE(28);
      if (lookahead == 't') ADVANCE(69);
      if (set_contains(sym_url_character_set_1, 16, lookahead)) ADVANCE(24);
      END_STATE();
    case 21:
      if (lookahead == '-') ADVANCE(32);
      if (lookahead == '.') ADVANCE(28);
      if (lookahead == 'u') ADVANCE(69);
      if (set_contains(sym_url_character_set_1, 16, lookahead)) ADVANCE(24);
      END_STATE();
    case 22:
      if (lookahead == '-') ADVANCE(32);
      if (lookahead == '.') ADVANCE(28);
      if (lookahead == 'v') ADVANCE(69);
      if (set_contains(sym_url_character_set_1, 16, lookahead)) ADVANCE(24);
      END_STATE();
    case 23:
      if (lookahead == '-') ADVANCE(32);
      if (lookahead == '.') ADVANCE(28);
      if (lookahead == 'e' ||
          lookahead == 'k') ADVANCE(69);
      if (set_contains(sym_url_character_set_1, 16, lookahead)) ADVANCE(24);
      END_STATE();
    case 24:
      if (lookahead == '-') ADVANCE(32);
      if (lookahead == '.') ADVANCE(28);
      if (set_contains(sym_url_character_set_1, 16, lookahead)) ADVANCE(24);
      END_STATE();
    case 25:
      if (lookahead == '/') ADVANCE(72);
      END_STATE();
    case 26:
      if (lookahead == '/') ADVANCE(25);
      END_STATE();
    case 27:
      ADVANCE_MAP(
        'c', 16,
        'd', 23,
        'e', 8,
        'g', 18,
        'i', 15,
        'n', 10,
        'o', 19,
        's', 9,
        'u', 13,
      );
      if (('0' <= lookahead && lookahead <= '9')) ADVANCE(48);
      if (set_contains(sym_word_character_set_1, 15, lookahead)) ADVANCE(24);
      END_STATE();
    case 28:
      ADVANCE_MAP(
        'c', 16,
        'd', 23,
        'e', 8,
        'g', 18,
        'i', 15,
        'n', 10,
        'o', 19,
        's', 9,
        'u', 13,
      );
      if (set_contains(sym_word_character_set_1, 15, lookahead)) ADVANCE(24);
      END_STATE();
    case 29:
      ADVANCE_MAP(
        'c', 60,
        'd', 67,
        'e', 52,
        'g', 62,
        'i', 59,
        'n', 54,
        'o', 63,
        's', 53,
        'u', 57,
        '!', 31,
        '\'', 31,
        ')', 31,
        ',', 31,
        '.', 31,
        ':', 31,
        ';', 31,
        '?', 31,
        ']', 31,
        '}', 31,
        0x2019, 31,
      );
      if ((set_contains(sym__sym_character_set_1, 19, lookahead) ||
          (!eof && lookahead == 00)) &&
          (lookahead < ':' || '<' < lookahead) &&
          lookahead != '>' &&
          lookahead != '?') ADVANCE(72);
      if (lookahead > '/' &&
          (lookahead < ':' || '@' < lookahead) &&
          (lookahead < 0xab || 0xb1 < lookahead) &&
          (lookahead < 0xbb || 0xbf < lookahead) &&
          (lookahead < 0x2000 || 0x2bff < lookahead)) ADVANCE(68);
      END_STATE();
    case 30:
      if (('0' <= lookahead && lookahead <= '9')) ADVANCE(49);
      END_STATE();
    case 31:
      ADVANCE_MAP(
        '!', 31,
        '\'', 31,
        ')', 31,
        ',', 31,
        '.', 31,
        ':', 31,
        ';', 31,
        '?', 31,
        ']', 31,
        '}', 31,
        0x2019, 31,
      );
      if ((!eof && set_contains(sym_url_character_set_4, 9, lookahead))) ADVANCE(72);
      END_STATE();
    case 32:
      if (set_contains(sym_word_character_set_1, 15, lookahead)) ADVANCE(24);
      END_STATE();
    case 33:
      if (set_contains(sym_word_character_set_1, 15, lookahead)) ADVANCE(46);
      END_STATE();
    case 34:
      if (set_contains(sym_word_character_set_1, 15, lookahead)) ADVANCE(7);
      END_STATE();
    case 35:
      if (set_contains(sym_word_character_set_1, 15, lookahead)) ADVANCE(50);
      END_STATE();
    case 36:
      ACCEPT_TOKEN(ts_builtin_sym_end);
      END_STATE();
    case 37:
      ACCEPT_TOKEN(sym_word);
      ADVANCE_MAP(
        '-', 2,
        '.', 28,
        ':', 26,
        'S', 38,
        's', 38,
        '\'', 33,
        '@', 33,
        '_', 33,
        0x2019, 33,
      );
      if (set_contains(sym_url_character_set_3, 16, lookahead)) ADVANCE(44);
      END_STATE();
    case 38:
      ACCEPT_TOKEN(sym_word);
      if (lookahead == '-') ADVANCE(2);
      if (lookahead == '.') ADVANCE(28);
      if (lookahead == ':') ADVANCE(26);
      if (lookahead == '\'' ||
          lookahead == '@' ||
          lookahead == '_' ||
          lookahead == 0x2019) ADVANCE(33);
      if (set_contains(sym_url_character_set_3, 16, lookahead)) ADVANCE(44);
      END_STATE();
    case 39:
      ACCEPT_TOKEN(sym_word);
      ADVANCE_MAP(
        '-', 2,
        '.', 28,
        'P', 37,
        'p', 37,
        '\'', 33,
        '@', 33,
        '_', 33,
        0x2019, 33,
      );
      if (set_contains(sym_url_character_set_1, 16, lookahead)) ADVANCE(44);
      END_STATE();
    case 40:
      ACCEPT_TOKEN(sym_word);
      ADVANCE_MAP(
        '-', 2,
        '.', 28,
        'T', 39,
        't', 39,
        '\'', 33,
        '@', 33,
        '_', 33,
        0x2019, 33,
      );
      if (set_contains(sym_url_character_set_1, 16, lookahead)) ADVANCE(44);
      END_STATE();
    case 41:
      ACCEPT_TOKEN(sym_word);
      ADVANCE_MAP(
        '-', 2,
        '.', 28,
        'T', 40,
        't', 40,
        '\'', 33,
        '@', 33,
        '_', 33,
        0x2019, 33,
      );
      if (set_contains(sym_url_character_set_1, 16, lookahead)) ADVANCE(44);
      END_STATE();
    case 42:
      ACCEPT_TOKEN(sym_word);
      ADVANCE_MAP(
        '-', 2,
        '.', 28,
        'W', 43,
        'w', 43,
        '\'', 33,
        '@', 33,
        '_', 33,
        0x2019, 33,
      );
      if (set_contains(sym_url_character_set_1, 16, lookahead)) ADVANCE(44);
      END_STATE();
    case 43:
      ACCEPT_TOKEN(sym_word);
      ADVANCE_MAP(
        '-', 2,
        '.', 28,
        'W', 45,
        'w', 45,
        '\'', 33,
        '@', 33,
        '_', 33,
        0x2019, 33,
      );
      if (set_contains(sym_url_character_set_1, 16, lookahead)) ADVANCE(44);
      END_STATE();
    case 44:
      ACCEPT_TOKEN(sym_word);
      if (lookahead == '-') ADVANCE(2);
      if (lookahead == '.') ADVANCE(28);
      if (lookahead == '\'' ||
          lookahead == '@' ||
          lookahead == '_' ||
          lookahead == 0x2019) ADVANCE(33);
      if (set_contains(sym_url_character_set_1, 16, lookahead)) ADVANCE(44);
      END_STATE();
    case 45:
      ACCEPT_TOKEN(sym_word);
      if (lookahead == '-') ADVANCE(2);
      if (lookahead == '.') ADVANCE(70);
      if (lookahead == '\'' ||
          lookahead == '@' ||
          lookahead == '_' ||
          lookahead == 0x2019) ADVANCE(33);
      if (set_contains(sym_url_character_set_1, 16, lookahead)) ADVANCE(44);
      END_STATE();
    case 46:
      ACCEPT_TOKEN(sym_word);
      if (lookahead == '-') ADVANCE(3);
      if (lookahead == '\'' ||
          lookahead == '@' ||
          lookahead == '_' ||
          lookahead == 0x2019) ADVANCE(33);
      if (set_contains(sym_word_character_set_2, 19, lookahead)) ADVANCE(46);
      END_STATE();
    case 47:
      ACCEPT_TOKEN(sym_number);
      if (lookahead == ',') ADVANCE(30);
      if (lookahead == '-') ADVANCE(4);
      if (lookahead == '.') ADVANCE(27);
      if (lookahead == '\'' ||
          lookahead == '@' ||
          lookahead == '_' ||
          lookahead == 0x2019) ADVANCE(34);
      if (('0' <= lookahead && lookahead <= '9')) ADVANCE(47);
      if (set_contains(sym_url_character_set_1, 16, lookahead)) ADVANCE(44);
      END_STATE();
    case 48:
      ACCEPT_TOKEN(sym_number);
      if (lookahead == ',') ADVANCE(30);
      if (lookahead == '-') ADVANCE(32);
      if (lookahead == '.') ADVANCE(27);
      if (('0' <= lookahead && lookahead <= '9')) ADVANCE(48);
      if (set_contains(sym_url_character_set_1, 16, lookahead)) ADVANCE(24);
      END_STATE();
    case 49:
      ACCEPT_TOKEN(sym_number);
      if (lookahead == ',' ||
          lookahead == '.') ADVANCE(30);
      if (('0' <= lookahead && lookahead <= '9')) ADVANCE(49);
      END_STATE();
    case 50:
      ACCEPT_TOKEN(sym_hyphen_break);
      if (lookahead == '\'' ||
          lookahead == '-' ||
          lookahead == '@' ||
          lookahead == '_' ||
          lookahead == 0x2019) ADVANCE(35);
      if (set_contains(sym_word_character_set_2, 19, lookahead)) ADVANCE(50);
      END_STATE();
    case 51:
      ACCEPT_TOKEN(sym_url);
      ADVANCE_MAP(
        '-', 71,
        '.', 29,
        '/', 72,
        '!', 31,
        '\'', 31,
        ')', 31,
        ',', 31,
        ':', 31,
        ';', 31,
        '?', 31,
        ']', 31,
        '}', 31,
        0x2019, 31,
      );
      if ((set_contains(sym__sym_character_set_1, 19, lookahead) ||
          (!eof && lookahead == 00)) &&
          (lookahead < ':' || '<' < lookahead) &&
          lookahead != '>' &&
          lookahead != '?') ADVANCE(72);
      if (lookahead > '/' &&
          (lookahead < ':' || '@' < lookahead) &&
          (lookahead < 0xab || 0xb1 < lookahead) &&
          (lookahead < 0xbb || 0xbf < lookahead) &&
          (lookahead < 0x2000 || 0x2bff < lookahead)) ADVANCE(68);
      END_STATE();
    case 52:
      ACCEPT_TOKEN(sym_url);
      ADVANCE_MAP(
        '-', 71,
        '.', 29,
        'd', 65,
        'u', 51,
        '!', 31,
        '\'', 31,
        ')', 31,
        ',', 31,
        ':', 31,
        ';', 31,
        '?', 31,
        ']', 31,
        '}', 31,
        0x2019, 31,
      );
      if ((set_contains(sym__sym_character_set_1, 19, lookahead) ||
          (!eof && lookahead == 00)) &&
          (lookahead < ':' || '<' < lookahead) &&
          lookahead != '>' &&
          lookahead != '?') ADVANCE(72);
      if (lookahead > '/' &&
          (lookahead < ':' || '@' < lookahead) &&
          (lookahead < 0xab || 0xb1 < lookahead) &&
          (lookahead < 0xbb || 0xbf < lookahead) &&
          (lookahead < 0x2000 || 0x2bff < lookahead)) ADVANCE(68);
      END_STATE();
    case 53:
      ACCEPT_TOKEN(sym_url);
      ADVANCE_MAP(
        '-', 71,
        '.', 29,
        'e', 51,
        '!', 31,
        '\'', 31,
        ')', 31,
        ',', 31,
        ':', 31,
        ';', 31,
        '?', 31,
        ']', 31,
        '}', 31,
        0x2019, 31,
      );
      if ((set_contains(sym__sym_character_set_1, 19, lookahead) ||
          (!eof && lookahead == 00)) &&
          (lookahead < ':' || '<' < lookahead) &&
          lookahead != '>' &&
          lookahead != '?') ADVANCE(72);
      if (lookahead > '/' &&
          (lookahead < ':' || '@' < lookahead) &&
          (lookahead < 0xab || 0xb1 < lookahead) &&
          (lookahead < 0xbb || 0xbf < lookahead) &&
          (lookahead < 0x2000 || 0x2bff < lookahead)) ADVANCE(68);
      END_STATE();
    case 54:
      ACCEPT_TOKEN(sym_url);
      ADVANCE_MAP(
        '-', 71,
        '.', 29,
        'e', 64,
        'o', 51,
        'u', 51,
        '!', 31,
        '\'', 31,
        ')', 31,
        ',', 31,
        ':', 31,
        ';', 31,
        '?', 31,
        ']', 31,
        '}', 31,
        0x2019, 31,
      );
      if ((set_contains(sym__sym_character_set_1, 19, lookahead) ||
          (!eof && lookahead == 00)) &&
          (lookahead < ':' || '<' < lookahead) &&
          lookahead != '>' &&
          lookahead != '?') ADVANCE(72);
      if (lookahead > '/' &&
          (lookahead < ':' || '@' < lookahead) &&
          (lookahead < 0xab || 0xb1 < lookahead) &&
          (lookahead < 0xbb || 0xbf < lookahead) &&
          (lookahead < 0x2000 || 0x2bff < lookahead)) ADVANCE(68);
      END_STATE();
    case 55:
      ACCEPT_TOKEN(sym_url);
      ADVANCE_MAP(
        '-', 71,
        '.', 29,
        'f', 61,
        '!', 31,
        '\'', 31,
        ')', 31,
        ',', 31,
        ':', 31,
        ';', 31,
        '?', 31,
        ']', 31,
        '}', 31,
        0x2019, 31,
      );
      if ((set_contains(sym__sym_character_set_1, 19, lookahead) ||
          (!eof && lookahead == 00)) &&
          (lookahead < ':' || '<' < lookahead) &&
          lookahead != '>' &&
          lookahead != '?') ADVANCE(72);
      if (lookahead > '/' &&
          (lookahead < ':' || '@' < lookahead) &&
          (lookahead < 0xab || 0xb1 < lookahead) &&
          (lookahead < 0xbb || 0xbf < lookahead) &&
          (lookahead < 0x2000 || 0x2bff < lookahead)) ADVANCE(68);
      END_STATE();
    case 56:
      ACCEPT_TOKEN(sym_url);
      ADVANCE_MAP(
        '-', 71,
        '.', 29,
        'g', 51,
        '!', 31,
        '\'', 31,
        ')', 31,
        ',', 31,
        ':', 31,
        ';', 31,
        '?', 31,
        ']', 31,
        '}', 31,
        0x2019, 31,
      );
      if ((set_contains(sym__sym_character_set_1, 19, lookahead) ||
          (!eof && lookahead == 00)) &&
          (lookahead < ':' || '<' < lookahead) &&
          lookahead != '>' &&
          lookahead != '?') ADVANCE(72);
      if (lookahead > '/' &&
          (lookahead < ':' || '@' < lookahead) &&
          (lookahead < 0xab || 0xb1 < lookahead) &&
          (lookahead < 0xbb || 0xbf < lookahead) &&
          (lookahead < 0x2000 || 0x2bff < lookahead)) ADVANCE(68);
      END_STATE();
    case 57:
      ACCEPT_TOKEN(sym_url);
      ADVANCE_MAP(
        '-', 71,
        '.', 29,
        'k', 51,
        '!', 31,
        '\'', 31,
        ')', 31,
        ',', 31,
        ':', 31,
        ';', 31,
        '?', 31,
        ']', 31,
        '}', 31,
        0x2019, 31,
      );
      if ((set_contains(sym__sym_character_set_1, 19, lookahead) ||
          (!eof && lookahead == 00)) &&
          (lookahead < ':' || '<' < lookahead) &&
          lookahead != '>' &&
          lookahead != '?') ADVANCE(72);
      if (lookahead > '/' &&
          (lookahead < ':' || '@' < lookahead) &&
          (lookahead < 0xab || 0xb1 < lookahead) &&
          (lookahead < 0xbb || 0xbf < lookahead) &&
          (lookahead < 0x2000 || 0x2bff < lookahead)) ADVANCE(68);
      END_STATE();
    case 58:
      ACCEPT_TOKEN(sym_url);
      ADVANCE_MAP(
        '-', 71,
        '.', 29,
        'm', 51,
        '!', 31,
        '\'', 31,
        ')', 31,
        ',', 31,
        ':', 31,
        ';', 31,
        '?', 31,
        ']', 31,
        '}', 31,
        0x2019, 31,
      );
      if ((set_contains(sym__sym_character_set_1, 19, lookahead) ||
          (!eof && lookahead == 00)) &&
          (lookahead < ':' || '<' < lookahead) &&
          lookahead != '>' &&
          lookahead != '?') ADVANCE(72);
      if (lookahead > '/' &&
          (lookahead < ':' || '@' < lookahead) &&
          (lookahead < 0xab || 0xb1 < lookahead) &&
          (lookahead < 0xbb || 0xbf < lookahead) &&
          (lookahead < 0x2000 || 0x2bff < lookahead)) ADVANCE(68);
      END_STATE();
    case 59:
      ACCEPT_TOKEN(sym_url);
      ADVANCE_MAP(
        '-', 71,
        '.', 29,
        'n', 55,
        'o', 51,
        '!', 31,
        '\'', 31,
        ')', 31,
        ',', 31,
        ':', 31,
        ';', 31,
        '?', 31,
        ']', 31,
        '}', 31,
        0x2019, 31,
      );
      if ((set_contains(sym__sym_character_set_1, 19, lookahead) ||
          (!eof && lookahead == 00)) &&
          (lookahead < ':' || '<' < lookahead) &&
          lookahead != '>' &&
          lookahead != '?') ADVANCE(72);
      if (lookahead > '/' &&
          (lookahead < ':' || '@' < lookahead) &&
          (lookahead < 0xab || 0xb1 < lookahead) &&
          (lookahead < 0xbb || 0xbf < lookahead) &&
          (lookahead < 0x2000 || 0x2bff < lookahead)) ADVANCE(68);
      END_STATE();
    case 60:
      ACCEPT_TOKEN(sym_url);
      ADVANCE_MAP(
        '-', 71,
        '.', 29,
        'o', 58,
        '!', 31,
        '\'', 31,
        ')', 31,
        ',', 31,
        ':', 31,
        ';', 31,
        '?', 31,
        ']', 31,
        '}', 31,
        0x2019, 31,
      );
      if ((set_contains(sym__sym_character_set_1, 19, lookahead) ||
          (!eof && lookahead == 00)) &&
          (lookahead < ':' || '<' < lookahead) &&
          lookahead != '>' &&
          lookahead != '?') ADVANCE(72);
      if (lookahead > '/' &&
          (lookahead < ':' || '@' < lookahead) &&
          (lookahead < 0xab || 0xb1 < lookahead) &&
          (lookahead < 0xbb || 0xbf < lookahead) &&
          (lookahead < 0x2000 || 0x2bff < lookahead)) ADVANCE(68);
      END_STATE();
    case 61:
      ACCEPT_TOKEN(sym_url);
      ADVANCE_MAP(
        '-', 71,
        '.', 29,
        'o', 51,
        '!', 31,
        '\'', 31,
        ')', 31,
        ',', 31,
        ':', 31,
        ';', 31,
        '?', 31,
        ']', 31,
        '}', 31,
        0x2019, 31,
      );
      if ((set_contains(sym__sym_character_set_1, 19, lookahead) ||
          (!eof && lookahead == 00)) &&
          (lookahead < ':' || '<' < lookahead) &&
          lookahead != '>' &&
          lookahead != '?') ADVANCE(72);
      if (lookahead > '/' &&
          (lookahead < ':' || '@' < lookahead) &&
          (lookahead < 0xab || 0xb1 < lookahead) &&
          (lookahead < 0xbb || 0xbf < lookahead) &&
          (lookahead < 0x2000 || 0x2bff < lookahead)) ADVANCE(68);
      END_STATE();
    case 62:
      ACCEPT_TOKEN(sym_url);
      ADVANCE_MAP(
        '-', 71,
        '.', 29,
        'o', 66,
        '!', 31,
        '\'', 31,
        ')', 31,
        ',', 31,
        ':', 31,
        ';', 31,
        '?', 31,
        ']', 31,
        '}', 31,
        0x2019, 31,
      );
      if ((set_contains(sym__sym_character_set_1, 19, lookahead) ||
          (!eof && lookahead == 00)) &&
          (lookahead < ':' || '<' < lookahead) &&
          lookahead != '>' &&
          lookahead != '?') ADVANCE(72);
      if (lookahead > '/' &&
          (lookahead < ':' || '@' < lookahead) &&
          (lookahead < 0xab || 0xb1 < lookahead) &&
          (lookahead < 0xbb || 0xbf < lookahead) &&
          (lookahead < 0x2000 || 0x2bff < lookahead)) ADVANCE(68);
      END_STATE();
    case 63:
      ACCEPT_TOKEN(sym_url);
      ADVANCE_MAP(
        '-', 71,
        '.', 29,
        'r', 56,
        '!', 31,
        '\'', 31,
        ')', 31,
        ',', 31,
        ':', 31,
        ';', 31,
        '?', 31,
        ']', 31,
        '}', 31,
        0x2019, 31,
      );
      if ((set_contains(sym__sym_character_set_1, 19, lookahead) ||
          (!eof && lookahead == 00)) &&
          (lookahead < ':' || '<' < lookahead) &&
          lookahead != '>' &&
          lookahead != '?') ADVANCE(72);
      if (lookahead > '/' &&
          (lookahead < ':' || '@' < lookahead) &&
          (lookahead < 0xab || 0xb1 < lookahead) &&
          (lookahead < 0xbb || 0xbf < lookahead) &&
          (lookahead < 0x2000 || 0x2bff < lookahead)) ADVANCE(68);
      END_STATE();
    case 64:
      ACCEPT_TOKEN(sym_url);
      ADVANCE_MAP(
        '-', 71,
        '.', 29,
        't', 51,
        '!', 31,
        '\'', 31,
        ')', 31,
        ',', 31,
        ':', 31,
        ';', 31,
        '?', 31,
        ']', 31,
        '}', 31,
        0x2019, 31,
      );
      if ((set_contains(sym__sym_character_set_1, 19, lookahead) ||
          (!eof && lookahead == 00)) &&
          (lookahead < ':' || '<' < lookahead) &&
          lookahead != '>' &&
          lookahead != '?') ADVANCE(72);
      if (lookahead > '/' &&
          (lookahead < ':' || '@' < lookahead) &&
          (lookahead < 0xab || 0xb1 < lookahead) &&
          (lookahead < 0xbb || 0xbf < lookahead) &&
          (lookahead < 0x2000 || 0x2bff < lookahead)) ADVANCE(68);
      END_STATE();
    case 65:
      ACCEPT_TOKEN(sym_url);
      ADVANCE_MAP(
        '-', 71,
        '.', 29,
        'u', 51,
        '!', 31,
        '\'', 31,
        ')', 31,
        ',', 31,
        ':', 31,
        ';', 31,
        '?', 31,
        ']', 31,
        '}', 31,
        0x2019, 31,
      );
      if ((set_contains(sym__sym_character_set_1, 19, lookahead) ||
          (!eof && lookahead == 00)) &&
          (lookahead < ':' || '<' < lookahead) &&
          lookahead != '>' &&
          lookahead != '?') ADVANCE(72);
      if (lookahead > '/' &&
          (lookahead < ':' || '@' < lookahead) &&
          (lookahead < 0xab || 0xb1 < lookahead) &&
          (lookahead < 0xbb || 0xbf < lookahead) &&
          (lookahead < 0x2000 || 0x2bff < lookahead)) ADVANCE(68);
      END_STATE();
    case 66:
      ACCEPT_TOKEN(sym_url);
      ADVANCE_MAP(
        '-', 71,
        '.', 29,
        'v', 51,
        '!', 31,
        '\'', 31,
        ')', 31,
        ',', 31,
        ':', 31,
        ';', 31,
        '?', 31,
        ']', 31,
        '}', 31,
        0x2019, 31,
      );
      if ((set_contains(sym__sym_character_set_1, 19, lookahead) ||
          (!eof && lookahead == 00)) &&
          (lookahead < ':' || '<' < lookahead) &&
          lookahead != '>' &&
          lookahead != '?') ADVANCE(72);
      if (lookahead > '/' &&
          (lookahead < ':' || '@' < lookahead) &&
          (lookahead < 0xab || 0xb1 < lookahead) &&
          (lookahead < 0xbb || 0xbf < lookahead) &&
          (lookahead < 0x2000 || 0x2bff < lookahead)) ADVANCE(68);
      END_STATE();
    case 67:
      ACCEPT_TOKEN(sym_url);
      ADVANCE_MAP(
        '-', 71,
        '.', 29,
        'e', 51,
        'k', 51,
        '!', 31,
        '\'', 31,
        ')', 31,
        ',', 31,
        ':', 31,
        ';', 31,
        '?', 31,
        ']', 31,
        '}', 31,
        0x2019, 31,
      );
      if ((set_contains(sym__sym_character_set_1, 19, lookahead) ||
          (!eof && lookahead == 00)) &&
          (lookahead < ':' || '<' < lookahead) &&
          lookahead != '>' &&
          lookahead != '?') ADVANCE(72);
      if (lookahead > '/' &&
          (lookahead < ':' || '@' < lookahead) &&
          (lookahead < 0xab || 0xb1 < lookahead) &&
          (lookahead < 0xbb || 0xbf < lookahead) &&
          (lookahead < 0x2000 || 0x2bff < lookahead)) ADVANCE(68);
      END_STATE();
    case 68:
      ACCEPT_TOKEN(sym_url);
      ADVANCE_MAP(
        '-', 71,
        '.', 29,
        '!', 31,
        '\'', 31,
        ')', 31,
        ',', 31,
        ':', 31,
        ';', 31,
        '?', 31,
        ']', 31,
        '}', 31,
        0x2019, 31,
      );
      if ((set_contains(sym__sym_character_set_1, 19, lookahead) ||
          (!eof && lookahead == 00)) &&
          (lookahead < ':' || '<' < lookahead) &&
          lookahead != '>' &&
          lookahead != '?') ADVANCE(72);
      if (lookahead > '/' &&
          (lookahead < ':' || '@' < lookahead) &&
          (lookahead < 0xab || 0xb1 < lookahead) &&
          (lookahead < 0xbb || 0xbf < lookahead) &&
          (lookahead < 0x2000 || 0x2bff < lookahead)) ADVANCE(68);
      END_STATE();
    case 69:
      ACCEPT_TOKEN(sym_url);
      if (lookahead == '-') ADVANCE(32);
      if (lookahead == '.') ADVANCE(28);
      if (lookahead == '/') ADVANCE(72);
      if (set_contains(sym_url_character_set_2, 15, lookahead)) ADVANCE(24);
      END_STATE();
    case 70:
      ACCEPT_TOKEN(sym_url);
      ADVANCE_MAP(
        'c', 60,
        'd', 67,
        'e', 52,
        'g', 62,
        'i', 59,
        'n', 54,
        'o', 63,
        's', 53,
        'u', 57,
        '!', 31,
        '\'', 31,
        ')', 31,
        ',', 31,
        '.', 31,
        ':', 31,
        ';', 31,
        '?', 31,
        ']', 31,
        '}', 31,
        0x2019, 31,
      );
      if ((set_contains(sym__sym_character_set_1, 19, lookahead) ||
          (!eof && lookahead == 00)) &&
          (lookahead < ':' || '<' < lookahead) &&
          lookahead != '>' &&
          lookahead != '?') ADVANCE(72);
      if (lookahead > '/' &&
          (lookahead < ':' || '@' < lookahead) &&
          (lookahead < 0xab || 0xb1 < lookahead) &&
          (lookahead < 0xbb || 0xbf < lookahead) &&
          (lookahead < 0x2000 || 0x2bff < lookahead)) ADVANCE(68);
      END_STATE();
    case 71:
      ACCEPT_TOKEN(sym_url);
      ADVANCE_MAP(
        '!', 31,
        '\'', 31,
        ')', 31,
        ',', 31,
        '.', 31,
        ':', 31,
        ';', 31,
        '?', 31,
        ']', 31,
        '}', 31,
        0x2019, 31,
      );
      if ((set_contains(sym__sym_character_set_1, 19, lookahead) ||
          (!eof && lookahead == 00)) &&
          (lookahead < ':' || '<' < lookahead) &&
          lookahead != '>' &&
          lookahead != '?') ADVANCE(72);
      if (lookahead > '/' &&
          (lookahead < ':' || '@' < lookahead) &&
          (lookahead < 0xab || 0xb1 < lookahead) &&
          (lookahead < 0xbb || 0xbf < lookahead) &&
          (lookahead < 0x2000 || 0x2bff < lookahead)) ADVANCE(68);
      END_STATE();
    case 72:
      ACCEPT_TOKEN(sym_url);
      ADVANCE_MAP(
        '!', 31,
        '\'', 31,
        ')', 31,
        ',', 31,
        '.', 31,
        ':', 31,
        ';', 31,
        '?', 31,
        ']', 31,
        '}', 31,
        0x2019, 31,
      );
      if ((!eof && set_contains(sym_url_character_set_4, 9, lookahead))) ADVANCE(72);
      END_STATE();
    case 73:
      ACCEPT_TOKEN(sym__sym);
      END_STATE();
    default:
      return false;
  }
}

static const TSLexMode ts_lex_modes[STATE_COUNT] = {
  [0] = {.lex_state = 0, .external_lex_state = 1},
  [1] = {.lex_state = 0, .external_lex_state = 2},
  [2] = {.lex_state = 0, .external_lex_state = 2},
  [3] = {.lex_state = 0, .external_lex_state = 2},
  [4] = {.lex_state = 0, .external_lex_state = 2},
  [5] = {.lex_state = 0, .external_lex_state = 2},
  [6] = {.lex_state = 0, .external_lex_state = 2},
  [7] = {.lex_state = 0, .external_lex_state = 2},
  [8] = {.lex_state = 0, .external_lex_state = 2},
  [9] = {.lex_state = 0, .external_lex_state = 2},
  [10] = {.lex_state = 0, .external_lex_state = 2},
  [11] = {.lex_state = 0, .external_lex_state = 2},
  [12] = {.lex_state = 0, .external_lex_state = 2},
  [13] = {.lex_state = 0, .external_lex_state = 2},
  [14] = {.lex_state = 0, .external_lex_state = 2},
  [15] = {.lex_state = 0, .external_lex_state = 2},
  [16] = {.lex_state = 0, .external_lex_state = 2},
  [17] = {.lex_state = 0, .external_lex_state = 2},
  [18] = {.lex_state = 0, .external_lex_state = 2},
  [19] = {.lex_state = 0, .external_lex_state = 2},
  [20] = {.lex_state = 0, .external_lex_state = 2},
  [21] = {.lex_state = 0, .external_lex_state = 2},
  [22] = {.lex_state = 0, .external_lex_state = 2},
  [23] = {.lex_state = 0, .external_lex_state = 2},
  [24] = {.lex_state = 0, .external_lex_state = 2},
  [25] = {.lex_state = 0, .external_lex_state = 3},
  [26] = {.lex_state = 0, .external_lex_state = 3},
  [27] = {.lex_state = 0, .external_lex_state = 3},
  [28] = {.lex_state = 0, .external_lex_state = 4},
  [29] = {.lex_state = 0, .external_lex_state = 4},
  [30] = {.lex_state = 0, .external_lex_state = 4},
  [31] = {.lex_state = 0, .external_lex_state = 4},
  [32] = {.lex_state = 0, .external_lex_state = 4},
  [33] = {.lex_state = 0, .external_lex_state = 4},
  [34] = {.lex_state = 0, .external_lex_state = 4},
  [35] = {.lex_state = 0, .external_lex_state = 4},
  [36] = {.lex_state = 0, .external_lex_state = 5},
  [37] = {.lex_state = 0, .external_lex_state = 6},
  [38] = {.lex_state = 0, .external_lex_state = 6},
  [39] = {.lex_state = 0, .external_lex_state = 7},
};

static const uint16_t ts_parse_table[LARGE_STATE_COUNT][SYMBOL_COUNT] = {
  [0] = {
    [ts_builtin_sym_end] = ACTIONS(1),
    [sym_word] = ACTIONS(3),
    [sym_number] = ACTIONS(3),
    [sym_hyphen_break] = ACTIONS(5),
    [sym_url] = ACTIONS(5),
    [sym__sym] = ACTIONS(5),
    [sym__line_begin] = ACTIONS(1),
    [sym__title_begin] = ACTIONS(1),
    [sym__newline] = ACTIONS(1),
    [sym__blank] = ACTIONS(1),
    [sym_question_label] = ACTIONS(1),
    [sym_answer_label] = ACTIONS(1),
    [sym_other_label] = ACTIONS(1),
    [sym__header_text] = ACTIONS(1),
    [sym_marker] = ACTIONS(1),
    [sym__quote_open] = ACTIONS(1),
    [sym__quote_close] = ACTIONS(1),
    [sym__punct] = ACTIONS(5),
    [sym__error_sentinel] = ACTIONS(1),
  },
  [1] = {
    [sym_document] = STATE(36),
    [sym_title] = STATE(2),
    [sym_section] = STATE(27),
    [sym_label] = STATE(3),
    [sym__block] = STATE(2),
    [sym_paragraph] = STATE(2),
    [sym_bullet_item] = STATE(2),
    [sym_page_header] = STATE(2),
    [sym_line] = STATE(8),
    [aux_sym_document_repeat1] = STATE(2),
    [aux_sym_document_repeat2] = STATE(27),
    [ts_builtin_sym_end] = ACTIONS(7),
    [sym_word] = ACTIONS(3),
    [sym_number] = ACTIONS(3),
    [sym_hyphen_break] = ACTIONS(5),
    [sym_url] = ACTIONS(5),
    [sym__sym] = ACTIONS(5),
    [sym__line_begin] = ACTIONS(9),
    [sym__title_begin] = ACTIONS(11),
    [sym__blank] = ACTIONS(13),
    [sym_question_label] = ACTIONS(15),
    [sym_answer_label] = ACTIONS(15),
    [sym_other_label] = ACTIONS(15),
    [sym__header_text] = ACTIONS(17),
    [sym_marker] = ACTIONS(19),
    [sym__punct] = ACTIONS(5),
  },
  [2] = {
    [sym_title] = STATE(4),
    [sym_section] = STATE(26),
    [sym_label] = STATE(3),
    [sym__block] = STATE(4),
    [sym_paragraph] = STATE(4),
    [sym_bullet_item] = STATE(4),
    [sym_page_header] = STATE(4),
    [sym_line] = STATE(8),
    [aux_sym_document_repeat1] = STATE(4),
    [aux_sym_document_repeat2] = STATE(26),
    [ts_builtin_sym_end] = ACTIONS(21),
    [sym_word] = ACTIONS(3),
    [sym_number] = ACTIONS(3),
    [sym_hyphen_break] = ACTIONS(5),
    [sym_url] = ACTIONS(5),
    [sym__sym] = ACTIONS(5),
    [sym__line_begin] = ACTIONS(9),
    [sym__title_begin] = ACTIONS(11),
    [sym__blank] = ACTIONS(23),
    [sym_question_label] = ACTIONS(15),
    [sym_answer_label] = ACTIONS(15),
    [sym_other_label] = ACTIONS(15),
    [sym__header_text] = ACTIONS(17),
    [sym_marker] = ACTIONS(19),
    [sym__punct] = ACTIONS(5),
  },
  [3] = {
    [sym_title] = STATE(5),
    [sym__block] = STATE(5),
    [sym_paragraph] = STATE(5),
    [sym_bullet_item] = STATE(5),
    [sym_page_header] = STATE(5),
    [sym_line] = STATE(8),
    [aux_sym_document_repeat1] = STATE(5),
    [ts_builtin_sym_end] = ACTIONS(25),
    [sym_word] = ACTIONS(3),
    [sym_number] = ACTIONS(3),
    [sym_hyphen_break] = ACTIONS(5),
    [sym_url] = ACTIONS(5),
    [sym__sym] = ACTIONS(5),
    [sym__line_begin] = ACTIONS(9),
    [sym__title_begin] = ACTIONS(11),
    [sym__blank] = ACTIONS(27),
    [sym_question_label] = ACTIONS(25),
    [sym_answer_label] = ACTIONS(25),
    [sym_other_label] = ACTIONS(25),
    [sym__header_text] = ACTIONS(17),
    [sym_marker] = ACTIONS(19),
    [sym__punct] = ACTIONS(5),
  },
  [4] = {
    [sym_title] = STATE(4),
    [sym__block] = STATE(4),
    [sym_paragraph] = STATE(4),
    [sym_bullet_item] = STATE(4),
    [sym_page_header] = STATE(4),
    [sym_line] = STATE(8),
    [aux_sym_document_repeat1] = STATE(4),
    [ts_builtin_sym_end] = ACTIONS(29),
    [sym_word] = ACTIONS(3),
    [sym_number] = ACTIONS(3),
    [sym_hyphen_break] = ACTIONS(5),
    [sym_url] = ACTIONS(5),
    [sym__sym] = ACTIONS(5),
    [sym__line_begin] = ACTIONS(31),
    [sym__title_begin] = ACTIONS(34),
    [sym__blank] = ACTIONS(37),
    [sym_question_label] = ACTIONS(29),
    [sym_answer_label] = ACTIONS(29),
    [sym_other_label] = ACTIONS(29),
    [sym__header_text] = ACTIONS(40),
    [sym_marker] = ACTIONS(43),
    [sym__punct] = ACTIONS(5),
  },
  [5] = {
    [sym_title] = STATE(4),
    [sym__block] = STATE(4),
    [sym_paragraph] = STATE(4),
    [sym_bullet_item] = STATE(4),
    [sym_page_header] = STATE(4),
    [sym_line] = STATE(8),
    [aux_sym_document_repeat1] = STATE(4),
    [ts_builtin_sym_end] = ACTIONS(46),
    [sym_word] = ACTIONS(3),
    [sym_number] = ACTIONS(3),
    [sym_hyphen_break] = ACTIONS(5),
    [sym_url] = ACTIONS(5),
    [sym__sym] = ACTIONS(5),
    [sym__line_begin] = ACTIONS(9),
    [sym__title_begin] = ACTIONS(11),
    [sym__blank] = ACTIONS(23),
    [sym_question_label] = ACTIONS(46),
    [sym_answer_label] = ACTIONS(46),
    [sym_other_label] = ACTIONS(46),
    [sym__header_text] = ACTIONS(17),
    [sym_marker] = ACTIONS(19),
    [sym__punct] = ACTIONS(5),
  },
  [6] = {
    [sym_line] = STATE(11),
    [aux_sym_paragraph_repeat1] = STATE(11),
    [ts_builtin_sym_end] = ACTIONS(48),
    [sym_word] = ACTIONS(3),
    [sym_number] = ACTIONS(3),
    [sym_hyphen_break] = ACTIONS(5),
    [sym_url] = ACTIONS(5),
    [sym__sym] = ACTIONS(5),
    [sym__line_begin] = ACTIONS(9),
    [sym__title_begin] = ACTIONS(48),
    [sym__blank] = ACTIONS(50),
    [sym_question_label] = ACTIONS(48),
    [sym_answer_label] = ACTIONS(48),
    [sym_other_label] = ACTIONS(48),
    [sym__header_text] = ACTIONS(48),
    [sym_marker] = ACTIONS(48),
    [sym__punct] = ACTIONS(5),
  },
  [7] = {
    [sym_line] = STATE(10),
    [aux_sym_paragraph_repeat1] = STATE(10),
    [ts_builtin_sym_end] = ACTIONS(52),
    [sym_word] = ACTIONS(3),
    [sym_number] = ACTIONS(3),
    [sym_hyphen_break] = ACTIONS(5),
    [sym_url] = ACTIONS(5),
    [sym__sym] = ACTIONS(5),
    [sym__line_begin] = ACTIONS(9),
    [sym__title_begin] = ACTIONS(52),
    [sym__blank] = ACTIONS(54),
    [sym_question_label] = ACTIONS(52),
    [sym_answer_label] = ACTIONS(52),
    [sym_other_label] = ACTIONS(52),
    [sym__header_text] = ACTIONS(52),
    [sym_marker] = ACTIONS(52),
    [sym__punct] = ACTIONS(5),
  },
  [8] = {
    [sym_line] = STATE(6),
    [aux_sym_paragraph_repeat1] = STATE(6),
    [ts_builtin_sym_end] = ACTIONS(56),
    [sym_word] = ACTIONS(3),
    [sym_number] = ACTIONS(3),
    [sym_hyphen_break] = ACTIONS(5),
    [sym_url] = ACTIONS(5),
    [sym__sym] = ACTIONS(5),
    [sym__line_begin] = ACTIONS(9),
    [sym__title_begin] = ACTIONS(56),
    [sym__blank] = ACTIONS(58),
    [sym_question_label] = ACTIONS(56),
    [sym_answer_label] = ACTIONS(56),
    [sym_other_label] = ACTIONS(56),
    [sym__header_text] = ACTIONS(56),
    [sym_marker] = ACTIONS(56),
    [sym__punct] = ACTIONS(5),
  },
  [9] = {
    [sym_line] = STATE(12),
    [aux_sym_paragraph_repeat1] = STATE(12),
    [ts_builtin_sym_end] = ACTIONS(60),
    [sym_word] = ACTIONS(3),
    [sym_number] = ACTIONS(3),
    [sym_hyphen_break] = ACTIONS(5),
    [sym_url] = ACTIONS(5),
    [sym__sym] = ACTIONS(5),
    [sym__line_begin] = ACTIONS(9),
    [sym__title_begin] = ACTIONS(60),
    [sym__blank] = ACTIONS(62),
    [sym_question_label] = ACTIONS(60),
    [sym_answer_label] = ACTIONS(60),
    [sym_other_label] = ACTIONS(60),
    [sym__header_text] = ACTIONS(60),
    [sym_marker] = ACTIONS(60),
    [sym__punct] = ACTIONS(5),
  },
  [10] = {
    [sym_line] = STATE(11),
    [aux_sym_paragraph_repeat1] = STATE(11),
    [ts_builtin_sym_end] = ACTIONS(60),
    [sym_word] = ACTIONS(3),
    [sym_number] = ACTIONS(3),
    [sym_hyphen_break] = ACTIONS(5),
    [sym_url] = ACTIONS(5),
    [sym__sym] = ACTIONS(5),
    [sym__line_begin] = ACTIONS(9),
    [sym__title_begin] = ACTIONS(60),
    [sym__blank] = ACTIONS(62),
    [sym_question_label] = ACTIONS(60),
    [sym_answer_label] = ACTIONS(60),
    [sym_other_label] = ACTIONS(60),
    [sym__header_text] = ACTIONS(60),
    [sym_marker] = ACTIONS(60),
    [sym__punct] = ACTIONS(5),
  },
  [11] = {
    [sym_line] = STATE(11),
    [aux_sym_paragraph_repeat1] = STATE(11),
    [ts_builtin_sym_end] = ACTIONS(64),
    [sym_word] = ACTIONS(3),
    [sym_number] = ACTIONS(3),
    [sym_hyphen_break] = ACTIONS(5),
    [sym_url] = ACTIONS(5),
    [sym__sym] = ACTIONS(5),
    [sym__line_begin] = ACTIONS(66),
    [sym__title_begin] = ACTIONS(64),
    [sym__blank] = ACTIONS(64),
    [sym_question_label] = ACTIONS(64),
    [sym_answer_label] = ACTIONS(64),
    [sym_other_label] = ACTIONS(64),
    [sym__header_text] = ACTIONS(64),
    [sym_marker] = ACTIONS(64),
    [sym__punct] = ACTIONS(5),
  },
  [12] = {
    [sym_line] = STATE(11),
    [aux_sym_paragraph_repeat1] = STATE(11),
    [ts_builtin_sym_end] = ACTIONS(69),
    [sym_word] = ACTIONS(3),
    [sym_number] = ACTIONS(3),
    [sym_hyphen_break] = ACTIONS(5),
    [sym_url] = ACTIONS(5),
    [sym__sym] = ACTIONS(5),
    [sym__line_begin] = ACTIONS(9),
    [sym__title_begin] = ACTIONS(69),
    [sym__blank] = ACTIONS(71),
    [sym_question_label] = ACTIONS(69),
    [sym_answer_label] = ACTIONS(69),
    [sym_other_label] = ACTIONS(69),
    [sym__header_text] = ACTIONS(69),
    [sym_marker] = ACTIONS(69),
    [sym__punct] = ACTIONS(5),
  },
};

static const uint16_t ts_small_parse_table[] = {
  [0] = 3,
    ACTIONS(3), 2,
      sym_word,
      sym_number,
    ACTIONS(5), 4,
      sym__punct,
      sym_hyphen_break,
      sym_url,
      sym__sym,
    ACTIONS(73), 9,
      sym__line_begin,
      sym__title_begin,
      sym__blank,
      sym_question_label,
      sym_answer_label,
      sym_other_label,
      sym__header_text,
      sym_marker,
      ts_builtin_sym_end,
  [22] = 4,
    ACTIONS(77), 1,
      sym__blank,
    ACTIONS(3), 2,
      sym_word,
      sym_number,
    ACTIONS(5), 4,
      sym__punct,
      sym_hyphen_break,
      sym_url,
      sym__sym,
    ACTIONS(75), 8,
      sym__line_begin,
      sym__title_begin,
      sym_question_label,
      sym_answer_label,
      sym_other_label,
      sym__header_text,
      sym_marker,
      ts_builtin_sym_end,
  [46] = 3,
    ACTIONS(3), 2,
      sym_word,
      sym_number,
    ACTIONS(5), 4,
      sym__punct,
      sym_hyphen_break,
      sym_url,
      sym__sym,
    ACTIONS(79), 9,
      sym__line_begin,
      sym__title_begin,
      sym__blank,
      sym_question_label,
      sym_answer_label,
      sym_other_label,
      sym__header_text,
      sym_marker,
      ts_builtin_sym_end,
  [68] = 3,
    ACTIONS(3), 2,
      sym_word,
      sym_number,
    ACTIONS(5), 4,
      sym__punct,
      sym_hyphen_break,
      sym_url,
      sym__sym,
    ACTIONS(81), 9,
      sym__line_begin,
      sym__title_begin,
      sym__blank,
      sym_question_label,
      sym_answer_label,
      sym_other_label,
      sym__header_text,
      sym_marker,
      ts_builtin_sym_end,
  [90] = 3,
    ACTIONS(3), 2,
      sym_word,
      sym_number,
    ACTIONS(5), 4,
      sym__punct,
      sym_hyphen_break,
      sym_url,
      sym__sym,
    ACTIONS(48), 9,
      sym__line_begin,
      sym__title_begin,
      sym__blank,
      sym_question_label,
      sym_answer_label,
      sym_other_label,
      sym__header_text,
      sym_marker,
      ts_builtin_sym_end,
  [112] = 3,
    ACTIONS(3), 2,
      sym_word,
      sym_number,
    ACTIONS(5), 4,
      sym__punct,
      sym_hyphen_break,
      sym_url,
      sym__sym,
    ACTIONS(83), 9,
      sym__line_begin,
      sym__title_begin,
      sym__blank,
      sym_question_label,
      sym_answer_label,
      sym_other_label,
      sym__header_text,
      sym_marker,
      ts_builtin_sym_end,
  [134] = 3,
    ACTIONS(3), 2,
      sym_word,
      sym_number,
    ACTIONS(5), 4,
      sym__punct,
      sym_hyphen_break,
      sym_url,
      sym__sym,
    ACTIONS(85), 9,
      sym__line_begin,
      sym__title_begin,
      sym__blank,
      sym_question_label,
      sym_answer_label,
      sym_other_label,
      sym__header_text,
      sym_marker,
      ts_builtin_sym_end,
  [156] = 3,
    ACTIONS(3), 2,
      sym_word,
      sym_number,
    ACTIONS(5), 4,
      sym__punct,
      sym_hyphen_break,
      sym_url,
      sym__sym,
    ACTIONS(87), 9,
      sym__line_begin,
      sym__title_begin,
      sym__blank,
      sym_question_label,
      sym_answer_label,
      sym_other_label,
      sym__header_text,
      sym_marker,
      ts_builtin_sym_end,
  [178] = 3,
    ACTIONS(3), 2,
      sym_word,
      sym_number,
    ACTIONS(5), 4,
      sym__punct,
      sym_hyphen_break,
      sym_url,
      sym__sym,
    ACTIONS(89), 9,
      sym__line_begin,
      sym__title_begin,
      sym__blank,
      sym_question_label,
      sym_answer_label,
      sym_other_label,
      sym__header_text,
      sym_marker,
      ts_builtin_sym_end,
  [200] = 3,
    ACTIONS(3), 2,
      sym_word,
      sym_number,
    ACTIONS(5), 4,
      sym__punct,
      sym_hyphen_break,
      sym_url,
      sym__sym,
    ACTIONS(91), 9,
      sym__line_begin,
      sym__title_begin,
      sym__blank,
      sym_question_label,
      sym_answer_label,
      sym_other_label,
      sym__header_text,
      sym_marker,
      ts_builtin_sym_end,
  [222] = 3,
    ACTIONS(3), 2,
      sym_word,
      sym_number,
    ACTIONS(5), 4,
      sym__punct,
      sym_hyphen_break,
      sym_url,
      sym__sym,
    ACTIONS(60), 9,
      sym__line_begin,
      sym__title_begin,
      sym__blank,
      sym_question_label,
      sym_answer_label,
      sym_other_label,
      sym__header_text,
      sym_marker,
      ts_builtin_sym_end,
  [244] = 3,
    ACTIONS(3), 2,
      sym_word,
      sym_number,
    ACTIONS(5), 4,
      sym__punct,
      sym_hyphen_break,
      sym_url,
      sym__sym,
    ACTIONS(69), 9,
      sym__line_begin,
      sym__title_begin,
      sym__blank,
      sym_question_label,
      sym_answer_label,
      sym_other_label,
      sym__header_text,
      sym_marker,
      ts_builtin_sym_end,
  [266] = 6,
    ACTIONS(93), 1,
      ts_builtin_sym_end,
    STATE(3), 1,
      sym_label,
    ACTIONS(3), 2,
      sym_word,
      sym_number,
    STATE(25), 2,
      sym_section,
      aux_sym_document_repeat2,
    ACTIONS(95), 3,
      sym_question_label,
      sym_answer_label,
      sym_other_label,
    ACTIONS(5), 4,
      sym__punct,
      sym_hyphen_break,
      sym_url,
      sym__sym,
  [292] = 6,
    ACTIONS(98), 1,
      ts_builtin_sym_end,
    STATE(3), 1,
      sym_label,
    ACTIONS(3), 2,
      sym_word,
      sym_number,
    STATE(25), 2,
      sym_section,
      aux_sym_document_repeat2,
    ACTIONS(15), 3,
      sym_question_label,
      sym_answer_label,
      sym_other_label,
    ACTIONS(5), 4,
      sym__punct,
      sym_hyphen_break,
      sym_url,
      sym__sym,
  [318] = 6,
    ACTIONS(21), 1,
      ts_builtin_sym_end,
    STATE(3), 1,
      sym_label,
    ACTIONS(3), 2,
      sym_word,
      sym_number,
    STATE(25), 2,
      sym_section,
      aux_sym_document_repeat2,
    ACTIONS(15), 3,
      sym_question_label,
      sym_answer_label,
      sym_other_label,
    ACTIONS(5), 4,
      sym__punct,
      sym_hyphen_break,
      sym_url,
      sym__sym,
  [344] = 5,
    ACTIONS(100), 1,
      sym__newline,
    ACTIONS(102), 1,
      sym__quote_open,
    ACTIONS(3), 2,
      sym_word,
      sym_number,
    STATE(33), 2,
      sym_quote,
      aux_sym_title_repeat1,
    ACTIONS(5), 4,
      sym__punct,
      sym_hyphen_break,
      sym_url,
      sym__sym,
  [365] = 5,
    ACTIONS(102), 1,
      sym__quote_open,
    ACTIONS(104), 1,
      sym__newline,
    ACTIONS(3), 2,
      sym_word,
      sym_number,
    STATE(30), 2,
      sym_quote,
      aux_sym_title_repeat1,
    ACTIONS(5), 4,
      sym__punct,
      sym_hyphen_break,
      sym_url,
      sym__sym,
  [386] = 5,
    ACTIONS(102), 1,
      sym__quote_open,
    ACTIONS(106), 1,
      sym__newline,
    ACTIONS(3), 2,
      sym_word,
      sym_number,
    STATE(33), 2,
      sym_quote,
      aux_sym_title_repeat1,
    ACTIONS(5), 4,
      sym__punct,
      sym_hyphen_break,
      sym_url,
      sym__sym,
  [407] = 5,
    ACTIONS(102), 1,
      sym__quote_open,
    ACTIONS(108), 1,
      sym__newline,
    ACTIONS(3), 2,
      sym_word,
      sym_number,
    STATE(32), 2,
      sym_quote,
      aux_sym_title_repeat1,
    ACTIONS(5), 4,
      sym__punct,
      sym_hyphen_break,
      sym_url,
      sym__sym,
  [428] = 5,
    ACTIONS(102), 1,
      sym__quote_open,
    ACTIONS(110), 1,
      sym__newline,
    ACTIONS(3), 2,
      sym_word,
      sym_number,
    STATE(33), 2,
      sym_quote,
      aux_sym_title_repeat1,
    ACTIONS(5), 4,
      sym__punct,
      sym_hyphen_break,
      sym_url,
      sym__sym,
  [449] = 5,
    ACTIONS(112), 1,
      sym__newline,
    ACTIONS(114), 1,
      sym__quote_open,
    ACTIONS(3), 2,
      sym_word,
      sym_number,
    STATE(33), 2,
      sym_quote,
      aux_sym_title_repeat1,
    ACTIONS(5), 4,
      sym__punct,
      sym_hyphen_break,
      sym_url,
      sym__sym,
  [470] = 5,
    ACTIONS(102), 1,
      sym__quote_open,
    ACTIONS(117), 1,
      sym__newline,
    ACTIONS(3), 2,
      sym_word,
      sym_number,
    STATE(28), 2,
      sym_quote,
      aux_sym_title_repeat1,
    ACTIONS(5), 4,
      sym__punct,
      sym_hyphen_break,
      sym_url,
      sym__sym,
  [491] = 3,
    ACTIONS(3), 2,
      sym_word,
      sym_number,
    ACTIONS(119), 2,
      sym__newline,
      sym__quote_open,
    ACTIONS(5), 4,
      sym__punct,
      sym_hyphen_break,
      sym_url,
      sym__sym,
  [506] = 3,
    ACTIONS(121), 1,
      ts_builtin_sym_end,
    ACTIONS(3), 2,
      sym_word,
      sym_number,
    ACTIONS(5), 4,
      sym__punct,
      sym_hyphen_break,
      sym_url,
      sym__sym,
  [520] = 3,
    ACTIONS(123), 1,
      sym__newline,
    ACTIONS(3), 2,
      sym_word,
      sym_number,
    ACTIONS(5), 4,
      sym__punct,
      sym_hyphen_break,
      sym_url,
      sym__sym,
  [534] = 3,
    ACTIONS(125), 1,
      sym__newline,
    ACTIONS(3), 2,
      sym_word,
      sym_number,
    ACTIONS(5), 4,
      sym__punct,
      sym_hyphen_break,
      sym_url,
      sym__sym,
  [548] = 3,
    ACTIONS(127), 1,
      sym__quote_close,
    ACTIONS(3), 2,
      sym_word,
      sym_number,
    ACTIONS(5), 4,
      sym__punct,
      sym_hyphen_break,
      sym_url,
      sym__sym,
};

static const uint32_t ts_small_parse_table_map[] = {
  [SMALL_STATE(13)] = 0,
  [SMALL_STATE(14)] = 22,
  [SMALL_STATE(15)] = 46,
  [SMALL_STATE(16)] = 68,
  [SMALL_STATE(17)] = 90,
  [SMALL_STATE(18)] = 112,
  [SMALL_STATE(19)] = 134,
  [SMALL_STATE(20)] = 156,
  [SMALL_STATE(21)] = 178,
  [SMALL_STATE(22)] = 200,
  [SMALL_STATE(23)] = 222,
  [SMALL_STATE(24)] = 244,
  [SMALL_STATE(25)] = 266,
  [SMALL_STATE(26)] = 292,
  [SMALL_STATE(27)] = 318,
  [SMALL_STATE(28)] = 344,
  [SMALL_STATE(29)] = 365,
  [SMALL_STATE(30)] = 386,
  [SMALL_STATE(31)] = 407,
  [SMALL_STATE(32)] = 428,
  [SMALL_STATE(33)] = 449,
  [SMALL_STATE(34)] = 470,
  [SMALL_STATE(35)] = 491,
  [SMALL_STATE(36)] = 506,
  [SMALL_STATE(37)] = 520,
  [SMALL_STATE(38)] = 534,
  [SMALL_STATE(39)] = 548,
};

static const TSParseActionEntry ts_parse_actions[] = {
  [0] = {.entry = {.count = 0, .reusable = false}},
  [1] = {.entry = {.count = 1, .reusable = false}}, RECOVER(),
  [3] = {.entry = {.count = 1, .reusable = false}}, SHIFT_EXTRA(),
  [5] = {.entry = {.count = 1, .reusable = true}}, SHIFT_EXTRA(),
  [7] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_document, 0, 0, 0),
  [9] = {.entry = {.count = 1, .reusable = true}}, SHIFT(31),
  [11] = {.entry = {.count = 1, .reusable = true}}, SHIFT(34),
  [13] = {.entry = {.count = 1, .reusable = true}}, SHIFT(2),
  [15] = {.entry = {.count = 1, .reusable = true}}, SHIFT(38),
  [17] = {.entry = {.count = 1, .reusable = true}}, SHIFT(37),
  [19] = {.entry = {.count = 1, .reusable = true}}, SHIFT(29),
  [21] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_document, 1, 0, 0),
  [23] = {.entry = {.count = 1, .reusable = true}}, SHIFT(4),
  [25] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_section, 1, 0, 1),
  [27] = {.entry = {.count = 1, .reusable = true}}, SHIFT(5),
  [29] = {.entry = {.count = 1, .reusable = true}}, REDUCE(aux_sym_document_repeat1, 2, 0, 0),
  [31] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_document_repeat1, 2, 0, 0), SHIFT_REPEAT(31),
  [34] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_document_repeat1, 2, 0, 0), SHIFT_REPEAT(34),
  [37] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_document_repeat1, 2, 0, 0), SHIFT_REPEAT(4),
  [40] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_document_repeat1, 2, 0, 0), SHIFT_REPEAT(37),
  [43] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_document_repeat1, 2, 0, 0), SHIFT_REPEAT(29),
  [46] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_section, 2, 0, 1),
  [48] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_paragraph, 2, 0, 0),
  [50] = {.entry = {.count = 1, .reusable = true}}, SHIFT(13),
  [52] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_bullet_item, 2, 0, 0),
  [54] = {.entry = {.count = 1, .reusable = true}}, SHIFT(23),
  [56] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_paragraph, 1, 0, 0),
  [58] = {.entry = {.count = 1, .reusable = true}}, SHIFT(17),
  [60] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_bullet_item, 3, 0, 0),
  [62] = {.entry = {.count = 1, .reusable = true}}, SHIFT(24),
  [64] = {.entry = {.count = 1, .reusable = true}}, REDUCE(aux_sym_paragraph_repeat1, 2, 0, 0),
  [66] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_paragraph_repeat1, 2, 0, 0), SHIFT_REPEAT(31),
  [69] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_bullet_item, 4, 0, 0),
  [71] = {.entry = {.count = 1, .reusable = true}}, SHIFT(18),
  [73] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_paragraph, 3, 0, 0),
  [75] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_page_header, 2, 0, 0),
  [77] = {.entry = {.count = 1, .reusable = true}}, SHIFT(22),
  [79] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_title, 2, 0, 0),
  [81] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_label, 2, 0, 0),
  [83] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_bullet_item, 5, 0, 0),
  [85] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_line, 3, 0, 0),
  [87] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_line, 2, 0, 0),
  [89] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_title, 3, 0, 0),
  [91] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_page_header, 3, 0, 0),
  [93] = {.entry = {.count = 1, .reusable = true}}, REDUCE(aux_sym_document_repeat2, 2, 0, 0),
  [95] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_document_repeat2, 2, 0, 0), SHIFT_REPEAT(38),
  [98] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_document, 2, 0, 0),
  [100] = {.entry = {.count = 1, .reusable = true}}, SHIFT(21),
  [102] = {.entry = {.count = 1, .reusable = true}}, SHIFT(39),
  [104] = {.entry = {.count = 1, .reusable = true}}, SHIFT(7),
  [106] = {.entry = {.count = 1, .reusable = true}}, SHIFT(9),
  [108] = {.entry = {.count = 1, .reusable = true}}, SHIFT(20),
  [110] = {.entry = {.count = 1, .reusable = true}}, SHIFT(19),
  [112] = {.entry = {.count = 1, .reusable = true}}, REDUCE(aux_sym_title_repeat1, 2, 0, 0),
  [114] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_title_repeat1, 2, 0, 0), SHIFT_REPEAT(39),
  [117] = {.entry = {.count = 1, .reusable = true}}, SHIFT(15),
  [119] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_quote, 2, 0, 0),
  [121] = {.entry = {.count = 1, .reusable = true}},  ACCEPT_INPUT(),
  [123] = {.entry = {.count = 1, .reusable = true}}, SHIFT(14),
  [125] = {.entry = {.count = 1, .reusable = true}}, SHIFT(16),
  [127] = {.entry = {.count = 1, .reusable = true}}, SHIFT(35),
};

enum ts_external_scanner_symbol_identifiers {
  ts_external_token__line_begin = 0,
  ts_external_token__title_begin = 1,
  ts_external_token__newline = 2,
  ts_external_token__blank = 3,
  ts_external_token_question_label = 4,
  ts_external_token_answer_label = 5,
  ts_external_token_other_label = 6,
  ts_external_token__header_text = 7,
  ts_external_token_marker = 8,
  ts_external_token__quote_open = 9,
  ts_external_token__quote_close = 10,
  ts_external_token__punct = 11,
  ts_external_token__error_sentinel = 12,
};

static const TSSymbol ts_external_scanner_symbol_map[EXTERNAL_TOKEN_COUNT] = {
  [ts_external_token__line_begin] = sym__line_begin,
  [ts_external_token__title_begin] = sym__title_begin,
  [ts_external_token__newline] = sym__newline,
  [ts_external_token__blank] = sym__blank,
  [ts_external_token_question_label] = sym_question_label,
  [ts_external_token_answer_label] = sym_answer_label,
  [ts_external_token_other_label] = sym_other_label,
  [ts_external_token__header_text] = sym__header_text,
  [ts_external_token_marker] = sym_marker,
  [ts_external_token__quote_open] = sym__quote_open,
  [ts_external_token__quote_close] = sym__quote_close,
  [ts_external_token__punct] = sym__punct,
  [ts_external_token__error_sentinel] = sym__error_sentinel,
};

static const bool ts_external_scanner_states[8][EXTERNAL_TOKEN_COUNT] = {
  [1] = {
    [ts_external_token__line_begin] = true,
    [ts_external_token__title_begin] = true,
    [ts_external_token__newline] = true,
    [ts_external_token__blank] = true,
    [ts_external_token_question_label] = true,
    [ts_external_token_answer_label] = true,
    [ts_external_token_other_label] = true,
    [ts_external_token__header_text] = true,
    [ts_external_token_marker] = true,
    [ts_external_token__quote_open] = true,
    [ts_external_token__quote_close] = true,
    [ts_external_token__punct] = true,
    [ts_external_token__error_sentinel] = true,
  },
  [2] = {
    [ts_external_token__line_begin] = true,
    [ts_external_token__title_begin] = true,
    [ts_external_token__blank] = true,
    [ts_external_token_question_label] = true,
    [ts_external_token_answer_label] = true,
    [ts_external_token_other_label] = true,
    [ts_external_token__header_text] = true,
    [ts_external_token_marker] = true,
    [ts_external_token__punct] = true,
  },
  [3] = {
    [ts_external_token_question_label] = true,
    [ts_external_token_answer_label] = true,
    [ts_external_token_other_label] = true,
    [ts_external_token__punct] = true,
  },
  [4] = {
    [ts_external_token__newline] = true,
    [ts_external_token__quote_open] = true,
    [ts_external_token__punct] = true,
  },
  [5] = {
    [ts_external_token__punct] = true,
  },
  [6] = {
    [ts_external_token__newline] = true,
    [ts_external_token__punct] = true,
  },
  [7] = {
    [ts_external_token__quote_close] = true,
    [ts_external_token__punct] = true,
  },
};

#ifdef __cplusplus
extern "C" {
#endif
void *tree_sitter_korrektur_external_scanner_create(void);
void tree_sitter_korrektur_external_scanner_destroy(void *);
bool tree_sitter_korrektur_external_scanner_scan(void *, TSLexer *, const bool *);
unsigned tree_sitter_korrektur_external_scanner_serialize(void *, char *);
void tree_sitter_korrektur_external_scanner_deserialize(void *, const char *, unsigned);

#ifdef TREE_SITTER_HIDE_SYMBOLS
#define TS_PUBLIC
#elif defined(_WIN32)
#define TS_PUBLIC __declspec(dllexport)
#else
#define TS_PUBLIC __attribute__((visibility("default")))
#endif

TS_PUBLIC const TSLanguage *tree_sitter_korrektur(void) {
  static const TSLanguage language = {
    .version = LANGUAGE_VERSION,
    .symbol_count = SYMBOL_COUNT,
    .alias_count = ALIAS_COUNT,
    .token_count = TOKEN_COUNT,
    .external_token_count = EXTERNAL_TOKEN_COUNT,
    .state_count = STATE_COUNT,
    .large_state_count = LARGE_STATE_COUNT,
    .production_id_count = PRODUCTION_ID_COUNT,
    .field_count = FIELD_COUNT,
    .max_alias_sequence_length = MAX_ALIAS_SEQUENCE_LENGTH,
    .parse_table = &ts_parse_table[0][0],
    .small_parse_table = ts_small_parse_table,
    .small_parse_table_map = ts_small_parse_table_map,
    .parse_actions = ts_parse_actions,
    .symbol_names = ts_symbol_names,
    .field_names = ts_field_names,
    .field_map_slices = ts_field_map_slices,
    .field_map_entries = ts_field_map_entries,
    .symbol_metadata = ts_symbol_metadata,
    .public_symbol_map = ts_symbol_map,
    .alias_map = ts_non_terminal_alias_map,
    .alias_sequences = &ts_alias_sequences[0][0],
    .lex_modes = ts_lex_modes,
    .lex_fn = ts_lex,
    .external_scanner = {
      &ts_external_scanner_states[0][0],
      ts_external_scanner_symbol_map,
      tree_sitter_korrektur_external_scanner_create,
      tree_sitter_korrektur_external_scanner_destroy,
      tree_sitter_korrektur_external_scanner_scan,
      tree_sitter_korrektur_external_scanner_serialize,
      tree_sitter_korrektur_external_scanner_deserialize,
    },
    .primary_state_ids = ts_primary_state_ids,
  };
  return &language;
}
#ifdef __cplusplus
}
#endif
