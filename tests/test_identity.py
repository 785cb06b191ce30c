"""The text's own identity, from where real pages put it, and relations from a body whose number is unknown."""

import pytest

from pipeline import extract

BODY = "\nCăn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;\nQUYẾT ĐỊNH:\nĐiều 1. Bãi bỏ Quyết định số 22/2019/QĐ-UBND ngày 5/6/2019.\n"

CASES = [
    # (name, text, (doc_type, number, key, date, issuer))
    ("upper-case title line over the body", "QUYẾT ĐỊNH 1907/QĐ-UBND NĂM 2025 VỀ VIỆC PHÊ DUYỆT KẾ HOẠCH\nỦY BAN NHÂN DÂN TỈNH BẮC NINH" + BODY,
     ("Quyết định", "1907", "1907/QĐ-UBND", None, "ỦY BAN NHÂN DÂN TỈNH BẮC NINH")),
    ("a legal site's title and 'Số hiệu' table", "Quyết định 1907/QĐ-UBND năm 2025 phê duyệt kế hoạch\n| Số hiệu: | 1907/QĐ-UBND | Loại văn bản: | Quyết định |\n"
     "| Nơi ban hành: | Tỉnh Bắc Ninh | Người ký: | Nguyễn Văn A |\n| Ngày ban hành: | 12/03/2025 | |" + BODY,
     ("Quyết định", "1907", "1907/QĐ-UBND", "2025-03-12", "Tỉnh Bắc Ninh")),
    ("an OCR-damaged header", "BỘ TÀI CHÍNH\n---\ns6:1187/OD-BTC\nHà Nội, ngày 12 tháng 5 năm 2024\nQUYẾT ĐỊNH\nVề việc ban hành Quy chế" + BODY,
     ("Quyết định", "1187", "1187/QĐ-BTC", "2024-05-12", "BỘ TÀI CHÍNH")),
    ("a letter's first line over 'V/v' and 'Kính gửi'", "Công văn 512/CV-BCĐ năm 2025 về triển khai nhiệm vụ chuyển đổi số\nBAN CHỈ ĐẠO\n"
     "V/v triển khai nhiệm vụ chuyển đổi số\nKính gửi: Các sở, ban, ngành\nThực hiện Kế hoạch số 02-KH/BCĐTW, Ban Chỉ đạo đề nghị các cơ quan triển khai.",
     ("Công văn", "512", "512/CV-BCĐ", None, "BAN CHỈ ĐẠO")),
    ("a tax department's letter: a 'V/v' line makes it a Công văn though its issuer code reads like a type code, "
     "and the issuer is the body under its parent", "BỘ TÀI CHÍNH\nCỤC THUẾ\n-------\nSố: 5680/CT-CS\nV/v thuế TNCN từ tiền lương, tiền công.\n"
     "Hà Nội, ngày 01 tháng 12 năm 2025\nKính gửi: Ban Tuyên giáo và Dân vận Trung ương\n"
     "Thực hiện Kế hoạch số 02-KH/BCĐTW, Cục Thuế đề nghị các cơ quan triển khai.",
     ("Công văn", "5680", "5680/CT-CS", "2025-12-01", "CỤC THUẾ")),
    ("a blank number", "ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nSố: ......../QĐ-UBND\nLào Cai, ngày ... tháng ... năm 2025\nQUYẾT ĐỊNH\nBãi bỏ một văn bản" + BODY,
     ("Quyết định", None, None, None, "ỦY BAN NHÂN DÂN TỈNH LÀO CAI")),
    ("no header at all, a title word over a preamble and articles", "QUYẾT ĐỊNH\nVề việc bãi bỏ một văn bản\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH" + BODY,
     ("Quyết định", None, None, None, "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH")),
]


@pytest.mark.parametrize("name,text,expected", CASES, ids=[c[0] for c in CASES])
def test_identity(name, text, expected):
    ex = extract(text, doc_id="sha256:abc")
    d = ex.document
    assert ex.kind == "directive" and (d.doc_type, d.number, d.key, d.date, d.issuer) == expected
    assert all(not (m.key == d.key and not m.self) for m in ex.references if d.key)  # its own number is not a reference
    source = d.key or "sha256:abc"  # CONTRACT: an unnumbered document is the source of its relations by its doc_id
    rels = {(r.source, r.type, r.target) for r in ex.relations}
    if text.endswith(BODY):
        assert {(source, "based_on", "72/2025/QH15"), (source, "repeals", "22/2019/QĐ-UBND")} <= rels
    else:
        assert rels == {(source, "implements", "2-KH/BCĐTW")}


def test_a_news_article_titled_with_a_document_is_not_that_document():
    ex = extract("Nghị định 68/2025/NĐ-CP sửa đổi Nghị định 118/2021/NĐ-CP\nNgày 18/3/2025 Chính phủ ban hành Nghị định 68/2025/NĐ-CP sửa đổi, "
                 "bổ sung một số điều của Nghị định 118/2021/NĐ-CP.\nCăn cứ Điều 5 Nghị định 68/2025/NĐ-CP, mức phạt được điều chỉnh.")
    assert ex.kind == "report" and ex.document is None
    assert {(r.source, r.type, r.target) for r in ex.relations} == {("68/2025/NĐ-CP", "amends", "118/2021/NĐ-CP")}
    assert {m.issuer for m in ex.references if m.key == "68/2025/NĐ-CP"} >= {"Chính phủ"}


# --- the layout standard on real texts (Nghị định 30/2020/NĐ-CP, Phụ lục I; Hướng dẫn 36-HD/VPTW) -------------

LAYOUT = [
    # (file in corpus/dev3, (doc_type, number, key)): the part of the layout that gives it
    ("203_cv10988-bnv-vv.txt", ("Công văn", "10988", "10988/BNV-CQĐP")),  # no type word: the "V/v" line under the number
    ("232_ocr-cv5127-2023-tct-ttkt-excerpt.txt", ("Công văn", "5427", "5427/TCT-TTKT")),  # OCR: "Số: 5427 /TCT-TTKT Hà Nội, ngày …"
    ("230_ocr-cv586-2023-tct-ttkt.txt", ("Công văn", None, None)),  # an OCR-damaged number ("Số: 5Ï/TCT-TTKT")
    ("231_ocr-cv84-2023-ctla-excerpt.txt", ("Công văn", None, None)),  # an unsigned draft: "Số: /CTLAN-TTHT Long An, ngày tháng năm"
    ("204_nq1339-ubtvqh15-phuluc-bang.txt", ("Nghị quyết", "1339", "1339/NQ-UBTVQH15")),  # only its annex heading states it
    ("205_tt55-2025-bct-amends.txt", ("Thông tư", "55", "55/2025/TT-BCT")),  # BCT with a year: Bộ Công Thương, not Bộ Chính trị
]


@pytest.mark.parametrize("name,expected", LAYOUT, ids=[c[0] for c in LAYOUT])
def test_identity_from_the_layout(corpus, name, expected):
    ex = extract((corpus / "dev3" / name).read_text(encoding="utf-8"), doc_id="sha256:x")
    d = ex.document
    assert ex.kind == "directive" and (d.doc_type, d.number, d.key) == expected
    assert not [m for m in ex.references if d.key and m.key == d.key and not m.self]


def test_issuer_of_a_header_read_as_one_line_per_row():
    """OCR reads the two header columns into one line: the issuer is the part before the national name."""
    ex = extract("BỘ TÀI CHÍNH CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỔNG CỤC THUẾ Độc lập - Tự do - Hạnh phúc\n"
                 "Số: 5427 /TCT-TTKT Hà Nội, ngày 16 tháng 11 năm 2023\nV/v hướng dẫn lập kế hoạch thanh tra\nKính gửi: Cục Thuế các tỉnh.\n")
    assert (ex.document.key, ex.document.issuer, ex.document.date) == ("5427/TCT-TTKT", "TỔNG CỤC THUẾ", "2023-11-16")  # the body under its parent


def test_an_annex_heading_in_an_explainer_is_not_its_identity():
    """'(kèm theo Thông tư …)' in a legal site's article: no articles of its own before it, no identity."""
    ex = extract("Mẫu đơn đăng ký nuôi con nuôi\nNgười dân dùng mẫu đơn tại Phụ lục 2 (kèm theo Thông tư 10/2025/TT-BTP) để đăng ký.")
    assert ex.document is None


# --- text as it arrives: the header lost, in sentence case, OCR-read, typed without marks ----------------------

ARRIVED = ["dev3/202_kh182-ubnd-dongnai-khtu.txt", "dev3/205_tt55-2025-bct-amends.txt", "dev3/209_qd213-2025-ubnd-haiphong-baibo.txt",
           "dev3/206_nq72-2025-hdnd-hanoi.txt", "dev2/101_kh617-ubnd-dongthap.txt"]


@pytest.mark.parametrize("variant", ["headless", "sentence", "ocr", "nomarks"])
@pytest.mark.parametrize("name", ARRIVED)
def test_identity_of_a_damaged_copy(corpus, name, variant):
    """A real document damaged the ways corpora damage it (pipeline/damage.py) is still that document: same type,
    its number where the damaged text still writes it, and the relations it states from itself."""
    import random

    from pipeline.damage import damage

    text = (corpus / name).read_text(encoding="utf-8")
    whole = extract(text, doc_id="sha256:a", relation_model=None)
    damaged = damage(text, variant, random.Random(f"{name}:{variant}"))
    assert damaged is not None and damaged != text
    got = extract(damaged, doc_id="sha256:b", relation_model=None)
    assert got.kind == "directive" and got.document.doc_type == whole.document.doc_type
    if variant in ("ocr", "nomarks"):  # the number line is still there, damaged
        assert (got.document.key, got.document.date) == (whole.document.key, whole.document.date)

    def own(ex):  # noqa: ANN001, ANN202
        ids = {ex.doc_id, ex.document.key}
        return {(r.type, r.target) for r in ex.relations if r.source in ids}

    assert own(whole) and len(own(got) & own(whole)) >= 0.9 * len(own(whole))
    assert own(got) <= own(whole)


@pytest.mark.parametrize("name,expected", [
    # a letter whose crawl lost its header: it opens at "Kính gửi:" and speaks as its issuer ("UBND Thành phố yêu cầu …")
    ("10_cv-ubnd-hanoi-dauthau-43cvtu.txt", ("Công văn", None, None, "UBND Thành phố", ("implements", "43-CV/TU"))),
    # the same, with its annex heading "(kèm theo văn bản số: /UBND-NNMT ngày tháng năm 2025 của UBND Thành phố)"
    ("06_cv-ubnd-hanoi-khongkhi-qd2530.txt", ("Công văn", None, "UBND-NNMT", "UBND Thành phố", ("implements", "2530/QĐ-TTg"))),
])
def test_a_letter_body_without_its_header(corpus, name, expected):
    ex = extract((corpus / "dev-tasks" / name).read_text(encoding="utf-8"), doc_id="sha256:x")
    d = ex.document
    doc_type, number, symbol, issuer, relation = expected
    assert ex.kind == "directive" and (d.doc_type, d.number, d.symbol, d.issuer) == (doc_type, number, symbol, issuer)
    assert relation in {(r.type, r.target) for r in ex.relations if r.source == "sha256:x"}


def test_a_letter_numbered_only_in_its_annex_heading():
    """'(Kèm theo Công văn số 6386/BVHTTDL-KHCNĐTMT ngày 25/11/2025 của Bộ Văn hóa, …)' under the annex of a letter
    that opens at 'Kính gửi:' (a ministry's letter as a legal site copies it)."""
    text = ("**Kính gửi:** Các cơ sở đào tạo trực thuộc Bộ\n\nThực hiện Thông báo số 460/TB-VPCP ngày 04/9/2025 về Kết luận của "
            "Thủ tướng Chính phủ, Bộ Văn hóa, Thể thao và Du lịch đề nghị các cơ sở đào tạo thực hiện một số nhiệm vụ.\n\n"
            "1. Rà soát chương trình đào tạo./.\n\n|\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n|\n**KT. BỘ TRƯỞNG **\nTHỨ TRƯỞNG\nPhan Tâm\n|\n\n"
            "**PHỤ LỤC**\n\nQUY MÔ TUYỂN SINH\n\n*(Kèm theo Công văn số 6386/BVHTTDL-KHCNĐTMT ngày 25/11/2025 của Bộ Văn hóa,\n"
            "Thể thao và Du lịch)*\n")
    ex = extract(text, doc_id="sha256:x")
    d = ex.document
    assert (d.doc_type, d.key, d.date) == ("Công văn", "6386/BVHTTDL-KHCNĐTMT", "2025-11-25")
    assert ("implements", "460/TB-VPCP") in {(r.type, r.target) for r in ex.relations if r.source == d.key}


def test_a_news_article_opening_with_a_salutation_is_still_a_report():
    """An article quoting a letter's salutation has no letter's foot (recipients, signature): not a document."""
    ex = extract("Kính gửi: Quý bạn đọc\n\nTheo Quyết định số 12/QĐ-UBND, tỉnh sẽ triển khai chương trình. "
                 "Ông Nguyễn Văn A cho biết: Thực hiện Nghị quyết 57-NQ/TW, tỉnh đã ban hành kế hoạch.")
    assert ex.kind == "report"
