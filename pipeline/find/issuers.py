"""Finder 4 (``pipeline.find.FINDERS``): issuers named in the prose.

A symbol's issuer code ("TW", "CP", "UBND") stands for bodies the ``code_bodies`` table of
``data/issuers.json`` lists; where the text names such a body near a reference that states no issuer,
the reference takes the nearest one, as written.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from functools import cache

from ..records import Findings, Mention
from ..tables import all_type_codes, load
from ..text import Document


@cache
def _body_pattern(code: str) -> re.Pattern[str] | None:
    """The bodies an issuer code stands for, as one pattern ('UBND' also takes its place: 'UBND tỉnh
    Quảng Bình'; a Party committee its qualifier: 'Đảng uỷ Chính phủ'). Compiled when first needed."""
    bodies = load("issuers")["code_bodies"].get(code)
    if not bodies:
        return None
    place = r"(?:\s+(?:tỉnh|thành\s+phố|huyện|quận|thị\s+xã|xã|phường|Tỉnh|Thành\s+phố)(?:\s+[A-ZĐÀ-Ỹ][^\s,.;:()]*){1,4})?"
    alts = "|".join(r"\s+".join(map(re.escape, b.split())) for b in sorted(bodies, key=len, reverse=True))
    tail = place if code in ("UBND", "HĐND") else r"(?:\s+[A-ZĐÀ-Ỹ][^\s,.;:()]*){0,4}" if code in ("TU", "HU", "ĐU", "ĐUK", "CB") else ""
    return re.compile(r"(?<![^\W\d_])(?:" + alts + r")" + tail + r"(?![^\W\d_])", re.IGNORECASE)


def issuer_code(symbol: str | None) -> str | None:
    """The issuer code of a canonical symbol: 'KL/TW' -> 'TW', 'NĐ-CP' -> 'CP', 'QH15' -> 'QH',
    'BNV-TCBC' (a letter: no type code) -> 'BNV', 'QĐ-UBND' -> 'UBND'."""
    if not symbol:
        return None
    parts = [p for p in re.split(r"[-/]", symbol) if p and not re.fullmatch(r"\d{4}", p)]
    if len(parts) > 1 and parts[0] in all_type_codes():
        parts = parts[1:]
    return re.sub(r"\d+$", "", parts[0]) if parts else None


WINDOW = 1500  # characters around a reference searched for the body its code stands for


def infer_issuers(doc: Document, found: Findings) -> Findings:
    """Finder 4: a reference whose issuer the text does not state beside it takes the body its symbol's
    code stands for when the text names that body nearby ("Chính phủ ban hành …", "Quốc hội quyết nghị
    …", "Kết luận 83-KL/TW năm 2024, Bộ Chính trị có kết luận …"): the nearest such name, as written."""
    return replace(found, mentions=_inferred(doc.text, found.mentions))


def _inferred(text: str, mentions: list[Mention]) -> list[Mention]:
    stated = {m.key for m in mentions if m.issuer}  # a document whose issuer the text states elsewhere keeps it
    found: dict[str, tuple[list[int], list[tuple[int, int, str]]]] = {}  # code -> every body name in the text, once
    out = []
    for men in mentions:
        if men.key in stated or men.issuer is not None or men.self:
            out.append(men)
            continue
        symbol = men.symbol
        if symbol is None and men.resolved and men.key:  # a short form resolved to a full key
            symbol = men.key.split("@")[0].partition("-" if men.system == "party" else "/")[2] or None
        code = issuer_code(symbol)
        rx = _body_pattern(code) if code else None
        if rx is not None:
            if code not in found:
                hits = [(b.start(), b.end(), " ".join(b.group(0).split())) for b in rx.finditer(text)]
                found[code] = ([h[0] for h in hits], hits)  # type: ignore[index]
            starts, hits = found[code]  # type: ignore[index]
            i = bisect.bisect_left(starts, men.start)
            best = None
            for h in hits[max(0, i - 2) : i + 2]:
                if men.start <= h[0] < men.end:
                    continue
                dist = men.start - h[1] if h[1] <= men.start else h[0] - men.end
                if 0 <= dist <= WINDOW and (best is None or dist < best[0]):
                    best = (dist, h[2])
            if best is not None:
                men = replace(men, issuer=best[1])
        out.append(men)
    return out
