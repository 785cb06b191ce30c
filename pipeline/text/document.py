"""The ``Document``: one text as every finder sees it, built once per text by ``make_document``."""

from __future__ import annotations

from dataclasses import dataclass, field

from .normalize import normalize
from .positions import Lines, Normalized, Segmentation
from .segment import segment


@dataclass(frozen=True, slots=True)
class Document:
    """One text as every stage after normalisation sees it (eyecite's ``Document``): the original
    text, the normalised text with the map of its offsets back to the original, and its
    segmentation. Built once per text (``make_document``); stages read it, none changes it."""

    original: str
    norm: Normalized
    segmentation: Segmentation
    ocr: bool = False
    lines: Lines = field(init=False, repr=False, compare=False)  # line bounds of the normalised text

    def __post_init__(self) -> None:
        object.__setattr__(self, "lines", Lines(self.norm.text))

    @property
    def text(self) -> str:
        """The normalised text: every offset in the output indexes it."""
        return self.norm.text

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        return self.norm.to_original(start, end)


def make_document(text: str, ocr: bool = False, words: bool = True) -> Document:
    """Normalise and segment ``text``. ``ocr``: the text came from OCR (its debris is blanked);
    ``words=False``: sentences only (a typed key needs no word segmentation)."""
    norm = normalize(text, ocr=ocr)
    return Document(original=text, norm=norm, segmentation=segment(norm.text, words=words), ocr=ocr)
