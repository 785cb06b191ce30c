"""The SQL schema of the citation graph and its versioned migrations.

``schema_version`` records the migrations applied (``MIGRATIONS``, in order); ``db.connect``
brings any database up to date. To change the schema: append a migration, never edit one.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from typing import Any

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
    bindparam,
    delete,
    func,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection

from ..keys import fold, unpad_key

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
    # how a person names the text (migration 9): its own identity when it has no number ("Quyết định (không số)
    # của UBND tỉnh Hà Nam, 02/12/2025"), its title, or a report's headline
    Column("doc_type", String(64)),
    Column("issuer", Text),
    Column("date", String(10)),
    Column("title", Text),
    # migration 13: loaded, but no resolution across the store has completed since (a run killed before its pass):
    # the next batch's pass takes it in, so any rerun finishes what an interrupted one began
    Column("resolution_pending", Boolean),
    Index("ix_sources_path", "path"),
    Index("ix_sources_pending", "resolution_pending"),
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
    Column("pinpoints", Text),  # added by migration 10: the parts named with it (JSON paths)
    Index("ix_mentions_key", "key"),
    Index("ix_mentions_doc", "doc_id"),
    Index("ix_mentions_type_number", "doc_type", "number"),  # added by migration 4
    Index("ix_mentions_raw_key", "raw_key", "date"),  # added by migration 8
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
    Column("pinpoints", Text),  # added by migration 10: the parts of the target it acts on (JSON paths); none: the whole
    Column("partial", Boolean),  # added by migration 12: acts on a part (pinpointed, or "một phần" stated); null: loaded before
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

texts = Table(  # added by migration 5: the normalised text every offset indexes (for the web page's annotated view)
    "texts",
    metadata,
    Column("doc_id", String(80), ForeignKey("sources.doc_id", ondelete="CASCADE"), primary_key=True),
    Column("text", Text),
)
effects = Table(  # added by migration 10: when documents take effect or end, as the texts state it
    "effects",
    metadata,
    _row_id(),
    _source_fk(),
    Column("key", String(200)),  # the document it concerns (the text's own key, or a cited one; None: a text without number)
    Column("raw_key", String(200)),
    Column("kind", String(10), nullable=False),  # effective | expires
    Column("date", String(10)),
    Column("rule", Text),
    Column("evidence", Text),
    Column("start", Integer),
    Column("end", Integer),
    Column("is_self", Boolean, nullable=False, default=False),
    Index("ix_effects_key", "key"),
    Index("ix_effects_doc", "doc_id"),
)
assignments = Table(  # added by migration 14: who must do what, by when, as each text states it
    "assignments",
    metadata,
    _row_id(),
    _source_fk(),  # the text that assigns (its own key is the assigning document: sources.self_key)
    Column("task", Text),
    Column("lead", Text),  # as written
    Column("lead_folded", Text),  # abbreviations expanded, folded (issuers.canonical_issuer): bodies are matched on it
    Column("partners", Text),  # JSON list, as written
    Column("due_date", String(10)),  # the last day the deadline allows
    Column("due_written", Text),
    Column("section", String(60)),
    Column("evidence", Text),
    Column("start", Integer),
    Column("end", Integer),
    Column("form", String(10)),
    Index("ix_assignments_doc", "doc_id"),
    Index("ix_assignments_due", "due_date"),
)
document_search = Table(  # added by migration 5: folded words of each document's key, type, title, issuer and citing sentences
    "document_search",
    metadata,
    Column("key", String(200), primary_key=True),
    Column("body", Text),
)

document_values = Table(  # added by migration 6: the counts the documents rows are picked from
    "document_values",
    metadata,
    Column("key", String(200), primary_key=True),
    Column("field", String(16), primary_key=True),  # a ref column, '_rows' (mentions per tier) or 'seen' (ingest stamps)
    Column("tier", Integer, primary_key=True),  # 0 the text's own identity, 1 a full reference, 2 any other form
    Column("value", Text, primary_key=True),
    Column("n", Integer, nullable=False),  # mentions with this value
    Column("first_id", Integer),  # the earliest such mention: ties go to the value seen first
)

CHILDREN = (task_items, task_lists, relations, mentions, named, texts, effects, assignments)
FTS_TABLE = "documents_fts"  # SQLite FTS5 over document_search; PostgreSQL indexes to_tsvector('simple', body) instead


# --- the documents rows, derived from the mentions (kept by every load, rebuilt by migrations) ----------------

FIELDS = ("doc_type", "number", "symbol", "year", "date", "issuer", "title")


def _tier(form: str | None) -> int:
    return 0 if form == "identity" else 1 if form == "full" else 2


def count_values(conn: Connection, rows: Iterable[Mapping[str, Any]], sign: int = 1) -> set[str]:
    """Add (``sign`` 1) or take away (-1) mention rows (with ``id``, ``key``, ``form``, the ref columns
    and ``ingested_at``) in ``document_values``; returns the keys touched. A text's cost here is its
    own mentions, however many other texts cite the same documents."""
    counts: Counter[tuple[str, str, int, str]] = Counter()
    first: dict[tuple[str, str, int, str], int] = {}

    def add(k: tuple[str, str, int, str], mention_id: int) -> None:
        counts[k] += sign
        first[k] = min(first.get(k, mention_id), mention_id)

    for r in rows:
        key, tier, mid = r["key"], _tier(r["form"]), r["id"]
        add((key, "_rows", tier, ""), mid)
        add((key, "seen", 0, r["ingested_at"]), mid)
        for col in FIELDS:
            if r[col] not in (None, ""):
                add((key, col, tier, str(r[col])), mid)
    if not counts:
        return set()
    values = [dict(key=k[0], field=k[1], tier=k[2], value=k[3], n=n, first_id=first[k]) for k, n in counts.items()]
    if sign > 0:
        ins = (sqlite_insert if conn.dialect.name == "sqlite" else pg_insert)(document_values)
        conn.execute(ins.on_conflict_do_update(
            index_elements=["key", "field", "tier", "value"],
            set_={"n": document_values.c.n + ins.excluded.n,
                  "first_id": func.min(document_values.c.first_id, ins.excluded.first_id) if conn.dialect.name == "sqlite"
                  else func.least(document_values.c.first_id, ins.excluded.first_id)}), values)
    else:
        pk = document_values.c
        conn.execute(update(document_values).where(pk.key == bindparam("k"), pk.field == bindparam("f"), pk.tier == bindparam("t"),
                                                   pk.value == bindparam("v")).values(n=pk.n + bindparam("d")),
                     [dict(k=v["key"], f=v["field"], t=v["tier"], v=v["value"], d=v["n"]) for v in values])
        conn.execute(delete(document_values).where(pk.key.in_({v["key"] for v in values}), pk.n <= 0))
    return {k[0] for k in counts}


def mention_rows(conn: Connection, *where: Any) -> list[Mapping[str, Any]]:
    cols = [mentions.c.id, mentions.c.key, mentions.c.form, *(mentions.c[c] for c in FIELDS), sources.c.ingested_at]
    return list(conn.execute(select(*cols).join(sources, sources.c.doc_id == mentions.c.doc_id).where(*where)).mappings())


def prevailing(counts: Mapping[str, int]) -> str:
    """The value the most mentions give, ties to the fuller (longer) value, then the first in Unicode order: a rule of
    the values alone, never of the order they arrived in. Used for a document's fields and a named document's name."""
    return min(counts, key=lambda val: (-counts[val], -len(val), val))


def _pick(values: list[Mapping[str, Any]], field: str) -> str | None:
    """A document's value of ``field``: the most frequent in its own identity header if it has one,
    else among the full references if it has any, else among all mentions; ties to the fuller value (the longer:
    "Ủy ban nhân dân tỉnh Hà Nam" over "UBND"), then the first in Unicode order: a rule of the values alone, never of
    the order the texts arrived in (two workers finish in either order)."""
    have = {v["tier"] for v in values if v["field"] == "_rows"}
    mine = [v for v in values if v["field"] == field]

    def best(tiers: tuple[int, ...]) -> str | None:
        pool: dict[str, int] = {}
        for v in mine:
            if v["tier"] in tiers:
                pool[v["value"]] = pool.get(v["value"], 0) + v["n"]
        return prevailing(pool) if pool else None

    return best((0,)) or best((0, 1) if have & {0, 1} else (0, 1, 2))


def refresh_documents(conn: Connection, keys: Iterable[str]) -> None:
    """Recompute the ``documents`` rows of ``keys`` from ``document_values`` (deleting orphans). A key's
    values are few (one row per distinct value), its first and last ingest stamps come from an index,
    and its search row reads at most five citing sentences: the cost does not grow with its citations."""
    keys = sorted(set(keys))
    dv = document_values.c
    for i in range(0, len(keys), 500):
        chunk = keys[i : i + 500]
        by_key: dict[str, list] = defaultdict(list)
        for r in conn.execute(select(document_values).where(dv.key.in_(chunk), dv.field != "seen")).mappings():
            by_key[r["key"]].append(r)
        conn.execute(delete(documents).where(documents.c.key.in_(chunk)))
        out = []
        for key, values in by_key.items():
            rows = {v["tier"]: v["n"] for v in values if v["field"] == "_rows"}
            if not rows:
                continue
            seen = select(dv.value).where(dv.key == key, dv.field == "seen", dv.tier == 0)
            first_seen = conn.execute(seen.order_by(dv.value).limit(1)).scalar()
            last_seen = conn.execute(seen.order_by(dv.value.desc()).limit(1)).scalar()
            picked = {col: _pick(values, col) for col in FIELDS}
            year = picked["year"]
            out.append(dict(key=key, **{**picked, "year": int(year) if year is not None else None}, first_seen=first_seen,
                            last_seen=last_seen, mention_count=rows.get(1, 0) + rows.get(2, 0)))
        if out:
            conn.execute(insert(documents), out)
        _index_for_search(conn, chunk, out)


def _index_for_search(conn: Connection, keys: list[str], docs: list[dict]) -> None:
    """The full-text row of each document: its key, type, title, issuer and a few citing sentences, folded
    (case and diacritics off) so that "ket luan 120" finds "Kết luận 120"."""
    conn.execute(delete(document_search).where(document_search.c.key.in_(keys)))  # SQLite's FTS index follows by trigger
    rows = []
    for d in docs:
        first = (select(mentions.c.sentence).where(mentions.c.key == d["key"], mentions.c.sentence.is_not(None))
                 .order_by(mentions.c.id).limit(20))
        sentences = list(dict.fromkeys(conn.execute(first).scalars()))[:5]
        parts = [d["key"], d["doc_type"], d["number"], d["title"], d["issuer"], *sentences]
        rows.append(dict(key=d["key"], body=fold(" ".join(str(p) for p in parts if p))))
    if rows:
        conn.execute(insert(document_search), rows)



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


def _migration_4(conn: Connection) -> None:
    from sqlalchemy import inspect

    if "ix_mentions_type_number" not in {i["name"] for i in inspect(conn).get_indexes("mentions")}:
        conn.execute(text("CREATE INDEX ix_mentions_type_number ON mentions (doc_type, number)"))


def _migration_5(conn: Connection) -> None:
    from sqlalchemy import inspect

    have = set(inspect(conn).get_table_names())
    metadata.create_all(conn, tables=[t for t in (texts, document_search) if t.name not in have])
    if conn.dialect.name == "sqlite":
        conn.execute(text(f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(key UNINDEXED, body, "
                          "tokenize = 'unicode61 remove_diacritics 2')"))
    elif conn.dialect.name == "postgresql":
        conn.execute(text("CREATE INDEX IF NOT EXISTS ix_document_search_body ON document_search USING gin (to_tsvector('simple', body))"))


def _migration_6(conn: Connection) -> None:
    from sqlalchemy import inspect

    if "document_values" in set(inspect(conn).get_table_names()):
        return
    metadata.create_all(conn, tables=[document_values])
    tier = "CASE m.form WHEN 'identity' THEN 0 WHEN 'full' THEN 1 ELSE 2 END"
    for col in ("doc_type", "number", "symbol", "year", "date", "issuer", "title"):
        conn.execute(text(f"INSERT INTO document_values (key, field, tier, value, n, first_id) "
                          f"SELECT m.key, '{col}', {tier}, CAST(m.{col} AS TEXT), count(*), min(m.id) FROM mentions m "
                          f"WHERE m.{col} IS NOT NULL AND CAST(m.{col} AS TEXT) <> '' GROUP BY m.key, {tier}, CAST(m.{col} AS TEXT)"))
    conn.execute(text(f"INSERT INTO document_values (key, field, tier, value, n, first_id) "
                      f"SELECT m.key, '_rows', {tier}, '', count(*), min(m.id) FROM mentions m GROUP BY m.key, {tier}"))
    conn.execute(text("INSERT INTO document_values (key, field, tier, value, n, first_id) "
                      "SELECT m.key, 'seen', 0, s.ingested_at, count(*), min(m.id) FROM mentions m "
                      "JOIN sources s ON s.doc_id = m.doc_id GROUP BY m.key, s.ingested_at"))
    if conn.dialect.name == "postgresql":  # the first citing sentences of a key without sorting all of them
        conn.execute(text("CREATE INDEX IF NOT EXISTS ix_mentions_key_id ON mentions (key, id)"))


def _migration_7(conn: Connection) -> None:
    """An index of documents by issuer (canonical spellings are updated per name). SQLite: the full-text index reads its rows from document_search (an external-content FTS5 table)
    and triggers keep it in step, so that a document's row is replaced through its rowid; deleting
    by key from a table that held its own copy scanned the whole index on every load."""
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_documents_issuer ON documents (issuer)"))
    if conn.dialect.name != "sqlite":
        return
    conn.execute(text(f"DROP TABLE IF EXISTS {FTS_TABLE}"))
    conn.execute(text(f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(key UNINDEXED, body, content='document_search', "
                      "content_rowid='rowid', tokenize = 'unicode61 remove_diacritics 2')"))
    conn.execute(text(f"CREATE TRIGGER IF NOT EXISTS document_search_ai AFTER INSERT ON document_search BEGIN "
                      f"INSERT INTO {FTS_TABLE} (rowid, key, body) VALUES (new.rowid, new.key, new.body); END"))
    conn.execute(text(f"CREATE TRIGGER IF NOT EXISTS document_search_ad AFTER DELETE ON document_search BEGIN "
                      f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}, rowid, key, body) VALUES ('delete', old.rowid, old.key, old.body); END"))
    conn.execute(text(f"CREATE TRIGGER IF NOT EXISTS document_search_au AFTER UPDATE ON document_search BEGIN "
                      f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}, rowid, key, body) VALUES ('delete', old.rowid, old.key, old.body); "
                      f"INSERT INTO {FTS_TABLE} (rowid, key, body) VALUES (new.rowid, new.key, new.body); END"))
    conn.execute(text(f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}) VALUES ('rebuild')"))


def _migration_8(conn: Connection) -> None:
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_mentions_raw_key ON mentions (raw_key, date)"))


def _migration_9(conn: Connection) -> None:
    """A text's own type, issuer, date and title (a report's headline: its first line), for its label."""
    from sqlalchemy import inspect

    have = {c["name"] for c in inspect(conn).get_columns("sources")}
    for name, kind in (("doc_type", "VARCHAR(64)"), ("issuer", "TEXT"), ("date", "VARCHAR(10)"), ("title", "TEXT")):
        if name not in have:
            conn.execute(text(f"ALTER TABLE sources ADD COLUMN {name} {kind}"))
    rows = conn.execute(text("SELECT s.doc_id, t.text FROM sources s JOIN texts t ON t.doc_id = s.doc_id WHERE s.title IS NULL")).all()
    for doc_id, body in rows:
        conn.execute(text("UPDATE sources SET title = :t WHERE doc_id = :d"), {"t": headline(body), "d": doc_id})


def headline(body: str | None, limit: int = 160) -> str | None:
    """A text's first non-empty line, cut at ``limit`` characters on a word: what a reader calls a report."""
    for line in (body or "").splitlines():
        line = " ".join(line.replace("*", " ").replace("#", " ").split())
        if len(line) >= 3:
            return line if len(line) <= limit else line[:limit].rsplit(" ", 1)[0] + " …"
    return None


def _migration_10(conn: Connection) -> None:
    """Pinpoints on mentions and relations, and the effects table (dates of effect). Texts loaded before keep
    no pinpoints or dates until they are loaded again (``build`` of a changed file, or a fresh store)."""
    from sqlalchemy import inspect

    for table in ("mentions", "relations"):
        if "pinpoints" not in {c["name"] for c in inspect(conn).get_columns(table)}:
            conn.execute(text(f"ALTER TABLE {table} ADD COLUMN pinpoints TEXT"))
    metadata.create_all(conn, tables=[effects])


def _migration_11(conn: Connection) -> None:
    """Keys without leading zeros (the guide's number rule: "08-KH/CB" and "8-KH/CB" are one document, now
    "8-KH/CB"): every stored key rewritten, the documents of the keys it touched recounted."""
    def changed(table: Table, *cols: str) -> list[dict]:
        out = []
        for row in conn.execute(select(table.c.id, *(table.c[c] for c in cols))).mappings():
            new = {c: unpad_key(row[c]) if row[c] else row[c] for c in cols}
            if any(new[c] != row[c] for c in cols):
                out.append({"_id": row["id"], **{f"_{c}": v for c, v in new.items()}})
        return out

    def rewrite(table: Table, rows: list[dict], *cols: str) -> None:
        if rows:
            conn.execute(update(table).where(table.c.id == bindparam("_id")).values({c: bindparam(f"_{c}") for c in cols}), rows)

    moved = changed(mentions, "key", "raw_key")
    ids = [r["_id"] for r in moved]
    touched: set[str] = set()
    for i in range(0, len(ids), 500):
        touched |= count_values(conn, mention_rows(conn, mentions.c.id.in_(ids[i : i + 500])), -1)
    rewrite(mentions, moved, "key", "raw_key")
    for i in range(0, len(ids), 500):
        touched |= count_values(conn, mention_rows(conn, mentions.c.id.in_(ids[i : i + 500])))
    rewrite(relations, changed(relations, "source_key", "target_key", "raw_source", "raw_target"), "source_key", "target_key", "raw_source", "raw_target")
    rewrite(task_lists, changed(task_lists, "owner_key", "raw_owner"), "owner_key", "raw_owner")
    rewrite(effects, changed(effects, "key", "raw_key"), "key", "raw_key")
    items = []
    for row in conn.execute(select(task_items.c.id, task_items.c.refs, task_items.c.raw_refs)).mappings():
        new = {c: json.dumps([unpad_key(k) for k in json.loads(row[c] or "[]")], ensure_ascii=False) for c in ("refs", "raw_refs")}
        if any(new[c] != (row[c] or "[]") for c in new):
            items.append({"_id": row["id"], "_refs": new["refs"], "_raw_refs": new["raw_refs"]})
    rewrite(task_items, items, "refs", "raw_refs")
    for (doc_id, key) in conn.execute(select(sources.c.doc_id, sources.c.self_key).where(sources.c.self_key.is_not(None))).all():
        if unpad_key(key) != key:
            conn.execute(update(sources).where(sources.c.doc_id == doc_id).values(self_key=unpad_key(key)))
    refresh_documents(conn, touched)


def _migration_12(conn: Connection) -> None:
    """relations.partial: a change stated on a part of its target without naming it ("bãi bỏ một phần Quyết định …")
    is partial too. Rows loaded before get it from their pinpoints; a "một phần" they stated is known only once their
    text is loaded again."""
    from sqlalchemy import inspect

    if "partial" not in {c["name"] for c in inspect(conn).get_columns("relations")}:
        conn.execute(text("ALTER TABLE relations ADD COLUMN partial BOOLEAN"))
    conn.execute(update(relations).where(relations.c.partial.is_(None)).values(partial=relations.c.pinpoints.is_not(None)))


def _migration_13(conn: Connection) -> None:
    """sources.resolution_pending: which texts no completed resolution pass has seen (none, for a store built before:
    its passes are taken to have completed)."""
    from sqlalchemy import inspect

    if "resolution_pending" not in {c["name"] for c in inspect(conn).get_columns("sources")}:
        conn.execute(text("ALTER TABLE sources ADD COLUMN resolution_pending BOOLEAN"))
    if "ix_sources_pending" not in {i["name"] for i in inspect(conn).get_indexes("sources")}:
        conn.execute(text("CREATE INDEX ix_sources_pending ON sources (resolution_pending)"))


def _migration_14(conn: Connection) -> None:
    """The assignments table. Texts loaded before it have no assignments until they are loaded into a fresh store
    (an unchanged file is not read again)."""
    metadata.create_all(conn, tables=[assignments])


#: (version, description, function); append, never edit, to change the schema. A new database
#: gets the current tables from migration 1; later migrations must therefore be idempotent.
MIGRATIONS: list[tuple[int, str, Callable[[Connection], None]]] = [
    (1, "sources, documents, mentions, relations, task lists and items, named documents", _migration_1),
    (2, "documents.issuer_canonical (issuer names canonicalised across the corpus)", _migration_2),
    (3, "task_items.raw_refs (cited keys as extracted; refs follow corpus resolution)", _migration_3),
    (4, "index mentions (doc_type, number): candidates for resolving short forms", _migration_4),
    (5, "texts (normalised source texts) and full-text search over documents", _migration_5),
    (6, "document_values: counts per document and value, so that loading a text costs the same however cited", _migration_6),
    (7, "index documents (issuer); SQLite full-text index kept from document_search by triggers (external content)", _migration_7),
    (8, "index mentions (raw_key, date): the Party-term rule's years of a key by index probes, not a scan", _migration_8),
    (9, "sources: the text's own type, issuer, date and title (its human label)", _migration_9),
    (10, "pinpoints on mentions and relations; effects (when documents take effect or end)", _migration_10),
    (11, "keys without leading zeros (08-KH/CB is 8-KH/CB): every stored key rewritten, its documents recounted", _migration_11),
    (12, "relations.partial: changes stated on a part without naming it ('bãi bỏ một phần …')", _migration_12),
    (13, "sources.resolution_pending: texts loaded since the last completed resolution (a killed run's are resolved by the next)", _migration_13),
    (14, "assignments: who must do what, by when", _migration_14),
]


