"""Stages 2 and 3: normalise a text and segment it (underthesea), once, into the ``Document``
every later stage reads."""

from __future__ import annotations

from ..records import Document
from .normalize import normalize
from .segment import segment


def make_document(text: str, ocr: bool = False, words: bool = True) -> Document:
    """Normalise and segment ``text``. ``ocr``: the text came from OCR (its debris is blanked);
    ``words=False``: sentences only (a typed key needs no word segmentation)."""
    norm = normalize(text, ocr=ocr)
    return Document(original=text, norm=norm, segmentation=segment(norm.text, words=words), ocr=ocr)


__all__ = ["make_document", "normalize", "segment"]
