"""Stages 2 and 3: normalise a text and segment it (underthesea), once, into the ``Document``
every finder reads; ``positions`` holds the offset and segmentation machinery it carries."""

from __future__ import annotations

from .document import Document, make_document
from .normalize import normalize
from .segment import segment

__all__ = ["Document", "make_document", "normalize", "segment"]
