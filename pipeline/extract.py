"""The whole pipeline for one text or file: read -> normalise -> segment -> references ->
identity -> resolve -> tasks -> relations, assembled into an ``Extraction`` record."""

from __future__ import annotations

from pathlib import Path

from .identity import find_identity, mark_self
from .learn import apply_model, model_types
from .models import Extraction, Source
from .normalize import normalize
from .read import ReadError, doc_id_of, read_path
from .references import find_named, find_references
from .relations import find_anaphora, find_relations
from .resolve import resolve_document
from .segment import segment
from .tasks import find_task_lists


def extract(text: str, source: str = "<text>", doc_id: str | None = None, ocr: bool = False) -> Extraction:
    """Extract references, named documents, task lists and relations from ``text``.

    >>> ex = extract("Thực hiện Kết luận số 120-KL/TW ngày 07/01/2016 của Bộ Chính trị.")
    >>> ex.references[0].key
    '120-KL/TW'

    ``ocr``: the text came from OCR; normalisation drops OCR debris and symbol codes Tesseract
    damaged are repaired against the code tables.
    """
    norm = normalize(text, ocr=ocr)
    t = norm.text
    seg = segment(t)
    mentions = find_references(t, seg, ocr)
    document = find_identity(t, mentions, ocr)
    mark_self(document, mentions)
    resolve_document(mentions)
    named = find_named(t, seg, mentions)
    anaphora = find_anaphora(t, document)
    task_lists = find_task_lists(t, seg, mentions, document)
    relations = find_relations(t, seg, sorted(mentions + anaphora, key=lambda m: m.start), document)
    learned = model_types()
    if learned:  # only where models/relations.json says the trained classifier beats the rules
        relations = apply_model(t, seg, mentions, relations, learned)
    return Extraction(
        source=source,
        doc_id=doc_id or doc_id_of(text.encode("utf-8")),
        kind="directive" if document is not None else "report",
        document=document,
        references=mentions,
        named=named,
        task_lists=task_lists,
        relations=relations,
        text=t,
    )


def extract_source(src: Source) -> Extraction:
    ex = extract(src.text, src.path, src.doc_id, ocr=src.ocr)
    ex.encoding = src.encoding
    ex.ocr, ex.ocr_pages = src.ocr, src.pages
    return ex


def extract_path(path: str | Path) -> Extraction:
    """Read and extract one file; an unreadable file gives a record with status 'error'."""
    p = str(path)
    try:
        src = read_path(path)
    except ReadError as exc:
        doc_id = ""
        try:
            doc_id = doc_id_of(Path(path).read_bytes())
        except OSError:
            pass
        return Extraction(source=p, doc_id=doc_id, status="error", error=str(exc))
    try:
        return extract_source(src)
    except Exception as exc:  # a bug must not stop a batch: report it on this record
        return Extraction(source=p, doc_id=src.doc_id, status="error", error=f"internal error: {type(exc).__name__}: {exc}"[:300])
