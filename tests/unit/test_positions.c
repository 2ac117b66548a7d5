/* test_positions.c — byte offsets ↔ editor positions, as an editor user notices
 * them: æøå count 2 bytes but 1 UTF-16 unit, an emoji 4 bytes, 2 UTF-16 units and
 * 1 UTF-32 unit, CRLF line ends are not part of the line, a leading BOM is not a
 * column, and positions out of range clamp the way LSP says. */
#include <criterion/criterion.h>
#include <string.h>

#include "korrektur/document.h"

static kr_document *doc_of(const char *s)
{
    kr_document *d = kr_document_new(s, strlen(s));
    cr_assert_not_null(d);
    return d;
}

static void assert_pos(kr_document *d, size_t off, kr_encoding enc, uint32_t line, uint32_t ch)
{
    kr_position p = kr_document_position(d, off, enc);
    cr_assert(p.line == line && p.character == ch, "offset %zu (enc %d): got %u:%u, want %u:%u",
              off, (int)enc, p.line, p.character, line, ch);
}

static size_t off_of(kr_document *d, uint32_t line, uint32_t ch, kr_encoding enc)
{
    return kr_document_offset(d, (kr_position){line, ch}, enc);
}

Test(positions, danish_letters_are_two_bytes_one_utf16_unit)
{
    /* "blå øl" : b l å(2) ' ' ø(2) l */
    kr_document *d = doc_of("blå øl");
    size_t ol = strlen("blå ø"); /* byte offset of the final l */
    cr_assert_eq(ol, 7);
    assert_pos(d, ol, KR_ENC_UTF16, 0, 5);
    assert_pos(d, ol, KR_ENC_UTF32, 0, 5);
    assert_pos(d, ol, KR_ENC_UTF8, 0, 7);
    cr_assert_eq(off_of(d, 0, 5, KR_ENC_UTF16), 7);
    cr_assert_eq(off_of(d, 0, 5, KR_ENC_UTF32), 7);
    cr_assert_eq(off_of(d, 0, 7, KR_ENC_UTF8), 7);
    kr_document_free(d);
}

Test(positions, emoji_is_four_bytes_two_utf16_units_one_utf32_unit)
{
    kr_document *d = doc_of("a\xF0\x9F\x98\x80"
                            "b"); /* a 😀 b */
    assert_pos(d, 5, KR_ENC_UTF16, 0, 3);
    assert_pos(d, 5, KR_ENC_UTF32, 0, 2);
    assert_pos(d, 5, KR_ENC_UTF8, 0, 5);
    cr_assert_eq(off_of(d, 0, 3, KR_ENC_UTF16), 5);
    cr_assert_eq(off_of(d, 0, 2, KR_ENC_UTF32), 5);
    cr_assert_eq(kr_utf_units("a\xF0\x9F\x98\x80"
                              "b",
                              6, KR_ENC_UTF16),
                 4);
    cr_assert_eq(kr_utf_units("a\xF0\x9F\x98\x80"
                              "b",
                              6, KR_ENC_UTF32),
                 3);
    cr_assert_eq(kr_utf_units("æøå", 6, KR_ENC_UTF16), 3);
    kr_document_free(d);
}

Test(positions, inside_a_surrogate_pair_rounds_down_to_the_emoji)
{
    kr_document *d = doc_of("a\xF0\x9F\x98\x80"
                            "b");
    /* UTF-16 column 2 is between the two halves of the pair */
    cr_assert_eq(off_of(d, 0, 2, KR_ENC_UTF16), 1);
    /* a byte offset inside the emoji reports the emoji's start */
    for (size_t o = 2; o < 5; o++)
        assert_pos(d, o, KR_ENC_UTF16, 0, 1);
    kr_document_free(d);
}

Test(positions, offset_inside_a_two_byte_letter_reports_its_start)
{
    kr_document *d = doc_of("æble");
    assert_pos(d, 1, KR_ENC_UTF16, 0, 0);
    assert_pos(d, 1, KR_ENC_UTF8, 0, 0);
    /* UTF-8 column 1 is inside æ: rounds down */
    cr_assert_eq(off_of(d, 0, 1, KR_ENC_UTF8), 0);
    kr_document_free(d);
}

Test(positions, crlf_line_end_is_not_part_of_the_line)
{
    const char *s = "Svar:\r\nDet går.\r\n";
    kr_document *d = doc_of(s);
    cr_assert_eq(kr_document_line_count(d), 3);
    cr_assert_eq(kr_document_line_start(d, 1), 7);
    cr_assert_eq(kr_document_line_end(d, 0), 5, "line_end must stop before \\r");
    cr_assert_eq(kr_document_line_end(d, 1), strlen("Svar:\r\nDet går."));
    /* a column past the end lands before the \r, never between \r and \n */
    cr_assert_eq(off_of(d, 0, 99, KR_ENC_UTF16), 5);
    cr_assert_eq(off_of(d, 1, 99, KR_ENC_UTF16), strlen("Svar:\r\nDet går."));
    assert_pos(d, 7, KR_ENC_UTF16, 1, 0);
    assert_pos(d, strlen("Svar:\r\nDet g\xC3\xA5"), KR_ENC_UTF16, 1, 6);
    kr_document_free(d);
}

Test(positions, lf_and_last_line_without_newline)
{
    kr_document *d = doc_of("en\nto");
    cr_assert_eq(kr_document_line_count(d), 2);
    cr_assert_eq(kr_document_line_end(d, 0), 2);
    cr_assert_eq(kr_document_line_end(d, 1), 5);
    cr_assert_eq(kr_document_line_of(d, 2), 0, "the \\n belongs to its line");
    cr_assert_eq(kr_document_line_of(d, 3), 1);
    kr_document_free(d);
}

Test(positions, bom_is_not_a_column)
{
    kr_document *d = doc_of("\xEF\xBB\xBF"
                            "Titel\nå");
    assert_pos(d, 3, KR_ENC_UTF16, 0, 0);
    assert_pos(d, 8, KR_ENC_UTF16, 0, 5);
    assert_pos(d, 8, KR_ENC_UTF8, 0, 5);
    cr_assert_eq(off_of(d, 0, 0, KR_ENC_UTF16), 3);
    cr_assert_eq(off_of(d, 0, 2, KR_ENC_UTF32), 5);
    /* the BOM only matters on line 0 */
    assert_pos(d, 9, KR_ENC_UTF16, 1, 0);
    assert_pos(d, 11, KR_ENC_UTF16, 1, 1);
    kr_document_free(d);
}

Test(positions, past_line_end_and_past_document_end_clamp)
{
    const char *s = "ét\nto tre\n";
    kr_document *d = doc_of(s);
    size_t len = strlen(s);
    cr_assert_eq(off_of(d, 0, 50, KR_ENC_UTF16), 3, "past line end → line end");
    cr_assert_eq(off_of(d, 9, 0, KR_ENC_UTF16), len, "past last line → document length");
    cr_assert_eq(off_of(d, 2, 4, KR_ENC_UTF16), len, "the empty last line");
    assert_pos(d, len + 40, KR_ENC_UTF16, 2, 0);
    cr_assert_eq(kr_document_line_of(d, len + 40), 2);
    cr_assert_eq(kr_document_line_start(d, 99), len);
    kr_document_free(d);
}

Test(positions, empty_document_has_one_empty_line)
{
    kr_document *d = kr_document_new("", 0);
    cr_assert_eq(kr_document_line_count(d), 1);
    cr_assert_eq(kr_document_line_end(d, 0), 0);
    assert_pos(d, 0, KR_ENC_UTF16, 0, 0);
    cr_assert_eq(off_of(d, 0, 3, KR_ENC_UTF16), 0);
    kr_document_free(d);
}

/* Every char boundary survives offset → position → offset in all three units. */
static void round_trip_all(const char *s, size_t len, size_t first)
{
    kr_document *d = kr_document_new(s, len);
    const kr_encoding encs[] = {KR_ENC_UTF8, KR_ENC_UTF16, KR_ENC_UTF32};
    for (size_t o = first; o <= len; o++) {
        bool boundary = o == len || ((unsigned char)s[o] & 0xC0) != 0x80;
        bool in_crlf = o > 0 && o < len && s[o] == '\n' && s[o - 1] == '\r';
        if (!boundary || in_crlf)
            continue;
        for (size_t e = 0; e < 3; e++) {
            kr_position p = kr_document_position(d, o, encs[e]);
            size_t back = kr_document_offset(d, p, encs[e]);
            cr_assert_eq(back, o, "offset %zu enc %d → %u:%u → %zu", o, (int)encs[e], p.line,
                         p.character, back);
        }
    }
    kr_document_free(d);
}

Test(positions, round_trip_every_boundary_in_all_encodings)
{
    const char *s = "Spørgsmål:\r\nHvad koster 😀 for børn?\n\nSvar: Æ Ø Å æ ø å 𝄞.\n";
    round_trip_all(s, strlen(s), 0);
    const char *bom = "\xEF\xBB\xBF"
                      "Små børn 😀\nlinje to";
    round_trip_all(bom, strlen(bom), 3);
}

/* An edit must leave the same index a fresh document of the new text has. */
static void assert_same_index(kr_document *edited)
{
    size_t len;
    const char *t = kr_document_text(edited, &len);
    kr_document *fresh = kr_document_new(t, len);
    cr_assert_eq(kr_document_line_count(edited), kr_document_line_count(fresh));
    for (size_t l = 0; l < kr_document_line_count(fresh); l++) {
        cr_assert_eq(kr_document_line_start(edited, l), kr_document_line_start(fresh, l),
                     "line %zu start", l);
        cr_assert_eq(kr_document_line_end(edited, l), kr_document_line_end(fresh, l),
                     "line %zu end", l);
    }
    for (size_t o = 0; o <= len; o++) {
        kr_position a = kr_document_position(edited, o, KR_ENC_UTF16);
        kr_position b = kr_document_position(fresh, o, KR_ENC_UTF16);
        cr_assert(a.line == b.line && a.character == b.character, "offset %zu", o);
    }
    kr_document_free(fresh);
}

Test(positions, edits_that_add_and_remove_lines_keep_the_index)
{
    kr_document *d = doc_of("Titel\nSpørgsmål:\nHvad så?\n");
    /* add two lines in the middle */
    size_t at = strlen("Titel\n");
    cr_assert_eq(kr_document_edit(d, at, at, "ny\r\nlinje\n", 10), 0);
    assert_same_index(d);
    cr_assert_eq(kr_document_line_count(d), 6);
    cr_assert_eq(kr_document_line_end(d, 1), at + 2);
    /* join lines: remove a line break and some text */
    size_t s = strlen("Titel\nny");
    cr_assert_eq(kr_document_edit(d, s, s + strlen("\r\nlinje\n"), " ", 1), 0);
    assert_same_index(d);
    cr_assert_eq(kr_document_line_count(d), 4);
    size_t len;
    cr_assert_str_eq(kr_document_text(d, &len), "Titel\nny Spørgsmål:\nHvad så?\n");
    /* delete everything, then type into the empty document */
    cr_assert_eq(kr_document_edit(d, 0, len, "", 0), 0);
    assert_same_index(d);
    cr_assert_eq(kr_document_line_count(d), 1);
    cr_assert_eq(kr_document_edit(d, 0, 0, "a\nb\nc", 5), 0);
    assert_same_index(d);
    cr_assert_eq(kr_document_line_count(d), 3);
    /* out-of-range offsets clamp instead of writing outside the text */
    cr_assert_eq(kr_document_edit(d, 100, 200, "!", 1), 0);
    cr_assert_str_eq(kr_document_text(d, NULL), "a\nb\nc!");
    assert_same_index(d);
    kr_document_free(d);
}

Test(positions, many_edits_stay_consistent)
{
    kr_document *d = doc_of("");
    unsigned seed = 7;
    const char *pieces[] = {"ø", "\n", "\r\n", "Svar: ", "😀", "å\nb", "x"};
    for (int i = 0; i < 300; i++) {
        size_t len;
        kr_document_text(d, &len);
        seed = seed * 1103515245u + 12345u;
        size_t a = len ? (seed >> 8) % (len + 1) : 0;
        seed = seed * 1103515245u + 12345u;
        size_t b = a + (len > a ? (seed >> 8) % (len - a + 1) % 4 : 0);
        const char *p = pieces[(seed >> 16) % 7];
        /* keep edits on character boundaries, as an editor does */
        const char *t = kr_document_text(d, NULL);
        while (a < len && ((unsigned char)t[a] & 0xC0) == 0x80)
            a++;
        if (b < a)
            b = a;
        while (b < len && ((unsigned char)t[b] & 0xC0) == 0x80)
            b++;
        cr_assert_eq(kr_document_edit(d, a, b, p, strlen(p)), 0);
        if (i % 25 == 0)
            assert_same_index(d);
    }
    assert_same_index(d);
    kr_document_free(d);
}
