"""Command line: a thin layer over the functions a Python user calls."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from . import settings
from .extract import extract_path
from .i18n import LOCALES, N_, _, set_language, speak_argparse, told
from .read import error_id, iter_entries, iter_paths
from .read.screen import screen_path
from .records import Extraction
from .resolve import Ambiguity, resolve_corpus
from .settings import DEFAULT_DB
from .terminal import shown

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from .graph import Graph
    from .ingest import IngestSummary


def cmd_extract(args: argparse.Namespace) -> int:
    entries = list(iter_entries(args.paths, follow_links=args.follow_links))
    show_progress = sys.stderr.isatty() and len(entries) > 1

    def write(r: Extraction) -> None:
        sys.stdout.write(json.dumps(r.to_json(args.with_text), ensure_ascii=False) + "\n")
        sys.stdout.flush()

    held = []  # with --corpus-resolve, records wait until the whole corpus is known
    for i, e in enumerate(entries, 1):
        reason = None if e.problem or args.include_all else screen_path(e.raw)
        if e.problem or reason:
            r = Extraction(path=e.path, doc_id=error_id(e.path), status="error", error=e.problem or reason)
        else:
            r = extract_path(e.raw, name=e.path)
        if args.corpus_resolve:
            held.append(r)
        else:
            write(r)
        if show_progress:
            print(f"\r{i}/{len(entries)} {shown(e.path)[-60:]:60s}", end="", file=sys.stderr)
    if show_progress:
        print(file=sys.stderr)
    if args.corpus_resolve:
        resolved, ambiguous = resolve_corpus(held)
        _print_ambiguous(ambiguous)
        for r in resolved:
            write(r)
    return 0


def _print_ambiguous(ambiguous: list[Ambiguity]) -> None:
    for a in ambiguous:
        print(shown(_("ambiguous: %(source)s: %(short)s -> %(candidates)s") % {"source": a.path, "short": a.short_key,
                                                                           "candidates": ", ".join(a.candidates)}), file=sys.stderr)


def _open_db(url: str, readonly: bool = False) -> Engine | None:
    """The engine for ``--db`` (read-only: never created or migrated; else brought up to date), or None
    after a one-line error."""
    from .store import NotADatabase, connect

    try:
        return connect(url, readonly=readonly)
    except NotADatabase as exc:
        print(("vncite: " + told(exc)).splitlines()[0][:300], file=sys.stderr)
    except Exception as exc:  # bad URL, unreachable server
        print((_("vncite: cannot open database %(url)r: %(why)s") % {"url": url, "why": exc}).splitlines()[0][:300], file=sys.stderr)
    return None


def _ingest(args: argparse.Namespace, paths: list[str], workers: int | None) -> tuple[Engine, IngestSummary] | None:
    from .ingest import ingest

    engine = _open_db(args.db)
    if engine is None:
        return None
    try:
        summary = ingest(paths, engine, workers=workers, dask=getattr(args, "dask", None), quiet=getattr(args, "json", False),
                         follow_links=args.follow_links, resolve_all=getattr(args, "resolve_all", True),
                         full_paths=args.full_paths, include_all=args.include_all)
    except (OSError, ValueError, TimeoutError) as exc:  # an unreachable Dask scheduler, a bad address
        print((_("vncite: cannot run: %(why)s") % {"why": f"{type(exc).__name__}: {exc}"}).splitlines()[0][:300], file=sys.stderr)
        return None
    _print_ambiguous(summary.ambiguous)
    if not getattr(args, "json", False):
        for nd in summary.not_documents[:10]:
            print(_("  not loaded: %(source)s: %(reason)s") % {"source": shown(nd["source"]), "reason": shown(_(nd["reason"]))}, file=sys.stderr)
        if len(summary.not_documents) > 10:
            print(_("  … and %(n)s more files not loaded (--json lists them; --include-all loads them)")
                  % {"n": len(summary.not_documents) - 10}, file=sys.stderr)
    return engine, summary


def cmd_build(args: argparse.Namespace) -> int:
    from .store import counts

    done = _ingest(args, args.paths, workers=args.workers)
    if done is None:
        return 2
    engine, s = done
    c = counts(engine)
    print(_("%(files)s files: %(processed)s processed, %(skipped)s unchanged, %(failed)s failed, %(other)s not documents; "
            "database: %(texts)s texts, %(documents)s documents, %(mentions)s mentions, %(relations)s relations, %(lists)s task lists")
          % {"files": s.processed + s.skipped + s.failed + len(s.not_documents), "processed": s.processed, "skipped": s.skipped,
             "failed": s.failed, "other": len(s.not_documents),
             "texts": c["sources"], "documents": c["documents"], "mentions": c["mentions"], "relations": c["relations"],
             "lists": c["task_lists"]}, file=sys.stderr)
    return 0


#: column heads of the human tables (the JSON and CSV keep the field names)
COLUMN_WORDS = {
    "key": N_("Document"), "doc_type": N_("Type"), "issuer": N_("Issuer"), "date": N_("Date"), "via": N_("Implements"),
    "depth": N_("Level"), "path": N_("Text"), "evidence": N_("Evidence"), "relation": N_("Relation"), "kind": N_("Kind"),
    "mentions": N_("Mentions"), "surface": N_("As written"), "ordinal": N_("No."), "marker": N_("Marker"), "text": N_("Task"),
    "references": N_("References"), "standing": N_("Changed by"), "status": N_("Standing"), "on": N_("On"), "part": N_("Part"),
    "since": N_("Since"), "applied": N_("Changed by"), "lead": N_("Lead"), "partners": N_("Partners"), "task": N_("Task"),
    "due": N_("Due"), "overdue": N_("Overdue"), "section": N_("Section"), "taken_up_by": N_("Taken up by"),
}


#: columns whose values are never broken inside a word (a key, a date, a level): a table is wider than the terminal
#: rather than show "10-KH/Đ…"
WHOLE_COLUMNS = frozenset({"key", "date", "on", "since", "depth", "ordinal", "marker", "mentions", "relation", "status"})
#: the narrowest a column of free text is made, in characters (its longer words are broken)
MIN_TEXT_WIDTH = 12
#: a text column narrower than this (when its text is longer) makes the table give way to records
READABLE_WIDTH = 24


def _fit(rows: list[list[str]], width: int, whole: list[bool]) -> list[list[list[str]]] | None:
    """Each cell as its lines, wrapped at spaces so that every line fits ``width`` columns: the widest column gives
    first, down to its longest word where ``whole`` (keys and dates are never cut or broken), else to
    ``MIN_TEXT_WIDTH``; nothing is dropped. None when no table fits (or its text would be a few words a line)."""
    import textwrap

    if not rows:
        return []
    n = len(rows[0])
    widths = [max(len(r[i]) for r in rows) for i in range(n)]
    floor = [min(widths[i], max((len(w) for r in rows for w in r[i].split()), default=1) if whole[i] else MIN_TEXT_WIDTH)
             for i in range(n)]
    while sum(widths) + 2 * (n - 1) > width:
        shrinkable = [i for i in range(n) if widths[i] > floor[i]]
        if not shrinkable:
            return None  # no table fits: the caller lays the rows out as records
        widest = max(shrinkable, key=lambda i: widths[i])
        widths[widest] -= 1
    natural = [max(len(r[i]) for r in rows) for i in range(n)]
    if any(not whole[i] and natural[i] > READABLE_WIDTH and widths[i] < READABLE_WIDTH for i in range(n)):
        return None  # a text column squeezed to a few words a line reads worse than records

    def wrap(text: str, i: int) -> list[str]:
        if len(text) <= widths[i]:
            return [text]
        return textwrap.wrap(text, widths[i], break_long_words=not whole[i], break_on_hyphens=False) or [""]

    return [[wrap(c, i) for i, c in enumerate(r)] for r in rows]


def _records(grid: list[list[str]], width: int) -> str:
    """Rows too wide for a table at ``width``, one block each: "Heading  value" lines, values wrapped at spaces under
    themselves (or under the heading when the terminal is too narrow for both), blocks apart by a blank line."""
    import textwrap

    heads, rows = grid[0], grid[1:]
    pad = max(len(h) for h in heads) + 2
    beside = width - pad >= READABLE_WIDTH
    out: list[str] = []
    for r in rows:
        if out:
            out.append("")
        for h, v in zip(heads, r, strict=True):
            if not v:
                continue
            if beside:
                lines = textwrap.wrap(v, width - pad, break_long_words=False, break_on_hyphens=False) or [""]
                out.append(h.ljust(pad) + lines[0])
                out += [" " * pad + line for line in lines[1:]]
            else:
                out.append(h)
                out += ["  " + line for line in textwrap.wrap(v, max(width - 2, 8), break_long_words=False, break_on_hyphens=False)]
    return "\n".join(out)


def _table(rows: list[dict], columns: list[str]) -> str:
    """Rows as an aligned table that fits the terminal, in the reader's language, dates as dd/mm/yyyy."""
    import shutil

    from .graph import display
    from .i18n import date as show_date

    cols = [c for c in columns if any(c in r for r in rows)]

    def cell(col: str, v: object) -> str:
        if v is None or v == "":
            return ""
        if col == "date":
            return show_date(str(v))
        if col == "issuer":
            return display.issuer(str(v))
        if col == "relation":
            return display.relation_word(str(v))
        if col == "kind":
            return _(display.KIND_WORDS.get(str(v), str(v)))
        if col == "status":
            return display.status_word(str(v))
        if col in ("on", "since"):
            return show_date(str(v))
        if col == "applied":  # the changes a standing rests on
            return "; ".join(display.change_text(c["relation"], c["key"], c["partial"], c["pinpoints"], c["when"]["date"],
                                                 basis=c["when"]["basis"]) for c in v)  # type: ignore[union-attr]
        if col == "overdue":
            return _("overdue") if v else ""
        if col == "taken_up_by":
            return ", ".join(map(str, v)) if v else _("no plan")
        if isinstance(v, list):
            return "; ".join(map(str, v)) if col == "partners" else ", ".join(map(str, v))
        return display.clean(str(v)) if col in ("evidence", "text", "surface", "task") else " ".join(str(v).split())

    grid = [[_(COLUMN_WORDS.get(c, c)) for c in cols]]
    grid += [[shown(cell(c, r.get("label") or r.get(c) if c == "key" else r.get(c))) for c in cols] for r in rows]  # a text by its label
    # the terminal's width, or COLUMNS when set (piped output too); else 160
    width = shutil.get_terminal_size((160, 24)).columns if sys.stdout.isatty() or os.environ.get("COLUMNS") else 160
    cells = _fit(grid, width, [c in WHOLE_COLUMNS for c in cols])
    if cells is None:
        return _records(grid, width)
    widths = [max(len(line) for r in cells for line in r[i]) for i in range(len(cols))]
    wrapped = any(len(c) > 1 for r in cells for c in r)
    out = []
    for number, r in enumerate(cells):
        if wrapped and number > 1:
            out.append("")  # rows of several lines are told apart by a blank line
        for k in range(max(len(c) for c in r)):
            out.append("  ".join((c[k] if k < len(c) else "").ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
    return "\n".join(out)


def _print_results(rows: list[dict], args: argparse.Namespace, columns: list[str]) -> int:
    import pandas as pd

    if args.json:
        print(json.dumps({"results": rows}, ensure_ascii=False, indent=1))
    elif args.csv:
        from .graph.export import csv_safe

        csv_safe(pd.DataFrame(rows, columns=columns if not rows else None)).to_csv(sys.stdout, index=False)
    elif rows:
        print(_table(rows, columns))
    else:
        print(_("no results"), file=sys.stderr)
    return 0 if rows else 1


def _echo_key(graph: Graph, typed: str) -> str:
    """The key ``typed`` names; said on stderr when it is not what was typed ("KH 10" -> 10-KH/ĐUK)."""
    key = graph.lookup(typed)
    label = graph.labels([key])[key] if " " in key else key  # a document cited by name: by its name, not its folded key
    if label != " ".join(typed.split()):
        print(_("vncite: “%(typed)s” is %(key)s") % {"typed": shown(" ".join(typed.split())[:120]), "key": shown(label)}, file=sys.stderr)
    return key


def cmd_query(args: argparse.Namespace) -> int:
    from .graph import Graph, KeyLookupError
    from .graph.catalog import QUERIES, query_json

    engine = _open_db(args.db, readonly=True)
    if engine is None:
        return 2
    from .graph.catalog import KEYLESS

    if args.key is None and args.what not in KEYLESS:
        print(_("vncite: %(message)s (vncite --help)") % {"message": _("the following arguments are required: %s") % "KEY"}, file=sys.stderr)
        return 2
    query = QUERIES[args.what]
    graph = Graph(engine)
    options = {"to": args.to, "due_before": args.due_before}
    try:
        if args.json:
            out = query_json(graph, args.what, args.key, args.transitive, args.depth, args.on, **options)
            print(out)
            return 0 if json.loads(out)["results"] else 1
        key = _echo_key(graph, args.key) if args.key is not None else None
        rows = query.run(graph, key, args.transitive, args.depth, args.on, **options)
    except KeyLookupError as exc:
        print("vncite: " + shown(_key_error(exc)), file=sys.stderr)
        return 2 if exc.candidates else 1
    from .graph.catalog import cut_note

    if note := cut_note(rows):
        print(_("vncite: %(note)s (--depth N follows more)") % {"note": note}, file=sys.stderr)
    if getattr(args, "tree", False) and args.what == "implements" and not (args.json or args.csv):
        if not rows:
            print(_("no results"), file=sys.stderr)
            return 1
        print(_tree_text(graph, key, list(rows)))
        return 0
    return _print_results(list(rows), args, list(query.columns))


def _tree_text(graph: Graph, root: str, rows: list[dict]) -> str:
    """The implements chains as a tree of levels: each plan under the document it implements, with its type, issuer,
    date and standing ("└── 8-KH/CB  Kế hoạch · Chi ủy chi bộ · 25/04/2016")."""
    from .graph import display
    from .i18n import date as show_date

    def line(key: str, r: dict | None) -> str:
        if r is None:
            return key
        bits = [r.get("doc_type"), display.issuer(r["issuer"]) if r.get("issuer") else None, show_date(r["date"]) if r.get("date") else None]
        status = f"  [{display.status_word(r['status'])}]" if r.get("status") and r["status"] not in ("unknown", "in_force") else ""
        return shown(f"{r.get('label') or key}  " + " · ".join(b for b in bits if b) + status)

    children: dict[str, list[dict]] = {}
    for r in display.tree_order(root, rows):  # each plan once, under the first document it implements
        children.setdefault(r["via"], []).append(r)
    out = [line(root, None)]
    todo = [(r, "", i == len(children.get(root, [])) - 1) for i, r in enumerate(children.get(root, []))][::-1]
    while todo:  # depth first, without recursion (a chain may be a thousand levels deep)
        r, prefix, last = todo.pop()
        out.append(prefix + ("└── " if last else "├── ") + line(r["key"], r))
        kids = children.get(r["key"], [])
        todo += [(k, prefix + ("    " if last else "│   "), i == len(kids) - 1) for i, k in enumerate(kids)][::-1]
    return "\n".join(out)


def _key_error(exc: Exception) -> str:
    """A ``KeyLookupError`` in the reader's language."""
    shown = " ".join(exc.query.split())  # type: ignore[attr-defined]
    shown = shown if len(shown) <= 120 else shown[:117] + "…"
    cands = exc.candidates  # type: ignore[attr-defined]
    if cands:
        more = " …" if len(cands) > 20 else ""
        return _("“%(key)s” names several documents: %(candidates)s") % {"key": shown, "candidates": ", ".join(cands[:20]) + more}
    return _("no document matches “%(key)s”") % {"key": shown}


def cmd_show(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from .graph import Graph, KeyLookupError, display
    from .i18n import date as show_date

    engine = _open_db(args.db, readonly=True)
    if engine is None:
        return 2
    graph = Graph(engine)
    try:
        key = args.key if args.json else _echo_key(graph, args.key)
        view = graph.show(key)
        standing = graph.standing(view.key, args.on)
    except KeyLookupError as exc:
        print("vncite: " + shown(_key_error(exc)), file=sys.stderr)
        return 2 if exc.candidates else 1
    d = asdict(view)
    if args.json:
        print(json.dumps({"results": [d]}, ensure_ascii=False, indent=1))
        return 0
    names = graph.labels([view.key, *(h.key for h in view.relations_out + view.relations_in)])
    lines = [
        (_("Document"), names[view.key]), (_("Type"), view.doc_type), (_("Number"), view.number), (_("Symbol"), view.symbol),
        (_("Date of issue"), show_date(view.date) or view.year), (_("Issued by"), display.issuer(view.issuer)),
        (_("Title"), display.clean(view.title)),
        (_("Standing"), _standing_line(standing)),
        (_("Cited"), _("by %(texts)s texts, %(mentions)s mentions") % {"texts": view.cited_by_texts, "mentions": view.mention_count}),
        (_("Task lists"), view.task_lists),
    ]
    width = max(len(k) for k, _v in lines)
    for k, v in lines:
        print(f"{k:{width}s}  {'—' if v in (None, '') else shown(v)}")
    for direction, hits in (("out", view.relations_out), ("in", view.relations_in)):
        for relation in sorted({h.relation for h in hits}):
            print(f"{display.heading(relation, direction)}:")
            for h in (h for h in hits if h.relation == relation):
                print(shown(f"  {names.get(h.key, h.key)}" + (f"  ({h.path})" if h.path else "")))
    return 0


def _standing_line(st: object) -> str:
    """A standing in one line: the status, on which date, since when, and the changes and dates it rests on."""
    from .graph import display
    from .i18n import date as show_date

    parts = [_("%(status)s on %(on)s") % {"status": display.status_word(st.status), "on": show_date(st.on)}]  # type: ignore[attr-defined]
    if st.effective and st.effective.date:  # type: ignore[attr-defined]
        parts.append(_("in effect from %(date)s") % {"date": show_date(st.effective.date)})  # type: ignore[attr-defined]
    if st.status == "not_yet_issued":  # type: ignore[attr-defined]
        parts.append(_("issued on %(date)s") % {"date": show_date(st.issued)})  # type: ignore[attr-defined]
    parts += [display.change_text(c.relation, c.key, c.partial, c.pinpoints, c.when.date, basis=c.when.basis)  # type: ignore[attr-defined]
              for c in st.applied]  # type: ignore[attr-defined]
    return "; ".join(parts)


def cmd_export(args: argparse.Namespace) -> int:
    from .graph import Graph

    engine = _open_db(args.db, readonly=True)
    if engine is None:
        return 2
    out = Path(args.out)
    folder = args.format in ("csv", "parquet", "jsonl")
    if out.exists() and not args.force:
        print(_("vncite: %(out)s exists (--force replaces it)") % {"out": shown(out)}, file=sys.stderr)
        return 2
    if folder and out.exists() and not out.is_dir() or not folder and out.is_dir():
        said = (_("vncite: %(out)s is a file; %(format)s writes a folder") if folder
                else _("vncite: %(out)s is a folder; %(format)s writes one file"))
        print(said % {"out": shown(out), "format": args.format}, file=sys.stderr)
        return 2
    try:
        for p in Graph(engine).export(args.format, out):
            print(p)
    except OSError as exc:  # a full disk, a read-only folder
        print((_("vncite: cannot write %(out)s: %(why)s") % {"out": shown(out), "why": exc.strerror or exc})[:300], file=sys.stderr)
        return 2
    return 0


def cmd_batch(args: argparse.Namespace) -> int:
    if not Path(args.inbox).is_dir():
        print(_("vncite: inbox is not a folder: %(path)s") % {"path": shown(args.inbox)}, file=sys.stderr)
        return 2
    done = _ingest(args, [args.inbox], workers=args.workers)
    if done is None:
        return 2
    summary = done[1]
    if args.json:
        print(json.dumps(summary.to_json(), ensure_ascii=False, indent=1))
    else:
        print(_("%(processed)s processed, %(skipped)s skipped, %(failed)s failed in %(seconds).1f s")
              % {"processed": summary.processed, "skipped": summary.skipped, "failed": summary.failed, "seconds": summary.seconds},
              file=sys.stderr)
        for e in summary.errors:
            print(_("  error: %(source)s: %(error)s") % {"source": shown(e["source"]), "error": shown(e["error"])}, file=sys.stderr)
        for low in summary.low_confidence_pages:
            pages = ", ".join(map(str, low["pages"]))
            print(_("  low OCR confidence (rescan?): %(source)s: page %(pages)s") % {"source": shown(low["source"]), "pages": pages},
                  file=sys.stderr)
    return 1 if (args.strict and summary.failed) else 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from .evaluate import evaluate, report

    if not Path(args.gold).is_dir():
        print(_("vncite: gold folder not found: %(path)s") % {"path": shown(args.gold)}, file=sys.stderr)
        return 2
    records = [extract_path(p).to_json() for p in iter_paths(args.paths)]
    result = evaluate(args.gold, records)
    print(json.dumps(result, ensure_ascii=False, indent=1) if args.json else report(result))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from .store import NotADatabase, connect

    try:
        connect(args.db, readonly=True)
    except NotADatabase as exc:
        print(("vncite: " + told(exc))[:300], file=sys.stderr)
        return 2
    import socket

    try:  # the address is free and ours to bind: told in one line now, not in a traceback from the server
        with socket.socket(socket.AF_INET6 if ":" in args.host else socket.AF_INET) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((args.host, args.port))
    except (OSError, UnicodeError, TypeError, ValueError) as exc:  # a name that cannot be encoded, a NUL in it
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else _("not a host name or address")
        print(_("vncite: cannot listen on %(host)r port %(port)s: %(why)s") % {"host": args.host[:100], "port": args.port, "why": reason},
              file=sys.stderr)
        return 2
    from .web import serve

    serve(args.db, host=args.host, port=args.port)
    return 0


def _host(value: str) -> str:
    if not value.strip():
        raise argparse.ArgumentTypeError(_("give a host name or address (127.0.0.1 for this machine, 0.0.0.0 for every interface)"))
    return value


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(_("not a port number: %(value)r") % {"value": value[:40]}) from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(_("a port is 1 to 65535, not %(port)s") % {"port": port})
    return port


def cmd_train_relations(args: argparse.Namespace) -> int:
    from .learn import train

    m = train(Path(args.out))
    print(json.dumps(m, ensure_ascii=False, indent=1))
    print(_("model, data and card written to %(out)s/ (relation_model.json, relations.json, relations_data.jsonl, relations_card.md)")
          % {"out": args.out}, file=sys.stderr)
    return 0


class _Parser(argparse.ArgumentParser):
    """Bad options: one line on stderr, exit 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        print((_("vncite: %(message)s (vncite --help)") % {"message": message})[:300], file=sys.stderr)
        sys.exit(2)


def _workers(value: str) -> int:
    n = int(value)
    if n < 0:
        raise argparse.ArgumentTypeError(_("must be 0 or more"))
    return n


def _iso_date(value: str) -> str | None:
    """``--on``: read as the page and the API read ``?on=`` (``graph.standing.read_date``)."""
    from .graph.display import DATE_ERROR
    from .graph.standing import UnreadableDate, read_date

    try:
        return read_date(value)
    except UnreadableDate as exc:
        raise argparse.ArgumentTypeError(_(DATE_ERROR) % {"value": exc.value}) from None


#: the deepest chain a query follows when asked (a chain of plans is a few levels; a cycle is cut at every level)
MAX_CLI_DEPTH = 1000


def _depth_arg(value: str) -> int:
    n = _positive(value)
    if n > MAX_CLI_DEPTH:
        raise argparse.ArgumentTypeError(_("at most %(max)s levels (got %(n)s)") % {"max": MAX_CLI_DEPTH, "n": n})
    return n


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(_("not a whole number: %(value)r") % {"value": value}) from None
    if n < 1:
        raise argparse.ArgumentTypeError(_("must be 1 or more"))
    return n


def _dask_address(value: str) -> str:
    if value == "local" or re.fullmatch(r"(?:(?:tcp|tls|ucx|inproc)://)?[\w.\-\[\]:]+:\d{1,5}", value):
        return value
    raise argparse.ArgumentTypeError(_("give a scheduler address (tcp://HOST:PORT) or 'local'"))


def _language(argv: list[str]) -> str | None:
    """The language asked for by ``--lang`` (read before the parser exists: its help and errors are in it), else
    ``VNCITE_LANG``."""
    for i, a in enumerate(argv):
        if a == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if a.startswith("--lang="):
            return a.split("=", 1)[1]
    return os.environ.get("VNCITE_LANG")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    set_language(_language(argv))
    speak_argparse()  # argparse's own words (usage, "the following arguments are required") from our catalogue
    ap = _Parser(prog="vncite", description=_("Citation graph of Vietnamese official documents."))
    sub = ap.add_subparsers(dest="command", required=True, parser_class=_Parser)
    db = _Parser(add_help=False)
    links = _Parser(add_help=False)
    links.add_argument("--follow-links", action="store_true", help=_("read links that point outside the folders given"))
    db.add_argument("--db", default=DEFAULT_DB, help=_("SQLAlchemy URL or SQLite file (default: ./%(db)s)") % {"db": DEFAULT_DB})
    lang = _Parser(add_help=False)
    lang.add_argument("--lang", choices=list(LOCALES), default=None,
                      help=_("language of the human output: vi (default) or en (also VNCITE_LANG)"))

    ex = sub.add_parser("extract", parents=[lang, links], help=_("extract references, task lists and relations as JSON Lines"))
    ex.add_argument("paths", nargs="+", metavar="PATH", help=_("files or folders"))
    ex.add_argument("--format", choices=["jsonl"], default="jsonl")
    ex.add_argument("--corpus-resolve", action="store_true", help=_("resolve short forms against the whole input corpus"))
    ex.add_argument("--with-text", action="store_true", help=_("add the normalised text to each record"))
    ex.add_argument("--include-all", action="store_true",
                    help=_("extract every file (default: JSON data and notes that are not Vietnamese text are error records)"))
    ex.set_defaults(func=cmd_extract)

    stored = _Parser(add_help=False)
    stored.add_argument("--include-all", action="store_true",
                        help=_("load every file (default: JSON data and notes that are not Vietnamese text are skipped and listed)"))
    stored.add_argument("--full-paths", action="store_true",
                        help=_("store each file's absolute path (default: its name under the folder given, e.g. inbox/a.pdf)"))

    b = sub.add_parser("build", parents=[lang, db, links, stored], help=_("extract files and load them into the citation database"))
    b.add_argument("paths", nargs="+", metavar="PATH")
    b.add_argument("--workers", type=_workers, default=0, help=_("worker processes (default: 0, this process)"))
    b.set_defaults(func=cmd_build)

    from .graph.catalog import QUERIES

    q = sub.add_parser("query", parents=[lang, db], help=_("query the citation graph"))
    q.add_argument("what", choices=list(QUERIES), help="; ".join(f"{n}: {_(x.help)}" for n, x in QUERIES.items()))
    q.add_argument("key", metavar="KEY", nargs="?", help=_('a document: "120-KL/TW", "Kết luận 120-KL/TW", "KL 120", "kết luận số 120"'))
    q.add_argument("--transitive", action="store_true", help=_("follow chains (implements)"))
    q.add_argument("--tree", action="store_true", help=_("implements: draw the chains as a tree of levels"))
    q.add_argument("--on", type=_iso_date, default=None, metavar="DATE",
                   help=_("the date status is asked for: YYYY-MM-DD, dd/mm/yyyy or d/m/yyyy (default: today)"))
    q.add_argument("--depth", type=_depth_arg, default=None, metavar="N",
                   help=_("levels --transitive follows (default: %(depth)s, VNCITE_MAX_DEPTH; at most %(max)s); a deeper chain is cut "
                          "and said so") % {"depth": settings.MAX_DEPTH, "max": MAX_CLI_DEPTH})
    q.add_argument("--to", metavar="BODY", default=None, help=_('assignments: those of one body ("Sở Tài chính", "UBND tỉnh")'))
    q.add_argument("--due-before", type=_iso_date, default=None, metavar="DATE", help=_("assignments: those due before DATE"))
    fmt = q.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true")
    fmt.add_argument("--csv", action="store_true")
    q.set_defaults(func=cmd_query)

    sh = sub.add_parser("show", parents=[lang, db], help=_("everything known about a document"))
    sh.add_argument("key", metavar="KEY")
    sh.add_argument("--on", type=_iso_date, default=None, metavar="DATE",
                    help=_("the date the standing is given for: YYYY-MM-DD, dd/mm/yyyy or d/m/yyyy (default: today)"))
    sh.add_argument("--json", action="store_true")
    sh.set_defaults(func=cmd_show)

    exp = sub.add_parser("export", parents=[lang, db], help=_("write nodes and edges with provenance"))
    exp.add_argument("out", metavar="OUT")
    exp.add_argument("--format", choices=["csv", "parquet", "graphml", "gexf", "jsonl", "xlsx"], required=True)
    exp.add_argument("--force", action="store_true", help=_("replace OUT if it exists"))
    exp.set_defaults(func=cmd_export)

    bt = sub.add_parser("batch", parents=[lang, db, links, stored], help=_("process new files of an inbox folder into the database (incremental, parallel)"))
    bt.add_argument("inbox", metavar="INBOX")
    bt.add_argument("--workers", type=_workers, default=None, help=_("worker processes (default: all cores, at most one per file)"))
    bt.add_argument("--dask", metavar="ADDRESS", type=_dask_address,
                    help=_("run on a Dask cluster (scheduler address tcp://HOST:PORT, or 'local' for a LocalCluster)"))
    bt.add_argument("--json", action="store_true", help=_("print a JSON summary"))
    bt.add_argument("--strict", action="store_true", help=_("exit 1 when any file failed"))
    bt.add_argument("--resolve-all", action="store_true",
                    help=_("resolve short forms and regroup issuer spellings across the whole store (default: what this batch changed)"))
    bt.set_defaults(func=cmd_batch)

    ev = sub.add_parser("evaluate", parents=[lang], help=_("extract PATHs and score them against gold annotations (the shared scorer's figures)"))
    ev.add_argument("--gold", required=True, metavar="DIR", help=_("folder of gold JSON files (../shared/gold/README.md)"))
    ev.add_argument("paths", nargs="+", metavar="PATH", help=_("files or folders to extract"))
    ev.add_argument("--json", action="store_true")
    ev.set_defaults(func=cmd_evaluate)

    sv = sub.add_parser("serve", parents=[lang, db], help=_("the web page: search, documents, implements trees, annotated texts (read-only)"))
    sv.add_argument("--host", type=_host, default="127.0.0.1", help=_("address to bind (default: 127.0.0.1, this machine only)"))
    sv.add_argument("--port", type=_port, default=8000)
    sv.set_defaults(func=cmd_serve)

    tr = sub.add_parser("train-relations", parents=[lang], help=_("train the relation-type classifier and compare it with the rules"))
    tr.add_argument("--out", default="models", help=_("folder for the model, its data and card (default: models)"))
    tr.set_defaults(func=cmd_train_relations)

    args = ap.parse_args(argv)
    set_language(args.lang or os.environ.get("VNCITE_LANG"))
    if settings.PROBLEMS:  # a guard switched off by a limit of 0 or -1 must not pass in silence
        for problem in settings.PROBLEMS:
            print(_("vncite: %(problem)s; unset it or give a number in range") % {"problem": shown(told(problem))}, file=sys.stderr)
        return 2
    missing = [p for p in getattr(args, "paths", []) if not Path(p).exists()]
    if missing and len(missing) == len(args.paths):
        print(_("vncite: no such file or folder: %(paths)s") % {"paths": shown(", ".join(missing))}, file=sys.stderr)
        return 2
    try:
        return args.func(args)
    except BrokenPipeError:
        return 0
    except Exception as exc:
        message = _trouble(exc, getattr(args, "db", None))
        if message is None:
            raise
        print(f"vncite: {message}", file=sys.stderr)
        return 2


def _trouble(exc: BaseException, db: str | None) -> str | None:
    """One line for a damaged or unwritable database, or a full disk (None: not such a failure). A load is
    one transaction, so the store keeps every text loaded before the failure and a rerun completes it."""
    import errno

    from sqlalchemy.exc import SQLAlchemyError

    where = db or "vncite.db"
    orig = getattr(exc, "orig", None) or exc
    detail = " ".join(str(orig).split())
    detail = "".join(ch if ch.isprintable() else "?" for ch in detail)[:160]
    full = isinstance(orig, OSError) and orig.errno == errno.ENOSPC or re.search(r"disk is full|no space left|DiskFull", detail, re.I)
    if full:
        return _("no space left on the device writing the database %(db)s; what was loaded before stays, free space and "
                 "rerun to complete it") % {"db": where}
    sql = isinstance(exc, SQLAlchemyError) or type(orig).__module__.startswith(("sqlite3", "psycopg"))
    if sql and re.search(r"read-?only|readonly", detail, re.I):
        return _("cannot write the database %(db)s: it is read-only (its file, its folder or the disk); what was loaded "
                 "before stays") % {"db": where}
    if sql and re.search(r"no such (?:column|table)|has no column|does not exist", detail, re.I):
        return _("the database %(db)s does not have the tables this vncite reads (%(detail)s); it may be of another version: "
                 "open it once with vncite build or batch to bring it up to date") % {"db": where, "detail": detail}
    if sql and re.search(r"locked|busy", detail, re.I):
        return _("the database %(db)s is busy (another process holds it: %(detail)s); try again when it is done") % {
            "db": where, "detail": detail}
    if sql or isinstance(exc, UnicodeDecodeError):
        return _("the database %(db)s cannot be read (%(detail)s); it is damaged: restore a backup or rebuild it from the "
                 "texts") % {"db": where, "detail": detail}
    if isinstance(exc, OSError) and exc.errno in (errno.EIO, errno.EROFS, errno.EACCES, errno.EDQUOT):
        return _("cannot use the database %(db)s: %(why)s") % {"db": where, "why": exc.strerror or exc}
    return None


if __name__ == "__main__":
    sys.exit(main())
