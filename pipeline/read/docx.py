"""DOCX through python-docx: paragraphs, then table rows as "cell | cell"."""

from __future__ import annotations

from .errors import ReadError
from .text import nfc


def read_docx(data: bytes) -> str:
    import io
    import zipfile

    from .. import settings

    try:
        inflated = sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(data)).infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ReadError(f"unreadable DOCX: {exc}".splitlines()[0][:300]) from None
    if inflated > settings.MAX_INFLATED:  # checked before anything is unpacked
        raise ReadError(settings.over("VNCITE_MAX_INFLATED_BYTES", inflated, settings.MAX_INFLATED, "bytes the DOCX inflates to"))
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
    return nfc(text)
