"""Loading extractions: one transaction per source text (a rerun changes nothing, a changed file
replaces its rows, a crash leaves nothing half-written), the Party-term rule for keys, the
``documents`` aggregates, and corpus-wide resolution of short forms over the stored documents
(the rule is ``pipeline.resolve``'s; this module supplies the SQL candidates and writes the result).
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

from ..issuers import IssuerMatcher, canonical_issuer
from ..keys import base_key, number_key
from ..records import Extraction, Ref
from ..resolve import Ambiguity, Candidate, candidate_keys, lookup_key
from ..tables import doc_types, type_family
from .db import now, retrying
from .schema import (
    CHILDREN,
    assignments,
    count_values,
    documents,
    effects,
    headline,
    mention_rows,
    mentions,
    named,
    refresh_documents,
    relations,
    sources,
    task_items,
    task_lists,
    texts,
)


@dataclass
class LoadResult:
    path: str
    doc_id: str
    action: str  # inserted | replaced | unchanged
    keys: set[str] = field(default_factory=set)


#: how far before and after a span its evidence sentence is looked for (a line without punctuation has no end)
EVIDENCE_REACH = 1000


def _sentence(text: str | None, start: int, end: int) -> str | None:
    """The sentence around ``start``..``end`` (from a line break or ". " to the next), at most ``EVIDENCE_REACH``
    characters each way, cut to 1,000: the evidence stored with a mention or a relation."""
    if not text:
        return None
    floor, ceiling = max(0, start - EVIDENCE_REACH), min(len(text), end + EVIDENCE_REACH)
    lo = max(text.rfind("\n", floor, start), text.rfind(". ", floor, start) + 1, floor)
    hi_candidates = [i for i in (text.find("\n", end, ceiling), text.find(". ", end, ceiling)) if i >= 0]
    hi = min(hi_candidates) + 1 if hi_candidates else ceiling
    return text[lo:hi].strip()[:1000]


def load(conn: Connection, ex: Extraction, path: str | None = None) -> LoadResult:
    """Load one extraction inside the caller's transaction (see ``load_extraction``)."""
    path = path or ex.path
    prev = conn.execute(select(sources.c.doc_id).where(sources.c.path == path)).scalars().all()
    if ex.status == "ok":  # a failed file's row is replaced every time it is tried (and fails) again
        if ex.doc_id in prev:
            return LoadResult(path, ex.doc_id, "unchanged")
        same_content = conn.execute(select(sources.c.path).where(sources.c.doc_id == ex.doc_id)).scalar()
        if same_content is not None:
            return LoadResult(path, ex.doc_id, "unchanged")
    touched: set[str] = set()
    for old in prev:
        touched |= delete_source(conn, old)
    bases_before = {base_key(k) for k in touched if _party(k)}  # a replaced text's Party keys may lose a year
    stamp = now()
    doc = ex.document
    conn.execute(
        insert(sources).values(
            doc_id=ex.doc_id, path=path, kind=ex.kind, status=ex.status, error=ex.error,
            self_key=doc.key if doc else None, encoding=ex.encoding, ingested_at=stamp,
            doc_type=doc.doc_type if doc else None, issuer=doc.issuer if doc else None, date=doc.date if doc else None,
            title=(doc.title if doc and doc.title else None) or (headline(ex.text) if not doc else None),
            resolution_pending=ex.status == "ok",
        )
    )
    # keys are stored as the text gives them; the Party-term rule runs after (``normalize_terms``)
    rows = []
    if doc is not None and doc.key:
        rows.append(dict(doc_id=ex.doc_id, key=doc.key, raw_key=doc.key, doc_type=doc.doc_type, number=doc.number, symbol=doc.symbol,
                         year=doc.year, date=doc.date, issuer=doc.issuer, title=doc.title, surface="", start=0, end=0,
                         sentence=None, form="identity", resolved=True, is_self=True))
    for m in ex.references:
        if not m.key:
            continue
        rows.append(dict(doc_id=ex.doc_id, key=m.key, raw_key=m.key, doc_type=m.doc_type, number=m.number, symbol=m.symbol,
                         year=m.year, date=m.date, issuer=m.issuer, title=m.title, surface=m.surface, start=m.start, end=m.end,
                         sentence=_sentence(ex.text, m.start, m.end), form=m.form, resolved=m.resolved, is_self=m.self,
                         pinpoints=_pins(m.pinpoints)))
    if rows:
        conn.execute(insert(mentions), rows)
        touched |= count_values(conn, mention_rows(conn, mentions.c.doc_id == ex.doc_id))
    rel_rows = [
        dict(doc_id=ex.doc_id, source_key=r.source, target_key=r.target, raw_source=r.source, raw_target=r.target, type=r.type,
             confidence=r.confidence, start=r.start, end=r.end, evidence=_sentence(ex.text, r.start, r.end), rule=r.rule,
             pinpoints=_pins(r.pinpoints), partial=r.partial)
        for r in ex.relations
    ]
    if rel_rows:
        conn.execute(insert(relations), rel_rows)
    effect_rows = [dict(doc_id=ex.doc_id, key=e.key, raw_key=e.key, kind=e.kind, date=e.date, rule=e.rule, evidence=e.evidence,
                        start=e.start, end=e.end, is_self=e.self) for e in ex.effects]
    if effect_rows:
        conn.execute(insert(effects), effect_rows)
    for tl in ex.task_lists:
        list_id = conn.execute(
            insert(task_lists).values(doc_id=ex.doc_id, owner_key=tl.owner, raw_owner=tl.owner,
                                      marker_style=tl.marker_style,
                                      declared_count=tl.declared_count, count_matches=tl.count_matches)
        ).inserted_primary_key[0]
        items = [dict(list_id=list_id, doc_id=ex.doc_id, ordinal=it.ordinal, marker=it.marker, text=it.text, start=it.start,
                      end=it.end, refs=json.dumps(it.references, ensure_ascii=False),
                      raw_refs=json.dumps(it.references, ensure_ascii=False)) for it in tl.items]
        if items:
            conn.execute(insert(task_items), items)
    assignment_rows = [dict(doc_id=ex.doc_id, task=a.task, lead=a.lead, lead_folded=canonical_issuer(a.lead),
                            partners=json.dumps(list(a.partners), ensure_ascii=False), due_date=a.due.date if a.due else None,
                            due_written=a.due.as_written if a.due else None, section=(a.section or "")[:60] or None,
                            evidence=a.evidence, start=a.start, end=a.end, form=a.form) for a in ex.assignments]
    if assignment_rows:
        conn.execute(insert(assignments), assignment_rows)
    named_rows = [dict(doc_id=ex.doc_id, name=n.name, key=n.key, surface=n.surface, start=n.start, end=n.end) for n in ex.named]
    if named_rows:
        conn.execute(insert(named), named_rows)
    if ex.text is not None:
        conn.execute(insert(texts).values(doc_id=ex.doc_id, text=ex.text))
    touched |= normalize_terms(conn, {base_key(k) for k in touched if _party(k)} | bases_before, loaded=[ex.doc_id])
    refresh_documents(conn, touched)
    return LoadResult(path, ex.doc_id, "replaced" if prev else "inserted", touched)


def _pins(pinpoints: tuple) -> str | None:
    """Pinpoint paths as stored: JSON in the guide's shape, None for the whole document."""
    return json.dumps([p.to_json() for p in pinpoints], ensure_ascii=False) if pinpoints else None


def _party(key: str) -> bool:
    """A Party key: 'NN-TYPE/ISSUER' (State keys put a slash after the number)."""
    return bool(re.match(r"\d+[a-zA-Z]?-[^/\s]+/", key))


def normalize_terms(conn: Connection, bases: Iterable[str], loaded: Iterable[str] = ()) -> set[str]:
    """The Party-term rule (``resolve.term_remap``) over the store, for these Party keys: where the store
    knows a key dated with two or more issue years (any dated full mention or identity), each text's
    mentions of it take the year that text dates it with (its identity, else its first dated mention:
    ``01-KL/TW@2016``, ``01-KL/TW@2021``); otherwise the plain key. Applied after every load and delete,
    inside its transaction, so the keys are a function of the texts, not of the order they arrived in.

    Its cost does not grow with how often a key is cited: the store's earliest and latest year of a key are
    two index probes; only the texts just ``loaded`` are re-keyed, unless the key has just gained (or lost)
    its second year, when every text citing it is. Returns the document keys whose rows changed."""
    touched: set[str] = set()
    loaded = sorted(set(loaded))
    m = mentions.c
    cols = (m.id, m.doc_id, m.raw_key, m.date, m.form, m.start)
    grouped: dict[str, list] | None = None

    def new_rows() -> dict[str, list]:
        """The new texts' mentions by raw key, read once for every key (read per key, a text with a thousand Party keys
        cost a thousand reads of all its mentions)."""
        nonlocal grouped
        if grouped is None:
            grouped = {}
            for r in conn.execute(select(*cols).where(m.doc_id.in_(loaded))).all():
                grouped.setdefault(r.raw_key, []).append(r)
        return grouped

    for base in sorted(set(bases)):
        variants = _variants(conn, base)
        if not variants:
            continue
        first, last = _year_span(conn, variants)
        several = first is not None and first != last
        others_split = any(conn.execute(select(m.id).where(m.raw_key == v, m.doc_id.not_in(loaded)).limit(1)).first()
                           for v in variants if v != base)
        if several == others_split:  # the other texts are keyed as the rule wants: only the new ones may not be
            if not loaded:
                continue
            # by the texts' own rows (a key cited 40,000 times must not be read for one new text)
            rows = [r for v in variants for r in new_rows().get(v, [])]
        else:
            rows = conn.execute(select(*cols).where(m.raw_key.in_(variants))).all()
        year_of: dict[str, int] = {}  # each text's issue year of the document: its first dated full mention
        for r in sorted(rows, key=lambda r: (r.doc_id, r.start)):
            if r.date and r.form in ("full", "identity") and r.doc_id not in year_of:
                year_of[r.doc_id] = int(r.date[:4])
        want = {doc: (f"{base}@{year_of[doc]}" if several and doc in year_of else base) for doc in {r.doc_id for r in rows}}
        changed = [r for r in rows if r.raw_key != want[r.doc_id]]
        if changed:
            touched |= _rekey(conn, changed, want)
            touched |= set(want.values()) | {r.raw_key for r in changed}
    return touched


def _variants(conn: Connection, base: str) -> list[str]:
    """The raw keys of a Party key in the store (plain, and with each issue year), by index probes."""
    m = mentions.c
    out = [base] if conn.execute(select(m.id).where(m.raw_key == base).limit(1)).first() else []
    prev = base + "@"
    while (nxt := conn.execute(select(func.min(m.raw_key)).where(m.raw_key > prev, m.raw_key < base + "@~")).scalar()) is not None:
        out.append(nxt)
        prev = nxt
    return out


def _year_span(conn: Connection, variants: list[str]) -> tuple[int | None, int | None]:
    """The earliest and the latest issue year the store's dated full mentions and identities give these keys."""
    m = mentions.c
    dated = (m.raw_key.in_(variants)) & m.date.is_not(None) & m.form.in_(("full", "identity"))
    first = conn.execute(select(m.date).where(dated).order_by(m.date).limit(1)).scalar()
    last = conn.execute(select(m.date).where(dated).order_by(m.date.desc()).limit(1)).scalar()
    return (int(first[:4]) if first else None), (int(last[:4]) if last else None)


def _rekey(conn: Connection, changed: list, want: dict[str, str]) -> set[str]:
    """Give these mention rows (and their texts' relations, task lists, items and identity) their wanted keys."""
    ids = [r.id for r in changed]
    touched = count_values(conn, mention_rows(conn, mentions.c.id.in_(ids)), -1)
    m = mentions.c
    for doc, new in want.items():
        olds = sorted({r.raw_key for r in changed if r.doc_id == doc})
        if not olds:
            continue
        conn.execute(update(mentions).where(m.doc_id == doc, m.raw_key.in_(olds), m.key.in_(olds)).values(key=new, raw_key=new))
        conn.execute(update(mentions).where(m.doc_id == doc, m.raw_key.in_(olds)).values(raw_key=new))
        rc = relations.c
        for col, raw in ((rc.source_key, rc.raw_source), (rc.target_key, rc.raw_target)):
            conn.execute(update(relations).where(rc.doc_id == doc, raw.in_(olds)).values({raw.name: new, col.name: new}))
        tc = task_lists.c
        conn.execute(update(task_lists).where(tc.doc_id == doc, tc.raw_owner.in_(olds)).values(raw_owner=new, owner_key=new))
        for item in conn.execute(select(task_items.c.id, task_items.c.raw_refs, task_items.c.refs).where(task_items.c.doc_id == doc)).all():
            raw_refs = [new if k in olds else k for k in json.loads(item.raw_refs or "[]")]
            refs = [new if k in olds else k for k in json.loads(item.refs or "[]")]
            conn.execute(update(task_items).where(task_items.c.id == item.id).values(
                raw_refs=json.dumps(raw_refs, ensure_ascii=False), refs=json.dumps(refs, ensure_ascii=False)))
        conn.execute(update(sources).where(sources.c.doc_id == doc, sources.c.self_key.in_(olds)).values(self_key=new))
        conn.execute(update(effects).where(effects.c.doc_id == doc, effects.c.raw_key.in_(olds)).values(raw_key=new, key=new))
    return touched | count_values(conn, mention_rows(conn, mentions.c.id.in_(ids)))


def delete_source(conn: Connection, doc_id: str) -> set[str]:
    """Delete one source and everything extracted from it; returns the document keys it touched."""
    keys = count_values(conn, mention_rows(conn, mentions.c.doc_id == doc_id), -1)
    for table in CHILDREN:
        conn.execute(delete(table).where(table.c.doc_id == doc_id))
    conn.execute(delete(sources).where(sources.c.doc_id == doc_id))
    return keys


def load_extraction(engine: Engine, ex: Extraction, path: str | None = None) -> LoadResult:
    """Load one extraction in its own transaction (retried when SQLite reports a lock)."""

    def once() -> LoadResult:
        with engine.begin() as conn:
            return load(conn, ex, path)

    try:
        return retrying(once)  # type: ignore[return-value]
    except IntegrityError:  # another process loaded the same content first
        return LoadResult(path or ex.path, ex.doc_id, "unchanged")


# --- documents: one row per real document -------------------------------------------------


# --- corpus-wide resolution ------------------------------------------------------------------


class SqlIndex:
    """``resolve.Index`` over the stored full references and identities (one query per type family
    and number, cached for the life of the object)."""

    def __init__(self, conn: Connection):
        self.conn = conn
        self._cache: dict[tuple[str, str], list[Candidate]] = {}
        self._families = type_families()

    def candidates(self, family: str, number: str) -> list[Candidate]:
        k = (family, number)
        if k not in self._cache:
            types = self._families.get(family, [])
            rows = self.conn.execute(
                select(mentions.c.raw_key, mentions.c.doc_type, mentions.c.number, mentions.c.issuer, mentions.c.year)
                .where(mentions.c.form.in_(("full", "identity")), mentions.c.symbol.is_not(None), mentions.c.doc_type.in_(types),
                       mentions.c.number.in_(number_spellings(number)))
            ).all()
            self._cache[k] = [Candidate(r.raw_key, r.doc_type, r.number, r.issuer, r.year) for r in rows
                              if number_key(r.number) == number]
        return self._cache[k]


def type_families() -> dict[str, list[str]]:
    """The document types of each type family (from the type table: a stored type is always one of them)."""
    out: dict[str, list[str]] = defaultdict(list)
    for t in doc_types():
        out[type_family(t.name)].append(t.name)
    return out


def number_spellings(number: str) -> list[str]:
    """The ways a number key may be written in a row ('8' -> '8', '08', '008'; '30a' -> '30A' too)."""
    out = {number, number.upper()}
    for pad in ("0", "00", "000"):
        out |= {pad + number, pad + number.upper()}
    return sorted(out)


def stored_matcher(conn: Connection) -> IssuerMatcher:
    """The issuer matcher fitted on every issuer name the database holds."""
    counted = conn.execute(select(mentions.c.issuer, func.count()).where(mentions.c.issuer.is_not(None)).group_by(mentions.c.issuer))
    totals: Counter[str] = Counter()
    for name, n in counted:
        if name and name.strip():
            totals[name.strip()] += n
    return IssuerMatcher().fit_counts(totals)


def pending_resolution(engine: Engine) -> list[str]:
    """The texts loaded since the last completed resolution pass that took them in (a run killed after loading)."""
    with engine.connect() as conn:
        return sorted(conn.execute(select(sources.c.doc_id).where(sources.c.resolution_pending.is_(True))).scalars())


def resolve_stored(engine: Engine, matcher: IssuerMatcher | None = None, doc_ids: Collection[str] | None = None) -> list[Ambiguity]:
    """Resolve short forms left unresolved in their own text against the full documents of the
    database, by ``pipeline.resolve``'s rule. Recomputed from the raw keys each time, so a later,
    conflicting document makes a case ambiguous again.

    ``doc_ids``: the texts a batch loaded. Then only the short forms that batch can change are looked at
    (those of its texts, and the stored short forms whose type and number match a full reference it
    added), with issuer names matched among those involved, and only the documents they touch are
    rewritten: the pass costs the batch, not the store. None: every short form of the store, with the
    matcher fitted on every stored issuer name, and every document's canonical issuer."""
    return retrying(lambda: _resolve_stored(engine, matcher, doc_ids))  # type: ignore[return-value]


def _shorts(conn: Connection, doc_ids: Collection[str] | None) -> list:
    m = mentions.c
    cols = select(m.id, m.doc_id, m.key, m.raw_key, m.doc_type, m.number, m.issuer, m.year, sources.c.path).join(
        sources, sources.c.doc_id == m.doc_id)
    unresolved = (m.form == "short") & m.resolved.is_(False) & m.is_self.is_(False)
    if doc_ids is None:
        return conn.execute(cols.where(unresolved)).all()
    ids = sorted(set(doc_ids))
    rows: dict[int, Any] = {}
    added: set[tuple[str, str]] = set()
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        rows.update((r.id, r) for r in conn.execute(cols.where(unresolved, m.doc_id.in_(chunk))))
        for t, n in conn.execute(select(m.doc_type, m.number).where(m.doc_id.in_(chunk), m.form.in_(("full", "identity")),
                                                                     m.symbol.is_not(None)).distinct()):
            if t and n:
                added.add(lookup_key(t, n))
    families = type_families()
    numbers: dict[str, set[str]] = defaultdict(set)
    for family, number in added:
        if families.get(family):
            numbers[family].add(number)
    for family, wanted in sorted(numbers.items()):  # stored short forms a new full reference may now resolve:
        spellings = sorted({s for n in wanted for s in number_spellings(n)})  # one query per type family
        for i in range(0, len(spellings), 500):
            rows.update((r.id, r) for r in conn.execute(cols.where(unresolved, m.doc_type.in_(families[family]),
                                                                   m.number.in_(spellings[i : i + 500])))
                        if number_key(r.number) in wanted)
    return list(rows.values())


def _undated_terms(conn: Connection, doc_ids: Collection[str] | None) -> list[Ambiguity]:
    """Full references that give a Party symbol no date while the store knows it with two issue years
    (``01-KL/TW`` beside ``01-KL/TW@2016`` and ``01-KL/TW@2021``): listed as ambiguous, like a short form."""
    m = mentions.c
    q = (select(m.raw_key, sources.c.path).join(sources, sources.c.doc_id == m.doc_id)
         .where(m.form == "full", m.date.is_(None), m.is_self.is_(False)).distinct())
    years: dict[str, list[str]] = {}
    if doc_ids is None:
        # the whole store: its year-keyed variants read once (not probed for each of a million keys), then the
        # undated references of the keys that have two
        for v in conn.execute(select(m.raw_key).where(m.raw_key.like("%@%")).distinct()).scalars():
            years.setdefault(v.split("@", 1)[0], []).append(v)
        bases = sorted(k for k, v in years.items() if len(v) > 1)
        rows = [r for i in range(0, len(bases), 500) for r in conn.execute(q.where(m.raw_key.in_(bases[i : i + 500])))]
    else:
        ids = sorted(set(doc_ids))
        rows = [r for i in range(0, len(ids), 500) for r in conn.execute(q.where(m.doc_id.in_(ids[i : i + 500])))]
    out: list[Ambiguity] = []
    for r in sorted(rows):
        if not _party(r.raw_key) or "@" in r.raw_key:
            continue
        if r.raw_key not in years:
            years[r.raw_key] = [v for v in _variants(conn, r.raw_key) if v != r.raw_key]
        if len(years[r.raw_key]) > 1:
            out.append(Ambiguity(r.path, r.raw_key, sorted(years[r.raw_key])))
    return out


def _canonical_issuers(conn: Connection, doc_ids: Collection[str], names: IssuerMatcher) -> None:
    """The canonical issuer of the documents a batch's texts cite that have none yet (the rule's: the name as
    written; a whole-store pass regroups spellings)."""
    ids = sorted(set(doc_ids))
    keys: set[str] = set()
    for i in range(0, len(ids), 500):
        keys |= {k for k in conn.execute(select(mentions.c.key).where(mentions.c.doc_id.in_(ids[i : i + 500])).distinct()).scalars() if k}
    key_list = sorted(keys)
    changes = []
    for i in range(0, len(key_list), 500):
        for r in conn.execute(select(documents.c.key, documents.c.issuer).where(
                documents.c.key.in_(key_list[i : i + 500]), documents.c.issuer.is_not(None), documents.c.issuer_canonical.is_(None))):
            changes.append({"k": r.key, "c": names.canonical(r.issuer)})
    if changes:  # one executemany (batched pages on PostgreSQL), not a statement per document
        conn.execute(update(documents).where(documents.c.key == bindparam("k")).values(issuer_canonical=bindparam("c")), changes)


def _resolve_stored(engine: Engine, matcher: IssuerMatcher | None, doc_ids: Collection[str] | None = None) -> list[Ambiguity]:
    ambiguous: list[Ambiguity] = []
    with engine.begin() as conn:
        index = SqlIndex(conn)
        shorts = _shorts(conn, doc_ids)
        if doc_ids is None:
            fitted = stored_matcher(conn)
        else:  # a batch's pass: issuer names compared by the rule (abbreviations, folding, distinguishing words);
            # the nearest-neighbour spelling groups are fitted by a whole-store pass (``vncite build --resolve-all``)
            fitted = IssuerMatcher()
        touched: set[str] = set()
        remap: dict[str, dict[str, str]] = defaultdict(dict)
        for m in shorts:
            short = Ref(doc_type=m.doc_type, number=m.number or "", issuer=m.issuer, year=m.year)
            cands = candidate_keys(short, index, matcher or fitted)
            new = cands[0] if len(cands) == 1 else m.raw_key
            if len(cands) > 1:
                ambiguous.append(Ambiguity(m.path, m.raw_key, cands))
            if new != m.key:
                moved = mention_rows(conn, mentions.c.id == m.id)
                count_values(conn, moved, -1)
                conn.execute(update(mentions).where(mentions.c.id == m.id).values(key=new))
                count_values(conn, [{**r, "key": new} for r in moved])
                touched |= {m.key, new}
                remap[m.doc_id][m.raw_key] = new  # the text's relations and task lists follow its mention
        for doc_id, mp in remap.items():
            for raw, new in mp.items():
                conn.execute(update(relations).where(relations.c.doc_id == doc_id, relations.c.raw_source == raw).values(source_key=new))
                conn.execute(update(relations).where(relations.c.doc_id == doc_id, relations.c.raw_target == raw).values(target_key=new))
                conn.execute(update(task_lists).where(task_lists.c.doc_id == doc_id, task_lists.c.raw_owner == raw).values(owner_key=new))
            # cited keys inside task items follow the same resolution (kept as raw keys in 'raw_refs')
            for item in conn.execute(select(task_items.c.id, task_items.c.raw_refs).where(task_items.c.doc_id == doc_id)).all():
                refs = [mp.get(k, k) for k in json.loads(item.raw_refs or "[]")]
                conn.execute(update(task_items).where(task_items.c.id == item.id).values(refs=json.dumps(refs, ensure_ascii=False)))
        if touched:
            refresh_documents(conn, touched)
        ambiguous += _undated_terms(conn, doc_ids)
        done = sources.c.resolution_pending.is_(True)  # in the pass's own transaction: done only if it completes
        if doc_ids is not None:
            _canonical_issuers(conn, doc_ids, fitted)
            ids = sorted(set(doc_ids))
            for i in range(0, len(ids), 500):
                conn.execute(update(sources).where(done, sources.c.doc_id.in_(ids[i : i + 500])).values(resolution_pending=False))
            return ambiguous
        conn.execute(update(sources).where(done).values(resolution_pending=False))
        # one grouped pass over the documents, then an indexed update per issuer name whose canonical
        # spelling changed: a million documents share a few thousand names
        stored = conn.execute(select(documents.c.issuer, documents.c.issuer_canonical).where(documents.c.issuer.is_not(None))
                              .group_by(documents.c.issuer, documents.c.issuer_canonical)).all()
        for issuer, canon in stored:
            if fitted.canonical(issuer) != canon:
                conn.execute(update(documents).where(documents.c.issuer == issuer).values(issuer_canonical=fitted.canonical(issuer)))
    return ambiguous
