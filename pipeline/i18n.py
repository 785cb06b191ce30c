"""The interface language: Vietnamese by default, English as a second locale. Messages are written in
English in the code and the templates (``_("Most cited")``, ``{% trans %}``) and translated by a gettext
catalogue (``pipeline/locale/vi/LC_MESSAGES/vncite.po``, compiled to ``.mo``; extracted and compiled with
Babel: see ``pipeline/locale/README.md``). The language of the moment lives in a context variable, so a
web request and a CLI run each see their own (``use("en")``).

    from pipeline.i18n import _, use
    with use("vi"):
        _("Most cited")          # 'Được trích dẫn nhiều nhất'
"""

from __future__ import annotations

import contextvars
import gettext as _gettext
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

DOMAIN = "vncite"
LOCALES = ("vi", "en")
DEFAULT = "vi"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

_current: contextvars.ContextVar[str] = contextvars.ContextVar("vncite_lang", default=DEFAULT)


@cache
def translations(lang: str) -> _gettext.NullTranslations:
    """The catalogue of ``lang`` (English, the messages' own language, needs none)."""
    if lang == "en":
        return _gettext.NullTranslations()
    return _gettext.translation(DOMAIN, str(LOCALE_DIR), languages=[lang], fallback=True)


def current() -> str:
    return _current.get()


def gettext(message: str) -> str:
    return translations(_current.get()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(_current.get()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return translations(_current.get()).pgettext(context, message)


_ = gettext


def N_(message: str) -> str:
    """Marks a message for the catalogue where it is defined; translated where it is shown (``_(value)``)."""
    return message


def set_language(lang: str | None) -> str:
    """Make ``lang`` (or the default) the language of this context; returns the one chosen."""
    chosen = lang if lang in LOCALES else DEFAULT
    _current.set(chosen)
    return chosen


@contextmanager
def use(lang: str | None) -> Iterator[str]:
    token = _current.set(lang if lang in LOCALES else DEFAULT)
    try:
        yield _current.get()
    finally:
        _current.reset(token)


def negotiate(asked: str | None = None, accept_language: str | None = None) -> str:
    """The language for a request: ``?lang=`` when it names a locale, else the best of ``Accept-Language``
    that we have (by its q-values), else Vietnamese."""
    if asked in LOCALES:
        return asked  # type: ignore[return-value]
    best, best_q = DEFAULT, -1.0
    for part in (accept_language or "").split(","):
        m = re.match(r"\s*([A-Za-z]{1,8})(?:-[A-Za-z0-9]{1,8})*\s*(?:;\s*q\s*=\s*([0-9.]+))?", part)
        if not m:
            continue
        lang = m.group(1).lower()
        try:
            q = float(m.group(2)) if m.group(2) else 1.0
        except ValueError:
            continue
        if lang in LOCALES and q > best_q:
            best, best_q = lang, q
    return best


def date(iso: str | None) -> str:
    """A stored date (``2016-01-07``, or a year) as people write it: ``07/01/2016``."""
    if not iso:
        return ""
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", str(iso))
    return f"{m.group(3)}/{m.group(2)}/{m.group(1)}" if m else str(iso)
