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
 * external scanner in src/scanner.c. The grammar only states how the tokens nest.
 * Line structure is carried by zero-width tokens the scanner emits at the start of
 * a line (`_line_begin`, `_title_begin`), which is why no regular token is needed.
 */

/// <reference types="tree-sitter-cli/dsl" />

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
    $.word,
    $.number,
    $.url,
    $.hyphen_break, // `igangvæ-⏎rende`: one token across the line break
    $._quote_open,
    $._quote_close,
    $._punct, // any other character
    $._error_sentinel, // never emitted: tells the scanner it is in error recovery
  ],

  extras: _ => [],

  rules: {
    // The title is a block like the others: the scanner only emits it for the first
    // line with content (blank lines and page headers may come before it).
    document: $ => seq(repeat($._block), repeat($.section)),

    title: $ => seq($._title_begin, repeat1($._inline), $._newline),

    section: $ => prec.right(seq(field('label', $.label), repeat($._block))),

    label: $ =>
      seq(choice($.question_label, $.answer_label, $.other_label), $._newline),

    _block: $ => choice($.title, $.paragraph, $.bullet_item, $.page_header, $._blank),

    paragraph: $ => prec.right(repeat1($.line)),

    bullet_item: $ =>
      prec.right(seq($.marker, repeat($._inline), $._newline, repeat($.line))),

    page_header: $ => seq($._header_text, $._newline),

    line: $ => seq($._line_begin, repeat1($._inline), $._newline),

    _inline: $ => choice($._plain, $.quote),

    _plain: $ => choice($.word, $.number, $.url, $.hyphen_break, $._punct),

    quote: $ => seq($._quote_open, repeat($._plain), $._quote_close),
  },
});
