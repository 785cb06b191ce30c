"""Finder 6 (``pipeline.find.FINDERS``): task lists written with verbal ordinals ("Một là … Bảy là", "Thứ nhất …
Cuối cùng", "Nhóm nhiệm vụ thứ hai là", "Nhiệm vụ, giải pháp thứ năm là"), with their
items, the references inside each item, the announced count and the owning document."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from functools import cache

from ..records import Findings, Mention, Ref, TaskItem, TaskList
from ..settings import MAX_ITEM_CHARS
from ..tables import load
from ..text import Document
from ..text.positions import Segmentation

MAX_GAP = 6000  # characters between two markers of one list
INTRO_CHARS = 1500  # how far before a list its announcement ("07 nhóm nhiệm vụ") and its owner are looked for


@dataclass
class Marker:
    style: str
    ordinal: int | None  # None: "Cuối cùng" (the next one)
    start: int
    end: int  # end of the marker phrase, incl. "là" / ","
    marker: str


def _alt(words: list[str]) -> str:
    return "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(words, key=len, reverse=True))


def _opening(words: list[str]) -> str:
    return "(?=[*" + "".join(sorted({w[0] for w in words})) + "])"


@cache
def _patterns() -> dict:
    o = load("ordinals")
    mot = o["mot_la"]
    thu = o["thu"]
    # a marker opens a line, a sentence, or follows ':' / ';'
    # where a marker may stand (line or sentence start) is checked by _at_lead: a regex
    # look-behind tried at every position costs more than the rest of the stage
    lead = r"(?<![^\W\d_])(?:\*\*)?"
    la = r"l[àaảạáä]\b"  # "là"; OCR reads its grave accent as another mark ("Sáu lä")
    firsts = "".join(sorted({w[0] for w in mot}))
    mot_rx = re.compile(r"(?=[*" + firsts + r"])" + lead + r"(?P<w>" + _alt(list(mot)) + r")(?:\*\*)?\s+" + la + r"\s*(?:\*\*)?\s*[,:]?\s*")
    nouns = _alt(o["item_nouns"])
    # "thứ <ordinal>" is found first; the noun phrase before it ("Nhóm nhiệm vụ", "Nhiệm vụ, giải
    # pháp") is matched backwards on a short window, so the scan starts on a literal
    # "Thử ba", "Thú tư": OCR damages the tone of "thứ"; the ordinal word and "là" still anchor it
    thu_rx = re.compile(r"(?P<t>[Tt]h[ứửừữựưúùủũụ])\s+(?P<w>" + _alt(list(thu)) + r")(?![^\W\d_])(?:\*\*)?\s*(?:" + la + r"|[,:])\s*", re.IGNORECASE)
    # the noun phrase stands on the marker's own line ("YÊU CẦU" of a heading above is not part of it)
    prefix_rx = re.compile(r"(?<![^\W\d_])(?P<prefix>(?:(?:" + nouns + r")(?:[ \t]*,[ \t]*|[ \t]+và[ \t]+|[ \t]+))*)$", re.IGNORECASE)
    # a look-ahead on the letters the words open with lets the scan skip the rest of the text fast
    last_rx = re.compile(_opening(o["last"]) + lead + r"(?P<w>" + _alt(o["last"]) + r")\s*(?:" + la + r"|[,:])\s*")
    first_rx = re.compile(_opening(o["first_alternatives"]) + lead + r"(?P<w>" + _alt(o["first_alternatives"]) + r")\s*(?:" + la + r"|[,:])\s*")
    counts = o["count_words"]
    count_rx = re.compile(
        r"(?<![^\W\d_])(?P<n>\d{1,2}|" + _alt(list(counts)) + r")\s+(?:nhóm\s+)?(?:" + nouns + r")(?![^\W\d_])", re.IGNORECASE
    )
    return {"mot": (mot_rx, {k.casefold(): v for k, v in mot.items()}), "thu": (thu_rx, {k.casefold(): v for k, v in thu.items()}), "prefix": prefix_rx,
            "last": last_rx, "first": first_rx, "count": (count_rx, counts)}


_LEAD_SKIP = " \t*-+•"


def _at_lead(text: str, pos: int) -> bool:
    """True when only bullets/emphasis stand between ``pos`` and a line or sentence start."""
    i = pos - 1
    while i >= 0 and text[i] in _LEAD_SKIP:
        i -= 1
    if i < 0 or text[i] == "\n":
        return True
    if text[i] in "”\"" and i > 0:
        i -= 1
    return text[i] in ".;:!?…" and i < pos - 1


def _markers(text: str) -> list[Marker]:
    p = _patterns()
    out: list[Marker] = []
    rx, table = p["mot"]
    for m in rx.finditer(text):
        w = " ".join(m.group("w").split())
        if not w[:1].isupper() or not _at_lead(text, m.start()):
            continue
        out.append(Marker("mot-la", table[w.casefold()], m.start("w"), m.end(), text[m.start("w") : m.end()].strip(" ,:")))
    rx, table = p["thu"]
    for m in rx.finditer(text):
        window_lo = max(0, m.start() - 80)
        pm = p["prefix"].search(text, window_lo, m.start())
        start = pm.start("prefix") if pm and pm.group("prefix") else m.start("t")
        if not text[start : start + 1].isupper() or not _at_lead(text, start):
            continue
        w = " ".join(m.group("w").split()).casefold()
        out.append(Marker("thu-nhat", table[w], start, m.end(), text[start : m.end()].strip(" ,:")))
    for m in p["last"].finditer(text):
        if not _at_lead(text, m.start()):
            continue
        out.append(Marker("thu-nhat", None, m.start("w"), m.end(), text[m.start("w") : m.end()].strip(" ,:")))
    for m in p["first"].finditer(text):
        if not _at_lead(text, m.start()):
            continue
        out.append(Marker("thu-nhat", 1, m.start("w"), m.end(), text[m.start("w") : m.end()].strip(" ,:")))
    out.sort(key=lambda x: x.start)
    return out


def _group(markers: list[Marker]) -> list[list[Marker]]:
    lists: list[list[Marker]] = []
    open_: dict[str, list[Marker]] = {}
    for mk in markers:
        cur = open_.get(mk.style)
        if cur and mk.start - cur[-1].start > MAX_GAP:
            cur = None
        if mk.ordinal is None:  # "Cuối cùng" closes an open thu-nhat list
            if cur and len(cur) >= 2:
                cur.append(Marker(mk.style, (cur[-1].ordinal or 0) + 1, mk.start, mk.end, mk.marker))
                open_.pop(mk.style)
            continue
        if cur and mk.ordinal == (cur[-1].ordinal or 0) + 1:
            cur.append(mk)
        elif mk.ordinal in (1, 2):
            cur = [mk]
            open_[mk.style] = cur
            lists.append(cur)
        else:
            open_.pop(mk.style, None)
    return [lst for lst in lists if len(lst) >= 2 and (lst[0].ordinal == 1 or len(lst) >= 2)]


def _item_end(seg: Segmentation, start: int, end: int) -> int:
    """An item whose paragraph runs longer than ``MAX_ITEM_CHARS`` (one long line) ends with its first
    sentence, and never later than the limit: never at the end of the line, however long."""
    here = seg.sentence_at(start)
    limit = start + MAX_ITEM_CHARS
    return here.end if here is not None and start < here.end <= limit else min(end, limit)


def _paragraph_end(text: str, pos: int) -> int:
    e = text.find("\n", pos)
    return len(text) if e < 0 else e


def _intro(text: str, seg: Segmentation, start: int) -> tuple[int, int]:
    """The text that introduces a list: its paragraph up to the first item, or, if the item
    opens a paragraph, the previous paragraph."""
    para = seg.paragraph_at(start)
    if para and start - para[0] > 3:
        return para[0], start
    i = bisect.bisect_right(seg.paragraph_starts, start) - 1  # the paragraphs are sorted: no scan per list
    while i >= 0 and seg.paragraphs[i][1] > start:
        i -= 1
    if i >= 0:
        return seg.paragraphs[i]
    return max(0, start - 600), start


def _declared_count(text: str, lo: int, hi: int) -> tuple[int | None, int | None]:
    rx, words = _patterns()["count"]
    best = None
    for m in rx.finditer(text, lo, hi):
        best = m
    if best is None:
        return None, None
    n = best.group("n")
    val = int(n) if n.isdigit() else words.get(n.casefold())
    return val, best.end()


def _owner(text: str, lo: int, hi: int, mentions: list[Mention], starts: list[int], document: Ref | None) -> str | None:
    inside = mentions[bisect.bisect_left(starts, lo) : bisect.bisect_left(starts, hi)]
    for m in reversed(inside):
        before = text[max(lo, m.start - 40) : m.start]
        if re.search(r"(?:ban\s+hành|xây\s+dựng|có)\s*$", before):
            return m.key
    for m in reversed(inside):
        after = text[m.extent_end : m.extent_end + 40]
        if re.match(r"\s*(?:đã\s+)?(?:xác\s+định|đề\s+ra|nêu|gồm|đưa\s+ra|chỉ\s+rõ|yêu\s+cầu)", after):
            return m.key
    if inside:
        return inside[-1].key
    return document.key if document is not None else None


def _keys_inside(mentions: list[Mention], starts: list[int], lo: int, hi: int) -> list[str]:
    """The distinct keys of the mentions that start in [lo, hi), in text order."""
    inside = mentions[bisect.bisect_left(starts, lo) : bisect.bisect_left(starts, hi)]
    return list(dict.fromkeys(m.key for m in inside if m.key))


def find_task_lists(doc: Document, found: Findings) -> Findings:
    """Finder 6: verbal-ordinal task lists with their items, the references inside each, and their owner."""
    return replace(found, task_lists=_task_lists(doc, found.mentions, found.document))


def _task_lists(doc: Document, mentions: list[Mention], document: Ref | None = None) -> list[TaskList]:
    text, seg = doc.text, doc.segmentation
    out: list[TaskList] = []
    starts = [m.start for m in mentions]
    for group in _group(_markers(text)):
        items: list[TaskItem] = []
        first = group[0]
        intro_lo, intro_hi = _intro(text, seg, first.start)
        intro_lo = max(intro_lo, first.start - INTRO_CHARS)  # on one long line the "paragraph" is the whole text
        declared, count_end = _declared_count(text, intro_lo, first.start)
        if first.ordinal == 2:
            # the first item was written without a marker: it starts after the sentence that
            # announced the list (or with the sentence before the second marker)
            here = seg.sentence_at(first.start)
            j = bisect.bisect_left(seg.sentence_starts, first.start)
            sents = []
            while j > 0 and (here is None or seg.sentences[j - 1].paragraph == here.paragraph):
                j -= 1
                sents.insert(0, seg.sentences[j])
                if here is None:
                    break
            start = None
            if count_end is not None:
                after = [s for s in sents if s.start >= count_end]
                start = after[0].start if after else None
            if start is None and sents:
                start = sents[-1].start
            if start is None:
                continue
            items.append(TaskItem(1, "", text[start:first.start].strip(), start, first.start))
        for i, mk in enumerate(group):
            end = group[i + 1].start if i + 1 < len(group) else _paragraph_end(text, mk.end)
            if end - mk.start > MAX_ITEM_CHARS:
                end = _item_end(seg, mk.start, end)
            body = text[mk.end:end].rstrip()
            items.append(TaskItem(mk.ordinal or len(items) + 1, mk.marker, body, mk.start, mk.start + len(text[mk.start:end].rstrip())))
        items = [replace(it, references=_keys_inside(mentions, starts, it.start, it.end)) for it in items]
        owner_lo = intro_lo if intro_lo < items[0].start else max(0, items[0].start - 600)
        owner = _owner(text, owner_lo, items[0].start, mentions, starts, document)
        out.append(TaskList(owner=owner, marker_style=first.style, declared_count=declared, items=items,
                            count_matches=None if declared is None else declared == len(items)))
    return out
