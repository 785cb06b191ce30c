"""The whole pipeline for one text or file: read -> normalise + segment (a ``Document``) ->
references -> identity -> resolve -> named, tasks, relations, assembled into an ``Extraction``.

Each stage reads the ``Document`` and returns its findings; the relation model is a plug
(``relation_model``: the shipped one by default, None for the rules alone).
"""

from __future__ import annotations

import os
from pathlib import Path

from .find.classify import RelationModel, load_model
from .find.identity import find_identity, mark_self
from .find.named import find_named, link_named
from .find.references import find_references, infer_issuers
from .find.relations import body_start, find_anaphora, find_relations
from .find.tasks import find_task_lists
from .read import ReadError, doc_id_of, error_id, path_text, read_bytes, read_path
from .records import Document, Extraction, Source
from .resolve import resolve_document
from .text import make_document

#: the default for ``relation_model``: the model shipped with the package (or ``$VNCITE_RELATION_MODEL``)
SHIPPED = "shipped"


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


def extract_document(doc: Document, path: str, doc_id: str, relation_model: RelationModel | str | None = SHIPPED) -> Extraction:
    """The stages after segmentation, on one ``Document``."""
    mentions = find_references(doc)
    document = find_identity(doc, mentions)
    mentions = infer_issuers(doc, resolve_document(mark_self(document, mentions)))
    named, aliases = link_named(find_named(doc, mentions), mentions)
    mentions = sorted(mentions + aliases, key=lambda m: m.start)
    task_lists = find_task_lists(doc, mentions, document)
    self_id = (document.key or doc_id) if document is not None else None  # CONTRACT: unnumbered -> doc_id
    relations = find_relations(doc, sorted(mentions + find_anaphora(doc, document), key=lambda m: m.start), document,
                               self_id=self_id, task_lists=task_lists)
    model = load_model() if relation_model == SHIPPED else relation_model
    if isinstance(model, RelationModel):
        relations = model.apply(doc, mentions, relations, self_id, document is not None, body_start(doc.text))
    return Extraction(
        path=path,
        doc_id=doc_id,
        kind="directive" if document is not None else "report",
        document=document,
        references=mentions,
        named=named,
        task_lists=task_lists,
        relations=relations,
        text=doc.text,
        doc=doc,
    )


def extract_source(src: Source, relation_model: RelationModel | str | None = SHIPPED) -> Extraction:
    ex = extract_document(make_document(src.text, ocr=src.ocr), src.path, src.doc_id, relation_model)
    ex.encoding = src.encoding
    ex.ocr, ex.ocr_pages = src.ocr, src.pages
    return ex


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
        ex = extract_source(src, relation_model)
    except Exception as exc:  # a bug must not stop a batch: report it on this record
        return Extraction(path=name, doc_id=src.doc_id, status="error", error=f"internal error: {type(exc).__name__}: {exc}"[:300])
    ex.path = name
    return ex
