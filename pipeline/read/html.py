"""HTML pages reduced to their main text."""

from __future__ import annotations

import re

from .errors import ReadError
from .text import nfc

#: elements whose content is never text of the page
_SKIP = frozenset({"script", "style", "nav", "header", "footer", "form", "noscript", "template", "svg", "head"})
#: elements after which a line ends
_BLOCKS = frozenset({"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article",
                     "blockquote", "pre", "ul", "ol", "dd", "dt", "td", "th"})


class _TextTarget:
    """lxml parser target: the text outside skipped elements, a line break after each block; no tree is built."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.skipping = 0

    def start(self, tag: str, attrib: dict) -> None:  # noqa: ARG002
        if tag in _SKIP:
            self.skipping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def end(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def data(self, text: str) -> None:
        if not self.skipping:
            self.parts.append(text)

    def close(self) -> str:
        return "".join(self.parts)


def streamed_text(html: str, chunk: int = 1 << 20) -> str:
    """The text of a large page with memory bounded by its text, not its tags (lxml's event parser)."""
    from lxml import etree

    parser = etree.HTMLParser(target=_TextTarget(), recover=True)
    for i in range(0, len(html), chunk):
        parser.feed(html[i : i + chunk])
    text = parser.close()
    return "\n".join(" ".join(line.split()) for line in text.splitlines())


def html_to_text(html: str) -> str:
    """Main text of a web page: trafilatura's main-content extraction (it drops navigation,
    login boxes, counters, scripts and footers); BeautifulSoup's text as a fallback. A page over
    ``VNCITE_MAX_HTML_TREE_CHARS`` is read by ``streamed_text`` instead."""
    from .. import settings

    if len(html) > settings.MAX_HTML_TREE_CHARS:
        text = re.sub(r"\n{3,}", "\n\n", streamed_text(html)).strip()
        if not text:
            raise ReadError("HTML page has no text")
        return nfc(text)
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


