// @ts-check
/**
 * grammar.js — tree-sitter grammar for Danish question-and-answer documents as they
 * come out of PDF extraction and OCR: a title line, sections introduced by a label
 * (`Spørgsmål:`, `Svar:`, also OCR-damaged such as `Spergsmal:` or `Svar :`),
 * paragraphs of hard-wrapped lines, bullet items, running page headers
 * (`<title> Side 2`, a bare page number) and inline words, numbers, URLs, quotes and
 * words split by a line-end hyphen.
 *
 * The text is line-oriented and the decisions are contextual (is this line a
 * label? a page header? a bullet with a lost glyph?), so every token comes from the
 * external scanner in src/scanner.c: it decides at the start of each line what the
 * line is and emits a (mostly zero-width) token saying so (`_line_begin`,
 * `_title_begin`, labels, `_header_text`, `marker`), ends lines, and pairs quote
 * marks. Words, numbers, URLs and hyphen breaks are regular tokens.
 */

/// <reference types="tree-sitter-cli/dsl" />

// Characters of words: everything but ASCII punctuation and controls, white space,
// Latin-1 symbols (but ª ² ³ µ ¹ º), × ÷, and the general punctuation, symbol,
// arrow and CJK punctuation blocks.
const NOT_WORD =
  '\\x00-\\x2f\\x3a-\\x40\\x5b-\\x60\\x7b-\\x7f\\u00a0-\\u00a9\\u00ab-\\u00b1\\u00b4' +
  '\\u00b6-\\u00b8\\u00bb-\\u00bf\\u00d7\\u00f7\\u2000-\\u2bff\\u3000-\\u303f\\ufe10-\\ufe6f\\uff00-\\uff0f';
const WORDCH = new RegExp(`[^${NOT_WORD}]`);
const LETTER = new RegExp(`[^${NOT_WORD}0-9]`);
// Inside a word when a word character follows: wake-on-lan, BIOS'en, s@g, LC_ALL.
const CONNECTOR = /[-'\u2019@_]/;
// Punctuation: what is neither a word character, white space, nor a quote mark
// (quote marks and NUL bytes are the scanner's).
const SYM =
  /[\x01-\x08\x0e-\x1f!#-\/:-@\[-`{-\x7f\u00a0-\u00a9\u00ac-\u00b1\u00b4\u00b6-\u00b8\u00bc-\u00bf\u00d7\u00f7\u2000-\u201b\u201f-\u2bff\u3000-\u303f\ufe10-\ufe6f\uff00-\uff0f]/;
const QUOTES = '"\u201c\u201d\u201e\u00ab\u00bb';
const URLCH = new RegExp(`[^\\s${QUOTES}<>]`);
const URLEND = new RegExp(`[^\\s${QUOTES}<>.,;:!?)\\]}'\u2019]`);
const TLD = /dk|com|org|net|eu|de|se|no|io|gov|info|edu|uk|nu/;

module.exports = grammar({
  name: 'korrektur',

  externals: $ => [
    $._line_begin, // zero width: an ordinary text line starts here
    $._title_begin, // zero width: the document's title line starts here
    $._newline, // end of a non-blank line (zero width at the end of the file)
    $._blank, // one or more blank lines
    $.question_label, // `Spørgsmål:` and its OCR-damaged forms
    $.answer_label, // `Svar:` and its OCR-damaged forms
    $.other_label, // a short line ending in ':' that opens a block
    $._header_text, // a running page header/footer line (without its line break)
    $.marker, // a bullet glyph, its OCR forms, or the space a lost glyph left
    $._quote_open,
    $._quote_close,
    $._punct, // a NUL or undecodable byte
    $._error_sentinel, // never emitted: tells the scanner it is in error recovery
  ],

  // The inline leaves are extras: spaces (skipped), words, numbers, URLs, hyphen
  // breaks and punctuation. As extras they become direct children of the line,
  // quote or title they sit in, with none of the hidden repeat nodes a
  // `repeat($._inline)` would build around every word — half the nodes, and the
  // 1 MB benchmark parses in about half the time. Line starts never reach the
  // regular lexer (the scanner always decides there), so an extra cannot start a
  // line and leading indentation stays significant.
  extras: $ => [/[ \t\f\v]/, $.word, $.number, $.url, $.hyphen_break, $._sym, $._punct],

  rules: {
    // The title is a block like the others: the scanner only emits it for the first
    // line with content (blank lines and page headers may come before it).
    document: $ => seq(repeat($._block), repeat($.section)),

    title: $ => seq($._title_begin, repeat($.quote), $._newline),

    section: $ => prec.right(seq(field('label', $.label), repeat($._block))),

    label: $ =>
      seq(choice($.question_label, $.answer_label, $.other_label), $._newline),

    _block: $ => choice($.title, $.paragraph, $.bullet_item, $.page_header, $._blank),

    // A block keeps the blank lines after it, and starts and ends with a plain
    // child: tree-sitter never reuses a node whose edge is a repeat (repeats are
    // "fragile"), so a block shaped like this is reused whole after an edit
    // elsewhere, and an incremental re-parse touches blocks, not every line.
    paragraph: $ => prec.right(seq($.line, repeat($.line), optional($._blank))),

    bullet_item: $ =>
      prec.right(
        seq($.marker, repeat($.quote), $._newline, repeat($.line), optional($._blank)),
      ),

    page_header: $ => prec.right(seq($._header_text, $._newline, optional($._blank))),

    // One line of text (a hyphen_break carries it over a line break): words and
    // the other inline leaves are its children (extras, see above).
    line: $ => seq($._line_begin, repeat($.quote), $._newline),

    quote: $ => seq($._quote_open, $._quote_close),

    // Inline tokens are regular tokens: they are most of the text, and the regular
    // lexer with its (cheap, heap-free) leaves is far faster than external tokens.
    // The character classes are the complement of the scanner's punctuation
    // (is_punct_cp in scanner.c), so both agree on where a word ends. A word has a
    // letter somewhere (`0og` is OCR debris, a word); digits alone are a number.
    word: _ => token(seq(/[0-9]*/, LETTER, repeat(WORDCH), repeat(seq(CONNECTOR, repeat1(WORDCH))))),

    number: _ => /[0-9]+([.,][0-9]+)*/,

    // A word split by a hyphen at the end of a line, both halves in one token:
    // `igangvæ-⏎rende`. Purely lexical: whether the halves make one word (or the
    // first is a suspended compound, `lærings-⏎og`) is for the rules to judge.
    hyphen_break: _ =>
      token(seq(
        repeat1(WORDCH), repeat(seq(CONNECTOR, repeat1(WORDCH))), '-', /\r?\n/,
        repeat1(WORDCH), repeat(seq(CONNECTOR, repeat1(WORDCH))))),

    // Scheme or www URLs up to white space or a quote mark, without trailing
    // punctuation; bare host names with a common top-level domain (`region.dk`).
    url: _ =>
      token(choice(
        seq(/[hH][tT][tT][pP][sS]?:\/\/|[wW][wW][wW]\./, optional(seq(repeat(URLCH), URLEND))),
        seq(repeat1(WORDCH), repeat(seq(/[.-]/, repeat1(WORDCH))), '.', TLD,
          optional(seq('/', optional(seq(repeat(URLCH), URLEND))))))),

    _sym: _ => SYM,
  },
});
