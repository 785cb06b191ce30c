"""Pinpoints: the part of a document a text names with it ("khoản 2 Điều 46 Nghị định 156/2018/NĐ-CP",
"Điều 26 của Thông tư số 68/2019/TT-BTC", "điểm a khoản 1 Điều 3"), as paths outermost first
(``data/structure.json``: 'pinpoint' is the phrase, 'pinpoint_parts' the parts and how they nest).

A mention takes the pinpoint written right before it (optionally joined by "của"); the relations finder gives
a relation the pinpoints of its object's mentions where it is stated, and a relation whose object is pinpointed
acts on part of the document (``gold/README.md``, "Pinpoints and dates of effect")."""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from functools import cache

from ..keys import fold_word
from ..records import Findings, Pinpoint
from ..tables import load
from ..text import Document
from .lexicon import structure

#: how far before a mention a pinpoint may start (the longest seen: "điểm a, điểm b khoản 1 Điều 3 của ")
REACH = 160
_VALUE = r"(?:[0-9]+[a-zđ]?|[IVXLC]+|[a-zđ])(?:\.[0-9]+)*"


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, tuple[str, float]]]:
    parts = {k: (v[0], float(v[1])) for k, v in load("structure")["pinpoint_parts"].items()}
    before = re.compile(structure("pinpoint") + r"(?:của\s+)?$")
    words = sorted({w for w in parts}, key=len, reverse=True)
    unit = re.compile(r"(?P<part>" + "|".join(w.replace(" ", r"\s+") for w in words) + r")\s+(?P<values>" + _VALUE
                      + r"(?:\s*(?:,|và|,\s*và)\s*" + _VALUE + r"(?![^\W_]))*)(?![^\W_])", re.IGNORECASE)
    return before, unit, parts


def parse(phrase: str) -> tuple[Pinpoint, ...]:
    """The paths a pinpoint phrase names, outermost first: 'khoản 3, 4 Điều 26' -> (Điều 26 > khoản 3),
    (Điều 26 > khoản 4); 'khoản 1 Điều 5 và khoản 2 Điều 7' -> two paths; 'Phụ lục II' -> one."""
    _, unit, parts = _patterns()
    folded = fold_word(phrase)
    chains: list[list[tuple[str, list[str]]]] = []
    last_rank = None
    for m in unit.finditer(folded):
        name, rank = parts[" ".join(m.group("part").split())]
        values = re.split(r"\s*(?:,\s*va|,|va)\s*", m.group("values"))
        values = [_original_case(phrase, v) for v in values if v]
        if last_rank is None or rank <= last_rank or name == "Phụ lục":  # not moving outward: a new path begins
            chains.append([])
        chains[-1].append((name, values))
        last_rank = rank
    out = []
    for chain in chains:
        levels = list(reversed(chain))  # outermost first
        for combo in itertools.product(*[vals for _, vals in levels]):
            out.append(Pinpoint(tuple((name, v) for (name, _), v in zip(levels, combo, strict=True))))
    return tuple(dict.fromkeys(out))


def _original_case(phrase: str, value: str) -> str:
    """A value as the text writes it ('a', 'II', '2a'): folding lowered Roman numerals."""
    m = re.search(r"(?<![^\W_])(" + re.escape(value) + r")(?![^\W_])", phrase, re.IGNORECASE)
    return m.group(1) if m else value


def find_pinpoints(doc: Document, found: Findings) -> Findings:
    """Each mention's pinpoint: the phrase right before it."""
    before, _, _ = _patterns()
    text = doc.text
    mentions = []
    for m in found.mentions:
        pins: tuple[Pinpoint, ...] = ()
        if not m.self and m.start > 0:
            lo = max(0, m.start - REACH, text.rfind("\n", 0, m.start) + 1)
            hit = before.search(text, lo, m.start)
            if hit:
                pins = parse(hit.group(0))
        mentions.append(replace(m, pinpoints=pins) if pins else m)
    return replace(found, mentions=mentions)
