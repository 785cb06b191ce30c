"""Resolve short forms ("Nghị quyết 02", "Kết luận số 120 của Bộ Chính trị") to the
full document they abbreviate. One rule, wherever the candidates come from.

A short form names a full document when the type family (``tables.type_family``: Quyết định
and Quy định share Party 'QĐ'), the number (``keys.number_key``), the issuer
(``issuers.IssuerMatcher``) and the year (when both are known) agree, and exactly one
document does. Candidates come from a plug in the eyecite manner: ``MemoryIndex`` over the
full references of one text or of a corpus in memory, or the store's SQL index
(``pipeline.store.load.SqlIndex``). Functions here return new records; nothing is changed in
place. In one text the rule runs as finder 3 (``resolve_in_text``); across texts held in memory as
``resolve_corpus``; across a store as ``pipeline.store.resolve_stored``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Protocol

from .issuers import IssuerMatcher
from .keys import base_key, number_key
from .records import Extraction, Findings, Mention, Ref
from .tables import type_family
from .text import Document


@dataclass(frozen=True)
class Candidate:
    """A full document a short form may stand for."""

    key: str
    doc_type: str
    number: str
    issuer: str | None = None
    year: int | None = None


class Index(Protocol):
    """Where candidates come from: every full document of a type family and number."""

    def candidates(self, family: str, number: str) -> Iterable[Candidate]: ...


def lookup_key(doc_type: str, number: str) -> tuple[str, str]:
    """The index key of a document: (type family, number key)."""
    return type_family(doc_type), number_key(number)


class MemoryIndex:
    """Candidates from references held in memory (one text's, or a corpus's)."""

    def __init__(self, refs: Iterable[Ref] = ()):
        self._by: dict[tuple[str, str], list[Candidate]] = defaultdict(list)
        for r in refs:
            self.add(r)

    def add(self, ref: Ref) -> None:
        if ref.key and ref.symbol is not None:
            self._by[lookup_key(ref.doc_type, ref.number)].append(
                Candidate(ref.key, ref.doc_type, ref.number, ref.issuer, ref.year))

    def candidates(self, family: str, number: str) -> Iterable[Candidate]:
        return self._by.get((family, number), ())


def candidate_keys(short: Ref, index: Index, matcher: IssuerMatcher) -> list[str]:
    """The distinct keys of the documents ``short`` may stand for (one: resolved; several: ambiguous)."""
    family, number = lookup_key(short.doc_type, short.number)
    return sorted({
        c.key for c in index.candidates(family, number)
        if matcher.same(short.issuer, c.issuer) and (short.year is None or c.year is None or short.year == c.year)
    })


@dataclass(frozen=True)
class Ambiguity:
    """A short form that more than one document fits."""

    path: str
    short_key: str
    candidates: list[str]


def _unresolved(m: Mention) -> bool:
    return m.form == "short" and not m.self and not m.resolved and bool(m.key)


def resolve_document(mentions: list[Mention], matcher: IssuerMatcher | None = None) -> list[Mention]:
    """Short forms pointed at the single full reference of the same document in the same text."""
    matcher = matcher or IssuerMatcher()
    index = MemoryIndex(m for m in mentions if m.form == "full")
    out = []
    for m in mentions:
        if _unresolved(m):
            keys = candidate_keys(m, index, matcher)
            if len(keys) == 1:
                m = replace(m, key=keys[0], resolved=True)
        out.append(m)
    return out


def resolve_in_text(doc: Document, found: Findings) -> Findings:
    """Finder 3 (``pipeline.find.FINDERS``): the text's short forms resolved against its own full references."""
    return replace(found, mentions=resolve_document(found.mentions))


def _dated_party(ex: Extraction) -> list[tuple[str, int]]:
    """(key, year) of every dated Party document a text names in full: its own identity first, then its
    full references in text order."""
    refs = [ex.document] if ex.document is not None else []
    refs += [m for m in ex.references if m.form == "full"]
    return [(r.key, int(r.date[:4])) for r in refs if r.key and r.date and r.system == "party"]


def issue_years(ex: Extraction) -> dict[str, int]:
    """The issue year of each dated Party document a text names in full (its own identity, else the first
    dated reference)."""
    years: dict[str, int] = {}
    for key, year in _dated_party(ex):
        years.setdefault(key, year)
    return years


def term_years(facts: Iterable[tuple[str, int]]) -> dict[str, set[int]]:
    """The issue years a corpus knows for each Party key (facts: (key, year) of every dated full mention and
    identity in its texts; the store applies the same rule, ``store.load.normalize_terms``)."""
    out: dict[str, set[int]] = defaultdict(set)
    for key, year in facts:
        out[base_key(key)].add(year)
    return out


def term_remap(ex: Extraction, years: Mapping[str, set[int]]) -> dict[str, str]:
    """Party numbering restarts with each committee term: where the corpus knows a Party symbol with two or
    more issue years, each text's dated mention of it is keyed with its year (``120-KL/TW@2016``); a symbol
    known with one year keeps its plain key. A function of the corpus's facts, not of the order texts
    arrive in."""
    return {key: f"{key}@{year}" for key, year in issue_years(ex).items() if len(years.get(key, ())) > 1}


def corpus_index(extractions: Iterable[Extraction]) -> MemoryIndex:
    """The full references and self identities of a corpus held in memory."""
    index = MemoryIndex()
    for ex in extractions:
        if ex.document is not None:
            index.add(ex.document)
        for m in ex.references:
            if m.form == "full":
                index.add(m)
    return index


def remap_extraction(ex: Extraction, remap: dict[str, str]) -> Extraction:
    """The extraction with keys renamed everywhere they appear (mentions are renamed by the caller)."""
    if not remap:
        return ex

    def k(key: str | None) -> str | None:
        return remap.get(key, key) if key else key

    relations = [replace(r, source=k(r.source), target=k(r.target)) for r in ex.relations]
    task_lists = [
        replace(t, owner=k(t.owner), items=[replace(it, references=[k(x) for x in it.references]) for it in t.items])
        for t in ex.task_lists
    ]
    return replace(ex, relations=relations, task_lists=task_lists)


def resolve_corpus(extractions: list[Extraction], index: Index | None = None,
                   matcher: IssuerMatcher | None = None) -> tuple[list[Extraction], list[Ambiguity]]:
    """Short forms left unresolved in their own text, resolved against a whole corpus. Returns the
    new extractions and the ambiguous cases. ``index`` defaults to the corpus's own references,
    ``matcher`` to one fitted on the corpus's issuer names."""
    # the Party-term rule first, from the whole corpus's issue years (whatever the order of the texts)
    years = term_years(fact for ex in extractions if ex.status == "ok" for fact in _dated_party(ex))
    renamed = []
    for ex in extractions:
        remap = term_remap(ex, years) if ex.status == "ok" else {}
        if remap:
            ex = replace(remap_extraction(ex, remap), references=[replace(m, key=remap.get(m.key, m.key)) if m.key else m
                                                                 for m in ex.references])
        renamed.append(ex)
    extractions = renamed
    ok = [ex for ex in extractions if ex.status == "ok"]
    index = index if index is not None else corpus_index(ok)
    if matcher is None:
        matcher = IssuerMatcher().fit(m.issuer for ex in ok for m in [*ex.references, *([ex.document] if ex.document else [])])
    out, ambiguous = [], []
    for ex in extractions:
        if ex.status != "ok":
            out.append(ex)
            continue
        remap: dict[str, str] = {}
        mentions = []
        for m in ex.references:
            if _unresolved(m):
                keys = candidate_keys(m, index, matcher)
                if len(keys) == 1:
                    remap[m.key] = keys[0]  # type: ignore[index]
                    m = replace(m, key=keys[0], resolved=True)
                elif len(keys) > 1:
                    ambiguous.append(Ambiguity(ex.path, m.key, keys))  # type: ignore[arg-type]
            mentions.append(m)
        out.append(replace(remap_extraction(ex, remap), references=mentions))
    return out, ambiguous
