"""The web page's extraction of an upload, off the event loop: a worker process that reads, OCRs and
extracts with the web's own limits (``settings.WEB_MAX_PAGES``, ``settings.WEB_TIMEOUT``), so that one upload
never holds up the rest of the site.

Uploads take turns: the process holds one job at a time, the others wait in line (at most ``MAX_WAITING``;
past that an upload is told the reader is busy). A job's time limit counts from the moment the process takes it,
never the time it waited, and a job over its limit ends the process it ran in, which held that job alone: the
next in line gets a fresh process. A process that dies mid-job (killed, out of memory) ends that job at once."""

from __future__ import annotations

import asyncio
import multiprocessing
import threading
import traceback
from dataclasses import replace
from pathlib import Path
from typing import Any

from .. import settings

#: uploads that may wait for the reader while it reads another; one more is answered "busy" at once
MAX_WAITING = 8
#: seconds a fresh process may take to start (imports, models) before its first job counts as lost
START_LIMIT = 120.0


class TooSlow(Exception):
    """An upload that took longer than ``settings.WEB_TIMEOUT`` to read and extract."""


class Busy(Exception):
    """More uploads wait for the reader than ``MAX_WAITING``."""


class WorkerLost(Exception):
    """The process reading an upload ended before it answered (killed, out of memory)."""


def _init_worker() -> None:
    """This process only serves the web page: its page limit is the web's, and errors name that limit."""
    if settings.WEB_MAX_PAGES < settings.MAX_PAGES:
        settings.MAX_PAGES, settings.MAX_PAGES_VARIABLE = settings.WEB_MAX_PAGES, "VNCITE_WEB_MAX_PAGES"


def _extract(data: bytes, name: str, pasted: str) -> Any:
    """Read an upload (or a pasted text) and extract it; a ``ReadError`` message, or the record without its Document."""
    from ..extract import extract_document
    from ..read import ReadError, doc_id_of, read_bytes
    from ..text import make_document

    try:
        if data:
            src = read_bytes(data, name or "upload", suffix=Path(name).suffix.lower())
            text, ocr, label, doc_id = src.text, src.ocr, name or "upload", src.doc_id
        else:
            text, ocr, label, doc_id = pasted, False, "pasted text", doc_id_of(pasted.encode("utf-8"))
    except ReadError as exc:
        return str(exc)
    ex = extract_document(make_document(text, ocr=ocr), label, doc_id)
    return replace(ex, doc=None)


def _serve(conn: Any) -> None:
    """The worker process: load what extraction needs, say so, then answer jobs one by one until the pipe closes.
    Each job is acknowledged when taken ("taken"), then answered ("ok", record) or ("raised", traceback text)."""
    _init_worker()
    from .. import extract  # noqa: F401  (the models load before the first job's time starts)

    conn.send(("ready", None))
    while True:
        try:
            args = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(("taken", None))
        try:
            conn.send(("ok", _extract(*args)))
        except Exception:  # noqa: BLE001  (reported to the page as our failure, the process lives on)
            conn.send(("raised", traceback.format_exc()))


class Worker:
    """One extraction process, started on first use and replaced when a job runs over its time or it dies."""

    def __init__(self, timeout: float | None = None, max_waiting: int = MAX_WAITING):
        self.timeout = float(timeout if timeout is not None else settings.WEB_TIMEOUT)
        self.max_waiting = max_waiting
        self._turn = threading.Lock()  # held by the job in the process; the others wait here, off the clock
        self._state = threading.Lock()  # guards the process and the count of waiting jobs
        self._waiting = 0
        self._proc: Any = None
        self._conn: Any = None

    def _start(self) -> None:
        ctx = multiprocessing.get_context("spawn")
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=_serve, args=(child,), daemon=True, name="vncite-web-reader")
        proc.start()
        child.close()  # the parent sees EOF as soon as the process ends
        self._proc, self._conn = proc, parent

    def _end(self) -> None:
        with self._state:
            proc, conn, self._proc, self._conn = self._proc, self._conn, None, None
        if proc is not None:
            proc.kill()
            proc.join(5)
        if conn is not None:
            conn.close()

    def close(self) -> None:
        """End the process (the server is stopping): a job in it ends with ``WorkerLost``."""
        self._end()

    def _receive(self, conn: Any, limit: float) -> tuple[str, Any] | None:
        """The process's next message, or None when ``limit`` seconds pass first; ``WorkerLost`` when it ended."""
        try:
            if not conn.poll(limit):
                return None
            return conn.recv()
        except (EOFError, OSError):
            raise WorkerLost("the reader stopped before it answered (out of memory, or the server is stopping)") from None

    def _run(self, args: tuple[bytes, str, str]) -> Any:
        """Wait for the process, give it the job, and wait for the answer within the job's own time."""
        with self._turn:
            with self._state:
                self._waiting -= 1
                if self._proc is None or not self._proc.is_alive():
                    self._start()
                    fresh = True
                else:
                    fresh = False
                conn = self._conn
            try:
                if fresh and self._receive(conn, START_LIMIT) is None:
                    self._end()
                    raise WorkerLost(f"the reader did not start within {int(START_LIMIT)} s")
                conn.send(args)
                if self._receive(conn, START_LIMIT) is None:  # "taken": from here the job's own time counts
                    self._end()
                    raise WorkerLost("the reader did not take the job")
                answer = self._receive(conn, self.timeout)
            except WorkerLost:
                self._end()
                raise
            except (BrokenPipeError, OSError):
                self._end()
                raise WorkerLost("the reader stopped before it took the job") from None
            if answer is None:  # over its time: the process held this job alone, so only this job ends
                self._end()
                raise TooSlow(f"the file took longer than {int(self.timeout)} s to read; VNCITE_WEB_TIMEOUT sets the limit")
            kind, value = answer
            if kind == "raised":
                raise RuntimeError(f"the reader failed:\n{value}")
            return value

    async def extract(self, data: bytes, name: str, pasted: str) -> Any:
        """The record (or a read error's message); ``TooSlow`` past the job's time, ``Busy`` when too many wait,
        ``WorkerLost`` when the process ended mid-job."""
        with self._state:
            if self._waiting >= self.max_waiting:
                raise Busy(f"{self._waiting} uploads are waiting to be read; try again in a minute")
            self._waiting += 1  # until the job takes its turn (``_run``)
        return await asyncio.get_running_loop().run_in_executor(None, self._run, (data, name, pasted))
