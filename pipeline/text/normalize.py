"""Stage 2: normalise text, keeping a map from every normalised offset back to the original.

NFC; one line-end form; one tone-mark placement (hòa, thủy: the placement underthesea
also produces); hard line wraps joined (PDF conversions break lines mid-reference);
spaces inside document symbols removed ("10- CTr/TU" -> "10-CTr/TU"); fraction and other
look-alike slashes and hyphens unified; underscores of word-segmented text turned back
into spaces; Markdown emphasis ("**Một là**") blanked. Symbol spellings ("ND-CP" -> "NĐ-CP", "TƯ" -> "TW") are canonicalised on the
extracted fields (``find/symbols.py``), not in the text, so surfaces stay verbatim.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache

from ..tables import load
from .positions import Edit, Normalized, OffsetMap

Repl = Callable[[re.Match[str]], str]


def _sub(text: str, pattern: re.Pattern[str], repl: Repl, offsets: OffsetMap) -> str:
    """re.sub that records where lengths change, so offsets can be mapped back."""
    parts: list[str] = []
    edits: list[Edit] = []
    last = 0
    shift = 0
    for m in pattern.finditer(text):
        new = repl(m)
        old = m.group(0)
        if new == old:
            continue
        parts.append(text[last : m.start()])
        parts.append(new)
        if len(new) != len(old):
            ns = m.start() + shift
            edits.append(Edit(ns, ns + len(new), m.start(), m.end()))
            shift += len(new) - len(old)
        last = m.end()
    if not parts:
        return text
    parts.append(text[last:])
    offsets.add_pass(edits)
    return "".join(parts)


_CHAR_MAP = str.maketrans(
    {
        "\u00a0": " ",  # no-break space
        "\u2007": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u200a": " ",
        "\u3000": " ",
        "\t": " ",
        "\u00d0": "Đ",  # Icelandic eth, a common OCR / legacy-font stand-in for Đ
        "\u00f0": "đ",
        "\u2044": "/",  # fraction slash
        "\u2215": "/",  # division slash
        "\uff0f": "/",  # full-width solidus
        "\u2010": "-",  # hyphen
        "\u2011": "-",  # non-breaking hyphen
        "\u2212": "-",  # minus sign
        "\u00ad": "-",  # soft hyphen (often a lost hyphen in PDF copies)
        "\u000b": "\n",
        "\u000c": "\n",
        "\u2028": "\n",
        "\u2029": "\n",
    }
)

#: Cyrillic capitals and small letters drawn like Latin ones, as a symbol typed on a Russian keyboard layout writes them
#: ("37/2020/NĐ-СР", "TT-BCТ": 13 texts of the raw crawl); read as Latin only in a run that touches Latin letters, digits,
#: "-" or "/" and holds no other Cyrillic letter, so Russian words stay as written
_CYRILLIC_LATIN = {"А": "A", "В": "B", "С": "C", "Е": "E", "Н": "H", "І": "I", "Ј": "J", "К": "K", "М": "M", "О": "O",
                   "Р": "P", "Ѕ": "S", "Т": "T", "Х": "X", "У": "Y", "а": "a", "с": "c", "е": "e", "о": "o", "р": "p",
                   "х": "x", "у": "y", "і": "i", "ј": "j", "ѕ": "s"}
_CYRILLIC_RUN = re.compile(r"(?<=[A-Za-zĐđ0-9/-])[\u0400-\u04FF]+|[\u0400-\u04FF]+(?=[A-Za-zĐđ0-9/-])")


def _latin_lookalikes(m: re.Match[str]) -> str:
    run = m.group(0)
    return "".join(_CYRILLIC_LATIN[c] for c in run) if all(c in _CYRILLIC_LATIN for c in run) else run


_DECOMPOSED = re.compile(r".[\u0300-\u036f]+", re.S)
_LOOKALIKE = re.compile("[" + re.escape("".join(chr(c) for c in _CHAR_MAP)) + "]")
_COMBINING = re.compile("[\u0300-\u036f]")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_CRLF = re.compile(r"\r\n?")
_UNDERSCORE = re.compile(r"(?<=\w)_(?=\w)")
# Markdown emphasis as legal-site crawls write it ("**Một là**,", "*Thứ năm*,", "– **Sửa đổi … Nghị định số
# 91/2016/NĐ-CP** ngày"): a run of asterisks touching a word on either side; a star standing alone (the
# Party header's "*" line, a "* " bullet) stays
_EMPHASIS = re.compile(r"(?<=\S)\*+|\*+(?=\S)")


@cache
def _tone_regex() -> tuple[re.Pattern[str], dict[str, str]]:
    fixes = {unicodedata.normalize("NFC", k): unicodedata.normalize("NFC", v) for k, v in load("lexicon")["tone_fixes"].items()}
    # only a syllable-final cluster moves its tone ("hoà" -> "hòa", not "hoàn"); not after q ("quý")
    # a character class first (not a 35-way alternation) keeps the scan fast
    seconds = "".join(sorted({k[1] for k in fixes}))
    rx = re.compile(r"(?=[oOuU])(?<![qQ])[oOuU][" + seconds + r"](?![^\W\d_])")
    return rx, fixes


_CODE = r"(?:\d{4}|[A-ZĐƯ][A-Za-zĐđƯư0-9]*(?:\.[A-ZĐ]+)?)(?![^\W_])"
_SYMBOL_RUN = re.compile(r"(?=\d)(?<![\w/.-])\d+[a-zA-Z]?(?:[ ]*[-/–][ ]*" + _CODE + r"){1,6}")
_SYMBOL_WRAP = re.compile(r"(?=[-/])(?<=[0-9A-ZĐa-zđ])([-/])[ ]*\n[ ]*(?=[A-ZĐ0-9][A-Za-zĐđ0-9]*(?:[-/]|\b))")
@cache
def _layout_lines() -> re.Pattern[str]:
    """Lines the layout standard starts on their own (``data/structure.json``): the number line ("Số: 45/KH-UBND",
    "Số: /QĐ-UBND"), a letter's subject line ("V/v …") and its salutation ("Kính gửi: …")."""
    parts = load("structure")["parts"]
    return re.compile(r"[\s*_|]*(?:(?:Số|SỐ)\s*(?:hiệu)?\s*[:.;]?\s*[\d/.…_]|(?:" + parts["subject_line"]["pattern"] + ")|(?:"
                      + parts["salutation"]["pattern"] + "))")


@cache
def _clause_openers() -> re.Pattern[str]:
    """What opens a clause of a preamble or a letter, capitalised ("Căn cứ …", "Thực hiện …", "Trên cơ sở …"): a line
    that starts with it begins that clause, so the wrapped salutation or heading above never runs on into it."""
    return re.compile(r"[\s*_|–-]*(?:" + load("structure")["parts"]["basis"]["pattern"] + r"|Thực\s+hiện|Trên\s+cơ\s+sở)\s")
_TERMINAL = tuple(".;:!?…|")
_FOOTNOTE_RUN_ON = re.compile(r"\s*\[\d{1,3}\][a-zđà-ỹ]")
_BULLET = re.compile(r"^\s*(?:[-+•*|#>]|\d+[.)]\s|[a-zđ][)]\s|[IVX]+[.]\s|Điều\s+\d|Chương\s+[IVX\d]|Mục\s+\d|Phần\s+[IVX\d])")
_OPEN_ENDINGS = re.compile(r"(?:\b(?:của|và|về|tại|theo|các|những|với|cho|trong)|[,(-])\s*$", re.IGNORECASE)
# "số", "ngày", "tháng", "năm" at a line's end run on only into the number below ("Kế hoạch số\n45/KH-UBND");
# "… chuyển đổi số" over "BAN CHỈ ĐẠO" is the end of a line
_NUMBER_ENDINGS = re.compile(r"\b(?:số|ngày|tháng|năm)\s*$", re.IGNORECASE)


def _fix_symbol_run(m: re.Match[str]) -> str:
    s = m.group(0)
    seps = re.findall(r"[ ]*[-/–][ ]*", s)
    if not any(" " in x for x in seps) and "–" not in s:
        return s
    if not re.search(r"[A-ZĐ]", s):
        return s
    first = seps[0]
    if len(seps) == 1 and first.startswith(" ") and first.endswith(" "):
        return s  # "2016 - BTV": a range or a dash, not a symbol
    return re.sub(r"[ ]*([-/–])[ ]*", lambda x: "-" if x.group(1) == "–" else x.group(1), s)


def is_hard_wrapped(text: str) -> bool:
    """True when lines look like a fixed-width wrap (PDF/legal-site copies), not paragraphs."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    mids = [ln for ln in lines if 30 <= len(ln) <= 130]
    if len(mids) < 8:
        return False
    open_end = sum(1 for ln in mids if not ln.endswith(_TERMINAL))
    longer = sum(1 for ln in lines if len(ln) > 200)
    return open_end / len(mids) >= 0.5 and longer <= 0.2 * len(lines)


def _join_lines(text: str, hard: bool) -> str:
    """Replace line breaks that are wraps inside a paragraph by spaces (same length)."""
    lines = text.split("\n")
    out = []
    for i, line in enumerate(lines):
        out.append(line)
        if i == len(lines) - 1:
            break
        nxt = lines[i + 1]
        prev = line.rstrip()
        if not prev.strip() or not nxt.strip():
            out.append("\n")
            continue
        first = nxt.lstrip()[:1]
        joined = False
        if prev.endswith(_TERMINAL) or _BULLET.match(nxt) or not any(c.isalnum() for c in prev) or _layout_lines().match(nxt) \
                or _layout_lines().match(line) or _clause_openers().match(nxt):
            joined = False
        elif first.islower() or _FOOTNOTE_RUN_ON.match(nxt):
            joined = True  # a continuation, or a footnote mark glued to one ("[8]thay thế …")
        elif _OPEN_ENDINGS.search(prev) or (_NUMBER_ENDINGS.search(prev) and first.isdigit()):
            joined = True
        elif hard:
            upper_prev = prev.upper() == prev and any(c.isalpha() for c in prev)
            upper_next = nxt.upper() == nxt and any(c.isalpha() for c in nxt)
            joined = upper_prev == upper_next  # an upper-case title line does not run on into the body below it
        out.append(" " if joined else "\n")
    return "".join(out)


# OCR debris (specks read as punctuation or accents): characters official text does not use,
# punctuation-only tokens at the start or end of a line ("-_ Thứ hai", ".` Cuối cùng", "Số
# 45-KH/TU_."), a period or a hyphen read inside a symbol ("QĐ./ TW", "QĐ- -TTg"), and a "1" for the
# T that opens an issuer code ("QĐ/1W"). (A letter after a number is left: "366G-QĐ" was once "36G"
# for 366 and once 366 with a speck read as G.)
# Replaced character for character, so offsets do not move.
_OCR_STRAY = re.compile(r"[`¬~^ˆ˜´¨¦_]")
_OCR_LEAD = re.compile(r"(?m)^[ \t]*(?:[.,:;'‘’]+(?:[ \t]+|(?=[^\W\d_])))+")
_OCR_TRAIL = re.compile(r"(?m)(?<=\S)(?:[ \t]+[.,:;'‘’]+)+[ \t]*$")
_OCR_SYMBOL_DOT = re.compile(r"(?<=[A-ZĐ])\.(?=[ ]*[-/][ ]*[A-ZĐ0-9])")
_OCR_DOUBLE_HYPHEN = re.compile(r"(?<=[A-Za-zĐđ0-9])-[ ]+-(?=[ ]*[A-ZĐ0-9])")
_OCR_ONE_FOR_T = re.compile(r"(?<=[A-ZĐa-z][-/])[1l](?=[A-ZĐ]{1,6}(?![^\W_]))")


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group(0))


def _ocr_cleanup(t: str) -> str:
    t = _OCR_STRAY.sub(" ", t)
    t = _OCR_LEAD.sub(_blank, t)
    t = _OCR_TRAIL.sub(_blank, t)
    t = _OCR_SYMBOL_DOT.sub(" ", t)
    t = _OCR_DOUBLE_HYPHEN.sub(lambda m: "-" + " " * (len(m.group(0)) - 1), t)
    return _OCR_ONE_FOR_T.sub("T", t)


def normalize(text: str, ocr: bool = False) -> Normalized:
    """Normalise ``text``; offsets in the result index ``Normalized.text``. ``ocr``: the text came
    from OCR, so its debris is blanked out first."""
    offsets = OffsetMap()
    original = text
    # compose base letter + combining marks (NFD input, Windows-1258 tone marks) cluster by cluster
    t = text if not _COMBINING.search(text) else _sub(text, _DECOMPOSED, lambda m: unicodedata.normalize("NFC", m.group(0)), offsets)
    t = unicodedata.normalize("NFC", t) if not unicodedata.is_normalized("NFC", t) else t
    if "\r" in t:
        t = _sub(t, _CRLF, lambda m: "\n", offsets)
    if _ZERO_WIDTH.search(t):
        t = _sub(t, _ZERO_WIDTH, lambda m: "", offsets)
    if _LOOKALIKE.search(t):
        t = _LOOKALIKE.sub(lambda m: _CHAR_MAP[ord(m.group(0))], t)  # same length; faster than str.translate
    if _CYRILLIC_RUN.search(t):
        t = _CYRILLIC_RUN.sub(_latin_lookalikes, t)  # same length
    if ocr:
        t = _ocr_cleanup(t)
    elif "_" in t:
        t = _UNDERSCORE.sub(" ", t)
    rx, fixes = _tone_regex()
    t = rx.sub(lambda m: fixes.get(m.group(0), m.group(0)), t)
    t = _sub(t, _SYMBOL_WRAP, lambda m: m.group(1), offsets)
    hard = is_hard_wrapped(t)
    t = _join_lines(t, hard)  # reads the emphasis marks: a line opening with one is not a continuation
    if "*" in t:
        t = _EMPHASIS.sub(_blank, t)  # same length: offsets do not move
    t = _sub(t, _SYMBOL_RUN, _fix_symbol_run, offsets)
    return Normalized(text=t, original=original, offsets=offsets, hard_wrapped=hard)
