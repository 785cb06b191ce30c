"""PDF: the text layer through pdfplumber (running headers and page numbers dropped, the two-column
header block of official documents read column by column), OCR when there is no usable layer."""

from __future__ import annotations

import re
import threading
import types
import zlib
from collections import Counter
from dataclasses import replace

from .. import settings
from ..records import OcrPage
from .errors import ReadError
from .text import nfc, plausibility

_PAGE_NUMBER = re.compile(r"^\s*(?:Trang|trang|Page)?\s*[-–]?\s*\d{1,4}\s*[-–]?\s*(?:/\s*\d{1,4})?\s*$")


class _Budget(threading.local):
    left: int | None = None  # bytes the PDF being read may still inflate to (None: not reading one)


_BUDGET = _Budget()


def _spend(n: int) -> None:
    if _BUDGET.left is not None:
        _BUDGET.left -= n
        if _BUDGET.left < 0:
            raise ReadError(settings.over("VNCITE_MAX_INFLATED_BYTES", settings.MAX_INFLATED - _BUDGET.left, settings.MAX_INFLATED,
                                          "bytes the PDF's compressed streams inflate to"))


class _BoundedInflater:
    """``zlib.decompressobj`` that counts what it gives against the budget (pdfminer's repair of a corrupted stream)."""

    def __init__(self, *args: object) -> None:
        self._d = zlib.decompressobj(*args)  # type: ignore[arg-type]

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        out = self._d.decompress(data, max_length)
        _spend(len(out))
        return out

    def __getattr__(self, name: str) -> object:
        return getattr(self._d, name)


def _bounded_decompress(data: bytes, *args: object) -> bytes:
    """``zlib.decompress`` in pieces, each counted: a FlateDecode bomb (1 MB that inflates to gigabytes) stops at the
    budget instead of taking the process's memory."""
    d = zlib.decompressobj()
    out = [d.decompress(data, 1 << 20)]
    _spend(len(out[0]))
    while d.unconsumed_tail:
        out.append(d.decompress(d.unconsumed_tail, 1 << 20))
        _spend(len(out[-1]))
    rest = d.flush()
    _spend(len(rest))
    if not d.eof:
        raise zlib.error("incomplete or truncated stream")
    return b"".join(out) + rest


#: what pdfminer sees as ``zlib``: the module, with decompression counted against ``settings.MAX_INFLATED``
_ZLIB = types.SimpleNamespace(**{k: getattr(zlib, k) for k in dir(zlib) if not k.startswith("__")})
_ZLIB.decompress = _bounded_decompress
_ZLIB.decompressobj = _BoundedInflater


def read_pdf(data: bytes) -> tuple[str, bool, list[OcrPage] | None]:
    """Text of a PDF: its text layer (pdfplumber), or OCR when it has none or only garbage. Its compressed streams
    inflate within ``settings.MAX_INFLATED`` bytes in all (``VNCITE_MAX_INFLATED_BYTES``)."""
    import io
    import logging

    import pdfminer.pdftypes
    import pdfplumber

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    pdfminer.pdftypes.zlib = _ZLIB  # type: ignore[attr-defined]
    _BUDGET.left = settings.MAX_INFLATED
    try:
        return _read_pdf(data, io, pdfplumber)
    finally:
        _BUDGET.left = None


def _read_pdf(data: bytes, io: types.ModuleType, pdfplumber: types.ModuleType) -> tuple[str, bool, list[OcrPage] | None]:
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > settings.MAX_PAGES:
                raise ReadError(settings.over(settings.MAX_PAGES_VARIABLE, len(pdf.pages), settings.MAX_PAGES, "pages"))
            pages = []
            chars = 0
            for i, page in enumerate(pdf.pages):
                pages.append(_pdf_page_text(page, first=i == 0))
                page.close()  # drop the page's parsed objects: memory stays flat over a long PDF
                chars += len(pages[-1])
                if chars > settings.MAX_CHARS:
                    raise ReadError(settings.over("VNCITE_MAX_CHARS", chars, settings.MAX_CHARS, "characters of the text layer"))
    except ReadError:
        raise
    except Exception as exc:  # pdfminer raises many types for damaged/encrypted files
        inner = next((e for e in (exc.__cause__, exc.__context__, *exc.args) if isinstance(e, ReadError)), None)
        if inner is not None:  # a limit of ours, wrapped by pdfplumber
            raise ReadError(str(inner)) from None
        name = type(exc).__name__
        chain = " ".join(type(e).__name__ + " " + str(e) for e in (exc, exc.__cause__, exc.__context__, *exc.args) if e is not None)
        if "Password" in chain or "Encrypt" in chain or "encrypt" in chain.lower():
            raise ReadError("encrypted PDF: cannot read without its password") from None
        reason = str(exc).splitlines()[0] if str(exc) else name
        raise ReadError(f"unreadable PDF: {name}: {reason}"[:300]) from None
    if not pages:
        raise ReadError("PDF has no pages")
    # pages end mid-paragraph as often as not: one line break, and normalisation decides on joining
    layer = nfc("\n".join(_drop_running_lines(pages)))
    chars_per_page = len(layer.strip()) / len(pages)
    if chars_per_page >= 80 and plausibility(layer) >= 0.12:
        return layer, False, None
    from .ocr import OcrUnavailable, ocr_pages, pdf_pages_as_images

    try:
        result = ocr_pages(pdf_pages_as_images(data))
    except OcrUnavailable as exc:
        raise ReadError(f"PDF has no usable text layer and {exc}") from None
    except Exception as exc:
        raise ReadError(f"OCR of the PDF failed: {type(exc).__name__}: {exc}".splitlines()[0][:300]) from None
    text = nfc("\n".join(_drop_running_lines([p.text for p in result])))
    if not text.strip():
        raise ReadError("PDF has no text layer and OCR found no text")
    return text, True, [replace(p, text="") for p in result]  # the text is the record's


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


