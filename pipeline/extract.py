"""The whole pipeline for one text or file: read -> normalise + segment (a ``Document``) -> the
finders of ``pipeline.find.FINDERS`` in their declared order -> one ``Extraction``.

The relation model is a plug (``relation_model``: the shipped one by default, None for the rules
alone, or a ``RelationModel``).
"""

from __future__ import annotations

import os
from pathlib import Path

from .find import run
from .find.classify import SHIPPED, RelationModel
from .read import ReadError, doc_id_of, error_id, path_text, read_bytes, read_path
from .records import Extraction, Findings, Source
from .text import Document, make_document

__all__ = ["SHIPPED", "extract", "extract_bytes", "extract_document", "extract_path", "extract_source"]


def extract(text: str, source: str = "<text>", doc_id: str | None = None, ocr: bool = False,
            relation_model: RelationModel | str | None = SHIPPED) -> Extraction:
    """Extract references, named documents, task lists and relations from ``text``.

    >>> ex = extract("Thực hiện Kết luận số 120-KL/TW ngày 07/01/2016 của Bộ Chính trị.")
    >>> ex.references[0].key
    '120-KL/TW'

    ``ocr``: the text came from OCR; normalisation drops OCR debris and symbol codes Tesseract
    damaged are repaired against the code tables.
    """
    doc = make_document(text, ocr=ocr)
    return extract_document(doc, source, doc_id or doc_id_of(text.encode("utf-8")), relation_model)


def extract_document(doc: Document, path: str, doc_id: str, relation_model: RelationModel | str | None = SHIPPED,
                     source: Source | None = None) -> Extraction:
    """The finders on one ``Document``, assembled into a record; ``source``: how the text was read
    (its encoding and OCR facts go into the record)."""
    found = run(doc, Findings(doc_id=doc_id, relation_model=relation_model))
    return Extraction(
        path=path,
        doc_id=doc_id,
        kind="directive" if found.document is not None else "report",
        document=found.document,
        references=found.mentions,
        named=found.named,
        task_lists=found.task_lists,
        assignments=found.assignments,
        relations=found.relations,
        effects=found.effects,
        text=doc.text,
        encoding=source.encoding if source is not None else None,
        ocr=source.ocr if source is not None else False,
        ocr_pages=source.pages if source is not None else None,
        doc=doc,
    )


def extract_source(src: Source, relation_model: RelationModel | str | None = SHIPPED, name: str | None = None) -> Extraction:
    """Extract a text as read from a file; ``name``: how the record names it (default: its path)."""
    return extract_document(make_document(src.text, ocr=src.ocr), src.path if name is None else name, src.doc_id, relation_model, src)


def extract_path(path: str | Path, relation_model: RelationModel | str | None = SHIPPED, name: str | None = None) -> Extraction:
    """Read and extract one file; an unreadable file gives a record with status 'error' (never an
    exception). ``name``: how the record names the file (default: the path as text)."""
    name = name if name is not None else path_text(os.fspath(path))
    try:
        src = read_path(path)
    except ReadError as exc:
        return Extraction(path=name, doc_id=error_id(name), status="error", error=str(exc)[:300])
    except Exception as exc:  # a reader's bug must not stop a batch: report it on this record
        return Extraction(path=name, doc_id=error_id(name), status="error", error=f"unreadable: {type(exc).__name__}: {exc}"[:300])
    return _extract_source(src, name, relation_model)


def extract_bytes(data: bytes, name: str, relation_model: RelationModel | str | None = SHIPPED) -> Extraction:
    """Read and extract a file's bytes (a worker without the file system); never raises."""
    try:
        src = read_bytes(data, name, suffix=Path(name).suffix.lower())
    except ReadError as exc:
        return Extraction(path=name, doc_id=error_id(name), status="error", error=str(exc)[:300])
    except Exception as exc:
        return Extraction(path=name, doc_id=error_id(name), status="error", error=f"unreadable: {type(exc).__name__}: {exc}"[:300])
    return _extract_source(src, name, relation_model)


def _extract_source(src: Source, name: str, relation_model: RelationModel | str | None) -> Extraction:
    try:
        return extract_source(src, relation_model, name)
    except Exception as exc:  # a bug must not stop a batch: report it on this record
        return Extraction(path=name, doc_id=src.doc_id, status="error", error=f"internal error: {type(exc).__name__}: {exc}"[:300])
