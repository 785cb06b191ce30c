"""Finder (``pipeline.find.FINDERS``, before relations and effects): the provisions a text quotes from another
document. An explainer writes "Theo Điều 3 Quyết định 48/2025/QĐ-UBND quy định hiệu lực thi hành như sau:" and then
the article itself, whose "Quyết định này có hiệu lực …", "Quyết định này thay thế …" are the quoted document's
words, not the explainer's (relations.json "quoted_provision"). Relations and dates of effect read them so."""

from __future__ import annotations

from dataclasses import replace

from ..records import Findings, Mention, Quote
from ..text import Document
from .lexicon import relation_table


def find_quotes(doc: Document, found: Findings) -> Findings:
    return replace(found, quotes=quotes_in(doc, found.mentions))


def quoted_at(quotes: list[Quote], pos: int) -> Quote | None:
    """The quote that holds ``pos`` (quotes are in text order and do not overlap)."""
    for q in quotes:
        if q.start <= pos < q.end:
            return q
        if q.start > pos:
            break
    return None


def quotes_in(doc: Document, mentions: list[Mention]) -> list[Quote]:
    """The provisions the text quotes, as (start, end, the document quoted): after a line that ends
    'Theo Điều 2 Quyết định 216/2025/QĐ-UBND quy định như sau:', until a heading or the explainer's own words
    (relations.json 'quoted_provision')."""
    tab = relation_table()
    t, lines = doc.text, doc.lines
    out: list[Quote] = []
    ms = sorted((m for m in mentions if m.key and not m.self), key=lambda m: m.start)
    for k, m in enumerate(ms):
        lo, hi = lines.at(m.start)
        if out and out[-1].start == hi + 1 or not tab["quote_lead"].search(t, max(m.end, hi - 60), hi):
            continue
        last = k + 1 == len(ms) or ms[k + 1].start > hi  # no other document named after it on the line
        if not (m.start - lo <= 200 and tab["quote_intro"].match(t, lo, m.start)
                or last and tab["quote_within"].search(t, max(lo, m.start - 160), m.start)):
            continue
        start = end = hi + 1
        limit = min(len(t), start + tab["quote_reach"])
        again = next((x.start for x in ms[k + 1 :] if x.key == m.key and x.start > hi), len(t))
        while end < limit:
            line_end = lines.end(end)
            if tab["quote_close"].match(t, end, line_end) or again < line_end:
                break  # the explainer's own words: a provision calls its document "Quyết định này", never by number
            end = line_end + 1
        if out and out[-1].end > hi:
            out[-1] = replace(out[-1], end=lo)  # a quote ends where the next one is introduced
        out.append(Quote(start, min(end, len(t)), m))
    return out
