"""Store: extractions in a SQL database (SQLite file by default, any SQLAlchemy URL).

``schema`` (tables, versioned migrations), ``db`` (connections, SQLite pragmas, retries),
``load`` (one transaction per text, document aggregates, corpus-wide resolution).
"""

from .db import DEFAULT_DB, DEFAULT_URL, NotADatabase, connect, counts, migrate, normalize_url, retrying
from .load import (
    LoadResult,
    SqlIndex,
    count_values,
    delete_source,
    load,
    load_extraction,
    mention_rows,
    pending_resolution,
    refresh_documents,
    resolve_stored,
)
from .schema import (
    CHILDREN,
    FTS_TABLE,
    MIGRATIONS,
    assignments,
    document_search,
    document_values,
    documents,
    effects,
    mentions,
    metadata,
    named,
    prevailing,
    relations,
    schema_version,
    sources,
    task_items,
    task_lists,
    texts,
)

__all__ = [
    "CHILDREN", "effects", "DEFAULT_DB", "NotADatabase", "DEFAULT_URL", "MIGRATIONS", "LoadResult", "SqlIndex", "connect", "counts", "delete_source", "documents",
    "load", "load_extraction", "mentions", "metadata", "migrate", "named", "normalize_url", "refresh_documents", "relations",
    "resolve_stored", "retrying", "schema_version", "sources", "task_items", "task_lists", "texts", "document_search", "document_values", "FTS_TABLE", "count_values", "mention_rows",
    "pending_resolution", "assignments", "prevailing",
]
