"""What every finder shares: patterns built from the domain tables (type words, the lexicon's word
lists, the relation cue table, the document-structure table) and underthesea's word boundaries.

Each pattern is compiled once per process, on first use; finders import them from here, never from
one another.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import Any

from ..keys import fold, fold_word
from ..tables import load, type_by_word
from ..text.positions import Segmentation

#: the type of a letter (a công văn: a header number without type code over a "V/v" line, a salutation, a letter's foot)
LETTER = "Công văn"

L = r"A-Za-zÀ-ỹĐđ"  # letters incl. Vietnamese (NFC)
NOT_LETTER_BEFORE = r"(?<![^\W\d_])"
NOT_LETTER_AFTER = r"(?![^\W\d_])"


SPACE = r"\s+"
COMMA = r"\s*,?\s*"


def phrase_pieces(phrase: str, commas: bool = False) -> list[str]:
    """A phrase as regex pieces, one per character: any run of spaces between its words, and (``commas``) an
    optional comma with any spaces where it writes one ("sửa đổi, bổ sung")."""
    parts = phrase.split(",") if commas else [phrase]
    out: list[str] = []
    for i, part in enumerate(parts):
        if i:
            out.append(COMMA)
        for j, word in enumerate(part.split()):
            if j:
                out.append(SPACE)
            out.extend(re.escape(c) for c in word)
    return out


def alternation(phrases: Iterable[list[str]]) -> str:
    """One pattern matching any of the phrases (each a list of regex pieces), as a trie: phrases that share a
    beginning share its pattern, and a longer phrase is tried before a shorter one it extends. Python's regex
    engine tries the alternatives of a plain alternation one by one at every position; a trie is tried once."""
    root: dict = {}
    for pieces in phrases:
        node = root
        for piece in pieces:
            node = node.setdefault(piece, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [piece + emit(sub) for piece, sub in node.items() if piece]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return emit(root)


def word_pattern(words: Iterable[str]) -> str:
    """Any of the phrases, any run of spaces between their words (a trie: see ``alternation``)."""
    return alternation(phrase_pieces(w) for w in sorted(set(words)) if w.split())


_VOWEL_CLASSES = {
    "a": "aàáảãạăằắẳẵặâầấẩẫậ", "e": "eèéẻẽẹêềếểễệ", "i": "iìíỉĩị", "o": "oòóỏõọôồốổỗộơờớởỡợ",
    "u": "uùúủũụưừứửữự", "y": "yỳýỷỹỵ", "d": "dđ",
}


def loose_pattern(words: Iterable[str]) -> str:
    """Type words with every vowel's tone and shape left open ("Quyêt đinh", "Nghi quyêt" from OCR), as a trie."""
    phrases = []
    for w in sorted(set(words)):
        pieces: list[str] = []
        for i, syl in enumerate(fold_word(w).split()):
            if i:
                pieces.append(SPACE)
            pieces.extend(f"[{_VOWEL_CLASSES[c]}{_VOWEL_CLASSES[c].upper()}]" if c in _VOWEL_CLASSES else re.escape(c) for c in syl)
        phrases.append(pieces)
    return alternation(phrases)


@cache
def type_word_pattern() -> str:
    """Alternation of every type word."""
    return word_pattern(type_by_word())


@cache
def type_by_folded_word() -> dict[str, str]:
    return {fold_word(w): name for w, name in type_by_word().items()}


@cache
def lexicon() -> dict:
    """The lexicon's and the issuer table's word lists as patterns."""
    lex = load("lexicon")
    iss = load("issuers")
    units = sorted(lex["units"], key=len, reverse=True)
    # an issuer's name ends where a relation verb begins ("của Ủy ban Thường vụ Quốc hội bổ sung Kế hoạch số 81")
    verbs = {w for v in load("relations")["verbs"] for w in v["words"] if " " in w or "," in w}
    stops = sorted(set(iss["stop_words"]) | {w.replace(",", "") for w in verbs}, key=len, reverse=True)
    heads = sorted(iss["heads"], key=len, reverse=True)
    return {
        "units": re.compile(r"\s*(?:" + "|".join(re.escape(u) for u in units) + r")(?![^\W\d_])", re.IGNORECASE),
        "stops": re.compile(r"(?<![^\W\d_])(?:" + "|".join(r"\s+".join(map(re.escape, s.split())) for s in stops) + r")(?![^\W\d_])"),
        "heads": re.compile(r"(?:" + "|".join(r"\s+".join(map(re.escape, h.split())) for h in heads) + r")(?![^\W\d_])"),
        # the same in any case, for a header's upper-case lines ("CỤC THUẾ", "ỦY BAN NHÂN DÂN")
        "heads_any_case": re.compile(r"(?:" + "|".join(r"\s+".join(map(re.escape, h.split())) for h in heads) + r")(?![^\W\d_])",
                                     re.IGNORECASE),
        "header_continuations": frozenset(h.casefold() for h in iss["header_continuations"]),
        "type_words": re.compile(r"(?<![^\W\d_])(?:" + word_pattern(w for w in type_by_word() if " " in w) + r")(?![^\W\d_])"),
        "not_names": tuple(n.casefold() for n in lex["not_names"]),
        "lower_short_types": frozenset(lex["lower_short_types"]),
        "name_stops": re.compile(
            r"(?<![^\W\d_])(?:" + "|".join(r"\s+".join(map(re.escape, s.split())) for s in sorted(lex["named_stop_words"], key=len, reverse=True))
            + r")(?![^\W\d_])|\svà(?=\s+[A-ZĐ])|\s[-–]\s"
        ),
    }


class TokenIndex:
    """Word boundaries from underthesea: which offsets start and end a word."""

    def __init__(self, seg: Segmentation | None):
        self.seg = seg if seg is not None and seg.chunks else None

    def is_word_span(self, start: int, end: int) -> bool:
        """True when underthesea keeps text[start:end] a word of its own, or merges it only with a
        following capitalised name ("Luật Tổ chức"), not with a lower-case syllable ("Luật gia")."""
        if self.seg is None:
            return True
        tok = self.seg.token_at(start)
        if tok is None:
            return False
        if tok.end <= end:
            return True
        rest = tok.text[end - start :].strip()
        return not rest or rest[:1].isupper() or rest[:1].isdigit()


def ordinal_markers() -> str:
    """A task-list marker as it may open a clause ("Một là,", "Thứ hai:")."""
    o = load("ordinals")
    mot = "|".join(sorted((re.escape(w) for w in o["mot_la"]), key=len, reverse=True))
    thu = "|".join(sorted((re.escape(w) for w in o["thu"]), key=len, reverse=True))
    return r"(?:(?:" + mot + r")\s+là\s*[,:]?\s*|[Tt]hứ\s+(?:" + thu + r")\s*(?:là\s*)?[,:]\s*)"


@cache
def ordinal_values() -> dict[str, int]:
    """Every ordinal word of the table, lower case, with its value ("tư" 4, "mười" 10)."""
    o = load("ordinals")
    out = {k.casefold(): v for k, v in o["count_words"].items()}
    out.update({k.casefold(): v for k, v in o["thu"].items()})
    return out


@cache
def relation_table() -> dict[str, Any]:
    """``data/relations.json`` compiled: the verb pattern, each verb's type and confidence, and the
    patterns of the forms around verbs (passive markers, object gaps, locators, …)."""
    d = load("relations")
    verbs = []
    for v in d["verbs"]:
        for w in v["words"]:
            verbs.append((w, v["type"], v["confidence"]))
    verbs.sort(key=lambda x: len(x[0]), reverse=True)
    word_type = {" ".join(w.casefold().replace(",", " , ").split()): (t, c) for w, t, c in verbs}
    one = r"(?:" + alternation(phrase_pieces(w, commas=True) for w, _, _ in verbs) + r")"
    # a look-ahead on the letters a verb phrase can open with lets the scan skip the rest of the text fast
    firsts = sorted({w[0].casefold() for w, _, _ in verbs})
    opening = "".join(sorted({c for f in firsts for c in (f, f.upper())}))
    # the verbs are scanned for alone (twice as fast as with the optional prefixes in front); a verb's prefix
    # ("để", "về việc", "nhằm tiếp tục") is read backwards from it (``verb_start``)
    verb_rx = re.compile(
        r"(?=[" + opening + r"])(?<![^\W\d_])(?P<verbs>" + one + r"(?:\s*(?:,|và|hoặc)\s*" + one + r")*)(?![^\W\d_])",
        re.IGNORECASE,
    )
    prefix_rx = re.compile(r"(?<![^\W\d_])" + d["prefixes"] + r"\Z", re.IGNORECASE)
    one_rx = re.compile(one, re.IGNORECASE)
    types = type_word_pattern()
    return {
        "verb": verb_rx,
        "prefix": prefix_rx,
        "one": one_rx,
        "word_type": word_type,
        "leading_only": set(d["leading_only"]),
        "passive_before": re.compile(d["passive_before"] + r"$", re.IGNORECASE),
        "passive_after": re.compile(d["passive_after"], re.IGNORECASE),
        "object_gap": re.compile(d["object_gap"], re.IGNORECASE),
        "locator": re.compile(d["locator"]),
        "instrument": re.compile(d["instrument"]),
        "pinpointed": re.compile(r"[\s*_:]*" + structure("pinpoint") + r"(?:của\s+)?[\s*_“\"]*"),
        "content": re.compile(d["content"], re.IGNORECASE),
        "guide_gap": re.compile(d["guide_gap"], re.IGNORECASE),
        "partial": re.compile(d["partial"]),
        "issue": re.compile(r"(?<![^\W\d_])" + d["issue_verbs"] + r"\s+(?:[^\s]+\s+){0,3}?$", re.IGNORECASE),
        "issue_own": re.compile(r"(?<![^\W\d_])" + d["issue_verbs"] + r"\s+(?P<type>" + types + r")\s*[*_“\"]*\s*$", re.IGNORECASE),
        "future": re.compile(r"(?<![^\W\d_])" + d["future"], re.IGNORECASE),
        "nominal": re.compile(r"(?<![^\W\d_])" + d["nominal"], re.IGNORECASE),
        "passive_not_implements": re.compile(d["passive_not_implements"], re.IGNORECASE),
        "collective": re.compile(d["collective"], re.IGNORECASE),
        "anaphora": re.compile(d["self_anaphora"]),
        "quote_intro": re.compile(d["quoted_provision"]["intro"] + "(?:" + structure("pinpoint") + r"(?:của\s+)?)?[\s*_]*$"),
        "quote_within": re.compile(d["quoted_provision"]["within"] + "(?:" + structure("pinpoint") + r"(?:của\s+)?)?[\s*_]*$"),
        "quote_lead": re.compile(d["quoted_provision"]["lead"]),
        "quote_close": re.compile(d["quoted_provision"]["close"]),
        "quote_reach": int(d["quoted_provision"]["reach"]),
        "guide_types": set(d["guide_types"]),
        "normative": set(d["normative_types"]),
        "rank": dict(d["rank"]),
        "local_issuers": set(d["local_issuers"]),
        "year_ref": re.compile(r"(?P<type>" + types + r")\s+(?:(?:của|do)\s+(?:(?!\svề\s)[^,;.\n]){2,60}?\s+)?(?:ban\s+hành\s+)?năm\s+(?P<year>(?:19|20)\d{2})(?!\d)",
                               re.IGNORECASE),
        "subject_type": re.compile(r"[\s*_]*(?P<type>" + types + r")(?P<this>\s+(?:này|trên|nói\s+trên|đó))?\s+(?:(?:đã|được|sẽ|là|có)\s+)*$",
                                   re.IGNORECASE),
    }


def cue_words(verbs: str) -> list[tuple[str, float]]:
    """The type and confidence of each verb of a (possibly coordinated) verb phrase, in order."""
    tab = relation_table()
    out = []
    for v in tab["one"].finditer(verbs):
        key = " ".join(v.group(0).casefold().replace(",", " , ").split())
        if key in tab["word_type"]:
            out.append(tab["word_type"][key])
    return out


def cue_types(verbs: str) -> tuple[list[str], float]:
    """The distinct relation types a verb phrase states, and the lowest confidence among them."""
    types: list[str] = []
    conf = 1.0
    for t, c in cue_words(verbs):
        if t not in types:
            types.append(t)
            conf = min(conf, c)
    return types, conf


def structure(name: str) -> str:
    """The pattern of one part of a document's layout (``data/structure.json``), as a group; the finder
    compiles it where the part must stand (a line start, a table cell) and with the table's flags."""
    return "(?:" + load("structure")["parts"][name]["pattern"] + ")"


def law_name(surface: str) -> str:
    """The folded name of a law as a reference writes it: 'Luật Đầu tư số 61/2020/QH14' -> 'luat dau tu';
    'Luật số 74/2025/QH15' -> '' (no name)."""
    head = re.sub(r"\s+(?:số|Số)\s*\S*$", "", surface.strip())
    return "" if fold(head) in ("luat", "bo luat", "phap lenh") else fold(head)


#: the title of an amending law: "Luật sửa đổi, bổ sung (một số điều của) (các) Luật A, Luật B và Luật C"
AMENDING_LAW = re.compile(r"(?:Luật|Bộ\s+luật|Pháp\s+lệnh)\s+sửa\s+đổi,?\s+bổ\s+sung\s+(?:một\s+số\s+điều\s+(?:của\s+)?)?(?:các\s+)?(?P<names>.+)$",
                          re.IGNORECASE)


def amended_law_names(surface: str) -> list[str]:
    """The folded names of the laws an amending law's title names (empty for any other reference)."""
    head = re.sub(r"\s+(?:số|Số)\s*\S*$", "", surface.strip())
    m = AMENDING_LAW.match(head)
    if not m:
        return []
    parts = re.split(r"\s*,\s*(?=(?:Luật|Bộ\s+luật|Pháp\s+lệnh)\s)|\s+và\s+(?=(?:Luật|Bộ\s+luật|Pháp\s+lệnh)\s)", m.group("names"))
    return [fold(p) for p in parts if re.match(r"(?:Luật|Bộ\s+luật|Pháp\s+lệnh)\s+\S", p)]


PREFIX_REACH = 60  # characters before a verb its prefix may take


def verb_start(text: str, pos: int) -> int:
    """Where the verb phrase whose verb starts at ``pos`` begins, its prefix included ("để thực hiện")."""
    m = relation_table()["prefix"].search(text, max(0, pos - PREFIX_REACH), pos)
    return m.start() if m else pos
