"""Queries over the citation graph: implements (transitive), cited-by, cites, tasks, show, and the
lookup of keys as people type them.

    from pipeline.graph import Graph
    g = Graph("sqlite:///vncite.db")
    g.implements("Kết luận 120-KL/TW", transitive=True)   # [Hit(key='10-KH/ĐUK', …), Hit(key='08-KH/CB', …)]
    g.to_frames()["relations"]                             # a pandas DataFrame

Keys are accepted the way people type them ("120-KL/TW", "Kết luận 120-KL/TW", "KL 120",
"kết luận số 120"); an ambiguous or unknown one raises ``KeyLookupError`` with the candidates.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.engine import Engine

from .. import settings
from ..find import run
from ..keys import fold
from ..records import Findings
from ..store import (
    FTS_TABLE,
    connect,
    document_search,
    documents,
    effects,
    mentions,
    named,
    prevailing,
    relations,
    sources,
    task_items,
    task_lists,
    texts,
)
from ..store import (
    assignments as assignments_table,
)
from ..tables import relation_labels, type_by_abbreviation, type_by_word
from ..text import make_document
from .display import document_label, snippet
from .standing import ISSUED_NOTE, Change, Dated, Standing, decide


@dataclass
class Row:
    """What ranking reads of a document cited by name only."""

    key: str
    title: str | None
    doc_type: str | None
    issuer: str | None


#: ``keys.fold`` for the names the name lookups compare on every call (a store's names recur from call to call)
_fold = lru_cache(maxsize=65536)(fold)

#: the types whose documents texts name by their subject ("Luật Đất đai"), with or without their number
NAMED_TYPES = ("Luật", "Bộ luật", "Pháp lệnh", "Hiến pháp")
#: how many candidates per hit shown the full-text index gives the ranking
SEARCH_POOL = 4

#: levels a transitive implements query follows unless told otherwise (``VNCITE_MAX_DEPTH``)
MAX_DEPTH = settings.MAX_DEPTH


class Chain(list):
    """The documents a transitive query reached (a list, as before), and where it stopped: ``depth_limit``
    levels were followed, and ``cut`` says whether documents lay further down (raise ``max_depth`` to see them)."""

    def __init__(self, items: Any = (), depth_limit: int = 1, cut: bool = False):
        super().__init__(items)
        self.depth_limit = depth_limit
        self.cut = cut


class KeyLookupError(LookupError):
    """A key that matches no document, or several."""

    def __init__(self, query: str, candidates: list[str]):
        self.query = query
        self.candidates = candidates
        shown = query if len(query) <= 120 else query[:117] + "…"  # a 100,000-character key is not echoed whole
        shown = " ".join(shown.split())
        if candidates:
            msg = f"'{shown}' is ambiguous: " + ", ".join(candidates[:20]) + (" …" if len(candidates) > 20 else "")
        else:
            msg = f"no document matches '{shown}'"
        super().__init__(msg)


@dataclass
class Hit:
    """A document found by a query, with the evidence that put it there."""

    key: str
    doc_type: str | None = None
    issuer: str | None = None
    date: str | None = None
    relation: str | None = None
    via: str | None = None
    depth: int = 1
    evidence: str | None = None
    path: str | None = None  # the text the evidence comes from
    partial: bool | None = None  # a change (amends, replaces, repeals) acting on a part of ``key``; None: not a change
    pinpoints: list | None = None  # the parts it names, when it names them


@dataclass
class Citation:
    """A text that cites a document."""

    path: str
    doc_id: str
    citing_key: str | None
    kind: str | None
    mentions: int
    surface: str | None
    evidence: str | None
    label: str | None = None  # the text as a person names it: its own key, identity or title (``display``)


@dataclass
class TaskItemView:
    ordinal: int
    marker: str | None
    text: str | None
    references: list[str] = field(default_factory=list)


@dataclass
class TaskListView:
    owner: str | None
    path: str
    marker_style: str | None
    declared_count: int | None
    items: list[TaskItemView] = field(default_factory=list)
    doc_id: str | None = None  # the text the list is in


@dataclass
class DocumentView:
    key: str
    doc_type: str | None
    number: str | None
    symbol: str | None
    year: int | None
    date: str | None
    issuer: str | None
    title: str | None
    first_seen: str | None
    last_seen: str | None
    mention_count: int
    cited_by_texts: int
    relations_out: list[Hit]
    relations_in: list[Hit]
    task_lists: int
    text_id: str | None = None  # the stored text of the document itself ("Toàn văn"), when the store has it


@dataclass
class AssignmentView:
    """An assignment as the faces show it: the assigning document, the task, who leads and who partners, the
    deadline as written and its last day, whether it is past on the date asked, and where the text says it."""

    key: str
    task: str
    lead: str
    partners: list[str]
    due: str | None
    due_date: str | None
    overdue: bool
    section: str | None
    evidence: str
    path: str
    doc_id: str
    role: str = "lead"  # for a query by body: "lead", or "partner" when the body is named after "phối hợp"


@dataclass
class SearchHit:
    key: str
    doc_type: str | None
    date: str | None
    issuer: str | None
    title: str | None
    cited_by_texts: int
    exact: bool = False  # the key as typed, not a full-text hit
    snippet: tuple[str, str, str] | None = None  # where the words matched: (before, match, after)
    snippet_in_title: bool = False  # the snippet is cut from the title (shown instead of it)


@dataclass
class Edge:
    """One stated relation seen from one document: the other end, the type, which way, and its evidence."""

    key: str
    relation: str
    direction: str  # "out": this document -> key; "in": key -> this document
    doc_type: str | None
    date: str | None
    issuer: str | None
    evidence: str | None
    path: str | None
    doc_id: str | None


@dataclass
class TreeNode:
    key: str
    via: str  # the document it implements (its parent in the tree)
    depth: int
    doc_type: str | None
    issuer: str | None
    date: str | None
    task_lists: int
    evidence: str | None
    path: str | None


@dataclass
class Span:
    start: int
    end: int
    label: str
    key: str | None = None


@dataclass
class TextView:
    """A stored source text with what was found in it, offsets into ``text``."""

    doc_id: str
    path: str
    kind: str | None
    self_key: str | None
    text: str
    references: list[Span]
    task_items: list[Span]
    relations: list[Span]
    label: str | None = None  # the text as a person names it (``display.document_label``)


#: incoming relation types that change a document's standing, as the legal portals word it
STATUS_WORDS = {t: lab["standing"] for t, lab in relation_labels().items() if "standing" in lab}


def _type_named(word: str) -> str | None:
    """The document type a person names by its word or abbreviation, with or without marks ('NĐ', 'ND')."""
    w = word.casefold()
    by_abbreviation = {k.casefold(): v for k, v in type_by_abbreviation().items()}
    found = type_by_word().get(w) or by_abbreviation.get(w)
    if found:
        return found
    folded = {fold(k): v for k, v in {**type_by_word(), **by_abbreviation}.items()}
    return folded.get(fold(word))


class Graph:
    def __init__(self, url: str | Engine | None = None):
        self.engine = url if isinstance(url, Engine) else connect(url)

    # --- keys -------------------------------------------------------------------------------

    def lookup(self, query: str) -> str:
        """The document key for what a person typed."""
        q = " ".join(query.split())
        with self.engine.connect() as conn:
            if conn.execute(select(documents.c.key).where(documents.c.key == q)).scalar() is not None:
                return q
            full = [m for m in run(make_document(q, words=False), Findings(doc_id=""), only=["references"]).mentions if m.form == "full"]
            if full:
                key = full[0].key
                found = conn.execute(select(documents.c.key).where(documents.c.key == key)).scalar()
                if found:
                    return found
                raise KeyLookupError(query, [])
            cands = self._short_form(conn, q)
            if not cands:  # a name typed in full ("Luật Đất đai năm 2024"): asked only when no key or short form answers
                by_name = self._by_name(conn, q)
                if len(by_name) == 1:
                    return by_name[0]
                raise KeyLookupError(query, by_name)
        full_cands = [c for c in cands if " " not in c]
        if len(full_cands) == 1:
            return full_cands[0]
        if len(cands) == 1:
            return cands[0]
        raise KeyLookupError(query, cands)

    def _short_form(self, conn: Any, q: str) -> list[str]:
        """The documents a short form names ("KL 120", "kết luận số 120"; a State document by number and year, as
        people write decrees: "Nghị định 73/2024", "NĐ 24/2023", "ND 73/2024"), full keys first."""
        m = re.fullmatch(r"(?P<type>.*?)\s*(?:số\s*)?(?P<num>\d+[a-zA-Z]?)(?:\s*/\s*(?P<year>(?:19|20)\d\d))?", q, re.IGNORECASE)
        if not m:
            return []
        word = m.group("type").strip()
        doc_type = _type_named(word) if word else None
        if word and doc_type is None:
            return []
        num = m.group("num").lstrip("0").lower() or "0"
        spellings = {num, num.upper(), "0" + num, "00" + num, "0" + num.upper()}
        stmt = select(documents.c.key).where(documents.c.number.in_(sorted(spellings)))
        if doc_type:
            stmt = stmt.where(documents.c.doc_type == doc_type)
        if m.group("year"):
            stmt = stmt.where(documents.c.year == int(m.group("year")))
        return sorted(set(conn.execute(stmt).scalars()), key=lambda k: (" " in k, k))  # full keys before unresolved short forms

    def _by_name(self, conn: Any, q: str) -> list[str]:
        """The documents a name typed in full names ("Luật Đất đai năm 2024", "luat dat dai 2024", "Nghị quyết Đại hội
        XIII"): a numbered law that some text names with its number ("Luật Đất đai số 31/2024/QH15"), else a document
        cited by name only (the ``named`` rows). A year typed must be the document's."""
        folded = fold(q)
        if len(folded.split()) < 2 or not any(c.isalpha() for c in folded):
            return []
        ym = re.search(r"(?:\s+nam)?\s+((?:19|20)\d\d)$", folded)
        base, year = (folded[: ym.start()], int(ym.group(1))) if ym else (folded, None)
        numbered = set()
        rows = conn.execute(select(mentions.c.key, mentions.c.surface, mentions.c.year).distinct()
                            .where(mentions.c.form == "full", mentions.c.doc_type.in_(NAMED_TYPES), mentions.c.key.is_not(None)))
        for r in rows:
            name = _fold(re.split(r"\s+(?:số|Số|SỐ)\b", r.surface or "")[0])
            if name == base and (year is None or r.year == year):
                numbered.add(r.key)
        if numbered:
            return sorted(numbered)
        names: dict[str, set[str]] = {}
        for key, name in conn.execute(select(named.c.key, named.c.name).where(named.c.key.is_not(None)).distinct()):
            names.setdefault(key, set()).add(_fold(name))
        wanted = {folded, base} if year is None else {folded, f"{base} nam {year}"}
        return sorted(k for k, ns in names.items() if (ns | {_fold(k)}) & wanted)

    def named_view(self, key: str) -> DocumentView | None:
        """A document cited by name only, as a view: its most frequent name as the title, the type its name opens
        with, the texts naming it."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(named.c.name, named.c.doc_id).where(named.c.key == key)).all()
        if not rows:
            return None
        name = prevailing(Counter(r.name for r in rows))
        words = type_by_word()
        opener = next((words[w] for w in sorted(words, key=len, reverse=True) if fold(name).startswith(fold(w) + " ")), None)
        year = re.search(r"\b((?:19|20)\d\d)\b", name)
        return DocumentView(key=key, doc_type=opener, number=None, symbol=None, year=int(year.group(1)) if year else None, date=None,
                            issuer=None, title=name, first_seen=None, last_seen=None, mention_count=len(rows),
                            cited_by_texts=len({r.doc_id for r in rows}), relations_out=[], relations_in=[], task_lists=0)

    # --- queries ----------------------------------------------------------------------------

    def implements(self, key: str, transitive: bool = False, max_depth: int | None = None) -> Chain:
        """Documents that implement ``key``; with ``transitive``, through chains of plans, at most
        ``max_depth`` levels (default ``MAX_DEPTH``); the result says whether the chain went further."""
        key = self.lookup(key)
        limit = max(1, max_depth or MAX_DEPTH) if transitive else 1
        depth = limit + 1 if transitive else 1  # one level more than asked, to know whether the chain was cut
        sql = text(
            """
            WITH RECURSIVE chain(k, via, depth) AS (
                SELECT source_key, target_key, 1 FROM relations WHERE type = 'implements' AND target_key = :key
                UNION
                SELECT r.source_key, r.target_key, c.depth + 1
                FROM relations r JOIN chain c ON r.target_key = c.k
                WHERE r.type = 'implements' AND c.depth < :depth
            ),
            best AS (SELECT k, via, MIN(depth) AS depth FROM chain WHERE k <> :key GROUP BY k, via),
            ev AS (
                SELECT b.k, b.via, b.depth,
                       (SELECT MIN(r.id) FROM relations r
                        WHERE r.source_key = b.k AND r.target_key = b.via AND r.type = 'implements') AS rid
                FROM best b
            )
            SELECT ev.k, ev.via, ev.depth, d.doc_type, d.issuer, d.date, r.evidence, s.path
            FROM ev
            LEFT JOIN documents d ON d.key = ev.k
            LEFT JOIN relations r ON r.id = ev.rid
            LEFT JOIN sources s ON s.doc_id = r.doc_id
            ORDER BY ev.depth, ev.k
            """
        )
        with self.engine.connect() as conn:
            rows = conn.execute(sql, {"key": key, "depth": depth}).all()
        nearest: dict[str, int] = {}
        for r in rows:
            nearest[r.k] = min(nearest.get(r.k, depth), r.depth)
        cut = any(d > limit for d in nearest.values())  # a document first reached below the limit
        return Chain((Hit(key=r.k, doc_type=r.doc_type, issuer=r.issuer, date=r.date, relation="implements", via=r.via,
                          depth=r.depth, evidence=r.evidence, path=r.path) for r in rows if r.depth <= limit),
                     depth_limit=limit, cut=cut)

    def cited_by(self, key: str) -> list[Citation]:
        """Texts that cite ``key`` (by any form, short forms resolved across the corpus)."""
        key = self.lookup(key)
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(sources.c.path, sources.c.doc_id, sources.c.self_key, sources.c.kind, func.count().label("n"),
                       func.min(mentions.c.surface).label("surface"), func.min(mentions.c.sentence).label("sentence"))
                .join(sources, sources.c.doc_id == mentions.c.doc_id)
                .where(mentions.c.key == key, mentions.c.is_self.is_(False))
                .group_by(sources.c.path, sources.c.doc_id, sources.c.self_key, sources.c.kind)
                .order_by(sources.c.path)
            ).all()
            if not rows:  # a document cited by name only: the texts naming it
                rows = conn.execute(
                    select(sources.c.path, sources.c.doc_id, sources.c.self_key, sources.c.kind, func.count().label("n"),
                           func.min(named.c.surface).label("surface"), func.min(named.c.surface).label("sentence"))
                    .join(sources, sources.c.doc_id == named.c.doc_id).where(named.c.key == key)
                    .group_by(sources.c.path, sources.c.doc_id, sources.c.self_key, sources.c.kind).order_by(sources.c.path)
                ).all()
        names = self.labels(r.self_key or r.doc_id for r in rows)
        return [Citation(r.path, r.doc_id, r.self_key, r.kind, r.n, r.surface, r.sentence, names[r.self_key or r.doc_id]) for r in rows]

    def labels(self, keys: Iterable[str]) -> dict[str, str]:
        """How a person names each key: a document by its key; a text or a document without a number (keyed by
        its text's id) by its type, issuer and date, or its title (``display.document_label``)."""
        keys = set(keys)
        out = {k: k for k in keys}
        ids = sorted(k for k in keys if k.startswith(("sha256:", "error:")))
        if ids:
            with self.engine.connect() as conn:
                for i in range(0, len(ids), 500):
                    for r in conn.execute(select(sources.c.doc_id, sources.c.doc_type, sources.c.issuer, sources.c.date, sources.c.title,
                                                 sources.c.path).where(sources.c.doc_id.in_(ids[i : i + 500]))):
                        out[r.doc_id] = document_label(r.doc_id, r.doc_type, None, r.issuer, r.date, r.title or Path(r.path).name)
        loose = sorted(k for k in keys if " " in k and not k.startswith(("sha256:", "error:")))  # a folded name, or "Chỉ thị 06"
        if loose:
            with self.engine.connect() as conn:
                for i in range(0, len(loose), 500):
                    counts: dict[str, Counter[str]] = {}
                    for key, name in conn.execute(select(named.c.key, named.c.name).where(named.c.key.in_(loose[i : i + 500]))):
                        counts.setdefault(key, Counter())[name] += 1
                    for key, names in counts.items():  # the name most texts use, then the fuller
                        out[key] = prevailing(names)
        return out

    def cites(self, key: str) -> list[Hit]:
        """Documents that ``key`` cites: each stated relation (one row per document and relation, so that a document
        both amended and repealed in part shows both; a change says whether it acts on a part, and which), then
        the documents its own text(s) name without a relation (``cites``)."""
        key = self.lookup(key)
        out: dict[tuple[str, str], Hit] = {}
        with self.engine.connect() as conn:
            for r in conn.execute(
                select(relations.c.target_key, relations.c.type, relations.c.evidence, relations.c.pinpoints, relations.c.partial,
                       sources.c.path)
                .join(sources, sources.c.doc_id == relations.c.doc_id)
                .where(relations.c.source_key == key).order_by(relations.c.id)
            ):
                pins = json.loads(r.pinpoints) if r.pinpoints else []
                change = r.type in ("amends", "replaces", "repeals")
                hit = out.setdefault((r.target_key, r.type), Hit(key=r.target_key, relation=r.type, evidence=r.evidence, path=r.path,
                                                                 partial=False if change else None, pinpoints=[] if change else None))
                if change:  # stated more than once (title and article): the parts of every statement
                    hit.partial = bool(hit.partial or pins or r.partial)
                    hit.pinpoints = (hit.pinpoints or []) + [p for p in pins if p not in (hit.pinpoints or [])]
            related = {k for k, _t in out}
            own = select(sources.c.doc_id).where(sources.c.self_key == key)
            for r in conn.execute(
                select(mentions.c.key, mentions.c.sentence, sources.c.path)
                .join(sources, sources.c.doc_id == mentions.c.doc_id)
                .where(mentions.c.doc_id.in_(own), mentions.c.is_self.is_(False))
                .order_by(mentions.c.start)
            ):
                if r.key not in related:
                    out.setdefault((r.key, "cites"), Hit(key=r.key, relation="cites", evidence=r.sentence, path=r.path))
            for h in out.values():
                d = conn.execute(select(documents).where(documents.c.key == h.key)).mappings().first()
                if d:
                    h.doc_type, h.issuer, h.date = d["doc_type"], d["issuer"], d["date"]
        return list(out.values())

    def tasks(self, key: str) -> list[TaskListView]:
        key = self.lookup(key)
        with self.engine.connect() as conn:
            lists = conn.execute(
                select(task_lists, sources.c.path).join(sources, sources.c.doc_id == task_lists.c.doc_id).where(task_lists.c.owner_key == key)
            ).mappings().all()
            out = []
            for tl in lists:
                items = conn.execute(select(task_items).where(task_items.c.list_id == tl["id"]).order_by(task_items.c.ordinal)).mappings().all()
                out.append(TaskListView(key, tl["path"], tl["marker_style"], tl["declared_count"],
                                        [TaskItemView(i["ordinal"], i["marker"], i["text"], json.loads(i["refs"] or "[]"))
                                         for i in items], tl["doc_id"]))
        return out

    def assignments(self, key: str | None = None, to: str | None = None, due_before: str | None = None,
                    on: str | None = None) -> list[AssignmentView]:
        """Who must do what, by when: the assignments of ``key``'s own texts (all, without a key); ``to``: only those
        whose lead (or, marked so, a partner) is that body, matched as issuers are (abbreviations expanded, folded:
        "UBND tỉnh" is "Ủy ban nhân dân tỉnh"); ``due_before``: only deadlines before that date; ``on``: the date
        "overdue" is judged on (default today)."""
        import datetime as dt

        from ..issuers import canonical_issuer, same_body

        def same(a: str, b: str) -> bool:  # as issuers are matched, and the same kind of body ("Bộ Tài chính" is no "Sở Tài chính")
            return bool(a and b) and (a in b or b in a or same_body(a, b) and a.split()[0] == b.split()[0])

        on = on or dt.date.today().isoformat()
        a = assignments_table
        stmt = (select(a, sources.c.path, sources.c.self_key).join(sources, sources.c.doc_id == a.c.doc_id)
                .order_by(sources.c.path, a.c.start))
        if key is not None and key.startswith("sha256:"):  # a text without a number: by its own id
            stmt = stmt.where(a.c.doc_id == key)
        elif key is not None:
            key = self.lookup(key)
            stmt = stmt.where(sources.c.self_key == key)
        if due_before:
            stmt = stmt.where(a.c.due_date.is_not(None), a.c.due_date < due_before)
        want = canonical_issuer(to) if to else None
        out = []
        with self.engine.connect() as conn:
            rows = conn.execute(stmt).mappings().all()
        for r in rows:
            partners = json.loads(r["partners"] or "[]")
            role = "lead"
            if want is not None:
                if same(want, r["lead_folded"] or ""):
                    role = "lead"
                elif any(same(want, canonical_issuer(p)) for p in partners):
                    role = "partner"
                else:
                    continue
            out.append(AssignmentView(key=r["self_key"] or r["doc_id"], task=r["task"], lead=r["lead"], partners=partners,
                                      due=r["due_written"], due_date=r["due_date"], overdue=bool(r["due_date"] and r["due_date"] < on),
                                      section=r["section"], evidence=r["evidence"], path=r["path"], doc_id=r["doc_id"], role=role))
        return out

    def show(self, key: str) -> DocumentView:
        key = self.lookup(key)
        with self.engine.connect() as conn:
            d = conn.execute(select(documents).where(documents.c.key == key)).mappings().first()
            if d is None:
                view = self.named_view(key)
                if view is None:
                    raise KeyLookupError(key, [])
                return view
            n_texts = conn.execute(
                select(func.count(func.distinct(mentions.c.doc_id))).where(mentions.c.key == key, mentions.c.is_self.is_(False))
            ).scalar_one()
            out_rel = [Hit(key=r.target_key, relation=r.type, evidence=r.evidence, path=r.path) for r in conn.execute(
                select(relations.c.target_key, relations.c.type, relations.c.evidence, sources.c.path)
                .join(sources, sources.c.doc_id == relations.c.doc_id).where(relations.c.source_key == key))]
            in_rel = [Hit(key=r.source_key, relation=r.type, evidence=r.evidence, path=r.path) for r in conn.execute(
                select(relations.c.source_key, relations.c.type, relations.c.evidence, sources.c.path)
                .join(sources, sources.c.doc_id == relations.c.doc_id).where(relations.c.target_key == key))]
            n_tasks = conn.execute(select(func.count()).select_from(task_lists).where(task_lists.c.owner_key == key)).scalar_one()
            text_id = conn.execute(select(sources.c.doc_id).join(texts, texts.c.doc_id == sources.c.doc_id)
                                   .where(sources.c.self_key == key).order_by(sources.c.ingested_at).limit(1)).scalar()
        return DocumentView(key=d["key"], doc_type=d["doc_type"], number=d["number"], symbol=d["symbol"], year=d["year"], date=d["date"],
                            issuer=d["issuer"], title=d["title"], first_seen=d["first_seen"], last_seen=d["last_seen"],
                            mention_count=d["mention_count"], cited_by_texts=n_texts, relations_out=out_rel, relations_in=in_rel,
                            task_lists=n_tasks, text_id=text_id)

    # --- frames and exports -------------------------------------------------------------------

    # --- what the web page shows --------------------------------------------------------------

    def search(self, q: str, limit: int = 50) -> list[SearchHit]:
        """Documents for what a person typed: the key itself when it names one ("KL 120", "Kết luận
        120-KL/TW", "Nghị định 73/2024"), then full-text hits on keys, titles, issuers and citing
        sentences (case and diacritics ignored: "ket luan 120")."""
        exact: list[str] = []
        try:
            exact = [self.lookup(q)]
        except KeyLookupError as exc:
            exact = exc.candidates[:limit]
        words = [w for w in fold(q).split() if w][:12]
        found: list[str] = []
        if words:
            pool = limit * SEARCH_POOL  # candidates fetched by the index, then ranked by title and marks
            with self.engine.connect() as conn:
                if conn.dialect.name == "sqlite":  # whole words; the last may be a word still being typed
                    rows = conn.execute(text(f"SELECT key FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :q ORDER BY rank LIMIT :n"),
                                        {"q": " ".join([f'"{w}"' for w in words[:-1]] + [f'"{words[-1]}"*']), "n": pool})
                elif conn.dialect.name == "postgresql":
                    terms = [w for w in words[:-1] if w.isalnum()] + ([f"{words[-1]}:*"] if words[-1].isalnum() else [])
                    rows = conn.execute(text("SELECT key FROM document_search WHERE to_tsvector('simple', body) @@ to_tsquery('simple', :q) "
                                             "ORDER BY ts_rank(to_tsvector('simple', body), to_tsquery('simple', :q)) DESC LIMIT :n"),
                                        {"q": " & ".join(terms), "n": pool})
                else:
                    rows = conn.execute(select(document_search.c.key).where(
                        *[document_search.c.body.contains(w) for w in words]).limit(pool))
                fts = [r[0] for r in rows]
                found = self._ranked(fts + [k for k in self._named_matches(conn, words) if k not in fts], q, words)
        keys = list(dict.fromkeys(exact + found))[:limit]
        hits = self._hits(keys, set(exact))
        if words:
            self._snippets(hits, words)
        return hits

    def _named_matches(self, conn: Any, words: list[str]) -> list[str]:
        """Documents cited by name only whose name holds every word typed (the last as a prefix)."""
        last = words[-1]
        out: dict[str, None] = {}  # in the order first met
        for key, name in conn.execute(select(named.c.key, named.c.name).where(named.c.key.is_not(None)).distinct()):
            have = _fold(name).split()
            if all(w in have for w in words[:-1]) and any(h.startswith(last) for h in have):
                out.setdefault(key)
        return list(out)

    def _ranked(self, keys: list[str], q: str, words: list[str]) -> list[str]:
        """The index's hits ranked as a reader expects: a document whose trích yếu is the query first, then one whose
        trích yếu holds the query's words together, then all of them; among equals, the one whose words match the
        query's own Vietnamese words (marks included: "sơ" is not "số") more often; then the index's order."""
        if not keys:
            return keys
        with self.engine.connect() as conn:
            rows: dict[str, Any] = {r.key: r for r in conn.execute(select(documents.c.key, documents.c.title, documents.c.doc_type,
                                                                          documents.c.issuer).where(documents.c.key.in_(keys)))}
        for key, name in self.labels([k for k in keys if k not in rows]).items():  # named only: its name is its title
            rows[key] = Row(key=key, title=name, doc_type=None, issuer=None)
        phrase = re.compile(r"(?<![a-z0-9])" + r"\s+".join(map(re.escape, words)) + r"(?![a-z0-9])")
        marked = [w for w in re.findall(r"[^\W_]+", q.casefold()) if w]

        def score(i_key: tuple[int, str]) -> tuple:
            i, key = i_key
            r = rows.get(key)
            title = fold(r.title) if r is not None and r.title else ""
            title_words = set(title.split())
            named = " ".join(str(x) for x in (r.title, r.doc_type, r.issuer, key) if x).casefold() if r is not None else key.casefold()
            own = set(re.findall(r"[^\W_]+", named))
            return (-(title == " ".join(words)), -bool(title and phrase.search(title)), -all(w in title_words for w in words),
                    -sum(w in own for w in marked), i)

        return [k for _i, k in sorted(enumerate(keys), key=score)]

    def _snippets(self, hits: list[SearchHit], words: list[str]) -> None:
        """Each word hit's snippet: the first of its title and citing sentences that holds the words."""
        todo = [h for h in hits if not h.exact]
        with self.engine.connect() as conn:
            for h in todo:
                sentences = conn.execute(select(mentions.c.sentence).where(mentions.c.key == h.key, mentions.c.sentence.is_not(None))
                                         .order_by(mentions.c.id).limit(8)).scalars()
                for i, candidate in enumerate([h.title, *sentences]):
                    if cut := snippet(candidate, words):
                        h.snippet, h.snippet_in_title = cut, i == 0
                        break

    def _hits(self, keys: list[str], exact: set[str]) -> list[SearchHit]:
        if not keys:
            return []
        with self.engine.connect() as conn:
            docs = {r.key: r for r in conn.execute(select(documents).where(documents.c.key.in_(keys)))}
            cites = dict(conn.execute(
                select(mentions.c.key, func.count(func.distinct(mentions.c.doc_id)))
                .where(mentions.c.key.in_(keys), mentions.c.is_self.is_(False)).group_by(mentions.c.key)).all())
        out = []
        for k in keys:
            if k in docs:
                out.append(SearchHit(k, docs[k].doc_type, docs[k].date, docs[k].issuer, docs[k].title, cites.get(k, 0), k in exact))
            elif view := self.named_view(k):  # a document cited by name only
                out.append(SearchHit(k, view.doc_type, None, None, view.title, view.cited_by_texts, k in exact))
        return out

    def edges(self, key: str) -> list[Edge]:
        """Every stated relation of ``key``, both ways, with the other document's type, date and issuer."""
        key = self.lookup(key)
        out: list[Edge] = []
        with self.engine.connect() as conn:
            for direction, here, there in (("out", relations.c.source_key, relations.c.target_key),
                                           ("in", relations.c.target_key, relations.c.source_key)):
                rows = conn.execute(
                    select(there.label("other"), relations.c.type, relations.c.evidence, relations.c.doc_id, sources.c.path,
                           documents.c.doc_type, documents.c.date, documents.c.issuer)
                    .join(sources, sources.c.doc_id == relations.c.doc_id)
                    .outerjoin(documents, documents.c.key == there)
                    .where(here == key).order_by(relations.c.type, there)
                ).all()
                seen = set()
                for r in rows:
                    if (r.other, r.type) in seen:
                        continue
                    seen.add((r.other, r.type))
                    out.append(Edge(r.other, r.type, direction, r.doc_type, r.date, r.issuer, r.evidence, r.path, r.doc_id))
        return out

    def status(self, key: str) -> list[Edge]:
        """What changed a document's standing: incoming replaces, repeals and amends, oldest first."""
        return sorted((e for e in self.edges(key) if e.direction == "in" and e.relation in STATUS_WORDS),
                      key=lambda e: (e.date or "9999", e.key))

    def standings(self, keys: Iterable[str]) -> dict[str, list[Edge]]:
        """``status`` of many documents at once: for each key, the incoming relations that changed its standing."""
        keys = sorted(set(keys))
        out: dict[str, list[Edge]] = {k: [] for k in keys}
        with self.engine.connect() as conn:
            for i in range(0, len(keys), 500):
                rows = conn.execute(
                    select(relations.c.target_key, relations.c.source_key, relations.c.type, relations.c.evidence, relations.c.doc_id,
                           sources.c.path, documents.c.doc_type, documents.c.date, documents.c.issuer)
                    .join(sources, sources.c.doc_id == relations.c.doc_id)
                    .outerjoin(documents, documents.c.key == relations.c.source_key)
                    .where(relations.c.target_key.in_(keys[i : i + 500]), relations.c.type.in_(sorted(STATUS_WORDS)))).all()
                seen = set()
                for r in rows:
                    if (r.target_key, r.source_key, r.type) not in seen:
                        seen.add((r.target_key, r.source_key, r.type))
                        out[r.target_key].append(Edge(r.source_key, r.type, "in", r.doc_type, r.date, r.issuer, r.evidence, r.path, r.doc_id))
        return {k: sorted(v, key=lambda e: (e.date or "9999", e.key)) for k, v in out.items()}

    def standing(self, key: str, on: str | None = None) -> Standing:
        """Whether ``key`` is in force on ``on`` (ISO date; default today), with the dates and changes it rests
        on (``graph.standing``)."""
        key = self.lookup(key)
        return self.standing_many([key], on)[key]

    def standing_many(self, keys: Iterable[str], on: str | None = None) -> dict[str, Standing]:
        """``standing`` of many documents in a few queries (a tree of plans, a page of hits)."""
        import datetime as dt

        on = on or dt.date.today().isoformat()
        keys = sorted(set(keys))
        facts: dict[str, dict[str, Any]] = {k: {"effective": None, "expires": None, "changes": [], "issued": None} for k in keys}
        with self.engine.connect() as conn:
            for i in range(0, len(keys), 500):
                chunk = keys[i : i + 500]
                for k, date in conn.execute(select(documents.c.key, documents.c.date).where(documents.c.key.in_(chunk))):
                    facts[k]["issued"] = date
                for r in conn.execute(select(effects.c.key, effects.c.kind, effects.c.date, effects.c.evidence, effects.c.is_self,
                                             effects.c.doc_id, sources.c.path)
                                      .join(sources, sources.c.doc_id == effects.c.doc_id).where(effects.c.key.in_(chunk))
                                      .order_by(effects.c.is_self.desc(), effects.c.date)):
                    if r.date and facts[r.key][r.kind] is None:  # its own text's statement first
                        facts[r.key][r.kind] = Dated(r.date, r.evidence, r.path)
                rows = conn.execute(
                    select(relations.c.target_key, relations.c.source_key, relations.c.type, relations.c.pinpoints, relations.c.partial,
                           relations.c.evidence, sources.c.path)
                    .join(sources, sources.c.doc_id == relations.c.doc_id)
                    .where(relations.c.target_key.in_(chunk), relations.c.type.in_(("replaces", "repeals", "amends")))).all()
                changers = sorted({r.source_key for r in rows})
                when = self._dates_of_effect(conn, changers)
                seen = set()
                for r in rows:
                    pins = json.loads(r.pinpoints) if r.pinpoints else []
                    part = bool(pins) or bool(r.partial)
                    if (r.target_key, r.source_key, r.type, part) in seen:
                        continue
                    seen.add((r.target_key, r.source_key, r.type, part))
                    facts[r.target_key]["changes"].append(Change(r.source_key, r.type, part, pins, when[r.source_key],
                                                                 r.evidence, r.path))
        return {k: decide(k, on, f["effective"], f["expires"], f["changes"], f["issued"]) for k, f in facts.items()}

    def _dates_of_effect(self, conn: Any, keys: list[str]) -> dict[str, Dated]:
        """When each document takes effect: a stated date of effect, else its date of issue, else unknown."""
        out = {k: Dated(None, basis="unknown") for k in keys}
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            for k, date, year in conn.execute(select(documents.c.key, documents.c.date, documents.c.year).where(documents.c.key.in_(chunk))):
                out[k] = Dated(date, None, None, "issued", ISSUED_NOTE) if date else Dated(None, basis="unknown", year=year)
            for r in conn.execute(select(effects.c.key, effects.c.date, effects.c.evidence, sources.c.path)
                                  .join(sources, sources.c.doc_id == effects.c.doc_id)
                                  .where(effects.c.key.in_(chunk), effects.c.kind == "effective", effects.c.date.is_not(None))
                                  .order_by(effects.c.is_self, effects.c.date.desc())):
                out[r.key] = Dated(r.date, r.evidence, r.path, "stated")  # the last written wins: own text, earliest date
        return out

    def implements_tree(self, key: str, max_depth: int | None = None) -> Chain:
        """The plans implementing ``key``, through chains (at most ``max_depth`` levels), each under the
        document it implements, with whether it has task lists of its own."""
        hits = self.implements(key, transitive=True, max_depth=max_depth)
        if not hits:
            return Chain(depth_limit=hits.depth_limit, cut=hits.cut)
        with self.engine.connect() as conn:
            tasks = dict(conn.execute(select(task_lists.c.owner_key, func.count()).where(
                task_lists.c.owner_key.in_([h.key for h in hits])).group_by(task_lists.c.owner_key)).all())
        return Chain((TreeNode(h.key, h.via or "", h.depth, h.doc_type, h.issuer, h.date, tasks.get(h.key, 0), h.evidence, h.path)
                      for h in hits), depth_limit=hits.depth_limit, cut=hits.cut)

    def neighbourhood(self, key: str, hops: int = 2, limit: int = 60) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """Documents within ``hops`` stated relations of ``key`` (at most ``limit``), and the relations
        between them: (nodes with their hop, edges with their type)."""
        key = self.lookup(key)
        hop = {key: 0}
        frontier = {key}
        edges: set[tuple[str, str, str]] = set()
        with self.engine.connect() as conn:
            for h in range(1, hops + 1):
                if not frontier or len(hop) >= limit:
                    break
                rows = conn.execute(select(relations.c.source_key, relations.c.target_key, relations.c.type).where(
                    relations.c.source_key.in_(frontier) | relations.c.target_key.in_(frontier))).all()
                nxt = set()
                for r in rows:
                    for k in (r.source_key, r.target_key):
                        if k not in hop and len(hop) < limit:
                            hop[k] = h
                            nxt.add(k)
                    if r.source_key in hop and r.target_key in hop:
                        edges.add((r.source_key, r.target_key, r.type))
                frontier = nxt
            docs = {r.key: r for r in conn.execute(select(documents.c.key, documents.c.doc_type).where(documents.c.key.in_(list(hop))))}
        nodes = [{"key": k, "hop": h, "doc_type": docs[k].doc_type if k in docs else None} for k, h in hop.items()]
        return nodes, [{"source": s, "target": t, "type": ty} for s, t, ty in sorted(edges)]

    def source_text(self, doc_id: str) -> TextView:
        """A stored text by its ``doc_id`` with its references, task items and relation evidence."""
        with self.engine.connect() as conn:
            src = conn.execute(select(sources, texts.c.text).outerjoin(texts, texts.c.doc_id == sources.c.doc_id)
                               .where(sources.c.doc_id == doc_id)).mappings().first()
            if src is None or src["text"] is None:
                raise KeyLookupError(doc_id, [])
            refs = [Span(r.start, r.end, r.form, r.key) for r in conn.execute(
                select(mentions.c.start, mentions.c.end, mentions.c.form, mentions.c.key)
                .where(mentions.c.doc_id == doc_id, mentions.c.form != "identity").order_by(mentions.c.start))]
            items = [Span(r.start, r.end, str(r.ordinal)) for r in conn.execute(
                select(task_items.c.start, task_items.c.end, task_items.c.ordinal, task_items.c.marker)
                .where(task_items.c.doc_id == doc_id).order_by(task_items.c.start))]
            rels = [Span(r.start, r.end, r.type, f"{r.source_key} → {r.target_key}") for r in conn.execute(
                select(relations.c.start, relations.c.end, relations.c.type, relations.c.source_key, relations.c.target_key)
                .where(relations.c.doc_id == doc_id).order_by(relations.c.start))]
        label = src["self_key"] or document_label(doc_id, src["doc_type"], None, src["issuer"], src["date"],
                                                  src["title"] or Path(src["path"]).name)
        return TextView(doc_id, src["path"], src["kind"], src["self_key"], src["text"], refs, items, rels, label)

    # --- frames and exports (``export.py``) -----------------------------------------------------

    def to_frames(self) -> dict[str, Any]:
        """pandas DataFrames: documents, mentions, relations, tasks, sources."""
        from .export import to_frames

        return to_frames(self.engine)

    def export(self, fmt: str, out: str | Path) -> list[Path]:
        """Write the graph as csv | parquet | jsonl (a folder with nodes.* and edges.*) or graphml | gexf (one file)."""
        from .export import export

        return export(self.engine, fmt, out)
