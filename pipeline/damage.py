"""Real texts damaged the ways corpora damage them, for the tests and benchmarks that measure how the pipeline reads
text as it arrives (``benchmarks/identity.py``, ``tests/test_identity.py``):

- ``headless``: everything above the title line is gone (issuer block, number, national name, place and date); a
  letter (no title word) starts at its salutation "Kính gửi:";
- ``sentence``: the headless text with its upper-case lines in sentence case (a word keeps its capital where the body
  writes it so: "Ủy ban nhân dân tỉnh Hà Nam"; a symbol keeps its capitals) and the title joined to its subject
  ("Quyết định về việc …");
- ``ocr``: the whole text, with the header's number label, date line and title read as OCR reads them ("Số;",
  "$6:", "ngay22", "QUYET ĐINH");
- ``nomarks``: the whole text, the header block and title without diacritics.

Each damage is drawn from a ``random.Random`` the caller seeds, so a text is damaged the same way on every run.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections import Counter

from .tables import type_by_word

VARIANTS = ("headless", "sentence", "ocr", "nomarks")
_BODY = re.compile(r"(?m)^[\s*#|_>]*(?:Căn\s+cứ|Kính\s+gửi|Điều\s+1\b|I\s*[.)]\s|Thực\s+hiện\s)", re.IGNORECASE)
_SALUTATION = re.compile(r"(?m)^[\s*#|_>]*Kính\s+gửi")
_NUMBER_LABEL = re.compile(r"(?m)^([\s*#|_>]*)Số\s*:")
_DATE_WORDS = re.compile(r"ngày\s+(\d)")


def _upper(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def title_line(text: str, limit: int) -> re.Match[str] | None:
    """The first upper-case line (within ``limit``) that is a type word ("QUYẾT ĐỊNH", "**KẾ HOẠCH**")."""
    words = type_by_word()
    for m in re.finditer(r"[^\n]+", text[:limit]):
        cand = m.group(0).strip(" |*#_").strip()
        if cand and _upper(cand) and cand.casefold() in words:
            return m
    return None


def strip_marks(s: str) -> str:
    s = unicodedata.normalize("NFD", s.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", "".join(c for c in s if unicodedata.category(c) != "Mn"))


def proper_words(text: str) -> set[str]:
    """Words the text writes with a capital inside a sentence more often than in lower case ("Hà", "Nam", "Bộ")."""
    up, low = Counter(), Counter()
    for m in re.finditer(r"(?<=[a-zà-ỹđ,] )([^\W\d_]+)", text):
        w = m.group(1)
        if w[0].isupper() and not w.isupper():
            up[w.lower()] += 1
        elif w.islower():
            low[w] += 1
    return {w[:1].upper() + w[1:] for w, n in up.items() if n > low[w]}


def sentence_case(line: str, capitals: set[str]) -> str:
    out, first = [], True
    for w in re.split(r"(\s+)", line):
        letters = [c for c in w if c.isalpha()]
        if not letters or any(c.isdigit() for c in w):  # a symbol keeps its capitals ("12/QĐ-UBND")
            out.append(w)
            continue
        if re.fullmatch(r"[*_]*[IVXL]+[.)][*_]*", w):  # a part's numeral keeps them too ("II.", "IV)")
            out.append(w)
            first = False
            continue
        low = w.lower()
        lead = re.match(r"[^\w]*", low)
        k = len(lead.group(0)) if lead else 0
        titled = low[:k] + low[k : k + 1].upper() + low[k + 1 :]
        out.append(titled if first or titled.strip("*_,.;:()") in capitals else low)
        first = False
    return "".join(out)


def damage(text: str, variant: str, rng: random.Random) -> str | None:
    """The text damaged one way, or None when it has no header of the kind the variant damages."""
    body = _BODY.search(text, 0, 8000)
    limit = body.start() if body else min(len(text), 4000)
    title = title_line(text, limit)
    if variant in ("headless", "sentence"):
        if title is not None:
            start = title.start()
        else:
            sal = _SALUTATION.search(text, 0, 8000)
            if sal is None:
                return None
            start = sal.start()
        out = text[start:]
        if variant == "sentence":
            capitals = proper_words(out)
            lines = out.split("\n")
            head_end = next((i for i, ln in enumerate(lines) if _BODY.match(ln)), min(len(lines), 30))
            new = [sentence_case(ln, capitals) if ln.strip(" |*#_") and _upper(ln.strip(" |*#_")) else ln for ln in lines]
            # the title joined with its subject lines: "Quyết định về việc …"
            if title is not None:
                j = 0
                while j < head_end and not new[j].strip(" |*#_"):
                    j += 1
                k = j + 1
                subject = []
                while k < head_end and len(subject) < 4:
                    s = new[k].strip(" |*#_")
                    if not s:
                        if subject:
                            break
                        k += 1
                        continue
                    subject.append(s)
                    k += 1
                if subject:
                    new[j] = new[j].strip(" |*#_") + " " + " ".join(subject)[:1].lower() + " ".join(subject)[1:]
                    del new[j + 1 : k]
            out = "\n".join(new)
        return out
    header_end = title.end() if title is not None else limit
    head, rest = text[:header_end], text[header_end:]
    if variant == "ocr":
        if not _NUMBER_LABEL.search(head):
            return None
        head = _NUMBER_LABEL.sub(lambda m: m.group(1) + rng.choice(["Số;", "$6:", "S6:", "Sô:", "So:", "Số."]), head, count=1)
        head = _DATE_WORDS.sub(lambda m: rng.choice(["ngay", "ngày", "ngav"]) + m.group(1), head)
        if title is not None:
            t0 = title.start()
            head = head[:t0] + strip_marks(head[t0:]).replace("D", rng.choice(["D", "Đ"]))
        return head + rest
    if variant == "nomarks":
        return strip_marks(head) + rest
    raise ValueError(variant)
