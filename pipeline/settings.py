"""Defaults and limits every command shares (a leaf module: it imports only the standard library and ``i18n``,
so the fastest command pays nothing for it). Each limit can be raised with its environment variable;
a file over a limit becomes an error row that names the limit and the variable."""

from __future__ import annotations

import os
from pathlib import Path

from .i18n import N_, Said

#: the database every command uses unless given ``--db``
DEFAULT_DB = "vncite.db"


#: settings whose variable holds no number in range: every command refuses to start and names them (a limit of 0 or
#: -1 would otherwise be taken as given and switch a guard off)
PROBLEMS: list[Said] = []


def _limit(name: str, default: int, minimum: int = 1, maximum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw)
    except ValueError:
        PROBLEMS.append(Said(N_("%(name)s=%(raw)r is not a whole number"), name=name, raw=raw[:40]))
        return default
    if value < minimum or maximum is not None and value > maximum:
        if maximum is not None:
            PROBLEMS.append(Said(N_("%(name)s=%(value)s is out of range (from %(min)s to %(max)s)"), name=name, value=value,
                                 min=minimum, max=maximum))
        else:
            PROBLEMS.append(Said(N_("%(name)s=%(value)s is out of range (at least %(min)s)"), name=name, value=value, min=minimum))
        return default
    return value


#: bytes of one input file
MAX_BYTES = _limit("VNCITE_MAX_BYTES", 50 * 1024 * 1024)
#: characters of one text once read (a web page, a decoded text, a PDF's text layer)
MAX_CHARS = _limit("VNCITE_MAX_CHARS", 5_000_000)
#: pages of one PDF or frames of one image file
MAX_PAGES = _limit("VNCITE_MAX_PAGES", 2000)
#: the variable that sets ``MAX_PAGES`` in this process (the web page's worker reads with its own)
MAX_PAGES_VARIABLE = "VNCITE_MAX_PAGES"
#: pixels of one page handed to OCR (an A3 page at 400 dpi is 35 million); a PDF page larger than this
#: at 300 dpi is rendered at the resolution that fits
MAX_PAGE_PIXELS = _limit("VNCITE_MAX_PAGE_PIXELS", 60_000_000)
#: bytes a compressed file may inflate to: a DOCX (a ZIP archive), the streams of a PDF (in all)
MAX_INFLATED = _limit("VNCITE_MAX_INFLATED_BYTES", 200 * 1024 * 1024)
#: characters of a web page parsed as a tree for main-content extraction (trafilatura); a larger page is
#: read by a streaming parser that keeps the text outside scripts, styles and navigation (a 22 MB page of
#: 1.5 million tags took 2.3 GB as a tree)
MAX_HTML_TREE_CHARS = _limit("VNCITE_MAX_HTML_TREE_CHARS", 3_000_000)
#: characters of one task-list item (an item ends at its sentence or paragraph, and never runs longer)
MAX_ITEM_CHARS = _limit("VNCITE_MAX_ITEM_CHARS", 4000)
#: mean word confidence (0..100) under which an OCR page is flagged ``low_confidence`` for a rescan
#: (upright 300 dpi scans read at 85-96; a page upside down at ~43)
OCR_MIN_CONFIDENCE = _limit("VNCITE_OCR_MIN_CONFIDENCE", 60, minimum=0, maximum=100)


#: pages of a PDF (or frames of an image) uploaded to the web page's /extract, which OCRs while a person waits
WEB_MAX_PAGES = _limit("VNCITE_WEB_MAX_PAGES", 20)
#: seconds the web page's /extract may work on one upload before it gives up (the worker is replaced)
WEB_TIMEOUT = _limit("VNCITE_WEB_TIMEOUT", 60)
#: seconds a client of the web page has to send a request's headers (a slower one is disconnected)
WEB_HEADER_TIMEOUT = _limit("VNCITE_WEB_HEADER_TIMEOUT", 10)
#: levels a transitive implements query follows by default (a deeper chain is cut, and the answer says so)
MAX_DEPTH = _limit("VNCITE_MAX_DEPTH", 25)


def over(limit_name: str, value: int, limit: int, what: str) -> str:
    """The one-line reason for an input over a limit."""
    return f"{what} over the limit ({value:,} > {limit:,}); raise {limit_name} to read it"


def sample_corpus() -> Path:
    """The sample corpus (texts and gold annotations): ``VNCITE_CORPUS``, else the ``corpus/`` folder beside the
    installed package (a checkout). Raises ``FileNotFoundError`` with one line saying how to point at it."""
    env = os.environ.get("VNCITE_CORPUS")
    candidate = Path(env) if env else Path(__file__).resolve().parent.parent / "corpus"  # a variable set wrong is an error
    if (candidate / "seeds").is_dir():
        return candidate.resolve()
    raise FileNotFoundError(f"vncite: no sample corpus at {candidate}: set VNCITE_CORPUS to the corpus/ folder of a vncite checkout")
