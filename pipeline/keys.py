"""Canonical keys and the shapes every stage agrees on: folding, number keys, the symbol
pattern, ``make_key`` / ``parse_key``.

A leaf module: it imports nothing of the package, so every stage may import it.

Keys (``../shared/CONTRACT.md``, ``docs/CONTRACT.md``): Party ``N-TYPE/ISSUER`` ("120-KL/TW"), State
``N/YYYY/TYPE-ISSUER`` or ``N/TYPE-ISSUER`` ("4/2015/NĐ-CP", "16/CT-TTg"), an unresolved short
form ``"<doc_type> <N>"`` ("Chỉ thị 6"), and an optional issue-year suffix ``@YYYY`` for Party
numbers reused in another term ("1-KL/TW@2021"); numbers without leading zeros (the guide's rule).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal, Protocol

System = Literal["party", "state"]

#: a document number: digits, an optional letter ("30a"), an optional dotted part ("66.4")
NUMBER = r"(?P<num>\d+[a-zA-Z]?(?:\.\d+)?)(?![\d])"
#: one part of a symbol after the number: a year or a code ("/2015", "-KL", "/TW", "-UBND")
SYMBOL_PART = r"[-/](?:\d{4}|[A-ZĐƯa-zđư][A-Za-zĐđƯư0-9]*(?:&[A-ZĐƯ][A-Za-zĐđƯư0-9]*)?(?:\.[A-ZĐƯ][A-ZĐƯ0-9]*(?![^\W\d_]))*)"
#: the symbol after a number, possibly empty ("-KL/TW", "/2015/NĐ-CP")
SYMBOL = r"(?P<sym>(?:" + SYMBOL_PART + r")*)"
#: a symbol with at least one part
SYMBOL_REQUIRED = r"(?P<sym>(?:" + SYMBOL_PART + r")+)"
#: a number with its symbol as one word for the segmenter ("120-KL/TW", "04/2015/NĐ-CP"; dates too)
SYMBOL_TOKEN = r"\d+[a-zA-Z]?(?:[-/][0-9A-Za-zĐđƯư]+(?:&[A-ZĐƯ][0-9A-Za-zĐđƯư]*)?)+"
#: a year written as four digits
YEAR = r"(?:19|20)\d{2}"


def fold(s: str | None) -> str:
    """Case-, diacritic- and punctuation-insensitive form used to compare names.

    >>> fold("Ban Thường vụ Tỉnh ủy"), fold("Quyết-định")
    ('ban thuong vu tinh uy', 'quyet dinh')
    """
    s = unicodedata.normalize("NFD", (s or "").replace("đ", "d").replace("Đ", "D"))
    s = "".join(c for c in s if unicodedata.category(c) != "Mn").casefold()
    return re.sub(r"[\W_]+", " ", s).strip()


def fold_word(w: str) -> str:
    """Diacritics off, lower case, spaces kept single: the key for OCR-damaged type words.

    >>> fold_word("Quyêt  đinh")
    'quyet dinh'
    """
    w = unicodedata.normalize("NFD", w.casefold().replace("đ", "d"))
    return " ".join("".join(c for c in w if unicodedata.category(c) != "Mn").split())


def number_key(number: str | None) -> str:
    """The form under which two spellings of one document number compare equal.

    >>> number_key("08"), number_key("0125"), number_key("30A"), number_key("0")
    ('8', '125', '30a', '0')
    """
    return (number or "").lstrip("0").lower() or ("0" if number else "")


class SymbolLike(Protocol):
    system: System
    canonical: str
    year: int | None


def make_key(number: str, symbol: SymbolLike) -> str:
    """The canonical key of a numbered document: its number without leading zeros (the guide's number rule: "08"
    and "8" are one document), its symbol canonical.

    >>> from types import SimpleNamespace as S
    >>> make_key("08", S(system="party", canonical="KH/CB", year=None)), make_key("04", S(system="state", canonical="NĐ-CP", year=2015))
    ('8-KH/CB', '4/2015/NĐ-CP')
    """
    n = _unpadded(number)
    if symbol.system == "party":
        return f"{n}-{symbol.canonical}"
    if symbol.year is not None:
        return f"{n}/{symbol.year}/{symbol.canonical}"
    return f"{n}/{symbol.canonical}"


def short_key(doc_type: str, number: str) -> str:
    """The key of a short form that names no symbol: 'Chỉ thị 6' (written "Chỉ thị 06")."""
    return f"{doc_type} {_unpadded(number)}"


def _unpadded(number: str) -> str:
    """A number as written without its leading zeros ("08" -> "8", "0125" -> "125", "33B" -> "33B")."""
    return number.lstrip("0") or ("0" if number else "")


def unpad_key(key: str) -> str:
    """A key of an earlier version (numbers below 10 with a leading zero) in today's form.

    >>> unpad_key("08-KH/CB"), unpad_key("04/2015/NĐ-CP"), unpad_key("Chỉ thị 06"), unpad_key("01-KL/TW@2016"), unpad_key("120-KL/TW")
    ('8-KH/CB', '4/2015/NĐ-CP', 'Chỉ thị 6', '1-KL/TW@2016', '120-KL/TW')
    """
    m = re.match(r"^(\D+?\s+)?(0+)(\d)", key)
    return key if not m else (m.group(1) or "") + key[m.end(2):]


@dataclass(frozen=True)
class ParsedKey:
    """What a key says: number, year (in the symbol or after '@'), the symbol's codes, or the type
    of an unresolved short form."""

    number: str
    year: int | None
    codes: tuple[str, ...] | None
    doc_type: str | None

    @property
    def short(self) -> bool:
        return self.codes is None


def parse_key(key: str | None) -> ParsedKey | None:
    """Read a key back.

    >>> parse_key("120-KL/TW@2016")
    ParsedKey(number='120', year=2016, codes=('KL', 'TW'), doc_type=None)
    >>> parse_key("04/2015/NĐ-CP").codes, parse_key("Chỉ thị 06").doc_type
    (('NĐ', 'CP'), 'Chỉ thị')
    """
    if not key:
        return None
    k = key.strip()
    at = re.search(r"@(" + YEAR + r")$", k)
    at_year = int(at.group(1)) if at else None
    if at:
        k = k[: at.start()]
    m = re.match(r"^(\D+?)\s+(\d+[0-9a-zA-Z.]*)$", k)
    if m:
        return ParsedKey(number_key(m.group(2)), at_year, None, m.group(1))
    m = re.match(r"^(\d+[0-9a-zA-Z.]*)[-/](.*)$", k)
    if not m:
        return None
    parts = [p for p in re.split(r"[-/]", m.group(2)) if p]
    years = [int(p) for p in parts if re.fullmatch(YEAR, p)]
    codes = tuple(p for p in parts if not re.fullmatch(YEAR, p))
    return ParsedKey(number_key(m.group(1)), years[0] if years else at_year, codes, None)


def base_key(key: str) -> str:
    """A key without its issue-year suffix: '01-KL/TW@2021' -> '01-KL/TW'."""
    return re.sub(r"@" + YEAR + r"$", "", key)
