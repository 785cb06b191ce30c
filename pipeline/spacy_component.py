"""vncite for spaCy users: a tokenizer giving underthesea's words and a pipeline component giving the
references and task items as span groups, the spaCy way (registered through entry points).

    import spacy
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": "vncite.Tokenizer.v1"}}})
    nlp.add_pipe("vncite")
    doc = nlp(text)
    doc.spans["vncite_references"]   # one span per reference: label = its type ("Kết luận"), kb_id_ = its key ("120-KL/TW")
    doc.spans["vncite_named"]        # documents named by title ("Luật Đất đai"), label "NAMED"
    doc.spans["vncite_tasks"]        # task-list items, label = "TASK <ordinal>"
    doc._.vncite                     # the extraction record (CONTRACT.md), a JSON-able dict
    displacy.render(doc, style="span", options=displacy_options())   # coloured by type

``pipeline.spacy_doc(record)`` gives the same span groups for a record extracted without spaCy.

The Doc's text is the pipeline's normalised text (NFC, one tone placement, hard wraps joined), so
every offset of the record indexes ``doc.text``. The tokenizer segments once and leaves the
sentences on the Doc; the component rebuilds the ``Document`` from them instead of segmenting
again. ``nlp.pipe(texts, n_process=2)`` works: the record is a plain dict.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import registry

from .extract import extract_document
from .read import doc_id_of
from .records import Extraction
from .text import Document, make_document
from .text.positions import Normalized, OffsetMap, Segmentation, Sentence
from .text.segment import paragraphs

USER_KEY = "vncite_segmentation"  # on Doc.user_data: sentences and chunks, so that nothing is segmented twice

if not Doc.has_extension("vncite"):
    Doc.set_extension("vncite", default=None)


def _doc_from_document(vocab: Any, document: Document) -> Doc:
    """A Doc over the normalised text: underthesea's words, whitespace other than one space as tokens."""
    text = document.text
    words: list[str] = []
    spaces: list[bool] = []
    pos = 0
    for tok in document.segmentation.tokens:
        if tok.start > pos:  # whitespace before this word that no word's trailing space covers
            gap = text[pos : tok.start]
            if words and not spaces[-1] and gap.startswith(" "):
                spaces[-1] = True
                gap = gap[1:]
            if gap:
                words.append(gap)
                spaces.append(False)
        words.append(text[tok.start : tok.end])
        spaces.append(False)
        pos = tok.end
    if pos < len(text):
        gap = text[pos:]
        if words and not spaces[-1] and gap.startswith(" "):
            spaces[-1] = True
            gap = gap[1:]
        if gap:
            words.append(gap)
            spaces.append(False)
    doc = Doc(vocab, words=words, spaces=spaces)
    seg = document.segmentation
    doc.user_data[USER_KEY] = {
        "sentences": [[s.start, s.end, s.paragraph] for s in seg.sentences],
        "chunks": [[cs, ce] for cs, ce, _ in seg.chunks],
        "doc_id": doc_id_of(document.original.encode("utf-8")),
        "ocr": document.ocr,
    }
    return doc


def _document_from_doc(doc: Doc) -> tuple[Document, str]:
    """The ``Document`` a vncite-tokenized Doc was built from (its words are the segmentation), or,
    for a Doc from another tokenizer, its text segmented now."""
    info = doc.user_data.get(USER_KEY)
    if info is None:
        document = make_document(doc.text)
        return document, doc_id_of(doc.text.encode("utf-8"))
    text = doc.text
    chunks = []
    for cs, ce in info["chunks"]:
        chunks.append((cs, ce, [t.text for t in doc.char_span(cs, ce, alignment_mode="expand") or [] if not t.is_space]))
    seg = Segmentation(sentences=[Sentence(*s) for s in info["sentences"]], paragraphs=paragraphs(text), text=text, chunks=chunks)
    return Document(original=text, norm=Normalized(text=text, original=text, offsets=OffsetMap()), segmentation=seg,
                    ocr=bool(info.get("ocr"))), info["doc_id"]


class VnciteTokenizer:
    """Normalise and segment with underthesea (once); the Doc keeps the sentences for the component."""

    def __init__(self, vocab: Any):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        return _doc_from_document(self.vocab, make_document(text))

    def pipe(self, texts: Any, batch_size: int = 1000) -> Any:  # noqa: ARG002 - spaCy's tokenizer interface
        for text in texts:
            yield self(text)

    def to_bytes(self, **kwargs: Any) -> bytes:  # noqa: ARG002 - nothing to save: the models ship with underthesea
        return b""

    def from_bytes(self, data: bytes, **kwargs: Any) -> VnciteTokenizer:  # noqa: ARG002
        return self

    def to_disk(self, path: Any, **kwargs: Any) -> None:  # noqa: ARG002
        return None

    def from_disk(self, path: Any, **kwargs: Any) -> VnciteTokenizer:  # noqa: ARG002
        return self


@registry.tokenizers("vncite.Tokenizer.v1")
def create_tokenizer() -> Any:
    def make(nlp: Language) -> VnciteTokenizer:
        return VnciteTokenizer(nlp.vocab)

    return make


class VnciteComponent:
    """Runs vncite's extraction on a Doc: span groups for references and task items, ``doc._.vncite``."""

    def __init__(self, nlp: Language, name: str, references_key: str, tasks_key: str):
        self.name = name
        self.references_key = references_key
        self.tasks_key = tasks_key

    def __call__(self, doc: Doc) -> Doc:
        document, doc_id = _document_from_doc(doc)
        ex = extract_document(document, "<spacy>", doc_id)
        self.set_annotations(doc, ex)
        return doc

    def set_annotations(self, doc: Doc, ex: Extraction) -> None:
        span_groups(doc, ex, self.references_key, self.tasks_key)
        record = ex.to_json()
        record.pop("text", None)
        doc._.vncite = record


#: the span groups, in the component and in ``spacy_doc`` alike
REFERENCES_KEY, NAMED_KEY, TASKS_KEY = "vncite_references", "vncite_named", "vncite_tasks"
#: one colour per document family for displaCy (others: the last)
_PALETTE = ["#fbd38d", "#9ae6b4", "#90cdf4", "#fbb6ce", "#d6bcfa", "#feb2b2", "#b2f5ea", "#c6f6d5", "#e2e8f0"]


def span_groups(doc: Doc, ex: Extraction, references_key: str = REFERENCES_KEY, tasks_key: str = TASKS_KEY,
                named_key: str = NAMED_KEY) -> None:
    """The extraction's references (label: document type, ``kb_id_``: key), documents named by title and task
    items as span groups of ``doc``."""

    def group(items: list[tuple[int, int, str, str]]) -> list[Span]:
        return [s for a, b, label, kb in items if (s := doc.char_span(a, b, label=label, kb_id=kb, alignment_mode="expand")) is not None]

    doc.spans[references_key] = group([(m.start, m.end, m.doc_type, m.key or "") for m in ex.references])
    doc.spans[named_key] = group([(n.start, n.end, "NAMED", n.key or "") for n in ex.named])
    doc.spans[tasks_key] = group([(it.start, it.end, f"TASK {it.ordinal}", "") for t in ex.task_lists for it in t.items])


def displacy_options(spans_key: str = REFERENCES_KEY) -> dict[str, Any]:
    """displaCy's span options: the references group, a colour per document type (the type table's order)."""
    from .tables import doc_types

    colours = {t.name: _PALETTE[min(i, len(_PALETTE) - 1)] for i, t in enumerate(doc_types())}
    return {"spans_key": spans_key, "colors": {**colours, "NAMED": "#e2e8f0"}}


@Language.factory("vncite", default_config={"references_key": "vncite_references", "tasks_key": "vncite_tasks"})
def make_vncite(nlp: Language, name: str, references_key: str, tasks_key: str) -> VnciteComponent:
    return VnciteComponent(nlp, name, references_key, tasks_key)


def spacy_doc(ex: Extraction, nlp: Any | None = None) -> Doc:
    """A spaCy ``Doc`` of an extraction (its own segmentation reused), with the component's span groups
    (``vncite_references``, ``vncite_named``, ``vncite_tasks``) for ``displacy.render(doc, style="span",
    options=displacy_options())``."""
    import spacy

    nlp = nlp or spacy.blank("xx")
    document = ex.doc if ex.doc is not None else make_document(ex.text or "")  # a record read back from JSON has no Document
    doc = _doc_from_document(nlp.vocab, document)
    span_groups(doc, ex)
    return doc
