"""Finder: who must do what, by when (the guide's "Assignments").

A directive, plan, conclusion or letter assigns its tasks in a few layouts, all read here from the text's own
structure (its numbered headings and items, ``_lines``):

- a sentence or item that hands a task to a body: "Giao Sở Tài chính chủ trì, phối hợp với Sở Nội vụ …", "Đề nghị
  Ban Tuyên giáo Tỉnh ủy …", "Bộ Tài chính tiếp tục xuất cấp …" (an opener, then the body, then the task's verb);
- a heading that names a body over its items ("1. Sở Xây dựng" / "- Chủ trì …"), or a sentence naming bodies before a
  list ("Sở Y tế, UBND cấp xã … có trách nhiệm:"): each item below is that body's;
- a table whose columns are the task, the body that leads, the partners and the time ("Nhiệm vụ | Cơ quan chủ trì |
  Cơ quan phối hợp | Thời gian hoàn thành"): one assignment a row;
- the items of a verbal-ordinal task list that name a body ("… phân công đồng chí Bí thư Chi bộ trực tiếp quán triệt").

Before the body a sentence may carry a condition, a topic, a label or a purpose ("Trường hợp …,", "Về dự án …:",
"Báo cáo tháng:", "Để …,"). Not assignments: aims and views ("MỤC ĐÍCH, YÊU CẦU"), address lists ("Kính gửi",
"Nơi nhận"), annexes and forms, what a body did, is or has ("đã …", "là …"), an item naming a thing ("Nghị định số
…"), a heading over items that names no body, an administrative procedure's steps ("1.1. Trình tự thực hiện"), the
issuer's own sentences. A report (an article, a news story) assigns through an opener or a modal ("phải", "có trách
nhiệm", "chủ trì"), and a paragraph that has asked ("Thủ tướng yêu cầu …") goes on asking; a law, a decree or the
rules a decision issues assign only in their implementation and duty articles ("Điều 15. Trách nhiệm của Bộ Tài
chính") or through an opener ("Giao X …"): elsewhere "X có trách nhiệm …" is a rule or a procedure's step.

The words of each form (openers, how a body's name starts, the verbs a task starts with, deadlines, the marks above)
are data (``data/assignments.json``, with examples the tests run). Measured with the shared scorer:
``vncite evaluate --gold corpus/gold-tasks corpus/dev-tasks``."""

from __future__ import annotations

import bisect
import calendar
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache

from ..issuers import canonical_issuer
from ..records import Assignment, Due, Findings
from ..tables import load, type_by_word
from ..text import Document

#: the longest task kept, in characters (the evidence keeps the whole item)
MAX_TASK = 300
#: the longest body name read as a lead, in words
MAX_LEAD_WORDS = 60
#: openers that hand a task on inside a sentence ("UBND Thành phố yêu cầu các sở …", "… phân công đồng chí Bí thư …")
INNER_OPENERS = frozenset({"đề nghị", "yêu cầu", "giao", "giao cho", "phân công", "giao nhiệm vụ cho", "chỉ thị", "lưu ý", "nhắc nhở"})
#: the longest paragraph read as one introduction over a list when it holds more than two sentences, in characters
MAX_INTRO = 800
#: how often a text without a header must name itself as a law, decree or circular ("Nghị định này") to be read as one
MIN_SELF_REFERENCES = 2
#: lines opening with "Giao X", "Đề nghị X", "Yêu cầu X" that make a text without a header read as a directive
MIN_OPENER_LINES = 3
#: the longest heading line read as a body's name over its items, in words
MAX_HEADING_WORDS = 25


@cache
def _table() -> dict:
    return load("assignments")


def _alternation(words: list[str]) -> str:
    return "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(set(words), key=len, reverse=True))


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    t = _table()
    verbs = _alternation(t["task_verbs"])
    return {
        # ("giao thông", "giao dịch", "giao ban", "bàn giao", "chuyển giao" are words of their own, no opener; "Giao Ban Tổ
        # chức …" is one)
        "opener": re.compile(r"(?:(?<=^)|(?<=[\s,;:(]))(?<!bàn )(?<!Bàn )(?<!chuyển )(?<!Chuyển )(?P<op>" + _alternation(t["openers"]) + r")\s+(?=\S)(?!(?:"
                             + _alternation(t["opener_compounds"]) + r")(?![^\W\d_]))"),
        # a body's name: a head ("Sở", "Ủy ban nhân dân", "Các cơ quan"), or "các" before a head or a plural's noun ("các cơ sở
        # sản xuất", "các nhà máy")
        "head": re.compile(r"(?!" + _alternation(t["not_body_starts"]) + r")(?:(?:các|Các|CÁC)\s+(?!" + _alternation(t["not_body_starts"])
                           + r")(?:" + _alternation(t["body_heads"] + [h[4:] for h in t["body_heads"] if h.startswith(("Các ", "các "))]
                                                     # after "các" a body's kind is often in lower case ("các đoàn kiểm tra", "các bệnh viện")
                                                     + [h.lower() for h in t["body_heads"] if h.lower() not in t["not_plural_heads"]])
                           + r")|(?:" + _alternation(t["body_heads"] + [h.upper() for h in t["body_heads"]]) + r")"
                           # "thành phố Đà Nẵng cần …", "tỉnh Thanh Hóa": a place in lower case, by its proper name only
                           # (not "ngành" of "các Bộ, ngành Trung ương": the one body "Bộ, ngành")
                           + r"|(?<!Bộ,\s)(?<!bộ,\s)(?:" + _alternation(t["place_heads"]) + r")(?=\s+[A-ZĐÀ-Ỹ])"
                           # "Thanh Hóa cần tiếp tục …": a province named bare, asked what it needs
                           + r"|(?:" + _alternation(t["places"]) + r")(?:\s*,\s*(?:" + _alternation(t["places"]) + r"))*(?:\s+(?:và|cùng)\s+(?:"
                           + _alternation(t["places"]) + r"))?(?=\s+cần(?![^\W\d_]))"
                           # "2 công ty này", "hai Cty này": bodies a report spoke of, counted
                           + r"|(?:" + _alternation(t["counted_heads"]["numbers"]) + r")\s+(?:" + _alternation(t["counted_heads"]["nouns"]) + r"))(?![^\W\d_])"),
        # a legal web page's "Căn cứ theo Điều 23 Nghị định … quy định … như sau:": the law's words follow
        "cites_provision": re.compile(r"[*_ ]*(?:" + _alternation(t["cited_provisions"]) + r")\s+(?:(?:điểm|khoản)\s+\S+\s+)*Điều\s+\d+[^\n]{0,250}?"
                                      r"(?:quy\s+định|như\s+sau|sau\s+đây)[^\n:]{0,80}:\s*[*_]*\s*$"),
        "purpose": re.compile(r"^(?:" + _alternation(t["purposes"]) + r")(?![^\W\d_])"),
        "exec_article": re.compile(r"[*_ ]*(?:" + _alternation(t["execution_articles"]) + r")(?![^\W\d_])", re.IGNORECASE),
        "sentence_start": r"(?:" + _alternation(t["sentence_starts"]) + r")(?![^\W\d_])",
        # a photo's caption mark flattened into a report ("… thu. - Ảnh: VGP/Thành Chung", "(ảnh minh họa)")
        "caption": re.compile(r"(?:(?<=\s)|^)[-–]?\s*(?P<paren>\()?(?P<mark>" + _alternation(t["caption_marks"]) + r")(?![^\W\d_])\s*(?P<credit>:)?\s*"),
        # where a sentence may start after a caption's credit ("Ảnh: Báo Thanh Niên Đồng thời Sở VHTT …")
        "after_credit": re.compile(r"(?:" + _alternation(t["sentence_starts"] + t["time_openers"] + [w for w in t["conditions"] if w[:1].isupper()]
                                                         + [w for w in t["openers"] if w[:1].isupper()] + ["Đồng thời"]) + r")(?![^\W\d_])"),
        # "Thủ tướng nêu rõ, Chính phủ, các bộ … phải …": a speaker (a short name) and its words, a comma, the body
        "speech_ask": re.compile(r"(?:Về\s+[^,;:.]{3,120},\s+)?(?P<who>(?:[^\s,;:.]+\s+){1,12}?)(?:" + _alternation(t["speech_asks"]) + r")\s*[,:]\s+"),
        # "yêu cầu, trong 6 tháng cuối năm, các ngành …": a time or condition between an opener and the body asked
        "asked_clause": re.compile(r"(?<![^\W\d_])(?P<op>(?i:yêu\s+cầu|đề\s+nghị|giao))\s*,?\s+(?:" + _alternation(t["asked_clauses"])
                                   + r")(?![^\W\d_])[^,;.:]{1,120}?,\s*"),
        "self_normative": re.compile(r"(?<![^\W\d_])(?:" + _alternation(t["normative_types"]) + r")\s+này(?![^\W\d_])"),
        "rule_subject": re.compile(r"[*_\s]*(?:các\s+)?(?:" + _alternation(t["rule_subjects"]) + r")(?![^\W\d_])", re.IGNORECASE),
        "duty_article": re.compile(r"[*_ ]*(?:" + _alternation(t["duty_articles"]) + r")(?![^\W\d_])", re.IGNORECASE),
        "hypothetical": re.compile(r"^(?:" + _alternation(t["hypotheticals"]) + r")(?![^\W\d_])"),
        "condition": re.compile(r"^(?:" + _alternation(t["conditions"] + t["time_openers"] + [w[:1].lower() + w[1:] for w in t["time_openers"]])
                                + r")(?![^\W\d_])[^,:]{0,200}[,:][*_]*\s*"),
        "duty_of": re.compile(r"^(?:Trách\s+nhiệm|Nhiệm\s+vụ|TRÁCH\s+NHIỆM|NHIỆM\s+VỤ)(?:\s+(?:chung|cụ\s+thể|phối\s+hợp))?\s+(?:của|đối\s+với)\s+"
                              r"(?P<who>[^:]{3,200}?)\s*:?\s*$"),
        # "Về đề nghị …: giao X …": a topic runs to the colon the body or its opener follows (a topic may hold colons itself)
        "topic": re.compile(r"^Về\s+[^\n]{3,800}?:\s*"),
        "label": re.compile(r"^(?!Đối\s+với)[^:;]{2,60}:\s*"),  # "Báo cáo tháng: Sở Tài chính tổng hợp …"
        "toward": re.compile(r"^Đối\s+với\s+(?P<who>[^:]{3,300}):\s*"),
        "new_document": re.compile(r"^(?:" + _alternation(t["new_document"]) + r")(?![^\W\d_])"),
        "recipients": re.compile(r"^(?:" + _alternation(t["recipient_blocks"]) + r")\s*:?", re.IGNORECASE),
        "verb": re.compile(r"(?<![^\W\d_])(?:" + verbs + r")(?![^\W\d_])"),
        "partners": re.compile(r"(?<![^\W\d_])(?i:phối)\s+hợp(?:\s+(?:chặt\s+chẽ|thường\s+xuyên|đồng\s+bộ))?(?:\s+(?:với|cùng))?\s+(?!(?:" + verbs + r")(?![^\W\d_]))(?P<who>.+?)(?=\s+(?:" + verbs + r")(?![^\W\d_])|\s+để\s|[;.]|$)"),
        "partner_phrase": re.compile(r"^(?:,\s*)?(?i:phối)\s+hợp(?:\s+(?:chặt\s+chẽ|thường\s+xuyên|đồng\s+bộ))?(?:\s+(?:với|cùng))?\s+(?!(?:" + verbs + r")(?![^\W\d_])).+?(?=\s+(?:" + verbs + r")(?![^\W\d_]))"),
        "sector": re.compile(r"(?:" + _alternation(t["sector_heads"]) + r")\s+(?=[^\W\d_A-ZĐÀ-Ỹ])"),
        "along_phrase": re.compile(r"^(?:,\s*)?cùng(?:\s+với)?\s+.+?(?=\s+(?:" + verbs + r")(?![^\W\d_]))"),
        "lead_mark": re.compile(r"^\s*,?\s*(?:" + _alternation(t["lead_marks"]) + r")\s*(?:,\s*)?", re.IGNORECASE),
        "not_section": re.compile("|".join(map(re.escape, t["not_task_sections"] + [w.capitalize() for w in t["not_task_sections"]]))),
        "procedure_part": re.compile(r"^(?i:" + _alternation(t["procedure_parts"]) + r")(?![^\W\d_])[^:.;]{0,80}(?::|$)"),
        "intro": re.compile(r"(?<![^\W\d_])(?:" + _alternation(t["intro_cues"]) + r")(?![^\W\d_])"),
        "verb_start": re.compile(r"(?i:" + _alternation(t["task_verbs"] + t["task_starts"]) + r")(?![^\W\d_])"),
        "task_start": re.compile(r"(?i:" + _alternation(t["task_verbs"] + t["task_starts"] + t["modal_marks"]) + r")(?![^\W\d_])"),
        # the closing words of an introduction over a list: "…; trong đó lưu ý một số nội dung trọng tâm sau", "tập trung
        # thực hiện tốt một số nhiệm vụ, giải pháp sau đây", "có trách nhiệm"
        "intro_tail": re.compile(r"(?:^|[\s,;.])(?:(?:trong\s+đó|cụ\s+thể|với|gồm)\s+)?(?:(?:cần|phải|có\s+trách\s+nhiệm|chịu\s+trách\s+nhiệm|tập\s+trung|"
                                 r"nghiêm\s+túc|khẩn\s+trương|tổ\s+chức|thực\s+hiện|triển\s+khai|lưu\s+ý|tốt)\s+)*(?:(?:các|một\s+số|những)\s+)?"
                                 r"(?:(?:nhiệm\s+vụ|nội\s+dung|việc|công\s+việc|chương\s+trình|giải\s+pháp|yêu\s+cầu)[\s,]*)*"
                                 r"(?:(?:trọng\s+tâm|cụ\s+thể|chủ\s+yếu|có\s+liên\s+quan|chính)\s+)*(?:sau\s+đây|sau|như\s+sau|như)?\s*$"
                                 r"|(?:^|[\s,;])(?:có|chịu)\s+trách\s+nhiệm(?:\s+trước\s+[^:;,]{2,60}?)?(?:\s+(?:trong\s+việc|về\s+việc|về))?\s*$"
                                 r"|(?:^|[\s,;])có\s+(?:các\s+)?nghĩa\s+vụ(?:\s+sau(?:\s+đây)?)?\s*$"),
        "lead_end": re.compile(r"[\s,]+(?:" + _alternation(t["lead_ends"]) + r")(?![^\W\d_])"),
        "normative_part": re.compile(r"[*_ ]*(?:" + _alternation(t["body_reading"]["normative_parts"]) + r")(?![^\W\d_])", re.IGNORECASE),
        "official_part": re.compile(r"[*_ ]*(?:" + _alternation(t["body_reading"]["official_parts"]) + r")(?![^\W\d_])", re.IGNORECASE),
        # the issuer enacting its text: "UBND tỉnh ban hành Kế hoạch …" (a type written in lower case only before an
        # introduction's colon: "ban hành kế hoạch như sau:"; "Bộ Y tế ban hành hướng dẫn về …" is a task)
        "enact": re.compile(r"ban\s+hành\s+(?:kèm\s+theo\s+)?(?:" + _alternation([w.capitalize() for w in type_by_word()]
                                                                   + ["Quy chế", "Quy định", "Chương trình", "Đề án"]) + r")(?!\s+(?:số\s*)?\d)"),
        "enact_lower": re.compile(r"ban\s+hành\s+(?:kèm\s+theo\s+)?(?:" + _alternation(list(type_by_word())) + r")(?!\s+(?:số\s*)?\d)[^.;]*:\s*$"),
        "proposal": re.compile(r"(?:đề\s+nghị|đề\s+xuất|kiến\s+nghị)(?![^\W\d_])", re.IGNORECASE),
        "asks_approval": re.compile(r"(?<![^\W\d_])(?:" + _alternation(t["approval_asks"]) + r")(?![^\W\d_])"),
        "speech": re.compile(r"(?<![^\W\d_])(?:" + _alternation(t["speech_cues"]) + r")(?:\s+\S+){0,4}?\s+(?:như\s+sau|sau\s+đây|sau)\s*:?\s*$"),
        # "Thời gian hoàn thành: Tháng 11 - 12/2025", "Thời gian hoàn thành trước ngày 30/6/2025."
        "due_label": re.compile(r"(?:" + _alternation(t["due_labels"]) + r")\s*(?::\s*|(?=(?i:trước|trong|chậm\s+nhất|muộn\s+nhất|đến|từ)\s))", re.IGNORECASE),
        "task_section": re.compile(r"(?<![^\W\d_])(?:" + _alternation(t["task_sections"] + [w.upper() for w in t["task_sections"]]) + r")(?![^\W\d_])"),
        # a text's basis ("Căn cứ Thông tư số 03/2025/TT-VPCP … của Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ hướng dẫn …")
        "basis": re.compile(r"(?:Căn\s+cứ|Xét|Theo\s+đề\s+nghị)\s+(?:vào\s+)?(?:(?:các|Các)\s+)?(?:"
                            + _alternation([w[:1].upper() + w[1:] for w in type_by_word()] + list(type_by_word()) + ["Hiến pháp", "Bộ luật", "Luật", "Tờ trình", "Báo cáo", "Kết luận", "Thông báo", "Công văn", "Văn bản"])
                            + r")(?=\s+(?:số(?![^\W\d_])|\d|[A-ZĐÀ-Ỹ]|ngày(?![^\W\d_])))"),  # (not "Căn cứ Kế hoạch này, xây dựng …")
        "structure_article": re.compile(r"[*_ ]*(?:" + _alternation(t["structure_articles"]) + r")(?![^\W\d_])", re.IGNORECASE),
        "competence": re.compile(r"(?<![^\W\d_])(?:" + _alternation(t["competence_marks"]) + r")(?![^\W\d_])", re.IGNORECASE),
        "regulation": re.compile(r"(?:" + _alternation(t["regulation_titles"]) + r")"),
        "modal": re.compile(r"^(?:" + _alternation(t["modal_marks"]) + r")(?![^\W\d_])", re.IGNORECASE),
        # what a body did, is or has, not what it must do ("… đã chỉ đạo", "Bộ đội ta là …", "Ngành chăn nuôi … có xuất phát
        # điểm thấp"; not "các đơn vị có liên quan", "cơ quan có thẩm quyền", "là đầu mối")
        "report": re.compile(r"(?<![^\W\d_])(?:" + _alternation(t["report_marks"])
                             + r"|là(?!\s+(?:cơ\s+quan\s+|đơn\s+vị\s+)?(?:đầu\s+mối|thường\s+trực|chủ\s+trì))|có(?!\s+(?:liên\s+quan|thẩm\s+quyền|trách\s+nhiệm)))(?![^\W\d_])"),
        "not_task": re.compile(r"^(?:" + _alternation(t["not_tasks"]) + r"|là(?!\s+(?:cơ\s+quan\s+|đơn\s+vị\s+)?(?:đầu\s+mối|thường\s+trực|chủ\s+trì)))(?![^\W\d_])"),
        # "nghiêm túc triển khai, thực hiện./.", "chịu trách nhiệm thi hành Quyết định này": the closing that has the text
        # carried out, not a task of its own
        "execution": re.compile(r"(?:(?:" + _alternation(t["execution_only"]["manners"]) + r")[\s,]+)*(?:(?:"
                                + _alternation(t["execution_only"]["verbs"]) + r")[\s,]*(?:và\s+)?)+(?:(?:"
                                + _alternation(t["execution_only"]["objects"]) + r"))?(?:[\s,]+(?:"
                                + _alternation(t["execution_only"]["tails"]) + r"))?[\s./;]*", re.IGNORECASE),
        # "Chánh Văn phòng …, tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này./.": a decision's last
        # article, which has it carried out
        "execution_tail": re.compile(r"(?:chịu|có)\s+trách\s+nhiệm\s+(?:(?:" + _alternation(t["execution_only"]["verbs"]) + r")[\s,]*(?:và\s+)?)+(?:"
                                     + _alternation(t["execution_only"]["objects"]) + r")[\s./;]*$", re.IGNORECASE),
        # a thing, not an action: a listed opening, a law or a decree by its name, any document by its number
        # ("Quyết định những vấn đề …" is an action: a type word names a thing when a number or a name follows it)
        "thing": re.compile(r"^(?:(?:Các|các)\s+)?(?:(?:Điều|Khoản|Mục|Chương)\s+\d|(?:" + _alternation(t["not_task_starts"]) + r")(?![^\W\d_])|(?:"
                            + _alternation(t["named_types"]) + r")(?=\s+(?:số(?![^\W\d_])|\d|[A-ZĐÀ-Ỹ]|này(?![^\W\d_]))|\s*$)|(?:"
                            + _alternation([w[:1].upper() + w[1:] for w in type_by_word()]) + r")\s+(?:số\s*)?\d)"),
        # (not after a standing noun: "chi thường xuyên", "hoạt động thường xuyên" are recurrent spending and work, not times)
        "standing": re.compile(r"(?<![^\W\d_])" + "".join(f"(?<!{re.escape(w.split()[-1])} )" for w in t["standing_nouns"])
                               + r"(?P<w>" + _alternation(t["standing_dues"]) + r")(?![^\W\d_])", re.IGNORECASE),
    }


@cache
def _due_forms() -> tuple[list[tuple[re.Pattern[str], str]], list[tuple[re.Pattern[str], str]]]:
    t = _table()
    return ([(re.compile(f["pattern"], re.IGNORECASE), f["last"]) for f in t["due_forms"]],
            [(re.compile(f["pattern"]), f["last"]) for f in t["cell_due_forms"]])


# --- the text's lines and their numbering ----------------------------------------------------------------------

_MARKERS = (
    ("roman", re.compile(r"(?P<m>[IVXL]{1,5})\s*(?:[.)]|[-–](?=\s))(?:\s+|\s*$)")),  # "II.", "II)", the Party's "II- ", "I." alone
    ("article", re.compile(r"(?P<m>Điều\s+\d+)\s*(?:[.:]\s*|(?=[\s*_]*$))")),  # "Điều 4. …", a resolution's "**Điều 4**" alone
    ("number", re.compile(r"(?P<m>\d{1,2}(?:\.\d{1,2}){0,3})\s*[.)]\s*(?=\S|$)")),
    ("letter", re.compile(r"(?P<m>[a-zđ])\s*[).](?:\s+|\s*$)")),
    ("dash", re.compile(r"(?P<m>[-–—])\s+")),
    ("plus", re.compile(r"(?P<m>[+•*])\s+")),
)
_LEVEL = {"roman": 1.0, "article": 2.0, "number": 3.0, "letter": 8.0, "bold": 8.5, "dash": 9.0, "plus": 10.0}


@dataclass
class Line:
    start: int  # where its content starts (after the marker)
    end: int
    kind: str | None  # the marker's kind, None for a paragraph without one
    label: str | None
    level: float
    content: str


def _lines(text: str) -> list[Line]:
    """The text's non-empty lines, each with its list marker (kind, label, level) and content; a marker alone on
    its line ("1.1.") takes the next line as its content; table lines ("|") are left to ``_tables``."""
    out: list[Line] = []
    pending: tuple[str, str, float] | None = None
    article_word = False  # "**Điều" alone on its line: the next line's "10. Trách nhiệm của …" is article 10
    # a text hard-wrapped with a blank line between its paragraphs (most list items open after a blank line): a line
    # right below another goes on with it, even after a full stop ("… theo quy định của pháp luật." / "Trước mắt, thực
    # hiện ngay việc tạm ứng …" in the same item)
    opened = [text[max(0, m.start() - 2) : m.start()].endswith("\n\n") or m.start() == 0
              for m in re.finditer(r"^[ \t*_]*(?:[-–+•]|\d{1,2}\.|[a-zđ]\))\s", text, re.M)]
    blank_separated = len(opened) >= 5 and sum(opened) >= 2 / 3 * len(opened)
    for m in re.finditer(r"[^\n]+", text):
        raw = m.group(0)
        stripped = raw.strip(" \t*_#")
        if stripped == "Điều":
            article_word = True
            continue
        if article_word and (num := re.match(r"[*_ \t]*(\d{1,3})\.[*_ \t]*", raw)):
            article_word = False
            content = text[m.start() + num.end() : m.end()].strip(" \t*_")
            pending = None
            out.append(Line(m.start() + num.end(), m.end(), "article", f"Điều {num.group(1)}", _LEVEL["article"], content))
            continue
        article_word = False
        if stripped in ("-", "–", "+", "•"):  # a list marker alone on its line ("-" / "Thành lập Tổ kiểm kê …")
            kind = "dash" if stripped in "-–" else "plus"
            pending = (kind, stripped, _LEVEL[kind])
            continue
        if not stripped or stripped.startswith("|") or set(stripped) <= set("-_=|. "):
            pending = None if stripped.startswith("|") else pending
            continue
        lead = len(raw) - len(raw.lstrip(" \t*_#"))
        kind = label = None
        level = 0.0
        body_at = m.start() + lead
        for k, pat in _MARKERS:
            mm = pat.match(raw, lead)
            if mm:
                kind, label = k, " ".join(mm.group("m").split())  # ("Điều     5" from "**Điều ****5**")
                level = _LEVEL[k] + (label.count(".") if k == "number" else 0)
                body_at = m.start() + mm.end()
                break
        content = text[body_at : m.end()].strip(" \t*_")
        if kind == "article" and not content and not re.search(r"[.:]", mm.group(0)):
            # "**Điều 4**" over its clauses: the article's heading, untitled ("Điều 3." alone takes its title from the next line)
            pending = None
            out.append(Line(m.end(), m.end(), kind, label, level, ""))
            continue
        if kind is not None and not content:
            pending = (kind, label, level)  # "1.1." alone: the next line is its content
            continue
        if kind is None and pending is not None:
            kind, label, level = pending
        elif kind is None and out and (content[:1].islower() and not re.search(r"[.!?]\s*$", out[-1].content)
                                       or blank_separated and out[-1].kind is not None and out[-1].end == m.start() - 1
                                       and not raw.startswith(("|", "*", "#")) and not re.search(r":\s*[*_]*$", out[-1].content)):
            # a line a hard wrap split off ("… tinh thần" / "hình thành các vùng …"): the item goes on
            prev = out[-1]
            out[-1] = Line(prev.start, m.end(), prev.kind, prev.label, prev.level, text[prev.start : m.end()].strip(" \t*_"))
            pending = None
            continue
        pending = None
        out.append(Line(body_at + (len(text[body_at : m.end()]) - len(text[body_at : m.end()].lstrip(" \t*_"))), m.end(),
                        kind, label, level, content))
    return [part for ln in out for part in _unflattened(ln, text)]


# a dash item a web page ran into its paragraph: "… như sau: - Thực hiện …. - Chủ động …" (after ":", "." or ";")
_INLINE_DASH = re.compile(r"(?<=[.;:])\s+[-–]\s+(?=[A-ZĐÀ-Ỹ])")
# numbered and lettered items run into a paragraph: "… những nội dung sau: 1. UBND các huyện, thành phố, thị xã a) Đối với
# … b) Chỉ đạo … 2. Sở Nông nghiệp và PTNT a) Chủ trì …" (a letter may follow a heading that has no stop)
_INLINE_NUMBER = re.compile(r"(?<=[.;:!?…])\s+(?P<n>\d{1,2})\.\s+(?=[A-ZĐÀ-Ỹ])")
_INLINE_LETTER = re.compile(r"(?<=[^\W_]|[.;:!?…)])\s+(?P<n>[a-hđ])\)\s+(?=[A-ZĐÀ-Ỹ])")
_LETTER_RANK = {"a": 0, "b": 1, "c": 2, "d": 3, "đ": 3.5, "e": 4, "f": 4.5, "g": 5, "h": 6}  # (with or without "đ)", "f)")
# the last clause of a run ending in ":" ("… khách hàng vay. Ngân hàng Nhà nước chi nhánh tỉnh, thành phố:"): a heading
_HEADING_TAIL = re.compile(r"(?<=[.;:])\s+(?=[A-ZĐÀ-Ỹ][^.;:]*:\s*$)")


def _counted(marks: list[re.Match[str]], rank: Callable[[str], float]) -> list[re.Match[str]]:
    """The markers that count on from the first ("1.", "2.", "3."; "a)", "b)"): runs of two or more that start at the
    first rank; a stray "2." or "b)" is text."""
    kept: list[re.Match[str]] = []
    run: list[re.Match[str]] = []
    for m in [*marks, None]:
        if m is not None and run and 0 < rank(m.group("n")) - rank(run[-1].group("n")) <= 1:
            run.append(m)
            continue
        if len(run) >= 2 and rank(run[0].group("n")) == 0:
            kept.extend(run)
        run = [m] if m is not None else []
    return kept


def _unflattened(line: Line, text: str) -> list[Line]:
    """A paragraph whose items a web page ran together, as the lines it was: dash items after a colon ("Đối với tổ chức
    tín dụng …: - Thực hiện … - Chủ động … Ngân hàng Nhà nước chi nhánh tỉnh, thành phố: - Chủ động đôn đốc …", not "… thu.
    - Ảnh: VGP", a caption), numbered items that count on ("… sau: 1. UBND các huyện … 2. Sở Y tế: …") and lettered ones
    ("a) … b) …"). The paragraph up to its first item keeps its own marker; a heading ending in ":" that closes a run before
    a dash is a line of its own, and the last dash item ends with its sentence."""
    cuts: list[tuple[int, int, str, str]] = []  # (where the marker starts, where its content starts, kind, label)
    span = text[line.start : line.end]
    if line.kind is None and (first := re.search(r":\s+[-–]\s+[A-ZĐÀ-Ỹ]", span)):
        cuts += [(m.start(), m.end(), "dash", "-") for m in _INLINE_DASH.finditer(text, line.start + first.start(), line.end)
                 if not _patterns()["caption"].match(text, m.end())]
    if line.kind is None:  # (an item's own "a) …; b) …" stays whole: a clause listing what a rule names)
        cuts += [(m.start(), m.end(), "number", m.group("n"))
                 for m in _counted(list(_INLINE_NUMBER.finditer(text, line.start, line.end)), lambda n: int(n) - 1)]
        cuts += [(m.start(), m.end(), "letter", m.group("n"))
                 for m in _counted(list(_INLINE_LETTER.finditer(text, line.start, line.end)), lambda n: _LETTER_RANK.get(n, -9))]
    if not cuts:
        return [line]
    cuts.sort()
    runs: list[tuple[int, int, str | None, str | None]] = []  # (start, end, kind, label)
    at, kind, label = line.start, line.kind, line.label
    for lo, content_at, k, lab in [*cuts, (line.end, line.end, None, None)]:
        if kind == "dash" and k != "dash":  # the last dash item of a run ends with its sentence; the paragraph goes on
            # past it ("- Tăng cường công tác thanh tra …. Thống đốc NHNN yêu cầu …")
            stop = re.compile(r"(?<=[a-zđà-ỹ0-9)])[.!?…](?=\s+[A-ZĐÀ-Ỹ])").search(text, at, lo)
            if stop is not None:
                runs.append((at, stop.end(), kind, label))
                at, kind, label = stop.end(), None, None
        runs.append((at, lo, kind, label))
        at, kind, label = content_at, k, lab
    out: list[Line] = []
    for n, (lo, hi, k, lab) in enumerate(runs):
        before_dash = n + 1 < len(runs) and runs[n + 1][2] == "dash" and hi != line.end
        tail = _HEADING_TAIL.search(text, lo, hi) if before_dash else None
        pieces = [(lo, tail.start(), k, lab), (tail.end(), hi, None, None)] if tail else [(lo, hi, k, lab)]
        for a, b, pk, pl in pieces:
            content = text[a:b].strip(" \t*_")
            if content:
                start = a + len(text[a:b]) - len(text[a:b].lstrip(" \t*_"))
                level = line.level if (pk, pl) == (line.kind, line.label) and pk is not None else (
                    _LEVEL[pk] + (pl.count(".") if pk == "number" and pl else 0) if pk else 0.0)
                out.append(Line(start, b, pk, pl, level, content))
    return out


# --- bodies, tasks and deadlines --------------------------------------------------------------------------------


def _activities(name: str) -> bool:
    """Whether a name is a list of activities ("Thanh tra, kiểm tra, giám sát và xử lý vi phạm"): a word or two, then
    only task verbs after its commas."""
    parts = [x.strip() for x in name.split(",")]
    return len(parts) > 1 and len(parts[0].split()) <= 2 and all(_patterns()["verb"].match(x) for x in parts[1:])


def _body_at_start(s: str, asked: bool = False) -> tuple[str, str] | None:
    """A body named at the start of ``s`` and what follows it: (lead, rest); the name ends where the task's verb,
    a colon or "chủ trì" begins. None when ``s`` does not start with a body."""
    p = _patterns()
    if not p["head"].match(s) and not (asked and p["sector"].match(s)):
        return None  # (asked, a sector in lower case is a body: "yêu cầu ngành thuế và các huyện, thành phố tăng cường …")
    cut = len(s)
    colon = s.find(":")
    members = colon > 0 and re.search(r"(?<![^\W\d_])(?:các|Các)\s+[^\s,;:]+(?:\s+[^\s,;:]+)?$", s[:colon]) and re.match(r":\s*[A-ZĐÀ-Ỹ]", s[colon:])
    if colon > 0 and not members:  # "các Tập đoàn: Bưu chính Viễn thông Việt Nam, …": the colon lists the members
        cut = colon
    for v in p["verb"].finditer(s, 1):
        if s.endswith(tuple(_table()["compound_heads"]), 0, v.end()) or s.startswith(tuple(_table()["noun_uses"]), v.start()):
            continue  # "các đoàn kiểm tra của Bộ Chính trị", "các cấp ủy, tổ chức đảng, …": a verb inside the bodies' names
        if any(s[: v.start()].endswith(before) for before in _table()["paired_nouns"].get(v.group(0), [])):
            continue  # "các cơ quan, tổ chức phản ánh về Sở …": bodies in a pair, not "tổ chức" (organise)
        if v.group(0) in _table()["role_nouns"] and re.search(r"(?<![^\W\d_])và\s+$", s[: v.start()]) and p["head"].match(s[v.end() :].lstrip()):
            continue  # "Cấp ủy và lãnh đạo các đơn vị cần …", "Đảng ủy và lãnh đạo Cục Xúc tiến thương mại": the leaders of a body
        if v.start() < cut and s[: v.start()].strip(" ,"):
            cut = v.start()
            break
    adjunct = p["lead_end"].search(s, 1, cut)
    if adjunct is not None and s[: adjunct.start()].strip(" ,"):
        cut = adjunct.start()  # "các đơn vị thi công căn cứ các đồ án …", "Cục X, theo phân cấp quản lý, xem xét …": the name ends
    for asks in p["opener"].finditer(s, 1):
        if asks.start() >= cut:
            break
        if asked and asks.group("op").casefold() in ("lưu ý", "nhắc nhở"):
            cut = asks.start()  # "Đề nghị các Bộ, ngành địa phương lưu ý các kiến nghị của DN": what the body asked must do
            break
        if asks.group("op").casefold() in INNER_OPENERS and not _PASSIVE.search(s, 0, asks.start()) and p["head"].match(s, asks.end()):
            # (a body must follow: "Văn phòng giao dịch …" is a name, not "Văn phòng" handing a task on)
            cut = asks.start()  # "Bí thư Tỉnh ủy yêu cầu các đơn vị …": the name ends where it asks (not "… được giao …")
            break
        if asks.group("op").casefold() in ("yêu cầu", "đề nghị") and p["verb"].match(s, asks.end()):
            return None  # "Thủ tướng yêu cầu khẩn trương nghiên cứu …": it asks, and names nobody to do it
    masked = re.sub(r"\([^()]*\)|(?<![^\W\d_])(?:đặc\s+biệt|nhất|trước\s+hết|trực\s+tiếp)\s+là(?![^\W\d_])", lambda m: " " * len(m.group(0)), s)
    told = p["report"].search(masked, 1, cut)  # not in "(sau đây gọi tắt là …)", "các bộ, ngành, đặc biệt là Bộ X", "Bộ X, trực tiếp là Tổng cục Y"
    if told is not None and told.group(0) == "có" and (asked or re.match(r"(?:các|Các|những|Những)\s", s)
                                                     or re.match(r"(?:chịu|có)\s+trách\s+nhiệm|phải\s", s[cut:])):
        told = None  # "các doanh nghiệp có hoạt động cho thuê lại lao động …", "Chánh án … có các đơn vị có tên trong Phụ lục
        # chịu trách nhiệm …", "yêu cầu UBND các tỉnh ven biển có tàu cá vỏ thép … kiểm tra …": which ones, not what they have
    if told is not None:
        return None  # "Đảng ủy Khối … đã chỉ đạo", "X trình bày …": what a body did or said, not what it must do
    lead = s[:cut].strip(" ,;:-")
    if (proposes := re.search(r"(?<![^\W\d_])(?:kiến\s+nghị|đề\s+xuất)\s+", lead)) and p["head"].match(lead, proposes.end()):
        if not asked:
            return None  # "UBND tỉnh Cao Bằng kiến nghị Thủ tướng Chính phủ (chỉ đạo …)": a proposal to a superior, no task given
        # "đề nghị Bộ NN PTNT kiến nghị Ngân hàng Nhà nước chỉ đạo …": the body asked is to propose
        return _proposer(s, proposes.start())
    inside = next((o for o in p["opener"].finditer(lead, 1)
                   if o.group("op").casefold() in INNER_OPENERS and not _PASSIVE.search(lead, 0, o.start())), None)
    if inside is not None:
        asked_one = re.sub(r"^phía\s+", "", lead[inside.end() :].strip())
        if (p["head"].match(asked_one) or asked_one.startswith(("các ", "Các "))) and len(asked_one.split()) >= 2:
            return asked_one, s[cut:].lstrip(" :,")  # "Chủ tịch nước đề nghị các Trưởng Cơ quan đại diện … cần …"
        return None  # "Thủ tướng yêu cầu việc thanh (kiểm tra …)": it asks of a thing, no body named (not "các đơn vị được
        # giao làm Bên mời thầu")
    if re.search(r"(?<![^\W\d_])(?:" + _alternation(_table()["speech_asks"]) + r")$", lead):
        return None  # "Đồng chí Nguyễn Thị Kim Ngân lưu ý cần tiếp tục …": the speaker says what is needed, names nobody
    if re.search(r"(?<![^\W\d_])(?:không|chưa|chậm)$", lead):
        return None  # "… chủ đầu tư không đảm bảo thực hiện …", "các bộ … chậm triển khai": what a body does not do, no task
    if re.search(r"(?<![^\W\d_])(?:và|hoặc|cùng|với|của|để|cho|sự)$", lead):
        return None  # "Tổng cục Thống kê và (báo cáo của các bộ …)": a name cut inside a list, not a body that acts
    if _PERMITTED.search(lead):
        return None  # "Văn phòng giao dịch không được phép …", "Doanh nghiệp được Ngân hàng Nhà nước xem xét …": a rule or a
        # favour stated of a body, not a task given to it ("các đơn vị được giao làm Bên mời thầu" is a name)
    if cut == colon and p["head"].match(s[colon + 1 :].lstrip()) or re.match(r":\s*(?:là|gồm|bao gồm|\d)(?![^\W\d_])", s[cut:]):
        return None  # "Đảng bộ Mặt trận Tổ quốc: cơ quan lãnh đạo …", "X: là …": a body described, not given a task
    if cut == colon and re.fullmatch(r"(?:" + _alternation(_table()["place_units"]) + r")(?:\s+[A-ZĐÀ-Ỹ][^\W\d_]*){1,4}", lead):
        return None  # "+ Xã Tân Tiến: Lấy mẫu 01 vị trí …", "- Huyện Bắc Quang: 23D1": a place's entry in a list, no body
    if len(lead.split()) < 2 and lead not in _table()["single_word_leads"] or lead in _table()["generic_leads"]:
        return None  # "Cơ quan", "Hội đồng" alone: a column head or a common noun, not a body
    lead = re.sub(r"\s*\((?:cơ quan|đơn vị)\s+(?:chủ trì|thường trực|đầu mối)[^)]*\)\s*$", "", lead, flags=re.IGNORECASE).strip()
    if not lead or len(lead.split()) > MAX_LEAD_WORDS:
        return None
    if _activities(lead):
        return None  # "Thanh tra, kiểm tra, giám sát và xử lý vi phạm": a heading naming activities, not a body
    if p["verb"].fullmatch(lead.lower()) and re.match(r",\s*", s[len(lead) :]) and p["verb"].match(s[cut:].lstrip(" ,")):
        return None  # "- Thanh tra, kiểm tra, giám sát chặt chẽ …": actions listed, not the Inspectorate
    return lead, s[cut:].lstrip(" :,")


_BY = re.compile(r"(?<![^\W\d_])(?:được|do)\s+")


def _given_by(s: str, at: int) -> bool:
    """Whether the opener at ``at`` follows "được"/"do" and the body that gave: "nội dung đã được Ủy ban nhân dân tỉnh giao
    cho Liên hiệp các hội … thực hiện" names what was given, it hands nothing out."""
    by = max(_BY.finditer(s, max(0, at - 150), at), key=lambda m: m.start(), default=None)
    if by is None or not _patterns()["head"].match(s, by.end()):
        return False
    name = _body_at_start(s[by.end() : at].strip() + " thực hiện")
    return name is not None and name[0] == s[by.end() : at].strip()


def _starts(s: str, name: str) -> list[int]:
    """Every offset where ``name`` starts in ``s``."""
    return [m.start() for m in re.finditer(re.escape(name), s)]


def _proposer(s: str, at: int) -> tuple[str, str] | None:
    """The body asked to propose ("Bộ NN PTNT kiến nghị Ngân hàng Nhà nước …") and its task, the proposal."""
    lead = s[:at].strip(" ,;:-")
    return (lead, s[at:]) if len(lead.split()) >= 2 else None


_COLON = re.compile(r":\s*")
#: an introduction that lists rules or parts, not tasks ("… thì bị xử phạt … như:", "Hồ sơ gồm:", "… bao gồm:")
_LISTS_RULES = re.compile(r"(?<![^\W\d_])(?:thì\s+(?:bị|được)|bao\s+gồm|gồm(?:\s+có)?\s*:)(?![^\W\d_])")
#: a task's item that leads into sub-items after its own sentence ("… thuộc phạm vi quản lý. Trong đó:", "…, cụ thể:")
_LEAD_IN = re.compile(r"[.;,]\s*(?:trong\s+đó|cụ\s+thể|gồm|bao\s+gồm|như\s+sau)[^.;,:]{0,20}:\s*$", re.IGNORECASE)
#: a proposal to a body ("kiến nghị với Thủ tướng, …", "đề xuất Chính phủ …"): what follows is proposed, not yet asked
_PROPOSES = re.compile(r"(?<![^\W\d_])(?:kiến\s+nghị|đề\s+xuất)(?:\s+(?:với|lên))?\s+")
#: a text that speaks of drafting a decree ("khẩn trương hoàn thiện Nghị định này", "“Nghị định này hướng tới …” bà Thủy nói")
#: is about it: those mentions do not make it the decree
_MAKES_ITSELF = re.compile(r"(?<![^\W\d_])(?:hoàn\s+thiện|xây\s+dựng|soạn\s+thảo|dự\s+thảo|ban\s+hành|trình|sửa\s+đổi)\s+"
                           r"(?:Luật|Nghị\s+định|Thông\s+tư|Pháp\s+lệnh|Bộ\s+luật)\s+này|[“\"]\s*(?:Luật|Nghị\s+định|Thông\s+tư|Pháp\s+lệnh|Bộ\s+luật)\s+này")
#: "Giao Đảng ủy Chính phủ: Chỉ đạo …": a body handed what its colon lists, the first item on the same line
_GIVES_ITEMS = re.compile(r"\W*(?:Giao|giao|Đề\s+nghị|Yêu\s+cầu)\s+[^:;.]{3,150}?:\s*[A-ZĐÀ-Ỹ]")
_PERMITTED = re.compile(r"(?<![^\W\d_])(?:không\s+)?được(?!\s+(?:giao|phân\s+công))(?![^\W\d_])")
_PASSIVE = re.compile(r"(?<![^\W\d_])(?:được|đã|bị)\s+$")
_COMMA = re.compile(r"[,:]\s*")
_GENITIVE = re.compile(r"(?<![^\W\d_])(?:của|với|cho)\s+(?P<of>[^,:;]{2,80})$")


def _opening(s: str) -> int | None:
    """Where the body can start after what a sentence opens with: a condition or purpose ("Để tiếp tục vận hành …, hiệu
    quả, thành phố Đà Nẵng cần …"), a topic ("Về đề nghị …: giao Bộ X …", colons of its own allowed) or a short label
    ("Báo cáo tháng:"). A purpose ("Để nâng cao …, tăng cường …, các Sở … triển khai …") or a topic runs to the first
    separator a body or an opener follows (a topic stops where a task's verb starts after one of its colons: its own
    action has begun); else, and for any other condition, to its first separator. None when the sentence opens with none of these."""
    p = _patterns()
    first = p["condition"].match(s)
    sep = _COMMA
    if first is not None and not p["purpose"].match(s) and not p["hypothetical"].match(s) \
            and not re.search(r"(?<![^\W\d_])(?:nếu|khi)\s", s[: first.end()]):
        # (but "Trong quá trình thực hiện Quy định này nếu có khó khăn, vướng mắc, các cơ quan …" holds a hypothetical whose
        # commas are its own)
        return first.end()  # "Sau khi nghe báo cáo của …, ý kiến của …, Phó Thủ tướng …": a trigger's clause ends at its comma
    if first is None:
        first, sep = p["topic"].match(s), _COLON
    if first is None:
        label = p["label"].match(s)
        return label.end() if label else None
    for m in sep.finditer(s, 3):
        if m.start() > 800:
            break
        if (g := _GENITIVE.search(s, max(0, m.start() - 150), m.start())) and p["head"].match(g.group("of")) and not (
                (acts := _body_at_start(s[m.end() :])) and " về " not in acts[0] and (p["verb"].match(acts[1]) or p["modal"].match(acts[1]))):
            continue  # "… của Bộ Chính trị, Ban Bí thư về …": a list of bodies a document is "of", not the one that acts
            # (but "… của các đơn vị quản lý rừng, Ủy ban nhân dân Thành phố có trách nhiệm …" acts)
        if p["opener"].match(s, m.end()) or p["head"].match(s, m.end()):
            return m.end()
        if s[m.end() : m.end() + 1].isupper() and (asks := p["opener"].search(s, m.end(), m.end() + 60)) and asks.start() > m.end() \
                and asks.group("op").casefold() in INNER_OPENERS and not _COMMA.search(s, m.end(), asks.start()):
            return m.end()  # "Để thực hiện mục tiêu này, Thủ tướng Chính phủ yêu cầu các bộ …": the one who asks follows
        if (sep is _COLON or not p["purpose"].match(s)) and m.end() >= first.end() and p["verb"].match(s, m.end()):
            break  # a topic's own action has begun ("Về …: tăng số lượng …: giao Bộ Nội vụ …" reads on; "Về …: rà soát, …" stops)
    return first.end()


def _task_of(rest: str) -> tuple[str, tuple[str, ...]]:
    """The task from its action ("chủ trì", "phối hợp với …" and a linking "để" dropped) and the partners."""
    p = _patterns()
    partners = tuple(w.strip(" ,;") for w in (m.group("who") for m in p["partners"].finditer(rest)) if w.strip(" ,;"))
    task = p["lead_mark"].sub("", rest, count=1)
    if task != rest and (along := p["along_phrase"].match(task)):
        task = task[along.end() :]  # "chủ trì cùng các bộ ngành, địa phương thực hiện …": the task is "thực hiện …"
    if partners and task.lstrip(", ").casefold().startswith("phối hợp"):  # "chủ trì, phối hợp với X tham mưu …": the task is "tham mưu …"
        task = p["partner_phrase"].sub("", task.lstrip(", "), count=1)
    task = re.sub(r"^[\s,]*(?:để\s+)?", "", task)
    if p["lead_end"].match(" " + task) and (v := p["verb"].search(task, 1, 160)):
        task = task[v.start() :]  # "theo chức năng, nhiệm vụ được giao khẩn trương xây dựng …": the task starts at its action
    return task[:MAX_TASK].rstrip(" ;,"), partners


def _last_day(y: int, m: int, d: int | None = None) -> str | None:
    try:
        return f"{y:04d}-{m:02d}-{(d or calendar.monthrange(y, m)[1]):02d}" if 1 <= m <= 12 else None
    except ValueError:
        return None


_QUARTER = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def _date_for(m: re.Match[str], last: str, year: int | None) -> str | None:
    g = m.groupdict()
    y = int(g["y"]) if g.get("y") else year
    if y is None:
        return None
    if last in ("day", "day_of_issue_year"):
        d, mo = int(g["d"]), int(g["m"])
        if not 1 <= d <= 31:
            return None
        out = _last_day(y, mo, d)
        try:
            calendar.weekday(y, mo, d)
        except ValueError:
            return None
        return out
    if last == "none":  # a recurring date ("trước ngày 10 tháng 01 hằng năm"): no last day
        return None
    if last == "month":
        return _last_day(y, int(g["m"]))
    if last == "quarter":
        return _last_day(y, 3 * _QUARTER[g["q"].upper()])
    if last == "half":
        return _last_day(y, 6)
    return _last_day(y, 12)


# a time a task starts from, not its limit ("… bắt đầu từ kỳ báo cáo tháng 7/2017", "từ đầu tháng 5/2021"; not "từ nay
# đến tháng 6/2017")
_SINCE = re.compile(r"(?<![^\W\d_])từ(?:\s+(?!đến|tới|trước)[^\W\d_]+){0,3}\s*$")


def _due(s: str, year: int | None, cell: bool = False) -> Due | None:
    """The deadline a sentence, item or table cell states, or None."""
    forms, cell_forms = _due_forms()
    if cell:
        c = " ".join(s.split())
        for pat, last in cell_forms:
            m = pat.match(c)
            if m:
                return Due(c, _date_for(m, last, year))
    found = [(m.start(), m.end(), m, last) for pat, last in forms for m in pat.finditer(s)
             if not _SINCE.search(s, max(0, m.start() - 40), m.start() + (len(m.group(0)) - len(m.group(0).lstrip())))]
    if found:
        # several times in one item ("báo cáo Bộ Chính trị trước ngày 07/4/2025; …, hoàn thành chậm nhất ngày 30/6/2025"):
        # the last is the limit on the whole task (a later-starting match inside a longer one does not count)
        found = [f for f in found if not any(g[0] <= f[0] and f[1] <= g[1] and (g[1] - g[0]) > (f[1] - f[0]) for g in found)]
        _, _, m, last = max(found, key=lambda f: (f[0], f[1] - f[0]))
        return Due(" ".join(m.group(0).split()), _date_for(m, last, year))
    st = _patterns()["standing"].search(s)
    if st:
        return Due(st.group("w"), None)
    return Due(" ".join(s.split()), None) if cell and s.strip() else None


#: words that say only "carry out what follows" in an introduction ("khẩn trương triển khai thực hiện, bảo đảm tiến độ")
_INTRO_FILLER = frozenset("""khẩn trương triển khai thực hiện tổ chức bảo đảm đảm tiến độ nâng cao trách nhiệm tập trung nghiêm túc quyết liệt
hiệu quả đồng bộ các một số những tốt cần phải có chủ động kịp thời sau đây như tiếp tục tuân thủ""".split())


def _lead_at(text: str, a: Assignment) -> int:
    """Where the assignment's body is named in the text (its sentence's start when the name is not found as written)."""
    task_at = text.find(a.task[:40], a.start, a.end)
    at = text.rfind(a.lead, a.start, task_at if task_at >= 0 else a.end)
    return at if at >= 0 else a.start


def _within_article(text: str, lo: int, hi: int) -> tuple[int, int]:
    """A quoted provision as far as the next article heading after its first lines: the quotes finder may read a
    decision's own "…, cụ thể như sau:" as a quote's lead and run on over its later articles ("Điều 4. Trách nhiệm thi
    hành")."""
    first = text.find("\n", lo + 1, hi)
    m = re.compile(r"\n[*_ \t]*Điều\s+\d").search(text, first if first >= 0 else hi, hi)
    return (lo, m.start() if m else hi)


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans between typographic quotes (“ … ”), as far as 3,000 characters: what the text cites word for word. A quote
    closed by its speaker ("“Tỉnh đề nghị Sở NN&PTNT tham mưu …”, ông Thế cho biết.") is what a report's speaker said,
    not a text it cites."""
    spoken = re.compile(r"\s*,\s*[^.,;:“”\n]{2,80}?(?<![^\W\d_])(?:" + _alternation(_table()["speech_verbs"]) + r")(?![^\W\d_])")
    return [(m.start(), m.end()) for m in re.finditer(r"“[^“”]{1,3000}”", text) if not spoken.match(text, m.end())]


_ANNOUNCES = re.compile(r"(?<![^\W\d_])(?:một\s+số|các|những)\s+(?:nhiệm\s+vụ|nội\s+dung|công\s+việc|việc)"
                        r"(?:\s+(?:sau|sau\s+đây|như\s+sau|trọng\s+tâm|chủ\s+yếu))?\s*[.:]?\s*$")


def _own_task(task: str) -> bool:
    """Whether an introduction's task says more than "do what follows" once its closing words ("…; tổ chức thực hiện các
    nhiệm vụ sau:", "…, nội dung cụ thể như sau:", "có trách nhiệm:") are taken off."""
    p = _patterns()
    rest = p["intro_tail"].sub("", task.rstrip(" :*_")).strip(" ,;:")
    rest = re.sub(r"^(?:chủ\s+trì\s*,?\s*)?(?:phối\s+hợp(?:\s+với)?\s+.*)?$", "", rest).strip(" ,;:")
    if re.match(r"chỉ\s+đạo\s+", rest) and _body_at_start(rest[rest.index("đạo") + 4 :].strip()) is not None \
            and not _body_at_start(rest[rest.index("đạo") + 4 :].strip())[1]:
        return False  # "Bộ Tài chính chỉ đạo Bảo hiểm xã hội Việt Nam:": the items are what it directs
    if _due(rest, None) is not None and p["verb"].search(rest):
        return True  # a time of its own ("… trong 02 tháng cuối năm 2025; trong đó lưu ý …:")
    if re.search(r"(?:như\s+sau|sau\s+đây|sau)\s*:?\s*$", task) and not re.search(r"[,;]", task):
        # one clause whose object is what follows ("… xác định có phương án số hoá như sau:"), unless a clause of its own
        # comes first ("tiếp tục triển khai các giải pháp về tiền tệ tại Chỉ thị số 01/CT-NHNN … và tập trung thực hiện
        # các giải pháp như sau:")
        first = next((m for m in re.finditer(r"\s+và(?:\s+|$)", rest) if m.end() == len(rest) or p["verb"].match(rest, m.end())), None)
        return first is not None and _own_task(rest[: first.start()] + ";")
    words = [w for w in re.findall(r"[^\W\d_]+", rest.casefold())]
    content = [w for w in words if w not in _INTRO_FILLER]
    return len(content) >= 5 and p["verb"].search(rest) is not None


def _labelled_due(value: str, year: int | None) -> Due | None:
    """The deadline a label states ("Tháng 11 - 12/2025", "Trước ngày 15/11/2025"); a span ("Từ tháng 11/2025 đến khi
    kết thúc Tổng kiểm kê", "Từ ngày 01/01/2026 đến ngày 31/3/2026") is read at its end, undated when its end is an event."""
    value = " ".join(value.split()).rstrip(" .;")
    if not value:
        return None
    span = re.match(r"(?i:từ)\s.*?(?<![^\W\d_])(?P<end>(?i:đến)\s.*)$", value)
    if span:
        end = _due(span.group("end"), year)
        return Due(value, end.date if end is not None else None)
    found = _due(value, year, cell=True)
    return Due(value, found.date) if found is not None else Due(value, None)


# --- tables -------------------------------------------------------------------------------------------------------


def _tables(text: str, year: int | None) -> list[Assignment]:
    """Assignments from tables whose header names the task and the leading body: rows of cells separated by "|"
    (on one line, or one cell a line between "|" lines as converted documents write them)."""
    cols = _table()["table_columns"]
    out: list[Assignment] = []
    for lo_block, hi_block in _table_regions(text):
        rows = _rows(text, lo_block, hi_block)
        header = None
        for cells in rows:
            names = [" ".join(c[0].split()).casefold() for c in cells]
            found = {k: next((i for i, n in enumerate(names) if n in words or any(n.startswith(w) for w in words)), None)
                     for k, words in cols.items()}
            if found["task"] is not None and found["lead"] is not None:
                # cells before the header's own ("TM. CHÍNH PHỦ | PHỤ LỤC … | TT | Tên đề án | Cơ quan chủ trì …", a
                # signature block and an annex title run into its first row): the columns count from "TT" or the task
                base = found["task"] - 1 if found["task"] > 0 and names[found["task"] - 1] in ("tt", "stt", "số tt") else found["task"]
                base = min(base, *(i for i in found.values() if i is not None))
                found = {k: (i - base if i is not None else None) for k, i in found.items()}
                header = (found, len(cells) - base)
                continue
            if header is None:
                continue
            where, width = header
            numbered = bool(cells) and re.fullmatch(r"\d{1,3}|[IVXL]{1,5}", cells[0][0].strip()) is not None
            shift = 0 if numbered or len(cells) >= width else (-1 if where["task"] and where["task"] > 0 else 0)

            def cell(k: str, cells=cells, where=where, shift=shift) -> tuple[str, int, int] | None:
                i = where[k]
                if i is None or not 0 <= i + shift < len(cells):
                    return None
                return cells[i + shift]

            task, lead = cell("task"), cell("lead")
            if not numbered and len(cells) < width and out and out[-1].form == "table" and _patterns()["head"].match(cells[0][0].strip()) \
                    and where["lead"] is not None and where["task"] is not None and where["lead"] > where["task"]:
                # a row of merged cells that starts at the body ("1 | Đề án … | Trung ương MTTQ | … | 2030" / "UBND các tỉnh …
                # | Đài Truyền hình …"): the task and time of the row above, this row's body and partners
                prev = out[-1]
                lo, hi = cells[0][1], cells[-1][2]
                out.append(replace(prev, lead=" ".join(cells[0][0].split()),
                                   partners=(" ".join(cells[1][0].split()),) if len(cells) > 1 and cells[1][0].strip() else (),
                                   evidence=" | ".join(" ".join(c[0].split()) for c in cells), start=lo, end=hi))
                continue
            if task is None or lead is None or not lead[0].strip() or not _patterns()["head"].match(lead[0].strip()):
                continue
            partners = cell("partners")
            due = cell("due")
            lo, hi = cells[0][1], cells[-1][2]
            when = _due(due[0], year, cell=True) if due and due[0].strip() else None
            if when is None and not numbered and len(cells) < width and out and out[-1].form == "table":
                when = out[-1].due  # a row of merged cells ("rowspan"): the time of the row it continues
            out.append(Assignment(task=" ".join(task[0].split())[:MAX_TASK], lead=" ".join(lead[0].split()),
                                  partners=(" ".join(partners[0].split()),) if partners and partners[0].strip() else (),
                                  due=when, section=None,
                                  evidence=" | ".join(" ".join(c[0].split()) for c in cells), start=lo, end=hi, form="table"))
    return out


#: a table's cells are at most this many lines apart (a bar line "|" between them)
MAX_CELL_LINES = 12


def _table_regions(text: str) -> list[tuple[int, int]]:
    """Stretches of the text that are tables: runs of lines starting with "|" no more than ``MAX_CELL_LINES`` apart."""
    bars = [m for m in re.finditer(r"^[ \t]*\|[^\n]*$", text, re.MULTILINE)]
    regions: list[tuple[int, int]] = []
    if not bars:
        return regions
    starts = [0] + [m.start() for m in re.finditer(r"\n", text)]

    def line_no(pos: int) -> int:
        return bisect.bisect_right(starts, pos)

    lo, last = bars[0].start(), bars[0]
    for m in bars[1:]:
        if line_no(m.start()) - line_no(last.start()) > MAX_CELL_LINES:
            regions.append((lo, last.end()))
            lo = m.start()
        last = m
    regions.append((lo, last.end()))
    return [(a, b) for a, b in regions if text.count("|", a, b) >= 4]


def _rows(text: str, lo: int, hi: int) -> list[list[tuple[str, int, int]]]:
    """The rows of the table in ``text[lo:hi]``, each a list of (cell text, start, end)."""
    region = text[lo:hi]
    rows: list[list[tuple[str, int, int]]] = []
    if all(line.count("|") >= 2 for line in region.strip("\n").split("\n") if line.strip()):  # one row a line
        for m in re.finditer(r"[^\n]+", region):
            line = m.group(0)
            if re.fullmatch(r"[\s|:\-]+", line):
                continue
            cells, pos = [], m.start()
            for c in re.finditer(r"(?<=\|)([^|]*)(?=\|)", line):
                cells.append((c.group(1).strip(" |"), lo + pos + c.start(), lo + pos + c.end()))
            rows.append(cells)
        return rows
    # one cell a stretch of lines between "|" lines; "|" twice in a row ends a row
    row: list[tuple[str, int, int]] = []
    pieces = re.split(r"(\n[ \t]*\|[ \t]*(?=\n))", "\n" + region)
    offset = lo - 1
    bars = 0
    for piece in pieces:
        if re.fullmatch(r"\n[ \t]*\|[ \t]*", piece):
            bars += 1
        else:
            content = piece.strip().strip("|").strip()
            if content:
                if bars >= 2 and row:
                    rows.append(row)
                    row = []
                start = offset + piece.find(content)
                row.append((content, start, start + len(content)))
                bars = 0
        offset += len(piece)
    if row:
        rows.append(row)
    return rows


# --- the finder ---------------------------------------------------------------------------------------------------


def _path(stack: list[tuple[float, str]]) -> str | None:
    """The numbering path of the headings above ("II.1.b"): a number that carries its parents ("1.3.1") stands alone."""
    labels: list[str] = []
    for _level, label in stack:
        if "." in label and labels and re.fullmatch(r"[\d.]+", labels[-1]):
            labels[-1] = label
        else:
            labels.append(label)
    return ".".join(labels) or None


def _sentences(line: Line, text: str) -> list[tuple[int, int, str]]:
    """A paragraph's sentences (an item stays whole: its sentences share its body)."""
    out = []
    # (a web page may drop the space after a stop: "… theo đúng các tiêu chí.Đối với …", "… năm 2017.Bộ Giao thông …", not
    # "TP.HCM"; or flatten a heading
    # into the text: "… cho cấp dưới Sau khi lắng nghe …")
    # (and at "; các …": "… cho phù hợp; các cấp ủy, tổ chức đảng … chủ động quán triệt …" names bodies of its own)
    for m in re.finditer(r"(?s).+?(?:[.;!?…](?=\s+[“\"]?(?:[A-ZĐÀ-Ỹ]|đồng thời[\s,]))|;(?=\s+các\s)|(?<=[a-zđà-ỹ0-9]\.)(?=[A-ZĐÀ-Ỹ][a-zđà-ỹ])"
                         r"|(?<=[a-zđà-ỹ])(?=\s+" + _patterns()["sentence_start"] + r")|$)", text[line.start : line.end]):
        s = m.group(0).strip()
        if s:
            lo = line.start + m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
            cuts = [0, *_caption_cuts(s), len(s)]
            for a, b in zip(cuts, cuts[1:], strict=False):
                part = s[a:b]
                if part.strip():
                    start = lo + a + (len(part) - len(part.lstrip()))
                    out.append((start, start + len(part.strip()), part.strip()))
    # a list a sentence opens with "bao gồm:" runs on over its ";" ("… thoái toàn bộ vốn tại 6 doanh nghiệp, bao gồm: Công ty
    # Tài chính cổ phần Điện lực; …; Công ty cổ phần Tư vấn xây dựng điện 4."): its parts are names, not sentences
    joined: list[tuple[int, int, str]] = []
    for lo, hi, u in out:
        if joined and joined[-1][2].endswith(";") and (
                re.search(r"(?<![^\W\d_])(?:(?:bao\s+gồm|gồm\s+có|gồm)\s*:|(?:là|gồm)\s+[A-ZĐÀ-Ỹ])", joined[-1][2]) or _asks_names(joined[-1][2])):
            plo = joined[-1][0]
            joined[-1] = (plo, hi, text[plo:hi])
        else:
            joined.append((lo, hi, u))
    out = joined
    # the sentence right before a caption's mark is the caption ("Thứ trưởng … chủ trì buổi tọa đàm. Ảnh: Quang Toàn/TTXVN"):
    # it tells what a photo shows (or restates the body), not what the report says was asked
    caption = _patterns()["caption"]
    return [u for k, u in enumerate(out) if not (k + 1 < len(out) and caption.match(out[k + 1][2]))]


def _asks_names(s: str) -> bool:
    """Whether ``s`` (ending in ";") asks bodies it only names: "Thống đốc yêu cầu Tổng giám đốc (Giám đốc) tổ chức
    tín dụng, chi nhánh ngân hàng nước ngoài;" goes on naming them past its ";" ("Giám đốc … có trách nhiệm …")."""
    asks = [o for o in _patterns()["opener"].finditer(s) if o.group("op").casefold() in INNER_OPENERS]
    alone = _body_at_start(s[asks[-1].end() :]) if asks else None
    return alone is not None and not alone[1].strip(" ;")


def _caption_cuts(s: str) -> list[int]:
    """Where a photo's caption that a web page flattened into a report breaks a sentence: before its mark ("… giảm thời
    gian thu. - Ảnh: VGP/Thành Chung", "… xuất nhập khẩu (ảnh minh họa)") and after its credit, where the next sentence
    starts ("Ảnh: Báo Thanh Niên Đồng thời Sở VHTT TP Hải Phòng báo cáo …"): a stop, a closing bracket, a connector, an
    opener or a body's capitalised name. Offsets in ``s``, in order."""
    p = _patterns()
    cuts: list[int] = []
    for m in p["caption"].finditer(s):
        if m.start() > 0:
            cuts.append(m.start())
        end = m.end()
        if m.group("paren"):  # "(Ảnh: Minh Quyết/TTXVN)", "(ảnh minh họa)"
            close = s.find(")", end, end + 80)
            if close >= 0:
                cuts.append(close + 1)
            continue
        if not m.group("credit"):  # "Ảnh minh họa" with no credit
            cuts.append(end)
            continue
        for w in re.finditer(r"(?<=\s)\S", s[: end + 60]):
            if w.start() <= end:
                continue
            at = w.start()
            if s[at - 2 : at - 1] == "." or p["after_credit"].match(s, at) or s[at].isupper() and p["head"].match(s, at):
                cuts.append(at)
                break
    return sorted(c for c in set(cuts) if 0 < c < len(s))


def _assignment(s: str, lo: int, hi: int, section: str | None, context: str | None, year: int | None,
                form: str, written: Callable[[int, int], str] | None = None, directive: bool = True,
                normative: bool = False) -> Assignment | None:
    """The assignment a sentence or item states: to the body it names (after an opener, or at its start before the
    task's verb), else to ``context`` (the body of the heading or the sentence above); None when none."""
    p = _patterns()
    body = s.lstrip("*_ “\"")  # ("*Thứ nhất,* các chủ thể có liên quan phải …": a web page's italics; a speaker's "“Sở X cần …")
    if (side := re.match(r"[Pp]hía\s+", body)) and p["head"].match(body, side.end()):
        body = body[side.end() :]  # "Phía Công ty TNHH Chuỗi Giá Trị có trách nhiệm …": the side named is the body
    if (comma := re.search(r"(?<![^\W\d_])(?<!được )(?P<op>(?i:yêu\s+cầu|đề\s+nghị|giao)),\s+", body)) and p["head"].match(body, comma.end()):
        body = body[: comma.start()] + comma.group("op") + " " + body[comma.end() :]  # "Trong đó, yêu cầu, các cấp, các ngành …"
    if (clause := p["asked_clause"].search(body)) and p["head"].match(body, clause.end()):
        # "Phó Thủ tướng yêu cầu, trong 6 tháng cuối năm, các ngành …": the time stays in ``s`` (the due), the body follows
        body = body[: clause.start()] + clause.group("op") + " " + body[clause.end() :]
    if (link := re.match(r"(?:" + _alternation(_table()["links"]) + r")\s+(?=\S)", body)) \
            and p["head"].match(body, link.end()):
        body = body[link.end() :]  # "Đồng thời Sở Văn hóa-Thể thao TP Hải Phòng báo cáo …": a connector with no comma, the body
    toward = p["toward"].match(body)
    aside_named: tuple[str, str] | None = None
    if toward is None and (aside := re.match(r"Đối\s+với\s+(?P<who>[^,:;]{3,120}),\s*", body)) and p["head"].match(aside.group("who")) \
            and (whole := _body_at_start(aside.group("who"))) and not whole[1] and p["task_start"].match(body, aside.end()) \
            and not p["head"].match(body, aside.end()):
        aside_named = (aside.group("who").strip(), body[aside.end() :])  # "Đối với Sở Xây dựng, khẩn trương đề xuất …"
        body = body[aside.end() :]
    if toward and p["head"].match(toward.group("who")) and body[toward.end() :].strip():
        # "Đối với các xã còn diện tích đất lúa: cần tập trung …": the bodies named are the lead
        context, body = toward.group("who").strip(), body[toward.end() :]
    else:
        # "Trường hợp …, cơ quan chủ trì có trách nhiệm …", "Về dự án …: giao X …", "Để xác định …, X phối hợp …": the body
        # after a condition, a topic or a purpose
        for _ in range(2):  # "Trong quá trình thực hiện, nếu phát sinh vướng mắc, cơ quan, đơn vị chủ động …": two clauses
            end = _opening(body)
            if end is not None and p["condition"].match(body) \
                    and any(o.group("op").casefold() in INNER_OPENERS and p["head"].match(body, o.end()) for o in p["opener"].finditer(body, 1, end)):
                break  # "Khi tổ chức kiểm điểm đề nghị Tập đoàn, Tổng công ty mời thêm …": the ask is inside the clause
            if end is not None and (p["head"].match(body, end) or p["opener"].match(body, end)):
                body = body[end:]
                break
            if end is not None and p["condition"].match(body[end:]):
                if p["head"].match(body) and (label := _body_at_start(body[:end].rstrip(" :"))) is not None and not label[1]:
                    # "Sở Tài chính: Căn cứ khả năng cân đối ngân sách, trình …": the body's label, then a condition before
                    # its task; the body stays, the condition goes
                    if (after := _opening(body[end:])) is not None:
                        body = body[:end] + body[end + after :]
                    break
                body = body[end:]
                continue
            break
    if (said := p["speech_ask"].match(body)) and p["head"].match(body, said.start("who")) and p["head"].match(body, said.end()) \
            and (asked := _body_at_start(body[said.end() :])) and asked[1] and p["modal"].match(asked[1]):
        body = body[said.end() :]  # "Phó Thủ tướng Vương Đình Huệ nêu rõ, Bộ Xây dựng cần …": the body after the speaker's words
    op = p["opener"].match(body)
    named = None
    if op:
        named = _body_at_start(body[op.end() :], asked=True)
    elif p["head"].match(body):
        named = _body_at_start(body)
        if named and not named[1]:
            return None  # a body alone: a heading, not a task
        inner = p["opener"].match(named[1]) if named else None
        if inner and inner.group("op").casefold() in INNER_OPENERS and _body_at_start(named[1][inner.end() :], asked=True):
            named = None  # "UBND Thành phố yêu cầu các sở …": the bodies asked are the lead, not the one asking
    inner_used = False
    if named is None and aside_named is not None:
        named, inner_used = aside_named, True  # the body the sentence turned to, then its task
    if named is not None and not op and named[0].startswith(tuple(_table()["leaders"])) \
            and (directs := re.match(r"chỉ\s+đạo\s+", named[1])) and (asked := _body_at_start(named[1][directs.end() :], asked=True)):
        named, inner_used = asked, True  # "Thủ tướng chỉ đạo Bộ Kế hoạch và Đầu tư xây dựng …": the ministry's task
    if named is not None and not directive and not op and not inner_used and re.match(
            r"chủ\s+trì\s+(?:(?:nhiều|các|một\s+số|\d+)\s+)?(?:" + _alternation(_table()["meetings"]) + r")(?![^\W\d_])", named[1]):
        named = None  # "Thủ tướng Nguyễn Xuân Phúc chủ trì phiên họp …" in a report: who chaired, not a task (an ask
        # may follow in the same sentence: "… chủ trì buổi giao ban … Chủ tịch TP giao Sở Nội vụ …")
    if named is None and not normative:  # in a decree's procedure "… gửi văn bản đề nghị Bộ trưởng …" is a step, not a task
        inner = p["opener"].search(body)  # "…, UBND Thành phố yêu cầu các sở, ban, ngành … tiếp tục …"
        if inner and inner.start() > 0 and inner.group("op").casefold() in INNER_OPENERS \
                and not re.search(r"(?<![^\W\d_])(?:(?:đã|đang)(?:\s+[^\s,;.]+){0,3}(?:\s+số\s+\S+)?(?:\s+ngày\s+\S+)?|sẽ|được|bị|không|chưa)\s+$",
                               body[: inner.start()]) \
                and not any(p["head"].match(body, m.end()) for m in _PROPOSES.finditer(body, 0, inner.start())) \
                and not _given_by(body, inner.start()) \
                and not re.search(r"(?<![^\W\d_])đã\s+(?:chỉ\s+đạo|giao|yêu\s+cầu|đề\s+nghị)(?![^\W\d_])", body[: inner.start()]) \
                and not re.search(r"(?<![^\W\d_])đã\s+có\s+(?:văn\s+bản|công\s+văn|tờ\s+trình|thông\s+báo)[^.;]{0,80}$", body[: inner.start()]) \
                and not (context is not None and p["verb"].match(body[:1].lower() + body[1:]) and _COMMA.search(body, 0, inner.start())):
            # (nor "Lãnh đạo Bộ đã chỉ đạo Lãnh đạo Cục … yêu cầu Sở … kiểm tra …": an ask passed down, told as done;
            # not "- Tăng cường kiểm tra …, yêu cầu các chủ đầu tư … thu gom …" under a body's heading: asking others is
            # part of that body's task)
            # (not "UBND tỉnh đang giao cho Công an tỉnh …", "… đã yêu cầu …", "… đã có văn bản gửi Bộ Tư pháp đề nghị …", "… đã có Công văn
            # số 4120/UBND-NNTN yêu cầu …": what was done,
            # "quy định không yêu cầu nhà đầu tư …": no ask;
            # reported; not "chúng tôi kiến nghị với Thủ tướng, chỉ đạo Bộ Công an yêu cầu …": what is proposed)
            named = _body_at_start(body[inner.end() :], asked=True)
            inner_used = named is not None
    if named is not None and normative and not op and not inner_used:
        return None  # a decree's or a regulation's "X có trách nhiệm …" outside its implementation articles: a rule or a step
    if named is not None and not op and not inner_used and re.fullmatch(r"(?i:" + _alternation(_table()["rule_subjects"]) + r")", named[0]) \
            and not p["modal"].match(named[1]) \
            and re.search(r"\s(?:phải|cần|có\s+trách\s+nhiệm|chịu\s+trách\s+nhiệm)\s", re.split(r"[.;]\s", named[1])[0]):
        return None  # "Tổ chức, cá nhân tham gia các hoạt động mua bán … phải chấp hành Nội quy chợ": whoever acts so (the
        # verb defines them), bare of "các" or a body's name; a rule, not a task
    if named is not None and not directive and not op and not inner_used and p["rule_subject"].match(named[0]):
        return None  # a report's or a legal page's "Tổ chức, cá nhân nước ngoài … nộp thuế …", "Các doanh nghiệp cổ phần hóa
        # phải niêm yết …": a rule for whoever is in that place, restated; no body is given a task
    if named is not None and not directive and not op and not inner_used and p["hypothetical"].match(s):
        return None  # a report's "Trường hợp giá điện cần điều chỉnh …, Bộ Công Thương chủ trì …": a rule it restates, no task
    if named is not None and (op or inner_used) and named[0].startswith(tuple(_table()["leaders"])) \
            and any(re.search(r"(?<![^\W\d_])(?:đề\s+nghị|kiến\s+nghị|đề\s+xuất)\s+$", body[:at]) for at in _starts(body, named[0])):
        return None  # "Bộ Tài chính đề nghị Thủ tướng cho phép …": a head of government asked to decide, a proposal
    if named is not None and not directive and not op and not inner_used and not p["modal"].match(named[1]):
        named = None  # an article's sentence opening with a body tells what it did, unless it says what it must do
    if named is None and not op and directive and not normative and p["task_start"].match(body):
        # "Khẩn trương khắc phục các công trình …, các địa phương phải huy động các lực lượng …": an action first, then
        # the body that must carry it out (named in full: "các …" or a capitalised head)
        for m in re.finditer(r",\s+", body[:300]):
            if not (body[m.end() : m.end() + 1].isupper() or body.startswith(("các ", "Các "), m.end())):
                continue
            if _GENITIVE.search(body, max(0, m.start() - 150), m.start()):
                continue  # "… trách nhiệm của các cơ quan, đơn vị, thời hạn phải hoàn thành": whose, not who
            late = _body_at_start(body[m.end() :])
            if late is not None and late[1] and p["modal"].match(late[1]) and late[1].split()[0] in ("phải", "cần") \
                    and ";" not in late[0] and len(late[0].split()) <= 15:
                named, inner_used = late, True
                break
    if named is not None:
        lead, rest = named
    elif context is not None:
        if normative and not op:
            return None  # a regulation's "2. Vụ Tổ chức cán bộ có trách nhiệm:" over its items outside a duty or an
            # implementation article ("Điều 10. Quản lý và sử dụng thẻ"): rules of the regulation, no task handed out
        lead, rest, form = context, body, "heading"
        if (hm := p["head"].match(rest)) and re.match(r"\s+[A-ZĐÀ-Ỹ]", rest[hm.end() :]) and not op:
            return None  # "Lãnh đạo Sở Tư pháp có Giám đốc …" under "1. Lãnh đạo Sở:": a body named and described, no task
        if re.match(r"(?:[^\s,;:.]+\s+){1,7}là\s(?!(?:cơ\s+quan\s+|đơn\s+vị\s+)?đầu\s+mối)", rest):
            return None  # "Phát triển các doanh nghiệp số là lực đẩy chủ đạo …" under a heading: what something is, not a task
        if not directive and not p["task_start"].match(rest.lstrip("-+•* ")):
            # outside a directive (an article, a law or decree, a text of no known kind) an item under a body's heading is
            # its task only when it opens with a task's verb or a modal ("Tổ chức việc đăng ký …"; not "Nguyễn Trãi
            # (1380 – 1442)", "Năm 2021, tiền lương …")
            return None
    else:
        return None
    if not rest or p["not_task"].match(rest) or rest.rstrip().endswith(":") and len(rest.split()) < 4:
        return None
    if named is not None and not op and not inner_used and re.match(r"(?:(?:tiếp\s+tục|cũng|vừa|đã|luôn)\s+)+(?:"
                                                                    + _alternation(_table()["speech_asks"] + ["cho biết", "phát biểu", "trình bày"]) + r")(?![^\W\d_])", rest):
        return None  # "Bộ GD&ĐT tiếp tục nhấn mạnh nội dung này …": what a body said, not what it must do
    if (sanction := re.search(r"(?<![^\W\d_])(?:sẽ\s+)?bị\s+(?:xử\s+lý|xử\s+phạt|truy\s+cứu)", rest[:400])) \
            and not re.search(r"(?<![^\W\d_])(?:thì|nếu|trường\s+hợp)(?![^\W\d_])", rest[: sanction.start()]):
        return None  # "… nhận tài trợ trái với quy định … sẽ bị xử lý hành chính …": a sanction stated, not a task (but "…
        # ngừng thi công …, trường hợp không chấp hành thì bị xử lý …" is one, its sanction a condition's)
    if named is not None and not op and not inner_used and lead.startswith(tuple(_table()["leaders"])) \
            and (re.match(r"(?:chỉ\s+đạo|yêu\s+cầu|đề\s+nghị|nhấn\s+mạnh|lưu\s+ý)(?![^\W\d_])", rest) or body[len(lead) :].lstrip().startswith(":")):
        return None  # "Thủ tướng chỉ đạo đẩy mạnh sản xuất …" (nobody named), a headline's "Thủ tướng: Cần xác định trách
        # nhiệm …": the head of government speaks, it is not given a task
    if not op and re.match(r"(?:[^\s,;.]+\s+){1,2}rằng(?![^\W\d_])", rest):
        return None  # "Bộ trưởng Nguyễn Thị Kim Tiến trả lời rằng, …": what a body said, not a task
    if re.match(r"(?:" + _alternation(_table()["question_tasks"]) + r")(?![^\W\d_])", rest):
        return None  # "đề nghị Bộ trưởng nêu rõ trách nhiệm …": a question put to the body, not a task
    if named is not None and not op and re.match(r"(?!(?:\S+\s+)?(?:xác\s+định|coi|xem|nhận\s+thức)\s)(?:[^\s,;:.]+\s+){1,5}là\s"
                                                 r"(?!(?:cơ\s+quan\s+|đơn\s+vị\s+)?(?:đầu\s+mối|thường\s+trực|chủ\s+trì))", rest):
        return None  # "Các ngân hàng tham gia chương trình là 4 ngân hàng …": what they are, not a task (but "xác định đây là
        # nhiệm vụ trọng tâm" is one)
    if named is not None and re.search(r"(?<![^\W\d_])(?:vấp|gặp|mắc|chịu|bờ|bên|phía|tay|cánh)$", lead) and rest.startswith("phải"):
        return None  # "các doanh nghiệp này vấp phải rất nhiều khó khăn": what befalls them; "nằm ở phía bờ phải": a side;
        # no modal
    if named is not None and not op and not inner_used and re.match(r"ban\s+hành\s+[^\W\d_]+(?:\s+[^\W\d_]+)?\s+(?:số\s*)?\d+[-/]", rest):
        return None  # "Chính phủ ban hành Nghị định số 226/2025/NĐ-CP …": a document issued, told; no task asks for a numbered one
    if named is not None and not op and not inner_used and (p["enact"].match(rest) or p["enact_lower"].match(rest)):
        return None  # "Ủy ban nhân dân tỉnh Đồng Tháp ban hành Kế hoạch … như sau:": the issuer enacting this text
    if named is not None and not op and not inner_used and (pm := p["proposal"].match(rest)) and not p["head"].match(rest[pm.end() :].lstrip()):
        return None  # "Bộ Tài chính đề nghị điều chỉnh …": the body proposes, nobody is given a task
    if re.match(r"(?:\S+\s+){0,3}?(?<!(?i:uẩn) )(?<!(?i:iết) )(?<!(?i:ang) )(?<!(?i:dự) )(?:được|bị)\s", rest):
        return None  # "… tiếp tục được duy trì": said of the body, not asked of it
    if named is not None:  # "Cấp ủy, các Bộ: Quốc phòng, Công an … đã chỉ đạo …": what they did, after the list of names
        first = p["verb"].search(rest)
        told = p["report"].search(rest, 0, first.start() if first else min(len(rest), 200))
        if told is not None and told.group(0) in ("đã", "đang", "vừa"):
            return None
    if named is None and re.match(r"[A-ZĐÀ-Ỹ]\w*(?:\s+[A-ZĐÀ-Ỹ]\w*)+\s*:", rest):
        return None  # "Vương Dung: ca sĩ …" under a heading: a name and what it is, not a task
    if named is None and (p["thing"].match(rest) or rest.isupper()):
        return None  # an item that names a thing ("Nghị định số …", "Tổng số gói thầu …") under a body: not its task
    if re.search(r"[|^]|\*\.", s):
        return None  # a table's or a web page's debris ("… (2010-nay) | |", "Đài Tiếng nói Việt Nam*.**^**"), not a sentence
    if re.match(r"[\d.\s]{4,}\)", rest):
        return None  # "0979730677) để triển khai …": a sentence cut inside a telephone number
    if named is None and (rest.startswith("(") or len(rest.split()) < 6 and not p["verb"].search(rest)
                          or len(re.findall(r"\.\.\.|…", rest)) >= 2 and len(rest.split()) < 25):
        return None  # a label ("Tình trạng bảo quản") or a form's blank ("(Tên địa phương), ngày... tháng...") under a body
    task, partners = _task_of(rest)
    if (tail := p["execution_tail"].search(s)) and not re.search(r"(?<![^\W\d_])(?:chỉ\s+đạo|giao|yêu\s+cầu|đề\s+nghị)(?![^\W\d_])", s[: tail.start()]):
        return None  # (but "X chỉ đạo Y có trách nhiệm triển khai Quy định này" directs Y: X's task)
    if re.match(r"(?i:chịu\s+trách\s+nhiệm)(?:\s+trước\s+[^,;]{2,80}?)?\s+về\s+(?:những\s+|các\s+)?(?:nội\s+dung|tính)(?![^\W\d_])", task):
        return None  # "Chịu trách nhiệm về những nội dung thẩm định …": answerable for what it provides, no task
    clause = re.split(r"[;.]\s", task, maxsplit=1)[0]
    if (favour := re.search(r"(?<![^\W\d_])(?:" + _alternation(_table()["favours"]) + r")(?![^\W\d_])", clause)) \
            and not p["modal"].match(task) and not re.search(r"(?<![^\W\d_])(?:để|nhằm|cho|giúp|bảo\s+đảm|đảm\s+bảo)(?![^\W\d_])", clause[: favour.start()]):
        return None  # "Người đứng đầu … tham gia xây dựng … được xem xét loại trừ, miễn trách nhiệm …", "Các tổ chức, cá nhân có
        # thành tích … được khen thưởng …": a favour the text grants, no task (not "… để người dân được hưởng …")
    if re.match(r"(?i:thực\s+hiện|làm)\s+(?:các\s+|những\s+)?(?:nhiệm\s+vụ|công\s+việc|việc)\s+khác", task):
        return None  # "Thực hiện các nhiệm vụ khác theo quy định của pháp luật": a list's catch-all, not a task
    if re.search(r"(?<![^\W\d_])không\s+phải\s+là(?![^\W\d_])", lead[-20:] + " " + task[:40]) or re.match(r"phải\s+là\s", task) \
            or re.search(r"(?<![^\W\d_])có\s+phải(?![^\W\d_])[^.?!]*(?<![^\W\d_])không\s*\?", s):
        return None  # "Lực lượng này … không phải là sĩ quan": what it is not; "X phải là đảng viên": what it must be, no task;
        # "X có phải tham vấn … không?": a question
    if task.rstrip(" *_").endswith("?") or re.search(r"(?<![^\W\d_])nào(?![^\W\d_])", lead) \
            or re.search(r"\?[”\"'»]?\s*(?:\([^)]*\))?[\s*_.”\"]*$", s):
        return None  # "Cơ quan nào có trách nhiệm …?", "Công văn 2512: Yêu cầu trường học … ra sao? (Hình từ Internet)": a
        # question (an explainer's heading or its picture's caption), not an assignment
    words = task.split()
    if len(words) < 3 or sum(w[:1].isupper() for w in words[1:]) > 0.6 * (len(words) - 1):
        return None  # "Công ty CP Xử lý chất thải xây dựng và Đầu tư …": a name, not a task
    evidence = s
    if written is not None:  # each field as the text writes it (its own tone marks and spelling), not as normalised
        evidence = written(lo, hi)
        if named is not None and (at := s.find(lead)) >= 0:
            lead = written(lo + at, lo + at + len(lead))
        if (at := s.find(task)) >= 0:
            task = written(lo + at, lo + at + len(task))
        partners = tuple(written(lo + at, lo + at + len(w)) if (at := s.find(w)) >= 0 else w for w in partners)
    return Assignment(task=task, lead=lead, partners=partners, due=_due(s, year), section=section, evidence=evidence, start=lo,
                      end=hi, form=form)


_FULL_DATE_YEAR = re.compile(r"(?<![\d/-])\d{1,2}\s*([/.-])\s*\d{1,2}\s*\1\s*((?:19|20)\d\d)(?![\d/])|(?:ngày\s+\d{1,2}\s+)?tháng\s+\d{1,2}\s+năm\s+((?:19|20)\d\d)"
                             r"|(?:tháng|[Qq]uý)\s+(?:\d{1,2}|IV|I{1,3})\s*[/-]\s*((?:19|20)\d\d)(?!\d)")  # (a news report's "4-7-2017", "tháng 6-2017" too)


def _text_year(text: str) -> int | None:
    """The year a text without a dated header speaks in (a news report's "trước 30/7" is that year's): the year its full
    dates give most often, leaving out the dates of the documents it cites ("Nghị định 177/2013/NĐ-CP ngày 14/11/2013")
    when it has others; None when it gives none."""
    own: Counter[int] = Counter()
    cited: Counter[int] = Counter()
    for m in _FULL_DATE_YEAR.finditer(text):
        year = int(m.group(2) or m.group(3) or m.group(4))
        (cited if _CITED_DATE.search(text, max(0, m.start() - 80), m.start()) else own)[year] += 1
    years = own or cited
    return years.most_common(1)[0][0] if years else None


#: what comes before a cited document's date ("Nghị định 99/2015/NĐ-CP ngày ", "Quyết định số 24 ngày ")
_CITED_DATE = re.compile(r"(?:\d+/(?:(?:19|20)\d\d/)?[A-ZĐ][A-ZĐ0-9-]*[-–][A-ZĐ0-9]+|(?:Nghị\s+định|Quyết\s+định|Thông\s+tư|Chỉ\s+thị|Nghị\s+quyết|"
                         r"Luật|Công\s+văn|Kết\s+luận|Kế\s+hoạch|Thông\s+báo|[Vv]ăn\s+bản)\s+(?:số\s*)?\S+)[,\s]+(?:ngày\s+)?$")


def _within_any(spans: list[tuple[int, int]]) -> Callable[[int], bool]:
    """Whether a position lies in one of ``spans``: the spans merged and searched by bisection (the text's quotes and
    tables against its assignments, without comparing every pair)."""
    merged: list[list[int]] = []
    for lo, hi in sorted(spans):
        if merged and lo <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], hi)
        else:
            merged.append([lo, hi])
    starts = [lo for lo, _ in merged]

    def inside(x: int) -> bool:
        i = bisect.bisect_right(starts, x) - 1
        return i >= 0 and x < merged[i][1]
    return inside


def _same_body(a: str, b: str, among: bool = False) -> bool:
    """Whether two names are the same body as a headline and its story write them ("Bộ GTVT" / "Bộ Giao thông Vận tải",
    "Bộ KH&ĐT" / "Bộ trưởng Bộ Kế hoạch và Đầu tư (KH&ĐT)"): compared canonically, without a head's title or a bracket."""
    def key(name: str) -> str:
        name = re.sub(r"\s*\([^)]*\)", "", name)
        name = re.sub(r"^(?:Bộ\s+trưởng|Thủ\s+trưởng|Chủ\s+tịch|Giám\s+đốc)\s+(?=[A-ZĐ])", "", name)
        name = re.sub(r"^(?:[Tt]ỉnh|[Tt]hành\s+phố|TP\.?)\s+(?=[A-ZĐ])", "", name)  # "Tỉnh Quảng Ninh" / "Quảng Ninh"
        return canonical_issuer(name)
    if a == b or key(a) == key(b):
        return True
    if not among:
        return False
    # (``among``: ``b``, a headline's or a lead's "các tổng công ty", over ``a``, "lãnh đạo các tổng công ty và các đơn vị có
    # liên quan" in the story: the bodies it names are among those the story names; not the other way round)
    told, story = " ".join(b.casefold().split()), " ".join(a.casefold().split())
    return len(told.split()) >= 2 and re.search(r"(?<![^\W\d_])" + re.escape(told) + r"(?![^\W\d_])", story) is not None


def _overlap(a: str, b: str) -> float:
    """The share of the shorter task's words the other has too (case folded): a headline's few words against the body's."""
    x, y = set(re.findall(r"\w+", a.casefold())), set(re.findall(r"\w+", b.casefold()))
    return len(x & y) / max(1, min(len(x), len(y)))


def _jaccard(a: str, b: str) -> float:
    """The words two tasks share over the words either has (case folded): two tellings of one task share most of theirs."""
    x, y = set(re.findall(r"\w+", a.casefold())), set(re.findall(r"\w+", b.casefold()))
    return len(x & y) / max(1, len(x | y))


def find_assignments(doc: Document, found: Findings) -> Findings:
    """Finder 12: the assignments of a directive, plan, conclusion or letter, in text order."""
    text = doc.text
    year = found.document.year if found.document is not None and found.document.year else _text_year(text)
    issuer = canonical_issuer(found.document.issuer) if found.document is not None and found.document.issuer else None
    # an article reports and a law or decree rules: only their openers and modals assign
    normative = found.document is not None and found.document.doc_type in _table()["normative_types"]
    directive = found.document is not None and not normative
    p = _patterns()
    lines = _lines(text)
    for k, ln in enumerate(lines):
        if ln.kind is not None or len(ln.content) > 200 or re.search(r"[.;:]$", ln.content.rstrip()):
            continue
        a, b = doc.to_original(ln.start, ln.end)
        first = doc.original[doc.original.rfind("\n", 0, a) + 1 : (doc.original.find("\n", a) + 1 or len(doc.original) + 1) - 1].strip()
        last = doc.original[doc.original.rfind("\n", 0, max(a, b - 1)) + 1 : (doc.original.find("\n", max(a, b - 1)) + 1 or len(doc.original) + 1) - 1].strip()
        end = doc.original.rfind("\n", 0, a)  # the non-empty line before (found without copying the text before it)
        while end > 0 and not doc.original[doc.original.rfind("\n", 0, end) + 1 : end].strip():
            end = doc.original.rfind("\n", 0, end)
        before = doc.original[doc.original.rfind("\n", 0, end) + 1 : end].strip() if end > 0 else ""
        if before.startswith("|") or before.endswith("|"):
            continue  # a table's cell ("|" / "**STT**"), not a heading
        if first.startswith("**") and last.endswith("**") or re.match(r"#{1,6}\s", first):
            # a bold line of its own ("**Phòng ngừa ngộ độc thực phẩm dịp Tết**") or a web page's heading ("### Nhiệm vụ và
            # quyền hạn của Bộ …"): a heading between the lists an introduction hands out, under its body and over its items
            lines[k] = replace(ln, kind="bold", level=_LEVEL["bold"])
    if not normative and any(ln.kind == "article" and p["normative_part"].match(ln.content) for ln in lines):
        normative, directive = True, False  # a decision or resolution that rules ("Điều 1. Phạm vi điều chỉnh"): read as a decree is
    if found.document is None:
        # a text whose header is missing or damaged is read by its body: a decree's articles ("Phạm vi điều chỉnh", "Đối
        # tượng áp dụng") make it normative; an official text's parts (its "Căn cứ …" basis, "Nơi nhận:", a "TỔ CHỨC THỰC
        # HIỆN" part) or tasks handed out line by line ("Giao X …" three times) make it a directive; else it is an article
        normative = any(ln.kind == "article" and p["normative_part"].match(ln.content) for ln in lines) \
            or len(p["self_normative"].findall(text)) - len(_MAKES_ITSELF.findall(text)) >= MIN_SELF_REFERENCES  # "… quy định tại
        # Điều 5 Nghị định này" (not "hoàn thiện Nghị định này": a report about a decree being drafted)
        directive = not normative and (
            sum(1 for ln in lines if (op := p["opener"].match(ln.content)) and op.group("op")[:1].isupper()
                and p["head"].match(ln.content, op.end())) >= MIN_OPENER_LINES
            or sum(1 for ln in lines if p["official_part"].match(ln.content)) >= 2)

    def marked(line: Line) -> bool:
        """A line a web page marks as a heading ("#### 2. Xây dựng đề án sắp xếp …"): a heading, never a task itself."""
        a, _ = doc.to_original(line.start, line.end)
        return bool(re.match(r"[*_\s]*#{1,6}\s", doc.original[doc.original.rfind("\n", 0, a) + 1 : a + 1]))

    def styled(line: Line) -> bool:
        """A line set in italics or bold as a whole, with no closing stop ("*2.1. Đẩy mạnh hoàn thiện thể chế …*"): a heading."""
        a, b = doc.to_original(line.start, line.end)
        whole = doc.original[doc.original.rfind("\n", 0, a) + 1 : (doc.original.find("\n", max(a, b - 1)) + 1 or len(doc.original) + 1) - 1]
        whole = whole.strip()
        return whole[:1] in ("*", "_") and whole[-1:] in ("*", "_") and not re.search(r"[.;:]\W*$", line.content)

    def written(lo: int, hi: int) -> str:
        a, b = doc.to_original(lo, hi)
        return " ".join(doc.original[a:b].split()).strip(" *_")

    out: list[Assignment] = []
    stack: list[tuple[float, str]] = []  # the numbering path: (level, label)
    contexts: list[tuple[float | None, str]] = []  # bodies named over what follows: (level it governs below, body)
    skip_level: float | None = None  # inside a section of aims or views
    last_line = -2  # the line the last assignment came from
    in_exec = False  # inside an article "Tổ chức thực hiện" / "Điều khoản thi hành" / "Trách nhiệm của …"
    exec_part = False  # under a part "TỔ CHỨC THỰC HIỆN"
    last_numbered = max((i for i, ln in enumerate(lines) if ln.kind in ("roman", "article", "number")), default=-1)
    recipients: str | None = None  # inside an address list ("Kính gửi:", "Nơi nhận:")
    quoting = False  # inside a provision a legal web page quotes after "Căn cứ theo Điều … như sau:"
    # in a report, the level of an introduction that asked ("Chủ tịch UBND tỉnh yêu cầu … thực hiện tốt những nội dung
    # sau:" over a dispatch's items, printed whole in a news report): its items assign as a directive's do
    listed_from: float | None = None
    carried = False  # the paragraph before asked and assigned: a report goes on asking
    for n, line in enumerate(lines):
        level = line.level if line.kind else (stack[-1][0] + 0.5 if stack else 0.5)
        if listed_from is not None and (line.kind is None and not line.content.rstrip(" *_").endswith(":")
                                        or line.kind is not None and level <= listed_from):
            listed_from = None  # a paragraph, or an item no deeper than the introduction: the list has ended
        if (line.kind is None and line.content.isupper() or line.kind == "bold") and p["exec_article"].fullmatch(line.content.strip("*_ .")):
            exec_part = True  # "Chương IV" / "TỔ CHỨC THỰC HIỆN": every article below carries the text out
        if line.kind == "article":  # a decree's or resolution's own implementation article assigns as a directive does
            duty = p["duty_article"].match(line.content)
            for_whoever = bool(duty and (p["rule_subject"].match(line.content, duty.end())
                                         or re.search(r"(?<![^\W\d_])khi(?![^\W\d_])", line.content[duty.end() :])))
            # "Trách nhiệm của tổ chức, cá nhân khi thăm dò, khai quật khảo cổ", "… của các cá nhân có liên quan" (in a part
            # "TỔ CHỨC THỰC HIỆN" too): rules for whoever does it, no body's tasks
            in_exec = not for_whoever and (exec_part or bool(p["exec_article"].match(line.content) or duty))
        d_ok, n_ok = directive or in_exec or (listed_from is not None and line.kind is not None), normative and not in_exec
        if line.kind in ("roman", "article", "number", "letter"):
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, line.label or ""))
        if line.kind is not None:
            contexts = [(lvl if lvl is not None else level - 0.01, body) for lvl, body in contexts]  # an intro's items start
        while contexts and contexts[-1][0] is not None and contexts[-1][0] >= level:
            contexts.pop()
        if p["new_document"].match(line.content):  # an annex, a form, another document: what was above ends here
            stack, contexts, skip_level, recipients = [], [], None, None
            exec_part = in_exec = False  # (a form after a part "TỔ CHỨC THỰC HIỆN" is no part of it)
            continue
        if p["basis"].match(line.content):
            continue  # the text's basis names documents and their issuers, not tasks
        if p["regulation"].fullmatch(line.content.strip("*_ ")):
            # "QUY CHẾ" / "QUY ĐỊNH" under a decision: the rules it issues, which state competences and rules as a decree does
            stack, contexts, skip_level, recipients = [], [], None, None
            normative, directive = True, False
            continue
        rec = p["recipients"].match(line.content)
        if rec:  # "Kính gửi:" / "Nơi nhận:": the lines below are addressees
            recipients = "nơi" if line.content[:3].casefold() == "nơi" else "kính"
            continue
        if recipients and (line.kind in ("dash", "plus") or line.kind is None and len(line.content.split()) <= 12):
            continue  # an addressee; the list ends at the first heading or paragraph
        recipients = None
        if skip_level is not None and (line.kind is not None and level <= skip_level):
            skip_level = None
        if line.kind in ("roman", "number") and len(line.content.split()) <= 12 and not re.search(r"[.;]\s*$", line.content) \
                and p["not_section"].match(line.content.lstrip("*_ ")) and not p["task_section"].search(line.content):
            # "I. MỤC ĐÍCH, YÊU CẦU", "1. Mục tiêu chung" (not "II. MỤC TIÊU, NHIỆM VỤ VÀ GIẢI PHÁP", "III. PHẠM VI, …, PHƯƠNG ÁN …")
            skip_level = level if skip_level is None else min(skip_level, level)
            continue
        if p["procedure_part"].match(line.content.strip("*_ ")) and (line.kind is not None or line.content.rstrip(" *_").endswith(":")):
            # "1.1. Trình tự thực hiện", "Cơ quan thực hiện TTHC: …": a procedure's description, its steps are no assignments
            skip_level = level if skip_level is None else min(skip_level, level)
            continue
        if p["competence"].search(line.content) and len(line.content.split()) <= MAX_HEADING_WORDS and (
                line.kind is not None and not re.search(r"[.;]\s*$", line.content) or line.content.rstrip(" *_").endswith(":")):
            # "Điều 5. Nhiệm vụ và quyền hạn của Ban Kiểm soát", "Ban Kiểm soát có các nhiệm vụ và quyền hạn sau:": a body's
            # competences, not tasks given to it
            skip_level = level if skip_level is None else min(skip_level, level)
            continue
        if line.kind == "article" and p["structure_article"].match(line.content):
            # "Điều 3. Cơ cấu tổ chức" in a decision on a body's functions: the body described, no task handed out
            skip_level = level if skip_level is None else min(skip_level, level)
            continue
        if quoting and (line.kind in ("dash", "plus", "letter", "number")
                        or line.kind is None and (re.search(r"[:;]\W*$", line.content) or re.match(r"\((?:\d{1,2}|[a-zđ])\)\s", line.content))):
            continue  # the provision a legal web page quotes, item by item
        quoting = False
        if line.kind is None and re.match(r"[*_ ]*Như\s+vậy(?![^\W\d_])", line.content):
            # "Như vậy, …": a legal web page sums up what it quoted; the bodies an introduction named above end here
            contexts = [c for c in contexts if c[0] is not None]
            continue
        if line.kind is None and p["cites_provision"].match(line.content):
            quoting = True  # "Căn cứ theo Điều 23 Nghị định 238/2025/NĐ-CP quy định … như sau:": the law's words follow
            continue
        if skip_level is not None:
            continue
        section = _path(stack)
        content = line.content
        label = p["due_label"].match(content)
        if label:  # "Thời gian hoàn thành: Tháng 11 - 12/2025" under an item: the item's deadline
            if out and last_line == n - 1:
                out[-1] = replace(out[-1], due=_labelled_due(content[label.end() :], year) or out[-1].due)
                last_line = n
            continue
        below = lines[n + 1] if n + 1 < len(lines) else None
        # over items, or over an introduction of its own ("b) Hoàn thiện hạ tầng kỹ thuật …" / "Ủy ban nhân dân các tỉnh …:")
        over_items = below is not None and (below.kind is not None and below.level > level
                                            or line.kind not in (None, "dash", "plus") and below.kind is None and below.content.rstrip().endswith(":")
                                            and p["head"].match(below.content) is not None
                                            or line.kind in ("number", "roman") and below.kind is None and styled(line))

        duty = p["duty_of"].match(content)
        if duty and (p["rule_subject"].match(duty.group("who")) or re.search(r"(?<![^\W\d_])khi(?![^\W\d_])", duty.group("who"))):
            duty = None  # "Trách nhiệm của tổ chức, cá nhân khi thăm dò …": rules for whoever acts, no body's tasks
        if duty and line.kind is not None and (over_items or below is not None and below.kind is None and len(content.split()) <= 12
                                                and not re.search(r"[.;:]\s*$", content)) \
                and (p["head"].match(duty.group("who")) or content.startswith(("Trách", "TRÁCH"))):
            # ("Trách nhiệm của đối tượng thực hiện kiểm kê:": whoever a "Trách nhiệm của" heading names is a body)
            # "5. Trách nhiệm của các Sở, ngành, UBND cấp xã:" over its items, "2. Trách nhiệm của Sở Tài chính" over its
            # paragraphs: theirs
            contexts.append((level, written(line.start + duty.start("who"), line.start + duty.end("who"))))
            continue
        asked = p["opener"].match(content)
        alone = _body_at_start(content[asked.end() :]) if asked else None
        if alone is not None and not alone[1] and (line.kind is not None or content.rstrip().endswith(":")):
            # "3. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam thành phố", "1.3.1. Đề nghị UBND các xã, … được giao làm Bên mời
            # thầu …:" over what follows: theirs
            at = line.start + asked.end()
            contexts.append((level if line.kind else None, written(at, at + len(alone[0])) if text.startswith(alone[0], at) else alone[0]))
            continue
        heading = _body_at_start(content) if p["head"].match(content) else None
        if p["head"].match(content) and line.kind is not None and over_items and len(re.sub(r"\([^)]*\)", "", content).split()) <= MAX_HEADING_WORDS \
                and not re.search(r"[;,]\s*$", content) and (heading is None or not p["modal"].match(heading[1])
                                                               and not heading[1].startswith("chỉ đạo")
                                                               and not p["intro"].match(heading[1])):
            # "3. Cơ quan chủ trì giải quyết thủ tục đầu tư dự án", "9. Các cơ sở sản xuất, kinh doanh, dịch vụ và đơn vị thực
            # hiện dịch vụ vệ sinh môi trường." over its items: the whole line names them
            if _activities(content.rstrip(" :.")):
                continue  # "5. Thanh tra, kiểm tra, giám sát và xử lý vi phạm" over its items: a heading naming activities
            heading = (content.rstrip(" :."), "")
        if heading is not None and line.kind is not None and (not re.search(r"[.;,]\s*$", content) or not heading[1] and over_items) and (
                not heading[1] or heading[1].startswith("(") or (
                over_items and len(content.split()) <= MAX_HEADING_WORDS and not re.search(r"[.;:]\s*$", content))):
            # "1. Sở Xây dựng" (or a longer name over its items: "7. Các doanh nghiệp hoạt động trong lĩnh vực xây dựng")
            lead = heading[0] if not heading[1] or heading[1].startswith("(") else content.rstrip(" :")
            lead = re.sub(r"\s*\([^)]*\)\s*$", "", lead).strip()
            if normative and p["rule_subject"].match(lead):
                # a decree's or a normative decision's "5. Chủ đầu tư, chủ sở hữu, đơn vị quản lý vận hành nhà ở xã hội (Bên
                # cho thuê):": whoever is in that place, its items rules for them, not tasks given to a body
                contexts.append((level, None))
                continue
            contexts.append((level, written(line.start, line.start + len(lead)) if text.startswith(lead, line.start) else lead))
            continue
        if heading is not None and line.kind is None and not heading[1] and content.rstrip().endswith(":"):
            # "Ủy ban nhân dân các tỉnh, thành phố:" alone on its line: the items below are theirs
            contexts.append((None, written(line.start, line.start + len(heading[0])) if text.startswith(heading[0], line.start)
                             else heading[0]))
            continue
        toward = p["toward"].match(content + " ") if content.rstrip().endswith(":") else None
        if toward and (p["head"].match(toward.group("who")) or p["head"].match("các " + toward.group("who"))) \
                and not content[toward.end() :].strip():  # (in lower case after it: "Đối với tổ chức tín dụng:")
            # "9.1. Đối với các cơ sở sản xuất …:" over its items (or alone on its line, as "Ủy ban nhân dân các tỉnh:" is)
            contexts.append((level if line.kind else None, toward.group("who").strip()))
            continue
        if content.rstrip().endswith(":") and (len(content) <= MAX_INTRO or len(_sentences(line, text)) <= 2):
            # (a long paragraph of many sentences ending in a web page's "Xem thêm:" is no introduction: its sentences are read)
            named = _assignment(content, line.start, line.end, section, None, year, "intro", written, d_ok, n_ok)
            if named is None:  # "Nhằm …. Sở Nội vụ đề nghị các doanh nghiệp …, cụ thể như sau:": its last sentence
                lo, hi, last = _sentences(line, text)[-1]
                named = _assignment(last, lo, hi, section, None, year, "intro", written, d_ok, n_ok)
            if named is None and line.kind is not None and contexts and (
                    _LEAD_IN.search(content) or line.kind in ("number", "letter") and p["verb_start"].match(content)):
                # ("1.1. Nghiên cứu, quán triệt và thực hiện nghiêm túc quy định pháp luật và chỉ đạo của Thành ủy:" over
                # the rules it names)
                # "- Phối hợp hướng dẫn các cơ quan … Trong đó:" under a body's heading: the item is the body's task
                item = _assignment(content, line.start, line.end, section, contexts[-1][1], year, "heading", written, d_ok, n_ok)
                if item is not None and _own_task(item.task):
                    out.append(item)
                    last_line = n
                    contexts.append((level, None))  # its sub-items spell it out: only those naming a body of their own assign
            if p["speech"].search(content):
                continue  # "… Thuế tỉnh Vĩnh Long trả lời theo nguyên tắc sau:", "Cục Thuế có ý kiến như sau:": a body speaks
            if not d_ok and not normative and listed_from is None and any(
                    o.group("op").casefold() in INNER_OPENERS and (named is not None or p["verb"].match(content, o.end()))
                    for o in p["opener"].finditer(content)):
                # ("… Chính phủ yêu cầu chuẩn bị … nội dung cụ thể như sau:": asked of the bodies its items name)
                listed_from = level
            if named is not None and _own_task(named.task) and canonical_issuer(named.lead) != issuer:
                # "Giao Sở X là cơ quan đầu mối, chủ trì …; tổ chức thực hiện các nhiệm vụ sau:": a task of its own besides the
                # items below (not "X có trách nhiệm:", "X cần thực hiện tốt các nhiệm vụ sau:")
                out.append(named)
                last_line = n
            lead = named.lead if named is not None else None
            if lead is None and line.kind in ("letter", "dash", "plus") and p["thing"].match(content) and not content.startswith("Yêu cầu"):
                # "b) Nội dung chi:", "a) Mức kinh phí:" under a body's heading: what follows lists a thing's parts
                contexts.append((level, None))
                continue
            if lead is None and line.kind is None and _LISTS_RULES.search(content):
                # "Các hành vi vi phạm … thì bị xử phạt … như:", "Hồ sơ gồm:": the items below are what it lists, not the
                # tasks of a body named further up
                contexts.append((None, None))
                continue
            if p["asks_approval"].search(content):
                # "Bộ Tài chính kính báo cáo Thủ tướng Chính phủ xem xét thông qua:": what is proposed for approval below,
                # a "Giao X …" among it included, is not yet assigned
                skip_level = level if line.kind else (stack[-1][0] if stack else 0.0) + 0.25
                continue
            if p["speech"].search(content):
                lead = None  # "Về vấn đề này, Cục Thuế có ý kiến như sau:", "… đã kết luận như sau:": the body speaks, its items are its words
            elif lead is None and p["head"].match(content) and (alone := _body_at_start(content)) and (p["enact"].match(alone[1]) or p["enact_lower"].match(alone[1])):
                issuer = issuer or canonical_issuer(alone[0])  # the issuer enacting the text: no header said who it is
            elif lead is None and p["head"].match(content) and (alone := _body_at_start(content)) and p["intro"].search(alone[1]):
                lead = written(line.start, line.start + len(alone[0])) if text.startswith(alone[0], line.start) else alone[0]
            if lead is not None and canonical_issuer(lead) != issuer:  # "UBND tỉnh Đồng Nai" is the issuer writing
                # "Sở Y tế, UBND cấp xã … có trách nhiệm:": the items below are theirs; a paragraph's, as far as its items go
                contexts.append((level if line.kind else None, lead))
            continue
        context = contexts[-1][1] if contexts else None
        if line.kind in ("roman", "number", "letter") and re.match(r"(?:Về|VỀ)\s", content) and ":" not in content \
                and not p["opener"].search(content):
            continue  # "3. Về khôi phục sản xuất, kinh doanh …": a topic's heading over the items that assign, not a task
        if (over_items or marked(line)) and line.kind is not None and not p["head"].match(content) and not any(
                not re.search(r"(?<![^\W\d_])do\s", content[: o.start()]) for o in p["opener"].finditer(content)):
            # (an opener in a clause "do Đảng và Nhà nước giao nhiệm vụ" names what was given, it hands nothing out)
            continue  # "1. Xây dựng đề án …" over its items: a heading naming what the items below assign, not a task
        before = lines[n - 1] if n else None
        if line.kind is None and context is None and before is not None and before.kind is None and out and last_line == n - 1 \
                and out[-1].start >= before.start and content[:1].isupper() and p["task_start"].match(content) \
                and (not p["head"].match(content) or _body_at_start(content) is None) \
                and (before.content.rstrip().endswith(";") or _GIVES_ITEMS.match(before.content)) \
                and ":" not in out[-1].task and not re.match(r"(?i:ban\s+hành|hướng\s+dẫn)(?![^\W\d_])", out[-1].task):
            # (not when the task issues a guide or lists after a colon: "ban hành: Hướng dẫn A;" / "Hướng dẫn B;" are what
            # it issues)
            # a list a web page stripped of its marks ("Giao Đảng ủy X lãnh đạo, chỉ đạo …;" / "Tiếp tục đổi mới …;" /
            # "Báo cáo Bộ Chính trị trong quý II/2025."): items end in ";" (the official layout), each the same body's task
            item = _assignment(content, line.start, line.end, section, out[-1].lead, year, "heading", written, True, n_ok)
            if item is not None:
                out.append(item)
                last_line = n
                continue
        units = _sentences(line, text)
        if line.kind and units:
            # an item stays whole (its sentences share its body) unless a later sentence names a body of its own ("…;
            # Bộ Khoa học và Công nghệ hướng dẫn …", "Đồng thời, X phải …"): each such sentence starts an assignment
            starts = [line.start]
            for lo, hi, u in units[1:]:  # not a list of names ("Thủ trưởng các Sở, ban, ngành; Chủ tịch UBND cấp xã … có trách nhiệm …",
                # "Giao Sở X chủ trì, phối hợp với các Sở …; Ủy ban nhân dân các xã …; … triển khai …")
                if any(v.group(0) not in ("chủ trì", "phối hợp") for v in p["verb"].finditer(text, starts[-1], lo)) and \
                        _assignment(u, lo, hi, section, None, year, "sentence", None, d_ok, n_ok) is not None:
                    starts.append(lo)
            units = [(a, a + len(text[a:b].rstrip()), text[a:b].rstrip()) for a, b in zip(starts, [*starts[1:], line.end], strict=True)]
        previous: Assignment | None = None  # in a paragraph, a sentence that names no body goes on with the one before
        # (a web page's caption in italics, "*Phó Chủ tịch nước … cùng các đại biểu tham gia Phiên họp*", is not carried into)
        o_lo, o_hi = doc.to_original(line.start, line.end) if not line.kind else (0, 0)
        italic = not line.kind and doc.original[max(0, o_lo - 1) : o_lo] in ("*", "_") \
            and doc.original[max(0, o_lo - 2) : o_lo] not in ("**", "__") \
            and doc.original[max(0, o_hi - 3) : o_hi + 1].rstrip()[-1:] in ("*", "_")  # (not bold: "**…**")
        asking = d_ok or carried and not line.kind and not italic  # a report's paragraph that has asked ("Thủ tướng yêu cầu Bộ X …. Bộ Y phối hợp với … đề xuất …")
        # goes on asking, and so do the paragraphs right after it while each of them assigns ("Bộ Tài chính rà soát …" below
        # "Thủ tướng đề nghị các bộ … một số nhiệm vụ. … Bộ Xây dựng chủ trì …")
        found_before = len(out)
        for k, (lo, hi, s) in enumerate(units):
            before = units[k - 1][1] if k else -1  # where the sentence before ended
            if previous is not None and (label := p["due_label"].match(s)) and _due(s[label.end() :], year, cell=True) is not None \
                    and (due := _labelled_due(s[label.end() :], year)):
                # "… ban hành văn bản …. Thời gian hoàn thành trước ngày 30/6/2025.": the deadline of the sentence before
                out[-1] = previous = replace(previous, due=previous.due or due)
                continue
            a = _assignment(s, lo, hi, section, context, year, "sentence", written, asking, n_ok)
            if a is not None and asking and not d_ok and not (p["verb"].match(a.task) or p["modal"].match(a.task) or p["proposal"].match(a.task)
                                                              or any(o.group("op").casefold() in INNER_OPENERS and s.startswith(a.lead, o.end())
                                                                     for o in p["opener"].finditer(s))):
                a = None  # going on asking, a body's sentence must start with its task ("Bộ Tài chính triển khai …"; not
                # "Ban Chấp hành Trung ương cơ bản thống nhất …")
            if not n_ok and (a is not None or re.match(r"[^,]*,\s*(?:đề\s+nghị|yêu\s+cầu)\s", s) is not None and p["verb"].match(
                    s, re.match(r"[^,]*,\s*(?:đề\s+nghị|yêu\s+cầu)\s", s).end())) and any(
                    o.group("op").casefold() in INNER_OPENERS for o in p["opener"].finditer(s)):
                # (also "Trường hợp …, đề nghị báo cáo UBND TP Hải Phòng …": an ask of the body already addressed)
                asking = True
            if a is None and previous is not None and not line.kind and p["execution"].fullmatch(previous.task):
                # "Đề nghị các cơ quan nghiêm túc thực hiện. Định kỳ hằng năm báo cáo …": the next sentence is their task
                a = _assignment(s, lo, hi, section, previous.lead, year, "sentence", written, d_ok, n_ok)
            if a is not None and a.form == "heading" and previous is None and not line.kind and last_line == n - 1 and out \
                    and out[-1].form == "sentence" and out[-1].lead != a.lead and lo == line.start:
                # "a) Ủy ban nhân dân các tỉnh … tiếp tục rà soát …" / "Chủ động công bố thông tin …": a paragraph that goes on
                # with the item just above, which named its own body, is that item's, not the introduction's bodies'
                out[-1] = previous = replace(out[-1], end=hi, evidence=written(out[-1].start, hi))
                continue
            if a is None and previous is not None and previous.end == before and not line.kind and context is None \
                    and p["task_start"].match(s, (also := re.match(r"(?:Đồng\s+thời|đồng\s+thời)\s*,?\s*", s)) and also.end() or 0) \
                    and not p["head"].match(s):
                # "Bộ Công an tổ chức sơ kết …. Tiếp tục chỉ đạo công an các đơn vị …; báo cáo … trong quý III/2017.",
                # "… Đồng thời liên hệ với …": a sentence naming no body goes on with the task of the sentence right before
                # it (one item, its deadline the item's; "Đồng thời, X …" naming a body of its own is a task of its own)
                due = _due(s, year)  # (a dated limit only: "kế hoạch thanh tra hàng năm" names a plan, not a time)
                out[-1] = previous = replace(previous, end=hi, evidence=written(previous.start, hi),
                                             due=previous.due or (due if due is not None and due.date else None))
                continue
            if a is not None and a.form == "heading" and previous is not None and not line.kind:
                merged = replace(previous, end=hi, evidence=written(previous.start, hi), due=previous.due or a.due)
                if p["execution"].fullmatch(previous.task):  # "Đề nghị các đơn vị nghiêm túc thực hiện. Định kỳ … báo cáo …"
                    merged = replace(merged, task=a.task, due=a.due)
                out[-1] = previous = merged
                continue
            if a is not None:
                out.append(a)
                previous = a
        if not line.kind and not d_ok and not italic:  # (a caption between them does not break the run)
            carried = asking and len(out) > found_before
        if out and out[-1].start >= line.start:
            last_line = n
            if not line.kind and n > last_numbered and out[-1].form == "sentence":
                # a closing paragraph after the last numbered part that names its own body ("Sở Nội vụ đề nghị Quý doanh
                # nghiệp …") ends the bodies named above: the lines after it (contacts, notes) are not theirs
                contexts = []
    consolidated = found.document is not None and (found.document.symbol or "").startswith(tuple(_table()["consolidation_codes"]))
    if issuer and not consolidated:  # "Ủy ban nhân dân tỉnh Cà Mau xác định khung cân đối …" in its own plan: the issuer says what it
        # does; it hands out tasks, it is not given one
        out = [a for a in out if canonical_issuer(a.lead) != issuer]
    # the closing that has the text carried out ("… yêu cầu các sở … nghiêm túc triển khai, thực hiện./."), unless it hands
    # the text to one body to carry out ("Giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết này")
    out = [a for a in out if not p["execution"].fullmatch(a.task) or re.match(r"\W*(?:Giao|giao)\s", a.evidence)
           or a.form == "heading" and not re.search(r"(?i:chịu\s+trách\s+nhiệm)\s+(?:thi\s+hành|thực\s+hiện)", a.task)]
    # (an item under a body's heading, "1. Cục Đăng kiểm Việt Nam có trách nhiệm: a) Tổ chức triển khai thực hiện Thông tư
    # này.", is that body's task)
    # a sentence that only announces the tasks that follow ("Thủ tướng đề nghị các bộ, ngành … tiếp tục lãnh đạo, chỉ đạo
    # một số nhiệm vụ."): its items are the tasks
    out = [a for a in out if not (a.form == "sentence" and _ANNOUNCES.search(a.task) and not _own_task(_ANNOUNCES.sub(":", a.task)))]
    # (a legal page's quotation of a directive, "Tại Nghị quyết 124/NQ-CP Chính phủ yêu cầu … như sau:", reports the tasks
    # it hands out; of a law or decree, its rules)
    quoted = _quoted_spans(text) + [_within_article(text, q.start, q.end) for q in found.quotes
                                    if q.document.doc_type in _table()["normative_types"] or not q.document.doc_type]
    # a provision or an instruction the text quotes ("Tại Điều 30 Luật Quản lý thuế quy định: “… Người nộp thuế phải …”",
    # "Phó Thủ tướng có ý kiến: “giao Bộ Tài chính xem xét …”"): another text's words, not this text's assignment
    inside_quote = _within_any(quoted)
    out = [a for a in out if not inside_quote(_lead_at(text, a))]
    tables = _tables(text, year)
    inside_table = _within_any([(t.start, t.end) for t in tables])
    out = [a for a in out if not inside_table(a.start)] + tables
    out.sort(key=lambda a: a.start)
    if not directive and not normative and len(lines) > 1:
        # a news report's headline and lead restate what its body reports ("Thủ tướng yêu cầu Bộ Công an điều tra …" over
        # "… Thủ tướng giao Bộ Công an chỉ đạo … điều tra …; báo cáo kết quả trong tháng 8/2017"): the body's telling is kept
        top = lines[1 if len(lines) > 2 else 0].end  # the headline, and the lead when a body follows it
        out = [a for i, a in enumerate(out) if a.start >= top or not any(
            _same_body(b.lead, a.lead, among=True) and _overlap(a.task, b.task) >= 0.5 for b in out[i + 1 :])]
        # in its body too, a report that tells the same task of the same body twice ("Thủ tướng vừa giao Bộ X chủ trì, kiểm
        # tra, làm rõ thông tin …" / "Do đó, Thủ tướng giao Bộ X chủ trì, kiểm tra, làm rõ các vấn đề …") tells one task
        out = [a for i, a in enumerate(out) if not any(
            _same_body(b.lead, a.lead) and _overlap(a.task, b.task) >= 0.6 and _jaccard(a.task, b.task) >= 0.4 for b in out[i + 1 :])]
    seen: set[tuple] = set()
    unique = []
    for a in out:  # a task given to the same body in the same words twice (a summary repeating the body) is one task
        if (a.lead, a.task, a.due) not in seen:
            seen.add((a.lead, a.task, a.due))
            unique.append(a)
    return replace(found, assignments=unique)


__all__ = ["find_assignments"]
