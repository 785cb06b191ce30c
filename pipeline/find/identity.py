"""Finder 2 (``pipeline.find.FINDERS``): the identity of a text that is itself a directive.

Its "Số: 04/2015/NĐ-CP" / "Số 212-KL/TW" header (or a legal site's "Số hiệu:" field),
the date line ("Hà Nội, ngày 18 tháng 11 năm 2025"), the issuing body (the upper-case
header block, or "Nơi ban hành:") and the type (the symbol's code, else the title line).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from ..keys import SYMBOL_REQUIRED, make_key, number_key
from ..records import Findings, Mention, Ref
from ..tables import type_by_word, types_for_code
from ..text import Document
from .dates import DATE, iso_from_match
from .lexicon import lexicon, structure
from .symbols import parse_symbol

HEAD_CHARS = 12000  # legal-site copies put navigation before the document
_MARK = r"[\s|*#_>]*"
# where a header cell starts: a line's start (after a rule "-----"), or a cell separator of a header row flattened into
# one line ("CHÍNH PHỦ _ Số: 172/2025/NĐ-CP | CỘNG HÒA …")
_CELL = r"(?:^[-–=]*|(?<=[|_])[ \t]+)"
_HEADER = re.compile(
    r"(?m)" + _CELL + _MARK + r"(?P<word>(?:Bộ\s+luật|Luật|LUẬT|Pháp\s+lệnh|Lệnh|Nghị\s+quyết|NGHỊ\s+QUYẾT)\s+)?" + structure("number_label") + _MARK + r"(?P<num>\d+[a-zA-Z]?)" + SYMBOL_REQUIRED
    # a header stands alone on its line or table cell, or before the place-and-date line
    + r"(?=[ \t*]*(?:\||\n|$)|(?(word)(?!)|[ \t]+[^\n,]{2,30},\s*(?:ngày|NGÀY)\s*\d))"
)
_DATE_LINE = re.compile(r"(?:ngày|Ngày|NGÀY)\s*" + DATE, re.IGNORECASE)
# the header's place-and-date line ("Hà Nội, ngày 17 tháng 11 năm 2025"), not a date in the body
_PLACE_DATE = re.compile(r"(?m)^[\s*_|#]*(?:[^\W\d_][^\n,|:;]{1,40},\s*)?(?:ngày|Ngày|NGÀY)\s*" + DATE, re.IGNORECASE)
_META_DATE = re.compile(structure("site_date") + _MARK + DATE, re.IGNORECASE)
_META_ISSUER = re.compile(structure("site_issuer") + _MARK + r"(?P<body>[^\n|*]{3,120})", re.IGNORECASE)
# header cells that are not the issuer: the national name and motto, the Party banner, rules
_SKIP_HEADER = re.compile("|".join(structure(p) for p in ("national_name", "motto", "party_banner", "rule_line")), re.IGNORECASE)


def _upper_line(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


# what only a document's own body has: a preamble, an enacting formula, articles, a salutation, the
# national motto or the Party banner, recipients, a "V/v" subject line, a signature block
_BODY_MARKS = re.compile(
    r"(?m)^[\s*#|_>]*(?:" + "|".join(structure(p) for p in ("basis_law", "salutation", "first_article", "enacting", "recipients", "subject_line",
                                                           "signature", "national_name", "party_banner"))
    + "|" + structure("motto") + r"\s*-\s*Tự\s+do)",
)
_TITLE_LINE = re.compile(r"[\s*#_>|]*(?P<type>[^\W\d_][^\d\n]{1,30}?)\s+(?:(?:số|Số|SỐ)\s*:?\s*)?(?P<num>\d+[a-zA-Z]?)" + SYMBOL_REQUIRED)
# a header whose number is blank or unreadable: "Số: /QĐ-UBND", "Số:      /2025/QĐ-UBND", "Số: …/KH-UBND", an OCR'd
# "Số: 5Ï/TCT-TTKT" (a number with a letter no number carries); alone on its line or before the place-and-date line
_BLANK_HEADER = re.compile(
    r"(?m)" + _CELL + _MARK + structure("number_label") + r"[ \t.…_*-]*(?:\d*[^\W\d_a-zA-Z]\d*)?(?P<sym>/(?:\d{4}/)?[A-ZĐƯa-zđư][A-Za-zĐđƯư0-9]*(?:[-/][A-ZĐƯa-zđư][A-Za-zĐđƯư0-9]*)*)"
    r"(?=[ \t*]*(?:\||\n|$)|[ \t]+[^\n,]{2,30},\s*(?:ngày|NGÀY)\b)"
)
# what says a header's document is a letter: a Công văn has no type word; its "V/v …" subject line stands under
# its number, and it is addressed ("Kính gửi: …") (Nghị định 30/2020/NĐ-CP, Phụ lục I, ô 5b)
_SUBJECT_BELOW = re.compile(r"(?m)^[\s*_|>]*" + structure("subject_line"))
_SALUTATION = re.compile(r"(?m)^[\s*_|>]*" + structure("salutation"))
LETTER = "Công văn"


def find_identity(doc: Document, found: Findings) -> Findings:
    """Finder 2: the text's own identity (None for reports and articles), and its mentions of itself
    marked ``self=True`` with its key."""
    document = _identity(doc, found.mentions)
    return replace(found, document=document, mentions=mark_self(document, found.mentions))


def _identity(doc: Document, mentions: list[Mention]) -> Ref | None:
    """The ingested document's own identity, or None for reports and articles: its "Số: …" header
    (a table cell, a site's "Số hiệu" field, an OCR-damaged "s6:1187/OD-BTC"), else a first line
    naming a document when the body below is that document's ("Công văn số 512/CV-BCĐ …" over
    "V/v …", "Kính gửi …"), else the document its own annex heading names ("(Ban hành kèm theo Nghị quyết số
    1339/NQ-UBTVQH15 ngày … của …)" after its articles, in a copy without the header), else a body whose number
    is blank or unreadable (number None)."""
    text = doc.text
    head = text[:HEAD_CHARS]
    return _numbered_header(doc, head) or _title_line(doc, head, mentions) or _annexed(doc, head, mentions) or _unnumbered(doc, head)


def _doc_type(sym_type: str | None, word: str | None, after: str, sym_code: str | None) -> str | None:
    """Type: the symbol's code, else the header's word, refined by an upper-case title word below; a
    header with neither over a "V/v" subject line or a salutation is a letter (Công văn), and so is a header
    without type word or title over a "V/v" line, whatever its symbol's code."""
    doc_type = sym_type
    words = type_by_word()
    if doc_type is None and word:
        doc_type = words.get(" ".join(word.split()).casefold())
    title_word = _title_word(after)
    if title_word and (doc_type is None or (sym_code and title_word in types_for_code(sym_code))):
        doc_type = title_word
    if doc_type is None and (_SUBJECT_BELOW.search(after[:400]) or _SALUTATION.search(after[:1500])):
        doc_type = LETTER
    elif not word and not title_word and _SUBJECT_BELOW.search(after[:400]):
        # only a letter carries a "V/v" subject line under its number: "Số: 5680/CT-CS" over "V/v thuế TNCN …" is
        # a Cục Thuế letter whose issuer code (CT, Cục Thuế) reads like a Chỉ thị's type code
        doc_type = LETTER
    return doc_type


def _title_word(after: str) -> str | None:
    words = type_by_word()
    for line in after.split("\n")[:30]:
        cand = line.strip(" |*#_").strip()
        if cand and _upper_line(cand):
            w = cand.split("CỦA")[0].strip(" *_").casefold()
            if w in words:
                return words[w]
    return None


def _numbered_header(doc: Document, head: str) -> Ref | None:
    text, ocr = doc.text, doc.ocr
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
    doc_type = _doc_type(sym.type_name, m.group("word"), after, sym.type_code)
    if doc_type is None:
        return None
    ref = Ref(doc_type=doc_type, number=num, symbol=sym.canonical, year=sym.year, system=sym.system, key=make_key(num, sym))
    return replace(ref, **_date_and_issuer(sym.year, head, m.start(), after, state=sym.system == "state"))


def _date_and_issuer(year: int | None, head: str, at: int, after: str, state: bool = False) -> dict[str, Any]:
    """The header's date (and the year it gives a document whose symbol has none) and issuer, as fields of a ``Ref``
    (``state``: a State document, whose header names the issuing body under its parent body)."""
    out: dict[str, Any] = {}
    dm = _PLACE_DATE.search(after[:600]) or _META_DATE.search(head)
    if dm:
        out["date"] = iso_from_match(dm)
        if out["date"] and year is None:
            out["year"] = int(out["date"][:4])
    # issuer: the upper-case block above the number, else the site's "Nơi ban hành" field
    # header tables put the issuer and the national motto side by side: look at cells
    cells: list[str] = []
    for line in head[:at].split("\n")[-12:]:
        for c in line.split("|"):
            banner = _SKIP_HEADER.search(c)
            if banner and banner.start() > 0 and c[: banner.start()].strip():
                c = c[: banner.start()]  # two columns read as one line: "BỘ TÀI CHÍNH CỘNG HOÀ XÃ HỘI …"
            cells.append(c.strip(" *#\t-–_="))
    block: list[str] = []
    for cand in reversed(cells):
        if not cand:
            continue
        if _upper_line(cand) and not _SKIP_HEADER.search(cand):
            block.insert(0, cand)
        elif block and not _SKIP_HEADER.search(cand):
            break
    if block:
        out["issuer"] = " ".join(" ".join(block[_issuing_line(block) if state else 0 :]).replace("*", " ").replace("_", " ").split())
    else:
        im = _META_ISSUER.search(head)
        out["issuer"] = im.group("body").strip() if im else _enacting_body(after)
    return out


def _issuing_line(block: list[str]) -> int:
    """Where the issuing body begins in a header's upper-case lines: a later line opening with a body's head word
    names the issuer under its parent body ("BỘ TÀI CHÍNH" over "CỤC THUẾ", "UBND TỈNH ĐỒNG NAI" over "SỞ Y TẾ");
    a line that does not ("TỈNH LÀO CAI" under "ỦY BAN NHÂN DÂN") continues the name above."""
    lex = lexicon()
    for i in range(len(block) - 1, 0, -1):
        hm = lex["heads_any_case"].match(block[i].strip(" *_"))
        if hm and " ".join(hm.group(0).split()).casefold() not in lex["header_continuations"]:
            return i
    return 0


# what ends the lines below a title: the preamble, the salutation, the subject line, the enacting words, the first article
_BELOW_TITLE_END = re.compile("|".join(structure(p) for p in ("basis", "salutation", "subject_line", "enacting", "first_section")))


def _enacting_body(after: str) -> str | None:
    """The upper-case line naming the enacting body below the title ("ỦY BAN NHÂN DÂN TỈNH BẮC NINH",
    "BAN CHỈ ĐẠO") before the preamble, the salutation or the subject line."""
    heads = lexicon()["heads_any_case"]
    for line in after.split("\n")[:12]:
        cand = line.strip(" |*#_").strip()
        if _BELOW_TITLE_END.match(cand):
            return None
        if cand and _upper_line(cand) and not _SKIP_HEADER.search(cand) and cand.casefold() not in type_by_word() \
                and heads.match(cand) and len(cand.split()) <= 12:
            return cand
    return None


def _title_line(doc: Document, head: str, mentions: list[Mention]) -> Ref | None:
    """The text opens by naming one document ("Công văn số 512/CV-BCĐ ngày … V/v …", "QUYẾT ĐỊNH
    1907/QĐ-UBND NĂM 2025 VỀ …") and its body follows."""
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", head[:2000]) if m.group(0).strip(" *#_|-")][:3]
    for lo, hi in lines:
        tm = _TITLE_LINE.match(head, lo, hi)
        if not tm:
            continue
        word = " ".join(tm.group("type").split()).casefold()
        men = next((x for x in mentions if lo <= x.start < hi and x.form == "full" and x.key), None)
        if word not in type_by_word() or men is None or not _BODY_MARKS.search(head, hi, min(len(head), hi + 4000)):
            continue
        ref = Ref(doc_type=men.doc_type, number=men.number, symbol=men.symbol, year=men.year, system=men.system, key=men.key,
                  date=men.date, issuer=men.issuer)
        if ref.issuer is None:
            fields = _date_and_issuer(men.year, head, lo, head[hi : hi + 1500])
            ref = replace(ref, **{**fields, "date": men.date or fields.get("date", ref.date)})
        return ref
    return None


_BANNER = re.compile(r"[\s*#|_>]*(?:" + "|".join(structure(p) for p in ("national_name", "motto", "party_banner")) + ")")


_ANNEX_BEFORE = re.compile(structure("annex_heading") + r"[\s*_]*$")
_ENACTED = re.compile(r"(?m)^[\s*#|_>]*(?:" + "|".join(structure(p) for p in ("article", "signature", "recipients")) + ")")


def _annexed(doc: Document, head: str, mentions: list[Mention]) -> Ref | None:
    """A copy without its header whose only statement of its own number is the heading of its annex, after
    its articles or signature (the layout standard puts "(Kèm theo <loại> số … ngày … của …)" under an
    annex's title): the document the heading names, when it is of the type the text's title line gives."""
    text = doc.text
    for m in mentions:
        if m.form != "full" or not m.key or not _ANNEX_BEFORE.search(text, max(0, m.start - 60), m.start):
            continue
        body = _ENACTED.search(text, 0, m.start)
        if body is None or _title_word(head[: body.start()]) != m.doc_type or _prose_before(head, _first_title_pos(head, min(body.start(), len(head)))):
            continue
        return Ref(doc_type=m.doc_type, number=m.number, symbol=m.symbol, year=m.year, system=m.system, key=m.key, date=m.date,
                   issuer=m.issuer)
    return None


_PROSE = re.compile(r"(?m)^(?=[^\n|]*[a-zà-ỹđ])(?=[^\n|]*[.?!:](?:\s|$))[^\n|]{120,}$|^#\s")


def _prose_before(head: str, pos: int) -> bool:
    """Does running prose (a line of over 120 characters with lower-case words and a sentence's end, not a header
    cell or a title; or a site article's "# " heading) stand before
    ``pos``? The layout standard puts a document's header and title at its top; a header or title after an
    article's prose belongs to a document the article quotes or offers as a template."""
    return _PROSE.search(head, 0, pos) is not None


def _unnumbered(doc: Document, head: str) -> Ref | None:
    """A document body whose number is blank or unreadable: "Số: /QĐ-UBND", or no header at all
    but an upper-case title word ("QUYẾT ĐỊNH") over a preamble and articles."""
    bm = _BLANK_HEADER.search(head)
    if bm and _prose_before(head, bm.start()):
        return None  # a template or a document quoted in an article ("Mẫu quyết định … dưới đây:")
    if bm:
        sym = parse_symbol(bm.group("sym"), doc.ocr)
        after = head[bm.end() : bm.end() + 1500]
        doc_type = _doc_type(sym.type_name if sym else None, None, after, sym.type_code if sym else None)
        if doc_type is None:
            return None
        return Ref(doc_type=doc_type, number=None, symbol=sym.canonical if sym else None, system=sym.system if sym else None,  # type: ignore[arg-type]
                   **_date_and_issuer(None, head, bm.start(), after, state=sym is not None and sym.system == "state"))
    marks = list(_BODY_MARKS.finditer(head[:6000]))
    strong = [m for m in marks if not _BANNER.match(m.group(0))]
    if len(strong) < 2:
        return None
    title = _title_word(head[: strong[0].start()])
    if title is None or _prose_before(head, _first_title_pos(head, strong[0].start())):
        return None
    return Ref(doc_type=title, number=None,  # type: ignore[arg-type]
               **_date_and_issuer(None, head, _first_title_pos(head, strong[0].start()), head[: strong[0].start() + 600]))


def _first_title_pos(head: str, limit: int) -> int:
    words = type_by_word()
    pos = 0
    for m in re.finditer(r"[^\n]+", head[:limit]):
        cand = m.group(0).strip(" |*#_").strip()
        if cand and _upper_line(cand) and cand.split("CỦA")[0].strip(" *_").casefold() in words:
            return m.start()
        pos = m.end()
    return pos


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
