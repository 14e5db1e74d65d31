"""Input normalisation: bytes or files in, clean article text out, or a one-line InputError.

``read_source``/``decode`` turn bytes into text; ``clean`` (called once, by the pipeline) turns an
HTML page into its article text, so every caller gets the same text and the same provenance note.
"""

from __future__ import annotations

import codecs
import re
import stat
import sys
from html.parser import HTMLParser
from pathlib import Path

from summarizer.errors import InputError

MAX_BYTES = 20 * 1024 * 1024
# A page is recognised by its structure at the start (doctype, <html>, <head>, <body>, an XML
# declaration, after any comments), or a fragment that starts with an element and ends with a
# closing tag; never by a tag that prose mentions ("the <p> tag").
_PAGE = re.compile(r"\A\s*(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<\?xml|<(?:html|head|body)[\s>])", re.I | re.S)
_FRAGMENT = re.compile(r"\A\s*<[a-z][a-z0-9]*(?:\s[^<>]*)?>.*</[a-z][a-z0-9]*>\s*\Z", re.I | re.S)
_BOMS = [(codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32")]  # UTF-32 LE starts like UTF-16 LE
_BOMS += [(codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]


def read_source(path: str) -> str:
    """Read an article from a file path, or from stdin when ``path`` is ``-``."""
    name = "standard input" if path == "-" else path
    if path == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
    else:
        file = Path(path)
        check_regular(file, name)
        with file.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    return decode(data, name)


def check_regular(file: Path, name: str) -> None:
    """Refuse what is not a regular file (a folder, a FIFO, a device) before anything opens it."""
    try:
        mode = file.stat().st_mode
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot be read ({exc.strerror}); check the path and its permissions") from None
    if stat.S_ISDIR(mode):
        raise InputError(f"{name}: is a directory, not an article file (use 'summarizer batch' for folders)")
    if not stat.S_ISREG(mode):
        kind = "a FIFO (named pipe)" if stat.S_ISFIFO(mode) else "a device or socket"
        raise InputError(f"{name}: is {kind}, not a regular file; save the article to a file, or pipe it to '-'")


def decode(data: bytes, name: str = "input") -> str:
    """Text from UTF-8 bytes (or UTF-16/32 with a byte-order mark); binary input is refused, not guessed at."""
    if len(data) > MAX_BYTES:
        raise InputError(f"{name}: larger than {MAX_BYTES // 2**20} MiB; split it first")
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), None)
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            raise InputError(f"{name}: not valid {encoding.upper()}; re-encode the file as UTF-8") from None
        return _not_empty(text.lstrip("\ufeff"), name)
    if b"\x00" in data:
        raise InputError(f"{name}: contains NUL bytes; this looks like a binary file, not an article")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not valid UTF-8 (byte {exc.start}); re-encode the file as UTF-8") from None
    return _not_empty(text, name)


def _not_empty(text: str, name: str) -> str:
    if "\x00" in text:
        raise InputError(f"{name}: contains NUL characters; this looks like binary data, not an article")
    if not text.strip():
        raise InputError(f"{name}: is empty; give an article with some text")
    return text


def looks_like_html(text: str) -> bool:
    """True for an HTML page or fragment; prose that mentions a tag is not HTML."""
    return bool(_PAGE.match(text) or _FRAGMENT.match(text))


_ENGLISH = frozenset(
    "the of and to in a is that for on was with as by at said from it he has have are".split()  # noqa: SIM905
)


def looks_english(text: str) -> bool:
    """Common English function words make up a fair share of any English prose (about a third)."""
    words = re.findall(r"[a-z]+", text[:20_000].lower())
    return len(words) < 40 or sum(w in _ENGLISH for w in words) / len(words) >= 0.08


def clean(text: str, name: str = "input") -> str:
    """Article text from plain text or an HTML page; empty input is an error."""
    _not_empty(text, name)
    if looks_like_html(text):
        text = html_to_text(text, name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _not_empty(text, name)


def html_to_text(html: str, name: str = "input") -> str:
    """The main article text of an HTML page, without navigation and boilerplate."""
    import trafilatura  # imported lazily: it is slow to import and most input is plain text

    extracted = trafilatura.extract(html, include_comments=False, include_tables=False, favor_recall=True)
    if not extracted or not extracted.strip():
        extracted = _all_text(html)  # e.g. nesting deeper than libxml2's limit, where trafilatura sees nothing
    if not extracted.strip():
        raise InputError(f"{name}: HTML page with no article text found")
    return str(extracted)


class _TextOnly(HTMLParser):
    """Every text node outside script/style, a line per block. Python's tokenizer keeps no tree, so
    any nesting depth works; it is the fallback when trafilatura (lxml) finds nothing."""

    SKIP = frozenset({"script", "style", "noscript", "template", "head"})
    BLOCKS = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "article", "section", "tr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.skipping += tag in self.SKIP
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        self.skipping = max(0, self.skipping - (tag in self.SKIP))

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def _all_text(html: str) -> str:
    parser = _TextOnly()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)
