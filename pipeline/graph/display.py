"""How the graph is shown to people, by the web page and the CLI alike: relation words in the legal portals'
"lược đồ" terms and directions, documents and texts by human labels (never a hash or a file name), issuers in
the case their own texts use, evidence without markup, dates as dd/mm/yyyy. Every word goes through the
message catalogue (``pipeline.i18n``): Vietnamese by default, English as the second locale."""

from __future__ import annotations

import re
from functools import cache

from ..i18n import N_, _
from ..i18n import date as show_date
from ..tables import load

#: the lược đồ, in the order the portals list it: (type, this document -> others, others -> this document)
RELATION_GROUPS: tuple[tuple[str, str, str], ...] = (
    ("based_on", N_("Based on"), N_("Basis for")),
    ("guides", N_("Guides"), N_("Guided by")),
    ("amends", N_("Amends"), N_("Amended by")),
    ("replaces", N_("Replaces"), N_("Replaced by")),
    ("repeals", N_("Repeals"), N_("Repealed by")),
    ("implements", N_("Implements"), N_("Implemented by")),
)
#: one short word per relation type, for badges and legends
RELATION_WORDS = {
    "based_on": N_("based on"), "guides": N_("guides"), "amends": N_("amends"), "replaces": N_("replaces"),
    "repeals": N_("repeals"), "implements": N_("implements"), "cites": N_("cites"),
}
#: a document's standing on a date (``graph.standing``)
STATUS_WORDS = {
    "in_force": N_("in force"), "partly_amended": N_("in force, partly amended"), "partly_repealed": N_("in force, partly repealed"),
    "replaced": N_("replaced"), "repealed": N_("repealed"), "not_yet_in_force": N_("not yet in force"),
    "not_yet_issued": N_("not yet issued"), "unknown": N_("standing unknown"),
}
#: a date a reader asked for that cannot be read (``standing.read_date``): the CLI, the page and the API say the same
DATE_ERROR = N_("not a date: “%(value)s” (write YYYY-MM-DD, dd/mm/yyyy or d/m/yyyy)")
#: a change dated by its date of issue because its text states no date of effect (``standing.ISSUED_NOTE``)
ISSUED_LABEL = N_("by its date of issue; the text states no date of effect")
#: what a text is, as the store records it
KIND_WORDS = {"directive": N_("directive"), "report": N_("report")}

_MARKUP = re.compile(r"(?<![\w*])[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}(?![\w*])|(?<!\S)[*_]{1,3}(?!\S)|^\s{0,3}#{1,6}\s+|`+", re.M)


def relation_word(relation: str) -> str:
    return _(RELATION_WORDS.get(relation, relation))


def pinpoint_text(path: list[dict[str, str]] | tuple) -> str:
    """A pinpoint path as Vietnamese writes it, innermost first: 'điểm a khoản 1 Điều 3'."""
    parts = [(p["part"], p["value"]) if isinstance(p, dict) else p for p in path]
    return " ".join(f"{part} {value}" for part, value in reversed(parts))


def change_text(relation: str, key: str, partial: bool, pinpoints: list, date: str | None, label: str | None = None,
                basis: str | None = None) -> str:
    """One change to a document's standing: 'Bị bãi bỏ một phần bởi 80/2025/NQ-HĐND (điểm a khoản 1 Điều 3; 27/11/2025)';
    a change dated by its issue date (``basis`` "issued") says so: '(27/11/2025, theo ngày ban hành; văn bản không nêu
    ngày hiệu lực)'."""
    words = {"replaces": (N_("Replaced by"), N_("Partly replaced by")), "repeals": (N_("Repealed by"), N_("Partly repealed by")),
             "amends": (N_("Amended by"), N_("Amended by")), "expires": (N_("Ended by"), N_("Ended by"))}
    word = words.get(relation, (relation, relation))[1 if partial else 0]
    detail = [", ".join(pinpoint_text(p) for p in pinpoints)] if pinpoints else []
    if date:
        detail.append(show_date(date) + (", " + _(ISSUED_LABEL) if basis == "issued" else ""))
    return f"{_(word)} {label or key}" + (f" ({'; '.join(detail)})" if detail else "")


def part_text(partial: bool, pinpoints: list | None) -> str:
    """The part of a document a change acts on, for a table cell: its pinpoints, 'a part' when the text says
    so without naming it, '' for the whole."""
    if pinpoints:
        return ", ".join(pinpoint_text(p) for p in pinpoints)
    return _("a part") if partial else ""


def status_word(status: str) -> str:
    return _(STATUS_WORDS.get(status, status))


def heading(relation: str, direction: str) -> str:
    """The lược đồ heading of one relation type seen from a document: 'Replaces' / 'Replaced by'."""
    for t, out, inc in RELATION_GROUPS:
        if t == relation:
            word = out if direction == "out" else inc
            return _(word)
    return relation_word(relation)


def clean(text: str | None) -> str:
    """Text as a reader should see it: Markdown emphasis, headings and code marks removed, spaces joined."""
    if not text or not isinstance(text, str):
        return ""
    return " ".join(_MARKUP.sub(" ", text).split()).strip(" ;,")


@cache
def _case_table() -> tuple[list[str], list[str], list[str]]:
    table = load("issuers")
    display = table.get("display_case", {})
    words = sorted(set(table.get("heads", [])) | set(display.get("proper", [])), key=len, reverse=True)
    return words, display.get("named_after", []), display.get("places_after", [])


def issuer(name: str | None) -> str:
    """An issuer in the case its body's texts use: a name written in capitals in a header ('ỦY BAN NHÂN DÂN
    TỈNH HÀ NAM', 'CHÍNH PHỦ') becomes 'Ủy ban nhân dân tỉnh Hà Nam', 'Chính phủ'; markup is removed; a
    name already in mixed case is kept."""
    name = clean(name)
    letters = [c for c in name if c.isalpha()]
    if not letters or not all(c.isupper() for c in letters) or len(letters) <= 6 and " " not in name:
        return name  # mixed case already, or an abbreviation ('BCHTW', 'UBND')
    words, named_after, places_after = _case_table()
    low = name.lower()
    out = low[0].upper() + low[1:]
    spelled = {w.lower(): w for w in words}  # the vocabulary's own spelling ('Ban Chấp hành', 'Trung ương', 'Ủy ban')
    vocabulary = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in spelled) + r")(?!\w)", re.I)
    out = vocabulary.sub(lambda m: spelled.get(m.group(0).lower(), m.group(0)), out)  # one pass: longest words first
    for w in named_after:  # 'Bộ tài chính' -> 'Bộ Tài chính'
        out = re.sub(rf"(?<!\w)({re.escape(w)}) (\w)", lambda m: f"{m.group(1)} {m.group(2).upper()}", out)
    for w in places_after:  # 'tỉnh hà nam' -> 'tỉnh Hà Nam' (a place is a proper name to the end)
        out = re.sub(rf"(?<!\w)({re.escape(w)}) (.+)$", lambda m: f"{m.group(1)} {m.group(2).title()}", out)
    return out


def document_label(key: str, doc_type: str | None = None, number: str | None = None, issuer_name: str | None = None,
                   date: str | None = None, title: str | None = None) -> str:
    """A document as a person names it: its key when it has a number; one without ('Quyết định (không số) —
    Ủy ban nhân dân tỉnh Hà Nam, 02/12/2025'); a text that is no document, by its title."""
    if not key.startswith(("sha256:", "error:")) and key:
        return key
    if doc_type:
        label = _("{type} (no number)").format(type=doc_type)
        tail = ", ".join(x for x in (issuer(issuer_name), show_date(date)) if x)
        return f"{label} — {tail}" if tail else label
    if title:
        return clean(title)
    return _("untitled text")


def _folded_with_map(text: str) -> tuple[str, list[int]]:
    """``text`` folded character by character (``keys.fold``'s rule without collapsing), with each folded
    character's position in ``text``."""
    import unicodedata

    out, where = [], []
    for i, ch in enumerate(text):
        base = unicodedata.normalize("NFD", ch.replace("đ", "d").replace("Đ", "D"))
        for c in "".join(c for c in base if unicodedata.category(c) != "Mn").casefold() or " ":
            out.append(c if c.isalnum() else " ")
            where.append(i)
    return "".join(out), where


def snippet(text: str | None, words: list[str], width: int = 160) -> tuple[str, str, str] | None:
    """Where the first of ``words`` (folded) occurs in ``text``: (before, match, after), cut to about
    ``width`` characters around it; None when none occurs."""
    text = clean(text)
    if not text or not words:
        return None
    folded, where = _folded_with_map(text)
    best = None
    # whole words only (the "co" of "công" is no match), the last as a prefix: it may be a word still being typed
    ends = [r"(?![a-z0-9])"] * (len(words) - 1) + [""]
    phrase = re.search(r"(?<![a-z0-9])" + r"\s+".join(re.escape(w) + e for w, e in zip(words, ends, strict=True)), folded)
    if phrase:
        best = (phrase.start(), phrase.end())
    for w, e in zip(words, ends, strict=True) if best is None else ():
        m = re.search(rf"(?<![a-z0-9]){re.escape(w)}{e}", folded)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), m.end())
    if best is None:
        return None
    start, end = where[best[0]], where[best[1] - 1] + 1
    lo = max(0, start - width // 3)
    hi = min(len(text), end + width - (start - lo))
    before = ("…" if lo > 0 else "") + text[lo:start]
    return before, text[start:end], text[end:hi] + ("…" if hi < len(text) else "")


def tree_order(root: str, nodes: list) -> list:  # noqa: ANN001
    """Implements-tree nodes (anything with ``key`` and ``via``) in display order: each under the document it implements,
    depth first, earlier plans first; a plan reached twice is shown once."""
    def field(n: object, name: str) -> object:
        return n[name] if isinstance(n, dict) else getattr(n, name)

    children: dict[object, list] = {}
    for n in nodes:
        children.setdefault(field(n, "via"), []).append(n)
    def kids(key: object) -> list:
        return sorted(children.get(key, []), key=lambda n: (str(field(n, "date") or ""), str(field(n, "key"))), reverse=True)

    out: list = []
    seen: set = set()
    todo = kids(root)  # a stack, not recursion: a chain may be a thousand levels deep
    while todo:
        n = todo.pop()
        if field(n, "key") in seen:
            continue
        seen.add(field(n, "key"))
        out.append(n)
        todo += kids(field(n, "key"))
    return out
