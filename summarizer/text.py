"""Input normalisation: bytes or files in, clean article text out, or a one-line InputError."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from summarizer.errors import InputError

MAX_BYTES = 20 * 1024 * 1024
_HTML = re.compile(r"^\s*(<!doctype html|<html|<\?xml)|<(body|article|p|div)[\s>]", re.IGNORECASE)


def read_source(path: str) -> str:
    """Read an article from a file path, or from stdin when ``path`` is ``-``."""
    name = "standard input" if path == "-" else path
    if path == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
    else:
        file = Path(path)
        if not file.exists():
            raise InputError(f"{name}: no such file")
        if file.is_dir():
            raise InputError(f"{name}: is a directory, not an article file (use 'summarizer batch' for folders)")
        data = file.read_bytes()[: MAX_BYTES + 1]
    return decode(data, name)


def decode(data: bytes, name: str = "input") -> str:
    """UTF-8 text from bytes; binary or mis-encoded input is refused, not guessed at."""
    if len(data) > MAX_BYTES:
        raise InputError(f"{name}: larger than {MAX_BYTES // 2**20} MiB; split it first")
    if b"\x00" in data:
        raise InputError(f"{name}: contains NUL bytes; this looks like a binary file, not an article")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not valid UTF-8 (byte {exc.start}); re-encode the file as UTF-8") from None
    return clean(text, name)


def looks_like_html(text: str) -> bool:
    return bool(_HTML.search(text[:4096]))


_ENGLISH = frozenset(
    "the of and to in a is that for on was with as by at said from it he has have are".split()  # noqa: SIM905
)


def looks_english(text: str) -> bool:
    """Common English function words make up a fair share of any English prose (about a third)."""
    words = re.findall(r"[a-z]+", text[:20_000].lower())
    return len(words) < 40 or sum(w in _ENGLISH for w in words) / len(words) >= 0.08


def clean(text: str, name: str = "input") -> str:
    """Article text from plain text or an HTML page; empty input is an error."""
    if "\x00" in text:
        raise InputError(f"{name}: contains NUL characters; this looks like binary data, not an article")
    if looks_like_html(text):
        text = html_to_text(text, name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(f"{name}: is empty; give an article with some text")
    return text


def html_to_text(html: str, name: str = "input") -> str:
    """The main article text of an HTML page, without navigation and boilerplate."""
    import trafilatura  # imported lazily: it is slow to import and most input is plain text

    extracted = trafilatura.extract(html, include_comments=False, include_tables=False, favor_recall=True)
    if not extracted or not extracted.strip():
        raise InputError(f"{name}: HTML page with no article text found")
    return str(extracted)
