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


def test_a_letters_own_grounds():
    """In a Công văn, "Căn cứ (quy định tại) X …" in its reasoning, a bulleted "– Căn cứ …" and "Trên cơ sở X" are the
    letter's grounds (guide clarification: a letter's own grounds), wherever they stand; a directive's tasks are not."""
    letter = ("BỘ TÀI CHÍNH\nCỤC THUẾ\nSố: 5680/CT-CS\nV/v thuế TNCN\nHà Nội, ngày 01 tháng 12 năm 2025\nKính gửi: Công ty ABC.\n"
              "Cục Thuế nhận được công văn số 12/CV-ABC của Công ty về thuế. Về vấn đề này, Cục Thuế có ý kiến như sau:\n"
              "Căn cứ quy định tại khoản 2 Điều 5 Thông tư số 111/2013/TT-BTC ngày 15/8/2013 của Bộ Tài chính hướng dẫn về thuế;\n"
              "– Căn cứ Nghị định số 126/2020/NĐ-CP của Chính phủ.\n"
              "Trên cơ sở Công văn số 4567/TCT-CS của Tổng cục Thuế, Cục Thuế hướng dẫn Công ty thực hiện.\n")
    ex = extract(letter)
    assert {(r.type, r.target) for r in ex.relations if r.source == "5680/CT-CS"} == {
        ("based_on", "111/2013/TT-BTC"), ("based_on", "126/2020/NĐ-CP"), ("based_on", "4567/TCT-CS")}


def test_expiry_clauses_end_documents():
    """"Các Quyết định sau đây hết hiệu lực kể từ ngày Quyết định này có hiệu lực thi hành: a) …; b) …" ends every
    item: replaced when the same body issued it, repealed otherwise (guide clarification "hết hiệu lực")."""
    text = ("ỦY BAN NHÂN DÂN\nTỈNH HÀ NAM\nSố: 12/2025/QĐ-UBND\nHà Nam, ngày 01 tháng 12 năm 2025\nQUYẾT ĐỊNH\nBan hành Quy định về quản lý\n"
            "Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;\nQUYẾT ĐỊNH:\nĐiều 1. Ban hành kèm theo Quyết định này Quy định.\n"
            "Điều 2. Quyết định này có hiệu lực kể từ ngày 15 tháng 12 năm 2025.\n"
            "Các Quyết định sau đây hết hiệu lực kể từ ngày Quyết định này có hiệu lực thi hành:\n"
            "a) Quyết định số 05/2020/QĐ-UBND ngày 10/3/2020 của Ủy ban nhân dân tỉnh Hà Nam;\n"
            "b) Quyết định số 18/2019/QĐ-UBND ngày 5/6/2019 của Ủy ban nhân dân tỉnh Hà Nam.\n"
            "Quyết định số 45/2018/QĐ-BTC hết hiệu lực kể từ ngày Quyết định này có hiệu lực.\n"
            "Điều 3. Chánh Văn phòng chịu trách nhiệm thi hành.\n")
    ex = extract(text)
    assert {(r.type, r.target) for r in ex.relations if r.rule == "expiry"} == {
        ("replaces", "5/2020/QĐ-UBND"), ("replaces", "18/2019/QĐ-UBND"), ("repeals", "45/2018/QĐ-BTC")}
    assert all(r.source == "12/2025/QĐ-UBND" for r in ex.relations)
