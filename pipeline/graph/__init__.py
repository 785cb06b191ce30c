"""The citation graph over a store: queries (``queries``), pandas frames and exports (``export``).

    from pipeline.graph import Graph
    g = Graph("sqlite:///vncite.db")
    g.implements("Kết luận 120-KL/TW", transitive=True)   # [Hit(key='10-KH/ĐUK', …), Hit(key='08-KH/CB', …)]
    g.to_frames()["relations"]                             # a pandas DataFrame
"""

from .queries import MAX_DEPTH, Citation, DocumentView, Graph, Hit, KeyLookupError, TaskItemView, TaskListView

__all__ = ["MAX_DEPTH", "Citation", "DocumentView", "Graph", "Hit", "KeyLookupError", "TaskItemView", "TaskListView"]
