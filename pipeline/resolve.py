"""Stage 6: resolve short forms ("Nghị quyết 02", "Kết luận số 120 của Bộ Chính trị") to
the full reference they abbreviate, within one document or (``--corpus-resolve``) across
a corpus. Resolution is pluggable in the eyecite manner: pass your own ``candidates``
function to resolve against another database."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import cache

from .models import Extraction, Mention
from .tables import load, types_for_code


def fold(s: str | None) -> str:
    """Case-, diacritic- and punctuation-insensitive form used to compare names."""
    s = unicodedata.normalize("NFD", (s or "").replace("đ", "d").replace("Đ", "D"))
    s = "".join(c for c in s if unicodedata.category(c) != "Mn").casefold()
    return re.sub(r"[\W_]+", " ", s).strip()


@cache
def _abbreviations() -> list[tuple[re.Pattern[str], str]]:
    out = []
    for k, v in load("issuers")["abbreviations"].items():
        out.append((re.compile(r"(?<![^\W\d_])" + re.escape(k) + r"(?![^\W\d_])"), v))
    return out


def canonical_issuer(name: str | None) -> str:
    """'BTV Tỉnh ủy' -> 'ban thuong vu tinh uy' (abbreviations expanded, folded)."""
    if not name:
        return ""
    for rx, full in _abbreviations():
        name = rx.sub(full, name)
    return fold(name)


def issuers_compatible(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True
    fa, fb = canonical_issuer(a), canonical_issuer(b)
    if fa in fb or fb in fa:
        return True
    sa, sb = set(fa.split()), set(fb.split())
    return len(sa & sb) / max(1, min(len(sa), len(sb))) >= 0.6


def same_number(a: str, b: str) -> bool:
    return a.lstrip("0").lower() == b.lstrip("0").lower()


def same_type(a: str, b_mention: Mention) -> bool:
    if a == b_mention.doc_type:
        return True
    code = (b_mention.symbol or "").replace("-", "/").split("/")[0]
    return bool(code) and a in types_for_code(code) and b_mention.doc_type in types_for_code(code)


def resolve_document(mentions: list[Mention]) -> None:
    """Point each short form to the single full reference of the same document, if any."""
    by_number: dict[str, list[Mention]] = defaultdict(list)
    for f in mentions:
        if f.form == "full" and f.key:
            by_number[f.number.lstrip("0").lower()].append(f)
    for m in mentions:
        if m.form != "short" or m.self or m.resolved:
            continue
        cands = {
            f.key
            for f in by_number.get(m.number.lstrip("0").lower(), [])
            if same_type(m.doc_type, f) and issuers_compatible(m.issuer, f.issuer)
        }
        if len(cands) == 1:
            m.key = cands.pop()
            m.resolved = True


Candidates = Callable[[Mention], set[str]]


def corpus_index(extractions: Iterable[Extraction]) -> Candidates:
    """A candidates function over the full references (and self identities) of a corpus."""
    index: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for ex in extractions:
        pool = list(ex.references)
        if ex.document is not None and ex.document.key:
            d = ex.document
            pool.append(Mention(doc_type=d.doc_type, number=d.number, symbol=d.symbol, issuer=d.issuer, key=d.key, form="full"))
        for m in pool:
            if m.form == "full" and m.key:
                index[(m.doc_type, m.number.lstrip("0").lower())].append(m)

    def candidates(m: Mention) -> set[str]:
        out = set()
        for t in {m.doc_type, *types_for_code("QĐ")} if m.doc_type in types_for_code("QĐ") else {m.doc_type}:
            for f in index.get((t, m.number.lstrip("0").lower()), []):
                if same_type(m.doc_type, f) and issuers_compatible(m.issuer, f.issuer):
                    out.add(f.key)
        return out

    return candidates


def resolve_corpus(extractions: list[Extraction], candidates: Candidates | None = None) -> list[tuple[str, str, list[str]]]:
    """Resolve short forms left unresolved in each document against the whole corpus.
    Returns the ambiguous cases as (source, short key, candidate keys)."""
    candidates = candidates or corpus_index(extractions)
    ambiguous = []
    for ex in extractions:
        remap: dict[str, str] = {}
        for m in ex.references:
            if m.form != "short" or m.resolved or m.self or not m.key:
                continue
            cands = candidates(m)
            if len(cands) == 1:
                new = next(iter(cands))
                remap[m.key] = new
                m.key, m.resolved = new, True
            elif len(cands) > 1:
                ambiguous.append((ex.source, m.key, sorted(cands)))
        if remap:
            for r in ex.relations:
                r.source = remap.get(r.source, r.source)
                r.target = remap.get(r.target, r.target)
            for t in ex.task_lists:
                t.owner = remap.get(t.owner, t.owner) if t.owner else None
                for it in t.items:
                    it.references = [remap.get(k, k) for k in it.references]
    return ambiguous
