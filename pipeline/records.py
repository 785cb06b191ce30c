"""Typed records that flow through the pipeline, one stage to the next.

read -> ``Source`` (decoded text, with ``OcrPage`` facts for scans); normalise + segment ->
``Document`` (original text, normalised text with its offset map, segmentation), which every
later stage reads; find/resolve -> ``Mention``, ``Named``, ``TaskList``, ``Relation``; extract
assembles them into an ``Extraction`` (one JSON Lines record of the output contract,
``../shared/CONTRACT.md``), which keeps its ``Document`` for other views (spaCy, training data).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from functools import cached_property
from typing import Any, Literal

Kind = Literal["directive", "report"]
RelationType = Literal["implements", "based_on", "amends", "replaces", "repeals", "guides", "cites"]


@dataclass(frozen=True)
class OcrPage:
    """One recognised page: its text, mean word confidence (0..100), the skew corrected (degrees), the
    quarter turns applied to stand it upright (degrees counter-clockwise) and whether its confidence
    stayed under the rescan threshold (``VNCITE_OCR_MIN_CONFIDENCE``)."""

    text: str
    confidence: float
    skew: float
    page: int = 0  # 1-based position in its file
    rotation: int = 0
    low_confidence: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"page": self.page, "confidence": self.confidence, "skew": self.skew, "rotation": self.rotation,
                "low_confidence": self.low_confidence}


@dataclass(frozen=True)
class Source:
    """A document as read from disk: decoded Unicode text plus how it was decoded."""

    path: str
    doc_id: str
    text: str
    encoding: str
    media_type: str = "text/plain"
    ocr: bool = False
    pages: list[OcrPage] | None = None  # OCR only


@dataclass(frozen=True)
class Edit:
    """One replaced region of a normalisation pass: new[new_start:new_end] came from old[old_start:old_end]."""

    new_start: int
    new_end: int
    old_start: int
    old_end: int


@dataclass
class OffsetMap:
    """Maps positions in the normalised text back to the original text.

    Stored sparsely: one list of edits per pass that changed lengths, applied in reverse.
    """

    passes: list[list[Edit]] = field(default_factory=list)

    def add_pass(self, edits: list[Edit]) -> None:
        if edits:
            self.passes.append(edits)

    def to_original(self, pos: int) -> int:
        for edits in reversed(self.passes):
            starts = [e.new_start for e in edits]
            i = bisect.bisect_right(starts, pos) - 1
            if i < 0:
                continue
            e = edits[i]
            if pos < e.new_end:
                pos = e.old_start + min(pos - e.new_start, e.old_end - e.old_start)
            else:
                pos = e.old_end + (pos - e.new_end)
        return pos


@dataclass
class Normalized:
    text: str
    original: str
    offsets: OffsetMap
    hard_wrapped: bool = False

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        return self.offsets.to_original(start), self.offsets.to_original(end)


def align(text: str, pieces: list[str], start: int, end: int) -> Iterator[tuple[int, int]]:
    """Locate each piece (whose inner whitespace may differ from the text's) in text[start:end]."""
    cursor = start
    for piece in pieces:
        words = piece.split()
        if not words:
            continue
        first = text.find(words[0], cursor, end)
        if first < 0:
            continue
        pos = first + len(words[0])
        ok = True
        for w in words[1:]:
            nxt = text.find(w, pos, end)
            if nxt < 0 or text[pos:nxt].strip():
                ok = False
                break
            pos = nxt + len(w)
        if not ok:
            continue
        yield first, pos
        cursor = pos


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    paragraph: int


@dataclass
class Segmentation:
    """Paragraphs, sentences and words of a normalised text.

    Words come from underthesea per chunk; their character offsets are aligned lazily, chunk
    by chunk, the first time a stage asks for them (alignment costs more than all extraction).
    """

    sentences: list[Sentence]
    paragraphs: list[tuple[int, int]]
    text: str = ""
    chunks: list[tuple[int, int, list[str]]] = field(default_factory=list)
    _aligned: dict[int, list[Token]] = field(default_factory=dict, repr=False)
    _aligned_starts: dict[int, list[int]] = field(default_factory=dict, repr=False)
    _sent_starts: list[int] = field(default_factory=list, repr=False)
    _para_starts: list[int] = field(default_factory=list, repr=False)
    _chunk_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._sent_starts = [s.start for s in self.sentences]
        self._para_starts = [p[0] for p in self.paragraphs]
        self._chunk_starts = [c[0] for c in self.chunks]

    def _chunk_tokens(self, i: int) -> list[Token]:
        if i not in self._aligned:
            cs, ce, words = self.chunks[i]
            self._aligned[i] = [Token(self.text[s:e], s, e) for s, e in align(self.text, words, cs, ce)]
            self._aligned_starts[i] = [t.start for t in self._aligned[i]]
        return self._aligned[i]

    @property
    def tokens(self) -> list[Token]:
        return [t for i in range(len(self.chunks)) for t in self._chunk_tokens(i)]

    def token_at(self, pos: int) -> Token | None:
        """The word that starts at ``pos``, if any."""
        i = bisect.bisect_right(self._chunk_starts, pos) - 1
        if i < 0:
            return None
        toks = self._chunk_tokens(i)
        j = bisect.bisect_left(self._aligned_starts[i], pos)
        if j < len(toks) and toks[j].start == pos:
            return toks[j]
        return None

    def tokens_between(self, lo: int, hi: int) -> list[Token]:
        """The words that lie wholly within [lo, hi)."""
        out: list[Token] = []
        i = max(0, bisect.bisect_right(self._chunk_starts, lo) - 1)
        while i < len(self.chunks) and self.chunks[i][0] < hi:
            toks = self._chunk_tokens(i)
            j = bisect.bisect_left(self._aligned_starts[i], lo)
            while j < len(toks) and toks[j].start < hi:
                if toks[j].end <= hi:
                    out.append(toks[j])
                j += 1
            i += 1
        return out

    def sentence_at(self, pos: int) -> Sentence | None:
        i = bisect.bisect_right(self._sent_starts, pos) - 1
        if i >= 0 and self.sentences[i].start <= pos < max(self.sentences[i].end, self.sentences[i].start + 1):
            return self.sentences[i]
        return None

    def paragraph_at(self, pos: int) -> tuple[int, int] | None:
        i = bisect.bisect_right(self._para_starts, pos) - 1
        if i >= 0 and pos <= self.paragraphs[i][1]:
            return self.paragraphs[i]
        return None


class Lines:
    """The bounds of a text's lines, by bisection over its line breaks (found once): asking for the line
    of every mention costs log n each, where ``rfind``/``find`` scanned a long line end to end."""

    def __init__(self, text: str):
        self.text = text
        self.breaks = [m.start() for m in re.finditer("\n", text)]

    def start(self, pos: int) -> int:
        """``text.rfind("\\n", 0, pos) + 1``"""
        i = bisect.bisect_left(self.breaks, pos)
        return self.breaks[i - 1] + 1 if i else 0

    def end(self, pos: int) -> int:
        """``text.find("\\n", pos)``, or the text's length when no break follows."""
        i = bisect.bisect_left(self.breaks, pos)
        return self.breaks[i] if i < len(self.breaks) else len(self.text)

    def at(self, pos: int) -> tuple[int, int]:
        return self.start(pos), self.end(pos)


@dataclass
class Document:
    """One text as every stage after normalisation sees it (eyecite's ``Document``): the original
    text, the normalised text with the map of its offsets back to the original, and its
    segmentation. Built once per text (``pipeline.text.make_document``); stages read it, none
    changes it."""

    original: str
    norm: Normalized
    segmentation: Segmentation
    ocr: bool = False

    @property
    def text(self) -> str:
        """The normalised text: every offset in the output indexes it."""
        return self.norm.text

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        return self.norm.to_original(start, end)

    @cached_property
    def lines(self) -> Lines:
        return Lines(self.norm.text)


@dataclass
class Ref:
    """The identity of one document: type, number, symbol, year, date, issuer, canonical key."""

    doc_type: str
    number: str
    symbol: str | None = None
    year: int | None = None
    date: str | None = None
    issuer: str | None = None
    key: str | None = None
    title: str | None = None
    term: str | None = None
    system: Literal["party", "state"] | None = None


@dataclass
class Mention(Ref):
    """One mention of a numbered document in the text."""

    surface: str = ""
    start: int = 0
    end: int = 0
    form: Literal["full", "short"] = "full"
    resolved: bool = False
    self: bool = False
    extent_end: int = 0  # end of the mention with its date, issuer, term and title
    anaphora: bool = False  # "Nghị quyết này": names the document itself, carries no number

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        for k in ("extent_end", "anaphora", "system"):
            d.pop(k)
        if not self.self:
            d.pop("self")
        return d


@dataclass
class Named:
    surface: str
    start: int
    end: int
    name: str
    key: str | None = None


@dataclass
class TaskItem:
    ordinal: int
    marker: str
    text: str
    start: int
    end: int
    references: list[str] = field(default_factory=list)


@dataclass
class TaskList:
    owner: str | None
    marker_style: Literal["mot-la", "thu-nhat"]
    declared_count: int | None
    items: list[TaskItem]
    count_matches: bool | None = None


@dataclass
class Relation:
    source: str
    target: str
    type: RelationType
    start: int
    end: int
    confidence: float
    rule: str = ""


@dataclass
class Extraction:
    """One output record (the JSON Lines contract). ``path`` is written as the contract's
    ``source`` field; ``doc`` keeps the text's ``Document`` (not serialised) so that other views
    (a spaCy ``Doc``, training pairs) reuse its segmentation."""

    path: str
    doc_id: str
    status: Literal["ok", "error"] = "ok"
    error: str | None = None
    kind: Kind | None = None
    document: Ref | None = None
    references: list[Mention] = field(default_factory=list)
    named: list[Named] = field(default_factory=list)
    task_lists: list[TaskList] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    text: str | None = None
    encoding: str | None = None
    ocr: bool = False
    ocr_pages: list[OcrPage] | None = None
    doc: Document | None = field(default=None, repr=False, compare=False)

    @property
    def low_confidence_pages(self) -> list[int]:
        """Pages (1-based) whose OCR confidence stayed low after turning and deskewing: rescan them."""
        return [p.page for p in self.ocr_pages or [] if p.low_confidence]

    def to_json(self, with_text: bool = False) -> dict[str, Any]:
        doc = None
        if self.document is not None:
            doc = asdict(self.document)
            doc.pop("system", None)
        out: dict[str, Any] = {
            "source": self.path,
            "doc_id": self.doc_id,
            "status": self.status,
            "error": self.error,
            "kind": self.kind,
            "document": doc,
            "references": [m.to_json() for m in self.references],
            "named": [asdict(n) for n in self.named],
            "task_lists": [asdict(t) for t in self.task_lists],
            "relations": [asdict(r) for r in self.relations],
        }
        if self.encoding:
            out["encoding"] = self.encoding
        if self.ocr:
            out["ocr"] = True
            out["ocr_pages"] = [p.to_json() for p in self.ocr_pages] if self.ocr_pages is not None else None
            out["low_confidence_pages"] = self.low_confidence_pages
        if with_text:
            out["text"] = self.text
        return out
