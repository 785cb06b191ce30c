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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.engine import Engine

from ..find.references import find_references
from ..store import connect, documents, mentions, relations, sources, task_items, task_lists
from ..tables import type_by_abbreviation, type_by_word
from ..text import make_document

MAX_DEPTH = 25


class KeyLookupError(LookupError):
    """A key that matches no document, or several."""

    def __init__(self, query: str, candidates: list[str]):
        self.query = query
        self.candidates = candidates
        if candidates:
            msg = f"'{query}' is ambiguous: " + ", ".join(candidates[:20]) + (" …" if len(candidates) > 20 else "")
        else:
            msg = f"no document matches '{query}'"
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
            full = [m for m in find_references(make_document(q, words=False)) if m.form == "full"]
            if full:
                key = full[0].key
                found = conn.execute(select(documents.c.key).where(documents.c.key == key)).scalar()
                if found:
                    return found
                raise KeyLookupError(query, [])
            m = re.fullmatch(r"(?P<type>.*?)\s*(?:số\s*)?(?P<num>\d+[a-zA-Z]?)", q, re.IGNORECASE)
            if not m:
                raise KeyLookupError(query, [])
            word = m.group("type").strip()
            doc_type = None
            if word:
                doc_type = type_by_word().get(word.casefold()) or {k.casefold(): v for k, v in type_by_abbreviation().items()}.get(word.casefold())
                if doc_type is None:
                    raise KeyLookupError(query, [])
            num = m.group("num").lstrip("0").lower() or "0"
            spellings = {num, num.upper(), "0" + num, "00" + num, "0" + num.upper()}
            stmt = select(documents.c.key).where(documents.c.number.in_(sorted(spellings)))
            if doc_type:
                stmt = stmt.where(documents.c.doc_type == doc_type)
            cands = sorted(
                set(conn.execute(stmt).scalars()),
                key=lambda k: (" " in k, k),  # full keys before unresolved short forms
            )
        full_cands = [c for c in cands if " " not in c]
        if len(full_cands) == 1:
            return full_cands[0]
        if len(cands) == 1:
            return cands[0]
        raise KeyLookupError(query, cands)

    # --- queries ----------------------------------------------------------------------------

    def implements(self, key: str, transitive: bool = False) -> list[Hit]:
        """Documents that implement ``key``; with ``transitive``, through chains of plans."""
        key = self.lookup(key)
        depth = MAX_DEPTH if transitive else 1
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
        return [Hit(key=r.k, doc_type=r.doc_type, issuer=r.issuer, date=r.date, relation="implements", via=r.via, depth=r.depth,
                    evidence=r.evidence, path=r.path) for r in rows]

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
        return [Citation(r.path, r.doc_id, r.self_key, r.kind, r.n, r.surface, r.sentence) for r in rows]

    def cites(self, key: str) -> list[Hit]:
        """Documents that ``key`` cites: the references of its own text(s) and its stated relations."""
        key = self.lookup(key)
        out: dict[str, Hit] = {}
        with self.engine.connect() as conn:
            for r in conn.execute(
                select(relations.c.target_key, relations.c.type, relations.c.evidence, sources.c.path)
                .join(sources, sources.c.doc_id == relations.c.doc_id)
                .where(relations.c.source_key == key)
            ):
                out.setdefault(r.target_key, Hit(key=r.target_key, relation=r.type, evidence=r.evidence, path=r.path))
            own = select(sources.c.doc_id).where(sources.c.self_key == key)
            for r in conn.execute(
                select(mentions.c.key, mentions.c.sentence, sources.c.path)
                .join(sources, sources.c.doc_id == mentions.c.doc_id)
                .where(mentions.c.doc_id.in_(own), mentions.c.is_self.is_(False))
                .order_by(mentions.c.start)
            ):
                out.setdefault(r.key, Hit(key=r.key, relation="cites", evidence=r.sentence, path=r.path))
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
                                         for i in items]))
        return out

    def show(self, key: str) -> DocumentView:
        key = self.lookup(key)
        with self.engine.connect() as conn:
            d = conn.execute(select(documents).where(documents.c.key == key)).mappings().first()
            if d is None:
                raise KeyLookupError(key, [])
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
        return DocumentView(key=d["key"], doc_type=d["doc_type"], number=d["number"], symbol=d["symbol"], year=d["year"], date=d["date"],
                            issuer=d["issuer"], title=d["title"], first_seen=d["first_seen"], last_seen=d["last_seen"],
                            mention_count=d["mention_count"], cited_by_texts=n_texts, relations_out=out_rel, relations_in=in_rel,
                            task_lists=n_tasks)

    # --- frames and exports -------------------------------------------------------------------

    # --- frames and exports (``export.py``) -----------------------------------------------------

    def to_frames(self) -> dict[str, Any]:
        """pandas DataFrames: documents, mentions, relations, tasks, sources."""
        from .export import to_frames

        return to_frames(self.engine)

    def export(self, fmt: str, out: str | Path) -> list[Path]:
        """Write the graph as csv | parquet | jsonl (a folder with nodes.* and edges.*) or graphml | gexf (one file)."""
        from .export import export

        return export(self.engine, fmt, out)
