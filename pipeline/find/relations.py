"""Stage 8: relations between documents that the text states explicitly.

Three shapes, cue phrases from ``data/relations.json``:
- A [date, issuer] CUE B: "Kế hoạch số 10-KH/ĐUK … về triển khai thực hiện Kết luận số 120-KL/TW";
- CUE B …, X ban hành A: "Thực hiện Kế hoạch số 10-KH/ĐUK …; Chi ủy … đã ban hành Kế hoạch số 08-KH/CB";
- in a directive, CUE B with the directive itself as A: "Căn cứ Nghị định số …" (based_on),
  "Thực hiện Nghị quyết số 57-NQ/TW …" (implements), "Nghị quyết này thay thế …".
"""

from __future__ import annotations

import bisect
import re
from functools import cache

from ..records import Document, Mention, Ref, Relation, Segmentation
from ..tables import load


@cache
def _cues() -> dict:
    d = load("relations")
    between = [(c["type"], re.compile(r"\s*,?\s*(?:" + c["pattern"] + r")\s*(?:cho\s+|của\s+)?", re.IGNORECASE), c["confidence"]) for c in d["between"]]
    opening = r"[\s*#|>+\-•]*(?:Điều\s+\d+\s*\.?\s*|\d+\.\s*|[a-zđ]\)\s*)?"
    leading = [(c["type"], re.compile(opening + r"(?:(?:Để|để|Nhằm|nhằm)\s+)?(?:" + c["pattern"] + r")\s*(?:nội\s+dung\s+|tinh\s+thần\s+)?", re.IGNORECASE), c["confidence"]) for c in d["leading"]]
    # in a directive, an article may open with the cue itself ("3. Bãi bỏ Quyết định số …"), and its
    # enacting clause names what it does ("Chính phủ ban hành Nghị định sửa đổi, bổ sung … Nghị định số …")
    from .references import type_word_pattern

    enacting = r"[^;\n]{0,80}?\bban\s+hành\s+(?:" + type_word_pattern() + r")\s+"
    directive_leading = leading + [
        (c["type"], re.compile(opening + r"(?:" + c["pattern"] + r")\s*", re.IGNORECASE), c["confidence"]) for c in d["between"] if c["type"] != "implements"
    ] + [(c["type"], re.compile(enacting + r"(?:" + c["pattern"] + r")\s*", re.IGNORECASE), c["confidence"]) for c in d["between"]]
    trailing = [(c["type"], re.compile(r"[^;.\n]{0,150}?\s(?:" + c["pattern"] + r")\s*(?:cho\s+)?", re.IGNORECASE), c["confidence"]) for c in d["trailing"]]
    passive = [(c["type"], re.compile(r"\s*,?\s*(?:" + c["pattern"] + r")\s*", re.IGNORECASE), c["confidence"]) for c in d["passive"]]
    issue = re.compile(r"(?:" + d["issue_verbs"] + r")\s*$", re.IGNORECASE)
    anaphora = re.compile(d["self_anaphora"])
    return {"between": between, "trailing": trailing, "passive": passive, "leading": leading, "directive_leading": directive_leading, "issue": issue, "anaphora": anaphora}


PREAMBLE = 3000  # a directive states what it implements / is based on near its header


def find_anaphora(doc: Document, document: Ref | None) -> list[Mention]:
    """'Nghị quyết này', 'Quyết định này': the document itself (only in a directive)."""
    if document is None or not document.key:
        return []
    out = []
    for m in _cues()["anaphora"].finditer(doc.text):
        out.append(Mention(doc_type=document.doc_type, number=document.number, key=document.key, start=m.start(), end=m.end(),
                           form="short", resolved=True, self=True, anaphora=True, surface=m.group(0), extent_end=m.end()))
    return out


def _clause_start(text: str, pos: int, seg: Segmentation) -> int:
    sent = seg.sentence_at(pos)
    lo = sent.start if sent else max(0, text.rfind("\n", 0, pos) + 1)
    cut = max(text.rfind(";", lo, pos), text.rfind("\n", lo, pos))
    return cut + 1 if cut >= 0 else lo


def find_relations(doc: Document, mentions: list[Mention], document: Ref | None = None) -> list[Relation]:
    """The relations the text states, between its ``mentions`` and, in a directive, from ``document`` itself."""
    text, seg = doc.text, doc.segmentation
    cues = _cues()
    ms = sorted((m for m in mentions if m.key), key=lambda m: m.start)
    starts = [m.start for m in ms]
    rels: list[Relation] = []
    seen: set[tuple[str, str, str]] = set()

    def add(src: str | None, tgt: str | None, typ: str, start: int, end: int, conf: float, rule: str) -> None:
        if not src or not tgt or src == tgt:
            return
        k = (src, tgt, typ)
        if k in seen:
            return
        seen.add(k)
        rels.append(Relation(src, tgt, typ, start, end, conf, rule))  # type: ignore[arg-type]

    self_key = document.key if document is not None else None
    self_pos = next((m.start for m in ms if m.self and not m.anaphora), 0)
    # 1. A [date, issuer] CUE B
    for a, b in zip(ms, ms[1:], strict=False):
        if b.start < a.extent_end:
            continue
        gap = text[a.extent_end : b.start]
        if "\n" in gap or len(gap) > 120:
            continue
        for typ, rx, conf in cues["between"]:
            if rx.fullmatch(gap):
                add(a.key, b.key, typ, a.start, b.end, conf, "between")
                break
        else:
            for typ, rx, conf in cues["passive"]:
                if rx.fullmatch(gap):
                    add(b.key, a.key, typ, a.start, b.end, conf, "passive")
                    break
            else:
                # "A … có hiệu lực từ … và thay thế B": A must open its clause
                head = text[_clause_start(text, a.start, seg) : a.start]
                if re.fullmatch(r"[\s*#|>+\-•]*(?:(?:Theo|theo)[^,]{0,80}?\s+thì\s+)?", head):
                    for typ, rx, conf in cues["trailing"]:
                        if rx.fullmatch(gap):
                            add(a.key, b.key, typ, a.start, b.end, conf, "trailing")
                            break
    # 2. CUE B …, X ban hành A  /  in a directive: CUE B (A = the directive itself)
    leading = cues["directive_leading"] if self_key else cues["leading"]
    for i, b in enumerate(ms):
        if b.self:
            continue
        lo = _clause_start(text, b.start, seg)
        head = text[lo : b.start]
        for typ, rx, conf in leading:
            if not rx.fullmatch(head):
                continue
            targets = [b]
            for c in ms[i + 1 :]:
                if c.key in {t.key for t in targets} or _in_parentheses(text, c.start, lo):
                    continue
                gap = re.sub(r"\([^()]*\)", "", text[targets[-1].extent_end : c.start])
                if _COORDINATED.fullmatch(gap):
                    targets.append(c)
                else:
                    break
            sent = seg.sentence_at(b.start)
            s_end = sent.end if sent else _line_end(text, b.start)
            lo_i = bisect.bisect_left(starts, b.end)
            hi_i = bisect.bisect_left(starts, s_end)
            issued = next(
                (a for a in ms[lo_i:hi_i] if a not in targets and cues["issue"].search(text[max(b.end, a.start - 60) : a.start])),
                None,
            )
            for t in targets:
                if issued is not None:
                    add(issued.key, t.key, typ, lo, issued.end, conf, "leading-issued")
                elif self_key and b.start - self_pos < PREAMBLE:
                    add(self_key, t.key, typ, lo, t.end, conf, "leading-self")
            break
    return rels


_COORDINATED = re.compile(r"(?:\s*(?:về|“)[^;]*(?=;))?\s*(?:,|;|và|,\s*và)\s*")


def _in_parentheses(text: str, pos: int, lo: int) -> bool:
    before = text[lo:pos]
    return before.count("(") > before.count(")")


def _line_end(text: str, pos: int) -> int:
    e = text.find("\n", pos)
    return len(text) if e < 0 else e
