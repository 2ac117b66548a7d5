"""lsp_client.py — a small scripted LSP client for the integration tests: starts
`korrektur lsp` as a child process, frames JSON-RPC over its pipes, and waits
(with timeouts) for responses and notifications. Standard library only."""
import json
import os
import select
import subprocess
import time

# Every wait is stretched by this factor: `make leakcheck` runs the server under
# valgrind, which starts and answers some 30 times slower.
TIMEOUT_SCALE = float(os.environ.get("KORREKTUR_TIMEOUT_SCALE", "1"))


class LspError(Exception):
    pass


class Client:
    def __init__(self, binary, cwd=None, env=None, args=("lsp", "--stdio")):
        self.proc = subprocess.Popen(
            [binary, *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, cwd=cwd, env=env, bufsize=0)
        self.buf = bytearray()
        self.need = None  # body length once a header was read
        self.next_id = 0
        self.notes = []      # notifications not yet consumed
        self.responses = {}  # id -> message
        self.requests = []   # requests from the server
        self.auto_answer = True
        self.stamp = False          # messages carry "_received" (perf_counter) when set
        self.decode_seconds = 0.0   # time spent decoding them, when stamped
        self.sent_at = None         # perf_counter when the last message began to be written
        self.encode_seconds = 0.0   # time spent encoding messages, when stamped

    # ---- sending --------------------------------------------------------------
    def send_raw(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, msg):
        t = time.perf_counter()
        body = json.dumps(msg, ensure_ascii=False).encode("utf-8")
        data = b"Content-Length: %d\r\n\r\n" % len(body) + body
        # the benchmark's clock starts when the message leaves; encoding it is
        # this client's work, timed apart (encode_seconds), as decoding is
        self.sent_at = time.perf_counter()
        if self.stamp:
            self.encode_seconds += self.sent_at - t
        self.send_raw(data)

    def notify(self, method, params=None):
        msg = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            msg["params"] = params
        self.send(msg)

    def request_async(self, method, params=None):
        self.next_id += 1
        msg = {"jsonrpc": "2.0", "id": self.next_id, "method": method}
        if params is not None:
            msg["params"] = params
        self.send(msg)
        return self.next_id

    def request(self, method, params=None, timeout=10):
        rid = self.request_async(method, params)
        return self.wait_response(rid, timeout)

    # ---- receiving ----------------------------------------------------------------
    def _read_message(self, timeout):
        deadline = time.monotonic() + timeout
        while True:
            if self.need is None:
                head_end = self.buf.find(b"\r\n\r\n")
                if head_end >= 0:
                    headers = bytes(self.buf[:head_end]).decode("ascii").split("\r\n")
                    length = None
                    for h in headers:
                        k, _, v = h.partition(":")
                        if k.strip().lower() == "content-length":
                            length = int(v.strip())
                    if length is None:
                        raise LspError("no Content-Length in %r" % headers)
                    del self.buf[:head_end + 4]
                    self.need = length
            if self.need is not None and len(self.buf) >= self.need:
                body = bytes(self.buf[:self.need])
                del self.buf[:self.need]
                self.need = None
                if not self.stamp:
                    return json.loads(body.decode("utf-8"))
                # the benchmark's clock stops when the message has arrived; decoding
                # it is this client's work, timed apart (decode_seconds)
                received = time.perf_counter()
                msg = json.loads(body.decode("utf-8"))
                self.decode_seconds += time.perf_counter() - received
                msg["_received"] = received
                return msg
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            r, _, _ = select.select([self.proc.stdout], [], [], left)
            if not r:
                return None
            chunk = os.read(self.proc.stdout.fileno(), 1 << 20)
            if not chunk:
                raise LspError("the server closed its output")
            self.buf += chunk

    def _pump(self, timeout):
        msg = self._read_message(timeout)
        if msg is None:
            return False
        if "method" in msg and "id" in msg:
            self.requests.append(msg)
            if self.auto_answer:
                self._answer(msg)
        elif "method" in msg:
            self.notes.append(msg)
        else:
            self.responses[msg.get("id")] = msg
        return True

    def _answer(self, msg):
        result = None
        if msg["method"] == "workspace/configuration":
            result = [getattr(self, "settings", None) for _ in msg["params"]["items"]]
        self.send({"jsonrpc": "2.0", "id": msg["id"], "result": result})

    def wait_response(self, rid, timeout=10):
        deadline = time.monotonic() + timeout * TIMEOUT_SCALE
        while rid not in self.responses:
            left = deadline - time.monotonic()
            if left <= 0 or not self._pump(left):
                raise LspError("no response to request %r" % rid)
        return self.responses.pop(rid)

    def wait_note(self, method, pred=lambda p: True, timeout=10):
        deadline = time.monotonic() + timeout * TIMEOUT_SCALE
        while True:
            for i, n in enumerate(self.notes):
                if n["method"] == method and pred(n.get("params")):
                    return self.notes.pop(i)
            left = deadline - time.monotonic()
            if left <= 0 or not self._pump(left):
                raise LspError("no %s notification" % method)

    def wait_request(self, method, timeout=10):
        deadline = time.monotonic() + timeout * TIMEOUT_SCALE
        while True:
            for i, r in enumerate(self.requests):
                if r["method"] == method:
                    return self.requests.pop(i)
            left = deadline - time.monotonic()
            if left <= 0 or not self._pump(left):
                raise LspError("no %s request from the server" % method)

    def drain(self, quiet=0.2):
        while self._pump(quiet):
            pass

    def diagnostics(self, uri, version=None, timeout=10):
        def match(p):
            return p["uri"] == uri and (version is None or p.get("version") == version)
        return self.wait_note("textDocument/publishDiagnostics", match, timeout)["params"]

    # ---- lifecycle --------------------------------------------------------------------
    def initialize(self, capabilities=None, root=None, options=None):
        params = {"processId": os.getpid(), "capabilities": capabilities or {}}
        if root:
            uri = "file://" + root
            params["rootUri"] = uri
            params["workspaceFolders"] = [{"uri": uri, "name": "ws"}]
        if options is not None:
            params["initializationOptions"] = options
        res = self.request("initialize", params)
        self.notify("initialized", {})
        return res

    def shutdown_exit(self, timeout=10):
        res = self.request("shutdown")
        self.notify("exit")
        return res, self.wait_exit(timeout)

    def wait_exit(self, timeout=10):
        try:
            return self.proc.wait(timeout * TIMEOUT_SCALE)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            return None

    def close(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        for f in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            try:
                f.close()
            except OSError:
                pass
