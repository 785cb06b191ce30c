"""The web page's extraction of an upload, off the event loop: a worker process that reads, OCRs and
extracts with the web's own limits (``settings.WEB_MAX_PAGES``, ``settings.WEB_TIMEOUT``), replaced when a
job runs over its time, so that one upload never holds up the rest of the site."""

from __future__ import annotations

import asyncio
import multiprocessing
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

from .. import settings


class TooSlow(Exception):
    """An upload that took longer than ``settings.WEB_TIMEOUT`` to read and extract."""


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


class Worker:
    """One extraction process at a time, started on first use; a job over its time ends the process."""

    def __init__(self, timeout: float | None = None):
        self.timeout = float(timeout if timeout is not None else settings.WEB_TIMEOUT)
        self._pool: Any = None
        self._lock = threading.Lock()

    def _get(self) -> Any:
        with self._lock:
            if self._pool is None:
                self._pool = multiprocessing.get_context("spawn").Pool(1, initializer=_init_worker)
            return self._pool

    def close(self) -> None:
        with self._lock:
            if self._pool is not None:
                self._pool.terminate()
                self._pool = None

    async def extract(self, data: bytes, name: str, pasted: str) -> Any:
        """The record (or a read error's message); ``TooSlow`` past the timeout, the worker replaced."""
        job = self._get().apply_async(_extract, (data, name, pasted))
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(None, job.get, self.timeout)
        except multiprocessing.TimeoutError:
            self.close()
            raise TooSlow(f"the file took longer than {int(self.timeout)} s to read; VNCITE_WEB_TIMEOUT sets the limit") from None
