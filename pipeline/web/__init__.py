"""The web page for staff: search, a document's "lược đồ" (identity, standing, relations both ways,
citing texts, task lists, the implements tree, a picture of its neighbourhood), annotated source
texts, and extraction of a pasted text or uploaded file. Server-rendered (Starlette + Jinja2, no
JavaScript build), read-only on the database, every page also as JSON under ``/api``.

    vncite serve [--db vncite.db] [--host 127.0.0.1] [--port 8000]

Every query comes from ``pipeline.graph`` (the one query layer the CLI uses); ``/api/query/NAME``
returns exactly what ``vncite query NAME KEY --json`` prints. Every text is escaped by the
templates; no request parameter becomes a file path (texts are read from the database by id).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import asdict
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from .. import i18n, settings
from ..graph import Graph, KeyLookupError, Span, display
from ..graph.catalog import KEYLESS, QUERIES, cut_note, query_json
from ..graph.standing import UnreadableDate, read_date
from ..i18n import N_
from ..store import documents, mentions, relations, sources
from .render import COLOURS, picture, segments
from .work import Busy, TooSlow, Worker, WorkerLost

HERE = Path(__file__).resolve().parent
MAX_UPLOAD = 2 * 1024 * 1024  # bytes a pasted text or an uploaded file may have on /extract
MAX_WEB_DEPTH = 4 * settings.MAX_DEPTH  # the deepest ?depth= a reader may ask for


def _key_url(key: str) -> str:
    return "/doc/" + quote(key, safe="")


def create_app(engine: Engine) -> Starlette:
    """The app over a database engine (open it read-only: ``store.connect(url, readonly=True)``)."""
    graph = Graph(engine)
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(HERE / "templates")), autoescape=True, extensions=["jinja2.ext.i18n"])
    templates = Jinja2Templates(env=env)
    env.install_gettext_callables(i18n.gettext, i18n.ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.globals.update(key_url=_key_url, quote=quote, colours=COLOURS, heading=display.heading,
                       relation_word=display.relation_word, status_word=display.status_word, kind_word=lambda k: i18n.gettext(display.KIND_WORDS.get(k or "", k or "")),
                       number=_number)
    env.filters.update(vdate=i18n.date, issuer=display.issuer, clean=display.clean)

    def page(request: Request, name: str, status: int = 200, **context: Any) -> Response:
        lang = i18n.current()
        other = "en" if lang == "vi" else "vi"
        context.setdefault("names", {})
        context.update(lang=lang, other_lang=other, other_lang_name="English" if other == "en" else "Tiếng Việt",
                       other_lang_url=_here(request, lang=other))
        return templates.TemplateResponse(request, name, context, status_code=status)

    def not_found(request: Request, what: str, candidates: list[str] | None = None, **params: Any) -> Response:
        """``what``: an English message of the catalogue with ``%(name)s`` fields; JSON keeps it in English
        (a stable message for programs), the page shows it in the reader's language."""
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": what % params, "candidates": candidates or []}, status_code=300 if candidates else 404)
        return page(request, "missing.html", status=300 if candidates else 404, what=i18n.gettext(what) % params,
                    candidates=candidates or [])

    def index(request: Request) -> Response:  # sync: Starlette runs it in a thread, off the event loop
        with engine.connect() as conn:
            counts = {"documents": conn.execute(select(func.count()).select_from(documents)).scalar_one(),
                      "texts": conn.execute(select(func.count()).select_from(sources)).scalar_one(),
                      "relations": conn.execute(select(func.count()).select_from(relations)).scalar_one()}
            top = [r[0] for r in conn.execute(
                select(mentions.c.key).where(mentions.c.is_self.is_(False), ~mentions.c.key.contains(" "))
                .group_by(mentions.c.key).order_by(func.count(func.distinct(mentions.c.doc_id)).desc(), mentions.c.key).limit(10))]
        return page(request, "index.html", counts=counts, top=graph._hits(top, set()))

    def search(request: Request) -> Response:  # sync: Starlette runs it in a thread, off the event loop
        q = request.query_params.get("q", "").strip()[:200]
        hits = graph.search(q) if q else []
        if request.url.path.startswith("/api/"):
            return JSONResponse({"query": q, "results": [asdict(h) for h in hits]})
        return page(request, "search.html", q=q, hits=hits)

    def _document(key: str, depth: int | None = None, on: str | None = None) -> dict[str, Any]:
        view = graph.show(key)
        edges = graph.edges(view.key)
        grouped: dict[tuple[str, str], list] = {}
        for e in edges:
            grouped.setdefault((e.relation, e.direction), []).append(e)
        tree = graph.implements_tree(view.key, max_depth=depth)
        nodes, lines = graph.neighbourhood(view.key)
        tasks = graph.tasks(view.key)
        names = graph.labels([view.key, *(e.key for e in edges), *(n.key for n in tree), *(n.via for n in tree),
                              *(n["key"] for n in nodes), *(t.doc_id for t in tasks if t.doc_id)])
        outline = [{"relation": t, "direction": d, "heading": display.heading(t, d), "edges": grouped.get((t, d), [])}
                   for t, _out, _in in display.RELATION_GROUPS for d in ("out", "in")]
        standing = graph.standing_many([view.key, *(n.key for n in tree)], on)
        assigned = graph.assignments(view.key, on=on) if view.number is not None or view.symbol else []
        from ..graph.coverage import coverage, tasks_from

        mine = tasks_from(assigned, tasks)  # read above: the coverage reads neither again, nor the plans
        covered = coverage(graph, view.key, tasks=mine, plans=sorted({n.key for n in tree if n.depth == 1})) if tree and mine else None
        return {
            "coverage": covered if covered is not None and covered.plans and covered.tasks else None,
            "assignments": assigned,
            "doc": view,
            "standing": graph.status(view.key),
            "state": standing[view.key],
            "tree_states": standing,
            "timeline": _timeline(standing[view.key], names),
            "groups": grouped,
            "outline": outline,
            "citing": graph.cited_by(view.key),
            "tasks": tasks,
            "tree": tree,
            "picture": picture(nodes, lines, names),
            "names": names,
        }

    def bad_date(request: Request, exc: UnreadableDate, key: str) -> Response:
        """A date that cannot be read is refused (400), never answered for another day."""
        if request.url.path.startswith("/api/"):
            with i18n.use("en"):
                english = i18n.gettext(display.DATE_ERROR) % {"value": exc.value}
            return JSONResponse({"error": english, "message": i18n.gettext(display.DATE_ERROR) % {"value": exc.value}},
                                status_code=400)
        return page(request, "missing.html", status=400, what=i18n.gettext(display.DATE_ERROR) % {"value": exc.value},
                    candidates=[], back=_key_url(key) if key else None)

    def document(request: Request) -> Response:  # sync: Starlette runs it in a thread, off the event loop
        key = request.path_params["key"]
        try:
            data = _document(key, _depth(request), _on(request))
        except UnreadableDate as exc:
            return bad_date(request, exc, key)
        except KeyLookupError as exc:
            what = N_("no document '%(key)s'") if not exc.candidates else N_("'%(key)s' names several documents")
            return not_found(request, what, exc.candidates, key=key[:120])
        if request.url.path.startswith("/api/"):
            d = data
            return JSONResponse({
                "document": asdict(d["doc"]), "status": [asdict(e) for e in d["standing"]],
                "relations": [asdict(e) for es in d["groups"].values() for e in es], "cited_by": [asdict(c) for c in d["citing"]],
                "task_lists": [asdict(t) for t in d["tasks"]], "implements_tree": [asdict(n) for n in d["tree"]],
                **_cut(d["tree"]),
                "neighbourhood": {"nodes": d["picture"]["nodes"] + d["picture"]["more"], "edges": d["picture"]["lines"]},
                "labels": d["names"],
                "standing": asdict(d["state"]),
            })
        return page(request, "doc.html", cut=cut_note(data["tree"]), deeper=_deeper(request, data["tree"]), **data)

    def tree(request: Request) -> Response:  # sync: Starlette runs it in a thread, off the event loop
        key = request.path_params["key"]
        try:
            root = graph.show(key)
            nodes = graph.implements_tree(root.key, max_depth=_depth(request))
        except KeyLookupError as exc:
            return not_found(request, N_("no document '%(key)s'"), exc.candidates, key=key[:120])
        if request.url.path.startswith("/api/"):
            return JSONResponse({"key": root.key, "tree": [asdict(n) for n in nodes], **_cut(nodes)})
        return page(request, "tree.html", root=root, nodes=display.tree_order(root.key, nodes), cut=cut_note(nodes),
                    deeper=_deeper(request, nodes), depth_limit=nodes.depth_limit, names=graph.labels([n.key for n in nodes]))

    def text_page(request: Request) -> Response:  # sync: Starlette runs it in a thread, off the event loop
        doc_id = request.path_params["doc_id"]
        try:
            view = graph.source_text(doc_id)
        except KeyLookupError:
            return not_found(request, N_("no text '%(key)s'"), key=doc_id[:80])
        if request.url.path.startswith("/api/"):
            return JSONResponse(asdict(view))
        return page(request, "text.html", view=view, segments=segments(view.text, view.references, view.task_items, view.relations))

    def query_api(request: Request) -> Response:  # sync: Starlette runs it in a thread, off the event loop
        name = request.path_params["name"]
        key = request.query_params.get("key", "") or None
        if name not in QUERIES or not key and name not in KEYLESS:
            return JSONResponse({"error": f"queries: {', '.join(QUERIES)}; ?key= is required"}, status_code=404 if name not in QUERIES else 400)
        try:
            options = {"to": request.query_params.get("to") or None, "due_before": read_date(request.query_params.get("due_before"))}
            body = query_json(graph, name, key, request.query_params.get("transitive") in ("1", "true", "yes"), _depth(request),
                              _on(request), **options)
        except UnreadableDate as exc:
            return bad_date(request, exc, "")
        except KeyLookupError as exc:
            return not_found(request, "%(reason)s", exc.candidates, reason=str(exc)[:200])
        return Response(body, media_type="application/json")

    worker = Worker()

    def extract_error(request: Request, status: int, message: str, **params: Any) -> Response:
        """Like ``not_found``: English in JSON, the reader's language on the page."""
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": message % params}, status_code=status)
        return page(request, "extract.html", status=status, result=None, text="", error=i18n.gettext(message) % params)

    async def extract_page(request: Request) -> Response:
        if request.method == "GET":
            return page(request, "extract.html", result=None, error=None, text="")
        too_large = N_("too large: at most %(kb)s KB")
        try:
            length = int(request.headers.get("content-length") or 0)
        except ValueError:
            return extract_error(request, 400, N_("a bad Content-Length header"))
        if length > MAX_UPLOAD + 64 * 1024:
            return extract_error(request, 413, too_large, kb=MAX_UPLOAD // 1024)
        try:
            async with asyncio.timeout(settings.WEB_TIMEOUT), request.form(max_part_size=MAX_UPLOAD) as form:
                upload = form.get("file")
                pasted = str(form.get("text") or "")
                data = await upload.read(MAX_UPLOAD + 1) if upload is not None and hasattr(upload, "read") else b""
                name = getattr(upload, "filename", "") or ""
        except TimeoutError:  # a body sent too slowly
            return extract_error(request, 408, N_("the upload took longer than %(s)s s to arrive"), s=settings.WEB_TIMEOUT)
        except (HTTPException, ValueError, KeyError) as exc:  # a malformed or oversized form
            return extract_error(request, getattr(exc, "status_code", 400), N_("the form could not be read: %(why)s"),
                                 why=str(getattr(exc, "detail", exc))[:160])
        if len(data) > MAX_UPLOAD or len(pasted.encode("utf-8")) > MAX_UPLOAD:
            return extract_error(request, 413, too_large, kb=MAX_UPLOAD // 1024)
        if not data and not pasted.strip():
            return extract_error(request, 400, N_("paste a text or choose a file"))
        try:
            ex = await worker.extract(data, name, pasted)
        except TooSlow:
            return extract_error(request, 503, N_("the file took longer than %(s)s s to read; VNCITE_WEB_TIMEOUT sets the limit"),
                                 s=int(worker.timeout))
        except Busy:
            return extract_error(request, 503, N_("%(n)s uploads are waiting to be read; try again in a minute"),
                                 n=worker.max_waiting)
        except WorkerLost:
            return extract_error(request, 503, N_("the reader stopped before it answered (out of memory, or the server is "
                                                  "stopping); try again"))
        if isinstance(ex, str):
            return extract_error(request, 422, "%(why)s", why=ex)
        if request.url.path.startswith("/api/"):
            return JSONResponse(ex.to_json())
        refs = [Span(m.start, m.end, m.form, m.key) for m in ex.references]
        items = [Span(it.start, it.end, str(it.ordinal)) for t in ex.task_lists for it in t.items]
        rels = [Span(r.start, r.end, r.type, f"{r.source} → {r.target}") for r in ex.relations]
        # rendering a long text's marks takes seconds: in a thread, so that no other request waits on it
        return await run_in_threadpool(lambda: page(request, "extract.html", result=ex, error=None, text=pasted,
                                                    segments=segments(ex.text or "", refs, items, rels)))

    def body_page(request: Request) -> Response:  # sync: Starlette runs it in a thread, off the event loop
        """What one body was assigned across the store's documents, with deadlines, overdue marked (``?on=``), and only
        those due before ``?due_before=`` when asked."""
        name = " ".join(request.path_params["name"].split())[:200]
        try:
            on, due_before = _on(request), read_date(request.query_params.get("due_before"))
        except UnreadableDate as exc:
            return bad_date(request, exc, "")
        rows = graph.assignments(None, to=name, due_before=due_before, on=on)
        if request.url.path.startswith("/api/"):
            return JSONResponse({"body": name, "results": [asdict(a) for a in rows]})
        import datetime as dt

        names = graph.labels({a.key for a in rows})
        return page(request, "body.html", body=name, rows=rows, names=names, on=on or dt.date.today().isoformat(),
                    due_before=due_before, overdue=sum(a.overdue for a in rows))

    def go(request: Request) -> Response:  # sync: Starlette runs it in a thread, off the event loop
        """The search box's "go" for a key that names one document."""
        q = request.query_params.get("q", "")
        try:
            return RedirectResponse(_key_url(graph.lookup(q)), status_code=303)
        except KeyLookupError:
            return RedirectResponse("/search?q=" + quote(q), status_code=303)

    async def on_error(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        # a client's mistake is named; a failure of ours (a damaged database, a bug) is not described
        detail = str(exc.detail)[:200] if status < 500 and isinstance(exc, HTTPException) else ""
        what = N_("page not found") if status == 404 else "%(detail)s" if detail else N_("something went wrong on our side")
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": what % {"detail": detail}}, status_code=status)
        return page(request, "missing.html", status=status, what=i18n.gettext(what) % {"detail": detail}, candidates=[])

    routes = [
        Route("/", index),
        Route("/search", search),
        Route("/go", go),
        Route("/doc/{key:path}", document),
        Route("/tree/{key:path}", tree),
        Route("/text/{doc_id}", text_page),
        Route("/body/{name:path}", body_page),
        Route("/api/body/{name:path}", body_page),
        Route("/extract", extract_page, methods=["GET", "POST"]),
        Route("/api/search", search),
        Route("/api/doc/{key:path}", document),
        Route("/api/tree/{key:path}", tree),
        Route("/api/text/{doc_id}", text_page),
        Route("/api/extract", extract_page, methods=["POST"]),
        Route("/api/query/{name}", query_api),
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:  # noqa: ARG001
        yield
        worker.close()

    handlers = {HTTPException: on_error, Exception: on_error}
    from starlette.middleware import Middleware

    return Starlette(routes=routes, exception_handlers=handlers, lifespan=lifespan, middleware=[Middleware(Language)])


def _number(n: int) -> str:
    """A count as the reader's language groups thousands: 12.345 (vi), 12,345 (en)."""
    return f"{n:,}".replace(",", "." if i18n.current() == "vi" else ",")


class Language:
    """ASGI middleware: each request in the language it asks for (``?lang=``, then the ``lang`` cookie a
    ``?lang=`` sets, then ``Accept-Language``; Vietnamese by default)."""

    def __init__(self, app: Any):
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        asked = request.query_params.get("lang")
        lang = i18n.negotiate(asked if asked in i18n.LOCALES else request.cookies.get("lang"), request.headers.get("accept-language"))
        i18n.set_language(lang)  # a context variable: this request's task only

        async def send_with_cookie(message: Any) -> None:
            if message["type"] == "http.response.start" and asked in i18n.LOCALES:
                message.setdefault("headers", []).append((b"set-cookie", f"lang={asked}; Path=/; Max-Age=31536000; SameSite=Lax".encode()))
            await send(message)

        await self.app(scope, receive, send_with_cookie)


def _deeper(request: Request, rows: Any) -> dict[str, Any] | None:
    """The link that follows a cut chain further: twice the levels, up to ``MAX_WEB_DEPTH``, this page's other
    parameters (``on``, ``lang``) kept; None at the cap (the CLI's --depth goes further)."""
    limit = getattr(rows, "depth_limit", None)
    if not getattr(rows, "cut", False) or not limit or limit >= MAX_WEB_DEPTH:
        return None
    n = min(MAX_WEB_DEPTH, limit * 2)
    return {"url": _here(request, depth=n), "levels": n}


def _here(request: Request, **params: Any) -> str:
    """This page's path and query with ``params`` set, relative to the site: never built from the Host header a client
    sends (a forged one must not reach the links of the page)."""
    from urllib.parse import urlencode

    query = dict(request.query_params)
    query.update({k: str(v) for k, v in params.items()})
    raw = request.scope.get("raw_path")
    path = raw.decode("latin-1") if raw else quote(request.url.path)
    return path + ("?" + urlencode(query) if query else "")


def _depth(request: Request) -> int | None:
    """The ``?depth=`` a reader asked of a transitive query (1 to ``MAX_WEB_DEPTH``; else the default)."""
    try:
        return min(MAX_WEB_DEPTH, max(1, int(request.query_params.get("depth", ""))))
    except ValueError:
        return None


def _timeline(state: Any, names: dict[str, str]) -> list[dict[str, Any]]:
    """A document's dated events, oldest first: its date of effect, each change to it, its end."""
    events = []
    if state.issued:
        events.append({"date": state.issued, "text": i18n.gettext("is issued"), "evidence": None})
    if state.effective is not None and state.effective.date:
        events.append({"date": state.effective.date, "text": i18n.gettext("takes effect"), "evidence": state.effective.evidence})
    for c in state.changes:
        events.append({"date": c.when.date, "text": display.change_text(c.relation, c.key, c.partial, c.pinpoints, None,
                                                                         names.get(c.key, c.key)),
                       "evidence": c.evidence, "basis": c.when.basis})
    if state.expires is not None and state.expires.date:
        events.append({"date": state.expires.date, "text": i18n.gettext("ends"), "evidence": state.expires.evidence})
    return sorted(events, key=lambda e: e["date"] or "9999")


def _on(request: Request) -> str | None:
    """The ``?on=`` date a reader asks the standing for (ISO), else None (today); raises ``UnreadableDate`` for
    one that cannot be read (``standing.read_date``: the CLI's ``--on`` reads the same forms)."""
    return read_date(request.query_params.get("on"))


def _cut(rows: list) -> dict[str, Any]:
    """The ``cut`` field of a JSON answer whose chain went deeper than it followed."""
    return {"cut": {"depth_limit": rows.depth_limit, "note": cut_note(rows)}} if getattr(rows, "cut", False) else {}


#: uvicorn's limits: an idle keep-alive connection is closed after this many seconds, a shutdown waits this long
KEEP_ALIVE_S = 5
SHUTDOWN_S = 5
MAX_CONNECTIONS = 200  # past this, new connections are answered 503 at once


def serve(db: str, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Run the app with uvicorn on a read-only engine."""
    import uvicorn

    from ..store import connect
    from .server import HeaderTimeoutProtocol

    uvicorn.run(create_app(connect(db, readonly=True)), host=host, port=port, log_level="info", http=HeaderTimeoutProtocol,
                timeout_keep_alive=KEEP_ALIVE_S,
                timeout_graceful_shutdown=SHUTDOWN_S, limit_concurrency=MAX_CONNECTIONS)


__all__ = ["create_app", "serve"]
