"""HTML pages reduced to their main text."""

from __future__ import annotations

import re

from .errors import ReadError
from .text import nfc


def html_to_text(html: str) -> str:
    """Main text of a web page: trafilatura's main-content extraction (it drops navigation,
    login boxes, counters, scripts and footers); BeautifulSoup's text as a fallback."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=True, favor_recall=True)
    if not text or not text.strip():
        from bs4 import BeautifulSoup

        soup = BeautifulSoup(html, "lxml")
        for tag in soup(["script", "style", "nav", "header", "footer", "form", "noscript"]):
            tag.decompose()
        text = soup.get_text("\n")
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    if not text:
        raise ReadError("HTML page has no main text")
    return nfc(text)


