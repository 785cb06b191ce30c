"""Finder 2 (``pipeline.find.FINDERS``): the identity of a text that is itself a directive.

Its "Số: 04/2015/NĐ-CP" / "Số 212-KL/TW" header (or a legal site's "Số hiệu:" field),
the date line ("Hà Nội, ngày 18 tháng 11 năm 2025"), the issuing body (the upper-case
header block, or "Nơi ban hành:") and the type (the symbol's code, else the title line).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from typing import Any

from ..keys import SYMBOL_REQUIRED, make_key, number_key
from ..records import Findings, Mention, Ref
from ..tables import load, type_by_word, types_for_code
from ..text import Document
from ..text.skeleton import has_marks, restore_marks, skeleton, skeleton_pattern
from .dates import DATE, iso_from_match
from .lexicon import LETTER, lexicon, structure, type_word_pattern
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


def find_identity(doc: Document, found: Findings) -> Findings:
    """Finder 2: the text's own identity (None for reports and articles), with its trích yếu when its heading gives
    one, and its mentions of itself marked ``self=True`` with its key."""
    document = _identity(doc, found.mentions)
    if document is not None and not document.title:
        heading = _heading_title(readable(doc.text[:HEAD_CHARS]), doc.text[:HEAD_CHARS], document)
        document = replace(document, title=heading) if heading else document
    return replace(found, document=document, mentions=mark_self(document, found.mentions))


def _identity(doc: Document, mentions: list[Mention]) -> Ref | None:
    """The ingested document's own identity, or None for reports and articles: its "Số: …" header
    (a table cell, a site's "Số hiệu" field, an OCR-damaged "s6:1187/OD-BTC"), else a first line
    naming a document when the body below is that document's ("Công văn số 512/CV-BCĐ …" over
    "V/v …", "Kính gửi …"), else the document its own annex heading names ("(Ban hành kèm theo Nghị quyết số
    1339/NQ-UBTVQH15 ngày … của …)" after its articles, in a copy without the header), else a body whose number
    is blank or unreadable (number None)."""
    text = readable(doc.text)
    head = text[:HEAD_CHARS]
    return (_numbered_header(text, doc.ocr, head) or _title_line(head, mentions) or _annexed(text, head, mentions)
            or _unnumbered(text, doc.ocr, head) or _letter_body(text, head, mentions, doc.ocr))


FOOT_CHARS = 4000  # a document's foot: its closing formula, recipients and signature


@cache
def _layout_vocabulary() -> tuple[tuple[str, ...], re.Pattern[str], re.Pattern[str], dict[str, str]]:
    table = structure_table()["layout_words"]
    words = tuple(table["words"]) + tuple(w for w in type_by_word() if w != "văn bản")
    label = re.compile(r"(?m)^([\s*#|_>]*)(" + table["number_label_damaged"] + r")(?=\s*[:;.,]?\s*(?:\d|/|…|\.\.))")
    dates = re.compile(r"(?<![^\W\d_])(ngay|ngav)(?=\s*\d)|(?<=\d)(\s+)(thang)(?=\s*\d)|(?<=\d)(\s*,?\s+)(nam)(?=\s*(?:19|20)\d\d)")
    return words, label, dates, table["date_words"]


def _restore(part: str) -> str:
    words, label, dates, date_words = _layout_vocabulary()
    skel = skeleton(part)
    out = list(part)
    for m in label.finditer(skel):
        lo, hi = m.span(2)
        written = part[lo:hi]
        if written not in ("Số", "SỐ", "số") and (written[0] in "S$" or written[1] == "6"):  # "So:", "Sô:", "$6:", "s6:" (OCR)
            out[lo:hi] = "SỐ" if written[1].isupper() else "Số"
    part = restore_marks("".join(out), words)
    skel = skeleton(part)
    out = list(part)
    for m in dates.finditer(skel):
        for g in (1, 3, 5):
            lo, hi = m.span(g)
            if lo < 0 or has_marks(part[lo:hi]):
                continue
            written = part[lo:hi]
            out[lo:hi] = "".join(c.upper() if w.isupper() else c for c, w in zip(date_words[m.group(g)], written, strict=True))
    return "".join(out)


def readable(text: str) -> str:
    """The text with its head and foot readable like the printed original (same length): the layout's words a
    damaged or unmarked header writes without marks given back ("QUYET DINH", "So: 12/QD-UBND", "ngay22 thang 3 nam
    2025"; ``data/structure.json`` ``layout_words``)."""
    if len(text) <= HEAD_CHARS + FOOT_CHARS:
        return _restore(text)
    return _restore(text[:HEAD_CHARS]) + text[HEAD_CHARS:-FOOT_CHARS] + _restore(text[-FOOT_CHARS:])


@cache
def structure_table() -> dict:
    return load("structure")


def _doc_type(sym_type: str | None, word: str | None, after: str, sym_code: str | None) -> str | None:
    """Type: the symbol's code, else the header's word, refined by an upper-case title word below; a
    header with neither over a "V/v" subject line or a salutation is a letter (Công văn), and so is a header
    without type word or title over a "V/v" line, whatever its symbol's code."""
    doc_type = sym_type
    words = type_by_word()
    if doc_type is None and word:
        doc_type = words.get(" ".join(word.split()).casefold())
    title_word = _title_word(after, any_case=True)
    if title_word and (doc_type is None or (sym_code and title_word in types_for_code(sym_code))):
        doc_type = title_word
    if doc_type is None and (_SUBJECT_BELOW.search(after[:400]) or _SALUTATION.search(after[:1500])):
        doc_type = LETTER
    elif not word and not title_word and _SUBJECT_BELOW.search(after[:400]):
        # only a letter carries a "V/v" subject line under its number: "Số: 5680/CT-CS" over "V/v thuế TNCN …" is
        # a Cục Thuế letter whose issuer code (CT, Cục Thuế) reads like a Chỉ thị's type code
        doc_type = LETTER
    return doc_type


def _title_word(after: str, any_case: bool = False) -> str | None:
    """The type the title line gives (an upper-case line that is a type word: "QUYẾT ĐỊNH", "KẾ HOẠCH CỦA …");
    ``any_case``: also a title in sentence case, alone or joined to its subject ("Quyết định về việc …"), among the
    first content lines (``_any_case_title``)."""
    hit = _title_at(after, len(after), any_case)
    return hit[1] if hit else None


@cache
def _folded_types() -> tuple[tuple[str, str], ...]:
    return tuple(sorted(((" ".join(skeleton(w).split()), name) for w, name in type_by_word().items() if w != "văn bản"),
                        key=lambda x: -len(x[0])))


_CONTENT = re.compile(r"[^\W_]")
_SENTENCE_INSIDE = re.compile(r"[.!?]\s+[A-ZĐÀ-Ỹ]")


def _any_case_title(cand: str) -> str | None:
    """The type of a title line written in any case ("Quyết định", "Kế hoạch triển khai …", "NGHI QUYET"): the line
    opens with a type word that is not followed by a number (that is a citation), and is a title, not a sentence
    (short, no sentence or clause break inside)."""
    if len(cand) > 400 or _SENTENCE_INSIDE.search(cand.rstrip(" .:;")) or cand.rstrip(" *_").endswith("?"):
        return None  # a sentence, or a site's question headline ("Đề án tiền lương … được xây dựng khi nào?")
    sk = " ".join(skeleton(cand).strip(" *_#|").split())
    for fw, name in _folded_types():
        if sk == fw or (sk.startswith(fw + " ") and not re.match(r"(?:so\b|\d|nay\b|cua\b|nam\s+\d)", sk[len(fw) + 1 :])):
            return name
    return None


def _title_at(region: str, limit: int, any_case: bool = False) -> tuple[int, str] | None:
    """Where the title line of ``region`` (before ``limit``) starts, and the type it gives: an upper-case type word
    among its first 30 content lines, or (``any_case``) its first content line past the header's own lines (banner,
    number, place and date) when that line is a title in any case."""
    words = type_by_word()
    content = 0
    for m in re.finditer(r"[^\n]+", region[:limit]):
        cand = m.group(0).strip(" |*#_").strip()
        if not cand or not _CONTENT.search(cand):
            continue
        if _upper_line(cand):
            w = cand.split("CỦA")[0].strip(" *_").casefold()
            if w in words:
                return m.start(), words[w]
        if _SKIP_HEADER.search(cand) or _PLACE_DATE.match(cand) or _HEADER.match(cand) or _BLANK_HEADER.match(cand):
            continue
        if any_case and content == 0 and not m.group(0).lstrip(" |*_").startswith("#"):  # a site's "# …" heading is an article's
            name = _any_case_title(cand)
            if name:
                return m.start(), name
        content += 1
        if content >= 30:
            break
    return None


def _numbered_header(text: str, ocr: bool, head: str) -> Ref | None:
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


#: the longest trích yếu taken from a heading, in characters and in lines
MAX_HEADING_TITLE = 600
MAX_HEADING_LINES = 8


@cache
def _type_word_at(doc_type: str | None) -> re.Pattern[str]:
    """A line opening with the words of ``doc_type`` (None: of any type), after layout marks; with any type, the word
    must be followed by more of the line (a title run on into its heading)."""
    words = [w for w, t in type_by_word().items() if doc_type is None or t == doc_type]
    words = sorted(set(words) | ({doc_type.casefold()} if doc_type else set()), key=len, reverse=True)
    tail = r"\s+(?=\S)" if doc_type is None else r"(?![^\W\d_])"
    return re.compile(r"[\s|*#_]*(?:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in words) + r")" + tail, re.IGNORECASE)


def _joined_title(head: str) -> tuple[int, str] | None:
    """A title line that runs on into its heading on one line, as text drawn from a layout often has it
    ("KẾ HOẠCH   THỰC HIỆN QUYẾT ĐỊNH SỐ 1899/QĐ-TTG …", "KẾ HOẠCH thực hiện Nghị quyết …"): a line that opens with a type
    word in capitals."""
    words = type_by_word()
    for m in re.finditer(r"[^\n]+", head[:6000]):
        cand = m.group(0).strip(" |*#_").strip()
        o = _type_word_at(None).match(m.group(0))
        if o and _upper_line(o.group(0).strip(" |*#_")) and len(cand.split()) >= 4:  # "KẾ HOẠCH thực hiện …" too
            return m.start(), words[" ".join(o.group(0).strip(" |*#_").split()).casefold()]
    return None


def _heading_title(head: str, original: str, document: Ref) -> str | None:
    """The document's trích yếu as its own heading gives it (Nghị định 30/2020/NĐ-CP, Phụ lục I, ô 5a/5b): the lines
    under the title line ("QUYẾT ĐỊNH" / "Ban hành Quy chế …"; or the rest of that line: "KẾ HOẠCH thực hiện …",
    "Quyết định về việc …"), or a letter's subject line ("V/v …"), up to a blank line, the enacting body, the
    preamble, the salutation or the first article. Found on the ``readable`` head, copied from the ``original``
    (the same offsets), so a restored layout word never changes the title's own words."""

    def end_of_line(pos: int) -> int:
        end = head.find("\n", pos)
        return end if end >= 0 else len(head)

    subject = _SUBJECT_BELOW.search(head[:3000])
    if subject:
        spans = [(subject.end(), end_of_line(subject.end()))]
    else:
        at = _title_at(head, min(len(head), 6000), any_case=True) or _joined_title(head)
        if at is None:
            return None
        word = _type_word_at(at[1]).match(head, at[0], end_of_line(at[0]))
        spans = [(word.end() if word else end_of_line(at[0]), end_of_line(at[0]))]
    heads = lexicon()["heads_any_case"]

    def shown(spans: list[tuple[int, int]], text: str) -> str:
        return " ".join(" ".join(text[lo:hi].strip(" |*#_:").split()) for lo, hi in spans).strip(" .;:,-|*#_")

    started = bool(shown(spans, head))
    blank = False
    pos = spans[0][1] + 1
    while pos < len(head):
        hi = end_of_line(pos)
        cand = head[pos:hi].strip(" |*#_>").strip()
        lo, pos = pos, hi + 1
        if not cand:
            blank = started
            continue
        if (_BELOW_TITLE_END.match(cand) or re.fullmatch(r"[-–—_=.\s]+", cand) or _SKIP_HEADER.search(cand)
                or _PLACE_DATE.match(cand) or _HEADER.match(cand)):
            break
        so_far = shown(spans, head)
        upper = bool(so_far) and _upper_line(so_far)
        dangling = re.search(r"(?i)\b(?:của|và|do|về|tại|cho|với)\s*$", so_far) is not None
        body = heads.match(cand) and not re.match(r"(?i)ban\s+hành", cand) and len(cand.split()) <= 12
        if started and not dangling and (body or (upper and not _upper_line(cand)) or (blank and not (upper and _upper_line(cand)))):
            break  # the enacting body, prose after an upper-case heading, or a new block
        spans.append((lo, hi))
        started, blank = True, False
        if len(spans) > MAX_HEADING_LINES:
            return None  # not a heading: prose
    title = re.sub(r"^[Vv]/[Vv]\s*[:.]?\s*", "", shown(spans, original))
    if len(title.split()) < 3 or len(title) > MAX_HEADING_TITLE:
        return None
    return title


def _enacting_body(after: str) -> str | None:
    """The line naming the enacting body below the title ("ỦY BAN NHÂN DÂN TỈNH BẮC NINH", "BAN CHỈ ĐẠO", in
    sentence case "Ủy ban nhân dân tỉnh Hà Nam") before the preamble, the salutation or the subject line."""
    heads = lexicon()["heads_any_case"]
    for line in after.split("\n")[:12]:
        cand = line.strip(" |*#_").strip()
        if _BELOW_TITLE_END.match(cand):
            return None
        if cand and not _SKIP_HEADER.search(cand) and cand.casefold() not in type_by_word() and heads.match(cand) \
                and len(cand.split()) <= 12 and (_upper_line(cand) or not _SENTENCE_INSIDE.search(cand.rstrip(" .;:"))):
            return cand
    return None


def _title_line(head: str, mentions: list[Mention]) -> Ref | None:
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
# the same, read on the skeleton: whatever the case, with or without marks ("Quyết định:", "CAN CU", "Noi nhan")
_BODY_MARKS_ANY = re.compile(skeleton_pattern(_BODY_MARKS.pattern))
_BANNER_ANY = re.compile(skeleton_pattern(_BANNER.pattern))


_ANNEX_BEFORE = re.compile(structure("annex_heading") + r"[\s*_]*$")
_ENACTED = re.compile(r"(?m)^[\s*#|_>]*(?:" + "|".join(structure(p) for p in ("article", "signature", "recipients")) + ")")


def _annexed(text: str, head: str, mentions: list[Mention]) -> Ref | None:
    """A copy without its header whose only statement of its own number is the heading of its annex, after
    its articles or signature (the layout standard puts "(Kèm theo <loại> số … ngày … của …)" under an
    annex's title): the document the heading names, when it is of the type the text's title line gives."""
    for m in mentions:
        if m.form != "full" or not m.key or not _ANNEX_BEFORE.search(text, max(0, m.start - 60), m.start):
            continue
        body = _ENACTED.search(text, 0, m.start)
        title = _title_at(head, min(body.start(), len(head)), any_case=True) if body is not None else None
        if title is None or title[1] != m.doc_type or _prose_before(head, title[0]):
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


def _unnumbered(text: str, ocr: bool, head: str) -> Ref | None:
    """A document body whose number is blank or unreadable: "Số: /QĐ-UBND", or no header at all
    but an upper-case title word ("QUYẾT ĐỊNH") over a preamble and articles."""
    bm = _BLANK_HEADER.search(head)
    if bm and _prose_before(head, bm.start()):
        return None  # a template or a document quoted in an article ("Mẫu quyết định … dưới đây:")
    if bm:
        sym = parse_symbol(bm.group("sym"), ocr)
        after = head[bm.end() : bm.end() + 1500]
        doc_type = _doc_type(sym.type_name if sym else None, None, after, sym.type_code if sym else None)
        if doc_type is None:
            return None
        return Ref(doc_type=doc_type, number=None, symbol=sym.canonical if sym else None, system=sym.system if sym else None,  # type: ignore[arg-type]
                   **_date_and_issuer(None, head, bm.start(), after, state=sym is not None and sym.system == "state"))
    strong = _strong_marks(head, 0, min(len(head), 6000))
    foot_at = max(len(text) - FOOT_CHARS, min(len(head), 6000))
    if len(strong) + len(_strong_marks(text, foot_at, len(text))) < 2:
        return None
    hit = _title_at(head, strong[0] if strong else min(len(head), 3000), any_case=True)
    if hit is None or _prose_before(head, hit[0]):
        return None
    fields = _date_and_issuer(None, head, hit[0], head[hit[0] : (strong[0] if strong else hit[0] + 1500) + 600])
    # the date is the header's place-and-date line, above the title (a body's "Ngày 29 tháng 11 năm 2025, …" is an event)
    dm = _PLACE_DATE.search(head, 0, hit[0])
    fields["date"] = iso_from_match(dm) if dm else None
    if not fields.get("issuer"):
        body_at = _ARTICLE_OR_SECTION.search(head, hit[0])
        fields["issuer"] = _enacting_sentence(head, hit[0], body_at.start() if body_at else min(len(head), hit[0] + 6000)) \
            or _signing_body(text)
    return Ref(doc_type=hit[1], number=None, **fields)  # type: ignore[arg-type]


_SALUTATION_ANY = re.compile(r"[\s*#|_>-]*" + skeleton_pattern(structure("salutation")))
_FOOT_MARKS_ANY = re.compile(r"(?m)^[\s*#|_>]*" + skeleton_pattern("(?:" + "|".join(structure(p) for p in ("recipients", "signature")) + ")"))
# an annex heading naming the letter it is attached to: "(Kèm theo Công văn số 6386/BVHTTDL-KHCNĐTMT ngày …)", or with its
# number left blank "(kèm theo văn bản số: /UBND-NNMT ngày tháng năm 2025 của UBND Thành phố)"
_LETTER_ANNEX = re.compile(
    r"\(\s*(?:[Bb]an\s+hành\s+)?[Kk]èm\s+theo\s+(?:[Cc]ông\s+văn|[Vv]ăn\s+bản)\s+số\s*:?\s*(?P<num>\d+[a-zA-Z]?)?\s*"
    r"(?P<sym>/[A-ZĐƯa-zđư0-9][A-Za-zĐđƯư0-9]*(?:[-/][A-ZĐƯa-zđư0-9][A-Za-zĐđƯư0-9]*)*)?"
    r"(?P<rest>[^)]{0,200})\)"
)
_OF_BODY = re.compile(r"\s+của\s+(?P<body>[^)]{3,120})$")
_YEAR_OF = re.compile(r"năm\s+(?P<y>(?:19|20)\d{2})")


def _letter_body(text: str, head: str, mentions: list[Mention], ocr: bool) -> Ref | None:
    """A letter whose header is gone: its text opens with the salutation ("Kính gửi: …") among its first lines and
    closes with the parts of a letter's foot (recipients, a signature), the layout of a công văn (Nghị định
    30/2020/NĐ-CP, Phụ lục I). A Công văn without number, unless its annex heading gives it ("(Kèm theo Công văn số
    … ngày … của …)"); its issuer from that heading, else from its own sentences ("UBND Thành phố yêu cầu …", the
    ``letter_subject`` table), else from its signature."""
    skel = skeleton(head[:1500])
    content = [m for m in re.finditer(r"[^\n]+", skel) if _CONTENT.search(m.group(0))][:3]
    sal = next((m for m in content if _SALUTATION_ANY.match(m.group(0))), None)
    if sal is None or _prose_before(head, sal.start()):
        return None
    if not _FOOT_MARKS_ANY.search(skeleton(text[sal.end() :])):  # its foot may stand before an annex
        return None
    ref = Ref(doc_type=LETTER, number=None)  # type: ignore[arg-type]
    for am in _LETTER_ANNEX.finditer(text, sal.end()):
        sym = parse_symbol(am.group("sym"), ocr) if am.group("sym") else None
        men = next((x for x in mentions if am.start() <= x.start < am.end() and x.form == "full" and x.key), None)
        if men is not None:
            ref = Ref(doc_type=LETTER, number=men.number, symbol=men.symbol, year=men.year, system=men.system, key=men.key,
                      date=men.date, issuer=men.issuer)
        elif sym is not None:
            ym = _YEAR_OF.search(am.group("rest"))
            ref = Ref(doc_type=LETTER, number=None, symbol=sym.canonical, system=sym.system,  # type: ignore[arg-type]
                      year=int(ym.group("y")) if ym else None)
        of = _OF_BODY.search(am.group("rest").strip())
        if of and not ref.issuer:
            ref = replace(ref, issuer=" ".join(of.group("body").split()))
        break
    if not ref.issuer:
        ref = replace(ref, issuer=_letter_subject(text, sal.end()) or _signing_body(text))
    return ref


@cache
def _letter_subject_pattern() -> re.Pattern[str]:
    table = load("structure")["letter_subject"]
    heads = lexicon()["heads"].pattern
    verbs = "|".join(r"\s+".join(map(re.escape, v.split())) for v in sorted(table["verbs"], key=len, reverse=True))
    # a body at the start of a sentence or clause, its name in capitals and lower-case words (at most 8 words)
    return re.compile(r"(?:^|(?<=[.;:,])[ \t]*)(?P<body>" + heads + r"(?:[ \t]+[^\s,.;:()\-–]+){0,7}?)[ \t]+(?:" + verbs + r")(?![^\W\d_])",
                      re.MULTILINE)


def _letter_subject(text: str, start: int) -> str | None:
    """The body a letter speaks as: the first sentence or clause opening with a body before a letter's verb."""
    m = _letter_subject_pattern().search(text, start, min(len(text), start + 6000))
    if m is None:
        m = _letter_subject_pattern().search(text, max(start, len(text) - FOOT_CHARS))
    return " ".join(m.group("body").split()) if m else None


_PURPOSE_ANY = re.compile(r"(?m)^[\s*#|_>]*" + skeleton_pattern(structure("purpose")))
_ARTICLE_OR_SECTION = re.compile(r"(?m)^[\s*#|_>]*(?:" + structure("first_section") + ")")


def _strong_marks(text: str, lo: int, hi: int) -> list[int]:
    """Where the parts only a document's own body has begin (a preamble, an enacting formula, articles, a
    salutation, recipients, a subject line, a signature: not the banner), read in any case and with or without
    marks."""
    lo = text.rfind("\n", 0, lo) + 1  # a part stands at a line's start
    skel = skeleton(text[lo:hi])
    marks = [lo + m.start() for m in _BODY_MARKS_ANY.finditer(skel) if not _BANNER_ANY.match(skel, m.start())]
    # a plan's purpose section ("I. MỤC ĐÍCH, YÊU CẦU") and the enacting sentence ("… Ủy ban nhân dân tỉnh ban hành Kế hoạch …")
    marks += [lo + m.start() for m in _PURPOSE_ANY.finditer(skel)]
    marks += [m.start() for m in _enacting_pattern().finditer(text, lo, hi)]
    return sorted(marks)


# a signature block's collective body: "TM. ỦY BAN NHÂN DÂN", "T/M BAN THƯỜNG VỤ", "TM. CHÍNH PHỦ"
_SIGNING_BODY = re.compile(r"(?m)^[\s*#|_>]*(?:tm|t/m|thay\s+mat)\s*[.:]?\s+(?P<body>[^\W\d_][^\n|*]{2,80})")


@cache
def _signer_title() -> re.Pattern[str]:
    titles = sorted(load("structure")["signer_titles"]["titles"], key=len, reverse=True)
    return re.compile(r"\s(?:(?:KT|TL|TUQ|Q|K/T)\s*[.:]?\s|(?:" + "|".join(r"\s+".join(map(re.escape, t.split())) for t in titles) + r")(?![^\W\d_]))",
                      re.IGNORECASE)


@cache
def _enacting_pattern() -> re.Pattern[str]:
    types = type_word_pattern()
    # its own enacting sentence never gives its own number: "ban hành Nghị quyết 406/NQ-CP" is a citation
    verbs = "|".join(r"\s+".join(map(re.escape, v.split())).replace(":", r"\s*:").replace("<type>", "(?i:" + types + r")(?!\s*(?:số\s*)?\d)")
                     for v in load("structure")["enacting_sentence"]["verbs"])
    heads = lexicon()["heads"].pattern
    # present tense: "đã ký ban hành", "vừa ban hành" report an act, they do not perform it
    word = r"(?![ \t]+(?:đã|vừa|sẽ|ký|mới)(?![^\W\d_]))[ \t]+[^\s,.;:()\-–]+"
    return re.compile(r"(?m)(?:^|(?<=[;,]))[\s*_]*(?P<body>" + heads + r"(?:" + word + r"){0,10}?)[ \t]+(?:" + verbs + r")(?![^\W\d_])")


def _enacting_sentence(head: str, lo: int, hi: int) -> str | None:
    """The body the preamble's enacting sentence names ("Chủ tịch Ủy ban nhân dân tỉnh Phú Thọ quyết định:",
    "Bộ trưởng Bộ Tư pháp ban hành Thông tư …"), between the title and the body."""
    m = _enacting_pattern().search(head, lo, hi)
    return " ".join(m.group("body").split()) if m else None


def _signing_body(text: str) -> str | None:
    """The body a document is signed for (its signature's "TM. …" line, ``structure.json`` signature), when its
    header is gone: the signature stands at its foot."""
    foot_at = max(0, len(text) - FOOT_CHARS)
    skel = skeleton(text[foot_at:])
    found = list(_SIGNING_BODY.finditer(skel))
    if not found:
        return None
    m = found[-1]
    body = text[foot_at + m.start("body") : foot_at + m.end("body")]
    body = " ".join(body.replace("*", " ").replace("_", " ").split())
    # a name wrapped onto the next line ("TM. ỦY BAN NHÂN\nDÂN"): join the next line when it continues the capitals
    nxt_at = foot_at + m.end("body")
    nxt = text[nxt_at : text.find("\n", nxt_at + 1) if text.find("\n", nxt_at + 1) > 0 else len(text)].strip(" \n*_|")
    if nxt and _upper_line(nxt) and len(nxt.split()) <= 3 and _upper_line(body):
        body = f"{body} {nxt}"
    cut = _signer_title().search(body, 1)  # the signer's title ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH") is not the body
    if cut:
        body = body[: cut.start()].strip()
    return body if lexicon()["heads_any_case"].match(body) else None


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
