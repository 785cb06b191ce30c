"""Finder 1 (``pipeline.find.FINDERS``): every numbered document reference.

Typed references ("Kết luận số 120-KL/TW ngày 07/01/2016 của Bộ Chính trị"), short forms
("Chỉ thị số 06 của BTV Tỉnh ủy"), bare symbols with a type code ("137/GP-UBND",
coordinated "… và 15/QĐ-TTg"), with the date, issuer, term and title written beside them (or
before them: "Ngày 12/5/2017, Ban Chấp hành … ban hành Nghị quyết số 02-NQ/TU"; in a table row's
date cell; in a list heading's "các Quyết định sau đây của UBND tỉnh:"). Patterns are built from the
tables in ``data/``; underthesea's word boundaries veto short forms whose head word is part of
another word.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import replace
from functools import cache
from types import SimpleNamespace
from typing import Any

from ..keys import NUMBER, SYMBOL, SYMBOL_REQUIRED, fold_word, make_key, short_key
from ..records import Findings, Mention
from ..tables import all_type_codes, load, type_by_abbreviation, type_by_word, types_for_code, word_decides
from ..text import Document
from ..text.positions import Lines
from .dates import DATE, iso_from_match
from .lexicon import AMENDING_LAW, NOT_LETTER_BEFORE, TokenIndex, lexicon, loose_pattern, type_by_folded_word, word_pattern
from .symbols import Symbol, parse_symbol, read_with_type, termed_by_date, year_required

#: the types a text names by their subject before the number ("Luật Lâm nghiệp số 16/2017/QH14"): the name is the title
NAME_TITLED = ("Luật", "Bộ luật", "Pháp lệnh")

SO = r"(?P<so>\s*(?:số|Số|SỐ|So|SO|[sS][oốồổỗộôóòỏõọ6ÔỐỒỔỖỘÓÒỎÕỌ])\s*[:.,]?\s*|\s*[:]?\s*)"


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    words = word_pattern(type_by_word())
    abbrs = word_pattern(type_by_abbreviation())
    firsts = "".join(sorted({w[0].lower() for w in type_by_word()} | {w[0].upper() for w in type_by_word()} | {a[0] for a in type_by_abbreviation()}))
    firsts += "đĐ"
    typed = re.compile(
        r"(?=[" + firsts + r"])" + NOT_LETTER_BEFORE + r"(?P<type>(?i:" + words + r")|" + abbrs + r")" + SO + NUMBER + SYMBOL
    )
    # OCR output damages diacritics of type words: accepted only before a full symbol, so the
    # pattern is tried only on the few characters before a symbol the exact pass did not take
    typed_loose = re.compile(NOT_LETTER_BEFORE + r"(?P<type>(?i:" + loose_pattern(type_by_word()) + r"))" + SO + r"$")
    bare = re.compile(r"(?<![\w/.\-])" + NUMBER + SYMBOL_REQUIRED)
    after_date = re.compile(
        r"\s*(?:[,(]\s*)?(?:(?:được\s+|đã\s+được\s+)?(?:ban\s+hành|ký|thông\s+qua)\s+)?(?:ngày|Ngày|NGÀY)\s*" + DATE + r"\s*\)?",
        re.IGNORECASE,
    )
    after_year = re.compile(r"\s*(?:,\s*)?(?:năm|Năm|NĂM)\s+(?P<year>(?:19|20)\d{2})(?!\d)")
    issuer = re.compile(r"\s*\)?\s*(?:,\s*)?(?:(?:của|do|Của|CỦA|DO)\s+|(?=Hội\s+nghị\s+(?:lần\s+thứ|Trung\s+ương)))(?P<body>[^\n;:()“”\"]{2,160})")
    term = re.compile(r"\s*\(?\s*(?:[Kk]hóa|[Kk]hoá|KHÓA|KHOÁ|[Nn]hiệm\s+kỳ)\s+(?P<term>[IVXL]+|\d{4}\s*-\s*\d{4})\s*\)?")
    title_verbs = "|".join(r"\s+".join(map(re.escape, v.split())) for v in sorted(load("lexicon")["title_verbs"], key=len, reverse=True))
    title = re.compile(r"\s*,?\s*(?:“(?P<q>[^”\n]{3,300})”|\"(?P<q2>[^\"\n]{3,300})\"|(?P<ve>(?:[Vv]ề|VỀ)\s+(?:việc\s+)?[^;\n]{3,300})"
                       r"|(?<=\S)\s+(?P<verb>(?:" + title_verbs + r")\s+(?!ngày|năm|kèm\s+theo)[^\W\d_][^;:\n]{8,300}))")
    forms = sorted(load("codes")["grammar"]["form_words"], key=len, reverse=True)
    form_word = re.compile(r"(?<![^\W\d_])(?i:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in forms) + r")\s*(?:số\s*)?[:.]?\s*$")
    # a document joined to the one just named ("…, viên chức và Nghị định số 71/2023/NĐ-CP"): where a title ends
    next_reference = re.compile(r"(?:\s*[,;]\s*|\s+(?:và|hoặc|cùng)\s+)(?:(?i:" + words + r"))\s+(?:số\s*)?\d")
    return {"typed": typed, "typed_loose": typed_loose, "bare": bare, "form_word": form_word, "after_date": after_date, "after_year": after_year,
            "issuer": issuer, "term": term, "title": title, "next_reference": next_reference}


# --- helpers -------------------------------------------------------------------------


class Spans:
    """Non-overlapping taken character spans with O(log n) membership (a long file has many)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)

    def covers(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and pos < self.ends[i]


def clean_issuer(body: str) -> tuple[str | None, int]:
    """Cut an issuer phrase at the first stop word, punctuation or document type word.
    Returns (issuer, length consumed in ``body``)."""
    lex = lexicon()
    cut = len(body)
    for rx in (lex["stops"], lex["type_words"]):
        m = rx.search(body)
        if m and m.start() < cut:
            cut = m.start()
    m = re.search(r"[,.;:\n(“\"]|\s[-–]\s", body)
    if m and m.start() < cut:
        cut = m.start()
    issuer = re.sub(r"\[\d+\]", "", body[:cut]).rstrip()  # footnote marks: "Đảng[4]"
    words = issuer.split()
    if not words or len(words) > 14 or not words[0][:1].isupper():
        return None, 0
    return issuer, len(issuer)


_PLENUM = re.compile(r"^Hội\s+nghị\s+(?:lần\s+thứ\s+[^\s]+|Trung\s+ương\s+[^\s]+)\s+(?:của\s+)?(?=[A-ZĐ])")

# "Nghị quyết 26 năm 2018" names the issue year; "Kế hoạch 5 năm 2021-2025" is a five-year plan
_ISSUE_YEAR = re.compile(r"\s+năm\s+(?:19|20)\d{2}(?!\d)(?!\s*[-–]\s*\d)")
#: the body's name since ("(nay là Bộ Nông nghiệp và Môi trường)", "(trước đây là …)"): part of the issuer's phrase
_RENAMED = re.compile(r"(?:[^()\n;:.]{0,40}?)\s*\(\s*(?:nay\s+là|trước\s+đây\s+là|nay\s+thuộc)\s[^()\n]{2,120}\)")
#: "Nghị quyết số 26 ngày 30/7/2013": the number's issue date, not a count of days ("trong 26 ngày")
_ISSUE_DATE = re.compile(r"\s+ngày\s+" + DATE)


def _type_for(word: str, sym_code: str | None, sym_type: str | None) -> str:
    """Canonical type: the symbol's code wins over the word, except where one code serves
    two types (Party 'QĐ': Quyết định or Quy định), where the word decides."""
    wtype = type_by_word().get(" ".join(word.split()).casefold()) or type_by_abbreviation().get(word) or type_by_folded_word().get(fold_word(word))
    if sym_type is None:
        return wtype or "Công văn"
    if wtype and sym_code and (wtype in types_for_code(sym_code) or word_decides(wtype, sym_code)):
        return wtype
    return sym_type


# --- the finder ------------------------------------------------------------------------


def _complete(m: Mention, text: str, pos: int, next_start: int) -> dict[str, Any]:
    """Date, issuer, term and title that follow a reference at ``pos``: the fields to set on ``m``."""
    p = _patterns()
    limit = next_start
    ext = pos
    f: dict[str, Any] = {"date": m.date, "year": m.year, "issuer": m.issuer, "term": m.term}
    year_label = False  # the year came from a bare "năm YYYY" after the number (a site's label), not the symbol
    for _ in range(3):  # date, issuer and term come in either order
        progressed = False
        dm = p["after_date"].match(text, ext, limit)
        if dm and f["date"] is None:
            f["date"] = iso_from_match(dm)
            if f["date"]:
                ext = dm.end()
                progressed = True
        ym = p["after_year"].match(text, ext, limit)
        if ym and f["date"] is None and f["year"] is None:
            f["year"] = int(ym.group("year"))
            year_label = True
            ext = ym.end()
            progressed = True
        im = p["issuer"].match(text, ext, limit)
        if im and f["issuer"] is None:
            issuer, used = clean_issuer(im.group("body"))
            if issuer:
                # a plenum is a meeting of its body: "Hội nghị lần thứ 11 Ban Chấp hành Trung ương Đảng" -> the body
                f["issuer"] = _PLENUM.sub("", issuer) or issuer
                ext = im.start("body") + used
                renamed = _RENAMED.match(text, ext, limit)
                if renamed:  # "của Bộ Nông nghiệp và PTNT (nay là Bộ Nông nghiệp và Môi trường)": the issuer's new name
                    ext = renamed.end()
                progressed = True
        tm = p["term"].match(text, ext, limit)
        if tm and f["term"] is None:
            f["term"] = tm.group("term")
            ext = tm.end()
            progressed = True
        if not progressed:
            break
    f["extent_end"] = ext
    # a title may name other documents ("hướng dẫn thi hành Nghị định số 40/2019/NĐ-CP"): read to its sentence's end
    tt = p["title"].match(text, ext, min(len(text), ext + 600))
    if tt:
        title = tt.group("q") or tt.group("q2") or tt.group("ve") or tt.group("verb")
        title = re.split(r"[.;]\s|\n|\s\((?:sau\s+đây|gọi\s+tắt)", title)[0].strip().rstrip(".,;")
        if tt.group("verb"):  # no quotes or "về" to bound it: a comma after a few words starts the next clause
            cut = re.search(r"(?:\S+\s+){5,}?\S*?(?=,\s)", title)
            title = title[: cut.end()] if cut else title
        nxt = p["next_reference"].search(title)
        if nxt and nxt.start() > 0:  # "về …, viên chức và Nghị định số 71/2023/NĐ-CP …": the next document is not in it
            title = title[: nxt.start()]
        title = re.sub(r"\s*\[\d+\]", "", title)  # a web page's footnote mark
        close = title.find(")")
        if close >= 0 and "(" not in title[:close]:  # the title sat inside a parenthesis that closes here
            title = title[:close]
        title = re.split(r"\s+như\s+sau\b", title)[0].strip().rstrip(".,;:")
        f["title"] = title[:300] or None
    if "title" not in f and m.doc_type in NAME_TITLED:  # a law's name is its title: "Luật Lâm nghiệp số 16/2017/QH14"
        surface = text[m.start : m.end]
        name = re.split(r"\s+(?:số|Số|SỐ)\b", surface)[0].strip()
        if name != surface.strip() and len(name.split()) >= 2:
            f["title"] = name
    if f["date"] and (f["year"] is None or year_label):
        f["year"] = int(f["date"][:4])  # "Nghị quyết 57-NQ/TW năm 2025 ngày 22 tháng 12 năm 2024": the issue date's year
    return f


def _numbered(word: str, num: str, sym: Symbol, start: int, end: int, written: str) -> Mention:
    """A mention of a numbered document, its number and symbol read by the symbol's grammar with the type the text's
    ``word`` gives (``symbols.read_with_type``); a symbol whose issuer was cut ("31/2015/TT") is a short form that only
    a full form of the same document completes (its key kept as written until then)."""
    num, sym = read_with_type(num, sym, _type_for(word, None, None) if word else None)
    doc_type = _type_for(word, sym.type_code, sym.type_name) if sym.type_code or word else "Công văn"
    return Mention(doc_type=doc_type, number=num, symbol=None if sym.incomplete else sym.canonical, year=sym.year, system=sym.system,
                   key=make_key(num, sym), start=start, end=end, form="short" if sym.incomplete else "full",
                   written=written, repairs=sym.repairs)


def _dated_key(men: Mention) -> Mention:
    """A State symbol read with the issue date beside it: a normative symbol written without its year takes the
    date's ("Thông tư số 41/TT-BTC ngày 25/3/2015" is 41/2015/TT-BTC: Luật Ban hành VBQPPL 2015, Điều 9), a
    legislature's code the term of the date's year ("Nghị quyết số 1243/NQ-UBTVQH ngày 14/10/2024" is
    1243/NQ-UBTVQH15)."""
    if men.system != "state" or men.year is None or men.written is None:
        return men
    symbol = men.symbol if men.form == "full" else re.sub(r"^[^-/]*[-/](?:(?:19|20)\d{2}/)?", "", men.key or "")
    if "term" in men.repairs and men.date:
        # the symbol's year and its date disagree ("Luật … số 72/2022/QH14" of 17/11/2020): the term as written stays
        written = termed_by_date(symbol, int(men.date[:4]))
        if written and termed_by_date(men.written, int(men.date[:4])) is None:
            sym = SimpleNamespace(system="state", canonical=written, year=int(men.key.split("/")[1]))
            return replace(men, symbol=written, key=make_key(men.number, sym), repairs=tuple(r for r in men.repairs if r != "term"))
    termed = termed_by_date(symbol, men.year) if symbol else None
    if termed:
        sym = SimpleNamespace(system="state", canonical=termed, year=int(men.key.split("/")[1]) if re.match(r"[^/]+/(?:19|20)\d{2}/", men.key or "") else None)
        men = replace(men, symbol=termed, key=make_key(men.number, sym), form="full", resolved=False, repairs=(*men.repairs, "term"))
    if men.form == "full" and year_required(men.system, men.symbol, men.key, men.year, men.doc_type):
        key = make_key(men.number, SimpleNamespace(system=men.system, canonical=men.symbol, year=men.year))
        men = replace(men, key=key, repairs=(*men.repairs, "year"))
    return men


def find_references(doc: Document, found: Findings) -> Findings:
    """Finder 1: every numbered document reference in the text, in text order."""
    return replace(found, mentions=_references(doc))


def _references(doc: Document) -> list[Mention]:
    """Every document reference in the text; OCR text (``doc.ocr``) gets its symbol codes repaired."""
    text, seg, ocr = doc.text, doc.segmentation, doc.ocr
    p = _patterns()
    lex = lexicon()
    tokens = TokenIndex(seg)
    found: list[Mention] = []
    taken = Spans()
    for m in p["typed"].finditer(text):
        word = m.group("type")
        num = m.group("num")
        raw_sym = m.group("sym")
        so = m.group("so") or ""
        sym = parse_symbol(raw_sym, ocr) if raw_sym else None
        sym_end = m.end("sym")
        if sym is None and not raw_sym:
            # "Quyết định số 215 QĐ/QLDA": a symbol written after a space, opening with a known type code
            sm = _SPACED_SYMBOL.match(text, m.end("num"))
            if sm and sm.group("code") in all_type_codes():
                sym = parse_symbol("/" + sm.group("sym"), ocr)
                sym_end = sm.end()
        is_abbr = word in type_by_abbreviation() and not word[0:1].islower() and word.isupper()
        if is_abbr and sym is None:
            continue
        end = sym_end if sym else m.end("num")
        has_so = bool(so.strip(" :.\n\t"))
        if sym is None:
            # a short form: "Chỉ thị 06", "Nghị quyết số 02"; reject quantities and years
            if lex["units"].match(text, m.end("num")) and not _ISSUE_YEAR.match(text, m.end("num")) \
                    and not _ISSUE_DATE.match(text, m.end("num")):
                continue
            if re.fullmatch(r"(?:19|20)\d{2}", num) and not has_so:
                continue
            if not (word[:1].isupper() or has_so or re.fullmatch(r"0\d", num)
                    or type_by_word().get(" ".join(word.split()).casefold()) in lex["lower_short_types"]):
                continue  # lower-case "đề án 05" only with the written leading zero of a document number
            if not has_so and so not in ("", " ") and (not so.strip() or "\n" in so):
                continue  # "Chỉ thị\n06", "Kế hoạch  5", "ban hành quy định:\n\n2. …": a short form is written with one space
            if type_by_word().get(" ".join(word.split()).casefold()) in ("Chương trình", "Công văn") and not has_so:
                continue
            if not tokens.is_word_span(m.start("type"), m.end("type")):
                continue
            if raw_sym and re.match(r"[-/](?:19|20)\d{2}$", raw_sym):
                end = m.end("sym")  # "Quy định 105/2017": number and year, no symbol
        doc_type = _type_for(word, sym.type_code if sym else None, sym.type_name if sym else None)
        start = m.start()
        if word[:1].islower() and doc_type in ("Luật", "Bộ luật", "Pháp lệnh"):
            # "Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15": the name's own "luật" is not the head
            law = _law_before(text, max(0, start - 140), m.end("so"))
            if law and law.start("law") < start:
                start = law.start("law")
        if sym:
            men = _numbered(word, num, sym, start, end, text[m.start("num") : sym_end])
        else:
            year = int(raw_sym[1:]) if raw_sym and re.match(r"[-/](?:19|20)\d{2}$", raw_sym) else None
            men = Mention(doc_type=doc_type, number=num, year=year, start=m.start(), end=end, form="short")
        found.append(men)
        taken.add(start, end)
    # coordinated short forms: "các Nghị quyết số 18, 19 và 20 của Hội nghị Trung ương 6"
    for head in [x for x in found if x.form == "short"]:
        pos = head.end
        while True:
            cm = _MORE_NUMBERS.match(text, pos)
            if not cm or lex["units"].match(text, cm.end()) or taken.covers(cm.start("n")):
                break
            men = Mention(doc_type=head.doc_type, number=cm.group("n"), start=cm.start("n"), end=cm.end("n"), form="short")
            found.append(men)
            taken.add(men.start, men.end)
            pos = cm.end()
    # bare symbols: "137/GP-UBND", "... và 15/QĐ-TTg"
    found.sort(key=lambda x: x.start)
    ends = [x.end for x in found]
    for m in p["bare"].finditer(text):
        if taken.covers(m.start()) or p["form_word"].search(text, max(0, m.start() - 20), m.start()):
            continue  # a form's number ("Mẫu 05-HD", "mẫu số 01/GTGT") is not a document's
        sym = parse_symbol(m.group("sym"), ocr)
        if sym is None or re.search(r"[-/][a-zđư]", m.group("sym")) or (sym.incomplete and m.group("sym")[0] == "-"):
            continue  # a bare symbol's codes are capitals ("7-l" is no Lệnh); "36-BC" alone names no document
        lm = p["typed_loose"].search(text, max(0, m.start() - 40), m.start())
        if lm:
            num = m.group("num")
            _insert(found, ends, _numbered(lm.group("type"), num, sym, lm.start(), m.end(), m.group(0)))
            taken.add(lm.start(), m.end())
            continue
        i = bisect.bisect_right(ends, m.start()) - 1
        prev = found[i] if i >= 0 else None
        coordinated = prev is not None and re.fullmatch(
            r"\s*(?:,|;|và|hoặc|,\s*và)\s*(?:(?:số|Số)\s*)?", text[prev.end : m.start()]
        )
        law = _law_before(text, max(0, m.start() - 140), m.start())
        if sym.type_code is None and law:
            coordinated, prev = None, None
        elif sym.type_code is None and not (coordinated and prev and prev.form == "full"):
            continue
        word = prev.doc_type if coordinated and prev else (" ".join(law.group("law").split()) if law else "")
        start = law.start("law") if law and not sym.type_code else m.start()
        men = _numbered(word, m.group("num"), sym, start, m.end(), m.group(0))
        _insert(found, ends, men)
        taken.add(start, m.end())
    found.sort(key=lambda x: x.start)
    completed = []
    for i, men in enumerate(found):
        nxt = found[i + 1].start if i + 1 < len(found) else len(text)
        key = men.key if men.key is not None or men.form != "short" else short_key(men.doc_type, men.number)
        completed.append(_dated_key(replace(men, key=key, surface=text[men.start : men.end], **_complete(men, text, men.end, nxt))))
    return _row_dates(text, _heading_issuers(text, _issuer_before(text, _share_coordinated(text, completed))))


def _insert(found: list[Mention], ends: list[int], men: Mention) -> None:
    """Keep ``found`` sorted (spans do not overlap, so ends sort like starts)."""
    i = bisect.bisect_left(ends, men.end)
    found.insert(i, men)
    ends.insert(i, men.end)


def _share_coordinated(text: str, mentions: list[Mention]) -> list[Mention]:
    """One issuer named after a list names it for every item: 'Quyết định số 41/2018/QĐ-TTg ngày
    25/9/2018 và 15/QĐ-TTg của Thủ tướng', 'Nghị quyết số 57-NQ/TW, ngày 22/12/2024, Nghị quyết số
    66-NQ/TW … và Nghị quyết số 68-NQ/TW … của Bộ Chính trị'. Items of another type share it only
    when their symbols name the same issuer code."""
    out = list(mentions)
    for i in range(len(out) - 2, -1, -1):  # back to front: 20 -> 19 -> 18
        a, b = out[i], out[i + 1]
        if a.issuer is not None or b.issuer is None or not _COORDINATION.fullmatch(text, a.extent_end, b.start):
            continue
        same_kind = a.doc_type == b.doc_type and _codes_agree(a, b)
        if same_kind or b.surface[:1].isdigit() or (a.symbol and b.symbol and _issuer_code(a) == _issuer_code(b)):
            out[i] = replace(a, issuer=b.issuer)
    return out


_COORDINATION = re.compile(r"\s*(?:,|;|và|hoặc|,\s*và)\s*(?:(?:các\s+)?(?:số|Số)\s*)?")


def _issuer_code(m: Mention) -> str | None:
    """The issuer part of a symbol: 'NQ/TW' -> 'TW', 'QĐ-UBND' -> 'UBND', 'QH15' -> 'QH'."""
    if not m.symbol:
        return None
    last = re.split(r"[-/]", m.symbol)[-1]
    return re.sub(r"\d+$", "", last)


def _codes_agree(a: Mention, b: Mention) -> bool:
    ca, cb = _issuer_code(a), _issuer_code(b)
    return ca is None or cb is None or ca == cb


_SPACED_SYMBOL = re.compile(r" (?P<sym>(?P<code>[A-ZĐ][A-Za-zĐđ]{0,5})[-/][A-ZĐ][A-Za-zĐđƯư0-9]*(?:[-/][A-ZĐ][A-Za-zĐđƯư0-9]*)*)(?![^\W\d_])")
_MORE_NUMBERS = re.compile(r"\s*(?:,|và|;|,\s*và)\s*(?:(?:số|Số)\s*)?(?P<n>\d{1,3}[a-z]?)(?![\d/\-]|[.,]\d|\w)")
# a law's name up to "số"; it does not run back over another numbered document ("Luật A số 22/2008/QH12 và Luật B số …")
# (its name may open in lower case: "Luật phòng cháy, chữa cháy … số 55/2024/QH15", "Luật sửa đổi, bổ sung một số điều của Luật X số …")
_LAW_BEFORE = re.compile(r"(?P<law>Bộ\s+luật|Luật|Pháp\s+lệnh)\s+[^\W\d_](?:(?!\d+[/-]\d)[^.;:\n()]){1,120}?\s+(?:số|Số)\s*$")
_ISSUING = re.compile(r"(?:ban\s+hành|thông\s+qua|dự\s+án|dự\s+thảo|xây\s+dựng)\s*[*_“\"]*\s*$", re.IGNORECASE)


def _law_before(text: str, lo: int, hi: int) -> re.Match[str] | None:
    """The law whose name runs up to "số" at ``hi``. An amending law's title ("Luật sửa đổi, bổ sung một số điều của
    Luật X số B") owns the number, unless the text is issuing that amending law now ("Quốc hội ban hành Luật sửa đổi,
    … của Luật X số A và Luật Y số C": A is X's number)."""
    law = _LAW_BEFORE.search(text, lo, hi)
    while law is not None and AMENDING_LAW.match(text, law.start("law"), hi) and _ISSUING.search(text, max(0, law.start() - 40), law.start()):
        law = _LAW_BEFORE.search(text, law.start() + 1, hi)
    return law


_ADVERBS = r"(?:đã|vừa|mới|chính\s+thức|cũng|đang|sẽ|lại|đồng\s+thời|tiếp\s+tục|kịp\s+thời|nhanh\s+chóng)"
_BEFORE = re.compile(
    r"(?:^|[;:.\n]|,(?=\s))\s*(?:(?:Ngày|ngày)\s+(?P<date>" + DATE + r")\s*,?\s*)?(?P<subj>[^,;:.\n]{3,160}?)\s+"
    r"(?:" + _ADVERBS + r"\s+)*(?:ký\s+ban\s+hành|ký|ban\s+hành|có|ra|thông\s+qua)\s*$",
)
# "Theo đề nghị của Giám đốc Sở Xây dựng tại Công văn số 2406/SXD-VP": the proposer issued the letter
_PROPOSER = re.compile(r"(?:đề\s+nghị|đề\s+xuất|ý\s+kiến|báo\s+cáo|tờ\s+trình)(?:\s+[^\W\d_]+){0,2}?\s+của\s+(?P<subj>[^,;:.\n()]{3,120}?)\s+(?:tại|theo)\s*$", re.IGNORECASE)
_DATE_BEFORE = re.compile(
    r"(?:^|[;:.\n\]]|,(?=\s)|\s[-–•](?=\s))\s*(?:(?:Ngày|ngày)\s+(?P<date>" + DATE + r")|(?:Tháng|tháng)\s+\d{1,2}\s*(?:/|năm)\s*(?P<my>(?:19|20)\d{2})|(?:Năm|năm)\s+(?P<yr>(?:19|20)\d{2}))"
    r"\s*,?\s+[^;:.\n]{0,120}?\s(?:" + _ADVERBS + r"\s+)*(?:ký\s+ban\s+hành|ban\s+hành|ký|ra|thông\s+qua|có)\s*$",
)


_ISSUE_SUFFIX = re.compile(r"(?<![^\W\d_])(?:ký|hành|có|ra|qua)\s*\Z")
_PROPOSER_SUFFIX = re.compile(r"(?<![^\W\d_])(?:tại|theo|TẠI|THEO|Tại|Theo)\s*\Z")


def _issuer_before(text: str, mentions: list[Mention]) -> list[Mention]:
    """'Ngày 12/5/2017, Ban Chấp hành Đảng bộ tỉnh Hà Tĩnh đã ban hành Nghị quyết số 02-NQ/TU';
    'Ngày 18/3/2025 Chính phủ chính thức ban hành Nghị định 68/2025/NĐ-CP' (the issuer ends where the
    body's name does); 'Tháng 12 năm 2024, Bộ Chính trị ra Quyết định số 215-QĐ/TW' (the year)."""
    lex = lexicon()
    out = []
    for men in mentions:
        window_start = max(0, men.start - 220)
        fields: dict[str, Any] = {}
        # each pattern ends with the verb or preposition right before the mention: look for that first
        issued = _ISSUE_SUFFIX.search(text, max(0, men.start - 40), men.start) is not None
        if men.issuer is None and (issued or _PROPOSER_SUFFIX.search(text, max(0, men.start - 12), men.start)):
            m = (_BEFORE.search(text, window_start, men.start) if issued else None) or _PROPOSER.search(text, window_start, men.start)
            subj = re.sub(r"^(?:(?:Hôm\s+nay|Mới\s+đây|Vừa\s+qua|Sáng|Chiều|Tối|Trưa)\b[^,]*,\s*)", "", m.group("subj").strip()) if m else ""
            if m and lex["heads"].match(subj) and len(subj.split()) <= 14:
                fields["issuer"] = subj
        if men.date is None and issued:
            dm = _DATE_BEFORE.search(text, window_start, men.start)
            if dm and dm.group("date"):
                iso = iso_from_match(re.search(DATE, dm.group("date"), re.IGNORECASE))  # type: ignore[arg-type]
                if iso:
                    fields["date"] = iso
                    if men.year is None:
                        fields["year"] = int(iso[:4])
            elif dm and men.year is None:
                fields["year"] = int(dm.group("my") or dm.group("yr"))
        out.append(replace(men, **fields) if fields else men)
    return out


def _row_dates(text: str, mentions: list[Mention]) -> list[Mention]:
    """A table row that lists a document ("| 1 | Quyết định | 15/2018/QĐ-UBND | 12/3/2018 | Ban hành …|")
    gives its issue date in a cell of its own. Each line is looked at once, however many mentions it holds."""
    lines = Lines(text)
    per_line = Counter(lines.start(m.start) for m in mentions)
    row_date: dict[int, str | None] = {}
    out = []
    for men in mentions:
        if men.date is None:
            lo = lines.start(men.start)
            if lo not in row_date:
                row_date[lo] = None
                line = text[lo : lines.end(men.end)]
                if per_line[lo] == 1 and line.count("|") >= 2:
                    dates = [c for c in (c.strip(" *_") for c in line.split("|")) if re.fullmatch(DATE, c, re.IGNORECASE)]
                    if len(dates) == 1:
                        row_date[lo] = iso_from_match(re.fullmatch(DATE, dates[0], re.IGNORECASE))  # type: ignore[arg-type]
            iso = row_date[lo]
            if iso:
                men = replace(men, date=iso, year=men.year or int(iso[:4]))
        out.append(men)
    return out


# "Bãi bỏ các Quyết định sau đây của Ủy ban nhân dân tỉnh Hà Nam:" over a list: the issuer of every item
_LIST_HEADING = re.compile(
    r"(?:các|những)\s+(?:văn\s+bản|" + "|".join(["quyết\\s+định", "nghị\\s+quyết", "thông\\s+tư", "nghị\\s+định", "chỉ\\s+thị", "kế\\s+hoạch", "quy\\s+định"]) + r")"
    r"[^:;\n]{0,80}?\s(?:của|do)\s+(?P<body>[^:;\n]{3,120}?)(?:\s+ban\s+hành)?\s*(?:sau\s+đây|như\s+sau|sau)?\s*[:]\s*$",
    re.IGNORECASE,
)


_ITEM_LEAD = re.compile(r"\s*(?:\|\s*)*(?:\d+(?:\.\d+)*\s*[.)|]|[a-zđ]\)|[-+•])")


def _heading_issuers(text: str, mentions: list[Mention]) -> list[Mention]:
    out = list(mentions)
    order = sorted(range(len(out)), key=lambda k: out[k].start)
    starts = [out[k].start for k in order]
    lines = Lines(text)
    pos = 0
    for line in text.split("\n"):
        line_end = pos + len(line)
        pos = line_end + 1
        if not line.rstrip(" \t*_").endswith(":"):
            continue
        lm = _LIST_HEADING.search(line)
        if not lm:
            continue
        body, _ = clean_issuer(lm.group("body"))
        if not body:
            continue
        pos_heading = line_end
        for i in order[bisect.bisect_right(starts, pos_heading) :]:
            men = out[i]
            line_lo = lines.start(men.start)
            if not _ITEM_LEAD.match(text, line_lo, men.start):
                if line_lo > pos_heading + 1:
                    break  # past the list
                continue
            if men.issuer is None:
                out[i] = replace(men, issuer=body)
    return out
