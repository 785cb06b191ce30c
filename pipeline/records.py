"""Typed records that flow through the pipeline, one stage to the next.

read -> ``Source`` (decoded text, with ``OcrPage`` facts for scans); normalise + segment ->
``Document`` (``pipeline.text``: original text, normalised text with its offset map, segmentation), which
every finder reads; find/resolve -> ``Mention``, ``Named``, ``TaskList``, ``Relation``; extract
assembles them into an ``Extraction`` (one JSON Lines record of the output contract,
``../shared/CONTRACT.md``), which keeps its ``Document`` for other views (spaCy, training data).

Every record is frozen: a stage that refines one builds a new one (``dataclasses.replace``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from functools import cache
from typing import Any, Literal

from .text.document import Document

Kind = Literal["directive", "report"]
RelationType = Literal["implements", "based_on", "amends", "replaces", "repeals", "guides", "cites"]


@cache
def _names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def flat(record: Any) -> dict[str, Any]:
    """A record whose fields are plain values (no nested records or lists) as a dict, in field order."""
    return {n: getattr(record, n) for n in _names(type(record))}


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
class Source:
    """A document as read from disk: decoded Unicode text plus how it was decoded."""

    path: str
    doc_id: str
    text: str
    encoding: str
    media_type: str = "text/plain"
    ocr: bool = False
    pages: list[OcrPage] | None = None  # OCR only


@dataclass(frozen=True, slots=True)
class Pinpoint:
    """A part of a document a text names with it, as a path outermost first: (("Điều", "26"), ("khoản", "3"))
    for "khoản 3 Điều 26". Parts: Phần, Chương, Mục, Điều, khoản, điểm, Phụ lục (``gold/README.md``)."""

    parts: tuple[tuple[str, str], ...]

    def to_json(self) -> list[dict[str, str]]:
        return [{"part": p, "value": v} for p, v in self.parts]


@dataclass(frozen=True, slots=True)
class Effect:
    """A statement of when a document takes effect (``effective``) or ends (``expires``): the document (``key``;
    the text's own when ``self``, None when the text has no number), the date the text gives or fixes (None when
    it fixes none, as "kể từ ngày ký" in a text without a date), the rule as written, the sentence as evidence."""

    key: str | None
    kind: Literal["effective", "expires"]
    date: str | None
    rule: str
    evidence: str
    start: int
    end: int
    self: bool = False

    def to_json(self) -> dict[str, Any]:
        return flat(self)


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
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
    pinpoints: tuple[Pinpoint, ...] = ()  # the parts named with it ("khoản 2 Điều 46 Nghị định …")
    written: str | None = None  # the number and symbol as written (in the output where the symbol's grammar read them otherwise)
    repairs: tuple[str, ...] = ()  # what it repaired ("hyphen", "Đ", "term", "year", …; ``codes.json`` grammar)

    def to_json(self) -> dict[str, Any]:
        d = flat(self)  # every field is a plain value but the pinpoints: no deep copy (dataclasses.asdict) needed
        for k in ("extent_end", "anaphora", "system"):
            d.pop(k)
        if not self.self:
            d.pop("self")
        if self.repairs or (self.written is not None and self.symbol is None):
            d["repairs"] = list(self.repairs)  # a repaired or cut symbol says what was written and what was repaired
        else:
            d.pop("written")
            d.pop("repairs")
        d["pinpoints"] = [p.to_json() for p in self.pinpoints]
        return d


@dataclass(frozen=True, slots=True)
class Named:
    surface: str
    start: int
    end: int
    name: str
    key: str | None = None


@dataclass(frozen=True, slots=True)
class Due:
    """A deadline as the text writes it ("trước ngày 30/6/2025", "Quý II/2025", "thường xuyên") and the last day it
    allows (None for a recurring time or one the text does not date)."""

    as_written: str
    date: str | None = None


@dataclass(frozen=True, slots=True)
class Assignment:
    """Who must do what, by when (the guide's "Assignments"): the task from its action, the body that leads (or is
    given it), the bodies named after "phối hợp (với)", the deadline, the numbering path of the headings above it and
    the sentence, item or table row that states it (``start``/``end`` in the normalised text)."""

    task: str
    lead: str
    partners: tuple[str, ...] = ()
    due: Due | None = None
    section: str | None = None
    evidence: str = ""
    start: int = 0
    end: int = 0
    form: str = "sentence"  # sentence | heading (a body heading over items) | table | intro (a body named before a list)

    def to_json(self) -> dict[str, Any]:
        return {"task": self.task, "lead": self.lead, "partners": list(self.partners),
                "due": {"date": self.due.date, "as_written": self.due.as_written} if self.due else None,
                "section": self.section, "evidence": self.evidence, "start": self.start, "end": self.end, "form": self.form}


@dataclass(frozen=True, slots=True)
class TaskItem:
    ordinal: int
    marker: str
    text: str
    start: int
    end: int
    references: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class TaskList:
    owner: str | None
    marker_style: Literal["mot-la", "thu-nhat"]
    declared_count: int | None
    items: list[TaskItem]
    count_matches: bool | None = None


@dataclass(frozen=True, slots=True)
class Relation:
    source: str
    target: str
    type: RelationType
    start: int
    end: int
    confidence: float
    rule: str = ""
    pinpoints: tuple[Pinpoint, ...] = ()  # the parts of the target it acts on; none: the whole document
    stated_partial: bool = False  # the text says it acts on a part without naming it ("bãi bỏ một phần Quyết định …")

    @property
    def partial(self) -> bool:
        """Whether it acts on part of its target: its object is pinpointed, or the text says "một phần", "một số
        điều", "một số nội dung" of it."""
        return bool(self.pinpoints) or self.stated_partial

    def to_json(self) -> dict[str, Any]:
        d = flat(self)
        del d["stated_partial"]  # said by "partial" (CONTRACT.md)
        d["pinpoints"] = [p.to_json() for p in self.pinpoints]
        d["partial"] = self.partial
        return d


@dataclass(frozen=True, slots=True)
class Quote:
    """A provision the text quotes from another document (``start``..``end``), and that document."""

    start: int
    end: int
    document: Mention


@dataclass(frozen=True, slots=True)
class Findings:
    """What the finders (``pipeline.find.FINDERS``) have found in one text so far, and what the run was
    given: the text's ``doc_id`` and the relation model to apply (``"shipped"``: the packaged one;
    None: the rules alone). Each finder returns a new ``Findings``."""

    doc_id: str
    relation_model: Any = "shipped"
    mentions: list[Mention] = field(default_factory=list)  # in text order
    document: Ref | None = None  # the text's own identity, when it is a directive
    named: list[Named] = field(default_factory=list)
    task_lists: list[TaskList] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    effects: list[Effect] = field(default_factory=list)  # when documents take effect or end, the text's own first
    quotes: list[Quote] = field(default_factory=list)  # provisions quoted from other documents, in text order
    assignments: list[Assignment] = field(default_factory=list)  # who must do what, by when, in text order

    @property
    def self_id(self) -> str | None:
        """What the text's own relations start from: its key, or its ``doc_id`` when its number is unknown
        (CONTRACT); None for a report."""
        return (self.document.key or self.doc_id) if self.document is not None else None


@dataclass(frozen=True, slots=True)
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
    effects: list[Effect] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)
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
            doc = flat(self.document)
            doc.pop("system", None)
            for kind in ("effective", "expires"):  # the text's own dates of effect, in the guide's shape
                own = next((e for e in self.effects if e.self and e.kind == kind), None)
                doc[kind] = {"date": own.date, "rule": own.rule, "evidence": own.evidence} if own else None
        out: dict[str, Any] = {
            "source": self.path,
            "doc_id": self.doc_id,
            "status": self.status,
            "error": self.error,
            "kind": self.kind,
            "document": doc,
            "references": [m.to_json() for m in self.references],
            "named": [flat(n) for n in self.named],
            "task_lists": [asdict(t) for t in self.task_lists],
            "relations": [r.to_json() for r in self.relations],
            "effects": [e.to_json() for e in self.effects],
            "assignments": [a.to_json() for a in self.assignments],
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
