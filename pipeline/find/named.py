"""Finder 5 (``pipeline.find.FINDERS``): documents cited by name only: laws ("Luật Đất đai năm 2024"), the Constitution, congress and
plenum resolutions ("Nghị quyết Đại hội XII của Đảng", "Nghị quyết Trung ương 4 (khóa XII)"), each
with one identity key per document."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from ..keys import fold
from ..records import Findings, Mention, Named
from ..tables import load
from ..text import Document
from .lexicon import NOT_LETTER_BEFORE, TokenIndex, law_name, lexicon, ordinal_values

_ROMAN = r"[IVXL]+"


@cache
def _named_patterns() -> dict[str, re.Pattern[str]]:
    law = re.compile(
        r"(?=[BLP])" + NOT_LETTER_BEFORE + r"(?P<head>Bộ\s+luật|BỘ\s+LUẬT|Luật|LUẬT|Pháp\s+lệnh|PHÁP\s+LỆNH)\s+(?=(?P<name>[A-ZĐÀ-Ỹ][^\n,;:.()“”\"]{1,120}|(?<=lệnh\s)[a-zđà-ỹ][^\n,;:.()“”\"]{8,120}))"
    )
    constitution = re.compile(r"(?P<head>Hiến\s+pháp|HIẾN\s+PHÁP)(?:\s+nước\s+[^\n,;:.()]{3,60}?)?\s+(?:năm\s+)?(?P<year>(?:19|20)\d{2})(?!\d)")
    congress = re.compile(
        r"(?P<head>[Nn]ghị\s+quyết)\s+(?P<name>(?:[Đđ]ại|[Đđ]ai)\s+hội\s+(?:[^\n,;:.()“”\"]{0,80}?)(?:lần\s+thứ\s+(?:" + _ROMAN + r"|[\w]+)|\b" + _ROMAN + r"\b))(?=[\s,;:.()“”\"]|$)"
    )
    central = re.compile(
        r"(?P<head>[Nn]ghị\s+quyết)\s+(?P<name>[Hh]ội\s+nghị\s+lần\s+thứ\s+(?:\d+|[a-zà-ỹ]+)\s+Ban\s+Chấp\s+hành\s+Trung\s+ương(?:\s+Đảng)?(?:\s*\(?\s*(?:[Kk]hóa|[Kk]hoá)\s+" + _ROMAN + r"\s*\)?)?"
        r"|(?:[Hh]ội\s+nghị\s+)?(?:lần\s+thứ\s+\w+\s+)?(?:Ban\s+Chấp\s+hành\s+)?Trung\s+ương\s+(?:\d+|[a-zà-ỹ]+)(?:\s*\(?\s*(?:[Kk]hóa|[Kk]hoá)\s+" + _ROMAN + r"\s*\)?)?)"
    )
    also = re.compile(r"\s+và\s+(?P<name>(?:[Đđ]ại|[Đđ]ai)\s+hội\s+[^\n,;:.()]{0,80}?(?:lần\s+thứ\s+" + _ROMAN + r"|\b" + _ROMAN + r"\b))(?=[\s,;:.()]|$)")
    lex = load("lexicon")
    # no look-behind in front: a pattern that opens with its literal head is scanned for fast; the word start is checked after
    titled = [re.compile(r"(?:" + t["pattern"] + r")(?=[\s,;:.()“”\"!?]|$)") for t in lex["titled_documents"]]
    ends = re.compile(lex["titled_ends"])
    not_after = re.compile(lex["titled_not_after"], re.IGNORECASE)
    return {"law": law, "constitution": constitution, "congress": congress, "central": central, "also": also, "titled": titled,
            "titled_ends": ends, "titled_not_after": not_after}


def _overlapping(rx: re.Pattern[str], text: str):  # noqa: ANN202
    """Every match of ``rx``, each searched from just after the previous one's start (a long title
    may run over the next document's name, which the title's end rule then cuts)."""
    pos = 0
    while True:
        m = rx.search(text, pos)
        if m is None:
            return
        if m.start() == 0 or not (text[m.start() - 1].isalnum() or text[m.start() - 1] == "_"):
            yield m
        pos = m.start() + 1


def _norm_name(s: str) -> str:
    s = " ".join(s.split())
    s = re.sub(r"(?<![^\W\d_])[Đđ]ai hội|(?<![^\W\d_])đại hội", "Đại hội", s)
    return s[:1].upper() + s[1:]


def find_named(doc: Document, found: Findings) -> Findings:
    """Finder 5: every document cited by name only; a law named with its year that is the one numbered
    law of that year the text cites becomes a mention of it (``link_named``)."""
    named, aliases = link_named(_named(doc, found.mentions), found.mentions)
    return replace(found, named=named, mentions=sorted(found.mentions + aliases, key=lambda m: m.start))


def _named(doc: Document, mentions: list[Mention] | None = None) -> list[Named]:
    """Every document cited by name only, outside the spans of numbered ``mentions``."""
    text, seg = doc.text, doc.segmentation
    pats = _named_patterns()
    lex = lexicon()
    tokens = TokenIndex(seg)
    spans = [(m.start, m.end) for m in mentions or []]
    out: list[Named] = []

    def add(start: int, end: int, name: str) -> None:
        if any(s < end and start < e for s, e in spans):
            return
        spans.append((start, end))
        out.append(Named(surface=text[start:end], start=start, end=end, name=_norm_name(name)))

    for rx in pats["titled"]:
        for m in _overlapping(rx, text):
            if pats["titled_not_after"].search(text, max(0, m.start() - 30), m.start()):
                continue  # "xây dựng Đề án …" (to be written), "các Đề án" (a generic plural)
            end = m.end()
            keep = m.start() + 4
            if "keep" in m.re.groupindex:  # the subject after "về" opens with any word ("về triển khai …")
                first = re.match(r"\s+\S+", text[m.end("keep") : end])
                keep = m.end("keep") + (first.end() if first else 0)
            em = pats["titled_ends"].search(text, keep, end)
            if em:
                end = em.start()
            inner = [s for s, _ in spans if m.start() < s < end]
            if inner:  # "… về triển khai Nghị quyết số 57-NQ/TW": the title stops before the numbered document it names
                end = min(inner)
                end = m.start() + len(re.sub(r"(?:\s+(?:số|của|tại|theo|và|hoặc)|,)*\s*$", "", text[m.start() : end]))
            name = text[m.start() : end].rstrip(" ,-–")
            if len(name.split()) < 2 and not name.startswith("Hiến"):
                continue
            if re.fullmatch(r"\S+(?:\s+\S+)?\s+[A-ZĐ]{2,8}", name) and not name.startswith("Hiến"):
                continue  # an abbreviation ("Hiệp định CPTPP"), not a name
            add(m.start(), m.start() + len(name), name)
    for m in pats["law"].finditer(text):
        head = " ".join(m.group("head").split())
        if head.isupper():
            continue  # upper-case title lines ("… CỦA LUẬT CÁN BỘ, CÔNG CHỨC"): the body names them properly
        if not tokens.is_word_span(m.start("head"), m.end("head")):
            continue
        body = m.group("name")
        if re.match(r"(?:số|Số)\b|\d", body):
            continue
        # "Luật Cán bộ, công chức (sửa đổi)": a comma inside the name before a few lower-case words
        full_body = text[m.start("name") : m.start("name") + 160].split("\n")[0]
        cm = re.match(r"([^,;:.()“”\"]+,\s+[a-zà-ỹđ]+(?:\s+(?:và\s+)?[a-zà-ỹđ]+){0,6}?)(?=\s*(?:\(|[,;:.]|$|\s(?:năm\s+)?\d{4}|\s(?:được|đã|là|có|thì|sẽ|quy định)\b))", full_body)
        if cm:
            body = cm.group(1)
        cut = len(body)
        sm = lex["name_stops"].search(body)
        if sm:
            cut = sm.start()
        tm = lex["type_words"].search(body)
        if tm and tm.start() < cut and body[tm.start()].isupper():
            cut = tm.start()
        ym = re.search(r"\s(?:năm\s+)?(?:19|20)\d{2}(?!\d)", body)
        if ym and ym.start() < cut:
            cut = ym.start()
        name_words = body[:cut].rstrip()
        ym = re.search(r"\s+(?:năm\s+)?((?:19|20)\d{2})$", name_words)
        if ym:
            name_words = name_words[: ym.start()]
        rest = text[m.start("name") + len(name_words) : m.start("name") + len(name_words) + 40]
        ym = re.match(r"\s*(?:,\s*)?(?:ngày\s+\d{1,2}(?:\s+tháng\s+\d{1,2}\s+năm\s+|\s*[/.-]\s*\d{1,2}\s*[/.-]\s*))?(?:năm\s+)?((?:19|20)\d{2})(?!\d)", rest)
        year_part = f" năm {ym.group(1)}" if ym else ""
        end = m.start("name") + len(name_words) + (ym.end() if ym else 0)
        after = text[end : end + 25]
        am = re.match(r"\s*\((sửa đổi(?:,\s*bổ sung)?)\)", after)
        if am and not ym:
            end += am.end()
            name_words += f" ({am.group(1)})"
        if name_words.endswith(("sửa đổi", "bổ sung")) and ym:
            pass  # "Luật Bảo hiểm y tế sửa đổi 2024": the amending law, named with its year
        if re.match(r"\s*(?:số|Số)\s*\d", text[m.start("name") + len(body[:cut].rstrip()) :][:20]):
            continue  # "Luật Cán bộ, công chức số 22/2008/QH12" is a numbered reference
        if not name_words or len(name_words.split()) > 12:
            continue
        full = f"{head} {name_words}{year_part}".strip()
        if any(full.casefold().startswith(n) for n in lex["not_names"]):
            continue
        if re.fullmatch(r"(?:Luật|Bộ luật|Pháp lệnh)\s+[A-ZĐ]{1,6}", full):
            continue  # an abbreviation, not a name
        add(m.start(), end, full)
    for m in pats["constitution"].finditer(text):
        add(m.start(), m.end(), f"Hiến pháp năm {m.group('year')}")
    for key in ("congress", "central"):
        for m in pats[key].finditer(text):
            name = "Nghị quyết " + m.group("name")
            end = m.end("name")
            tm = re.match(r"\s+(?:của\s+Đảng|Đảng\s+bộ)[^\n,;:.()“”\"]{0,80}", text[end:]) if key == "congress" else None
            tail = tm.group(0) if tm else None
            if tail:
                cut = lex["stops"].search(tail, 4)
                tail = tail[: cut.start()] if cut else tail
                name += " " + " ".join(tail.split())
                end = end + len(tail.rstrip())
            add(m.start(), end, name)
            if key == "congress":
                am = pats["also"].match(text, end)
                if am:
                    add(am.start("name"), am.end(), "Nghị quyết " + am.group("name"))
    out.sort(key=lambda n: n.start)
    # a law named with its year and without it ("Luật Ban hành văn bản quy phạm pháp luật" in one title,
    # "… năm 2025" in the preamble) is one law when the text gives it one year
    years: dict[str, set[str]] = {}
    for n in out:
        base, _, year = n.name.partition(" năm ")
        if year[:4].isdigit():
            years.setdefault(fold(base), set()).add(n.name)
    # one document, one name: "Nghị quyết Đại hội XII của Đảng" and "Nghị quyết Đại hội đại biểu
    # toàn quốc lần thứ XII của Đảng" are the same resolution; later variants take the first name
    first_name: dict[str, str] = {}
    named = []
    for n in out:
        variants = years.get(fold(n.name), set())
        name = next(iter(variants)) if len(variants) == 1 else n.name
        ident = named_identity(name)
        named.append(replace(n, name=first_name.setdefault(ident, name), key=ident))
    return named


_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50}


def _roman(s: str) -> int:
    total = 0
    for i, ch in enumerate(s):
        v = _ROMAN_VALUES[ch]
        total += -v if i + 1 < len(s) and _ROMAN_VALUES[s[i + 1]] > v else v
    return total


def _to_roman(n: int) -> str:
    out = ""
    for v, r in ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out, n = out + r, n - v
    return out


def named_identity(name: str) -> str:
    """A canonical identity for a document cited by name (used as its key)."""
    m = re.match(r"Nghị quyết Đại hội\s+(?P<rest>.*)$", name)
    if m:
        rest = m.group("rest")
        num = re.search(r"lần\s+thứ\s+(?P<o>[IVXL]+|\w+)|\b(?P<r>[IVXL]+)\b", rest)
        if num:
            o = num.group("o") or num.group("r")
            val = _roman(o) if re.fullmatch(r"[IVXL]+", o) else ordinal_values().get(o.casefold(), 0)
            local = re.search(r"Đảng\s+bộ\s+(.+)$", rest)
            scope = " Đảng bộ " + re.sub(r"\s*(?:lần\s+thứ\s+\w+|\b[IVXL]+\b)", "", local.group(1)).strip() if local else ""
            return f"Nghị quyết Đại hội {_to_roman(val)}{scope}"
    m = re.match(r"Nghị quyết Hội nghị lần thứ (?P<n>\d+|\w+) Ban Chấp hành Trung ương(?:.*?(?:khóa|khoá)\s+(?P<t>[IVXL]+))?", name) or re.match(
        r"Nghị quyết (?:Hội nghị )?(?:Ban Chấp hành )?Trung ương\s+(?P<n>\d+|\w+)(?:.*?(?:khóa|khoá)\s+(?P<t>[IVXL]+))?", name)
    if m:
        n = m.group("n")
        n = str(ordinal_values().get(n.casefold(), n))
        return f"Nghị quyết Trung ương {n}" + (f" khóa {m.group('t')}" if m.group("t") else "")
    return fold(name)


def link_named(named: list[Named], mentions: list[Mention]) -> tuple[list[Named], list[Mention]]:
    """A law named with its year ("Luật Việc làm năm 2025") in a text that cites one numbered law of
    that year ("Luật số 74/2025/QH15", unnamed or of that name), or named without a year in a text that
    cites one law of that name by number, is that law: the name becomes a mention of it. Returns the
    named documents left and those mentions."""
    laws: dict[int, list[Mention]] = {}
    for m in mentions:
        if m.doc_type in ("Luật", "Bộ luật") and m.form == "full" and m.year and m.key:
            laws.setdefault(m.year, []).append(m)
    by_name: dict[str, set[str]] = {}  # a law's name -> the numbered laws the text cites by it ("Luật Đầu tư số 61/2020/QH14")
    numbered: dict[str, Mention] = {}
    for m in mentions:
        if m.doc_type in ("Luật", "Bộ luật", "Pháp lệnh") and m.form == "full" and m.key and not m.self:
            name = law_name(m.surface)
            if name:
                by_name.setdefault(name, set()).add(m.key)
                numbered.setdefault(m.key, m)
    kept, aliases = [], []
    for n in named:
        lm = re.fullmatch(r"(?P<name>(?:Bộ luật|Luật) .+?) năm (?P<y>\d{4})", n.name)
        cands = laws.get(int(lm.group("y")), []) if lm else []
        keys = {m.key for m in cands if law_name(m.surface) in ("", fold(lm.group("name")))} if lm else set()
        if not lm:
            # "Luật An ninh mạng" in a text that gives it its number elsewhere ("Luật An ninh mạng số 24/2018/QH14")
            keys = by_name.get(fold(n.name), set())
            cands = [numbered[k] for k in keys]
        if len(keys) == 1 and len({m.key for m in cands}) == 1:
            m = next(x for x in cands if x.key in keys)
            aliases.append(Mention(doc_type=m.doc_type, number=m.number, symbol=m.symbol, year=m.year, key=m.key, system=m.system,
                                   surface=n.surface, start=n.start, end=n.end, form="short", resolved=True, extent_end=n.end))
        else:
            kept.append(n)
    return kept, aliases



