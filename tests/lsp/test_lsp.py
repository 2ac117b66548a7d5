#!/usr/bin/env python3
"""test_lsp.py — integration tests of `korrektur lsp`: each test starts the real
binary as a child process and talks JSON-RPC over its pipes like an editor would
(lsp_client.py). Rule-dependent checks follow the registry (`--list-rules`) and
the CLI's own output on the same text, so they stay valid as rules are added.

usage: test_lsp.py BINARY [-k NAME]   — prints one line per test, then
"N passed, N failed" (the last line, as tests/run-stages.sh expects)."""
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lsp_client import Client, LspError  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
DEMO = os.path.join(HERE, "..", "fixtures", "demo.ocr.txt")
BIN = None
TESTS = []
PERF = {}

UTF8 = {"general": {"positionEncodings": ["utf-8", "utf-16"]}}
FULL_CAPS = {
    "general": {"positionEncodings": ["utf-16"]},
    "textDocument": {
        "hover": {"contentFormat": ["markdown", "plaintext"]},
        "documentSymbol": {"hierarchicalDocumentSymbolSupport": True},
    },
    "workspace": {"workspaceEdit": {"documentChanges": True}},
}


def test(fn):
    TESTS.append(fn)
    return fn


def check(cond, what):
    if not cond:
        raise AssertionError(what)


# ---- text and positions as an editor keeps them ----------------------------------------

def units(ch, enc):
    if enc == "utf-8":
        return len(ch.encode("utf-8"))
    if enc == "utf-16":
        return 2 if ord(ch) > 0xFFFF else 1
    return 1


def to_index(text, pos, enc):
    """Index into the str `text` of an LSP position (clamped like the spec says)."""
    lines = text.split("\n")
    line = pos["line"]
    if line >= len(lines):
        return len(text)
    start = sum(len(l) + 1 for l in lines[:line])
    content = lines[line]
    if content.endswith("\r"):
        content = content[:-1]
    u = 0
    for i, ch in enumerate(content):
        if u >= pos["character"]:
            return start + i
        u += units(ch, enc)
        if u > pos["character"]:
            return start + i
    return start + len(content)


def to_position(text, index, enc):
    before = text[:index]
    line = before.count("\n")
    col = before[before.rfind("\n") + 1:]
    return {"line": line, "character": sum(units(c, enc) for c in col)}


def apply_edits(text, edits, enc):
    spans = [(to_index(text, e["range"]["start"], enc), to_index(text, e["range"]["end"], enc),
              e["newText"]) for e in edits]
    for a, b, t in sorted(spans, reverse=True):
        text = text[:a] + t + text[b:]
    return text


def range_text(text, rng, enc):
    return text[to_index(text, rng["start"], enc):to_index(text, rng["end"], enc)]


def demo_text():
    with open(DEMO, encoding="utf-8") as f:
        return f.read()


def cli(*args, stdin=None):
    return subprocess.run([BIN, *args], input=stdin, capture_output=True, timeout=60)


def cli_diagnostics(text):
    out = cli("check", "--format", "json", "-", stdin=text.encode()).stdout
    return json.loads(out)["files"][0]["diagnostics"]


def rules():
    return [l.split()[0] for l in cli("--list-rules").stdout.decode().splitlines() if l.strip()]


class Workspace:
    """A scratch folder with a client started in it."""

    def __init__(self, caps=None, options=None, files=None, env=None):
        self.dir = os.path.realpath(tempfile.mkdtemp(prefix="kr-lsp-"))
        for name, content in (files or {}).items():
            with open(os.path.join(self.dir, name), "w", encoding="utf-8") as f:
                f.write(content)
        e = dict(os.environ)
        e["XDG_CONFIG_HOME"] = os.path.join(self.dir, ".xdg")
        e.update(env or {})
        self.c = Client(BIN, cwd=self.dir, env=e)
        self.init = self.c.initialize(caps, root=self.dir, options=options)

    def uri(self, name):
        return "file://" + os.path.join(self.dir, name)

    def open(self, name, text, version=1):
        self.c.notify("textDocument/didOpen", {"textDocument": {
            "uri": self.uri(name), "languageId": "plaintext", "version": version,
            "text": text}})

    def server_text(self, name):
        return self.c.request("korrektur/debugText",
                              {"textDocument": {"uri": self.uri(name)}})["result"]["text"]

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.c.close()
        shutil.rmtree(self.dir, ignore_errors=True)


def change(ws, name, version, edits):
    ws.c.notify("textDocument/didChange", {
        "textDocument": {"uri": ws.uri(name), "version": version},
        "contentChanges": [{"range": e["range"], "text": e["newText"]} for e in edits]})


# ---- lifecycle -------------------------------------------------------------------------

@test
def initialize_utf16_by_default():
    with Workspace() as ws:
        caps = ws.init["result"]["capabilities"]
        check(caps["positionEncoding"] == "utf-16", caps)
        check(caps["textDocumentSync"]["change"] == 2, "incremental sync")
        check("diagnosticProvider" not in caps, "no pull without client support")
        check(set(caps["executeCommandProvider"]["commands"]) ==
              {"korrektur.addWord", "korrektur.ignoreWord"}, caps)
        check("source.fixAll.korrektur" in caps["codeActionProvider"]["codeActionKinds"], caps)
        check(ws.init["result"]["serverInfo"]["name"] == "korrektur", ws.init)


@test
def initialize_picks_utf8_when_offered():
    with Workspace(UTF8) as ws:
        check(ws.init["result"]["capabilities"]["positionEncoding"] == "utf-8", ws.init)


@test
def requests_before_initialize_are_refused():
    c = Client(BIN)
    try:
        r = c.request("textDocument/hover", {"textDocument": {"uri": "file:///x"},
                                             "position": {"line": 0, "character": 0}})
        check(r["error"]["code"] == -32002, r)
        c.notify("textDocument/didOpen", {"textDocument": {"uri": "file:///x", "text": "x",
                                                           "version": 1}})
        r = c.request("initialize", {"capabilities": {}})
        check("capabilities" in r["result"], r)
        r = c.request("initialize", {"capabilities": {}})
        check(r["error"]["code"] == -32600, "a second initialize is an invalid request")
    finally:
        c.close()


@test
def threads_option_is_checked_and_one_thread_lints_the_same():
    """`lsp -j N`: a bad count is one clear line and status 2; a one-thread
    server publishes what the default one does."""
    for bad in (["-j"], ["-j", "0"], ["-j", "x"], ["--bogus"]):
        r = cli("lsp", *bad, stdin=b"")
        check(r.returncode == 2, (bad, r.returncode))
        err = r.stderr.decode()
        check(err.startswith("korrektur lsp: ") and err.count("\n") == 1, err)
    text = demo_text()
    got = []
    for args in (("lsp", "--stdio", "-j", "1"), ("lsp", "--stdio")):
        c = Client(BIN, args=args)
        try:
            c.initialize({})
            c.notify("textDocument/didOpen", {"textDocument": {
                "uri": "file:///t.txt", "languageId": "plaintext", "version": 1, "text": text}})
            got.append(c.diagnostics("file:///t.txt", 1))
            c.shutdown_exit()
        finally:
            c.close()
    check(got[0] and got[0] == got[1], "one thread and two give the same diagnostics")


@test
def shutdown_then_exit_gives_status_0():
    with Workspace() as ws:
        res = ws.c.request("shutdown")
        check(res["result"] is None, res)
        r = ws.c.request("textDocument/hover", {})
        check(r["error"]["code"] == -32600, "requests after shutdown are invalid")
        ws.c.notify("exit")
        check(ws.c.wait_exit() == 0, "exit status after shutdown")


@test
def exit_without_shutdown_gives_status_1():
    with Workspace() as ws:
        ws.c.notify("exit")
        check(ws.c.wait_exit() == 1, "exit status without shutdown")


@test
def eof_ends_the_server_cleanly():
    with Workspace() as ws:
        ws.open("a.txt", demo_text())
        ws.c.proc.stdin.close()
        check(ws.c.wait_exit(5) == 1, "EOF without shutdown exits 1, promptly")


@test
def broken_pipe_ends_the_server_cleanly():
    with Workspace() as ws:
        ws.c.proc.stdout.close()  # the editor stops reading
        text = demo_text()
        try:
            for v in range(2, 200):
                ws.open("a.txt", text, v)
        except BrokenPipeError:
            pass
        status = ws.c.wait_exit(5)
        check(status is not None and status >= 0, "exits (no signal, no hang): %r" % status)


# ---- transport -----------------------------------------------------------------------------

def frame(obj, headers=None):
    body = json.dumps(obj).encode()
    head = headers or ["Content-Length: %d" % len(body)]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + body


@test
def framing_any_header_order_split_and_coalesced():
    with Workspace() as ws:
        c = ws.c
        body = json.dumps({"jsonrpc": "2.0", "id": 901, "method": "korrektur/unknown"}).encode()
        # Content-Type first, lower-case length header, fed one byte at a time
        msg = (b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n"
               b"content-length: %d\r\n\r\n" % len(body)) + body
        for i in range(len(msg)):
            c.send_raw(msg[i:i + 1])
        check(c.wait_response(901)["error"]["code"] == -32601, "split frame answered")
        # two messages in one write
        two = frame({"jsonrpc": "2.0", "id": 902, "method": "x/y"}) + \
            frame({"jsonrpc": "2.0", "id": 903, "method": "x/z"})
        c.send_raw(two)
        check(c.wait_response(902)["error"]["code"] == -32601, "first of two")
        check(c.wait_response(903)["error"]["code"] == -32601, "second of two")


@test
def malformed_messages_get_errors_and_the_server_lives():
    with Workspace() as ws:
        c = ws.c
        c.send_raw(b"Content-Length: 9\r\n\r\n{not json")
        r = c.wait_response(None)
        check(r["error"]["code"] == -32700, r)
        c.send_raw(b"X-Nonsense: 1\r\n\r\n")
        r = c.wait_response(None)
        check(r["error"]["code"] == -32700, "a header without Content-Length")
        c.send_raw(frame([1, 2, 3]))
        r = c.wait_response(None)
        check(r["error"]["code"] == -32600, "an array is not a request")
        c.send_raw(frame({"jsonrpc": "2.0", "id": 5, "method": 7}))
        check(c.wait_response(5)["error"]["code"] == -32600, "method must be a string")
        c.notify("korrektur/unknownNotification", {"x": 1})
        c.notify("$/someProgress", {})
        r = c.request("textDocument/hover", {"textDocument": {"uri": ws.uri("none.txt")}})
        check(r["error"]["code"] == -32602, "hover needs an open document")
        ws.open("a.txt", "Kort tekst.\n")
        r = c.request("textDocument/hover", {"textDocument": {"uri": ws.uri("a.txt")},
                                             "position": {"line": "x"}})
        check(r["error"]["code"] == -32602, "bad position is InvalidParams")
        r = c.request("textDocument/codeAction", {"textDocument": {"uri": ws.uri("a.txt")},
                                                  "range": {"start": {"line": -1}}})
        check(r["error"]["code"] == -32602, "negative line is InvalidParams")
        check(ws.server_text("a.txt") == "Kort tekst.\n", "still serving")


@test
def huge_content_length_is_skipped_not_buffered():
    with Workspace() as ws:
        ws.c.send_raw(b"Content-Length: 1000000000\r\n\r\n{\"jsonrpc\":")
        r = ws.c.wait_response(None, 5)
        check(r["error"]["code"] == -32700, r)
        status = open("/proc/%d/status" % ws.c.proc.pid).read()
        rss = int([l for l in status.splitlines() if l.startswith("VmRSS")][0].split()[1])
        check(rss < 200 * 1024, "resident memory stays small: %d kB" % rss)
        ws.c.proc.stdin.close()
        check(ws.c.wait_exit(5) == 1, "EOF inside the skipped body ends cleanly")


@test
def cancelled_request_gets_request_cancelled():
    with Workspace() as ws:
        ws.open("a.txt", demo_text())
        req = frame({"jsonrpc": "2.0", "id": 77, "method": "textDocument/documentSymbol",
                     "params": {"textDocument": {"uri": ws.uri("a.txt")}}})
        cancel = frame({"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": 77}})
        ws.c.send_raw(req + cancel)
        r = ws.c.wait_response(77)
        check(r.get("error", {}).get("code") == -32800, r)


@test
def trace_messages_are_logged_when_asked():
    with Workspace() as ws:
        ws.c.notify("$/setTrace", {"value": "messages"})
        ws.open("a.txt", "Tekst.\n")
        n = ws.c.wait_note("$/logTrace", lambda p: "didOpen" in p["message"])
        check("textDocument/didOpen" in n["params"]["message"], n)


# ---- diagnostics ---------------------------------------------------------------------------

def check_diagnostics_match_cli(diags, text, enc):
    want = cli_diagnostics(text)
    check(len(diags) == len(want), "same count as the CLI: %d vs %d" % (len(diags), len(want)))
    for d, w in zip(diags, want):
        check(d["code"] == w["rule"] and d["message"] == w["message"], (d, w))
        check(d["source"] == "korrektur", d)
        b = text.encode()[w["bytes"]["start"]:w["bytes"]["end"]].decode(errors="replace")
        check(range_text(text, d["range"], enc) == b,
              "%s range covers %r, not %r" % (enc, range_text(text, d["range"], enc), b))
        check(len(d["data"]["fixes"]) == len(w["fixes"]), "fixes travel in data")


@test
def diagnostics_pushed_with_version_in_both_encodings():
    text = demo_text()
    for caps, enc in ((UTF8, "utf-8"), ({}, "utf-16")):
        with Workspace(caps) as ws:
            ws.open("demo.txt", text, 7)
            p = ws.c.diagnostics(ws.uri("demo.txt"))
            check(p["version"] == 7, p)
            check_diagnostics_match_cli(p["diagnostics"], text, enc)


@test
def encoding_rule_reports_nul_bytes():
    with Workspace() as ws:
        ws.open("nul.txt", "Tekst med et NUL\u0000-tegn æøå.\n")
        p = ws.c.diagnostics(ws.uri("nul.txt"))
        enc = [d for d in p["diagnostics"] if d["code"] == "encoding"]
        check(len(enc) == 1 and enc[0]["severity"] == 1, p)
        check(enc[0]["range"]["start"] == {"line": 0, "character": 16}, enc[0]["range"])


# A line every JSON string escape touches: quotes, backslashes, æøå (sent as
# \u00e6…), an emoji (a surrogate pair), a NUL; misspellings after them on the
# same line, whose positions are only right if every byte before them is.
ESCAPED_LINE = 'Et "citat" med \\ og \\\\, æøå og 😀 samt NUL\u0000 her: sma bgrns hare.\n'


@test
def big_document_with_escapes_arrives_exactly():
    # big enough (> 16 kB) for the server's own decoding of long strings
    demo = demo_text()
    text = ESCAPED_LINE + demo * 12 + ESCAPED_LINE + demo * 12 + ESCAPED_LINE
    for caps, enc in ((UTF8, "utf-8"), ({}, "utf-16")):
        with Workspace(caps) as ws:
            msg = {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
                "textDocument": {"uri": ws.uri("big.txt"), "languageId": "plaintext",
                                 "version": 3, "text": text}}}
            body = frame(msg)  # json.dumps escapes every non-ASCII character
            check(b"\\u00e6" in body and b"\\ud83d\\ude00" in body and b"\\u0000" in body,
                  "the test sends escapes")
            check(len(body) > 16384, "a big message: %d bytes" % len(body))
            ws.c.send_raw(body)
            p = ws.c.diagnostics(ws.uri("big.txt"))
            check(p["version"] == 3, p["version"])
            check(ws.server_text("big.txt") == text, "the server holds the text sent")
            check_diagnostics_match_cli(p["diagnostics"], text, enc)
            nul = [d for d in p["diagnostics"] if d["code"] == "encoding"]
            check(len(nul) == 3, nul)
            col = ESCAPED_LINE.index("\u0000")
            want = col + (1 if enc == "utf-16" else len("æøå😀".encode()) - len("æøå😀"))
            check(nul[0]["range"]["start"] == {"line": 0, "character": want}, nul[0]["range"])


@test
def big_malformed_messages_get_parse_errors():
    with Workspace() as ws:
        text = demo_text() * 30
        for bad in ("\\q", "\\ud83d", "\x01"):
            body = json.dumps({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
                "textDocument": {"uri": ws.uri("bad.txt"), "languageId": "plaintext",
                                 "version": 1, "text": text}}})
            at = body.index("Svar:")
            body = (body[:at] + bad + body[at:]).encode()
            ws.c.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            r = ws.c.wait_response(None)
            check(r["error"]["code"] == -32700, r)
            check("parse error at line 1" in r["error"]["message"], r)
        ws.open("a.txt", "Kort tekst.\n")
        check(ws.server_text("a.txt") == "Kort tekst.\n", "still serving")
        r = ws.c.request("korrektur/debugText", {"textDocument": {"uri": ws.uri("bad.txt")}})
        check(r["error"]["code"] == -32602, "the malformed didOpen opened nothing")


@test
def pull_diagnostics_with_result_ids():
    caps = {"textDocument": {"diagnostic": {"dynamicRegistration": False}}}
    with Workspace(caps) as ws:
        check("diagnosticProvider" in ws.init["result"]["capabilities"], "pull offered")
        text = demo_text()
        ws.open("demo.txt", text)
        uri = ws.uri("demo.txt")
        r1 = ws.c.request("textDocument/diagnostic", {"textDocument": {"uri": uri}})["result"]
        check(r1["kind"] == "full" and r1["resultId"], r1)
        check_diagnostics_match_cli(r1["items"], text, "utf-16")
        r2 = ws.c.request("textDocument/diagnostic", {"textDocument": {"uri": uri},
                                                      "previousResultId": r1["resultId"]})
        check(r2["result"]["kind"] == "unchanged", r2)
        check(r2["result"]["resultId"] == r1["resultId"], r2)
        ws.c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                               "contentChanges": [{"text": text + "\u0000\n"}]})
        r3 = ws.c.request("textDocument/diagnostic", {"textDocument": {"uri": uri},
                                                      "previousResultId": r1["resultId"]})
        check(r3["result"]["kind"] == "full" and r3["result"]["resultId"] != r1["resultId"], r3)
        check(any(d["code"] == "encoding" for d in r3["result"]["items"]), "new diagnostic")
        ws.c.drain(0.3)
        check(not [n for n in ws.c.notes if n["method"] == "textDocument/publishDiagnostics"],
              "no pushes to a pull client")


# ---- code actions ----------------------------------------------------------------------------

def first_fixable(diags):
    for d in diags:
        if any(f["isPreferred"] for f in d["data"]["fixes"]):
            return d
    return None


@test
def quick_fix_applied_then_incremental_change_relints():
    text = demo_text()
    with Workspace(FULL_CAPS) as ws:
        ws.open("demo.txt", text)
        uri = ws.uri("demo.txt")
        diags = ws.c.diagnostics(uri)["diagnostics"]
        d = first_fixable(diags)
        if d is None:
            check(not any(x["data"]["fixes"] for x in diags), "no rule offers fixes yet")
            return
        r = ws.c.request("textDocument/codeAction", {
            "textDocument": {"uri": uri}, "range": d["range"],
            "context": {"diagnostics": [d]}})["result"]
        fixes = [a for a in r if a["kind"] == "quickfix" and "edit" in a]
        check(len(fixes) >= 1, r)
        pref = [a for a in fixes if a.get("isPreferred")]
        check(len(pref) == 1, "exactly one preferred quick fix: %r" % pref)
        dc = pref[0]["edit"]["documentChanges"][0]
        check(dc["textDocument"] == {"uri": uri, "version": 1}, dc)
        new = apply_edits(text, dc["edits"], "utf-16")
        check(new != text, "the fix changes the text")
        change(ws, "demo.txt", 2, dc["edits"])
        p = ws.c.diagnostics(uri, version=2)
        check(not any(x["range"] == d["range"] and x["code"] == d["code"]
                      for x in p["diagnostics"]), "the fixed diagnostic is gone")
        check(ws.server_text("demo.txt") == new, "server text equals the client's")
        check_diagnostics_match_cli(p["diagnostics"], new, "utf-16")


@test
def fix_all_equals_cli_fix_and_uses_changes_without_document_changes():
    text = demo_text()
    with Workspace() as ws:
        ws.open("demo.txt", text)
        uri = ws.uri("demo.txt")
        ws.c.diagnostics(uri)
        r = ws.c.request("textDocument/codeAction", {
            "textDocument": {"uri": uri},
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
            "context": {"diagnostics": [], "only": ["source.fixAll"]}})["result"]
        check(all(a["kind"] == "source.fixAll.korrektur" for a in r), r)
        want = cli("fix", "-", stdin=text.encode()).stdout.decode()
        if want == text:
            check(r == [], "nothing to fix, no action")
            return
        check(len(r) == 1, r)
        edits = r[0]["edit"]["changes"][uri]
        check(apply_edits(text, edits, "utf-16") == want, "fix-all gives `korrektur fix`'s text")


@test
def add_word_writes_dictionary_and_silences_word():
    with Workspace(FULL_CAPS, options={"minSeverity": "hint"}) as ws:
        text = demo_text()
        ws.open("demo.txt", text)
        uri = ws.uri("demo.txt")
        diags = ws.c.diagnostics(uri)["diagnostics"]
        words = [d for d in diags if d["code"] != "encoding" and
                 range_text(text, d["range"], "utf-16").isalpha()]
        check(words, "a word diagnostic in the demo")
        d = words[0]
        word = range_text(text, d["range"], "utf-16")
        acts = ws.c.request("textDocument/codeAction", {
            "textDocument": {"uri": uri}, "range": d["range"],
            "context": {"diagnostics": [d]}})["result"]
        add = [a for a in acts if a.get("command", {}).get("command") == "korrektur.addWord"]
        check(len(add) == 1 and add[0]["title"] == "Tilføj »%s« til ordbogen" % word, acts)
        check(any(a.get("command", {}).get("command") == "korrektur.ignoreWord" for a in acts),
              acts)
        r = ws.c.request("workspace/executeCommand", add[0]["command"])
        check("error" not in r, r)
        path = os.path.join(ws.dir, ".korrektur-ordbog.txt")
        check(open(path, encoding="utf-8").read() == word + "\n", "the dictionary file")
        p = ws.c.diagnostics(uri)
        check(not any(range_text(text, x["range"], "utf-16") == word for x in p["diagnostics"]),
              "%s is no longer flagged" % word)
        # a new server reads the dictionary on start
    with Workspace(FULL_CAPS, options={"minSeverity": "hint"},
                   files={".korrektur-ordbog.txt": word + "\n"}) as ws2:
        ws2.open("demo.txt", text)
        p = ws2.c.diagnostics(ws2.uri("demo.txt"))
        check(not any(range_text(text, x["range"], "utf-16") == word for x in p["diagnostics"]),
              "read on start")


@test
def ignore_word_is_per_document():
    with Workspace() as ws:
        text = demo_text()
        ws.open("a.txt", text)
        ws.open("b.txt", text)
        da = ws.c.diagnostics(ws.uri("a.txt"))["diagnostics"]
        ws.c.diagnostics(ws.uri("b.txt"))
        word = [range_text(text, d["range"], "utf-16") for d in da if d["code"] != "encoding"
                and range_text(text, d["range"], "utf-16").isalpha()][0]
        r = ws.c.request("workspace/executeCommand", {
            "command": "korrektur.ignoreWord", "arguments": [{"uri": ws.uri("a.txt"),
                                                              "word": word}]})
        check("error" not in r, r)
        pa = ws.c.diagnostics(ws.uri("a.txt"))
        check(not any(range_text(text, x["range"], "utf-16") == word for x in pa["diagnostics"]),
              "ignored in a")
        ws.c.drain(0.3)
        check(not os.path.exists(os.path.join(ws.dir, ".korrektur-ordbog.txt")),
              "ignoring writes nothing")
        ws.c.notify("textDocument/didChange", {"textDocument": {"uri": ws.uri("b.txt"),
                                                                "version": 2},
                                               "contentChanges": [{"text": text}]})
        pb = ws.c.diagnostics(ws.uri("b.txt"), version=2)
        check(any(range_text(text, x["range"], "utf-16") == word for x in pb["diagnostics"]),
              "still in b")


@test
def dictionary_outside_workspace_is_refused():
    outside = tempfile.mkdtemp(prefix="kr-outside-")
    try:
        target = os.path.join(outside, "victim.txt")
        with open(target, "w") as f:
            f.write("original\n")
        rel = "../" + os.path.relpath(target, os.path.dirname(tempfile.mkdtemp()))
        with Workspace(files={".korrektur.json": json.dumps({"dictionary": rel})}) as ws:
            n = ws.c.wait_note("window/showMessage", lambda p: "outside" in p["message"])
            check(n["params"]["type"] == 1, n)
            ws.open("a.txt", "Ord.\n")
            r = ws.c.request("workspace/executeCommand", {
                "command": "korrektur.addWord", "arguments": [{"uri": ws.uri("a.txt"),
                                                               "word": "ordet"}]})
            check(r.get("error", {}).get("code") == -32803, r)
        # a symlink in the workspace pointing out
        with Workspace() as ws:
            os.symlink(target, os.path.join(ws.dir, ".korrektur-ordbog.txt"))
            ws.c.notify("workspace/didChangeWatchedFiles", {"changes": [
                {"uri": ws.uri(".korrektur-ordbog.txt"), "type": 1}]})
            ws.open("a.txt", "Ord.\n")
            r = ws.c.request("workspace/executeCommand", {
                "command": "korrektur.addWord", "arguments": [{"uri": ws.uri("a.txt"),
                                                               "word": "ordet"}]})
            check("error" in r, "writing through a symlink out is refused: %r" % r)
        check(open(target).read() == "original\n", "the outside file is untouched")
    finally:
        shutil.rmtree(outside, ignore_errors=True)


@test
def bad_command_arguments_are_invalid_params():
    with Workspace() as ws:
        for args in ([], [{"uri": ws.uri("a.txt")}], [{"uri": ws.uri("a.txt"), "word": "to ord"}],
                     [{"uri": ws.uri("a.txt"), "word": "a\nb"}], "x"):
            r = ws.c.request("workspace/executeCommand", {"command": "korrektur.addWord",
                                                          "arguments": args})
            check(r.get("error", {}).get("code") == -32602, (args, r))
        r = ws.c.request("workspace/executeCommand", {"command": "rm -rf", "arguments": []})
        check(r.get("error", {}).get("code") == -32602, r)
        check(not os.path.exists(os.path.join(ws.dir, ".korrektur-ordbog.txt")), "nothing written")


# ---- hover, symbols, folding ------------------------------------------------------------------

@test
def hover_explains_the_rule():
    with Workspace(FULL_CAPS) as ws:
        text = demo_text()
        ws.open("demo.txt", text)
        uri = ws.uri("demo.txt")
        diags = ws.c.diagnostics(uri)["diagnostics"]
        check(diags, "the demo has diagnostics")
        d = first_fixable(diags) or diags[0]
        r = ws.c.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                "position": d["range"]["start"]})["result"]
        check(r["contents"]["kind"] == "markdown", r)
        v = r["contents"]["value"]
        check(d["code"] in v and d["message"] in v, v)
        expl = cli("--explain", d["code"]).stdout.decode().split("\n\n")[-1].strip()
        check(expl[:40] in v, "the rule's explanation")
        for f in d["data"]["fixes"][:3]:
            check("»%s«" % f["edits"][0]["newText"] in v, "candidate %r" % f["edits"][0]["newText"])
        check(r["range"] == d["range"], r)
        r = ws.c.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                "position": {"line": 0, "character": 0}})
        check(r["result"] is None or d["range"]["start"]["line"] == 0, r)
        r = ws.c.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                "position": {"line": 99999, "character": 5}})
        check("result" in r, "a position past the end is answered")


DOC = ("Titel på et svar\n\nSpørgsmål:\n\nHvad koster det at cykle til skole,\nog hvem "
       "betaler?\n\nSvar:\n\nDet er gratis.\n\nDer er ingen udgifter for\nforældrene.\n")


@test
def document_symbols_outline_title_question_answer():
    with Workspace(FULL_CAPS) as ws:
        ws.open("q.txt", DOC)
        r = ws.c.request("textDocument/documentSymbol",
                         {"textDocument": {"uri": ws.uri("q.txt")}})["result"]
        check(len(r) == 1 and r[0]["name"] == "Titel på et svar", r)
        kids = [k["name"] for k in r[0]["children"]]
        check(kids == ["Spørgsmål", "Svar"], kids)
        q, a = r[0]["children"]
        check(q["selectionRange"]["start"]["line"] == 2, q)
        check(q["range"]["end"]["line"] == 5 and a["range"]["end"]["line"] == 12, (q, a))
    with Workspace() as ws:  # flat SymbolInformation for older clients
        ws.open("q.txt", DOC)
        r = ws.c.request("textDocument/documentSymbol",
                         {"textDocument": {"uri": ws.uri("q.txt")}})["result"]
        check([s["name"] for s in r] == ["Titel på et svar", "Spørgsmål", "Svar"], r)
        check(all(s["location"]["uri"] == ws.uri("q.txt") for s in r), r)


@test
def folding_ranges_for_sections_and_paragraphs():
    with Workspace() as ws:
        ws.open("q.txt", DOC)
        r = ws.c.request("textDocument/foldingRange",
                         {"textDocument": {"uri": ws.uri("q.txt")}})["result"]
        spans = {(f["startLine"], f["endLine"]) for f in r}
        check((2, 5) in spans and (7, 12) in spans, "sections fold: %r" % spans)
        check((4, 5) in spans and (11, 12) in spans, "paragraphs fold: %r" % spans)


# ---- configuration ----------------------------------------------------------------------------

def codes(p):
    return {d["code"] for d in p["diagnostics"]}


@test
def config_file_reloaded_on_watched_change():
    text = demo_text()
    with Workspace() as ws:
        ws.open("demo.txt", text)
        uri = ws.uri("demo.txt")
        before = codes(ws.c.diagnostics(uri))
        check(before, "diagnostics before")
        off = sorted(before)[0]
        with open(os.path.join(ws.dir, ".korrektur.json"), "w") as f:
            json.dump({"rules": {off: False}}, f)
        ws.c.notify("workspace/didChangeWatchedFiles", {"changes": [
            {"uri": ws.uri(".korrektur.json"), "type": 1}]})
        after = codes(ws.c.diagnostics(uri))
        check(after == before - {off}, "%s switched off: %r" % (off, after))
        with open(os.path.join(ws.dir, ".korrektur.json"), "w") as f:
            json.dump({"rules": {off: {"enabled": "yes"}}}, f)
        ws.c.notify("workspace/didChangeWatchedFiles", {"changes": [
            {"uri": ws.uri(".korrektur.json"), "type": 2}]})
        n = ws.c.wait_note("window/showMessage", lambda p: "rules.%s.enabled" % off in p["message"])
        check(n["params"]["type"] == 1, "a wrong type names its key: %r" % n)


@test
def did_change_configuration_and_initialization_options():
    text = demo_text()
    with Workspace(options={"minSeverity": "error"}) as ws:
        ws.open("demo.txt", text)
        uri = ws.uri("demo.txt")
        p = ws.c.diagnostics(uri)
        check(all(d["severity"] == 1 for d in p["diagnostics"]), "minSeverity from init options")
        ws.c.notify("workspace/didChangeConfiguration",
                    {"settings": {"korrektur": {"minSeverity": "hint",
                                                "docsUrl": "https://example.org/r/{rule}"}}})
        p = ws.c.diagnostics(uri)
        check(len(p["diagnostics"]) == len(cli_diagnostics(text)) or
              len(p["diagnostics"]) >= len(cli_diagnostics(text)), "more after lowering")
        for d in p["diagnostics"]:
            check(d["codeDescription"]["href"] == "https://example.org/r/" + d["code"], d)


@test
def workspace_configuration_is_pulled():
    caps = {"workspace": {"configuration": True}}
    text = demo_text()
    with Workspace(caps) as ws:
        ws.c.settings = {"minSeverity": "error"}
        req = ws.c.wait_request("workspace/configuration")
        check(req["params"]["items"][0]["section"] == "korrektur", req)
        ws.open("demo.txt", text)
        p = ws.c.diagnostics(ws.uri("demo.txt"))
        ws.c.drain(0.3)
        check(all(d["severity"] == 1 for d in p["diagnostics"]), p)
        ws.c.settings = {"minSeverity": "hint"}
        ws.c.notify("workspace/didChangeConfiguration", {"settings": None})
        ws.c.wait_request("workspace/configuration")
        p = ws.c.diagnostics(ws.uri("demo.txt"))
        check(len(p["diagnostics"]) >= len(cli_diagnostics(text)), "settings pulled again")


def first_in_order(diags):
    return [(d.get("code", d.get("rule")), d["message"], d["range"]["start"]["line"])
            for d in diags]


@test
def max_problems_reports_the_first_diagnostics_push_and_pull():
    text = demo_text()
    everything = cli_diagnostics(text)  # the CLI prints all of them
    check(len(everything) > 8, "the demo has enough diagnostics: %d" % len(everything))
    want = first_in_order(everything)
    pull_caps = dict(UTF8, textDocument={"diagnostic": {}})
    with Workspace(options={"maxProblems": 5}) as ws:
        uri = ws.uri("demo.txt")
        ws.open("demo.txt", text)
        p = ws.c.diagnostics(uri)["diagnostics"]
        check(first_in_order(p) == want[:5], "the first five in document order: %r" % p)
        # an edit after them: still the same five, not five others
        lines = text.split("\n")
        end = {"line": len(lines) - 1, "character": 0}
        change(ws, "demo.txt", 2, [{"range": {"start": end, "end": end}, "newText": "\nsma bgrns\n"}])
        p = ws.c.diagnostics(uri, version=2)["diagnostics"]
        check(first_in_order(p) == want[:5], "after an edit at the end: %r" % p)
        # an edit before them moves them: their positions follow
        top = {"line": 0, "character": 0}
        change(ws, "demo.txt", 3, [{"range": {"start": top, "end": top}, "newText": "\n\n"}])
        p = ws.c.diagnostics(uri, version=3)["diagnostics"]
        check([l + 2 for (_, _, l) in want[:5]] == [d["range"]["start"]["line"] for d in p],
              "moved down two lines: %r" % p)
        ws.c.notify("workspace/didChangeConfiguration",
                    {"settings": {"korrektur": {"maxProblems": 0}}})
        p = ws.c.diagnostics(uri)["diagnostics"]
        check(len(p) >= len(everything),
              "0 means no limit: %d of %d" % (len(p), len(everything)))
        ws.c.notify("workspace/didChangeConfiguration",
                    {"settings": {"korrektur": {"maxProblems": "many"}}})
        n = ws.c.wait_note("window/showMessage", lambda p: "maxProblems" in p["message"])
        check(n["params"]["type"] == 1, "a wrong type names its key: %r" % n)
    with Workspace(pull_caps, options={"maxProblems": 3}) as ws:
        ws.open("demo.txt", text)
        r = ws.c.request("textDocument/diagnostic",
                         {"textDocument": {"uri": ws.uri("demo.txt")}})["result"]
        check(first_in_order(r["items"]) == want[:3], "pull: the first three: %r" % r["items"])
    # the default caps a document with thousands of findings at 1000
    with Workspace() as ws:
        ws.open("many.txt", text * 60)
        p = ws.c.diagnostics(ws.uri("many.txt"), timeout=60)["diagnostics"]
        check(len(p) == 1000, "default maxProblems is 1000: %d" % len(p))


@test
def size_cap_shows_a_message_and_skips_the_document():
    with Workspace(options={"maxFileSize": 1000}) as ws:
        ws.open("big.txt", "Ord og \u0000 flere ord.\n" * 200)
        n = ws.c.wait_note("window/showMessage", lambda p: "maxFileSize" in p["message"])
        check(n["params"]["type"] == 2, n)
        p = ws.c.diagnostics(ws.uri("big.txt"))
        check(p["diagnostics"] == [], "not linted")
        ws.c.notify("textDocument/didChange", {"textDocument": {"uri": ws.uri("big.txt"),
                                                                "version": 2},
                                               "contentChanges": [{"text": "Lille \u0000.\n"}]})
        p = ws.c.diagnostics(ws.uri("big.txt"), version=2)
        check(codes(p) == {"encoding"}, "linted again below the cap")


# ---- hostile edits, replay, bursts ---------------------------------------------------------

@test
def positions_outside_document_and_unopened_edits():
    with Workspace() as ws:
        ws.c.notify("textDocument/didChange", {"textDocument": {"uri": ws.uri("nope.txt"),
                                                                "version": 2},
                                               "contentChanges": [{"text": "x"}]})
        ws.open("a.txt", "æble\nbør\n")
        change(ws, "a.txt", 2, [{"range": {"start": {"line": 1, "character": 99},
                                           "end": {"line": 50, "character": 3}},
                                 "newText": "!"}])
        check(ws.server_text("a.txt") == "æble\nbør!", "clamped to the end")
        change(ws, "a.txt", 3, [{"range": {"start": {"line": 0, "character": 1},
                                           "end": {"line": 0, "character": 1}},
                                 "newText": "\U0001F600"}])
        check(ws.server_text("a.txt") == "æ\U0001F600ble\nbør!", "astral insert")
        # a position inside the surrogate pair rounds down to the pair's start
        change(ws, "a.txt", 4, [{"range": {"start": {"line": 0, "character": 2},
                                           "end": {"line": 0, "character": 3}},
                                 "newText": ""}])
        check(ws.server_text("a.txt") == "æble\nbør!", "the pair deleted whole")
        r = ws.c.request("korrektur/debugText", {"textDocument": {"uri": ws.uri("nope.txt")}})
        check(r["error"]["code"] == -32602, r)


def random_edit(rng, text, enc):
    alphabet = ["a", "æ", "ø", "å", "\n", "\r\n", " ", "Å", "€", "\U0001F600", "-", "ß"]
    n = len(text)
    a = rng.randint(0, n)
    b = min(n, a + rng.choice([0, 0, 1, 2, 5, 20]))
    ins = "".join(rng.choice(alphabet) for _ in range(rng.choice([0, 1, 1, 3, 8])))
    if a == b and not ins:
        ins = "x"
    # never split a CRLF pair: editors don't
    if 0 < a < n and text[a - 1] == "\r" and text[a] == "\n":
        a -= 1
    if 0 < b < n and text[b - 1] == "\r" and text[b] == "\n":
        b += 1
    b = max(a, b)
    rng_ = {"start": to_position(text, a, enc), "end": to_position(text, b, enc)}
    return {"range": rng_, "newText": ins}, text[:a] + ins + text[b:]


@test
def replay_1000_random_edits():
    for caps, enc, seed in ((UTF8, "utf-8", 1), ({}, "utf-16", 2)):
        rng = random.Random(seed)
        with Workspace(caps) as ws:
            text = "Spørgsmål:\n\nEn sætning med æøå og \U0001F600.\r\nNæste linje.\n"
            ws.open("r.txt", text)
            for v in range(2, 1002):
                e, text = random_edit(rng, text, enc)
                change(ws, "r.txt", v, [e])
                if v % 250 == 0:
                    check(ws.server_text("r.txt") == text, "%s: diverged by edit %d" % (enc, v))
            check(ws.server_text("r.txt") == text, "%s: final text differs" % enc)
            p = ws.c.diagnostics(ws.uri("r.txt"), version=1001)
            check(p["version"] == 1001, p)


@test
def burst_of_10000_changes_is_coalesced():
    with Workspace() as ws:
        ws.open("b.txt", "Start.\n")
        ws.c.diagnostics(ws.uri("b.txt"))
        chunks = []
        for v in range(2, 10002):
            body = json.dumps({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
                "textDocument": {"uri": ws.uri("b.txt"), "version": v},
                "contentChanges": [{"range": {"start": {"line": 0, "character": 0},
                                              "end": {"line": 0, "character": 0}},
                                    "text": "ø"}]}}).encode()
            chunks.append(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        t0 = time.monotonic()
        data = b"".join(chunks)
        # write from a thread so the server's replies can never block the test
        import threading
        th = threading.Thread(target=ws.c.send_raw, args=(data,))
        th.start()
        p = ws.c.diagnostics(ws.uri("b.txt"), version=10001, timeout=60)
        th.join()
        PERF["burst_10000_ms"] = (time.monotonic() - t0) * 1000
        check(p["version"] == 10001, p)
        pushes = len([n for n in ws.c.notes if n["method"] == "textDocument/publishDiagnostics"])
        PERF["burst_publishes"] = pushes
        check(pushes < 1000, "changes were coalesced (%d intermediate publishes)" % pushes)
        check(ws.server_text("b.txt") == "ø" * 10000 + "Start.\n", "all applied")
        status = open("/proc/%d/status" % ws.c.proc.pid).read()
        hwm = int([l for l in status.splitlines() if l.startswith("VmHWM")][0].split()[1])
        check(hwm < 400 * 1024, "peak memory %d kB" % hwm)


# ---- latency ---------------------------------------------------------------------------------

@test
def latency_of_change_to_publish_and_first_lint():
    text = demo_text()
    strict = os.environ.get("KORREKTUR_PERF_STRICT") == "1"
    with Workspace(UTF8) as ws:
        ws.open("warm.txt", "Varm op.\n")  # loads the lexicon
        ws.c.diagnostics(ws.uri("warm.txt"))
        ws.open("demo.txt", text)
        ws.c.diagnostics(ws.uri("demo.txt"))
        times, server = [], []
        for v in range(2, 52):
            pos = {"line": 4, "character": 3}
            ins = "x" if v % 2 == 0 else ""
            rngs = {"start": pos, "end": pos if ins else {"line": 4, "character": 4}}
            t0 = time.monotonic()
            ws.c.notify("textDocument/didChange", {
                "textDocument": {"uri": ws.uri("demo.txt"), "version": v},
                "contentChanges": [{"range": rngs, "text": ins}]})
            ws.c.diagnostics(ws.uri("demo.txt"), version=v)
            times.append((time.monotonic() - t0) * 1000)
            dbg = ws.c.request("korrektur/debugText", {"textDocument": {"uri": ws.uri("demo.txt")}})
            server.append(dbg["result"]["changeToPublishMs"])
        PERF["change_to_publish_median_ms"] = statistics.median(times)
        PERF["server_change_to_publish_median_ms"] = statistics.median(server)
        dbg = ws.c.request("korrektur/debugText", {"textDocument": {"uri": ws.uri("demo.txt")}})
        PERF["demo_engine_lint_ms"] = dbg["result"]["lintMs"]
        PERF["demo_json_ms"] = dbg["result"]["jsonMs"]
    # 1 MB of the demo's damage: only errors reported, so the client's JSON
    # parsing does not swamp what is measured (the server's times come back in
    # korrektur/debugText)
    with Workspace(UTF8, options={"minSeverity": "error"}) as ws:
        ws.open("warm.txt", "Varm op.\n")
        ws.c.diagnostics(ws.uri("warm.txt"))
        big = (text * (1024 * 1024 // len(text.encode()) + 1))
        ws.open("big.txt", big)
        ws.c.diagnostics(ws.uri("big.txt"), timeout=120)
        dbg = ws.c.request("korrektur/debugText", {"textDocument": {"uri": ws.uri("big.txt")}})
        PERF["1mb_first_change_to_publish_ms"] = dbg["result"]["changeToPublishMs"]
        PERF["1mb_first_engine_lint_ms"] = dbg["result"]["lintMs"]
        t2 = []
        for v in range(2, 5):
            pos = {"line": 4, "character": 3}
            ws.c.notify("textDocument/didChange", {
                "textDocument": {"uri": ws.uri("big.txt"), "version": v},
                "contentChanges": [{"range": {"start": pos, "end": pos}, "text": "x"}]})
            ws.c.diagnostics(ws.uri("big.txt"), version=v, timeout=60)
            dbg = ws.c.request("korrektur/debugText", {"textDocument": {"uri": ws.uri("big.txt")}})
            t2.append(dbg["result"]["changeToPublishMs"])
        PERF["1mb_change_to_publish_median_ms"] = statistics.median(t2)
    # the target is 5 ms inside the server; shared CI machines get slack
    limit = 5 if strict else 50
    check(PERF["server_change_to_publish_median_ms"] <= limit,
          "median change→publish %.1f ms" % PERF["server_change_to_publish_median_ms"])


def main():
    global BIN
    args = sys.argv[1:]
    if not args:
        print(__doc__)
        return 2
    BIN = os.path.abspath(args[0])
    only = args[2] if len(args) > 2 and args[1] == "-k" else None
    passed = failed = 0
    for t in TESTS:
        if only and only not in t.__name__:
            continue
        t0 = time.monotonic()
        try:
            t()
            passed += 1
            print("ok   %s (%.0f ms)" % (t.__name__, (time.monotonic() - t0) * 1000))
        except (AssertionError, LspError, KeyError, TypeError, IndexError, OSError) as e:
            failed += 1
            print("FAIL %s: %s" % (t.__name__, str(e)[:800]))
            if os.environ.get("VERBOSE"):
                traceback.print_exc()
        sys.stdout.flush()
    for k, v in PERF.items():
        print("perf %s = %.1f" % (k, v))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
