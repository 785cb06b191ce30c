"""How a clause around a relation verb reads (the relation finder, ``find/relations.py``, states relations from it):
the text with its mentions indexed (``ClauseText``: sentences, clauses, the mention before or after a place), the verb
(``Cue``), the document the verb follows directly or through its title (``agent_before``: "Thông tư 15/2019 … hướng
dẫn …"), and the list of documents it acts on (``read_objects``): the first after the verb (past adverbs, "một số điều
của", parts named, a law named by name first), then every item coordinated with it (",", "và", ";" in a preamble, list
rows, across an item's own title), an item's own title and inner verbs kept inside the item, an alias in parentheses
closing an entry, a parallel item with its own verb or a sibling of the agent ending the list. Its patterns are the
forms of ``data/relations.json``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache

from ..records import Mention
from ..tables import type_by_word
from ..text import Document
from .lexicon import relation_table, structure, type_word_pattern


@dataclass(frozen=True)
class Cue:
    """One relation verb phrase (possibly coordinated verbs) found in the text."""

    types: tuple[str, ...]
    start: int  # the phrase, prefix included
    verb_start: int
    end: int
    passive: bool
    confidence: float


_ARTICLE = re.compile(r"(?m)^[\s*#|_]*" + structure("article"))


# what may stand between a document (with its date, issuer, term) and the verb it is the agent of
BETWEEN = re.compile(r"[\s,*_”\"')]*(?:\[\d+\][\s*_]*)?(?:\(\s*(?:sau\s+đây|gọi\s+tắt)[^)]{0,120}\)[\s,*_]*)?(?:năm\s+(?:19|20)\d{2}[\s,*_]*)?")


_TITLE_OPENERS = re.compile(
    r"[\s,*_]*(?:năm\s+(?:19|20)\d{2}[\s,*_]*)?(?:về|Về|VỀ|quy\s+định|ban\s+hành|phê\s+duyệt|hướng\s+dẫn|“|\"|tại|trong\s+đó|nhằm|để|với|có|gồm)\b",
)


_SUBJECT_HEAD = re.compile(r"[\s*#|>+\-•_]*(?:(?:Theo|theo)\s[^,;]{0,100}?\s+thì\s+|(?:Ngày|Tháng|Năm)\s[^,;]{1,30},\s*|[^,;]{0,60}?,\s+)?[\s*_]*")


_CONJ_END = re.compile(r"(?:\b(?:và|hoặc|cũng\s+như|đồng\s+thời)|,)\s*$")


LIST_ITEM = re.compile(r"[\s*_|>#]*(?:\d+(?:\.\d+)*\s*[.)|]|[a-zđ]\)|[-+•])?[\s*_|]*")


_ROW_START = re.compile(r"\s*(?:\|\s*)*(?:\d+(?:\.\d+)*\s*[.)]?\s*(?:\|\s*)?|[a-zđ]\)\s*|[-+•]\s*)?[*_\s]*")
#: a row that names parts of its document first ("b) Khoản 5 Điều 13 và khoản 3 Điều 14 Nghị định số 165/2017/NĐ-CP …")
#: ("c) Khoản 2 Điều 3; các khoản 1, 3 Điều 7 và khoản 2 Điều 8 của Nghị định số 135/2020/NĐ-CP …")
_ROW_PARTS = re.compile(_ROW_START.pattern + "(?:[Cc]ác\\s+)?(?:" + structure("pinpoint") + r")(?:(?:[,;]|và|các|của|\s)+(?:"
                        + structure("pinpoint") + r"))*[\s,;]*(?:của\s+)?[*_\s]*")


MAX_TITLE_WORDS = 40
#: how many times in a row a verb's objects may name documents already among them ("… (sau đây gọi tắt là Nghị quyết
#: 57)", a title naming its object) before the walk stops: real texts do it a few times, a hostile line without
#: punctuation ("Thực hiện Kết luận số 120-KL/TW … " repeated) millions
SAME_DOC_SKIPS = 32


class ClauseText:
    """The text with its mentions indexed once: positions, clauses, sentences."""

    def __init__(self, doc: Document, mentions: list[Mention]):
        self.doc = doc
        self.t = doc.text
        self.lines = doc.lines
        self.seg = doc.segmentation
        self.ms = sorted((m for m in mentions if m.key), key=lambda m: m.start)
        self.starts = [m.start for m in self.ms]
        self.ends = [m.end for m in self.ms]

    def sentence(self, pos: int) -> tuple[int, int]:
        s = self.seg.sentence_at(pos)
        if s is not None:
            return s.start, s.end
        return self.lines.at(pos)

    def clause(self, pos: int) -> tuple[int, int]:
        lo, hi = self.sentence(pos)
        cut = self.t.rfind(";", lo, pos)
        lo = cut + 1 if cut >= 0 else lo
        nxt = self.t.find(";", pos, hi)
        return lo, hi if nxt < 0 else nxt

    def covered(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and pos < self.ends[i]

    def after(self, pos: int) -> Mention | None:
        i = bisect.bisect_left(self.starts, pos)
        return self.ms[i] if i < len(self.ms) else None

    def before(self, pos: int) -> Mention | None:
        """The last mention whose words end at or before ``pos``."""
        i = bisect.bisect_right(self.starts, pos) - 1
        while i >= 0 and self.ms[i].end > pos:
            i -= 1
        return self.ms[i] if i >= 0 else None

    def between(self, lo: int, hi: int) -> list[Mention]:
        return self.ms[bisect.bisect_left(self.starts, lo) : bisect.bisect_left(self.starts, hi)]


def _is_list_row(line: str) -> bool:
    return bool(re.match(r"\s*(?:\|\s*)*(?:\d+(?:\.\d+)*\s*[.)|]|[a-zđ]\)|[-+•])", line)) or line.count("|") >= 2


def row_mentions(tx: ClauseText, pos: int) -> list[Mention]:
    """The first document of each list item or table row after ``pos`` (the end of a heading ending
    with ':'), until the list ends. An item hard-wrapped over lines goes on until its sentence ends."""
    out: list[Mention] = []
    line_start = tx.t.find("\n", pos)
    blank_run = 0
    open_item = False  # the line before ends inside an item's sentence
    while line_start >= 0 and line_start < len(tx.t):
        lo = line_start + 1
        hi = tx.t.find("\n", lo)
        hi = len(tx.t) if hi < 0 else hi
        line = tx.t[lo:hi]
        line_start = hi if hi < len(tx.t) else -1
        if not line.strip(" |*_-"):
            blank_run += not line.strip()  # lines of table rules or empty cells do not end a table
            open_item = False
            if blank_run > 2:
                break
            continue
        blank_run = 0
        first = tx.after(lo)
        # an item opens with a bullet, a number or the document itself ("Nghị định số 151/2025/NĐ-CP …"); not with
        # words ("Căn cứ Nghị định …": the preamble after the list)
        starts_item = _is_list_row(line) or first is not None and first.start - lo < 12 and not re.search(r"[^\W\d_]", tx.t[lo : first.start])
        if _ARTICLE.match(line) or not (starts_item or open_item):
            break
        open_item = bool(out or starts_item) and not re.search(r"[.;:!?][\s*_”\"')]*$", line)
        if not starts_item:
            continue  # "thẩm quyền của chính quyền địa phương …": the item above, wrapped
        m = tx.after(lo)
        if m is None or m.start >= hi:
            continue
        head = tx.t[lo : m.start]
        if _ROW_START.fullmatch(head) or len(head) < 12 or ("|" in line and "|" in head and len(head) < 80) or _ROW_PARTS.fullmatch(head):
            out.append(m)  # a table row's first document (its type may stand in a cell of its own)
    return out


#: the relations an instrument issued with an act passes on to the act ("sửa đổi … Quy chế … ban hành kèm theo Thông tư
#: số 06/2024/TT-BGDĐT"); carrying out a Quy chế is said of the Quy chế, not of whatever act named it
_CHANGES_OR_BASIS = frozenset({"amends", "replaces", "repeals", "based_on"})


#: what joins two objects of one verb: "A, B", "A và B", "A; B", "khoản 2 Điều 6 Thông tư A và Điều 1 Thông tư B" (not
#: "…; điểm b khoản 1 Điều 27 Nghị định C được sửa đổi …" nor "… hoặc điểm a khoản 1 Điều 22 Luật D": another clause)
_COORDINATED = re.compile(r"[\s*_”\"')]*(?:(?:,|;|và|hoặc|,\s*và|cùng)\s*[*_“\"(]*|(?:,|và|,\s*và)\s*" + structure("pinpoint")
                          + r"(?:của\s+)?)(?:(?:số|Số)\s*)?")  # a part named before the next: after ',' or 'và' only


def read_objects(tx: ClauseText, pos: int, limit: int, list_mode: bool, types: tuple[str, ...] = (), in_list: bool = False) -> tuple[list[Mention | str], bool]:
    """The documents a verb ending at ``pos`` acts on, and whether the action is partial (some
    articles or words of them). ``limit``: where the verb's sentence ends; ``list_mode``: a
    preamble clause, whose objects may continue past ';'; ``in_list``: a verb inside an item of such a list (a title's
    verb), whose objects end at the item's ';'."""
    tab = relation_table()
    t = tx.t
    m = tx.after(pos)
    partial = False
    collective = tab["collective"].match(t, pos, min(len(t), pos + 400))
    if collective and (m is None or m.start >= collective.end()):
        if m is not None and m.start < tx.lines.end(collective.end()) and re.fullmatch(r"[\s*_“\"]*", t[collective.end() : m.start]):
            # "Căn cứ các Luật của Quốc hội: Luật A số …; Luật B số …;": the list follows on the heading's line
            return read_objects(tx, collective.end(), limit, list_mode=True, types=types)
        rows = row_mentions(tx, collective.end())
        return list(rows), False
    colon = re.match(r"[ \t*_]*:[ \t*_]*(?=\n)", t[pos : pos + 20])
    if colon:  # "… được sửa đổi, bổ sung bởi:", "Quyết định này … thay thế:", "2. Bãi bỏ:" over a list of documents
        return list(row_mentions(tx, pos + colon.end())), False
    if m is not None and m.start < limit + 1:
        gap = t[pos : m.start]
        if tab["object_gap"].fullmatch(gap):
            partial = bool(tab["partial"].search(gap))
        elif (tab["locator"].fullmatch(t, lead := tab["object_gap"].match(t, pos).end(), m.start)
              or tab["pinpointed"].fullmatch(t, lead, m.start)
              or set(types) & _CHANGES_OR_BASIS and tab["instrument"].fullmatch(t, lead, m.start)) and ";" not in gap:
            partial = True  # "sửa đổi khoản 2 Điều 5 Nghị định …", "thay thế quy định tại Điều 3 Quy định ban hành kèm theo …"
        elif tab["content"].fullmatch(t, pos, m.start) or ("guides" in types and tab["guide_gap"].fullmatch(t, pos, m.start)
                                                             and not _GUIDE_GAP_NOT.search(t, pos, m.start)):
            # "thay thế các nội dung áp dụng đối với doanh nghiệp nhỏ và vừa tại Quyết định số 48/2006/QĐ-BTC": a part of it
            partial = bool({"amends", "replaces", "repeals"} & set(types)) and bool(tab["partial"].search(gap))
        elif set(types) & {"guides", "implements"} and _NAMED_FIRST.fullmatch(t, tab["object_gap"].match(t, pos).end(), m.start):
            pass  # "hướng dẫn thi hành một số điều của Luật Quản lý thuế và Nghị định số 126/2020": a law named first, then the document
        elif list_mode and re.fullmatch(r"[\s*_“\"]*(?:" + type_word_pattern() + r")[^;\n]{0,300};[\s*_“\"]*", gap, re.IGNORECASE):
            pass  # a preamble list that opens with a document named without number ("Thực hiện Nghị quyết Đại hội XIII; Chỉ thị số 45-CT/TW …")
        else:
            m = None
    else:
        m = None
    if m is None:
        ym = tab["year_ref"].match(t, pos + len(tab["object_gap"].match(t, pos).group(0)))
        if ym:
            word = type_by_word().get(" ".join(ym.group("type").split()).casefold())
            same = {x.key for x in tx.ms if x.doc_type == word and x.year == int(ym.group("year")) and not x.self}
            if len(same) == 1:
                return [same.pop()], False
        return [], False
    objs: list[Mention | str] = [m]
    prev = m
    close = _closing_paren(t, tx.sentence(pos)[0], pos)
    seen_keys = {m.key}
    gap_from = prev.extent_end
    entry_end: int | None = None  # where prev's entry ends when an alias closes it
    skipped = 0  # documents already among the objects, named again since the last one taken
    while True:
        nxt = tx.after(max(prev.end, gap_from))
        if nxt is None:
            break
        if nxt.key in seen_keys and nxt.start >= gap_from:
            skipped += 1
            if skipped > SAME_DOC_SKIPS:
                break  # a line without punctuation naming one document over and over: the walk stays linear
            gap_from = nxt.extent_end  # the same document again ("(sau đây gọi tắt là Nghị quyết 57)")
            continue
        alias = _alias_of(tx, prev, nxt, limit) if entry_end is None else None
        if alias is not None:
            # "B … về ban hành Kế hoạch triển khai Nghị quyết A … (Nghị quyết số B) và C": the documents inside B's
            # title are B's; B's entry ends at its alias, and what follows it is coordinated with B
            gap_from = entry_end = alias
            continue
        gap = t[entry_end if entry_end is not None else prev.extent_end : nxt.start] if nxt.start >= prev.extent_end else ""
        if nxt.start < prev.extent_end:
            break
        if _COORDINATED.fullmatch(gap) and not (in_list and ";" in gap):
            pass
        elif _coordinated_after_title(t, gap, list_mode):
            if not list_mode and _refers_back(tx, nxt, limit, pos):
                break  # "… X “Về …” và Nghị quyết số 51/NQ-CP … về Chương trình … thực hiện X": a parallel item, not an object
        else:
            break
        if _governs(tx, prev.extent_end, nxt.start, nxt) or (not list_mode and nxt.doc_type != m.doc_type and _acts(tx, nxt, limit)):
            break
        if close is not None and nxt.start > close:
            break
        objs.append(nxt)
        skipped = 0
        seen_keys.add(nxt.key)
        prev = nxt
        gap_from = nxt.extent_end
        entry_end = None
    return objs, partial


def _refers_back(tx: ClauseText, m: Mention, limit: int, verb_end: int) -> bool:
    """Does ``m``'s own title (up to its clause's end) state a relation to a document named before the verb
    (the verb's own agent: "Kết luận 91 … thực hiện Nghị quyết 29 “…” và Nghị quyết 51/NQ-CP … về Chương
    trình … thực hiện Kết luận 91")? Then the list reached across the previous item's title is a list of
    documents with their titles, and ``m`` is not an object of the first item's verb."""
    t = tx.t
    end = min(limit, m.extent_end + 300)
    cut = re.search(r"[;\n]", t[m.extent_end : end])
    end = m.extent_end + cut.start() if cut else end
    for v in relation_table()["verb"].finditer(t, m.extent_end, end):
        o = tx.after(v.end())
        if not tx.covered(v.start()) and o is not None and o.start < end and any(
                x.key == o.key for x in tx.between(tx.sentence(verb_end)[0], verb_end)):
            return True
    return False


def _alias_of(tx: ClauseText, prev: Mention, nxt: Mention, limit: int) -> int | None:
    """Where ``prev``'s entry ends when its title (which ``nxt`` is inside) closes with an alias of it in
    parentheses ("… (Nghị quyết số 50/NQ-CP)", "(sau đây gọi là Quyết định số 1132/QĐ-TTg)"): the end of the
    parenthesis; None when no such alias follows within the sentence."""
    for m in tx.between(nxt.start, min(limit, prev.extent_end + 600)):
        if m.key == prev.key and m.start > nxt.start:
            opening = tx.t.rfind("(", prev.extent_end, m.start)
            close = tx.t.find(")", m.end, m.end + 3)
            if opening >= 0 and close >= 0 and re.fullmatch(r"\(\s*(?:(?:sau\s+đây\s+)?(?:gọi\s+(?:tắt\s+)?là|viết\s+tắt\s+là)\s*)?[“\"]?",
                                                            tx.t[opening : m.start]):
                return close + 1
            return None
    return None


def _coordinated_after_title(t: str, gap: str, list_mode: bool) -> bool:
    """'X quy định chi tiết … pháp luật và Nghị định số Y': Y is coordinated with X across X's title;
    in a preamble list, 'X …; Y …;' likewise."""
    if "\n" in gap.strip("\n ") and not list_mode:
        return False
    if list_mode:
        head, sep, tail = gap.rpartition(";")
        if sep and re.fullmatch(r"[\s*_“\"]*(?:(?:và|,)\s*)?", tail) and len(head.split()) <= 80:
            return True
        if re.fullmatch(r"[^;]{0,400}?\)\s*,\s*", gap):
            return True  # an entry closed by its alias, then a comma: "… (Nghị quyết số 163/2024/QH15), Nghị quyết số 50/NQ-CP"
    m = re.fullmatch(r"(?P<title>[^;.\n]{0,400}?)\s+(?:và|,\s*và)\s*[*_“\"]*", gap) if not list_mode else re.fullmatch(
        r"(?P<title>[^;\n]{0,400}?)\s*(?:\s(?:và|,\s*và)|;)\s*[*_“\"]*", gap)
    # a title that names another document ("Thông báo 552 … Kết luận Phiên họp … về …, chuyển đổi số và Đề án 06"):
    # what follows its "và" is that document's
    return bool(m) and len(m.group("title").split()) <= 60 and not re.search(r"\.\s+[A-ZĐ]", m.group("title")) \
        and not _other_document(m.group("title"))


def _governs(tx: ClauseText, lo: int, hi: int, m: Mention) -> bool:
    """Does a relation verb between ``lo`` and ``hi`` take ``m`` as its object (then ``m`` is not
    coordinated with what came before)?"""
    tab = relation_table()
    for v in tab["verb"].finditer(tx.t, lo, hi):
        if tx.covered(v.start()):
            continue
        gap_end = v.end()
        if tab["object_gap"].fullmatch(tx.t, gap_end, m.start) or tab["locator"].fullmatch(tx.t, gap_end, m.start) \
                or tab["content"].fullmatch(tx.t, gap_end, m.start):
            return True
        pm = tab["passive_after"].match(tx.t, gap_end)
        if pm and pm.end() == m.start:
            return True
    return False


#: in a guidance's gap before its document: a change or a passive ("hướng dẫn … đã được sửa đổi, bổ sung tại Thông tư 14"),
#: or a law named by name right before the document without "và" ("hướng dẫn thi hành Luật Sở hữu trí tuệ …, được sửa đổi theo
#: …"): the document is not what it guides ("… một số điều của Luật Quản lý thuế và Nghị định số 126/2020": both are)
#: a law named by its name (no number) coordinated before the numbered document a verb acts on
_NAMED_FIRST = re.compile(r"[\s*_]*(?:Bộ\s+luật|Luật|Pháp\s+lệnh)\s+[A-ZĐÀ-Ỹ][^;,.\n()]{1,80}?\s+(?:và|cùng)\s+(?:các\s+)?[\s*_]*")


_GUIDE_GAP_NOT = re.compile(r"(?<![^\W\d_])(?:được|bị|sửa\s+đổi|bổ\s+sung|thay\s+thế|bãi\s+bỏ)(?![^\W\d_])|(?:Luật|Bộ\s+luật|Pháp\s+lệnh)\s[^;]*?(?:,|\s)\s*$")


def _acts(tx: ClauseText, m: Mention, limit: int) -> bool:
    """Is ``m`` the subject of a relation verb of its own right after it ("… và Thông tư 333/2016/TT-BTC sửa đổi Thông tư
    77/2014 …": a parallel item of the outer list, not an object of the verb before)?"""
    v = relation_table()["verb"].match(tx.t, m.extent_end + len(BETWEEN.match(tx.t, m.extent_end).group(0)))
    if v is None or tx.covered(v.start()) or v.start() >= limit:
        return False
    nxt = tx.after(v.end())
    return nxt is not None and nxt.start < limit and bool(relation_table()["object_gap"].fullmatch(tx.t, v.end(), nxt.start))


PAREN_REACH = 600  # characters back a parenthesis open at a verb is looked for (a bounded walk, whatever the line)


def _closing_paren(t: str, lo: int, pos: int) -> int | None:
    """Where the parenthesis open at ``pos`` (opened after ``lo``, within ``PAREN_REACH``) closes, if one is open."""
    depth = 0
    for i in range(pos - 1, max(lo, pos - PAREN_REACH) - 1, -1):
        c = t[i]
        if c == ")":
            depth += 1
        elif c == "(":
            if depth == 0:
                close = t.find(")", pos)
                return None if close < 0 else close
            depth -= 1
    return None


def agent_before(tx: ClauseText, cue: Cue, clause_lo: int, passive: bool) -> Mention | None:
    """The document the verb phrase follows directly, or through that document's title."""
    a = tx.before(cue.start)
    if a is None or a.start < clause_lo:
        return None
    if a.extent_end > cue.start:
        gap = ""
    else:
        gap = tx.t[a.extent_end : cue.start]
    if BETWEEN.fullmatch(gap):
        return a
    if "\n" in gap or ";" in gap or len(gap.split()) > MAX_TITLE_WORDS:
        return None
    if _CONJ_END.search(gap) and not (gap.rstrip().endswith(",") and _TITLE_OPENERS.match(gap)):
        # "Hướng dẫn 43 … có hiệu lực từ … và thay thế Hướng dẫn 25": a second predicate of the clause's
        # subject; after a document that is itself an object ("quán triệt X và thực hiện Y") it is not.
        # ("Nghị định 73 quy định mức lương cơ sở, thay thế …": the title ends, the document acts)
        if not _SUBJECT_HEAD.fullmatch(tx.t, clause_lo, a.start):
            return None
        return a
    if re.search(r"[.!?]\s+[A-ZĐÀ-Ỹ]", gap):
        return None
    if not passive and _other_document(gap + tx.t[cue.start : cue.end]) and not (a.self and _ISSUES_IT.search(tx.t, max(0, a.start - 40), a.start)):
        return None  # "Tờ trình số 4865 … “Kết luận của Bộ Chính trị về tiếp tục thực hiện Nghị quyết 33”": the Kết luận's verb
    if "," in re.sub(r"“[^”]*”|\"[^\"]*\"", "", gap) and not (_TITLE_OPENERS.match(gap) or passive):
        return None
    if not (_TITLE_OPENERS.match(gap) or passive or len(gap.split()) <= 6):
        return None
    return a


def _other_document(gap: str) -> Mention | bool:
    """Does a title name another document, without number, with a title of its own that the verb after it
    belongs to? A capitalised type word followed by "về …" ("Kết luận của Bộ Chính trị về …"), unless the
    document of the title issues or approves it ("… ban hành Kế hoạch triển khai …": the act's content); a
    document named by name only ("Luật Ban hành văn bản quy phạm pháp luật và …") does not own what follows."""
    for m in _type_words().finditer(gap):
        if m.group(0)[0].isupper() and not _ISSUES_IT.search(gap, 0, m.start()) and re.search(r"(?<![^\W\d_])về\s", gap[m.end() :]):
            return True  # the document named has a title of its own ("Kết luận … về …"), which the verb or list continues
    return False


@cache
def _type_words() -> re.Pattern[str]:
    return re.compile(r"(?<![^\W\d_])(?:" + type_word_pattern() + r")(?![^\W\d_])", re.IGNORECASE)


# "… ban hành Kế hoạch …", "… phê duyệt “Chiến lược …”", "Nghị quyết 51/NQ-CP về Chương trình hành động …": the act's content
_ISSUES_IT = re.compile(r"(?<![^\W\d_])(?:(?:ban\s+hành|phê\s+duyệt|kèm\s+theo|thông\s+qua)(?:\s+[^\W\d_]+){0,2}|về(?:\s+việc)?)\s*[“\"]?\s*$",
                        re.IGNORECASE)


def governed(tx: ClauseText, lo: int, m: Mention) -> bool:
    """Is ``m`` the object of a relation verb in the text since ``lo``?"""
    return _governs(tx, max(lo, m.start - 120), m.start, m)
