"""Stage 1: read a file into Unicode text.

Plain text in UTF-8 (with or without BOM), UTF-16, Windows-1258 (decomposed tone marks),
and the legacy TCVN3 (ABC) and VNI font encodings; HTML pages reduced to their main
text; PDF text layers. Anything unreadable raises ``ReadError`` with a one-line reason.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import cache
from pathlib import Path

from .models import Source
from .tables import load


class ReadError(Exception):
    """A document that cannot be read; the message is a one-line reason."""


MAX_BYTES = 50 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".text", ".md", ".csv", ".tsv", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
PDF_SUFFIXES = {".pdf"}


def doc_id_of(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def read_path(path: str | Path) -> Source:
    """Read one file. Raises ``ReadError`` (never anything else) when it cannot."""
    p = Path(path)
    try:
        if not p.exists():
            raise ReadError(f"no such file: {p}")
        if p.is_dir():
            raise ReadError(f"is a directory: {p}")
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise ReadError(f"file too large ({size} bytes > {MAX_BYTES})")
        data = p.read_bytes()
    except ReadError:
        raise
    except OSError as exc:
        raise ReadError(f"cannot open file: {exc.strerror or exc}") from None
    return read_bytes(data, str(path), suffix=p.suffix.lower())


def read_bytes(data: bytes, path: str = "<bytes>", suffix: str = "") -> Source:
    doc_id = doc_id_of(data)
    if not data.strip():
        raise ReadError("empty file")
    if data.startswith(b"%PDF") or suffix in PDF_SUFFIXES:
        if not data.startswith(b"%PDF"):
            raise ReadError("not a PDF file (no %PDF header) although named .pdf")
        text = _read_pdf(data)
        return Source(path, doc_id, text, "pdf", "application/pdf")
    sniff = data[:4]
    if sniff.startswith(b"PK\x03\x04"):
        raise ReadError("unsupported file type: ZIP container (DOCX/ODT/XLSX are not read yet)")
    if _looks_binary(data):
        raise ReadError("unsupported file type: binary data, not text")
    text, encoding = decode_text(data)
    if suffix in HTML_SUFFIXES or _looks_html(text):
        return Source(path, doc_id, html_to_text(text), encoding, "text/html")
    return Source(path, doc_id, text, encoding)


# --- encodings ---------------------------------------------------------------------

_COMMON_RE = None


def _plausibility(text: str) -> float:
    """Share of words that are common Vietnamese syllables: high for a correct decoding."""
    global _COMMON_RE
    if _COMMON_RE is None:
        words = load("lexicon")["common_syllables"]
        _COMMON_RE = {unicodedata.normalize("NFC", w).casefold() for w in words}
    sample = unicodedata.normalize("NFC", text[:20000]).casefold().split()
    if not sample:
        return 0.0
    hits = sum(1 for w in sample if w.strip(".,;:()\"'“”") in _COMMON_RE)
    return hits / len(sample)


@cache
def _tcvn3_table() -> dict[int, str]:
    return {ord(k): v for k, v in load("encodings")["tcvn3"].items()}


@cache
def _vni_regex() -> tuple[re.Pattern[str], dict[str, str]]:
    table = load("encodings")["vni"]
    keys = sorted(table, key=len, reverse=True)
    return re.compile("|".join(re.escape(k) for k in keys)), table


def tcvn3_to_unicode(text: str) -> str:
    return text.translate(_tcvn3_table())


def vni_to_unicode(text: str) -> str:
    rx, table = _vni_regex()
    return rx.sub(lambda m: table[m.group(0)], text)


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode bytes to NFC text; returns (text, encoding name)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _nfc(data[3:].decode("utf-8", errors="replace")), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _nfc(data.decode("utf-16", errors="replace")), "utf-16"
    if _looks_utf16(data):
        enc = "utf-16-le" if data[1:2] == b"\x00" else "utf-16-be"
        return _nfc(data.decode(enc, errors="replace")), enc
    candidates: list[tuple[str, str]] = []
    try:
        utf8 = data.decode("utf-8")
        candidates.append((utf8, "utf-8"))
    except UnicodeDecodeError:
        utf8 = None
        candidates.append((data.decode("cp1258", errors="replace"), "cp1258"))
    base = utf8 if utf8 is not None else data.decode("latin-1")
    if utf8 is None or re.search(r"[\u00a1-\u00fe]", utf8[:20000]):
        candidates.append((tcvn3_to_unicode(base), "tcvn3"))
        vni_base = utf8 if utf8 is not None else data.decode("cp1252", errors="replace")
        candidates.append((vni_to_unicode(vni_base), "vni"))
    best_text, best_enc = candidates[0]
    best_score = _plausibility(best_text)
    for text, enc in candidates[1:]:
        score = _plausibility(text)
        if score > best_score + 0.05:
            best_text, best_enc, best_score = text, enc, score
    return _nfc(best_text), best_enc


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _looks_utf16(data: bytes) -> bool:
    head = data[:4000]
    if len(head) < 4:
        return False
    even = head[0::2].count(0)
    odd = head[1::2].count(0)
    half = len(head) / 2
    return max(even, odd) > 0.3 * half and min(even, odd) < 0.05 * half


def _looks_binary(data: bytes) -> bool:
    head = data[:8000]
    if _looks_utf16(head):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > 0.02 * len(head)


def _looks_html(text: str) -> bool:
    head = text[:2000].lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) and "<html" in text[:5000].lower()


# --- HTML --------------------------------------------------------------------------


def html_to_text(html: str) -> str:
    """Main text of a web page: trafilatura's main-content extraction (it drops navigation,
    login boxes, counters, scripts and footers); BeautifulSoup's text as a fallback."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=True, favor_recall=True)
    if not text or not text.strip():
        from bs4 import BeautifulSoup

        soup = BeautifulSoup(html, "lxml")
        for tag in soup(["script", "style", "nav", "header", "footer", "form", "noscript"]):
            tag.decompose()
        text = soup.get_text("\n")
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    if not text:
        raise ReadError("HTML page has no main text")
    return _nfc(text)


# --- PDF ---------------------------------------------------------------------------


def _read_pdf(data: bytes) -> str:
    import io
    import logging

    import pdfplumber

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [page.extract_text() or "" for page in pdf.pages]
    except Exception as exc:  # pdfminer raises many types for damaged/encrypted files
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ReadError(f"unreadable PDF: {type(exc).__name__}: {reason}"[:300]) from None
    text = "\n\n".join(pages)
    if not text.strip():
        raise ReadError("PDF has no text layer (scanned?): OCR is not enabled for this run")
    return _nfc(text)
