"""Stage 1: read a file into Unicode text.

One module per format (``text``, ``html``, ``pdf``, ``image`` with ``ocr``, ``docx``), chosen by
the file's content first and its name second (``read_bytes``). Anything unreadable raises
``ReadError`` with a one-line reason. To add a format: a module with a ``read_*`` function and a
branch in ``read_bytes``.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..records import Source
from .errors import ReadError
from .text import decode_text, looks_binary, looks_html

__all__ = ["ReadError", "decode_text", "doc_id_of", "iter_paths", "read_bytes", "read_path"]

MAX_BYTES = 50 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".text", ".md", ".csv", ".tsv", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
PDF_SUFFIXES = {".pdf"}
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".gif", ".webp"}
DOCX_SUFFIXES = {".docx"}
DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


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
    """Read a file's bytes: the content decides the format, the name (``suffix``) only confirms it."""
    from .image import image_kind

    doc_id = doc_id_of(data)
    if not data.strip():
        raise ReadError("empty file")
    if data.startswith(b"%PDF") or suffix in PDF_SUFFIXES:
        if not data.startswith(b"%PDF"):
            raise ReadError("not a PDF file (no %PDF header) although named .pdf")
        from .pdf import read_pdf

        text, ocr, pages = read_pdf(data)
        return Source(path, doc_id, text, "pdf", "application/pdf", ocr=ocr, pages=pages)
    kind = image_kind(data)
    if kind or suffix in IMAGE_SUFFIXES:
        if not kind:
            raise ReadError(f"not an image although named {suffix}")
        from .image import read_image

        text, pages = read_image(data)
        return Source(path, doc_id, text, "ocr", f"image/{kind}", ocr=True, pages=pages)
    if data.startswith(b"PK\x03\x04"):
        if suffix in DOCX_SUFFIXES or b"word/document.xml" in data[:200000]:
            from .docx import read_docx

            return Source(path, doc_id, read_docx(data), "docx", DOCX_MEDIA_TYPE)
        raise ReadError("unsupported file type: ZIP container that is not a DOCX (ODT, XLSX, archives are not read)")
    if looks_binary(data):
        raise ReadError("unsupported file type: binary data, not text")
    text, encoding = decode_text(data)
    if suffix in HTML_SUFFIXES or looks_html(text):
        from .html import html_to_text

        return Source(path, doc_id, html_to_text(text), encoding, "text/html")
    return Source(path, doc_id, text, encoding)
