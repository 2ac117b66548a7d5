/* cli_format.c — how `korrektur check` prints results: gcc-style text, the stable
 * JSON document (version 1), JSON lines, SARIF 2.1.0 and GitHub workflow
 * commands. JSON is written by hand here: printing needs no JSON library, and the
 * shape stays under our control. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* ---- the JSON writer ------------------------------------------------------------ *
 * `check --format json` prints about 18 bytes for every byte it reads (31 000
 * diagnostics for 1 MB of OCR text), so printing is a large part of a check:
 * the writer fills a buffer by hand (no printf, no per-call stdio) and writes
 * it out in large blocks. */
typedef struct {
    FILE *out;
    size_t len;
    char buf[1 << 16];
} jw;

static void jw_flush(jw *w)
{
    if (w->len)
        fwrite(w->buf, 1, w->len, w->out);
    w->len = 0;
}

static void jw_put_slow(jw *w, const char *s, size_t n)
{
    jw_flush(w);
    if (n > sizeof w->buf) {
        fwrite(s, 1, n, w->out);
        return;
    }
    memcpy(w->buf, s, n);
    w->len = n;
}

/* Inline, so a literal's copy is a few moves. */
static inline void jw_put(jw *w, const char *s, size_t n)
{
    if (__builtin_expect(w->len + n > sizeof w->buf, 0)) {
        jw_put_slow(w, s, n);
        return;
    }
    memcpy(w->buf + w->len, s, n);
    w->len += n;
}

#define JW_LIT(w, lit) jw_put((w), (lit), sizeof(lit) - 1)

static inline void jw_uint(jw *w, unsigned long long v)
{
    if (__builtin_expect(w->len + 24 > sizeof w->buf, 0))
        jw_flush(w);
    size_t digits = 1;
    for (unsigned long long t = v; t >= 10; t /= 10)
        digits++;
    char *o = w->buf + w->len + digits;
    do {
        *--o = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    w->len += digits;
}

/* Length of the valid UTF-8 character at s (0: invalid), the common two-byte
 * case (æøå, »«) decided inline. */
static inline size_t utf8_len(const char *s, size_t avail)
{
    unsigned char c = (unsigned char)s[0];
    if (c >= 0xC2 && c <= 0xDF && avail >= 2 && ((unsigned char)s[1] & 0xC0) == 0x80)
        return 2;
    return kr_utf8_char_len(s, avail);
}

/* Of the 8 bytes at s, how many lead before the first that needs a look (8:
 * none does): printable ASCII but " and \ go as they are. A word-at-a-time test
 * (most of what is printed is plain ASCII); the lowest flagged byte of these
 * borrow tricks is exact, which is all that is used. */
static inline unsigned plain_run8(const char *s)
{
    uint64_t x;
    memcpy(&x, s, 8);
    const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
    uint64_t q = x ^ ones * '"', b = x ^ ones * '\\', d = x ^ ones * 0x7F;
    uint64_t m =
        ((x - ones * 0x20) | ((q - ones) & ~q) | ((b - ones) & ~b) | ((d - ones) & ~d) | x) & high;
    return m ? (unsigned)__builtin_ctzll(m) / 8 : 8;
}

/* The escape of a byte that cannot go into a JSON string as it is; writes it to
 * o and returns its length. */
static size_t escape_byte(unsigned char c, char *o)
{
    static const char digits[] = "0123456789abcdef";
    o[0] = '\\';
    switch (c) {
    case '"':
    case '\\':
        o[1] = (char)c;
        return 2;
    case '\n':
        o[1] = 'n';
        return 2;
    case '\r':
        o[1] = 'r';
        return 2;
    case '\t':
        o[1] = 't';
        return 2;
    default:
        memcpy(o + 1, "u00", 3);
        o[4] = digits[c >> 4];
        o[5] = digits[c & 15];
        return 6;
    }
}

/* Escapes s[0..n) into o (room for 6 * n bytes) and returns the bytes written:
 * escapes for " \ and control bytes, U+FFFD for invalid UTF-8 (the output stays
 * valid JSON). One pass that copies as it checks. */
static size_t escape_into(const char *s, size_t n, char *o)
{
    char *start = o;
    size_t i = 0;
    while (i < n) {
        if (i + 8 <= n) {
            unsigned k = plain_run8(s + i);
            memcpy(o, s + i, 8); /* all 8: a move; only k of them count */
            o += k;
            i += k;
            if (k == 8)
                continue;
        }
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
            *o++ = (char)c;
            i++;
        } else if (c >= 0x80) {
            size_t k = utf8_len(s + i, n - i);
            if (k) {
                if (n - i >= 4)
                    memcpy(o, s + i, 4); /* a fixed-size copy: a move, not a call */
                else
                    memcpy(o, s + i, k);
                o += k;
                i += k;
            } else {
                memcpy(o, "\\ufffd", 6);
                o += 6;
                i++;
            }
        } else {
            o += escape_byte(c, o);
            i++;
        }
    }
    return (size_t)(o - start);
}

/* s[0..n) as a JSON string literal, quotes included. */
static void jw_string(jw *w, const char *s, size_t n)
{
    /* escaped in pieces that fit the buffer at their longest (6 bytes a byte) */
    enum { PIECE = (sizeof w->buf - 16) / 6 };
    JW_LIT(w, "\"");
    for (size_t at = 0; at < n;) {
        size_t k = n - at < PIECE ? n - at : PIECE;
        if (k < n - at) /* never split a character between pieces */
            while (k > 1 && ((unsigned char)s[at + k] & 0xC0) == 0x80)
                k--;
        if (w->len + 6 * k + 4 > sizeof w->buf)
            jw_flush(w);
        w->len += escape_into(s + at, k, w->buf + w->len);
        at += k;
    }
    JW_LIT(w, "\"");
}

static void jw_cstr(jw *w, const char *s)
{
    jw_string(w, s, strlen(s));
}

void kr_json_string(FILE *out, const char *s, size_t n)
{
    jw *w = malloc(sizeof *w);
    if (!w)
        return;
    w->out = out;
    w->len = 0;
    jw_string(w, s, n);
    jw_flush(w);
    free(w);
}

/* ---- positions, incrementally ----------------------------------------------------- *
 * The same line and UTF-16 column as kr_document_position(), computed by walking
 * forward from the last position asked for: diagnostics come sorted by start, so
 * the walk over a whole file is about one pass over its text. */
typedef struct {
    const kr_document *doc;
    const char *text;
    size_t len, n_lines;
    size_t line, line_start, next_start; /* the cursor's line: [line_start, next_start) */
    size_t off;                          /* where counting stopped, a character start */
    uint32_t units;                      /* UTF-16 units from the line's start to off */
    /* the last two answers: a fix's edit usually spans its diagnostic's range,
     * which the cursor has just walked past */
    size_t memo_off[2];
    kr_position memo_pos[2];
} pos_cursor;

static void cursor_init(pos_cursor *c, const kr_document *doc)
{
    c->doc = doc;
    c->text = kr_document_text(doc, &c->len);
    c->n_lines = kr_document_line_count(doc);
    c->line = SIZE_MAX; /* none yet: the first query finds its line */
    c->line_start = 0;
    c->next_start = 0;
    c->off = 0;
    c->units = 0;
    c->memo_off[0] = c->memo_off[1] = SIZE_MAX;
}

/* Where counting starts on a line: after a byte-order mark on line 0, which
 * editors neither show nor count (as in document.c). */
static size_t cursor_line_begin(const pos_cursor *c)
{
    if (c->line == 0 && c->len >= 3 && memcmp(c->text, "\xEF\xBB\xBF", 3) == 0)
        return 3;
    return c->line_start;
}

/* Bytes of the character at s and its UTF-16 units; an invalid byte is one
 * character of one unit (document.c's rule). */
static size_t cursor_char(const char *s, size_t avail, uint32_t *units)
{
    size_t n = utf8_len(s, avail);
    if (n == 0)
        n = 1;
    *units = n == 4 ? 2 : 1;
    return n;
}

static kr_position cursor_walk(pos_cursor *c, size_t offset);

static kr_position cursor_at(pos_cursor *c, size_t offset)
{
    if (offset > c->len)
        offset = c->len;
    for (int k = 0; k < 2; k++)
        if (c->memo_off[k] == offset)
            return c->memo_pos[k];
    kr_position p = cursor_walk(c, offset);
    c->memo_off[1] = c->memo_off[0];
    c->memo_pos[1] = c->memo_pos[0];
    c->memo_off[0] = offset;
    c->memo_pos[0] = p;
    return p;
}

/* The position of offset (<= len), walking from where the cursor is when it
 * can. */
static kr_position cursor_walk(pos_cursor *c, size_t offset)
{
    if (offset < c->line_start || offset >= c->next_start) {
        if (c->line != SIZE_MAX && offset >= c->next_start && c->line + 1 < c->n_lines &&
            (c->line + 2 >= c->n_lines || offset < kr_document_line_start(c->doc, c->line + 2)))
            c->line++; /* the next line: the common step */
        else
            c->line = kr_document_line_of(c->doc, offset);
        c->line_start = kr_document_line_start(c->doc, c->line);
        c->next_start =
            c->line + 1 < c->n_lines ? kr_document_line_start(c->doc, c->line + 1) : SIZE_MAX;
        c->off = cursor_line_begin(c);
        c->units = 0;
    } else if (offset < c->off) {
        c->off = cursor_line_begin(c);
        c->units = 0;
    }
    size_t i = c->off;
    uint32_t units = c->units;
    while (i < offset) {
        if ((unsigned char)c->text[i] < 0x80) {
            i++;
            units++;
            continue;
        }
        uint32_t u;
        size_t n = cursor_char(c->text + i, c->len - i, &u);
        if (i + n > offset)
            break; /* offset inside a character: report the character's start */
        units += u;
        i += n;
    }
    c->off = i;
    c->units = units;
    return (kr_position){(uint32_t)c->line, units};
}

/* ---- the JSON document ------------------------------------------------------------- */
static bool shown(const kr_cli_result *r, const kr_diagnostic *d)
{
    return kr_diagnostic_severity(d) <= r->min_severity;
}

static void json_range(jw *w, pos_cursor *pc, size_t start, size_t end)
{
    kr_position a = cursor_at(pc, start);
    kr_position b = cursor_at(pc, end);
    JW_LIT(w, "\"range\": {\"start\": {\"line\": ");
    jw_uint(w, a.line);
    JW_LIT(w, ", \"character\": ");
    jw_uint(w, a.character);
    JW_LIT(w, "}, \"end\": {\"line\": ");
    jw_uint(w, b.line);
    JW_LIT(w, ", \"character\": ");
    jw_uint(w, b.character);
    JW_LIT(w, "}}");
}

static void json_bytes(jw *w, size_t start, size_t end)
{
    JW_LIT(w, "\"bytes\": {\"start\": ");
    jw_uint(w, start);
    JW_LIT(w, ", \"end\": ");
    jw_uint(w, end);
    JW_LIT(w, "}");
}

static void json_fix(jw *w, pos_cursor *pc, const kr_fix *f)
{
    JW_LIT(w, "{\"title\": ");
    jw_cstr(w, kr_fix_title(f));
    if (kr_fix_preferred(f))
        JW_LIT(w, ", \"preferred\": true, \"edits\": [");
    else
        JW_LIT(w, ", \"preferred\": false, \"edits\": [");
    for (size_t i = 0; i < kr_fix_edit_count(f); i++) {
        const kr_edit *e = kr_fix_edit(f, i);
        if (i)
            JW_LIT(w, ", ");
        JW_LIT(w, "{");
        json_bytes(w, e->start, e->end);
        JW_LIT(w, ", \"newText\": ");
        jw_string(w, e->text, e->len);
        JW_LIT(w, ", ");
        json_range(w, pc, e->start, e->end);
        JW_LIT(w, "}");
    }
    JW_LIT(w, "]}");
}

static void json_diag(jw *w, pos_cursor *pc, const kr_diagnostic *d)
{
    JW_LIT(w, "{\"rule\": ");
    jw_cstr(w, kr_diagnostic_rule(d));
    JW_LIT(w, ", \"severity\": \"");
    const char *sev = kr_severity_name(kr_diagnostic_severity(d));
    jw_put(w, sev, strlen(sev));
    JW_LIT(w, "\", \"message\": ");
    jw_cstr(w, kr_diagnostic_message(d));
    JW_LIT(w, ", ");
    json_range(w, pc, kr_diagnostic_start(d), kr_diagnostic_end(d));
    JW_LIT(w, ", ");
    json_bytes(w, kr_diagnostic_start(d), kr_diagnostic_end(d));
    JW_LIT(w, ", \"fixes\": [");
    for (size_t i = 0; i < kr_diagnostic_fix_count(d); i++) {
        if (i)
            JW_LIT(w, ", ");
        json_fix(w, pc, kr_diagnostic_fix(d, i));
    }
    JW_LIT(w, "]}");
}

/* One entry of "files": {"path": …, "diagnostics": [...]} (+ "error" on failure).
 * `one_line` for jsonl, where a line break would end the object early. */
static void json_file(FILE *out, const kr_cli_result *r, bool one_line)
{
    jw *w = malloc(sizeof *w);
    if (!w) {
        fputs("korrektur: out of memory\n", stderr);
        abort();
    }
    w->out = out;
    w->len = 0;
    JW_LIT(w, "{\"path\": ");
    jw_cstr(w, strcmp(r->path, "-") == 0 ? "<stdin>" : r->path);
    if (r->error) {
        JW_LIT(w, ", \"error\": ");
        jw_cstr(w, r->error);
    }
    JW_LIT(w, ", \"diagnostics\": [");
    bool first = true;
    size_t n = r->diags ? kr_diagnostics_count(r->diags) : 0;
    pos_cursor pc;
    if (n)
        cursor_init(&pc, r->doc);
    for (size_t i = 0; i < n; i++) {
        const kr_diagnostic *d = kr_diagnostics_get(r->diags, i);
        if (!shown(r, d))
            continue;
        if (one_line) {
            if (!first)
                JW_LIT(w, ", ");
        } else if (first) {
            JW_LIT(w, "\n  ");
        } else {
            JW_LIT(w, ",\n  ");
        }
        first = false;
        json_diag(w, &pc, d);
    }
    JW_LIT(w, "]}");
    jw_flush(w);
    free(w);
}

/* 1-based line and column in characters (code points), as compilers print. */
static void line_col(const kr_cli_result *r, size_t off, unsigned *line, unsigned *col)
{
    kr_position p = kr_document_position(r->doc, off, KR_ENC_UTF32);
    *line = p.line + 1;
    *col = p.character + 1;
}

static void text_file(FILE *out, const kr_cli_result *r)
{
    size_t n = r->diags ? kr_diagnostics_count(r->diags) : 0;
    const char *path = strcmp(r->path, "-") == 0 ? "<stdin>" : r->path;
    for (size_t i = 0; i < n; i++) {
        const kr_diagnostic *d = kr_diagnostics_get(r->diags, i);
        if (!shown(r, d))
            continue;
        unsigned line, col;
        line_col(r, kr_diagnostic_start(d), &line, &col);
        fprintf(out, "%s:%u:%u: %s: %s [%s]\n", path, line, col,
                kr_severity_name(kr_diagnostic_severity(d)), kr_diagnostic_message(d),
                kr_diagnostic_rule(d));
    }
}

/* GitHub workflow commands: the message must be on one line, with %, CR and LF
 * escaped; properties also escape ':' and ','. */
static void gh_escape(FILE *out, const char *s, bool property)
{
    for (; *s; s++) {
        if (*s == '%')
            fputs("%25", out);
        else if (*s == '\r')
            fputs("%0D", out);
        else if (*s == '\n')
            fputs("%0A", out);
        else if (property && *s == ':')
            fputs("%3A", out);
        else if (property && *s == ',')
            fputs("%2C", out);
        else
            fputc(*s, out);
    }
}

static void github_file(FILE *out, const kr_cli_result *r)
{
    size_t n = r->diags ? kr_diagnostics_count(r->diags) : 0;
    for (size_t i = 0; i < n; i++) {
        const kr_diagnostic *d = kr_diagnostics_get(r->diags, i);
        if (!shown(r, d))
            continue;
        unsigned l1, c1, l2, c2;
        line_col(r, kr_diagnostic_start(d), &l1, &c1);
        line_col(r, kr_diagnostic_end(d), &l2, &c2);
        kr_severity sev = kr_diagnostic_severity(d);
        fputs(sev == KR_SEV_ERROR     ? "::error"
              : sev == KR_SEV_WARNING ? "::warning"
                                      : "::notice",
              out);
        fputs(" file=", out);
        gh_escape(out, r->path, true);
        fprintf(out, ",line=%u,col=%u,endLine=%u,endColumn=%u,title=", l1, c1, l2, c2);
        gh_escape(out, kr_diagnostic_rule(d), true);
        fputs("::", out);
        gh_escape(out, kr_diagnostic_message(d), false);
        fputc('\n', out);
    }
}

void kr_cli_sarif_begin(FILE *out);
void kr_cli_sarif_file(const kr_cli_result *r, FILE *out, bool first);
void kr_cli_sarif_end(FILE *out);

static size_t files_printed;

void kr_cli_format_begin(const kr_cli_opts *opts, FILE *out)
{
    files_printed = 0;
    if (opts->format == KR_FMT_JSON)
        fputs("{\"version\": 1, \"files\": [", out);
    else if (opts->format == KR_FMT_SARIF)
        kr_cli_sarif_begin(out);
}

void kr_cli_format_file(const kr_cli_opts *opts, const kr_cli_result *r, FILE *out)
{
    switch (opts->format) {
    case KR_FMT_TEXT:
        text_file(out, r);
        break;
    case KR_FMT_JSON:
        fputs(files_printed ? ",\n" : "\n", out);
        json_file(out, r, false);
        break;
    case KR_FMT_JSONL:
        json_file(out, r, true);
        fputc('\n', out);
        fflush(out); /* streamed: a batch engine reads each line as it comes */
        break;
    case KR_FMT_SARIF:
        kr_cli_sarif_file(r, out, files_printed == 0);
        break;
    case KR_FMT_GITHUB:
        github_file(out, r);
        break;
    }
    files_printed++;
}

void kr_cli_format_end(const kr_cli_opts *opts, FILE *out)
{
    if (opts->format == KR_FMT_JSON)
        fputs("\n]}\n", out);
    else if (opts->format == KR_FMT_SARIF)
        kr_cli_sarif_end(out);
}
