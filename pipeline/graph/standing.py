"""Is a document in force on a date? Derived from what the texts state, never assumed:

- its own date of effect ("có hiệu lực (thi hành) kể từ ngày …", from its own text, else from a text that
  states it) and of expiry ("hết hiệu lực …");
- the documents that replace, repeal or amend it (``relations``; partial when their object is pinpointed:
  "bãi bỏ khoản 3 Điều 26 …", or the text says so: "bãi bỏ một phần Quyết định …"), each taking effect on its
  own stated date of effect, else on its date of issue (``basis`` says which: "issued" is shown as "theo ngày ban
  hành; văn bản không nêu ngày hiệu lực"), else at an unknown time (counted: the change is stated).

On a date D: before its own date of issue → ``not_yet_issued``; replaced or repealed (whole, or expired) by then
→ ``replaced`` / ``repealed``; not yet in force
(its date of effect after D) → ``not_yet_in_force``; part repealed → ``partly_repealed``; amended →
``partly_amended``; in force with evidence (its date of effect on or before D) → ``in_force``; otherwise
``unknown``. Where it can be wrong: a change whose text states no date of effect is dated by its issue date; a
relation the extractor missed is a change the standing does not know; "in force" rests on one stated date."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

STATUSES = ("in_force", "partly_amended", "partly_repealed", "replaced", "repealed", "not_yet_in_force", "not_yet_issued",
            "unknown")
#: what a date of effect that is really a date of issue says of itself, in every face (API: ``Dated.note``)
ISSUED_NOTE = "date of issue; the text states no date of effect"

#: the forms a reader may ask a standing on, in the CLI, the page and the API alike
_ASKED = (re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"), re.compile(r"(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})"))


class UnreadableDate(ValueError):
    """A date a reader asked for that is not one (``value``: what they wrote)."""

    def __init__(self, value: str):
        super().__init__(value)
        self.value = value


def read_date(value: str | None) -> str | None:
    """The ISO date a reader asks for: YYYY-MM-DD, dd/mm/yyyy or d/m/yyyy; None for nothing asked (today).
    Anything else, a day that does not exist (31/02/2024) included, raises ``UnreadableDate``; never a silent
    "today"."""
    if value is None or not value.strip():
        return None
    for form in _ASKED:
        m = form.fullmatch(value.strip())
        if m:
            try:
                return dt.date(int(m["y"]), int(m["m"]), int(m["d"])).isoformat()
            except ValueError:
                break
    raise UnreadableDate(value[:40])


@dataclass
class Dated:
    """A stated date with where it comes from."""

    date: str | None
    evidence: str | None = None
    path: str | None = None
    basis: str = "stated"  # stated (a date of effect a text gives) | issued (the document's date of issue) | unknown
    note: str | None = None  # for "issued": ``ISSUED_NOTE``, so that no face shows an issue date as a date of effect
    year: int | None = None  # for "unknown": the year of issue its number gives (nothing of it applies before)


@dataclass
class Change:
    """A document that replaces, repeals or amends this one (or states that it ends), with when that takes effect."""

    key: str
    relation: str  # replaces | repeals | amends | expires
    partial: bool
    pinpoints: list[Any]
    when: Dated
    evidence: str | None = None
    path: str | None = None


@dataclass
class Standing:
    key: str
    on: str
    status: str
    effective: Dated | None = None
    expires: Dated | None = None
    changes: list[Change] = field(default_factory=list)  # every stated change, dated, oldest first
    applied: list[Change] = field(default_factory=list)  # those in effect on ``on``
    issued: str | None = None  # its own date of issue, when known


def decide(key: str, on: str, effective: Dated | None, expires: Dated | None, changes: list[Change],
           issued: str | None = None) -> Standing:
    """The status of ``key`` on ``on`` (ISO date) from its dates and the changes stated against it."""
    changes = sorted(changes, key=lambda c: (c.when.date or "9999-99-99", c.key))
    if issued and on < issued:  # nothing of it exists yet: no change can apply to it
        return Standing(key, on, "not_yet_issued", effective, expires, changes, [], issued)
    # a change of unknown date applies once its year has begun (Nghị định 55/2005 cannot act in 2004)
    applied = [c for c in changes if (c.when.date or (f"{c.when.year:04d}-01-01" if c.when.year else "")) <= on]
    out = Standing(key, on, "unknown", effective, expires, changes, applied, issued)
    whole = [c for c in applied if not c.partial and c.relation in ("replaces", "repeals", "expires")]
    if whole:  # the change that ended it says how: replaced, or repealed
        out.status = "replaced" if whole[0].relation == "replaces" else "repealed"
    elif expires is not None and expires.date and expires.date <= on:  # ended, by no change the store knows
        out.status = "repealed"
    elif effective is not None and effective.date and on < effective.date:
        out.status = "not_yet_in_force"
    elif any(c.relation == "repeals" for c in applied):  # a part repealed
        out.status = "partly_repealed"
    elif any(c.relation in ("amends", "replaces") for c in applied):  # amended, or a part replaced
        out.status = "partly_amended"
    elif effective is not None and effective.date and effective.date <= on:
        out.status = "in_force"
    return out
