"""Pinpoints: the part of a document a text names with it ("khoản 2 Điều 46 Nghị định 156/2018/NĐ-CP",
"Điều 26 của Thông tư số 68/2019/TT-BTC", "điểm a khoản 1 Điều 3"), as paths outermost first
(``data/structure.json``: 'pinpoint' is the phrase, 'pinpoint_parts' the parts and how they nest).

A mention takes the pinpoint written right before it (optionally joined by "của", "ban hành kèm theo":
'pinpoint_joins'); the relations finder gives
a relation the pinpoints of its object's mentions where it is stated, and a relation whose object is pinpointed
acts on part of the document (``gold/README.md``, "Pinpoints and dates of effect")."""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import replace
from functools import cache

from ..records import Findings, Pinpoint
from ..tables import load
from ..text import Document
from .lexicon import structure

#: how far before a mention a pinpoint may start (the longest seen: "điểm a, điểm b khoản 1 Điều 3 của ")
REACH = 160
_VALUE = r"(?:[0-9]+[a-zđ]?|[IVXLC]+|[a-zđ])(?:\.[0-9]+)*"


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, tuple[str, float]]]:
    parts = {k: (v[0] or "", float(v[1])) for k, v in load("structure")["pinpoint_parts"].items()}
    joins = sorted(load("structure")["pinpoint_joins"], key=len, reverse=True)
    before = re.compile(structure("pinpoint") + r"(?:(?:" + "|".join(j.replace(" ", r"\s+") for j in joins) + r")\s+)?$")
    words = sorted({w for w in parts}, key=len, reverse=True)
    unit = re.compile(r"(?P<part>" + "|".join(w.replace(" ", r"\s+") for w in words) + r")\s+(?P<values>" + _VALUE
                      + r"(?:\s*(?:,|va|,\s*va)\s*" + _VALUE + r"(?![^\W_]))*)(?![^\W_])", re.IGNORECASE)
    return before, unit, parts


def _fold_chars(text: str) -> str:
    """``text`` with marks off and lower case, character for character (offsets stay those of ``text``)."""
    out = []
    for ch in text:
        base = unicodedata.normalize("NFD", ch.replace("đ", "d").replace("Đ", "D"))
        folded = "".join(c for c in base if unicodedata.category(c) != "Mn").lower()
        out.append(folded[:1] if len(folded) >= 1 else " ")
    return "".join(out)


def parse(phrase: str) -> tuple[Pinpoint, ...]:
    """The paths a pinpoint phrase names, outermost first: 'khoản 3, 4 Điều 26' -> (Điều 26 > khoản 3),
    (Điều 26 > khoản 4); 'khoản 1, khoản 2 Điều 5' -> (Điều 5 > khoản 1), (Điều 5 > khoản 2); 'khoản 1 Điều 5 và
    khoản 2 Điều 7' -> two paths; 'Mục III Phụ lục III' -> (Phụ lục III > Mục III); values as written ('đ', 'II')."""
    _, unit, parts = _patterns()
    folded = _fold_chars(phrase)
    chains: list[list[tuple[str, float, list[str]]]] = []
    last_end = 0
    for m in unit.finditer(folded):
        name, rank = parts[" ".join(m.group("part").split())]
        raw = phrase[m.start("values"):m.end("values")]  # the values as the text writes them ('đ', 'II', '2a')
        values = [v for v in re.split(r"\s*(?:,\s*và|,|và|,\s*va|va)\s*", raw) if v]
        apart = bool(re.search(r",|\bva\b", folded[last_end:m.start()]))  # listed after the unit before
        chain = chains[-1] if chains else None
        if chain is not None and chain[-1][1] == rank and len(chain) == 1 and apart:
            chain[-1] = (chain[-1][0], rank, chain[-1][2] + values)  # 'khoản 1, khoản 2 Điều 5': siblings share what follows
        elif chain is None or rank <= chain[-1][1] or (name == "Phụ lục" and apart):
            chains.append([(name, rank, values)])  # not moving outward: a new path begins
        else:
            chain.append((name, rank, values))
        last_end = m.end()
    out = []
    for chain in chains:
        levels = list(reversed(chain))  # outermost first
        for combo in itertools.product(*[vals for _, _, vals in levels]):
            path = tuple((name, v) for (name, _, _), v in zip(levels, combo, strict=True) if name)  # unnamed parts left out
            if path:
                out.append(Pinpoint(path))
    return tuple(dict.fromkeys(out))


def find_pinpoints(doc: Document, found: Findings) -> Findings:
    """Each mention's pinpoint: the phrase right before it."""
    before, _, _ = _patterns()
    text = doc.text
    mentions = []
    for m in found.mentions:
        pins: tuple[Pinpoint, ...] = ()
        if not m.self and m.start > 0:
            lo = max(0, m.start - REACH)
            lo = max(lo, text.rfind("\n", lo, m.start) + 1)  # the line's start, looked for within reach only
            hit = before.search(text, lo, m.start)
            if hit:
                pins = parse(hit.group(0))
        mentions.append(replace(m, pinpoints=pins) if pins else m)
    return replace(found, mentions=mentions)
