"""The graph as pandas DataFrames and as files: csv | parquet | jsonl (nodes and edges) or graphml |
gexf, every edge with its provenance (the text and sentence it comes from)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import and_, select
from sqlalchemy.engine import Engine

from ..store import documents, mentions, relations, sources, task_items, task_lists


def to_frames(engine: Engine) -> dict[str, Any]:
    """pandas DataFrames: documents, mentions, relations, tasks, sources."""
    import pandas as pd

    with engine.connect() as conn:
        frames = {
            "documents": pd.read_sql(select(documents), conn),
            "sources": pd.read_sql(select(sources), conn),
            "mentions": pd.read_sql(select(mentions, sources.c.path).join(sources, sources.c.doc_id == mentions.c.doc_id), conn),
            "relations": pd.read_sql(select(relations, sources.c.path).join(sources, sources.c.doc_id == relations.c.doc_id), conn),
            "tasks": pd.read_sql(
                select(task_items.c.list_id, task_lists.c.owner_key, task_lists.c.marker_style, task_lists.c.declared_count,
                       task_items.c.ordinal, task_items.c.marker, task_items.c.text, task_items.c.refs, sources.c.path)
                .join(task_lists, and_(task_lists.c.id == task_items.c.list_id))
                .join(sources, sources.c.doc_id == task_items.c.doc_id),
                conn,
            ),
        }
    return frames

def nodes_edges(engine: Engine) -> tuple[Any, Any]:
    """Nodes (documents and source texts) and edges (stated relations, and 'cites' from a
    text to each document it mentions) with provenance, as DataFrames."""
    import pandas as pd

    f = to_frames(engine)
    docs = f["documents"].assign(node_kind="document").rename(columns={"key": "id"})
    texts = f["sources"].assign(node_kind="text").rename(columns={"doc_id": "id"})[["id", "node_kind", "path", "kind", "self_key", "status"]]
    nodes = pd.concat([docs, texts], ignore_index=True)
    rel = f["relations"].rename(columns={"source_key": "source", "target_key": "target", "doc_id": "evidence_doc_id",
                                         "path": "evidence_path"})
    rel = rel[["source", "target", "type", "confidence", "evidence_doc_id", "evidence_path", "start", "end", "evidence", "rule"]]
    m = f["mentions"]
    m = m[~m["is_self"].astype(bool)]
    cites = (m.groupby(["doc_id", "key", "path"]).agg(start=("start", "min"), end=("end", "min"), count=("id", "count"),
                                                      evidence=("sentence", "first")).reset_index())
    cites = cites.rename(columns={"doc_id": "source", "key": "target", "path": "evidence_path"}).assign(type="cites", confidence=1.0)
    cites["evidence_doc_id"] = cites["source"]
    edges = pd.concat([rel, cites], ignore_index=True)
    return nodes, edges

def export(engine: Engine, fmt: str, out: str | Path) -> list[Path]:
    """Write the graph as csv | parquet | jsonl (a folder with nodes.* and edges.*) or graphml | gexf (one file)."""
    nodes, edges = nodes_edges(engine)
    out = Path(out)
    if fmt in ("csv", "parquet", "jsonl"):
        out.mkdir(parents=True, exist_ok=True)
        paths = [out / f"nodes.{fmt}", out / f"edges.{fmt}"]
        for frame, p in zip((nodes, edges), paths, strict=True):
            if fmt == "csv":
                frame.to_csv(p, index=False)
            elif fmt == "parquet":
                frame.to_parquet(p, index=False)
            else:
                frame.to_json(p, orient="records", lines=True, force_ascii=False)
        return paths
    if fmt in ("graphml", "gexf"):
        import networkx as nx

        g = nx.MultiDiGraph()
        for rec in nodes.to_dict("records"):
            g.add_node(rec.pop("id"), **{k: _attr(v) for k, v in rec.items() if _attr(v) is not None})
        for rec in edges.to_dict("records"):
            s, t = rec.pop("source"), rec.pop("target")
            g.add_edge(s, t, **{k: _attr(v) for k, v in rec.items() if _attr(v) is not None})
        out.parent.mkdir(parents=True, exist_ok=True)
        (nx.write_graphml if fmt == "graphml" else nx.write_gexf)(g, out)
        return [out]
    raise ValueError(f"unknown export format: {fmt}")



def _attr(v: Any) -> Any:
    """GraphML/GEXF attributes: plain str/int/float/bool, no NaN."""
    import math

    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    if hasattr(v, "item"):
        v = v.item()
    if isinstance(v, (str, int, float, bool)):
        return v
    return str(v)
