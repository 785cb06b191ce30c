"""What reaches a terminal or a log: a file name or a text's words may hold control characters (ESC sequences that
recolour or clear a terminal, CR that overwrites a line, LF that forges one, U+202E that reverses what follows).
``shown`` writes each as its escape ("\\x1b", "\\u202e"), so a line on screen is the line vncite wrote."""

from __future__ import annotations

import unicodedata

#: the format characters that change how text around them is drawn (bidirectional overrides and isolates)
_BIDI = {"\u061c", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"}


def _escape(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown(value: object) -> str:
    """``value`` as text safe to print: control characters (C0, DEL, C1) and bidirectional controls escaped."""
    text = str(value)
    if text.isprintable() and not any(ch in _BIDI for ch in text):
        return text
    return "".join(_escape(ch) if ch in _BIDI or unicodedata.category(ch) == "Cc" else ch for ch in text)
