"""Store: extractions in a SQL database (SQLite file by default, any SQLAlchemy URL).

One transaction per source text: loading the same file twice changes nothing, a changed
file replaces its previous rows, and a crash mid-load leaves nothing half-written.
``documents`` (one row per real document) is recomputed, in the same transaction, for
every key the load touched, so it never holds orphans. Short forms are resolved across
the corpus by ``resolve_corpus`` after loading.

The schema is versioned: ``schema_version`` records the migrations applied
(``MIGRATIONS``, in order); ``connect`` brings any database up to date.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    delete,
    event,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError, OperationalError

from .models import Extraction

DEFAULT_URL = "sqlite:///vncite.db"

metadata = MetaData()


def _row_id() -> Column:
    return Column("id", Integer, primary_key=True, autoincrement=True)


def _ref_columns() -> list[Column]:
    """The identity fields a document row and a mention row share."""
    return [Column("doc_type", String(64)), Column("number", String(32)), Column("symbol", String(120)),
            Column("year", Integer), Column("date", String(10)), Column("issuer", Text)]


def _source_fk() -> Column:
    """The text a row was extracted from; deleting the text deletes the row."""
    return Column("doc_id", String(80), ForeignKey("sources.doc_id", ondelete="CASCADE"), nullable=False)


schema_version = Table(
    "schema_version", metadata, Column("version", Integer, primary_key=True), Column("applied_at", String(32), nullable=False)
)
sources = Table(
    "sources",
    metadata,
    Column("doc_id", String(80), primary_key=True),
    Column("path", Text, nullable=False),
    Column("kind", String(16)),
    Column("status", String(8), nullable=False),
    Column("error", Text),
    Column("self_key", String(200)),
    Column("encoding", String(32)),
    Column("ingested_at", String(32), nullable=False),
    Index("ix_sources_path", "path"),
    Index("ix_sources_self", "self_key"),
)
documents = Table(
    "documents",
    metadata,
    Column("key", String(200), primary_key=True),
    *_ref_columns(),
    Column("issuer_canonical", Text),  # added by migration 2
    Column("title", Text),
    Column("first_seen", String(32)),
    Column("last_seen", String(32)),
    Column("mention_count", Integer, nullable=False, default=0),
    Index("ix_documents_type_number", "doc_type", "number"),
)
mentions = Table(
    "mentions",
    metadata,
    _row_id(),
    _source_fk(),
    Column("key", String(200), nullable=False),  # canonical, after corpus resolution
    Column("raw_key", String(200), nullable=False),  # as the extraction gave it
    *_ref_columns(),
    Column("title", Text),
    Column("surface", Text),
    Column("start", Integer),
    Column("end", Integer),
    Column("sentence", Text),
    Column("form", String(10)),  # full | short | identity (the text's own header)
    Column("resolved", Boolean, nullable=False, default=False),
    Column("is_self", Boolean, nullable=False, default=False),
    Index("ix_mentions_key", "key"),
    Index("ix_mentions_doc", "doc_id"),
)
relations = Table(
    "relations",
    metadata,
    _row_id(),
    _source_fk(),
    Column("source_key", String(200), nullable=False),
    Column("target_key", String(200), nullable=False),
    Column("raw_source", String(200), nullable=False),
    Column("raw_target", String(200), nullable=False),
    Column("type", String(16), nullable=False),
    Column("confidence", Float),
    Column("start", Integer),
    Column("end", Integer),
    Column("evidence", Text),
    Column("rule", String(32)),
    Index("ix_relations_target", "target_key", "type"),
    Index("ix_relations_source", "source_key", "type"),
    Index("ix_relations_doc", "doc_id"),
)
task_lists = Table(
    "task_lists",
    metadata,
    _row_id(),
    _source_fk(),
    Column("owner_key", String(200)),
    Column("raw_owner", String(200)),
    Column("marker_style", String(10)),
    Column("declared_count", Integer),
    Column("count_matches", Boolean),
    Index("ix_task_lists_owner", "owner_key"),
    Index("ix_task_lists_doc", "doc_id"),
)
task_items = Table(
    "task_items",
    metadata,
    _row_id(),
    Column("list_id", Integer, ForeignKey("task_lists.id", ondelete="CASCADE"), nullable=False),
    _source_fk(),
    Column("ordinal", Integer),
    Column("marker", Text),
    Column("text", Text),
    Column("start", Integer),
    Column("end", Integer),
    Column("refs", Text),  # JSON list of cited keys, after corpus resolution
    Column("raw_refs", Text),  # as extracted (added by migration 3)
    Index("ix_task_items_list", "list_id"),
    Index("ix_task_items_doc", "doc_id"),
)
named = Table(
    "named",
    metadata,
    _row_id(),
    _source_fk(),
    Column("name", Text),
    Column("key", Text),
    Column("surface", Text),
    Column("start", Integer),
    Column("end", Integer),
    Index("ix_named_doc", "doc_id"),
)

CHILDREN = (task_items, task_lists, relations, mentions, named)


def _migration_1(conn: Connection) -> None:
    metadata.create_all(conn, tables=[sources, documents, mentions, relations, task_lists, task_items, named])


def _migration_2(conn: Connection) -> None:
    from sqlalchemy import inspect

    if "issuer_canonical" not in {c["name"] for c in inspect(conn).get_columns("documents")}:
        conn.execute(text("ALTER TABLE documents ADD COLUMN issuer_canonical TEXT"))


def _migration_3(conn: Connection) -> None:
    from sqlalchemy import inspect

    if "raw_refs" not in {c["name"] for c in inspect(conn).get_columns("task_items")}:
        conn.execute(text("ALTER TABLE task_items ADD COLUMN raw_refs TEXT"))
        conn.execute(text("UPDATE task_items SET raw_refs = refs"))


#: (version, description, function); append, never edit, to change the schema. A new database
#: gets the current tables from migration 1; later migrations must therefore be idempotent.
MIGRATIONS: list[tuple[int, str, Callable[[Connection], None]]] = [
    (1, "sources, documents, mentions, relations, task lists and items, named documents", _migration_1),
    (2, "documents.issuer_canonical (issuer names canonicalised across the corpus)", _migration_2),
    (3, "task_items.raw_refs (cited keys as extracted; refs follow corpus resolution)", _migration_3),
]


def normalize_url(url: str | None) -> str:
    """'vncite.db' or a path -> a SQLite URL; URLs pass through."""
    if not url:
        return DEFAULT_URL
    if "://" in url:
        return url
    return f"sqlite:///{url}"


def connect(url: str | None = None) -> Engine:
    """An engine with the schema brought up to date."""
    url = normalize_url(url)
    kwargs = {}
    if url.startswith("sqlite"):
        kwargs["connect_args"] = {"timeout": 60}
    engine = create_engine(url, future=True, **kwargs)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):  # noqa: ANN001
            dbapi_conn.isolation_level = None  # SQLAlchemy's "begin" below issues BEGIN itself
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA busy_timeout=60000")
            cur.close()

        @event.listens_for(engine, "begin")
        def _begin(conn):  # noqa: ANN001
            # a real transaction around reads and writes alike (pysqlite would begin only at the first write);
            # deferred, so readers never wait: a writer whose snapshot went stale is retried by load_extraction
            conn.exec_driver_sql("BEGIN")

    migrate(engine)
    return engine


def retrying(fn: Callable[[], object], attempts: int = 8) -> object:
    """Run a transaction function again when SQLite reports a lock or a stale snapshot (another
    process is writing); other errors pass through."""
    for attempt in range(attempts):
        try:
            return fn()
        except OperationalError as exc:
            if attempt == attempts - 1 or "locked" not in str(exc) and "busy" not in str(exc).lower():
                raise
            time.sleep(0.2 * (attempt + 1))
    raise AssertionError("unreachable")


def migrate(engine: Engine) -> int:
    """Apply pending migrations; returns the schema version."""
    return retrying(lambda: _migrate(engine))  # type: ignore[return-value]


_MIGRATION_LOCK = 0x76_6E_63_69_74_65  # "vncite": PostgreSQL advisory lock key


def _migrate(engine: Engine) -> int:
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            # two processes opening a fresh database at once would both create the tables (a
            # unique violation in pg_type): the second waits here, then finds the migrations done
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _MIGRATION_LOCK})
        schema_version.create(conn, checkfirst=True)
        done = {r[0] for r in conn.execute(select(schema_version.c.version))}
        for version, _desc, fn in MIGRATIONS:
            if version not in done:
                fn(conn)
                conn.execute(insert(schema_version).values(version=version, applied_at=_now()))
                done.add(version)
    return max(done)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


# --- loading ------------------------------------------------------------------------------


@dataclass
class LoadResult:
    path: str
    doc_id: str
    action: str  # inserted | replaced | unchanged
    keys: set[str] = field(default_factory=set)


def _sentence(text: str | None, start: int, end: int) -> str | None:
    if not text:
        return None
    lo = max(text.rfind("\n", 0, start), text.rfind(". ", 0, start) + 1, 0)
    hi_candidates = [i for i in (text.find("\n", end), text.find(". ", end)) if i >= 0]
    hi = min(hi_candidates) + 1 if hi_candidates else len(text)
    return text[lo:hi].strip()[:1000]


def load(conn: Connection, ex: Extraction, path: str | None = None) -> LoadResult:
    """Load one extraction inside the caller's transaction (see ``load_extraction``)."""
    path = path or ex.source
    prev = conn.execute(select(sources.c.doc_id).where(sources.c.path == path)).scalars().all()
    if ex.doc_id in prev:
        return LoadResult(path, ex.doc_id, "unchanged")
    same_content = conn.execute(select(sources.c.path).where(sources.c.doc_id == ex.doc_id)).scalar()
    if same_content is not None:
        return LoadResult(path, ex.doc_id, "unchanged")
    touched: set[str] = set()
    for old in prev:
        touched |= delete_source(conn, old)
    now = _now()
    doc = ex.document
    conn.execute(
        insert(sources).values(
            doc_id=ex.doc_id, path=path, kind=ex.kind, status=ex.status, error=ex.error,
            self_key=doc.key if doc else None, encoding=ex.encoding, ingested_at=now,
        )
    )
    remap = _term_keys(conn, ex)
    rows = []
    if doc is not None and doc.key:
        rows.append(dict(doc_id=ex.doc_id, key=doc.key, raw_key=doc.key, doc_type=doc.doc_type, number=doc.number, symbol=doc.symbol,
                         year=doc.year, date=doc.date, issuer=doc.issuer, title=doc.title, surface="", start=0, end=0,
                         sentence=None, form="identity", resolved=True, is_self=True))
    for m in ex.references:
        if not m.key:
            continue
        key = remap.get(m.key, m.key)
        rows.append(dict(doc_id=ex.doc_id, key=key, raw_key=key, doc_type=m.doc_type, number=m.number, symbol=m.symbol,
                         year=m.year, date=m.date, issuer=m.issuer, title=m.title, surface=m.surface, start=m.start, end=m.end,
                         sentence=_sentence(ex.text, m.start, m.end), form=m.form, resolved=m.resolved, is_self=m.self))
    if rows:
        conn.execute(insert(mentions), rows)
    rel_rows = [
        dict(doc_id=ex.doc_id, source_key=remap.get(r.source, r.source), target_key=remap.get(r.target, r.target),
             raw_source=remap.get(r.source, r.source), raw_target=remap.get(r.target, r.target), type=r.type,
             confidence=r.confidence, start=r.start, end=r.end, evidence=_sentence(ex.text, r.start, r.end), rule=r.rule)
        for r in ex.relations
    ]
    if rel_rows:
        conn.execute(insert(relations), rel_rows)
    for tl in ex.task_lists:
        list_id = conn.execute(
            insert(task_lists).values(doc_id=ex.doc_id, owner_key=remap.get(tl.owner, tl.owner), raw_owner=remap.get(tl.owner, tl.owner),
                                      marker_style=tl.marker_style,
                                      declared_count=tl.declared_count, count_matches=tl.count_matches)
        ).inserted_primary_key[0]
        items = [dict(list_id=list_id, doc_id=ex.doc_id, ordinal=it.ordinal, marker=it.marker, text=it.text, start=it.start,
                      end=it.end, refs=json.dumps(it.references, ensure_ascii=False),
                      raw_refs=json.dumps(it.references, ensure_ascii=False)) for it in tl.items]
        if items:
            conn.execute(insert(task_items), items)
    named_rows = [dict(doc_id=ex.doc_id, name=n.name, key=n.key, surface=n.surface, start=n.start, end=n.end) for n in ex.named]
    if named_rows:
        conn.execute(insert(named), named_rows)
    touched |= {r["key"] for r in rows}
    refresh_documents(conn, touched)
    return LoadResult(path, ex.doc_id, "replaced" if prev else "inserted", touched)


def _term_keys(conn: Connection, ex: Extraction) -> dict[str, str]:
    """Party numbering restarts with each committee term: a dated Party document whose symbol is
    already known with another issue year is a different document, keyed ``120-KL/TW@2021``."""
    years: dict[str, int] = {}
    for m in ex.references:
        if m.key and m.form == "full" and m.date and m.system == "party":
            years.setdefault(m.key, int(m.date[:4]))
    remap = {}
    for key, year in years.items():
        known = conn.execute(select(documents.c.year, documents.c.date).where(documents.c.key == key)).first()
        if known is not None and known.year is not None and known.date and known.year != year:
            remap[key] = f"{key}@{year}"
    return remap


def delete_source(conn: Connection, doc_id: str) -> set[str]:
    """Delete one source and everything extracted from it; returns the document keys it touched."""
    keys = set(conn.execute(select(mentions.c.key).where(mentions.c.doc_id == doc_id)).scalars())
    for table in CHILDREN:
        conn.execute(delete(table).where(table.c.doc_id == doc_id))
    conn.execute(delete(sources).where(sources.c.doc_id == doc_id))
    return keys


def load_extraction(engine: Engine, ex: Extraction, path: str | None = None) -> LoadResult:
    """Load one extraction in its own transaction.

    ``VNCITE_FAULT_DELAY`` (seconds) holds the transaction open before commit: a fault-injection
    knob for the crash tests, which kill the process inside that window.
    """
    delay = float(os.environ.get("VNCITE_FAULT_DELAY") or 0)

    def once() -> LoadResult:
        with engine.begin() as conn:
            res = load(conn, ex, path)
            if delay and res.action != "unchanged":
                time.sleep(delay)
            return res

    try:
        return retrying(once)  # type: ignore[return-value]
    except IntegrityError:  # another process loaded the same content first
        return LoadResult(path or ex.source, ex.doc_id, "unchanged")


# --- documents: one row per real document -------------------------------------------------


def _most_common(values: Iterable[object]) -> object | None:
    c = Counter(v for v in values if v not in (None, ""))
    return c.most_common(1)[0][0] if c else None


def refresh_documents(conn: Connection, keys: Iterable[str]) -> None:
    """Recompute the ``documents`` rows of ``keys`` from their mentions (deleting orphans)."""
    keys = sorted(set(keys))
    for i in range(0, len(keys), 500):
        chunk = keys[i : i + 500]
        rows = conn.execute(
            select(mentions, sources.c.ingested_at).join(sources, sources.c.doc_id == mentions.c.doc_id).where(mentions.c.key.in_(chunk))
        ).mappings().all()
        by_key: dict[str, list] = defaultdict(list)
        for r in rows:
            by_key[r["key"]].append(r)
        conn.execute(delete(documents).where(documents.c.key.in_(chunk)))
        out = []
        for key, rs in by_key.items():
            ident = [r for r in rs if r["form"] == "identity"]
            full = ident + [r for r in rs if r["form"] == "full"]
            best = full or rs

            def pick(col: str, best: list = best, ident: list = ident) -> object | None:
                return _most_common(r[col] for r in ident) or _most_common(r[col] for r in best)

            seen = [r["ingested_at"] for r in rs]
            out.append(dict(key=key, doc_type=pick("doc_type"), number=pick("number"), symbol=pick("symbol"), year=pick("year"),
                            date=pick("date"), issuer=pick("issuer"), title=pick("title"), first_seen=min(seen), last_seen=max(seen),
                            mention_count=sum(1 for r in rs if r["form"] != "identity")))
        if out:
            conn.execute(insert(documents), out)


# --- corpus-wide resolution ------------------------------------------------------------------


@dataclass
class Ambiguity:
    doc_id: str
    path: str
    short_key: str
    candidates: list[str]


def resolve_corpus(engine: Engine, matcher: Callable[[str | None, str | None], bool] | None = None) -> list[Ambiguity]:
    """Resolve short forms left unresolved in their own text against the full documents of
    the whole database (type, number, issuer, year; the QĐ family counts as one type).
    Recomputed from the raw keys each time, so a later, conflicting document makes a case
    ambiguous again."""
    return retrying(lambda: _resolve_corpus(engine, matcher))  # type: ignore[return-value]


def _resolve_corpus(engine: Engine, matcher: Callable[[str | None, str | None], bool] | None) -> list[Ambiguity]:
    from .issuers import IssuerMatcher
    from .tables import types_for_code

    qd_family = types_for_code("QĐ")
    ambiguous: list[Ambiguity] = []
    with engine.begin() as conn:
        fitted = IssuerMatcher().fit(conn.execute(select(mentions.c.issuer).where(mentions.c.issuer.is_not(None))).scalars())
        same_issuer = matcher or fitted.same
        docs = conn.execute(
            select(documents.c.key, documents.c.doc_type, documents.c.number, documents.c.issuer, documents.c.year)
            .where(documents.c.symbol.is_not(None))
        ).all()
        index: dict[tuple[str, str], list] = defaultdict(list)
        for d in docs:
            fam = "QĐ" if d.doc_type in qd_family else d.doc_type
            index[(fam, (d.number or "").lstrip("0").lower())].append(d)
        shorts = conn.execute(
            select(mentions.c.id, mentions.c.doc_id, mentions.c.key, mentions.c.raw_key, mentions.c.doc_type, mentions.c.number,
                   mentions.c.issuer, mentions.c.year, sources.c.path)
            .join(sources, sources.c.doc_id == mentions.c.doc_id)
            .where(mentions.c.form == "short", mentions.c.resolved.is_(False))
        ).all()
        touched: set[str] = set()
        remap: dict[str, dict[str, str]] = defaultdict(dict)
        for m in shorts:
            fam = "QĐ" if m.doc_type in qd_family else m.doc_type
            cands = sorted({
                d.key for d in index.get((fam, (m.number or "").lstrip("0").lower()), [])
                if same_issuer(m.issuer, d.issuer) and (m.year is None or d.year is None or m.year == d.year)
            })
            new = cands[0] if len(cands) == 1 else m.raw_key
            if len(cands) > 1:
                ambiguous.append(Ambiguity(m.doc_id, m.path, m.raw_key, cands))
            if new != m.key:
                conn.execute(update(mentions).where(mentions.c.id == m.id).values(key=new))
                touched |= {m.key, new}
            remap[m.doc_id][m.raw_key] = new
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
        for key, issuer in conn.execute(select(documents.c.key, documents.c.issuer).where(documents.c.issuer.is_not(None))).all():
            conn.execute(update(documents).where(documents.c.key == key).values(issuer_canonical=fitted.canonical(issuer)))
    return ambiguous


def counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {t.name: conn.execute(text(f"SELECT COUNT(*) FROM {t.name}")).scalar_one() for t in (sources, documents, *CHILDREN)}
