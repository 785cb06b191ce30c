"""The query table: one place that the CLI, the web page and the API read (name -> what it answers,
its columns, how to run it). Light on purpose: it imports no database code, so building the CLI's
help costs nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from ..i18n import N_

if TYPE_CHECKING:
    from .queries import Graph


@dataclass(frozen=True)
class Query:
    """A named query: what it answers, the columns of its rows, and how to run it."""

    name: str
    help: str
    columns: tuple[str, ...]
    run: Callable[..., list[dict[str, Any]]]  # (graph, key, transitive, max_depth=None, on=None, **options) -> rows


def _implements(g: Graph, key: str, transitive: bool, max_depth: int | None = None, on: str | None = None,
                **_: Any) -> list[dict[str, Any]]:
    from .display import change_text
    from .queries import Chain

    hits = g.implements(key, transitive=transitive, max_depth=max_depth)
    states = g.standing_many((h.key for h in hits), on)  # is each plan still in force, and what changed it by then?
    rows = ({**asdict(h), "status": states[h.key].status,
             "standing": "; ".join(change_text(c.relation, c.key, c.partial, c.pinpoints, c.when.date, basis=c.when.basis)
                                   for c in states[h.key].applied)}
            for h in hits)
    return Chain(rows, depth_limit=hits.depth_limit, cut=hits.cut)


def _cited_by(g: Graph, key: str, transitive: bool, max_depth: int | None = None, on: str | None = None,
              **_: Any) -> list[dict[str, Any]]:
    return [{"key": c.citing_key or c.doc_id, **asdict(c)} for c in g.cited_by(key)]


def _cites(g: Graph, key: str, transitive: bool, max_depth: int | None = None, on: str | None = None,
           **_: Any) -> list[dict[str, Any]]:
    from .display import part_text

    return [{**asdict(h), "part": part_text(bool(h.partial), h.pinpoints)} for h in g.cites(key)]


def _tasks(g: Graph, key: str, transitive: bool, max_depth: int | None = None, on: str | None = None,
           **_: Any) -> list[dict[str, Any]]:
    return [dict(key=tl.owner, path=tl.path, marker_style=tl.marker_style, declared_count=tl.declared_count, **asdict(it))
            for tl in g.tasks(key) for it in tl.items]


def _status(g: Graph, key: str, transitive: bool, max_depth: int | None = None, on: str | None = None,
            **_: Any) -> list[dict[str, Any]]:
    st = g.standing(key, on)
    row = asdict(st)
    row["since"] = next((c.when.date for c in reversed(st.applied) if c.when.date), None) if st.applied else \
        (st.effective.date if st.effective else None)
    return [row]


def _assignments(g: Graph, key: str | None, transitive: bool, max_depth: int | None = None, on: str | None = None,
                 to: str | None = None, due_before: str | None = None, **_: Any) -> list[dict[str, Any]]:
    return [asdict(a) for a in g.assignments(key, to=to, due_before=due_before, on=on)]


def _coverage(g: Graph, key: str, transitive: bool, max_depth: int | None = None, on: str | None = None,
              **_: Any) -> list[dict[str, Any]]:
    from .coverage import coverage

    return coverage(g, key).rows()


QUERIES: dict[str, Query] = {q.name: q for q in (
    Query("implements", N_("documents that implement KEY (--transitive: through chains of plans), each with its standing (--on DATE)"),
          ("key", "doc_type", "issuer", "date", "via", "depth", "status", "standing", "path", "evidence"), _implements),
    Query("cited-by", N_("texts that cite KEY, short forms included"),
          ("key", "kind", "path", "mentions", "surface", "evidence"), _cited_by),
    Query("cites", N_("documents KEY cites, and how (based_on, replaces, …)"),
          ("key", "doc_type", "relation", "part", "issuer", "date", "path", "evidence"), _cites),
    Query("tasks", N_("KEY's task lists, item by item"),
          ("key", "ordinal", "marker", "text", "references", "path"), _tasks),
    Query("status", N_("whether KEY is in force (--on DATE): in_force, partly_amended, partly_repealed, replaced, repealed, "
             "not_yet_in_force, not_yet_issued or unknown, with the dates and changes it rests on"),
          ("key", "status", "on", "since", "applied"), _status),
    Query("assignments", N_("who must do what, by when: KEY's assignments (all, without KEY); --to BODY those of one body, "
                            "--due-before DATE those due before it, overdue as of --on DATE"),
          ("key", "lead", "partners", "task", "due", "overdue", "section", "path"), _assignments),
    Query("coverage", N_("which of KEY's tasks each plan implementing it takes up (matched by content), and which none does"),
          ("task", "lead", "due", "taken_up_by"), _coverage),
)}

#: the queries that answer without a KEY
KEYLESS = frozenset({"assignments"})


def cut_note(rows: list) -> str | None:
    """What to tell a reader when a transitive query stopped before the end of its chains."""
    if getattr(rows, "cut", False):
        from ..i18n import _

        return _("the chain goes deeper than %(n)s levels; only the first %(n)s are shown") % {"n": rows.depth_limit}
    return None


def query_json(graph: Graph, name: str, key: str | None, transitive: bool = False, max_depth: int | None = None,
               on: str | None = None, **options: Any) -> str:
    """What ``vncite query NAME KEY --json`` prints (the web API returns the same bytes): the rows, and for a
    transitive query that stopped at its depth limit, ``cut`` (the limit) and a ``note``."""
    import json

    rows = QUERIES[name].run(graph, key, transitive, max_depth, on, **options)
    out: dict[str, Any] = {"results": list(rows)}
    if getattr(rows, "cut", False):
        out["cut"] = {"depth_limit": rows.depth_limit, "note": cut_note(rows)}
    return json.dumps(out, ensure_ascii=False, indent=1)
