"""Plain text in any encoding Vietnamese files come in: UTF-8 (with or without BOM), UTF-16,
Windows-1258 (decomposed tone marks), and the legacy TCVN3 (ABC) and VNI font encodings, chosen
by scoring each decoding against common Vietnamese syllables."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from ..tables import load

_COMMON_RE = None


def plausibility(text: str) -> float:
    """Share of words that are common Vietnamese syllables: high for a correct decoding."""
    global _COMMON_RE
    if _COMMON_RE is None:
        words = load("lexicon")["common_syllables"]
        _COMMON_RE = {unicodedata.normalize("NFC", w).casefold() for w in words}
    sample = unicodedata.normalize("NFC", text[:20000]).casefold().split()
    if not sample:
        return 0.0
    hits = sum(1 for w in sample if w.strip(".,;:()\"'“”") in _COMMON_RE)
    return hits / len(sample)


@cache
def _tcvn3_table() -> dict[int, str]:
    return {ord(k): v for k, v in load("encodings")["tcvn3"].items()}


@cache
def _vni_regex() -> tuple[re.Pattern[str], dict[str, str]]:
    table = load("encodings")["vni"]
    keys = sorted(table, key=len, reverse=True)
    return re.compile("|".join(re.escape(k) for k in keys)), table


def tcvn3_to_unicode(text: str) -> str:
    return text.translate(_tcvn3_table())


def vni_to_unicode(text: str) -> str:
    rx, table = _vni_regex()
    return rx.sub(lambda m: table[m.group(0)], text)


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode bytes to NFC text; returns (text, encoding name)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return nfc(data[3:].decode("utf-8", errors="replace")), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return nfc(data.decode("utf-16", errors="replace")), "utf-16"
    if _looks_utf16(data):
        enc = "utf-16-le" if data[1:2] == b"\x00" else "utf-16-be"
        return nfc(data.decode(enc, errors="replace")), enc
    candidates: list[tuple[str, str]] = []
    try:
        utf8 = data.decode("utf-8")
        candidates.append((utf8, "utf-8"))
    except UnicodeDecodeError:
        utf8 = None
        candidates.append((data.decode("cp1258", errors="replace"), "cp1258"))
    if utf8 is not None and _unicode_vietnamese(utf8):
        return nfc(utf8), "utf-8"
    base = utf8 if utf8 is not None else data.decode("latin-1")
    if utf8 is None or re.search(r"[\u00a1-\u00fe]", utf8[:20000]):
        candidates.append((tcvn3_to_unicode(base), "tcvn3"))
        vni_base = utf8 if utf8 is not None else data.decode("cp1252", errors="replace")
        candidates.append((vni_to_unicode(vni_base), "vni"))
    best_text, best_enc = candidates[0]
    best_score = plausibility(best_text)
    for text, enc in candidates[1:]:
        score = plausibility(text)
        if score > best_score + 0.05:
            best_text, best_enc, best_score = text, enc, score
    return nfc(best_text), best_enc


#: letters only Unicode Vietnamese has (ă đ ơ ư and the precomposed tone letters U+1EA0-U+1EF9): a
#: legacy TCVN3 or VNI file read as UTF-8 shows none of them, only Latin-1 look-alikes
_VIETNAMESE_ONLY = re.compile(r"[ăĂđĐơƠưƯ\u1ea0-\u1ef9]")


def _unicode_vietnamese(text: str) -> bool:
    """True when the text is plainly Unicode Vietnamese (no legacy decoding needs to be tried)."""
    sample = text[:20000]
    return len(_VIETNAMESE_ONLY.findall(sample)) >= max(5, len(sample) // 200)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _looks_utf16(data: bytes) -> bool:
    head = data[:4000]
    if len(head) < 4:
        return False
    even = head[0::2].count(0)
    odd = head[1::2].count(0)
    half = len(head) / 2
    return max(even, odd) > 0.3 * half and min(even, odd) < 0.05 * half


def looks_binary(data: bytes) -> bool:
    head = data[:8000]
    if _looks_utf16(head):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > 0.02 * len(head)


def looks_html(text: str) -> bool:
    head = text[:2000].lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) and "<html" in text[:5000].lower()


