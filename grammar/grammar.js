// @ts-check
/**
 * grammar.js — tree-sitter grammar for Danish question-and-answer documents as they
 * come out of PDF extraction and OCR: a title line, sections introduced by a label
 * (`Spørgsmål:`, `Svar:`, also OCR-damaged such as `Spergsmal:` or `Svar :`),
 * paragraphs of hard-wrapped lines, bullet items, running page headers
 * (`<title> Side 2`, a bare page number) and, inside them, URLs, numbers, quotes
 * and words split by a line-end hyphen.
 *
 * The text is line-oriented and the decisions are contextual (is this line a
 * label? a page header? a bullet with a lost glyph?), so every token comes from the
 * external scanner in src/scanner.c: it decides at the start of each line what the
 * line is and emits a (mostly zero-width) token saying so (`_line_begin`,
 * `_title_begin`, labels, `_header_text`, `marker`), ends lines, and pairs quote
 * marks. Ordinary text is not split into words: the users of the tree (the
 * engine reads blocks only and tokenises words itself; the editors highlight
 * labels, headers, URLs, numbers, quotes and hyphen breaks) need nothing finer,
 * and a token per word made the parse of a page cost ten times the lint budget.
 */

/// <reference types="tree-sitter-cli/dsl" />

// What is a word character, a URL, a number or a hyphen break is the scanner's
// business (scanner.c, "inside a line"): the grammar only places the leaves.

module.exports = grammar({
  name: 'korrektur',

  externals: $ => [
    $._line_begin, // zero width: an ordinary text line starts here
    $._title_begin, // zero width: the document's title line starts here
    $._newline, // end of a non-blank line (zero width at the end of the file)
    $._blank, // one or more blank lines
    $._newline_blank, // the end of a paragraph's last line and the blank lines after it
    $._paragraph_whole, // a paragraph of plain text and the blank lines after it
    $.question_label, // `Spørgsmål:` and its OCR-damaged forms
    $.answer_label, // `Svar:` and its OCR-damaged forms
    $.other_label, // a short line ending in ':' that opens a block
    $._header_text, // a running page header/footer line (without its line break)
    $.marker, // a bullet glyph, its OCR forms, or the space a lost glyph left
    $._quote_open,
    $._quote_close,
    $._quote_whole, // a quote of plain text, both marks and what is between
    $._punct, // a NUL or undecodable byte
    $._text, // a run of ordinary text, on to the following lines of its paragraph
    $.url, // `https://…`, `www.…`, a bare host name with a common top-level domain
    $.hyphen_break, // a word split by a line-end hyphen, both halves: `igangvæ-⏎rende`
    $.number, // `2024`, `1.250`, `12,5`
    $._section_end, // zero width, before the next label: the section ends
    $._group1_end, // … and so does the _group1 it is the last of
    $._group2_end, // … and the _group2 too (also at the end of the text)
    $._blocks1_end, // zero width, before a block: a _bg1 of blocks ends
    $._blocks2_end, // … and so does the _bg2 it is the last of
    $._error_sentinel, // never emitted: tells the scanner it is in error recovery
  ],

  // The inline leaves are extras: spaces (skipped), runs of text, URLs, numbers,
  // hyphen breaks and stray bytes. As extras they become direct children of the
  // block, quote or title they sit in, with none of the hidden repeat nodes a
  // `repeat($._inline)` would build. Line starts never reach them (the scanner
  // always decides there), so leading indentation stays significant.
  extras: $ => [/[ \t\f\v]/, $._text, $.url, $.number, $.hyphen_break, $._punct],

  // A hidden rule that is not inlined is still a node the parser reduces: one
  // for each block and one for each paragraph's run of lines, a quarter of a
  // page's reductions (each some 1 500 instructions), for nothing the tree shows.
  inline: $ => [$._block, $._line, $._paragraph_end, $._quote],

  rules: {
    // The title is a block like the others: the scanner only emits it for the first
    // line with content (blank lines and page headers may come before it).
    document: $ => seq(optional($._blocks), repeat($._group2)),

    // Sections are grouped in two levels of hidden nodes, so that the tree is a
    // shallow balanced nesting instead of one long list under the document: after
    // an edit tree-sitter re-reduces every item of each list on the path to the
    // change (hidden repeat nodes are never reused whole), and with a flat list of
    // 2 500 sections a one-character edit re-parsed them all. Where a group ends is
    // said by the token that ends its last section, which the scanner picks from a
    // hash of the text after the next label (about one section in 16 closes a
    // _group1, one in 256 a _group2): the grouping is a function of the nearby
    // text, so an edit moves only the boundaries it touches, and the scanner keeps
    // no state for it. Every group and section starts and ends with a plain child,
    // which makes it reusable whole, and the end tokens make a label be lexed in
    // the same state in a fresh and in an incremental parse. The groups are hidden
    // and the sections that close them are aliased: the tree shows only sections.
    _group2: $ => seq(optional(seq($._group1, repeat($._group1))), $._group1_last),

    _group1: $ => seq(optional(seq($.section, repeat($.section))), alias($._section_g1, $.section)),

    _group1_last: $ =>
      seq(optional(seq($.section, repeat($.section))), alias($._section_g2, $.section)),

    title: $ => seq($._title_begin, repeat($._quote), $._newline),

    section: $ => seq(field('label', $.label), optional($._blocks), $._section_end),

    _section_g1: $ => seq(field('label', $.label), optional($._blocks), $._group1_end),

    _section_g2: $ => seq(field('label', $.label), optional($._blocks), $._group2_end),

    // The blocks of a section (or before the first one) are grouped the same way,
    // for a long answer or a document without labels: the scanner ends a _bg1
    // (one block start in 16 after a blank line) or a _bg1 and its _bg2 (one in
    // 256) by a zero-width token chosen from the hash of the blocks before. The
    // last groups of a list stay open (they end where the list does), so a list
    // costs no token but at its boundaries.
    _blocks: $ => choice(seq($._bg2, repeat($._bg2), optional($._bg2_open)), $._bg2_open),

    _bg2: $ => seq(optional(seq($._bg1, repeat($._bg1))), $._bg1_last),

    _bg2_open: $ => choice(seq($._bg1, repeat($._bg1), optional($._bg1_open)), $._bg1_open),

    _bg1: $ => seq($._block, repeat($._block), $._blocks1_end),

    _bg1_last: $ => seq($._block, repeat($._block), $._blocks2_end),

    _bg1_open: $ => seq($._block, repeat($._block)),

    label: $ =>
      seq(choice($.question_label, $.answer_label, $.other_label), $._newline),

    _block: $ => choice($.title, $.paragraph, $.bullet_item, $.page_header, $._blank),

    // A block keeps the blank lines after it, and starts and ends with a plain
    // child: tree-sitter never reuses a node whose edge is a repeat (repeats are
    // "fragile"), so a block shaped like this is reused whole after an edit
    // elsewhere, and an incremental re-parse touches blocks, not every line.
    // A paragraph's last line break usually takes the blank lines after it too
    // (_newline_blank, which only ends a paragraph): one token fewer for most
    // paragraphs; and a paragraph of plain text (no quote, URL, number or
    // hyphen break) followed by blank lines is one token (_paragraph_whole).
    // Otherwise its first line, the lines between and its last are spelled out
    // (a line followed by a `_line_begin` is one between: the paragraph goes on,
    // as a `repeat` of lines would).
    paragraph: $ =>
      prec.right(
        choice(
          $._paragraph_whole,
          seq(
            $._line_begin,
            repeat($._quote),
            choice(
              $._paragraph_end,
              seq(
                $._newline,
                repeat(prec.right(1, seq($._line_begin, repeat($._quote), $._newline))),
                $._line_begin,
                repeat($._quote),
                $._paragraph_end,
              ),
            ),
          ),
        ),
      ),

    _paragraph_end: $ => choice(seq($._newline, optional($._blank)), $._newline_blank),

    bullet_item: $ =>
      prec.right(
        seq($.marker, repeat($._quote), $._newline, repeat($._line), optional($._blank)),
      ),

    page_header: $ => prec.right(seq($._header_text, $._newline, optional($._blank))),

    // A text line and the lines that continue it: the scanner's run of text goes
    // on over a line break when the next line is ordinary text of the same block
    // (what a `_line_begin` would have said there), so a paragraph is mostly one
    // `_line`. Its inline leaves are extras (see above).
    _line: $ => seq($._line_begin, repeat($._quote), $._newline),

    // A quote of plain text on one line is one token (_quote_whole, shown as a
    // quote); else its marks are two, the text between them extras.
    _quote: $ => choice($.quote, alias($._quote_whole, $.quote)),

    quote: $ => seq($._quote_open, $._quote_close),
  },
});
