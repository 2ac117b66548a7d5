#!/usr/bin/env python3
"""bench.py — `make bench`: korrektur's speed and memory beside its peers, measured in
one run on one machine, reported as ratios (the machines are shared and noisy, so
absolute numbers are for information only).

  1. CLI throughput of `korrektur check --format json` on ~10 MB of OCR text and of
     clean (PDF-extracted) text, one thread and -j all cores, against
     `hunspell -d da_DK -l` on the same text (and cspell when ../shared/eval/setup.sh
     installed it; on a slice, it needs ~1 GB per MB). Each of korrektur's and
     hunspell's figures is the median of three runs (one with --quick).
  2. Editor latency: a scripted LSP client opens a 1 MB document and sends 200
     single-character edits at random places: didChange → publishDiagnostics, and
     the pull-diagnostics reply; plus the first full lint of the document (the median
     of five sessions, after the machine settled from the peers' runs). Each time
     runs from the message's sending (its first byte written) to the reply's arrival
     (fully read); the test client's own JSON encoding and decoding (Python, several
     times slower than an editor's) are printed apart.
  3. Cold start: initialize → first diagnostics of a small document.
  4. Peak RSS of the server after the edits.
  5. Instruction counts (callgrind) of `check` on a 1 MB slice and of one LSP edit of
     the 1 MB document, against the committed baseline (tests/bench/baseline.txt:
     check, then edit); a rise of more than 10 % is flagged.

The text is generated deterministically from the project's own fixtures
(tests/fixtures/demo.*.txt), with words drawn from Debian's da_DK word list so the
vocabulary is as varied as a real archive's. No downloads.
usage: bench.py KORREKTUR_BINARY [--quick] [--update-baseline]
"""
import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tests", "lsp"))
from lsp_client import Client  # noqa: E402

DIC = "/usr/share/hunspell/da_DK.dic"
BASELINE = os.path.join(HERE, "baseline.txt")
MB = 1 << 20

# English-model OCR has no æøå: these are the readings it gives them instead.
OCR_READINGS = {"æ": ["ae", "ee", "e", "a"], "ø": ["g", "o", "e", "@", "0"], "å": ["a"],
                "Æ": ["AE", "E"], "Ø": ["O", "G"], "Å": ["A"]}


def danish_words(rng, n=20000):
    """Plain lowercase Danish stems from the dictionary, in a fixed order."""
    words = []
    with open(DIC, encoding="utf-8") as f:
        next(f)
        for line in f:
            w = line.split("/")[0].strip()
            if re.fullmatch(r"[a-zæøå]{4,14}", w):
                words.append(w)
    rng.shuffle(words)
    return words[:n]


def zipf_pick(rng, words):
    # rank ~ 1/x: a few words very often, most rarely — as in real text
    return words[min(len(words) - 1, int(len(words) ** rng.random()) - 1)]


def make_text(kind, size, seed=7):
    """~size bytes of documents in the fixtures' shape: truth sentences with some
    words swapped for dictionary words, then typeset (clean) or OCR-garbled (ocr)."""
    rng = random.Random(seed)
    vocab = danish_words(rng)
    src = open(os.path.join(ROOT, "tests", "fixtures", "demo.truth.txt"), encoding="utf-8").read()
    paras = [p for p in src.split("\n\n") if p.strip()]
    out, total, page = [], 0, 1
    while total < size:
        doc = []
        for p in paras:
            words = p.split(" ")
            for i, w in enumerate(words):
                if re.fullmatch(r"[a-zæøå]{4,}", w) and rng.random() < 0.35:
                    words[i] = zipf_pick(rng, vocab)
            doc.append(" ".join(words))
        text = "\n\n".join(doc) + "\n"
        # both are typeset pages: the OCR'd text keeps the typesetter's line-end
        # hyphens as a PDF extraction does (real OCR text has one in most
        # paragraphs, and an editor's lint must weigh them all)
        text = wrap(text, rng.randint(66, 82), hyphenate=True, rng=rng)
        if kind == "ocr":
            text = garble(text, rng)
        page += 1
        out.append(text)
        total += len(text.encode())
    # at most `size` bytes, cut at a line end: 10 MB is also korrektur's default
    # maxFileSize, which the text must not exceed
    data = "\n".join(out).encode()[:size]
    return data[:data.rfind(b"\n") + 1].decode()


def wrap(text, width, hyphenate, rng):
    lines = []
    for para in text.split("\n"):
        cur = ""
        for w in para.split(" "):
            if len(cur) + 1 + len(w) <= width or not cur:
                cur = (cur + " " + w) if cur else w
                continue
            if hyphenate and len(w) > 7 and w.isalpha() and rng.random() < 0.5:
                k = rng.randint(3, len(w) - 3)
                lines.append(cur + " " + w[:k] + "-")
                cur = w[k:]
            else:
                lines.append(cur)
                cur = w
        lines.append(cur)
    return "\n".join(lines)


def garble(text, rng):
    out = []
    for ch in text:
        r = OCR_READINGS.get(ch)
        out.append(rng.choice(r) if r else ch)
    return "".join(out)


def timed(cmd, stdin=None):
    """(wall seconds, user+sys seconds of the child, exit code)"""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    r = subprocess.run(cmd, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, r.returncode


def median_timed(cmd, runs):
    """timed() `runs` times, alternating with nothing else: the run of median
    wall time (one run on a shared machine says little; the peers get the same)"""
    results = sorted((timed(cmd) for _ in range(runs)), key=lambda r: r[0])
    return results[len(results) // 2]


def throughput(binary, files, tmp, quick):
    rows = []
    cores = os.cpu_count() or 1
    runs = 1 if quick else 3
    for kind, path in files.items():
        size = os.path.getsize(path) / MB
        wall, cpu, rc = median_timed([binary, "check", "--format", "json", path], runs)
        if rc not in (0, 1):
            raise SystemExit(f"korrektur check failed on {path} (exit {rc})")
        # -j: the same text as one file per core
        parts = split(path, cores, tmp)
        pwall, _, _ = median_timed([binary, "check", "--format", "json", "-j", str(cores), *parts],
                                   runs)
        # hunspell is ~100x slower: time it on a slice and report its rate
        hs = slice_file(path, 0.5 if quick else 2.0, tmp, "hun")
        hwall, _, _ = median_timed(["hunspell", "-d", "da_DK", "-l", hs], runs)
        hrate = os.path.getsize(hs) / MB / hwall
        row = dict(kind=kind, mb=size, k_wall=wall, k_cpu=cpu, k_rate=size / wall,
                   k_rate_j=size / pwall, hun_rate=hrate)
        cs = cspell_rate(path, tmp)
        if cs:
            row["cspell_rate"] = cs
        rows.append(row)
    return rows


def split(path, n, tmp):
    data = open(path, "rb").read()
    step = len(data) // n + 1
    parts = []
    for i in range(n):
        chunk = data[i * step:(i + 1) * step]
        # cut at a line end so no character is split
        p = os.path.join(tmp, f"part{i}.txt")
        open(p, "wb").write(chunk)
        parts.append(p)
    return parts


def slice_file(path, mb, tmp, tag):
    data = open(path, "rb").read()[:int(mb * MB)]
    data = data[:data.rfind(b"\n") + 1]
    p = os.path.join(tmp, f"{tag}-{os.path.basename(path)}")
    open(p, "wb").write(data)
    return p


def cspell_rate(path, tmp):
    peers = os.environ.get("CSPELL_DIR", os.path.expanduser("~/.cache/korrektur-peers"))
    if not os.path.exists(os.path.join(peers, "node_modules", ".bin", "cspell")):
        return None
    doc = os.path.join(peers, "doc.txt")
    data = open(path, "rb").read()[:100 * 1024]
    open(doc, "wb").write(data[:data.rfind(b"\n") + 1])
    wall, _, _ = timed(["npx", "cspell", "lint", "--no-progress", "--no-summary", "-c",
                        os.path.join(peers, "cspell.json"), doc])
    return os.path.getsize(doc) / MB / wall


def lsp_session(binary, text, edits, pull_mode, seed=11):
    """One server: cold start, first lint of `text`, then `edits` one-character
    edits. A client that offers pull diagnostics gets no pushes, so push and pull
    latencies come from two sessions with the same edits."""
    rng = random.Random(seed)
    caps = {"general": {"positionEncodings": ["utf-8", "utf-16"]}}
    if pull_mode:
        caps["textDocument"] = {"diagnostic": {}}
    c = Client(binary)

    c.stamp = True

    def lint_done(uri, version):
        """Waits for the lint of `version`; returns when its message arrived."""
        if pull_mode:
            msg = c.request("textDocument/diagnostic", {"textDocument": {"uri": uri}},
                            timeout=120)
        else:
            msg = c.wait_note("textDocument/publishDiagnostics",
                              lambda p: p["uri"] == uri and p.get("version") == version,
                              timeout=120)
        return msg["_received"]

    try:
        t0 = time.perf_counter()
        c.initialize(caps)
        small = "Spørgsmål:\nEr der sma bgrns cykelstier?\n"
        c.notify("textDocument/didOpen", {"textDocument": {
            "uri": "file:///bench/small.txt", "languageId": "plaintext", "version": 1,
            "text": small}})
        cold = lint_done("file:///bench/small.txt", 1) - t0

        uri = "file:///bench/big.txt"
        e0 = c.encode_seconds
        c.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "plaintext", "version": 1, "text": text}})
        t, encode = c.sent_at, c.encode_seconds - e0
        first = lint_done(uri, 1) - t

        lines = text.split("\n")
        times, decode = [], []
        for v in range(2, edits + 2):
            line = rng.randrange(len(lines))
            col = rng.randint(0, len(lines[line].encode()))  # utf-8 positions were offered
            ch = rng.choice("abcdeæø ")
            c.notify("textDocument/didChange", {
                "textDocument": {"uri": uri, "version": v},
                "contentChanges": [{"range": {"start": {"line": line, "character": col},
                                              "end": {"line": line, "character": col}},
                                    "text": ch}]})
            t = c.sent_at
            decoded = c.decode_seconds
            times.append(lint_done(uri, v) - t)
            decode.append(c.decode_seconds - decoded)
            if ch != " ":
                lines[line] = (lines[line].encode()[:col] + ch.encode() +
                               lines[line].encode()[col:]).decode("utf-8", "replace")
        rss = peak_rss(c.proc.pid)
        c.shutdown_exit()
        return dict(cold=cold, first=first, encode=encode, times=times, decode=decode, rss=rss)
    finally:
        c.close()


def settle(timeout=3.0):
    """Waits (at most `timeout` s) until no other task is runnable: the peers'
    runs just before (npx, node) may still be winding down, and the server's
    first lint decides from that instant whether a second thread may help."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        with open("/proc/loadavg") as f:
            running = int(f.read().split()[3].split("/")[0])
        if running <= 1:
            return
        time.sleep(0.05)


def lsp_latency(binary, text, edits, firsts=5):
    """Edit latencies from one push and one pull session; the first lint, one
    sample per session, as the median of `firsts` sessions (those two and more
    that only open the document): a single sample on a shared machine says
    little."""
    settle()
    push = lsp_session(binary, text, edits, pull_mode=False)
    pull = lsp_session(binary, text, edits, pull_mode=True)
    first = [push["first"], pull["first"]]
    for _ in range(firsts - 2):
        settle()
        first.append(lsp_session(binary, text, 0, pull_mode=False)["first"])
    return dict(cold=push["cold"], first=statistics.median(first), first_range=(min(first), max(first)),
                encode=push["encode"], push=push["times"], pull=pull["times"],
                decode=push["decode"], rss=max(push["rss"], pull["rss"]))


def peak_rss(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def callgrind(binary, path, tmp):
    out = os.path.join(tmp, "cg.out")
    r = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
                        binary, "check", "--format", "json", path],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    m = re.search(r"Collected : (\d+)", r.stderr)
    return int(m.group(1)) if m else None


def edit_callgrind(binary, text, tmp, edits=10):
    """Instructions per LSP edit: callgrind counts what the server does for didChange
    and the lint that follows (kr_lsp_idle), in a session of open + `edits` edits and
    in one of open alone; the difference over `edits` is the edit's own cost. The
    server runs with one thread (`lsp -j 1`): a first lint's second thread starts only
    when a core is free, and the main thread's count depends on whether it did."""
    def session(n):
        out = os.path.join(tmp, f"cg-edit-{n}.out")
        wrapper = os.path.join(tmp, "cg-edit.sh")
        with open(wrapper, "w") as f:
            f.write("#!/bin/sh\nexec valgrind --tool=callgrind --collect-atstart=no "
                    "--toggle-collect=lsp_did_change --toggle-collect=kr_lsp_idle "
                    f"--callgrind-out-file={out} {binary} \"$@\" -j 1 2>/dev/null\n")
        os.chmod(wrapper, 0o755)
        c = Client(wrapper)
        try:
            c.initialize({"general": {"positionEncodings": ["utf-8", "utf-16"]}})
            uri = "file:///bench/edit.txt"
            c.notify("textDocument/didOpen", {"textDocument": {
                "uri": uri, "languageId": "plaintext", "version": 1, "text": text}})
            c.diagnostics(uri, 1, timeout=600)
            rng, lines = random.Random(5), text.split("\n")
            for v in range(2, n + 2):
                line = rng.randrange(len(lines))
                col = rng.randint(0, len(lines[line].encode()))
                c.notify("textDocument/didChange", {
                    "textDocument": {"uri": uri, "version": v},
                    "contentChanges": [{"range": {"start": {"line": line, "character": col},
                                                  "end": {"line": line, "character": col}},
                                        "text": "e"}]})
                c.diagnostics(uri, v, timeout=600)
                lines[line] = (lines[line].encode()[:col] + b"e" +
                               lines[line].encode()[col:]).decode("utf-8", "replace")
            c.shutdown_exit(timeout=600)
        finally:
            c.close()
        with open(out) as f:
            m = re.search(r"^summary: (\d+)", f.read(), re.M)
        return int(m.group(1)) if m else None

    a, b = session(0), session(edits)
    return (b - a) // edits if a is not None and b is not None else None


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def main():
    args = sys.argv[1:]
    if not args:
        raise SystemExit(__doc__)
    binary = os.path.abspath(args[0])
    quick = "--quick" in args
    size = (2 if quick else 10) * MB
    with tempfile.TemporaryDirectory() as tmp:
        files = {}
        for kind in ("ocr", "clean"):
            p = os.path.join(tmp, f"{kind}.txt")
            open(p, "w", encoding="utf-8").write(make_text(kind, size))
            files[kind] = p
        print(f"korrektur bench — {time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores, "
              f"{size // MB} MB per text", flush=True)
        rows = throughput(binary, files, tmp, quick)
        mb1 = slice_file(files["ocr"], 1.0, tmp, "1mb")
        text1 = open(mb1, encoding="utf-8").read()
        lat = lsp_latency(binary, text1, 50 if quick else 200)
        ir = callgrind(binary, slice_file(files["ocr"], 0.25 if quick else 1.0, tmp, "cg"), tmp)
        edit_ir = edit_callgrind(binary, text1, tmp) if ir else None

    print("\n1. CLI throughput (check --format json" +
          (")" if quick else "; each the median of 3 runs)"))
    print(f"{'text':6} {'korrektur 1 thread':>19} {'-j ' + str(os.cpu_count()):>9} "
          f"{'hunspell -l':>12} {'ratio':>8} {'cspell':>9}   target")
    ok = True
    for r in rows:
        ratio = r["k_rate"] / r["hun_rate"]
        cs = f"{r['cspell_rate']:.3f}" if "cspell_rate" in r else "—"
        tgt = r["kind"] != "ocr" or (r["k_rate"] >= 10 and ratio >= 100)
        ok &= tgt
        print(f"{r['kind']:6} {r['k_rate']:14.2f} MB/s {r['k_rate_j']:6.2f} MB/s "
              f"{r['hun_rate']:7.3f} MB/s {ratio:7.0f}x {cs:>9}   "
              f"{'>= 10 MB/s, >= 100x hunspell' if r['kind'] == 'ocr' else ''} "
              f"{'' if r['kind'] != 'ocr' else ('ok' if tgt else 'MISSED')}")
    med, p99 = statistics.median(lat["push"]) * 1e3, pct(lat["push"], 99) * 1e3
    pmed, pp99 = statistics.median(lat["pull"]) * 1e3, pct(lat["pull"], 99) * 1e3
    checks = [
        ("2. didChange → publishDiagnostics, median", med, 5, "ms"),
        ("   didChange → publishDiagnostics, p99", p99, 20, "ms"),
        ("   pull diagnostics reply, median", pmed, 5, "ms"),
        ("   pull diagnostics reply, p99", pp99, 20, "ms"),
        ("   first full lint of 1 MB, median of 5", lat["first"] * 1e3, 100, "ms"),
        ("3. cold start → first diagnostics", lat["cold"] * 1e3, 150, "ms"),
        ("4. peak RSS of the server (1 MB open, after edits)", lat["rss"], 60, "MB"),
    ]
    print()
    for name, v, target, unit in checks:
        good = v <= target
        ok &= good
        print(f"{name:52} {v:9.1f} {unit}   target <= {target} {unit}  {'ok' if good else 'MISSED'}")
    print("   (cspell for comparison: ~680 MB on 0.5 MB of text)")
    print(f"   (first lints from {lat['first_range'][0] * 1e3:.1f} to "
          f"{lat['first_range'][1] * 1e3:.1f} ms)")
    print(f"   (times run from the request's sending to the reply's arrival; this Python "
          f"client spent {lat['encode'] * 1e3:.1f} ms encoding the 1 MB didOpen before it, and "
          f"spends a median {statistics.median(lat['decode']) * 1e3:.1f} ms decoding a "
          f"publishDiagnostics after)")
    print(f"\n5. instructions (callgrind, check on a {'0.25' if quick else '1'} MB slice): {ir:,}"
          if ir else "\n5. instructions: valgrind not available")
    if edit_ir:
        print(f"   instructions per LSP edit (1 MB OCR document, one character): {edit_ir:,}")
    if ir and not quick:
        if "--update-baseline" in args or not os.path.exists(BASELINE):
            open(BASELINE, "w").write(f"{ir} {edit_ir or 0}\n")
            print(f"   baseline written to {os.path.relpath(BASELINE, ROOT)}")
        else:
            fields = [int(x) for x in open(BASELINE).read().split()]
            for name, now, base in (("check", ir, fields[0]),
                                    ("edit", edit_ir, fields[1] if len(fields) > 1 else 0)):
                if not now or not base:
                    continue
                change = (now - base) / base
                flag = "REGRESSION (> 10 %)" if change > 0.10 else "ok"
                print(f"   {name} baseline {base:,}: {change:+.1%}  {flag}")
    print("\nall targets met" if ok else "\nsome targets missed")


if __name__ == "__main__":
    main()
