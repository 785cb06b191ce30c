"""Stage 1: read a file into Unicode text.

One module per format (``text``, ``html``, ``pdf``, ``image`` with ``ocr``, ``docx``), chosen by
the file's content first and its name second (``read_bytes``). Anything unreadable raises
``ReadError`` with a one-line reason. To add a format: a module with a ``read_*`` function and a
branch in ``read_bytes``.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .. import settings
from ..records import Source
from .errors import ReadError
from .text import decode_text, looks_binary, looks_html

__all__ = ["Entry", "ReadError", "decode_text", "doc_id_of", "error_id", "iter_entries", "iter_paths", "path_text", "read_bytes",
           "read_path"]

MAX_BYTES = settings.MAX_BYTES
TEXT_SUFFIXES = {".txt", ".text", ".md", ".csv", ".tsv", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
PDF_SUFFIXES = {".pdf"}
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".gif", ".webp"}
DOCX_SUFFIXES = {".docx"}
DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def iter_paths(paths: Iterable[str | Path]) -> Iterator[str]:
    """Files as given; folders walked recursively in sorted order (hidden entries skipped)."""
    for e in iter_entries(paths, follow_links=True):
        yield e.raw


@dataclass(frozen=True)
class Entry:
    """One entry met walking an inbox: ``raw`` opens it; ``path`` names it in records and messages
    (any file name, as text: bytes that are not UTF-8 written as ``\\xNN``); ``problem``: why it cannot
    be read, decided without opening it (not a regular file, a broken link, a link leaving the inbox);
    ``name``: how the store names it, free of the machine's folders (see ``stored_name``)."""

    raw: str
    path: str
    problem: str | None = None
    name: str = ""


def path_text(raw: str) -> str:
    """A file name as storable text: unchanged when it is valid Unicode, else its undecodable bytes
    written as ``\\xNN`` (one name, one text: a rerun finds the same row)."""
    try:
        raw.encode("utf-8")
        return raw
    except UnicodeEncodeError:
        return os.fsencode(raw).decode("utf-8", errors="backslashreplace")


def _problem(raw: str, root: str | None, follow_links: bool) -> str | None:
    try:
        st = os.stat(raw)  # follows links
    except FileNotFoundError:
        return "broken link: its target does not exist" if os.path.islink(raw) else "no such file"
    except OSError as exc:
        return f"cannot open file: {exc.strerror or exc}" if exc.errno != 40 else "link loop: the link points back to itself"
    if os.path.islink(raw) and root is not None and not follow_links:
        target = os.path.realpath(raw)
        if os.path.commonpath([target, root]) != root:
            return "link points outside the inbox (not followed; --follow-links reads it)"
    if stat.S_ISDIR(st.st_mode):
        return "link to a folder (not followed)"
    if not stat.S_ISREG(st.st_mode):
        kind = "fifo" if stat.S_ISFIFO(st.st_mode) else "socket" if stat.S_ISSOCK(st.st_mode) else "device" \
            if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode) else "special file"
        return f"not a regular file ({kind}): not read"
    return None


def iter_entries(paths: Iterable[str | Path], follow_links: bool = False) -> Iterator[Entry]:
    """Every entry under ``paths`` (files as given; folders walked recursively, sorted, hidden entries
    skipped), each exactly once, with the reason it cannot be read if one shows without opening it."""
    for p in map(os.fspath, paths):
        if os.path.isdir(p) and not (os.path.islink(p) and not follow_links):
            root = os.path.realpath(p)
            seen_dirs = {root}
            for base, dirs, files in os.walk(p, followlinks=follow_links):
                if follow_links:  # a folder reached twice through links (a loop) is walked once
                    keep = []
                    # real folders before links to them: a file is named by its own path when it has one
                    for d in sorted((x for x in dirs if not x.startswith(".")), key=lambda x: (os.path.islink(os.path.join(base, x)), x)):
                        real = os.path.realpath(os.path.join(base, d))
                        if real not in seen_dirs:
                            seen_dirs.add(real)
                            keep.append(d)
                    dirs[:] = sorted(keep)
                else:
                    links = [d for d in dirs if os.path.islink(os.path.join(base, d)) and not d.startswith(".")]
                    dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in links)
                    files = files + links
                for f in sorted(x for x in files if not x.startswith(".")):
                    raw = os.path.join(base, f)
                    yield Entry(raw, path_text(raw), _problem(raw, root, follow_links), stored_name(raw, p))
        else:
            yield Entry(p, path_text(p), _problem(p, None, True), stored_name(p))


def stored_name(raw: str, root: str | None = None) -> str:
    """A file's name in the store, which travels with the database: under a folder given to ingest, the
    folder's own name and the path inside it (``inbox/2024/a.pdf``); a file given by itself, its path from
    the working folder when it lies under it, else its folder's name and its own (``scans/a.pdf``). The
    machine's absolute folders never enter the store (``--full-paths`` keeps them)."""
    if root is not None:
        top = os.path.basename(os.path.normpath(os.path.abspath(root)))
        return path_text(os.path.join(top, os.path.relpath(raw, root)))
    full, here = os.path.abspath(raw), os.getcwd()
    if os.path.commonpath([full, here]) == here:
        return path_text(os.path.relpath(full, here))
    return path_text(os.path.join(os.path.basename(os.path.dirname(full)), os.path.basename(full)))


def error_id(path: str) -> str:
    """The row id of a file that could not be read: one per path (two empty files are two rows)."""
    return "error:" + hashlib.sha256(path.encode("utf-8")).hexdigest()


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
            raise ReadError(settings.over("VNCITE_MAX_BYTES", size, MAX_BYTES, "file size in bytes"))
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
    if kind or (suffix in IMAGE_SUFFIXES and looks_binary(data)):
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

        _check_chars(len(text), "web page (characters)")
        return Source(path, doc_id, html_to_text(text), encoding, "text/html")
    _check_chars(len(text), "text (characters)")
    return Source(path, doc_id, text, encoding)


def _check_chars(n: int, what: str) -> None:
    if n > settings.MAX_CHARS:
        raise ReadError(settings.over("VNCITE_MAX_CHARS", n, settings.MAX_CHARS, what))
