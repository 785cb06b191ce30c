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
from ..tables import all_type_codes, load, type_by_code, types_for_code


@dataclass(frozen=True)
class Symbol:
    system: System
    type_code: str | None
    issuers: tuple[str, ...]
    year: int | None
    canonical: str  # "KL/TW", "NĐ-CP", "UBND-VX", "QH14"
    repairs: tuple[str, ...] = ()  # what the grammar repaired in the written symbol (``codes.json`` grammar)
    incomplete: bool = False  # a type code whose issuer was cut ("31/2015/TT"): only a full form of the text or store completes it

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
    if code in c["state"] or re.fullmatch(r"(?:QH|UBTVQH|HĐNN)\d*", code):
        return "state"
    if code.endswith(c["party_suffixes"]):
        return "party"
    return None


_PART = re.compile(r"[-/]")


def parse_symbol(raw: str, ocr: bool = False) -> Symbol | None:
    """Parse the text after a document number ("-KL/TW", "/2015/ND-CP"); None without a code.
    ``ocr``: the text came from OCR, so unknown codes are repaired (``ocr_repair``). The symbol's grammar
    (``codes.json`` grammar) repairs what leaves one reading: "&" inside an issuer code ("BNN&PTNT"), a word glued
    on ("NĐ-CPvà"), D for Đ ("BKHDT"), a missing hyphen ("NĐCP", "TTBTC"), a cut issuer that only one body can be
    ("17/2014/NĐ"), a legislature term the year rules out ("45/2009/QH11"). A form's code ("S03-DN") is no symbol.

    >>> [parse_symbol(x).canonical for x in ("/2015/NĐCP", "/2018/TT-BKHDT", "/2009/QH11", "/2014/NĐ", "/2024/TT-BGD&ĐT")]
    ['NĐ-CP', 'TT-BKHĐT', 'QH12', 'NĐ-CP', 'TT-BGDĐT']
    """
    raw = raw.strip()
    if not raw or raw[0] not in "-/":
        return None
    first_sep = raw[0]
    parts = [p for p in _PART.split(raw) if p]
    year = None
    codes: list[str] = []
    repairs: list[str] = []
    for p in parts:
        if re.fullmatch(r"(?:19|20)\d{2}", p) and year is None and not codes:
            year = int(p)
        elif re.fullmatch(r"\d+", p):
            return None  # "12/4/2016" is a date, "2016-2020" a range
        elif ocr:
            codes.extend(canon_code(x) for x in ocr_repair(p))
        else:
            codes.append(_read_code(p, repairs))
    if not codes or form_code(codes):
        return None
    codes = _split_fused(codes, repairs)
    type_codes = all_type_codes()
    incomplete = False
    if codes[0] in type_codes and len(codes) > 1:
        tcode, issuers = codes[0], tuple(codes[1:])
    elif codes[0] in type_codes and len(codes) == 1 and codes[0] not in _grammar()["issuerless"]:
        # a type code whose issuer was cut ("17/2014/NĐ", "31/2015/TT"): one body issues it, or a full form must say
        tcode = codes[0]
        body, since = _grammar()["sole_issuers"].get(tcode, (None, 0))
        sole = body if year is not None and year >= since else None
        issuers = (sole,) if sole else ()
        if sole:
            repairs.append("issuer")
        else:
            incomplete = True
    elif codes[0] in type_codes and len(codes) == 1:
        tcode, issuers = codes[0], ()  # "34/SL": a Sắc lệnh names no issuer
    else:
        tcode, issuers = None, tuple(codes)
    issuers, cut = _legislature(issuers, year, repairs)
    incomplete = incomplete or cut
    if tcode == "CT" and issuers and not _body_code(issuers[0]):
        # a tax department's letter ("số 1234/CT-TTHT": Cục Thuế, its unit TTHT), not a Chỉ thị: a directive's symbol
        # names the body that issues it after its type code
        tcode, issuers = None, ("CT", *issuers)
    system = issuer_system(issuers[0]) if issuers else None
    if system is None:
        system = "state" if year is not None or first_sep == "/" else "party"
    if tcode and tcode not in type_by_code(system):
        # a code only one system uses ("NĐ" is State) decides the system
        other: System = "state" if system == "party" else "party"
        if tcode in type_by_code(other) and not (issuers and issuer_system(issuers[0])):
            system = other
    return Symbol(system=system, type_code=tcode, issuers=issuers, year=year, canonical=_canonical(system, tcode, issuers),
                  repairs=tuple(dict.fromkeys(repairs)), incomplete=incomplete)


def _body_code(code: str) -> bool:
    """Whether a code names an issuing body the tables know (a ministry "B…", "UBND", a Party committee "…TU")."""
    c = _codes()
    return issuer_system(code) is not None or code in c["party"] | c["state"] or code.startswith(c["state_prefixes"])


def _canonical(system: System, tcode: str | None, issuers: tuple[str, ...]) -> str:
    if system == "party":
        return f"{tcode}/{'-'.join(issuers)}" if tcode and issuers else (tcode or "-".join(issuers))
    return "-".join(([tcode] if tcode else []) + list(issuers))


@cache
def _grammar() -> dict:
    return load("codes")["grammar"]


@cache
def _form_code() -> re.Pattern[str]:
    return re.compile(r"(?:" + _grammar()["form_codes"] + r")")


def form_code(codes: list[str]) -> bool:
    """A form's, an account's or a template's code, not a document's ("S03-DN", "01/GTGT")."""
    return bool(_form_code().fullmatch("-".join(codes[:2])) or (len(codes) == 1 and _form_code().fullmatch(codes[0])))


def _read_code(p: str, repairs: list[str]) -> str:
    """One written code read by the grammar: "&" dropped ("BNN&PTNT"), a glued lower-case word cut ("CPvà" is CP and
    "và"), D for Đ where only the Đ spelling is a known code ("BKHDT")."""
    if "&" in p:
        p = p.replace("&", "")
        repairs.append("&")
    known = _known()
    glued = re.fullmatch(r"([A-ZĐƯ][A-ZĐƯ0-9]+)([a-zđư]+)", p)
    if glued and canon_code(p).upper() not in known and canon_code(glued.group(1)).upper() in known:
        p = glued.group(1)
        repairs.append("glued")
    code = canon_code(p)
    if code.upper() not in known and "D" in code.upper():
        hits = {known[v] for v in _d_variants(code.upper()) if v in known}
        if len(hits) == 1:
            repairs.append("Đ")
            return hits.pop()
    return code


def _d_variants(code: str) -> set[str]:
    out = {""}
    for ch in code[:12]:
        out = {x + ch for x in out} | ({x + "Đ" for x in out} if ch == "D" else set())
    return out - {code}


def _split_fused(codes: list[str], repairs: list[str]) -> list[str]:
    """A type code and an issuer code written without their hyphen ("NĐCP", "TTBTC", "CTTTG"), split where exactly one
    split gives a known type code and a known issuer code; only a symbol's first code, and only when it is no code."""
    first = codes[0].upper()
    known, types = _known(), {t.upper() for t in all_type_codes()}
    if first in known or len(first) < 4:
        return codes
    c = _codes()
    issuers = {x.upper() for x in c["party"] | c["state"]}
    splits = {(t, i) for i in range(2, len(first) - 1)
              for t, i in [(canon_code(first[:i]).upper(), canon_code(first[i:]).upper())] if t in types and i in issuers}
    if len(splits) != 1:
        return codes
    t, i = splits.pop()
    repairs.append("hyphen")
    return [known[t], known[i], *codes[1:]]


def _legislature(issuers: tuple[str, ...], year: int | None, repairs: list[str]) -> tuple[tuple[str, ...], bool]:
    """A legislature's code with the term its year allows ("45/2009/QH11" is QH12: the XII National Assembly sat
    2007-2011); a year on a boundary fits two terms and the code is kept as written. Also whether the code is cut
    (no term, and none the year gives: "33/2002/QH", "1243/NQ-UBTVQH")."""
    if not issuers:
        return issuers, False
    m = _LEGISLATURE().fullmatch(issuers[0])
    if not m:
        return issuers, False
    terms = _terms(year)
    if len(terms) != 1 or terms[0] == m.group(2):
        return issuers, not m.group(2)
    repairs.append("term")
    return (m.group(1) + terms[0], *issuers[1:]), False


@cache
def _LEGISLATURE() -> re.Pattern[str]:  # noqa: N802
    return re.compile(r"(" + "|".join(sorted(_grammar()["legislatures"]["codes"], key=len, reverse=True)) + r")(\d*)")


def _terms(year: int | None) -> list[str]:
    if year is None:
        return []
    return [t for t, (lo, hi) in _grammar()["legislatures"]["terms"].items() if lo <= year <= hi]


def termed_by_date(symbol: str, year: int) -> str | None:
    """A symbol whose legislature code has no term, or one its issue date's year rules out ("1243/NQ-UBTVQH" of 2021,
    "1278/NQ-UBTVQH13" dated 2022), with the term that year gives; None when it needs no repair or the year fits two."""
    parts = re.split(r"([-/])", symbol)
    for i, p in enumerate(parts):
        m = _LEGISLATURE().fullmatch(p)
        terms = _terms(year)
        if m and len(terms) == 1 and m.group(2) != terms[0]:
            parts[i] = m.group(1) + terms[0]
            return "".join(parts)
    return None


def read_with_type(number: str, sym: Symbol, doc_type: str | None) -> tuple[str, Symbol]:
    """A symbol read with the type the text gives its document: a normative number fused with its year ("Thông tư
    642015/TT-BTC", "96.2013/TT-BTC") split; a type code the symbol left out put back ("Thông tư số 58/2015/BTC" is
    58/2015/TT-BTC, "Nghị quyết số 28/TW" is 28-NQ/TW); a legislature's and a letter's symbols have no type code."""
    repairs = list(sym.repairs)
    year = sym.year
    g = _grammar()
    if year is None and sym.system == "state" and sym.type_code in g["year_types"]:
        fused = re.fullmatch(r"(\d{1,4})\.?((?:19|20)\d{2})", number)
        if fused and (len(number) >= 5 or "." in number) and g["year_since"] <= int(fused.group(2)):
            number, year = fused.group(1), int(fused.group(2))
            repairs.append("number/year")
    tcode, issuers = sym.type_code, sym.issuers
    incomplete = sym.incomplete
    if incomplete and tcode and doc_type and doc_type != "Công văn" and doc_type not in types_for_code(tcode):
        # a lone code the type word does not read as a type is the issuer: "Quyết định số 341-CT" (Chủ tịch HĐBT)
        tcode, issuers, incomplete = None, (tcode,), False
    elif tcode is None and issuers and doc_type and doc_type != "Công văn":
        code = _type_code_of(doc_type, sym.system)
        party = sym.system == "party" and issuers[0] in _codes()["party"]  # "Nghị quyết số 28/TW"; not "số 75-HĐBT"
        state = sym.system == "state" and year is not None and year >= g["year_since"] and code in g["year_types"] and _body_code(issuers[0]) \
            and not re.fullmatch("(?:" + "|".join(g["legislatures"]["codes"]) + r")\d*", issuers[0])
        if code and (party or state):
            tcode = code
            repairs.append("type code")
    if (tcode, issuers, year, tuple(repairs)) == (sym.type_code, sym.issuers, sym.year, sym.repairs):
        return number, sym
    system = sym.system
    if not incomplete and sym.incomplete:
        system = issuer_system(issuers[0]) or sym.system
    return number, Symbol(system=system, type_code=tcode, issuers=issuers, year=year,
                          canonical=_canonical(system, tcode, issuers), repairs=tuple(dict.fromkeys(repairs)), incomplete=incomplete)


def _type_code_of(doc_type: str, system: System) -> str | None:
    codes = [c for c, name in type_by_code(system).items() if name == doc_type]
    return codes[0] if codes else None


def year_required(system: str | None, symbol: str | None, key: str | None, year: int, doc_type: str) -> bool:
    """Whether a State symbol's type carries its year by law (``codes.json`` grammar ``year_types``: a Nghị định, a
    Thông tư, not a Tờ trình whose code reads "TT") and its key has none."""
    if system != "state" or not symbol or not key or year < _grammar()["year_since"]:
        return False
    code = symbol.split("-")[0]
    return code in _grammar()["year_types"] and type_by_code("state").get(code) == doc_type and not re.search(r"/(?:19|20)\d{2}/", key)
