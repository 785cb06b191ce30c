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


class Said:
    """A message of the catalogue with its values, told when it is shown: ``str()`` is English (logs, exception
    text), ``told()`` the reader's language. For messages made before the language is known (a setting read at
    import) or far from where they are shown (an exception of the store, printed by the CLI)."""

    def __init__(self, template: str, **params: object):
        self.template, self.params = template, params

    def __str__(self) -> str:
        return self.template % self.params if self.params else self.template

    def told(self) -> str:
        return gettext(self.template) % self.params if self.params else gettext(self.template)


class Telling(Exception):
    """An exception whose message is a ``Said``: ``str(exc)`` English, ``told(exc)`` in the reader's language."""

    def __init__(self, template: str, **params: object):
        self.said = Said(template, **params)
        super().__init__(str(self.said))


def told(value: object) -> str:
    """A ``Said``, or an exception carrying one, in the language of the moment; anything else as ``str``."""
    said = value if isinstance(value, Said) else getattr(value, "said", None)
    return said.told() if isinstance(said, Said) else str(value)


#: argparse's messages that reach a user (Python 3.11-3.13 argparse.py), listed so that Babel puts them in the catalogue
ARGPARSE_MESSAGES = (
    N_("usage: "), N_("positional arguments"), N_("options"), N_("show this help message and exit"),
    N_("argument %(argument_name)s: %(message)s"), N_("unrecognized arguments: %s"), N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"), N_("the following arguments are required: %s"), N_("one of the arguments %s is required"),
    N_("expected one argument"), N_("expected at most one argument"), N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"), N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"), N_("%(prog)s: error: %(message)s\n"),
    N_("unexpected option string: %s"), N_("can't open '%(filename)s': %(error)s"),
)


def speak_argparse() -> None:
    """argparse's messages (its usage line, section titles and errors) through this catalogue, in the language of
    the moment: argparse looks its ``_`` and ``ngettext`` up when it speaks, and their Vietnamese is in the .po."""
    import argparse

    argparse._ = gettext  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]


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
