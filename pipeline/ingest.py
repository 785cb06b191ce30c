"""Ingest: files into the store, the one loop behind ``vncite build`` and ``vncite batch``.

Files whose content hash the database already holds are skipped (a rerun processes
nothing; a changed file is processed again and replaces its old rows). Extraction runs in
this process (``workers=0``), in worker processes, or on a Dask cluster through the same
``concurrent.futures`` interface; the parent alone writes to the store, one transaction per
file, so a run killed at any moment resumes where it stopped. A file that cannot be read, or
that makes a worker fail, ends as an error row with a one-line reason; the run goes on. Short
forms are then resolved across the whole database.
"""

from __future__ import annotations

import hashlib
import os
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Engine

from .extract import extract_bytes, extract_path
from .read import MAX_BYTES, Entry, error_id, iter_entries, path_text
from .read.screen import screen_path
from .records import Extraction
from .resolve import Ambiguity
from .settings import over
from .store import load_extraction, pending_resolution, resolve_stored, sources
from .terminal import shown


@dataclass
class IngestSummary:
    processed: int = 0
    skipped: int = 0
    failed: int = 0
    processed_files: list[str] = field(default_factory=list)
    skipped_files: list[str] = field(default_factory=list)
    errors: list[dict[str, str]] = field(default_factory=list)
    #: scanned files with pages whose OCR confidence stayed low: ``{"source": path, "pages": [3, 7]}``
    low_confidence_pages: list[dict[str, Any]] = field(default_factory=list)
    #: files that are not documents (data, notes), not loaded: ``{"source": path, "reason": "JSON data, not a document"}``
    not_documents: list[dict[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    ambiguous: list[Ambiguity] = field(default_factory=list, repr=False)

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d.pop("ambiguous")
        return d


@dataclass(frozen=True)
class Job:
    """One file for a worker: its name, and either a local path to open or its bytes (a Dask worker on
    another machine has no shared filesystem)."""

    path: str
    raw: str | None = None
    data: bytes | None = None


def _extract_worker(job: Job) -> Extraction:
    """Runs in a worker process: never raises (failures become error records)."""
    if job.data is not None:
        return extract_bytes(job.data, job.path)
    return extract_path(job.raw or job.path, name=job.path)


def _worker_init(parent: int) -> None:
    """Worker processes end with their parent. A parent killed with -9 cannot tell them, and an
    orphan would wait for work forever, holding what it inherited (pipes, sockets) open."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="vncite-parent-watch", daemon=True).start()


def _hash(path: str) -> str | None:
    """The content id of a file, read in blocks (memory does not grow with the file)."""
    h = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
    except OSError:
        return None
    return "sha256:" + h.hexdigest()


class InProcess(Executor):
    """Runs each task at once in this process (``workers=0``: no pool to start, nothing to pickle)."""

    def submit(self, fn, /, *args, **kwargs):  # noqa: ANN001, ANN201
        fut: Future = Future()
        try:
            fut.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # noqa: BLE001 - handed to the caller through the future
            fut.set_exception(exc)
        return fut


@contextmanager
def make_executor(workers: int | None = None, dask: str | None = None) -> Iterator[Executor]:
    """This process (``workers=0``), worker processes on this machine, or a Dask cluster ('local'
    starts a LocalCluster)."""
    if workers == 0 and not dask:
        yield InProcess()
    elif dask:
        from distributed import Client, LocalCluster

        if dask == "local":
            cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=40)
            client = Client(cluster)
        else:
            cluster, client = None, Client(dask, timeout=15)
        try:
            yield client.get_executor()
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
    else:
        with ProcessPoolExecutor(max_workers=workers or os.cpu_count() or 1, initializer=_worker_init, initargs=(os.getpid(),)) as pool:
            yield pool


class _Progress:
    """tqdm bar (rate, ETA) on a terminal; plain log lines otherwise."""

    def __init__(self, total: int, quiet: bool = False):
        self.total, self.done, self.quiet = total, 0, quiet
        self.bar = None
        if not quiet and sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="file", file=sys.stderr, dynamic_ncols=True)

    def update(self, path: str, status: str) -> None:
        self.done += 1
        if self.bar is not None:
            self.bar.set_postfix_str(f"{status} {shown(Path(path).name)[-30:]}")
            self.bar.update(1)
        elif not self.quiet:
            print(f"[{self.done}/{self.total}] {status}: {shown(path)}", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def ingest(paths: Iterable[str | Path], engine: Engine, workers: int | None = None, dask: str | None = None,
           quiet: bool = False, follow_links: bool = False, resolve_all: bool = True, full_paths: bool = False,
           include_all: bool = False) -> IngestSummary:
    """Extract and load every file under ``paths`` not yet in the store, then resolve short forms
    across the store. Every entry ends as exactly one of processed, skipped (unchanged) or failed
    (with a one-line reason; failed files are tried again on the next run). ``workers``: 0 = this
    process, None = all cores (never more processes than files); ``dask``: a scheduler address or
    'local' (workers get each file's bytes, not its path); ``follow_links``: read links that leave the
    inbox; ``quiet``: no progress output; ``resolve_all``: resolve across the whole store (``build``), else only
    what this batch changed (``batch``: its cost does not grow with the store); ``full_paths``: store each
    file's absolute path (by default its name under the folder it was found in: ``read.stored_name``);
    ``include_all``: load files that are not documents too (by default a JSON file or notes that are not
    Vietnamese text are listed in ``not_documents`` and not loaded: ``read.screen``)."""
    t0 = time.perf_counter()
    summary = IngestSummary()
    own = engine.url.database  # the store itself, inside a folder it is built from, is not an input
    skip = {os.path.realpath(own + tail) for tail in ("", "-wal", "-shm", "-journal")} if own and own != ":memory:" else set()
    entries = [e for e in iter_entries(paths, follow_links=follow_links) if os.path.realpath(e.raw) not in skip]
    todo: list[Job] = []
    refused: list[tuple[str, str]] = []
    hashed: list[tuple[Entry, str | None]] = []
    names: dict[str, str] = {}  # each entry's path as given -> its name in the store
    for e in entries:
        if e.problem is None and os.path.getsize(e.raw) > MAX_BYTES:
            e = Entry(e.raw, e.path, over("VNCITE_MAX_BYTES", os.path.getsize(e.raw), MAX_BYTES, "file size in bytes"), e.name)
        names[e.path] = path_text(os.path.abspath(e.raw)) if full_paths else e.name
        if e.problem is not None:
            refused.append((e.path, e.problem))
            continue
        hashed.append((e, _hash(e.raw)))
    known = _known(engine, [h for _, h in hashed if h])  # the entries' hashes looked up, not every stored text read
    for e, h in hashed:
        if h is not None and h in known:
            summary.skipped += 1
            summary.skipped_files.append(e.path)
        elif not include_all and (reason := screen_path(e.raw)):
            summary.not_documents.append({"source": e.path, "reason": reason})
        else:
            todo.append(Job(e.path, raw=e.raw))
    if workers is not None and workers < 0:
        raise ValueError("workers must be 0 or more")
    if workers:
        workers = min(workers, max(1, len(todo)))  # never more processes than files
    progress = _Progress(len(todo) + len(refused), quiet)

    loaded: list[str] = []  # texts this batch inserted (their short forms and full references are all that can change)
    replaced = False  # a changed file removed its earlier rows: resolution is recomputed across the store

    def record(path: str, rec: Extraction) -> None:
        nonlocal replaced
        name = names.get(path, path)
        if rec.status == "error":
            rec = replace(rec, path=name, doc_id=error_id(name))  # one row per failed entry, tried again next run
        res = load_extraction(engine, rec, name)
        if rec.status == "ok" and res.action != "unchanged":
            loaded.append(rec.doc_id)
        replaced = replaced or res.action == "replaced"
        if res.action == "unchanged" and rec.status != "error":
            summary.skipped += 1
            summary.skipped_files.append(path)
            progress.update(path, "skipped")
        elif rec.status == "error":
            summary.failed += 1
            summary.errors.append({"source": path, "error": rec.error or "error"})
            progress.update(path, "failed")
        else:
            summary.processed += 1
            summary.processed_files.append(path)
            progress.update(path, "ok")
        if rec.low_confidence_pages:
            summary.low_confidence_pages.append({"source": path, "pages": rec.low_confidence_pages})

    # a worker that dies (killed, out of memory) breaks the pool: the files it left are tried once more
    # in a fresh pool, then recorded as errors
    for path, problem in refused:
        record(path, _error_record(path, problem))
    pending = list(todo)
    for _attempt in range(2):
        if not pending:
            break
        crashed: list[Job] = []
        # no database connection may be open when workers fork: a child would inherit the socket and,
        # if this process were killed, keep its transaction (and locks) alive on the server
        if workers != 0 or dask:
            engine.dispose()
        with make_executor(workers, dask) as executor:
            futures = {executor.submit(_extract_worker, _shipped(job) if dask else job): job for job in pending}
            for fut in as_completed(futures):
                job = futures[fut]
                try:
                    rec = fut.result()
                except BrokenProcessPool:
                    crashed.append(job)
                    continue
                except Exception as exc:  # the worker failed on this file
                    rec = _error_record(job.path, f"worker failed: {type(exc).__name__}: {exc}")
                record(job.path, rec)
        pending = crashed
    for job in pending:
        record(job.path, _error_record(job.path, "worker process crashed on this file"))
    progress.close()
    # the texts of this run, and any an interrupted run loaded but never resolved (recorded in the store)
    summary.ambiguous = resolve_stored(engine) if resolve_all or replaced else \
        resolve_stored(engine, doc_ids=sorted(set(loaded) | set(pending_resolution(engine))))
    summary.seconds = round(time.perf_counter() - t0, 3)
    return summary


def _known(engine: Engine, hashes: list[str]) -> set[str]:
    """Which of these content hashes the store already holds as read texts."""
    out: set[str] = set()
    uniq = sorted(set(hashes))
    with engine.connect() as conn:
        for i in range(0, len(uniq), 500):
            out |= set(conn.execute(select(sources.c.doc_id).where(sources.c.doc_id.in_(uniq[i : i + 500]), sources.c.status == "ok")).scalars())
    return out


def _error_record(path: str, reason: str) -> Extraction:
    return Extraction(path=path, doc_id=error_id(path), status="error", error=(reason.splitlines() or ["error"])[0][:300])


def _shipped(job: Job) -> Job:
    """The job with the file's bytes in it, for a worker that cannot open the path."""
    with open(job.raw or job.path, "rb") as fh:
        return Job(job.path, data=fh.read())
