"""Dates of effect: when a text says a document takes effect or ends ("Nghị định này có hiệu lực thi hành kể từ
ngày 01 tháng 7 năm 2024", "có hiệu lực kể từ ngày ký", "có hiệu lực sau 45 ngày kể từ ngày ký", "Nghị quyết số
12/2019/NQ-HĐND … hết hiệu lực kể từ ngày Nghị quyết này có hiệu lực"), with the sentence as evidence. The
phrases are ``data/effect.json``'s; only what the text states is taken: a date the text gives, or fixes from its
own date (signing, N days after signing), never a guess."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import replace
from functools import cache

from ..records import Effect, Findings, Mention
from ..tables import load
from ..text import Document
from .dates import DATE_RE, iso_from_match
from .quotes import quoted_at

#: how far a statement's sentence reaches each way from its verb (a line without punctuation is no sentence)
SENTENCE_REACH = 800
#: how far into its sentence a subject may start ("1. Quyết định này …", "Thông tư số 52/2017/TT-BTC …")
SUBJECT_REACH = 60


@cache
def _table() -> dict[str, re.Pattern[str]]:
    t = load("effect")
    return {
        "verb": re.compile(rf"(?P<effective>{t['effective']})|(?P<expires>{t['expires']})"),
        "from": re.compile(rf"\s*(?:thi\s+hành\s+)?{t['from']}\s*[*_]*\s*"),
        "signing": re.compile(rf"(?:{t['signing']})(?![^\W_])"),
        "after_days": re.compile(rf"\s*(?:thi\s+hành\s+)?{t['after_days']}"),
        "with_self": re.compile(rf"\s*(?:thi\s+hành\s+)?{t['with_self']}"),
        "self_subject": re.compile(rf"(?:{t['self_subject']})[\s*_]*$"),
        "time_clause": re.compile(r"ngày\s+(?:\w+\s+){1,3}$|ngày\s+$"),  # "trước ngày Luật này có hiệu lực": a moment
        "hedge": re.compile(rf"(?<![^\W_])(?:{t['hedges']})(?![^\W_])", re.IGNORECASE),
    }


def _sentence(text: str, at: int) -> tuple[int, int]:
    """The sentence around ``at``: from the line start or the last sentence end before it ('1. ', 'Điều 2. ' count
    as ends, so the subject opens what is left) to the next sentence end or line break."""
    floor = max(0, at - SENTENCE_REACH)
    start = max(text.rfind("\n", floor, at) + 1, floor)
    ends = [m.end() for m in re.finditer(r"[.;?!:]\s+(?=[^\W\d_]|\d|[*_])", text[start:at])]
    lo = start + (ends[-1] if ends else 0)
    nl = text.find("\n", at, at + SENTENCE_REACH)
    line_end = nl if nl >= 0 else min(len(text), at + SENTENCE_REACH)
    stop = re.search(r"[.;?!](?=\s|$)", text[at:line_end])
    return lo, (at + stop.end() if stop else line_end)


def find_effects(doc: Document, found: Findings) -> Findings:
    """Every statement of when a document takes effect or ends (``Effect``), the text's own first."""
    tab = _table()
    text = doc.text
    own = found.document
    own_date = own.date if own is not None else None
    effects: list[Effect] = []
    pending_with_self: list[tuple[int, Effect, str | None]] = []
    starts = [m.start for m in found.mentions]  # in text order
    dated: dict[str, str] = {}  # each key's first date the text gives it
    for x in found.mentions:
        if x.key and x.date:
            dated.setdefault(x.key, x.date)
    for m in tab["verb"].finditer(text):
        lo, hi = _sentence(text, m.start())
        before = text[lo:m.start()]
        if tab["time_clause"].search(before) or tab["hedge"].search(text[lo:hi]):
            continue
        subject = _subject(before, lo, m.start(), found.mentions, starts, tab)
        quote = quoted_at(found.quotes, m.start()) if subject == "self" else None
        if quote is not None and _names_type(before, quote.document.doc_type):
            subject = quote.document  # "Quyết định này có hiệu lực …" in an article the text quotes: the quoted document's
        if subject is None or (subject == "self" and own is None):
            continue
        kind = "effective" if m.group("effective") else "expires"
        rest = text[m.end():hi]
        date, upto, with_self = None, 0, False
        # the date it was signed: its own (a text's, or a quoted document's), or the date the text gives its subject
        signed = own_date if subject == "self" else subject.date or dated.get(subject.key)
        if w := tab["after_days"].match(rest):
            upto = w.end()
            if signed:
                date = (dt.date.fromisoformat(signed) + dt.timedelta(days=int(w.group("n")))).isoformat()
        elif w := tab["with_self"].match(rest):
            upto, with_self = w.end(), True
        elif w := tab["from"].match(rest):
            if d := DATE_RE.match(rest, w.end()):
                upto, date = d.end(), iso_from_match(d)
            elif sg := tab["signing"].match(rest, w.end()):
                upto, date = sg.end(), signed
        if not upto:
            continue
        rule = " ".join(rest[:upto].replace("*", " ").split())
        key = found.self_id if subject == "self" else subject.key
        effect = Effect(key=key, kind=kind, date=date, rule=rule, evidence=" ".join(text[lo:hi].split()), start=lo, end=hi,
                        self=subject == "self")
        if with_self:  # "… hết hiệu lực kể từ ngày Quyết định này có hiệu lực": this text's date, or a quoted document's
            in_quote = quoted_at(found.quotes, m.start())
            pending_with_self.append((len(effects), effect, in_quote.document.key if in_quote is not None else found.self_id))
        effects.append(effect)
    for i, e, whose in pending_with_self:
        effects[i] = replace(e, date=next((x.date for x in effects if x.key == whose and x.kind == "effective" and x.date), None))
    effects.sort(key=lambda e: (not e.self, e.start))
    return replace(found, effects=effects)


def _names_type(before: str, doc_type: str | None) -> bool:
    """Does the subject before the verb name a document of ``doc_type`` ("Quyết định này", "Thông tư")?"""
    words = " ".join(before.replace("*", " ").replace("_", " ").split()).casefold()
    return bool(doc_type) and re.search(r"(?<!\w)" + re.escape(doc_type.casefold()) + r"(?:\s+này)?\s*$", words) is not None


def _subject(before: str, lo: int, verb: int, mentions: list[Mention], starts: list[int],
             tab: dict[str, re.Pattern[str]]) -> Mention | str | None:
    """What a statement is about: "self" (the text's own document), a mention that opens the sentence, or None.
    ``starts``: the mentions' starts, in text order."""
    if tab["self_subject"].search(before):
        return "self"
    stop = min(verb, lo + SUBJECT_REACH)
    for i in range(bisect.bisect_left(starts, lo), len(mentions)):
        m = mentions[i]
        if m.start >= stop:
            break
        if m.key and not m.self:
            return m
    return None
