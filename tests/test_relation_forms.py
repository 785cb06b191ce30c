"""Relations by form, on real texts (the shared dev3 set, copied into corpus/): each test names the form
(a structure of the language or of the layout standard), not a sentence."""

import pytest

from pipeline import extract


def relations(corpus, name: str) -> set[tuple[str, str, str]]:
    ex = extract((corpus / "dev3" / name).read_text(encoding="utf-8"))
    self_id = ex.document.key if ex.document is not None else None
    return {("self" if r.source == self_id else r.source, r.type, r.target) for r in ex.relations}


def test_one_heading_over_an_inline_list_of_laws(corpus):
    """'Căn cứ các Luật của Quốc hội …: Luật A số …; Luật B số …; …': every law of the list is a basis."""
    got = relations(corpus, "201_qd384-tw-quydinh-cancu.txt")
    laws = {"20/2023/QH15", "67/2006/QH11", "5/2011/QH13", "86/2015/QH13", "24/2018/QH14", "29/2018/QH14", "33/2024/QH15", "60/2024/QH15"}
    assert {("self", "based_on", k) for k in laws} <= got


def test_an_amending_law_named_by_its_title(corpus):
    """'Căn cứ Luật X số 64/2025/QH15; Căn cứ Luật sửa đổi, bổ sung một số điều của Luật X số 87/2025/QH15': both are
    bases and 87 amends 64; a law whose name opens in lower case ('Luật phòng cháy, chữa cháy … số 55/2024/QH15') is a
    reference too."""
    got = relations(corpus, "209_qd213-2025-ubnd-haiphong-baibo.txt")
    assert {("self", "based_on", "64/2025/QH15"), ("self", "based_on", "87/2025/QH15"), ("87/2025/QH15", "amends", "64/2025/QH15"),
            ("self", "based_on", "55/2024/QH15")} <= got
    assert ("64/2025/QH15", "amends", "87/2025/QH15") not in got


def test_a_preamble_entry_closed_by_its_alias(corpus):
    """'Thực hiện A …, B … về ban hành Kế hoạch triển khai A … (Nghị quyết số B) và C …': B's title is B's own; A, B and
    C are what the plan implements."""
    got = relations(corpus, "202_kh182-ubnd-dongnai-khtu.txt")
    assert {("self", "implements", k) for k in ("163/2024/QH15", "50/NQ-CP", "7619/QĐ-BCA")} <= got
    assert ("self", "implements", "163/2024/QH15") in got and ("50/NQ-CP", "implements", "163/2024/QH15") in got


def test_the_purpose_section_of_a_plan(corpus):
    """'I. MỤC ĐÍCH, YÊU CẦU — - Cụ thể hóa … tại Nghị quyết 57 …; Quyết định 1132 …; … và Nghị quyết số 18-NQ/TU':
    what the plan implements, a list past semicolons."""
    got = relations(corpus, "212_kh310-ubnd-hanoi-phuluc.txt")
    assert {("self", "implements", k) for k in ("57-NQ/TW", "1132/QĐ-TTg", "1569/QĐ-TTg", "18-NQ/TU")} <= got


@pytest.mark.parametrize("text", [
    "Kế hoạch số 45/KH-UBND ngày 12/3/2025 về tổng kết 10 năm thực hiện Nghị quyết số 18-NQ/TW của Ban Chấp hành Trung ương.",
    "Nghị định số 193/2025/NĐ-CP ngày 02/7/2025 của Chính phủ quy định chi tiết một số điều và biện pháp thi hành Luật số 54/2024/QH15.",
    "Điều 3. Quyết định này có hiệu lực thi hành được thực hiện theo quy định của Luật số 28/2001/QH10.",
    "Chánh Văn phòng UBND tỉnh, Giám đốc các Sở chịu trách nhiệm thi hành Quyết định số 15/QĐ-UBND.",
])
def test_noun_phrases_and_applicability_are_not_implements(text):
    assert not [r for r in extract(text).relations if r.type == "implements"]
