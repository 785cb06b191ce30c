"""Stage 5: the identity of a text that is itself a directive.

Its "Số: 04/2015/NĐ-CP" / "Số 212-KL/TW" header (or a legal site's "Số hiệu:" field),
the date line ("Hà Nội, ngày 18 tháng 11 năm 2025"), the issuing body (the upper-case
header block, or "Nơi ban hành:") and the type (the symbol's code, else the title line).
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..keys import SYMBOL_REQUIRED, make_key, number_key
from ..records import Document, Mention, Ref
from ..tables import type_by_word, types_for_code
from .dates import DATE, iso_from_match
from .symbols import parse_symbol

HEAD_CHARS = 12000  # legal-site copies put navigation before the document
_MARK = r"[\s|*#_>]*"
_HEADER = re.compile(
    r"(?m)^" + _MARK + r"(?P<word>(?:Bộ\s+luật|Luật|LUẬT|Pháp\s+lệnh|Lệnh|Nghị\s+quyết|NGHỊ\s+QUYẾT)\s+)?(?:Số|SỐ|số|So|S[ốỐ6]|s[ốo6])\s*(?:hiệu)?\s*[:.]?" + _MARK + r"(?P<num>\d+[a-zA-Z]?)" + SYMBOL_REQUIRED
    # a header stands alone on its line or table cell, or before the place-and-date line
    + r"(?=[ \t*]*(?:\||\n|$)|(?(word)(?!)|[ \t]+[^\n,]{2,30},\s*(?:ngày|NGÀY)\s*\d))"
)
_DATE_LINE = re.compile(r"(?:ngày|Ngày|NGÀY)\s*" + DATE, re.IGNORECASE)
_META_DATE = re.compile(r"Ngày\s+ban\s+hành\s*:?" + _MARK + DATE, re.IGNORECASE)
_META_ISSUER = re.compile(r"Nơi\s+ban\s+hành\s*:?" + _MARK + r"(?P<body>[^\n|*]{3,120})", re.IGNORECASE)
_SKIP_HEADER = re.compile(
    r"CỘNG\s+H\w+\s+X\w+\s+HỘI|ĐỘC\s+LẬP|Độc\s+lập|ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM|^[-–_=*\s]+$", re.IGNORECASE
)


def _upper_line(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def find_identity(doc: Document, mentions: list[Mention]) -> Ref | None:
    """The ingested document's own identity, or None for reports and articles."""
    text, ocr = doc.text, doc.ocr
    head = text[:HEAD_CHARS]
    headers = list(_HEADER.finditer(head))
    if not headers:
        return None
    # a printed "Số 212-KL/TW" header followed by its date line beats a legal site's "Số hiệu:" field
    printed = [h for h in headers if "hiệu" not in h.group(0)]
    dated = [h for h in printed if _DATE_LINE.search(text, h.end(), h.end() + 600)]
    m = (dated or printed or headers)[0]
    sym = parse_symbol(m.group("sym"), ocr)
    if sym is None:
        return None
    num = m.group("num")
    after = text[m.end() : m.end() + 1500]
    # type: symbol code, else an upper-case title word after the header ("KẾT LUẬN", "NGHỊ ĐỊNH")
    doc_type = sym.type_name
    words = type_by_word()
    if doc_type is None and m.group("word"):
        doc_type = words.get(" ".join(m.group("word").split()).casefold())
    title_word = None
    for line in after.split("\n")[:30]:
        cand = line.strip(" |*#").strip()
        if cand and _upper_line(cand):
            w = cand.split("CỦA")[0].strip().casefold()
            if w in words:
                title_word = words[w]
                break
    if title_word and (doc_type is None or (sym.type_code and title_word in types_for_code(sym.type_code))):
        doc_type = title_word
    if doc_type is None:
        return None
    ref = Ref(doc_type=doc_type, number=num, symbol=sym.canonical, year=sym.year, system=sym.system, key=make_key(num, sym))
    dm = _DATE_LINE.search(after[:600]) or _META_DATE.search(head)
    if dm:
        ref.date = iso_from_match(dm)
        if ref.date and ref.year is None:
            ref.year = int(ref.date[:4])
    # issuer: the upper-case block above the number, else the site's "Nơi ban hành" field
    # header tables put the issuer and the national motto side by side: look at cells
    cells: list[str] = []
    for line in head[: m.start()].split("\n")[-12:]:
        cells.extend(c.strip(" *#\t-–_=") for c in line.split("|"))
    block: list[str] = []
    for cand in reversed(cells):
        if not cand:
            continue
        if _upper_line(cand) and not _SKIP_HEADER.search(cand):
            block.insert(0, cand)
        elif block and not _SKIP_HEADER.search(cand):
            break
    if block:
        ref.issuer = " ".join(" ".join(block).split())
    else:
        im = _META_ISSUER.search(head)
        if im:
            ref.issuer = im.group("body").strip()
    return ref


def mark_self(document: Ref | None, mentions: list[Mention]) -> list[Mention]:
    """The mentions, those of the ingested directive itself marked ``self=True`` with its key."""
    if document is None:
        return mentions
    out = []
    for men in mentions:
        if men.key == document.key or (
            men.form == "short" and men.doc_type == document.doc_type and number_key(men.number) == number_key(document.number)
        ):
            men = replace(men, self=True, key=document.key, resolved=men.form == "short")
        out.append(men)
    return out
