"""Stage 1: read a file into Unicode text.

Plain text in UTF-8 (with or without BOM), UTF-16, Windows-1258 (decomposed tone marks),
and the legacy TCVN3 (ABC) and VNI font encodings; HTML pages reduced to their main
text; PDF text layers. Anything unreadable raises ``ReadError`` with a one-line reason.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
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
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".gif", ".webp"}
DOCX_SUFFIXES = {".docx"}


def iter_paths(paths: Iterable[str | Path]) -> Iterator[str]:
    """Files as given; folders walked recursively in sorted order (hidden entries skipped)."""
    for p in map(str, paths):
        if os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                yield from (os.path.join(root, f) for f in sorted(files) if not f.startswith("."))
        else:
            yield p


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
        text, ocr, pages = _read_pdf(data)
        return Source(path, doc_id, text, "pdf", "application/pdf", ocr=ocr, pages=pages)
    kind = _image_kind(data)
    if kind or suffix in IMAGE_SUFFIXES:
        if not kind:
            raise ReadError(f"not an image although named {suffix}")
        text, pages = _read_image(data)
        return Source(path, doc_id, text, "ocr", f"image/{kind}", ocr=True, pages=pages)
    if data.startswith(b"PK\x03\x04"):
        if suffix in DOCX_SUFFIXES or b"word/document.xml" in data[:200000]:
            return Source(path, doc_id, _read_docx(data), "docx",
                          "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        raise ReadError("unsupported file type: ZIP container that is not a DOCX (ODT, XLSX, archives are not read)")
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


_PAGE_NUMBER = re.compile(r"^\s*(?:Trang|trang|Page)?\s*[-–]?\s*\d{1,4}\s*[-–]?\s*(?:/\s*\d{1,4})?\s*$")


def _read_pdf(data: bytes) -> tuple[str, bool, list[dict] | None]:
    """Text of a PDF: its text layer (pdfplumber), or OCR when it has none or only garbage."""
    import io
    import logging

    import pdfplumber

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [_pdf_page_text(page, first=i == 0) for i, page in enumerate(pdf.pages)]
    except Exception as exc:  # pdfminer raises many types for damaged/encrypted files
        name = type(exc).__name__
        chain = " ".join(type(e).__name__ + " " + str(e) for e in (exc, exc.__cause__, exc.__context__, *exc.args) if e is not None)
        if "Password" in chain or "Encrypt" in chain or "encrypt" in chain.lower():
            raise ReadError("encrypted PDF: cannot read without its password") from None
        reason = str(exc).splitlines()[0] if str(exc) else name
        raise ReadError(f"unreadable PDF: {name}: {reason}"[:300]) from None
    if not pages:
        raise ReadError("PDF has no pages")
    # pages end mid-paragraph as often as not: one line break, and normalisation decides on joining
    layer = _nfc("\n".join(_drop_running_lines(pages)))
    chars_per_page = len(layer.strip()) / len(pages)
    if chars_per_page >= 80 and _plausibility(layer) >= 0.12:
        return layer, False, None
    from .ocr import OcrUnavailable, ocr_pages, pdf_pages_as_images

    try:
        result = ocr_pages(pdf_pages_as_images(data))
    except OcrUnavailable as exc:
        raise ReadError(f"PDF has no usable text layer and {exc}") from None
    except Exception as exc:
        raise ReadError(f"OCR of the PDF failed: {type(exc).__name__}: {exc}".splitlines()[0][:300]) from None
    text = _nfc("\n".join(_drop_running_lines([p.text for p in result])))
    if not text.strip():
        raise ReadError("PDF has no text layer and OCR found no text")
    return text, True, [{"page": i + 1, "confidence": p.confidence, "skew": p.skew} for i, p in enumerate(result)]


def _pdf_page_text(page, first: bool) -> str:  # noqa: ANN001
    """One page's text. On the first page, the two-column header of official documents (issuer and
    number on the left, national motto and place-date on the right) is read column by column."""
    text = page.extract_text() or ""
    if not first:
        return text
    words = page.extract_words(keep_blank_chars=False, use_text_flow=False)
    if not words:
        return text
    mid = page.width / 2
    lines: dict[int, list] = {}
    for w in words:
        lines.setdefault(round(w["top"] / 3), []).append(w)
    band: list[float] = []  # top and bottom of the lines split into two columns
    for key in sorted(lines):
        ws = sorted(lines[key], key=lambda w: w["x0"])
        if ws[0]["top"] > page.height * 0.35:
            break
        left = [w for w in ws if w["x1"] <= mid + 5]
        right = [w for w in ws if w["x0"] >= mid - 5]
        if left and right and len(left) + len(right) == len(ws) and right[0]["x0"] - left[-1]["x1"] > page.width * 0.04:
            band = [min(band[0], ws[0]["top"]) if band else ws[0]["top"], max(w["bottom"] for w in ws)]
        elif band and len(left) != len(ws) and len(right) != len(ws):
            break  # a line across the middle ends the header block
    if not band:
        return text
    y0, y1 = max(0.0, band[0] - 1), min(page.height, band[1] + 1)
    above = page.crop((0, 0, page.width, y0)).extract_text() if y0 > 1 else ""
    left_text = page.crop((0, y0, mid, y1)).extract_text() or ""
    right_text = page.crop((mid, y0, page.width, y1)).extract_text() or ""
    rest = page.crop((0, y1, page.width, page.height)).extract_text() or ""
    return "\n".join(t for t in (above or "", left_text, right_text, rest) if t.strip())


def _drop_running_lines(pages: list[str]) -> list[str]:
    """Remove page numbers and headers/footers repeated on most pages."""
    split = [p.split("\n") for p in pages]
    if len(pages) >= 3:
        edge = Counter()
        for lines in split:
            for ln in set(lines[:2] + lines[-2:]):
                key = re.sub(r"\d+", "#", ln.strip())
                if key:
                    edge[key] += 1
        running = {k for k, n in edge.items() if n >= max(3, len(pages) // 2)}
    else:
        running = set()
    out = []
    for lines in split:
        kept = [ln for i, ln in enumerate(lines)
                if not ((i < 2 or i >= len(lines) - 2) and (_PAGE_NUMBER.match(ln) or re.sub(r"\d+", "#", ln.strip()) in running))]
        out.append("\n".join(kept))
    return out


def _image_kind(data: bytes) -> str | None:
    if data.startswith(b"\x89PNG"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    if data.startswith(b"BM"):
        return "bmp"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return None


def _read_image(data: bytes) -> tuple[str, list[dict]]:
    import io

    from PIL import Image, ImageSequence, UnidentifiedImageError

    from .ocr import OcrUnavailable, ocr_pages

    try:
        img = Image.open(io.BytesIO(data))
        frames = [f.copy() for f in ImageSequence.Iterator(img)]
    except (UnidentifiedImageError, OSError) as exc:
        raise ReadError(f"unreadable image: {exc}".splitlines()[0][:300]) from None
    try:
        result = ocr_pages(frames)
    except OcrUnavailable as exc:
        raise ReadError(str(exc)) from None
    text = _nfc("\n\n".join(p.text for p in result))
    if not text.strip():
        raise ReadError("OCR found no text in the image")
    return text, [{"page": i + 1, "confidence": p.confidence, "skew": p.skew} for i, p in enumerate(result)]


def _read_docx(data: bytes) -> str:
    import io

    try:
        import docx

        d = docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise ReadError(f"unreadable DOCX: {type(exc).__name__}: {exc}".splitlines()[0][:300]) from None
    parts = [p.text for p in d.paragraphs]
    for table in d.tables:
        for row in table.rows:
            cells = []
            for c in row.cells:
                t = c.text.strip()
                if t and (not cells or cells[-1] != t):
                    cells.append(t)
            parts.append(" | ".join(cells))
    text = "\n".join(parts).strip()
    if not text:
        raise ReadError("DOCX has no text")
    return _nfc(text)
