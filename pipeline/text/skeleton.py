"""Reading layout words however they arrive: in capitals or sentence case, with or without their marks.

A header that OCR or plain-ASCII typing damaged ("So: 12/QD-UBND", "QUYET DINH", "ngay22 thang 3 nam 2025") and a
header that lost its case ("Quyết định về việc …") are read like the printed original through two same-length views
of a text, so that every offset found in a view indexes the text itself:

- ``skeleton``: lower case, no marks, "đ" as "d" ("QUYẾT ĐỊNH" -> "quyet dinh");
- ``restore_marks``: the words of a vocabulary (the layout's words and the type words, ``data/structure.json``
  ``layout_words``) given back their marks where the text wrote them without any, each letter in its own case
  ("QUYET DINH" -> "QUYẾT ĐỊNH", "ngay22" -> "ngày22").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache


def _base(ch: str) -> str:
    if ch in "đĐ":
        return "d"
    b = unicodedata.normalize("NFD", ch)[0].lower()
    return b if len(b) == 1 else ch.lower()


@cache
def _table() -> dict[int, str]:
    out: dict[int, str] = {}
    for cp in list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)) + list(range(0x41, 0x5B)):
        ch = chr(cp)
        if ch.isalpha():
            b = _base(ch)
            if len(b) == 1 and b != ch:
                out[cp] = b
    return out


def skeleton(text: str) -> str:
    """The text in lower case without marks, character for character (offsets are the text's own).

    >>> skeleton("QUYẾT ĐỊNH Số: 12/QĐ-UBND")
    'quyet dinh so: 12/qd-ubnd'
    """
    return text.translate(_table())


def has_marks(word: str) -> bool:
    """Whether a word carries any Vietnamese mark (a tone, a breve or circumflex or horn, the bar of đ)."""
    return any(c != _base(c) and c.lower() != _base(c) for c in word) or any(c in "đĐ" for c in word)


def _cased(canon: str, written: str) -> str:
    """``canon``'s letters in the case ``written`` has at the same place."""
    return "".join(c.upper() if w.isupper() else c.lower() for c, w in zip(canon, written, strict=True))


@cache
def _restorer(words: tuple[str, ...]) -> tuple[re.Pattern[str], dict[str, str]]:
    by_skeleton: dict[str, str] = {}
    for w in sorted(words, key=len, reverse=True):
        by_skeleton.setdefault(" ".join(skeleton(w).split()), w)
    alts = sorted(by_skeleton, key=len, reverse=True)
    rx = re.compile(r"(?<![^\W_])(?:" + "|".join(r"\s+".join(map(re.escape, a.split())) for a in alts) + r")(?![^\W_])")
    return rx, by_skeleton


def restore_marks(text: str, words: Iterable[str]) -> str:
    """``text`` with the ``words`` (written with their marks) restored wherever the text writes them without any mark:
    same length, each letter keeping its case. A word written with some mark is left as it is.

    >>> restore_marks("**QUYET DINH** Ve viec", ["Quyết định", "Về việc"])
    '**QUYẾT ĐỊNH** Về việc'
    >>> restore_marks("Quyết dinh", ["Quyết định"])
    'Quyết dinh'
    """
    rx, by_skeleton = _restorer(tuple(words))
    skel = skeleton(text)
    parts: list[str] = []
    last = 0
    for m in rx.finditer(skel):
        written = text[m.start() : m.end()]
        if any(has_marks(w) for w in written.split()):
            continue
        canon = by_skeleton[" ".join(m.group(0).split())]
        # the written spaces kept: the canonical words placed over the written ones
        new = []
        cw = iter(canon.split())
        for piece in re.split(r"(\s+)", written):
            new.append(piece if not piece or piece.isspace() else _cased(next(cw), piece))
        parts.append(text[last : m.start()])
        parts.append("".join(new))
        last = m.end()
    if not parts:
        return text
    parts.append(text[last:])
    return "".join(parts)


def skeleton_pattern(pattern: str) -> str:
    """A regular expression written over Vietnamese text, rewritten to match its ``skeleton``: every literal letter
    folded, escapes (``\\s``, ``\\W``, ``\\d`` …) and group syntax kept.

    >>> skeleton_pattern(r"Căn\\s+cứ|KÍNH\\s+GỬI")
    'can\\\\s+cu|kinh\\\\s+gui'
    """
    out: list[str] = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\" and i + 1 < len(pattern):
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if c == "(" and pattern.startswith("(?P<", i):
            j = pattern.index(">", i)
            out.append(pattern[i : j + 1])
            i = j + 1
            continue
        if c == "(" and pattern.startswith("(?P=", i):
            j = pattern.index(")", i)
            out.append(pattern[i : j + 1])
            i = j + 1
            continue
        if c == "{" and re.match(r"\{\d*,?\d*\}", pattern[i:]):
            m = re.match(r"\{\d*,?\d*\}", pattern[i:])
            assert m
            out.append(m.group(0))
            i += len(m.group(0))
            continue
        out.append(skeleton(c) if c.isalpha() else c)
        i += 1
    return "".join(out)
