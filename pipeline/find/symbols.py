"""Document symbols and canonical keys.

"120-KL/TW" (Party: NUMBER-TYPE/ISSUER), "04/2015/NĐ-CP" and "16/CT-TTg" (State:
NUMBER[/YEAR]/TYPE-ISSUER). Repairs ASCII spellings (ND -> NĐ, TƯ -> TW), OCR confusions
(OD -> QĐ), case ("TTG" -> "TTg") and swapped separators ("30/CT-TW" is Party: 30-CT/TW),
all from ``data/codes.json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..keys import System
from ..tables import all_type_codes, load, type_by_code


@dataclass(frozen=True)
class Symbol:
    system: System
    type_code: str | None
    issuers: tuple[str, ...]
    year: int | None
    canonical: str  # "KL/TW", "NĐ-CP", "UBND-VX", "QH14"

    @property
    def type_name(self) -> str | None:
        return type_by_code(self.system).get(self.type_code) if self.type_code else None


@cache
def _codes() -> dict:
    c = load("codes")
    canon = {x.upper(): x for x in c["canonical"]}
    return {
        "fixes": {k.upper(): v for k, v in c["fixes"].items()},
        "canon": canon,
        "party": frozenset(c["party_issuers"]),
        "party_suffixes": tuple(c["party_issuer_suffixes"]),
        "state": frozenset(c["state_issuers"]),
        "state_prefixes": tuple(c["state_issuer_prefixes"]),
        "confusions": {k.upper(): [v.upper() for v in vs] for k, vs in c["ocr_confusions"].items()},
        "slashes": tuple(x.upper() for x in c["ocr_slashes"]),
    }


@cache
def _known() -> dict[str, str]:
    """Every code the tables name, by its upper-case spelling."""
    c = _codes()
    names = set(all_type_codes()) | c["party"] | c["state"] | set(c["canon"].values()) | set(c["fixes"].values())
    return {k.upper(): k for k in map(canon_code, names)}


@cache
def _known_types() -> frozenset[str]:
    return frozenset(x.upper() for x in all_type_codes())


def ocr_repair(code: str) -> list[str]:
    """An OCR-damaged code back to the known code(s) it must have been: a doubled letter
    ("QĐĐ" -> QĐ), one confused letter ("TIr" -> TTr), one letter too many ("TIW" -> TW), a
    slash read as a letter or digit ("HD7BTCTW" -> HD, BTCTW). A repair is taken only when exactly one known
    code explains the damage; otherwise the code is kept as read.

    >>> ocr_repair("QĐĐ"), ocr_repair("TIr"), ocr_repair("TIW"), ocr_repair("HD7BTCTW"), ocr_repair("XYZ")
    (['QĐ'], ['TTr'], ['TW'], ['HD', 'BTCTW'], ['XYZ'])
    """
    known, c = _known(), _codes()
    up = canon_code(code).upper()
    if up in known:
        return [known[up]]

    def unique(cands: set[str]) -> str | None:
        hits = {known[x] for x in cands if x in known}
        return hits.pop() if len(hits) == 1 else None

    # a letter read twice or more ("QĐĐ", "QĐĐĐ"): each run shortened to one or two letters
    runs = list(re.finditer(r"(.)\1+", up))
    hit = unique({up[: m.start()] + m.group(1) * k + up[m.end() :] for m in runs for k in (1, 2)})
    if hit:
        return [hit]
    hit = unique({up[:i] + alt + up[i + 1 :] for i, ch in enumerate(up) for alt in c["confusions"].get(ch, ())})
    if hit:
        return [hit]
    if len(up) >= 3:  # a speck read as a letter inside the code ("TIW")
        hit = unique({up[:i] + up[i + 1 :] for i in range(len(up))})
        if hit:
            return [hit]
    splits = [(up[:i], up[i + 1 :]) for i in range(1, len(up) - 1) if up[i] in c["slashes"]]
    splits = [(a, b) for a, b in splits if a in _known_types() and b in known]
    if len(splits) == 1:
        return [known[splits[0][0]], known[splits[0][1]]]
    return [code]


def canon_code(code: str) -> str:
    c = _codes()
    up = code.upper().replace("Ư", "Ư")
    up = c["fixes"].get(up, up)
    return c["canon"].get(up.upper(), up)


def issuer_system(code: str) -> System | None:
    """The system an issuer code belongs to; None when unknown or when both use it ("BCT": Bộ Chính trị
    and Bộ Công Thương), so that the symbol's shape decides."""
    c = _codes()
    if code in c["party"] and code in c["state"]:
        return None
    if code in c["party"]:
        return "party"
    if code in c["state"] or re.fullmatch(r"(?:QH|UBTVQH)\d*", code):
        return "state"
    if code.endswith(c["party_suffixes"]):
        return "party"
    return None


_PART = re.compile(r"[-/]")


def parse_symbol(raw: str, ocr: bool = False) -> Symbol | None:
    """Parse the text after a document number ("-KL/TW", "/2015/ND-CP"); None without a code.
    ``ocr``: the text came from OCR, so unknown codes are repaired (``ocr_repair``)."""
    raw = raw.strip()
    if not raw or raw[0] not in "-/":
        return None
    first_sep = raw[0]
    parts = [p for p in _PART.split(raw) if p]
    year = None
    codes: list[str] = []
    for p in parts:
        if re.fullmatch(r"(?:19|20)\d{2}", p) and year is None and not codes:
            year = int(p)
        elif re.fullmatch(r"\d+", p):
            return None  # "12/4/2016" is a date, "2016-2020" a range
        elif ocr:
            codes.extend(canon_code(x) for x in ocr_repair(p))
        else:
            codes.append(canon_code(p))
    if not codes:
        return None
    type_codes = all_type_codes()
    if codes[0] in type_codes and len(codes) > 1:
        tcode, issuers = codes[0], tuple(codes[1:])
    elif codes[0] in type_codes and year is None and first_sep == "/" and len(codes) == 1:
        tcode, issuers = codes[0], ()  # "34/SL"
    else:
        tcode, issuers = None, tuple(codes)
    system = issuer_system(issuers[0]) if issuers else None
    if system is None:
        system = "state" if year is not None or first_sep == "/" else "party"
    if tcode and tcode not in type_by_code(system):
        # a code only one system uses ("NĐ" is State) decides the system
        other: System = "state" if system == "party" else "party"
        if tcode in type_by_code(other) and not (issuers and issuer_system(issuers[0])):
            system = other
    if system == "party":
        canonical = f"{tcode}/{'-'.join(issuers)}" if tcode and issuers else (tcode or "-".join(issuers))
    else:
        canonical = "-".join(([tcode] if tcode else []) + list(issuers))
    return Symbol(system=system, type_code=tcode, issuers=issuers, year=year, canonical=canonical)
