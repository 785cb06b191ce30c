"""Connections: a URL (or a SQLite file path) to an engine with the schema up to date, SQLite
pragmas (WAL, foreign keys, real transactions), and retries when SQLite reports a lock."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import create_engine, event, insert, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

from ..i18n import N_, Telling
from ..settings import DEFAULT_DB
from .schema import MIGRATIONS, schema_version

DEFAULT_URL = f"sqlite:///{DEFAULT_DB}"


def normalize_url(url: str | None) -> str:
    """'vncite.db' or a path -> a SQLite URL; URLs pass through."""
    if not url:
        return DEFAULT_URL
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg2://" + url.split("://", 1)[1]  # the driver vncite ships (SQLAlchemy 2.1 would pick psycopg 3)
    if "://" in url:
        return url
    return f"sqlite:///{url}"


class NotADatabase(Telling):
    """A database that cannot be opened read-only as vncite's (missing, or not vncite's)."""


def connect(url: str | None = None, readonly: bool = False) -> Engine:
    """An engine with the schema brought up to date; ``readonly``: for the commands and pages that
    only read, which never create, migrate or write (SQLite ``query_only``, PostgreSQL read-only
    transactions) and refuse a database that is not vncite's (``NotADatabase``)."""
    url = normalize_url(url)
    kwargs: dict = {}
    if url.startswith("sqlite"):
        kwargs["connect_args"] = {"timeout": 60}
        path = url.split(":///", 1)[1] if ":///" in url else ""
        if readonly and path and path != ":memory:" and not Path(path.split("?")[0]).is_file():
            raise NotADatabase(N_("no database at %(path)s"), path=path)
    elif url.startswith("postgresql"):
        if readonly:
            kwargs["connect_args"] = {"options": "-c default_transaction_read_only=on"}
        if url.startswith("postgresql+psycopg2"):
            kwargs["executemany_mode"] = "values_plus_batch"  # updates of many rows in pages, not a round trip each
    engine = create_engine(url, future=True, **kwargs)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):  # noqa: ANN001
            dbapi_conn.isolation_level = None  # SQLAlchemy's "begin" below issues BEGIN itself
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            if readonly:
                cur.execute("PRAGMA query_only=ON")
            else:
                cur.execute("PRAGMA journal_mode=WAL")
                cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA busy_timeout=60000")
            cur.close()

        @event.listens_for(engine, "begin")
        def _begin(conn):  # noqa: ANN001
            # a real transaction around reads and writes alike (pysqlite would begin only at the first write);
            # deferred, so readers never wait: a writer whose snapshot went stale is retried by load_extraction
            conn.exec_driver_sql("BEGIN")

    if readonly:
        _check_vncite(engine, url)
        _bring_up_to_date(engine, url)
    else:
        try:
            migrate(engine)
        except OperationalError as exc:
            if "readonly" in str(exc).replace("-", "").lower() or "read only" in str(exc).lower():
                raise ReadOnlyDatabase(N_("%(db)s is read-only: vncite cannot write it (its file, its folder or the disk is "
                                          "read-only); the commands that only read can open it"), db=_where(url)) from None
            raise
    return engine


class OlderSchema(NotADatabase):
    """A vncite database of an older schema that this process may not (or cannot) bring up to date."""


class ReadOnlyDatabase(NotADatabase):
    """A database a command that writes cannot write."""


def _where(url: str) -> str:
    return url.split(":///", 1)[1] if url.startswith("sqlite") and ":///" in url else url


def _bring_up_to_date(engine: Engine, url: str) -> None:
    """A store of an older schema, opened by a command that only reads: migrated first when it can be written (the
    migrations only add), else named as older, never as damaged (advice that could make an operator destroy it)."""
    latest = max(v for v, _d, _f in MIGRATIONS)
    with engine.connect() as conn:
        have = max(conn.execute(select(schema_version.c.version)).scalars(), default=0)
    if have >= latest:
        return
    try:
        connect(url).dispose()  # the writer's connection, pragmas and migrations
    except (OperationalError, ReadOnlyDatabase) as exc:
        why = "read-only" if isinstance(exc, ReadOnlyDatabase) else str(getattr(exc, "orig", exc)).splitlines()[0][:80]
        raise OlderSchema(N_("%(db)s is a vncite database of an older schema (version %(have)s; this vncite reads %(latest)s) "
                             "that cannot be brought up to date here (%(why)s): nothing in it is damaged; open it once with "
                             "vncite build or batch where it is writable"), db=_where(url), have=have, latest=latest, why=why) from None


def _check_vncite(engine: Engine, url: str) -> None:
    from sqlalchemy import inspect
    from sqlalchemy.exc import DBAPIError

    try:
        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
    except DBAPIError as exc:
        raise NotADatabase(N_("cannot read %(db)s: %(why)s"), db=url, why=str(exc.orig).splitlines()[0]) from None
    if not {"schema_version", "sources", "documents"} <= tables:
        raise NotADatabase(N_("%(db)s is not a vncite database (build one with 'vncite build PATH... --db …')"), db=url)


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
                conn.execute(insert(schema_version).values(version=version, applied_at=now()))
                done.add(version)
    return max(done)


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")




def counts(engine: Engine) -> dict[str, int]:
    """Rows per table."""
    from .schema import CHILDREN, documents, sources

    with engine.connect() as conn:
        return {t.name: conn.execute(text(f"SELECT COUNT(*) FROM {t.name}")).scalar_one() for t in (sources, documents, *CHILDREN)}
