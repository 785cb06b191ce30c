"""Finder 9 (``pipeline.find.FINDERS``): relations between documents that the text states explicitly.

A relation is stated by a verb ("thực hiện", "sửa đổi, bổ sung", "thay thế", "bãi bỏ",
"hướng dẫn", "căn cứ": ``data/relations.json``) with an agent and one or more objects:

- objects: the document right after the verb (past "một số điều của", "cụm từ “…” tại
  khoản 1 Điều 3 …"), then every document coordinated with it ("X, Y và Z", a preamble's
  "X; Y; Z;", "các Quyết định sau: 1. X 2. Y", table rows), or a document named by type and
  year only ("thay thế Quyết định năm 2012");
- agent, active voice: the document the verb follows directly or through its title
  ("Kế hoạch số 10-KH/ĐUK … về triển khai thực hiện …", "Quyết định 1229/QĐ-UBND … phê duyệt
  “Chiến lược … triển khai thực hiện …”"); the document a clause opened by the verb goes on to
  issue ("Thực hiện X, Chi ủy đã ban hành Kế hoạch số 08-KH/CB"); a type word standing for a
  document named just before ("Kế hoạch nhằm cụ thể hóa …"); the owner of a task list whose
  item the verb opens; in a directive, the directive itself (its preamble "Căn cứ …",
  "Thực hiện …", its articles "Điều 1. Bãi bỏ …", "Quyết định này thay thế …");
- passive voice ("X được sửa đổi, bổ sung bởi Y"): Y is the agent, X the object;
- table and list headings ("các văn bản hướng dẫn Quy định 366:" over rows of documents,
  "Danh mục văn bản bãi bỏ");
- expiry clauses ("B hết hiệu lực kể từ ngày A có hiệu lực": A replaces or repeals B), anaphora ("Thông tư này"
  in an article about the Thông tư just named), a closing article's second clause ("X có hiệu lực …; thay thế Y").

How a clause reads (its verb, the document before it, the list of documents after it) is ``find/clauses.py``; this
module states relations from what it reads, and checks them (the hierarchy of documents, dates: nothing acts on a
document issued after it).

The text's own document is ``SELF`` here; ``find_relations`` writes the key (or ``doc_id``) the
caller gives for it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from functools import cache

from ..issuers import canonical_issuer
from ..records import Findings, Mention, Ref, Relation, TaskList
from ..tables import type_by_word
from ..text import Document
from .clauses import BETWEEN, LIST_ITEM, ClauseText, Cue, agent_before, governed, read_objects, row_mentions
from .lexicon import (
    LETTER,
    amended_law_names,
    cue_types,
    law_name,
    ordinal_markers,
    relation_table,
    structure,
    verb_start,
)

SELF = "\x00self"


# what may open a clause before a leading verb: markup, list numbering, "Điều 1.", a task-list marker, a connective
_OPENING = re.compile(
    r"[\s*#|>+\-–•_]*(?:" + structure("article") + r"[a-z]?\s*[.:]?[\s*_]*(?:[^.\n]{0,80}?\.)?[\s*_]*|(?:\d+(?:\.\d+)*|[a-zđ]|[IVX]+)\s*[.)]\s*[*_]*\s*)?"
    r"(?:" + ordinal_markers() + r")?"
    r"(?:(?:Đồng\s+thời|Theo\s+đó|Ngoài\s+ra|Trong\s+đó|Bên\s+cạnh\s+đó|Cùng\s+với\s+đó)\s*,?\s*|(?:" + structure("subject_line") + r"|Về\s+việc|VỀ\s+VIỆC)\s*:?\s*)?[\s*_“\"]*$",
)
_BODY = re.compile(r"(?m)^[\s*#|_]*" + structure("first_section"))
# "DANH MỤC VĂN BẢN QUY PHẠM PHÁP LUẬT BÃI BỎ", "Danh mục các văn bản được thay thế": an annex heading
_ANNEX_HEADING = re.compile(r"[\s*#|_]*" + structure("annex_list"), re.IGNORECASE)
PREAMBLE = 3000  # where no article or section heading marks the body, a directive's preamble ends here


def body_start(text: str) -> int:
    """Where a directive's body begins (its first article or section heading): before it lies the preamble."""
    body = _BODY.search(text, 0)
    return body.start() if body else min(len(text), PREAMBLE)


def _anaphora(doc: Document, document: Ref | None, quotes: list[tuple[int, int, Mention]], mentions: list[Mention]) -> list[Mention]:
    """'Nghị quyết này', 'Quyết định này': the document itself (in a directive), or, inside a provision the
    text quotes ('Theo Điều 2 Quyết định 216/2025/QĐ-UBND quy định như sau: …'), the document quoted, or, in an
    article, the document of that type it has just named (``_antecedent``)."""
    starts = [lo for lo, _, _ in quotes]
    out = []
    for m in relation_table()["anaphora"].finditer(doc.text):
        i = bisect.bisect_right(starts, m.start()) - 1
        quoted = quotes[i][2] if i >= 0 and m.start() < quotes[i][1] else None
        if quoted is not None and type_by_word().get(" ".join(m.group(0).split()[:-1]).casefold()) == quoted.doc_type:
            out.append(replace(quoted, start=m.start(), end=m.end(), form="short", resolved=True, anaphora=True,
                               surface=m.group(0), extent_end=m.end(), pinpoints=()))
        elif document is not None:
            out.append(Mention(doc_type=document.doc_type, number=document.number or "", key=document.key or SELF,
                               start=m.start(), end=m.end(), form="short", resolved=True, self=True, anaphora=True,
                               surface=m.group(0), extent_end=m.end()))
        elif not quotes and (ante := _antecedent(doc, mentions, m)) is not None:
            # (an explainer that quotes provisions speaks of the quoted document in its own words: left out)
            out.append(replace(ante, start=m.start(), end=m.end(), form="short", resolved=True, anaphora=True,
                               surface=m.group(0), extent_end=m.end(), pinpoints=()))
    return out


ANAPHORA_REACH = 1200  # characters back an article's "Thông tư này" looks for the Thông tư it stands for


def _antecedent(doc: Document, mentions: list[Mention], m: re.Match[str]) -> Mention | None:
    """In an article about documents (no text of its own), "Thông tư này" stands for the Thông tư the article has just
    named: the subject (first of that type) of the nearest sentence before that names one in full ("Bộ Y tế ban hành
    Thông tư số 40/2025/TT-BYT … Thông tư này thay thế Thông tư số 07/2024/TT-BYT")."""
    word = type_by_word().get(" ".join(m.group(0).split()[:-1]).casefold())
    verbs = relation_table()["verb"]
    same = [x for x in mentions if x.form == "full" and x.doc_type == word and x.key and not x.self
            and m.start() - ANAPHORA_REACH <= x.start and x.end <= m.start()
            and not verbs.search(doc.text, max(0, x.start - 25), x.start)]  # not an object ("thay thế Thông tư số 07/2024")
    if not same:
        # none just before: the one document of that type the article's title is about ("### Nội dung cơ bản của Nghị
        # định số 214/2025/NĐ-CP …" over a summary whose "Nghị định này …" comes after a long list)
        head = doc.text.lstrip()
        first = len(doc.text) - len(head) + (head.find("\n") if "\n" in head else len(head))
        titled = {x.key for x in mentions if x.start < first and x.doc_type == word and x.key and not x.self}
        return next((x for x in mentions if len(titled) == 1 and x.key in titled), None)
    sentence = doc.segmentation.sentence_at(same[-1].start)
    lo = sentence.start if sentence is not None else doc.lines.start(same[-1].start)
    return next(x for x in same if x.start >= lo)


def _ends_with_colon(t: str, lo: int, hi: int) -> bool:
    """Does ``t[lo:hi]`` end with ':' before trailing spaces and markup (read from the end: a line may be the whole text)?"""
    i = hi - 1
    while i >= lo and t[i] in " *_":
        i -= 1
    return i >= lo and t[i] == ":"


def _cues(tx: ClauseText) -> list[Cue]:
    tab = relation_table()
    out = []
    for m in tab["verb"].finditer(tx.t):
        if tx.covered(m.start("verbs")) or tx.covered(m.end() - 1):
            continue  # a type word that belongs to a reference ("Hướng dẫn số 42", "Quy định 366")
        types, conf = cue_types(m.group("verbs"))
        if not types:
            continue
        heading = _ends_with_colon(tx.t, tx.lines.start(m.end()), tx.lines.end(m.end()))  # "Các văn bản hướng dẫn Quy định 366:" over rows
        if types == ["guides"] and not heading and (
                _GUIDANCE_NOUN.search(tx.t, max(0, m.start() - 40), m.start()) or _GUIDANCE_AT.match(tx.t, m.end())
                or m.group("verbs")[0] == "H" and _LOWER_BEFORE.search(tx.t, max(0, m.start() - 3), m.start())):
            continue  # "theo hướng dẫn tại Công văn X", "tuân thủ đúng Hướng dẫn quy trình …": a guidance named, no statement
        start = verb_start(tx.t, m.start())
        passive = bool(tab["passive_before"].search(tx.t, max(0, start - 25), start)) or (
            tx.t[max(0, start - 3) : start].rstrip().endswith("(") and bool(tab["passive_after"].match(tx.t, m.end())))
        # "Nghị định 45/2010/NĐ-CP (sửa đổi, bổ sung tại Nghị định 33/2012/NĐ-CP)": a parenthesis opened by the verb
        # and its agent marker is passive ("(sửa đổi, bổ sung Nghị định 123/2020)" stays active)
        out.append(Cue(tuple(types), start, m.start("verbs"), m.end(), passive, conf))
    return out


#: before "hướng dẫn" as a noun: a determiner or preposition ("theo hướng dẫn", "các hướng dẫn"), a verb taking it as its
#: object ("tuân thủ đúng Hướng dẫn quy trình …": a capital inside a sentence); after it, "tại" ("hướng dẫn tại Công văn X")
_GUIDANCE_NOUN = re.compile(r"(?<![^\W\d_])(?:theo|các|những|của|có|đúng|tại)\s+$|(?<![^\W\d_])(?:các|những)\s+(?:văn\s+bản|Nghị\s+định|Thông\s+tư|"
                            r"Quyết\s+định|nghị\s+định|thông\s+tư|quyết\s+định)\s+(?:quy\s+định\s+chi\s+tiết\s+(?:và\s+)?)?$")
_LOWER_BEFORE = re.compile(r"[a-zà-ỹđ,]\s+$")
_GUIDANCE_AT = re.compile(r"\s+(?:tại|trong)\s")


LOCAL_RANK = 9  # a local body's document, below every central one


def rank_of(ref: Ref) -> int | None:
    """A document's place in the hierarchy of normative documents (data/relations.json 'rank'; local bodies'
    documents below all central ones); None when its type is not ranked."""
    tab = relation_table()
    codes = set(re.split(r"[-/]", ref.symbol or ""))
    if codes & tab["local_issuers"]:
        return LOCAL_RANK
    return tab["rank"].get(ref.doc_type)


def _outranks(target: Ref, agents: list[Mention | str] | list[Ref]) -> bool:
    """Does ``target`` stand above every agent in the hierarchy, so that none of them can amend, replace or
    repeal it?"""
    t = rank_of(target)
    ranks = [rank_of(a) for a in agents if isinstance(a, Ref)]
    return t is not None and bool(ranks) and all(r is not None and r > t for r in ranks)


_ISSUED_IN = re.compile(r"(?<![^\W\d_])(?:tại|theo|kèm\s+theo|bởi)\s+(?:[^\s]+\s+){0,2}?$", re.IGNORECASE)


def _issued_after(tx: ClauseText, lo: int, hi: int, exclude: set[str]) -> Mention | None:
    """'…, Chi ủy … đã ban hành Kế hoạch số 08-KH/CB': the document a sentence goes on to issue (not one a
    thing was issued in: "Quy chế … ban hành tại Thông tư số 06/2024")."""
    issue = relation_table()["issue"]
    for a in tx.between(lo, hi):
        if a.key in exclude or a.self:
            continue
        window = max(lo, a.start - 60)
        if issue.search(tx.t, window, a.start) and not _ISSUED_IN.search(tx.t, window, a.start):
            return a
    return None


@dataclass
class _Ctx:
    self_id: str | None
    self_type: str | None
    body_start: int
    owners: list[tuple[int, int, str]]  # task items (start, end, owner key)
    quotes: list[tuple[int, int, Mention]]  # provisions quoted from another document (start, end, that document)
    quote_starts: list[int] = field(init=False)

    def __post_init__(self) -> None:
        self.quote_starts = [lo for lo, _, _ in self.quotes]

    def quoted(self, pos: int) -> Mention | None:
        """The document whose provision the text quotes at ``pos``."""
        i = bisect.bisect_right(self.quote_starts, pos) - 1
        return self.quotes[i][2] if i >= 0 and pos < self.quotes[i][1] else None


#: between an object and a verb that continues its clause's predicate: ", " or a parenthesis closing first ("…), ")
_SECOND_PREDICATE = re.compile(r"[\s*_]*\)?\s*,\s*(?:và\s+)?|\s+và\s+")
_LIST_OPENER = re.compile(r"[\s*#|>+\-–•_]*(?:Căn\s+cứ|Thực\s+hiện|Theo)\s", re.IGNORECASE)
_TAKES_EFFECT = re.compile(r"[\s*_]*(?:có\s+hiệu\s+lực|hiệu\s+lực)[^;]*;\s*(?:và\s+)?$", re.IGNORECASE)


def _effect_subject(tx: ClauseText, s_lo: int, clause_lo: int) -> Mention | None:
    """The document a sentence opens with when its first clause says when it takes effect ("X có hiệu lực … ;")."""
    first = tx.after(s_lo)
    if first is None or first.start >= clause_lo or not _OPENING.fullmatch(tx.t[s_lo : first.start]):
        return None
    return first if _TAKES_EFFECT.match(tx.t, first.extent_end, clause_lo) else None


def _self_allowed(ctx: _Ctx, tx: ClauseText, cue: Cue, types: tuple[str, ...]) -> bool:
    """May the directive itself be the agent of a clause-opening verb here?"""
    if ctx.self_id is None:
        return False
    if cue.start < ctx.body_start:
        return True
    if "based_on" in types and ctx.self_type == LETTER:
        return True  # a letter's own grounds: "Căn cứ quy định tại Điều 5 Thông tư X, Cục Thuế hướng dẫn như sau" (guide)
    # in the body: the purpose a plan states ("I. MỤC ĐÍCH, YÊU CẦU — 1. Mục đích: - Cụ thể hóa … Nghị quyết 57"),
    # enacting articles of a normative directive ("Điều 1. Bãi bỏ …"), not a plan's tasks
    if "implements" in types and _in_purpose(tx, cue.start):
        return True
    if set(types) & {"implements", "based_on", "guides"}:
        return False
    return ctx.self_type in relation_table()["normative"]


_PURPOSE = re.compile(r"(?m)^[\s*#|_>]*" + structure("purpose"))
_MAJOR = re.compile(r"(?m)^[\s*#|_>]*" + structure("major_section"))


def _in_purpose(tx: ClauseText, pos: int) -> bool:
    """Does ``pos`` lie in the section a plan opens with, its purpose ("I. MỤC ĐÍCH, YÊU CẦU"), before the next
    major heading?"""
    lo = max(0, pos - 3000)
    heads = list(_PURPOSE.finditer(tx.t, lo, pos))
    if not heads:
        return False
    return _MAJOR.search(tx.t, heads[-1].end(), pos) is None


def _owner_at(ctx: _Ctx, pos: int) -> str | None:
    for s, e, k in ctx.owners:
        if s <= pos < e:
            return k
    return None


def _heading_rows(tx: ClauseText, cue: Cue, clause_lo: int, clause_hi: int) -> list[Mention] | None:
    """'Cụ thể dưới đây là các văn bản hướng dẫn Quy định 366:' over rows of documents: the rows."""
    head = tx.t[clause_lo : cue.start]
    if not re.search(r"(?<![^\W\d_])văn\s+bản\s*$", head, re.IGNORECASE):
        return None
    colon = tx.t.find(":", cue.end, clause_hi + 2)
    if colon < 0 or "\n" in tx.t[cue.end : colon]:
        return None
    return row_mentions(tx, colon + 1) or None


def find_relations(doc: Document, found: Findings) -> Findings:
    """Finder 9: the relations the text states, between its mentions and, in a directive, from the
    text itself (``found.self_id``: its key, or its ``doc_id`` when its number is unknown); its
    "Nghị quyết này" stands for it."""
    quotes = [(q.start, q.end, q.document) for q in found.quotes]
    mentions = sorted(found.mentions + _anaphora(doc, found.document, quotes, found.mentions), key=lambda m: m.start)
    return replace(found, relations=_relations(doc, mentions, found.document, found.self_id, found.task_lists, quotes))


def _relations(doc: Document, mentions: list[Mention], document: Ref | None, self_id: str | None,
               task_lists: list[TaskList], quotes: list[tuple[int, int, Mention]] | None = None) -> list[Relation]:
    """The relations stated between ``mentions`` (those of the text itself carry ``self=True``)."""
    tab = relation_table()
    tx = ClauseText(doc, mentions)
    t = tx.t
    ctx = _Ctx(
        self_id=self_id if document is not None else None,
        self_type=document.doc_type if document is not None else None,
        body_start=body_start(t),
        owners=[(it.start, it.end, tl.owner) for tl in task_lists or [] for it in tl.items if tl.owner],
        quotes=quotes or [],
    )
    rels: list[Relation] = []
    object_of: dict[int, tuple[Mention | str, str]] = {}  # an object's start -> the agent (and rule) of the verb it is the object of
    list_of: dict[int, int] = {}  # an object's start -> the verb whose list of objects it belongs to
    seen: set[tuple[str, str, str]] = set()
    where: dict[tuple[str, str, str], int] = {}  # each relation's place in ``rels``

    def ident(m: Mention | str) -> str | None:
        if isinstance(m, str):
            return m
        if m.self:
            return ctx.self_id
        return m.key

    cues = _cues(tx)
    guide_starts = [c.start for c in cues if "guides" in c.types]

    def _guide_between(lo: int, hi: int) -> bool:
        i = bisect.bisect_left(guide_starts, lo)
        return i < len(guide_starts) and guide_starts[i] < hi

    def add(src: Mention | str | None, tgt: Mention | str, types: tuple[str, ...], start: int, end: int, conf: float, rule: str,
            start_cue: int = -1, part: bool = False) -> bool:
        """Record the relations; False when none can hold (the same document, or one issued after its agent).
        ``part``: the statement says it changes a part of ``tgt`` without naming it ("bãi bỏ một phần …")."""
        s, g = ident(src) if src is not None else None, ident(tgt)
        if not s or not g or s == g:
            return False
        src_type = src.doc_type if isinstance(src, Mention) and not src.self else (ctx.self_type if s == ctx.self_id else None)
        src_ref = src if isinstance(src, Mention) and not src.self else (document if s == ctx.self_id else None)
        if src_ref is not None and isinstance(tgt, Mention) and set(types) & {"amends", "replaces", "repeals"} and _outranks(tgt, [src_ref]):
            types = tuple(x for x in types if x not in ("amends", "replaces", "repeals"))  # "a provincial decision amends a decree"
        if src_ref is not None and src_ref.date and isinstance(tgt, Mention) and tgt.date and src_ref.date < tgt.date:
            return False  # a document cannot act on one issued after it ("Thông tư 151/2014 … hướng dẫn … Nghị định số 12/2015")
        if rule == "expiry" and any((s, g, x) in seen for x in ("replaces", "repeals")):
            return False  # the text says itself how the one ends the other ("A thay thế B"; an article's "B hết hiệu lực")
        guided = rule in ("between", "title") and isinstance(src, Mention) and _guide_between(src.extent_end, start_cue)
        pins = tgt.pinpoints if isinstance(tgt, Mention) else ()  # the parts of its object a statement names
        for typ in types:
            if typ == "implements" and rule in ("between", "title") and (src_type in tab["guide_types"] or guided):
                typ = "guides"  # a Hướng dẫn "thực hiện X"; "X hướng dẫn … thực hiện chính sách tại Y"
            k = (s, g, typ)
            stated = part and typ in ("amends", "replaces", "repeals")
            if k in seen:
                i = where[k]
                if pins:  # stated again, naming parts: the relation acts on those parts ("Sửa đổi khoản 2 Điều 3 …")
                    rels[i] = replace(rels[i], pinpoints=tuple(dict.fromkeys(rels[i].pinpoints + pins)))
                if stated:  # stated again as partial ("Điều 1. Bãi bỏ một phần Quyết định …" under its title)
                    rels[i] = replace(rels[i], stated_partial=True)
                continue
            seen.add(k)
            where[k] = len(rels)
            rels.append(Relation(s, g, typ, start, end, conf, rule, pins, stated))  # type: ignore[arg-type]
        return True

    for cue in cues:
        lo, hi = tx.clause(cue.start)
        s_lo, s_hi = tx.sentence(cue.start)
        head = t[lo : cue.start]
        leading = bool(_OPENING.fullmatch(head))
        types = cue.types
        if "implements" in types and tab["nominal"].search(t, max(lo, cue.start - 40), cue.start):
            # "biện pháp thi hành", "tổng kết việc thực hiện", "hiệu lực thi hành": a noun phrase, not a plan carrying X out
            types = tuple(x for x in types if x != "implements")
            if not types:
                continue
        if cue.passive:
            m = tab["passive_after"].match(t, cue.end)
            if not m:
                gap = tab["object_gap"].match(t, cue.end)
                m = tab["passive_after"].match(t, gap.end()) if gap else None
            if not m:
                subject = agent_before(tx, cue, lo, passive=True) if _AS_FOLLOWS.match(t, cue.end) else None
                changes = tuple(x for x in types if x in ("amends", "replaces", "repeals"))
                if subject is not None and changes and ctx.self_id and ctx.self_type in tab["normative"] and cue.start >= ctx.body_start \
                        and _changed_subject().fullmatch(t, lo, subject.start) and not subject.self:
                    # an amending act's article: "Điều 7 Quy chế … ban hành kèm theo Quyết định số N được sửa đổi như sau:"
                    add(ctx.self_id, subject, changes, lo, cue.end, cue.confidence, "passive-self")
                continue
            if tab["passive_not_implements"].search(m.group(0)):
                # "… được thực hiện theo quy định tại Nghị định …": which rules apply, not who carries it out
                types = tuple(x for x in types if x != "implements")
                if not types:
                    continue
            agents, _ = read_objects(tx, m.end(), s_hi, list_mode=False)
            subject = agent_before(tx, cue, lo, passive=True)
            if subject is None or not agents:
                continue
            if _outranks(subject, agents):
                # "Nghị định số 156/2018/NĐ-CP quy định chi tiết … Luật Lâm nghiệp được sửa đổi, bổ sung bởi Nghị định số
                # 91/2024/NĐ-CP": a decree does not amend a law; the document whose title names the law is the subject
                prev = tx.before(subject.start)
                subject = prev if prev is not None and prev.start >= lo and not _outranks(prev, agents) else None
                if subject is None:
                    continue
            types = tuple(x for x in types if x not in tab["leading_only"])
            for a in agents:
                add(a, subject, types, subject.start, a.end if isinstance(a, Mention) else cue.end, cue.confidence, "passive")
            continue
        if tab["future"].search(t, max(lo, cue.start - 40), cue.start):
            continue
        list_mode = leading and (cue.start < ctx.body_start or ("implements" in types and _in_purpose(tx, cue.start)))
        in_list = not leading and bool(_LIST_OPENER.match(t, s_lo))
        objects, partial = read_objects(tx, cue.end, s_hi, list_mode=list_mode, types=types, in_list=in_list)
        partial = partial or bool(tab["partial"].search(t, cue.verb_start, cue.end))  # "bãi bỏ một phần"
        if partial:
            types = tuple(dict.fromkeys("amends" if x == "replaces" else x for x in types))
        if ctx.self_id and _ANNEX_HEADING.fullmatch(t, tx.lines.start(cue.start), cue.start) and \
                re.fullmatch(r"[\s*_:]*", t[cue.end : tx.lines.end(cue.end)]):
            for r in row_mentions(tx, cue.end):
                add(ctx.self_id, r, types, cue.start, r.end, cue.confidence * 0.9, "annex")
            continue
        rows = _heading_rows(tx, cue, lo, hi)
        if rows and objects:
            for r in rows:
                for o in objects:
                    add(r, o, types, r.start, r.end, cue.confidence * 0.9, "heading")
            continue
        if not objects:
            elided = _elided(tx, cue, lo, s_lo, s_hi, types)
            if elided is not None:
                add(elided[0], elided[1], types, elided[1].start, cue.end, cue.confidence * 0.9, "elided")
            continue
        end = max((o.end for o in objects if isinstance(o, Mention)), default=cue.end)
        agent: Mention | str | None = None
        rule = ""
        if not leading:
            agent = agent_before(tx, cue, lo, passive=False)
            if agent is not None and agent.start in object_of and _SECOND_PREDICATE.fullmatch(t, agent.extent_end, cue.start):
                # "Thông tư 15/2019 … (bãi bỏ Thông tư 22/2016), hướng dẫn thi hành Nghị định 40": the document before the
                # verb is the object of another verb; the verb is that verb's agent's second predicate
                agent, rule = object_of[agent.start]
            elif agent is not None:
                between = agent.extent_end >= cue.start or bool(BETWEEN.fullmatch(t[agent.extent_end : cue.start]))
                rule = "between" if between else "title"
                if agent.self:
                    rule = "self"
            else:
                own = tab["issue_own"].search(t, max(lo, cue.start - 80), cue.start)
                sub = tab["subject_type"].fullmatch(t, lo, cue.start)
                if own and ctx.self_id and type_by_word().get(" ".join(own.group("type").split()).casefold()) == ctx.self_type:
                    agent, rule = SELF, "self"  # "UBND thành phố ban hành Kế hoạch “Triển khai thực hiện …"
                elif sub:
                    agent, rule = _anaphoric_subject(tx, ctx, sub, s_lo), "anaphora"
        if set(types) <= tab["leading_only"] and not leading:
            continue
        if agent is None and leading and lo > s_lo and re.match(r"[\s*_]*[a-zà-ỹđ]", t[lo : cue.start + 1]) \
                and (prev_doc := tx.before(lo)) is not None and prev_doc.start >= s_lo and not prev_doc.self \
                and _LIST_OPENER.match(t, s_lo) and not set(types) & tab["leading_only"]:
            # "Căn cứ Nghị định số 152/2025/NĐ-CP … Quy định về phân cấp …; quy định chi tiết và hướng dẫn thi hành … Luật
            # …;": a clause in lower case after ";" goes on with the title of the item before, not a clause of the text
            agent, rule = prev_doc, "title"
        if agent is None and leading and lo > s_lo and set(types) & {"replaces", "repeals", "amends"} \
                and (effect_subject := _effect_subject(tx, s_lo, lo)) is not None:
            # "Nghị định này có hiệu lực thi hành từ ngày 01/3/2025; thay thế Nghị định số 66/2022/NĐ-CP": the closing
            # article's second clause has the first clause's document as its subject
            agent, rule = effect_subject, "effect-clause"
        if agent is None and leading:
            targets = {o.key if isinstance(o, Mention) else o for o in objects}
            issued = _issued_after(tx, end, s_hi, targets)
            owner = _owner_at(ctx, cue.start)
            intro = None if issued is not None or owner is not None else _intro_owner(tx, cue.start)
            if issued is not None:
                agent, rule = issued, "leading-issued"
            elif owner is not None and not any(isinstance(o, Mention) and o.key == owner for o in objects):
                agent, rule = owner, "task-item"
            elif intro is not None and not any(isinstance(o, Mention) and o.key == intro.key for o in objects):
                agent, rule = intro, "list-intro"
            elif (quoted := ctx.quoted(cue.start)) is not None and not set(types) & tab["leading_only"] \
                    and not any(isinstance(o, Mention) and o.key == quoted.key for o in objects):
                agent, rule = quoted, "quoted"  # "2. Bãi bỏ Thông tư số 10/2023/TT-BNNPTNT …" in the quoted article
            elif _self_allowed(ctx, tx, cue, types):
                agent, rule = SELF, "leading-self"
        if agent == SELF:
            agent = ctx.self_id
        if agent is None:
            continue
        types = tuple(x for x in types if x not in tab["leading_only"] or leading)
        if isinstance(agent, Mention) and rule in ("between", "title") and len(objects) > 1 and governed(tx, lo, agent):
            # "sửa đổi … Nghị định 78/2025 … hướng dẫn thi hành Luật 64/2025 và Nghị định 79/2025": the agent is itself an
            # object, and a later item of its own type (not of its first object's) is its sibling in the outer list
            first = objects[0]
            objects = [first] + [o for o in objects[1:] if not (isinstance(o, Mention) and isinstance(first, Mention)
                                                                and o.doc_type == agent.doc_type != first.doc_type)]
        if isinstance(agent, Mention) and agent.start in list_of:
            # an object of the agent's own type that shared a list with it is its sibling, never its object
            objects = [o for o in objects if not (isinstance(o, Mention) and list_of.get(o.start) == list_of[agent.start]
                                                  and o.doc_type == agent.doc_type and o.start > agent.start)]
            if not objects:
                continue
        start = agent.start if isinstance(agent, Mention) and agent.start < cue.start else lo
        for o in objects:
            if not add(agent, o, types, min(start, cue.start), max(end, cue.end), cue.confidence, rule, cue.start, partial):
                continue
            if isinstance(o, Mention) and rule in ("between", "title") and set(types) <= {"amends", "replaces", "repeals", "guides"}:
                object_of[o.start] = (agent, rule)  # the object of a change or a guidance a document states
            if isinstance(o, Mention) and len(objects) > 1 and not set(types) & tab["leading_only"]:
                list_of.setdefault(o.start, cue.start)  # the objects of one verb are siblings (a preamble's list aside)
    for agent, ended, typ, lo, hi in _expiries(tx, ctx, document):
        add(agent, ended, (typ,), lo, hi, 0.85, "expiry")
    for law, amended in _amending_titles(tx):
        add(law, amended, ("amends",), law.start, law.end, 0.85, "law-title")
    return _pinpointed_statements(rels, tx, cues)


@cache
def _changed_subject() -> re.Pattern[str]:
    """What may open an amending article's item before the document it changes: a number, the parts changed, the
    instrument the document issued ("1. Điều 7 Quy chế tổ chức và hoạt động ban hành kèm theo …")."""
    return re.compile(LIST_ITEM.pattern + "(?:" + structure("pinpoint") + ")?(?:" + relation_table()["instrument"].pattern + ")?")


_AS_FOLLOWS = re.compile(r"[\s*_]*(?:như\s+sau\s*)?[:.][\s*_]*(?:\n|$)")
_AMENDED_BY = re.compile(r"(?:sửa\s+đổi|bổ\s+sung|thay\s+thế)[^;:]{0,40}?(?:bởi|theo|tại)\s+(?:[^\W\d_]+\s+){0,3}$")
_EXPIRY = re.compile(r"(?<![^\W\d_])hết\s+hiệu\s+lực(?:\s+thi\s+hành)?(?!\s+toàn\s+bộ)(?![^\W\d_])")
# when: "kể từ ngày Quyết định này có hiệu lực", "kể từ ngày Thông tư số 12/2025/TT-BTC có hiệu lực thi hành"
_FROM_EFFECT = re.compile(r"[^;:\n]{0,40}?(?:kể\s+)?từ\s+ngày\s+(?P<doc>[^;:\n]{2,160}?)\s+có\s+hiệu\s+lực")
# or before it, opening the clause (the layout of an article on effect): "Kể từ ngày Nghị định này có hiệu lực thi hành,
# các Nghị định … sau đây hết hiệu lực thi hành:"
_EFFECT_FIRST = re.compile(r"(?:[Kk]ể\s+)?[Tt]ừ\s+ngày\s+(?P<doc>[^;:\n]{2,160}?)\s+có\s+hiệu\s+lực(?:\s+thi\s+hành)?\s*,\s*")


def _expiries(tx: ClauseText, ctx: _Ctx, document: Ref | None) -> list[tuple[Mention | str, Mention, str, int, int]]:
    """"B hết hiệu lực kể từ ngày A có hiệu lực" (one clause, or over a list: "Các Quyết định sau đây hết hiệu lực kể
    từ ngày Quyết định này có hiệu lực thi hành: a) …; b) …") ends B: A replaces B when one body issues both, A
    repeals B otherwise (guide clarification "hết hiệu lực", Luật Ban hành VBQPPL 2015, Điều 154). A is the document
    whose date of effect the clause names ("… này": the text itself), else, in a directive's articles, the text."""
    tab = relation_table()
    t = tx.t
    out: list[tuple[Mention | str, Mention, str, int, int]] = []
    for m in _EXPIRY.finditer(t):
        if tx.covered(m.start()) or tab["future"].search(t, max(0, m.start() - 40), m.start()):
            continue
        lo, hi = tx.clause(m.start())
        first = next((w for w in _EFFECT_FIRST.finditer(t, lo, m.start()) if _OPENING.fullmatch(t, lo, w.start())), None)
        when = _FROM_EFFECT.match(t, m.end(), hi) or first
        agent: Mention | str | None = None
        agent_ref: Ref | None = None
        if when is not None:
            named = [x for x in tx.between(when.start("doc"), when.end("doc")) if x.key]
            this = not named and re.fullmatch(r"[\s*_]*(?:" + tab["anaphora"].pattern + r")[\s*_]*", when.group("doc"), re.IGNORECASE)
            quoted = ctx.quoted(m.start())
            if this and quoted is not None and when.group("doc").split()[0].casefold() == quoted.doc_type.split()[0].casefold():
                agent, agent_ref = quoted, quoted  # "kể từ ngày quyết định này có hiệu lực" in a quoted article (the case varies)
            elif this and ctx.self_id:
                agent, agent_ref = ctx.self_id, document
            elif named and named[0].self and ctx.self_id:
                agent, agent_ref = ctx.self_id, document
            elif named and not named[0].self and (not named[0].anaphora or ctx.self_id is None
                                                   or (q := ctx.quoted(m.start())) is not None and q.key == named[0].key):
                # a document named, or "Quyết định này" standing for the one a quoted provision or an article is about
                # (a directive's own article may quote another law's "Luật này": not its agent)
                agent, agent_ref = named[0], named[0]
        elif ctx.self_id and m.start() >= ctx.body_start and ctx.self_type in tab["normative"] \
                and not re.search(r"(?<![^\W\d_])ngày\s*$", t[max(lo, m.start() - 10) : m.start()]):
            agent, agent_ref = ctx.self_id, document  # in a directive's articles ("trước ngày hết hiệu lực" is a moment)
        if agent is None:
            continue
        open_at = first.end() if first is not None else lo  # the ended documents follow the clause's "Kể từ ngày …,"
        before = [x for x in tx.between(open_at, m.start()) if x.key and not x.self and not x.anaphora
                  and not _AMENDED_BY.search(t, max(lo, x.start - 80), x.start)]  # "… đã được sửa đổi theo Luật số 52/2019" amends it
        if before and not _OPENING.fullmatch(t, lo, before[0].start) and not (first is not None and re.fullmatch(r"[\s*_“\"]*", t[open_at : before[0].start])):
            before = []  # the ended documents are the clause's subject ("Quyết định số … và … hết hiệu lực …")
        colon = re.match(r"[^\n;]{0,200}?:[ \t*_]*(?=\n)", t[m.end() : min(len(t), m.end() + 220)])
        ended = row_mentions(tx, m.end() + colon.end()) if colon and not before else before
        if isinstance(agent, Mention) and any(b.key == agent.key for b in ended):
            continue  # "X này" read as one of the documents the clause ends (an unnumbered draft quoted): no agent known
        for b in ended:
            if b.key == (agent.key if isinstance(agent, Mention) else agent):
                continue
            same = _same_issuer(_with_issuer(agent_ref, tx), _with_issuer(b, tx))
            out.append((agent, b, "replaces" if same else "repeals", min(b.start, m.start()), max(b.end, m.end())))
    return out


def _with_issuer(ref: Ref | None, tx: ClauseText) -> Ref | None:
    """``ref`` with the issuer the text names for its document elsewhere ("UBND tỉnh Quảng Ngãi ban hành Quyết định
    48/2025/QĐ-UBND …" before an article that calls it "quyết định này")."""
    if ref is None or ref.issuer or not isinstance(ref, Mention):
        return ref
    named = next((x.issuer for x in tx.ms if x.key == ref.key and x.issuer), None)
    return replace(ref, issuer=named) if named else ref


def _same_issuer(a: Ref | None, b: Ref) -> bool:
    """Did one body issue both (their symbols' issuing codes agree, and their issuers' names where both are named)?"""
    if a is None:
        return False
    ca, cb = _issuing_code(a), _issuing_code(b)
    if ca is not None and cb is not None and ca != cb:
        return False
    if a.issuer and b.issuer:
        return _one_body(a.issuer, b.issuer)
    return ca is not None and ca == cb


def _one_body(a: str, b: str) -> bool:
    """Two names of one issuing body, one perhaps shorter ("UBND tỉnh Ninh Bình" and "ỦY BAN NHÂN DÂN TỈNH NINH BÌNH";
    "Ủy ban nhân dân tỉnh" within either); another province's is another body."""
    ca, cb = canonical_issuer(a), canonical_issuer(b)
    return ca in cb or cb in ca


def _issuing_code(ref: Ref) -> str | None:
    """The code of the body that issued a document ('QĐ-UBND' -> 'UBND', 'NĐ-CP' -> 'CP', '12-KL/TW' -> 'TW')."""
    if not ref.symbol:
        return None
    return re.sub(r"\d+$", "", re.split(r"[-/]", ref.symbol)[-1])


#: how far back a pinpointed object's paragraph is searched for its verb
PARAGRAPH_REACH = 1500


def _pinpointed_statements(rels: list[Relation], tx: ClauseText, cues: list[Cue]) -> list[Relation]:
    """Parts of a relation's object named in its other statements: a pinpointed mention whose line holds an amending,
    replacing or repealing verb before it ("1. Bãi bỏ cụm từ … tại Phụ lục VI ban hành kèm theo Thông tư số 02/2023/TT-BTP", "(2) Bổ sung
    khoản 5a vào sau khoản 5 Điều 4 Nghị định 118/2021/NĐ-CP") adds its pinpoints to the relation of that type with
    that object (a replaced part is an amendment), when the text states one such relation only."""
    by_target: dict[tuple[str, str], list[int]] = {}
    for i, r in enumerate(rels):
        by_target.setdefault((r.target, r.type), []).append(i)
    starts = [c.start for c in cues]
    for m in tx.ms:
        if not m.pinpoints:
            continue
        lo = max(tx.t.rfind("\n\n", max(0, m.start - PARAGRAPH_REACH), m.start) + 2, m.start - PARAGRAPH_REACH, 0)  # its paragraph: a list item may hold several lines
        i = bisect.bisect_left(starts, lo)
        verbs = [c for c in cues[i:] if c.start < m.start]
        if not verbs or verbs[-1].passive:  # "(được sửa đổi bởi khoản 10 Điều 1 Nghị định …)": the agent, not an object
            continue
        for typ in set(verbs[-1].types) & {"amends", "replaces", "repeals"}:  # the verb nearest before the object
            found = by_target.get((m.key, typ)) or (by_target.get((m.key, "amends")) if typ == "replaces" else None)
            if found and len(found) == 1:
                r = rels[found[0]]
                rels[found[0]] = replace(r, pinpoints=tuple(dict.fromkeys(r.pinpoints + m.pinpoints)))
    return rels


def _amending_titles(tx: ClauseText) -> list[tuple[Mention, Mention]]:
    """A law named by its title "Luật sửa đổi, bổ sung một số điều của Luật X số B" amends the law X the text
    cites by number ("Luật X số A"): (B, A) for each law its title names that exactly one cited document is."""
    by_name: dict[str, set[str]] = {}
    first: dict[str, Mention] = {}
    for m in tx.ms:
        if m.form == "full" and not m.self and m.doc_type in ("Luật", "Bộ luật", "Pháp lệnh"):
            name = law_name(m.surface)
            if name:
                by_name.setdefault(name, set()).add(m.key)  # type: ignore[arg-type]
                first.setdefault(m.key, m)  # type: ignore[arg-type]
    out = []
    for m in tx.ms:
        for name in amended_law_names(m.surface) if m.form == "full" else ():
            keys = by_name.get(name, set()) - {m.key}
            if len(keys) == 1:
                out.append((m, first[keys.pop()]))
    return out


def _intro_owner(tx: ClauseText, pos: int) -> Mention | None:
    """'… Chương trình ban hành kèm theo Nghị quyết 71/NQ-CP năm 2025, cụ thể như sau:' over bullets
    '- Tổ chức thể chế hóa và thực hiện … Nghị quyết 57-NQ/TW': the one document the list's
    introduction names (not as the object of a verb of its own) is the agent of its items."""
    t = tx.t
    lo = tx.lines.start(pos)
    if not re.match(r"[\s*_]*(?:[-+•]|\d+(?:\.\d+)*[.)]|[a-zđ]\))\s", t[lo : pos + 1]):
        return None
    hi = lo - 1
    while hi > 0:
        plo = t.rfind("\n", 0, hi) + 1
        line = t[plo:hi]
        if line.strip() and not re.match(r"[\s*_]*(?:[-+•]|\d+(?:\.\d+)*[.)]|[a-zđ]\))\s", line):
            if not line.rstrip(" *_").endswith(":"):
                return None
            cands = [m for m in tx.between(plo, hi) if not m.self and not governed(tx, plo, m)]
            return cands[-1] if len({m.key for m in cands}) == 1 else None
        hi = plo - 1
    return None


def _elided(tx: ClauseText, cue: Cue, clause_lo: int, s_lo: int, s_hi: int, types: tuple[str, ...]) -> tuple[Mention, Mention] | None:
    """'Bộ Chính trị ban hành Chỉ thị 05-CT/TW, sau đó Ban Thường vụ ban hành Kế hoạch 03-KH/TU để thực
    hiện.': a purpose clause that ends its sentence without an object implements the document named
    before in the sentence."""
    if types != ("implements",) or not re.fullmatch(r"[\s*_]*[.;!]?[\s*_]*", tx.t[cue.end : s_hi + 1][:8]):
        return None
    if not re.match(r"(?:để|nhằm)\s", tx.t[cue.start : cue.end], re.IGNORECASE):
        return None
    agent = tx.before(cue.start)
    if agent is None or agent.start < clause_lo or agent.self or not BETWEEN.fullmatch(tx.t, agent.extent_end, cue.start):
        return None
    earlier = {m.key: m for m in tx.between(s_lo, agent.start) if not m.self and m.key != agent.key}
    return (agent, next(iter(earlier.values()))) if len(earlier) == 1 else None


def _anaphoric_subject(tx: ClauseText, ctx: _Ctx, sub: re.Match[str], sentence_lo: int) -> Mention | str | None:
    """'Kế hoạch nhằm cụ thể hóa …' after '… ban hành Kế hoạch số 45/KH-UBND.': the one document of
    that type named in the sentence before; 'Quyết định này' is the directive itself."""
    raw = " ".join(sub.group("type").split()).casefold()
    word = type_by_word().get(raw)
    if raw == "văn bản":
        return None
    if sub.group("this") and "này" in sub.group("this") and ctx.self_id and word == ctx.self_type:
        return SELF
    if ctx.self_id and word == ctx.self_type and sub.group("type").isupper() and sentence_lo < ctx.body_start:
        return SELF  # the directive's title: "KẾ HOẠCH THỰC HIỆN QUYẾT ĐỊNH SỐ 1899/QĐ-TTG …"
    prev_lo, _ = tx.sentence(max(0, sentence_lo - 2))
    cands = {m.key for m in tx.between(prev_lo, sentence_lo) if m.doc_type == word and not m.self}
    if len(cands) == 1:
        key = cands.pop()
        return next(m for m in tx.between(prev_lo, sentence_lo) if m.key == key)
    return None
