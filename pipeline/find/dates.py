"""Issue dates in the forms Vietnamese texts write them."""

from __future__ import annotations

import datetime as dt
import re

DATE = (
    r"(?:(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>(?:19|20)\d{2})"
    r"|(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s*,?\s+năm\s+(?P<y2>(?:19|20)\d{2}))"
)
DATE_RE = re.compile(DATE, re.IGNORECASE)


def iso_from_match(m: re.Match[str]) -> str | None:
    d = m.group("d") or m.group("d2")
    mo = m.group("m") or m.group("m2")
    y = m.group("y") or m.group("y2")
    return iso(int(y), int(mo), int(d))


def iso(y: int, m: int, d: int) -> str | None:
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def parse_date(text: str) -> str | None:
    """'07/01/2016', '8-2-2010', '12 tháng 5 năm 2017' -> ISO date, None when invalid."""
    m = DATE_RE.search(text)
    return iso_from_match(m) if m else None
