"""spaCy view of an extraction: a ``Doc`` built from underthesea's words, with references,
named documents and task items as span groups (rendered by ``displacy.render(style="span")``)."""

from __future__ import annotations

from typing import Any

from .records import Extraction
from .text import make_document


def spacy_doc(ex: Extraction, nlp: Any | None = None) -> Any:
    import spacy
    from spacy.tokens import Doc

    doc_ = ex.doc if ex.doc is not None else make_document(ex.text or "")  # a record read back from JSON has no Document
    text = doc_.text
    nlp = nlp or spacy.blank("xx")
    seg = doc_.segmentation
    words, spaces, starts = [], [], []
    tokens = seg.tokens
    for i, tok in enumerate(tokens):
        words.append(text[tok.start : tok.end])
        nxt = tokens[i + 1].start if i + 1 < len(tokens) else len(text)
        spaces.append(nxt > tok.end)
        starts.append(tok.start)
    doc = Doc(nlp.vocab, words=words, spaces=spaces)

    def group(items: list[tuple[int, int, str]]) -> list[Any]:
        spans = []
        for s, e, label in items:
            span = doc.char_span(_shift(doc, starts, s), _shift(doc, starts, e), label=label, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        return spans

    doc.spans["references"] = group([(m.start, m.end, m.key or m.doc_type) for m in ex.references])
    doc.spans["named"] = group([(n.start, n.end, "NAMED") for n in ex.named])
    doc.spans["tasks"] = group([(it.start, it.end, f"TASK {it.ordinal}") for t in ex.task_lists for it in t.items])
    return doc


def _shift(doc: Any, starts: list[int], pos: int) -> int:
    """Map an offset in the normalised text to the Doc's text (which drops untokenised spans)."""
    import bisect

    i = bisect.bisect_right(starts, pos) - 1
    if i < 0:
        return 0
    return doc[i].idx + min(pos - starts[i], len(doc[i].text) + 1)
