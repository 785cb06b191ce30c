"""The citation graph over a store: queries (``queries``), the query table (``catalog``), pandas
frames and exports (``export``).

    from pipeline.graph import Graph
    g = Graph("sqlite:///vncite.db")
    g.implements("Kết luận 120-KL/TW", transitive=True)   # [Hit(key='10-KH/ĐUK', …), Hit(key='08-KH/CB', …)]
    g.to_frames()["relations"]                             # a pandas DataFrame

Names are loaded on first use, so that ``pipeline.graph.catalog`` can be read without SQLAlchemy.
"""

from typing import Any

__all__ = ["MAX_DEPTH", "Chain", "Citation", "DocumentView", "Edge", "Graph", "Hit", "KeyLookupError", "SearchHit", "Span", "TaskItemView",
           "TaskListView", "TextView", "TreeNode", "STATUS_WORDS"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import queries

        return getattr(queries, name)
    raise AttributeError(name)
