"""A small OpenAI-compatible HTTP server for tests: chat + embeddings on 127.0.0.1, with fault injection.

Usage::

    with FakeOpenAI() as fake:
        fake.chat_handler = lambda messages: '{"summary": "..."}'
        fake.fail_next(1, "500")
        client = OpenAI(base_url=fake.base_url, api_key="x")

`response_formats` limits the structured-output kinds it takes (others get HTTP 400).
Fault kinds: "500", "429", "timeout" (sleeps `timeout_sleep` seconds, then answers), "garbled"
(200, body not JSON), "truncated" (200, JSON cut in half), "empty" (200, empty content / no vectors),
"no_choices" (200, chat answer with an empty `choices` list).

Run by hand: ``python -m tests.fake_openai --port 8000`` prints the base URL and serves until killed.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import re
import threading
import time
from collections import deque
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, cast

import numpy as np

FAULT_KINDS = frozenset({"500", "429", "timeout", "garbled", "truncated", "empty", "no_choices"})
_WORD = re.compile(r"\w+")


def hashed_embedding(text: str, dim: int) -> np.ndarray:
    """Deterministic bag-of-words vector: texts sharing words get a positive cosine."""
    vector = np.zeros(dim, dtype=np.float32)
    for token in _WORD.findall(text.lower()):
        digest = hashlib.blake2b(token.encode("utf-8"), digest_size=8).digest()
        vector[int.from_bytes(digest, "little") % dim] += 1.0
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm > 0 else vector


class FakeOpenAI:
    """OpenAI-compatible server in a daemon thread; every knob is a plain attribute tests may set."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self.host = host
        self.port = port
        self.chat_handler: Callable[[list[dict[str, Any]]], str] = lambda messages: "ok"
        self.embedding_dim = 64
        self.timeout_sleep = 5.0
        #: Sent as `retry-after-ms` on 500/429 so client retries are quick; None leaves it out.
        self.retry_after_ms: int | None = 10
        self.api_key: str | None = None
        #: The `response_format` types the endpoint takes (None: any); another is answered HTTP 400, as a
        #: server without structured output answers.
        self.response_formats: set[str] | None = None
        self.requests: list[tuple[str, Any]] = []
        self._lock = threading.Lock()
        self._faults: deque[str] = deque()
        self._path_faults: list[list[Any]] = []  # [path_prefix, kind, remaining]
        self._stopping = threading.Event()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- life cycle ------------------------------------------------------------------------------------

    def start(self) -> FakeOpenAI:
        self._stopping.clear()
        server = _Server((self.host, self.port), _Handler)
        server.fake = self
        self._server = server
        self.port = server.server_address[1]
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="fake-openai", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> FakeOpenAI:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}/v1"

    # -- test controls ---------------------------------------------------------------------------------

    def fail_next(self, n: int, kind: str) -> None:
        """The next n requests (any endpoint) fail with `kind`."""
        _check_kind(kind)
        with self._lock:
            self._faults.extend([kind] * n)

    def fail_path(self, path_prefix: str, kind: str, n: int) -> None:
        """The next n requests whose path starts with `path_prefix` (e.g. "/v1/embeddings") fail."""
        _check_kind(kind)
        with self._lock:
            self._path_faults.append([path_prefix, kind, n])

    def reset(self) -> None:
        """Forget recorded requests and pending faults; handlers and settings stay."""
        with self._lock:
            self.requests.clear()
            self._faults.clear()
            self._path_faults.clear()

    def request_paths(self) -> list[str]:
        with self._lock:
            return [path for path, _ in self.requests]

    # -- used by the handler ---------------------------------------------------------------------------

    def _record_and_pick_fault(self, path: str, body: Any) -> str | None:
        with self._lock:
            self.requests.append((path, body))
            for entry in self._path_faults:
                if path.startswith(entry[0]) and entry[2] > 0:
                    entry[2] -= 1
                    return entry[1]
            return self._faults.popleft() if self._faults else None


def _check_kind(kind: str) -> None:
    if kind not in FAULT_KINDS:
        raise ValueError(f"unknown fault kind {kind!r}; expected one of {sorted(FAULT_KINDS)}")


def _chat_answer(model: str, content: str | None, no_choices: bool = False) -> dict[str, Any]:
    choices = [] if no_choices else [
        {"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}
    ]
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": choices,
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


def _b64(vector: np.ndarray) -> str:
    """The `encoding_format="base64"` form the openai client asks for by default."""
    return base64.b64encode(vector.astype("<f4").tobytes()).decode("ascii")


def _embedding_answer(fake: FakeOpenAI, body: dict[str, Any], empty: bool) -> dict[str, Any]:
    raw = body.get("input", [])
    texts = [raw] if isinstance(raw, str) else [str(item) for item in raw]
    as_base64 = body.get("encoding_format") == "base64"
    data = []
    for index, text in enumerate([] if empty else texts):
        vector = hashed_embedding(text, fake.embedding_dim)
        encoded: Any = _b64(vector) if as_base64 else vector.tolist()
        data.append({"object": "embedding", "index": index, "embedding": encoded})
    tokens = sum(len(_WORD.findall(t)) for t in texts)
    return {
        "object": "list",
        "data": data,
        "model": body.get("model", "fake-embedding"),
        "usage": {"prompt_tokens": tokens, "total_tokens": tokens},
    }


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    fake: FakeOpenAI


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: tests read `FakeOpenAI.requests` instead."""

    def do_GET(self) -> None:
        if not self._authorised():
            return
        if self.path.rstrip("/") == "/v1/models":
            self._send_json(200, {"object": "list", "data": [{"id": "fake", "object": "model"}]})
        else:
            self._send_error(404, f"no route {self.path}")

    @property
    def fake(self) -> FakeOpenAI:
        return cast(_Server, self.server).fake

    def do_POST(self) -> None:
        if self.fake._stopping.is_set():  # stopped: a kept-alive connection is dropped, like a dead server's
            self.close_connection = True
            return
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw) if raw else {}
        except json.JSONDecodeError:
            body = None
        path = self.path.split("?", 1)[0]
        fault = self.fake._record_and_pick_fault(path, body)
        if not self._authorised():
            return
        if not isinstance(body, dict):
            self._send_error(400, "request body must be a JSON object")
            return
        if fault in ("500", "429"):
            self._send_error(int(fault), "injected failure", retry=True)
            return
        if fault == "timeout" and self.fake._stopping.wait(self.fake.timeout_sleep):
            return
        kind = (body.get("response_format") or {}).get("type")
        if kind and self.fake.response_formats is not None and kind not in self.fake.response_formats:
            self._send_error(400, f"response_format type {kind!r} is not supported")
            return
        self._answer(path, body, fault)

    def _authorised(self) -> bool:
        key = self.fake.api_key
        if key is None or self.headers.get("Authorization") == f"Bearer {key}":
            return True
        self._send_error(401, "Incorrect API key provided", "invalid_api_key")
        return False

    def _answer(self, path: str, body: dict[str, Any], fault: str | None) -> None:
        if path.startswith("/v1/chat/completions"):
            content = "" if fault == "empty" else self._chat_content(body)
            if content is None:
                return
            model = body.get("model", "fake-chat")
            payload = _chat_answer(model, content, no_choices=fault == "no_choices")
        elif path.startswith("/v1/embeddings"):
            payload = _embedding_answer(self.fake, body, empty=fault in ("empty", "no_choices"))
        else:
            self._send_error(404, f"no route {path}")
            return
        if fault == "garbled":
            self._send_bytes(200, b"<html>502 Bad Gateway: upstream said hello</html>")
        elif fault == "truncated":
            text = json.dumps(payload).encode()
            self._send_bytes(200, text[: len(text) // 2])
        else:
            self._send_json(200, payload)

    def _chat_content(self, body: dict[str, Any]) -> str | None:
        try:
            return str(self.fake.chat_handler(list(body.get("messages") or [])))
        except Exception as exc:  # a broken test handler becomes a visible 500
            self._send_error(500, f"chat_handler raised {type(exc).__name__}: {exc}")
            return None

    def _send_error(self, status: int, message: str, code: str | None = None, *, retry: bool = False) -> None:
        payload = {"error": {"message": message, "type": "fake_error", "param": None, "code": code}}
        headers = {}
        if retry and self.fake.retry_after_ms is not None:
            headers["retry-after-ms"] = str(self.fake.retry_after_ms)
        self._send_json(status, payload, headers)

    def _send_json(self, status: int, payload: Any, headers: dict[str, str] | None = None) -> None:
        self._send_bytes(status, json.dumps(payload).encode(), headers)

    def _send_bytes(self, status: int, data: bytes, headers: dict[str, str] | None = None) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (e.g. its timeout fired first)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Serve a fake OpenAI-compatible API until killed.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args(argv)
    fake = FakeOpenAI(args.host, args.port).start()
    print(fake.base_url, flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        fake.stop()


if __name__ == "__main__":
    main()
