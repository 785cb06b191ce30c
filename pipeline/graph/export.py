"""The graph as pandas DataFrames and as files: csv | parquet | jsonl (nodes and edges), graphml | gexf, or
xlsx (an Excel workbook, one sheet per table), every edge with its provenance (the text and sentence it comes from).

Files are safe to open: a CSV cell that a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``,
tab, carriage return first) gets a leading apostrophe (OWASP's advice) and the CSV starts with a byte-order mark, so
that Excel reads its Vietnamese as UTF-8; a workbook's cells are typed text, never formulas; XML gets no character
XML 1.0 forbids; every file is written under a temporary name and renamed when complete, so a failed export leaves
nothing behind, and is left readable as any file the user writes (the umask's permissions, not a temporary file's 0600)."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

from sqlalchemy import and_, select
from sqlalchemy.engine import Engine

from ..store import assignments, documents, mentions, relations, sources, task_items, task_lists
from .display import document_label


def to_frames(engine: Engine) -> dict[str, Any]:
    """pandas DataFrames: documents, mentions, relations, tasks, assignments, sources."""
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
            "assignments": pd.read_sql(
                select(sources.c.self_key.label("document"), assignments.c.task, assignments.c.lead, assignments.c.partners,
                       assignments.c.due_written, assignments.c.due_date, assignments.c.section, assignments.c.evidence,
                       assignments.c.doc_id, sources.c.path)
                .join(sources, sources.c.doc_id == assignments.c.doc_id).order_by(sources.c.path, assignments.c.start),
                conn,
            ),
        }
    return frames

def _text(value: Any) -> str | None:
    """A text field as read back by pandas: a column with gaps may hold NaN (a float) where the store has NULL (a
    failed file has no title, type or issuer)."""
    return value if isinstance(value, str) and value else None


def nodes_edges(engine: Engine, frames: dict[str, Any] | None = None) -> tuple[Any, Any]:
    """Nodes (documents and source texts) and edges (stated relations, and 'cites' from a
    text to each document it mentions) with provenance, as DataFrames (from ``frames`` when already read)."""
    import pandas as pd

    f = frames if frames is not None else to_frames(engine)
    docs = f["documents"].assign(node_kind="document").rename(columns={"key": "id"})
    src = f["sources"]
    texts = src.assign(node_kind="text").rename(columns={"doc_id": "id"})[["id", "node_kind", "path", "kind", "self_key", "status", "title"]]
    texts["label"] = [_text(r.self_key) or document_label(r.doc_id, _text(r.doc_type), None, _text(r.issuer), _text(r.date),
                                                        _text(r.title) or Path(r.path).name)
                      for r in src.itertuples()]  # how a person names the text (Gephi's node label)
    docs["label"] = docs["id"]
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
    return _whole_numbers(nodes), _whole_numbers(edges)


def _whole_numbers(frame: Any) -> Any:
    """Columns of whole numbers with gaps (a year, a count) as nullable integers, not floats ('2025', not '2025.0')."""
    for c in frame.columns:
        col = frame[c]
        if col.dtype.kind == "f" and col.notna().any() and (col.dropna() % 1 == 0).all():
            frame[c] = col.astype("Int64")
    return frame

FOLDER_FORMATS = ("csv", "parquet", "jsonl")
FILE_FORMATS = ("graphml", "gexf", "xlsx")
#: Excel's limits: characters in a cell, rows in a sheet (one is the header)
XLSX_MAX_CELL = 32767
XLSX_MAX_ROWS = 1_048_576
#: what a spreadsheet reads as the start of a formula (OWASP, "CSV Injection")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: characters XML 1.0 does not allow in a document (C0 controls but tab/newline/CR, lone surrogates, U+FFFE/F)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def csv_cell(v: Any) -> Any:
    """A value as a spreadsheet may safely open it: text that would start a formula gets a leading apostrophe."""
    return "'" + v if isinstance(v, str) and v.startswith(_FORMULA_START) else v


def csv_safe(frame: Any) -> Any:
    """The DataFrame with every text cell (and column name) passed through ``csv_cell``."""
    out = frame.copy()
    for c in out.columns:
        if out[c].dtype.kind not in "biufcmM":  # text columns, whatever pandas calls their dtype
            out[c] = out[c].map(csv_cell)
    out.columns = [csv_cell(str(c)) for c in out.columns]
    return out


def xml_text(v: str) -> str:
    """Text with the characters XML 1.0 forbids removed."""
    return _NOT_XML.sub("", v)


def export(engine: Engine, fmt: str, out: str | Path) -> list[Path]:
    """Write the graph as csv | parquet | jsonl (a folder with nodes.* and edges.*) or graphml | gexf (one
    file). Each file is written under a temporary name beside its place and renamed when complete: an
    existing export is replaced only by a finished one, and a failure leaves no partial file (nor a folder
    it created)."""
    if fmt not in FOLDER_FORMATS + FILE_FORMATS:
        raise ValueError(f"unknown export format: {fmt}")
    frames = to_frames(engine)  # the store read once, whatever is written from it
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt in FOLDER_FORMATS:
        made = not out.exists()
        out.mkdir(exist_ok=True)
        paths = [out / f"nodes.{fmt}", out / f"edges.{fmt}", out / f"assignments.{fmt}"]
        parts = [p.with_name(f".{p.name}.part") for p in paths]
        nodes, edges = nodes_edges(engine, frames)
        tasks = _whole_numbers(frames["assignments"])  # who must do what, by when, with the text that says it
        try:
            for frame, part in zip((nodes, edges, tasks), parts, strict=True):
                if fmt == "csv":  # the byte-order mark tells Excel the file is UTF-8 (else it reads Vietnamese as cp1252)
                    csv_safe(frame).to_csv(part, index=False, encoding="utf-8-sig")
                elif fmt == "parquet":
                    frame.to_parquet(part, index=False)
                else:
                    frame.to_json(part, orient="records", lines=True, force_ascii=False)
        except BaseException:
            for part in parts:
                part.unlink(missing_ok=True)
            if made:
                shutil.rmtree(out, ignore_errors=True)
            raise
        for part, p in zip(parts, paths, strict=True):
            os.replace(part, p)
        return paths
    if fmt == "xlsx":
        sheets = {k: _whole_numbers(v) for k, v in frames.items()}
        write: Any = lambda path: write_xlsx(sheets, path)  # noqa: E731
    else:
        import networkx as nx

        nodes, edges = nodes_edges(engine, frames)
        g = nx.MultiDiGraph()
        for rec in nodes.to_dict("records"):
            g.add_node(xml_text(str(rec.pop("id"))), **_attrs(rec))
        for rec in edges.to_dict("records"):
            s, t = rec.pop("source"), rec.pop("target")
            g.add_edge(xml_text(str(s)), xml_text(str(t)), **_attrs(rec))
        write = (lambda path: nx.write_graphml(g, path)) if fmt == "graphml" else (lambda path: nx.write_gexf(g, path))
    out = Path(os.path.realpath(out))  # through a link: the file it names is the one replaced
    if out.exists() and not out.is_file():  # a device or a pipe (/dev/stdout) is written as it is, never replaced
        write(out)
        return [out]
    fd, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent)
    os.close(fd)
    try:
        write(name)
        os.chmod(name, 0o666 & ~_umask())  # mkstemp made it 0600: an export is a file to share
        os.replace(name, out)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return [out]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_xlsx(frames: dict[str, Any], path: str | Path) -> None:
    """One sheet per table (a table longer than a sheet continues on "name 2", "name 3"…), its header the column
    names; text cells typed as text (a value starting with "=" is never a formula), cut to Excel's 32,767 characters,
    without the characters XML forbids."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    for name, frame in frames.items():
        rows = list(frame.itertuples(index=False, name=None))
        per = XLSX_MAX_ROWS - 1
        for part in range(max(1, -(-len(rows) // per))):
            ws = wb.create_sheet(title=name if part == 0 else f"{name} {part + 1}")
            ws.append([str(c) for c in frame.columns])
            for row in rows[part * per : (part + 1) * per]:
                ws.append([_xlsx_cell(ws, v) for v in row])
    wb.save(str(path))


def _xlsx_cell(ws: Any, v: Any) -> Any:
    from openpyxl.cell import WriteOnlyCell

    v = _attr(v)
    if isinstance(v, str):
        v = v[:XLSX_MAX_CELL]
        if v.startswith("="):
            cell = WriteOnlyCell(ws, value=v)
            cell.data_type = "s"  # text, not a formula
            return cell
    return v


def _attrs(rec: dict) -> dict:
    return {k: a for k, v in rec.items() if (a := _attr(v)) is not None}


def _attr(v: Any) -> Any:
    """GraphML/GEXF attributes: plain str/int/float/bool, no NaN, text with only XML's characters."""
    import pandas as pd

    if v is None:
        return None
    try:
        if pd.isna(v):  # NaN, pandas' NA, NaT
            return None
    except (TypeError, ValueError):  # not a scalar
        pass
    if hasattr(v, "item"):
        v = v.item()
    if isinstance(v, str):
        return xml_text(v)
    if isinstance(v, (int, float, bool)):
        return v
    return xml_text(str(v))
