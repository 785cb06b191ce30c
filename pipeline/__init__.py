"""vncite: a citation graph of Vietnamese official documents.

    from pipeline import extract
    doc = extract("Kế hoạch số 10-KH/ĐUK ngày 12/4/2016 … thực hiện Kết luận số 120-KL/TW …")
    doc.references, doc.task_lists, doc.relations

Stages, in the order data flows (each imports only earlier ones): ``keys``/``tables`` (shared
leaves) -> ``text`` (normalise, segment: the ``Document``) -> ``records`` -> ``read`` -> ``find`` (the
finders, declared in run order in ``pipeline.find.FINDERS``, with ``resolve`` the one resolution
rule) -> ``extract`` -> ``store`` -> ``graph`` -> ``ingest`` -> ``cli``.
"""

from .extract import extract, extract_path
from .read import ReadError, read_path
from .records import Extraction, Findings, Mention, Named, Ref, Relation, TaskItem, TaskList
from .resolve import resolve_corpus, resolve_document
from .text import Document, make_document, normalize


def spacy_doc(ex: Extraction, nlp=None):  # noqa: ANN001, ANN201
    """A spaCy ``Doc`` of an extraction (``pipeline.spacy_component.spacy_doc``; spaCy loads on first use)."""
    from .spacy_component import spacy_doc as make

    return make(ex, nlp)


__all__ = [
    "Document",
    "Extraction",
    "Findings",
    "Mention",
    "Named",
    "ReadError",
    "Ref",
    "Relation",
    "TaskItem",
    "TaskList",
    "extract",
    "extract_path",
    "make_document",
    "normalize",
    "read_path",
    "resolve_corpus",
    "resolve_document",
    "spacy_doc",
]
