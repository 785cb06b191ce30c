"""Which files of an inbox are not documents to load: data and notes that sit beside the texts (a gold
annotation's JSON, an English README). ``build`` and ``batch`` report them as skipped with the reason
and load nothing from them (``--include-all`` loads every file). Only files read as plain text are
screened; a PDF, a scan, a web page or a DOCX is a document by what it is."""

from __future__ import annotations

import json
import re
from functools import cache

from ..i18n import N_
from ..tables import load
from .text import decode_text

JSON_DATA = N_("JSON data, not a document")
NOT_VIETNAMESE = N_("not Vietnamese text: notes, not a document")

#: the letters that carry Vietnamese marks
VIETNAMESE_LETTERS = frozenset("àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ")
#: the share of Vietnamese words (with a mark, or a frequent syllable typed without: data/screen.json) under which a
#: text is not Vietnamese prose: measured, every one of the 3,254 raw texts and the 70 corpus texts has 0.66 or more
#: (OCR included), copies of them typed without marks 0.56 or more; English notes that quote Vietnamese titles have
#: 0.01-0.41 (corpus/README.md, gold/GUIDE.md, SOURCES-dev3.md; corpus/standing/README.md, a table of quoted clauses,
#: 0.41): the bar sits between the two
MIN_MARKED_WORDS = 0.50
#: suffixes screened (the plain-text and data formats)
SCREENED_SUFFIXES = frozenset({".txt", ".text", ".md", ".json", ".csv", ".tsv", ".jsonl", ""})


def not_a_document(data: bytes, suffix: str) -> str | None:
    """Why these bytes are not a document to load, or None when they may be one."""
    if suffix not in SCREENED_SUFFIXES:
        return None
    head = data.lstrip()[:1]
    if suffix in (".json", ".jsonl") or head in (b"{", b"["):
        try:
            json.loads(data.decode("utf-8-sig"))
            return JSON_DATA
        except (ValueError, UnicodeDecodeError):
            if suffix in (".json", ".jsonl"):
                return JSON_DATA
    text, _encoding = decode_text(data)
    words = re.findall(r"[^\W\d_]+", text.lower())
    if len(words) < 30:
        return None  # too short to judge: extraction decides
    unmarked = _unmarked_syllables()
    vietnamese = sum(1 for w in words if not VIETNAMESE_LETTERS.isdisjoint(w) or w in unmarked) / len(words)
    if vietnamese < MIN_MARKED_WORDS:
        return NOT_VIETNAMESE
    return None


@cache
def _unmarked_syllables() -> frozenset[str]:
    """Vietnamese syllables as typed without marks ("thuc", "hien", "quyet"; data/screen.json), English words aside."""
    table = load("screen")
    return frozenset(table["unmarked_syllables"]) - frozenset(table["english_words"])


def screen_path(raw: str) -> str | None:
    """``not_a_document`` for the file at ``raw``, reading it only when its suffix is screened; None when it
    cannot be read (the reader reports that)."""
    from pathlib import Path

    suffix = Path(raw).suffix.lower()
    if suffix not in SCREENED_SUFFIXES:
        return None
    try:
        with open(raw, "rb") as fh:
            return not_a_document(fh.read(), suffix)
    except OSError:
        return None
