"""vncite: a citation graph of Vietnamese official documents.

    from pipeline import extract
    doc = extract("Kế hoạch số 10-KH/ĐUK ngày 12/4/2016 … thực hiện Kết luận số 120-KL/TW …")
    doc.references, doc.task_lists, doc.relations
"""

from .extract import extract, extract_path
from .models import Extraction, Mention, Named, Ref, Relation, TaskItem, TaskList
from .normalize import normalize
from .read import ReadError, read_path
from .resolve import resolve_corpus, resolve_document
from .spacy_doc import spacy_doc

__all__ = [
    "Extraction",
    "Mention",
    "Named",
    "ReadError",
    "Ref",
    "Relation",
    "TaskItem",
    "TaskList",
    "extract",
    "extract_path",
    "normalize",
    "read_path",
    "resolve_corpus",
    "resolve_document",
    "spacy_doc",
]
