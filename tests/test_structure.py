"""Resolution, task lists, relations, self identity on real passages."""

from pipeline import extract
from pipeline.issuers import issuers_compatible
from pipeline.resolve import resolve_corpus

SEED0 = (
    "Thực hiện Kế hoạch số 10-KH/ĐUK ngày 12/4/2016 của Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh về triển khai thực hiện "
    "Kết luận số 120-KL/TW ngày 07/01/2016 của Bộ Chính trị về tiếp tục đẩy mạnh; Chi ủy chi bộ Ban Dân vận Tỉnh ủy đã ban hành "
    "Kế hoạch số 08-KH/CB ngày 25/4/2016 để quán triệt và tổ chức thực hiện, trong đó tập trung vào các nội dung trọng tâm như sau:\n"
    "Một là, tổ chức tốt việc quán triệt Kết luận số 120-KL/TW của Bộ Chính trị.\n"
    "Hai là, tiếp tục quán triệt Chỉ thị số 30-CT/TW ngày 18/2/1998 của Bộ Chính trị.\n"
    "Ba là, tăng cường vai trò chỉ đạo của chi ủy.\n"
)


def test_resolution_within_document():
    ex = extract("Ban Chấp hành Đảng bộ tỉnh đã ban hành Nghị quyết số 02-NQ/TU. Để thực hiện các mục tiêu, Nghị quyết 02 xác định 07 nhóm nhiệm vụ.")
    short = [m for m in ex.references if m.form == "short"]
    assert [(m.key, m.resolved) for m in short] == [("2-NQ/TU", True)]


def test_short_form_with_conflicting_issuer_stays_unresolved():
    ex = extract("Chỉ thị số 06-CT/TU của Ban Thường vụ Tỉnh ủy. Sau đó Chỉ thị số 06 của Thủ tướng Chính phủ được ban hành.")
    short = [m for m in ex.references if m.form == "short"][0]
    assert short.key == "Chỉ thị 6" and not short.resolved


def test_issuer_abbreviations():
    assert issuers_compatible("BTV Tỉnh ủy", "Ban Thường vụ Tỉnh ủy")
    assert not issuers_compatible("Bộ Chính trị", "Ủy ban nhân dân tỉnh")


def test_corpus_resolution_across_documents():
    a = extract("Thực hiện Kết luận số 120-KL/TW ngày 07/01/2016 của Bộ Chính trị.", source="a.txt")
    b = extract("BTV Tỉnh ủy quán triệt Kết luận số 120 của Bộ Chính trị và Chỉ thị số 06 của BTV Tỉnh ủy.", source="b.txt")
    (_, b), ambiguous = resolve_corpus([a, b])
    keys = [(m.key, m.resolved) for m in b.references]
    assert keys == [("120-KL/TW", True), ("Chỉ thị 6", False)]
    assert ambiguous == []


def test_task_list_mot_la_with_owner_and_references():
    ex = extract(SEED0)
    (tl,) = ex.task_lists
    assert tl.marker_style == "mot-la" and tl.owner == "8-KH/CB"
    assert [i.marker for i in tl.items] == ["Một là", "Hai là", "Ba là"]
    assert tl.items[0].references == ["120-KL/TW"] and tl.items[1].references == ["30-CT/TW"]
    assert tl.items[2].text == "tăng cường vai trò chỉ đạo của chi ủy."
    for it in tl.items:
        assert ex.text[it.start : it.end].startswith(it.marker)


def test_task_list_thu_with_unmarked_first_item_and_declared_count():
    text = (
        "Để thực hiện các mục tiêu, Nghị quyết số 02-NQ/TU xác định 04 nhóm nhiệm vụ, giải pháp chủ yếu. Trong đó, nhiệm vụ nâng cao "
        "nhận thức được đưa lên hàng đầu. Nhóm nhiệm vụ thứ hai là tăng cường sự lãnh đạo của các cấp ủy. Thứ ba là rà soát các quy chế. "
        "Nhiệm vụ, giải pháp thứ tư là nâng cao trách nhiệm của cán bộ. Cuối cùng là nâng cao hiệu quả hoạt động của Ban Chỉ đạo."
    )
    (tl,) = extract(text).task_lists
    assert tl.marker_style == "thu-nhat" and tl.declared_count == 4 and tl.owner == "2-NQ/TU"
    assert [i.ordinal for i in tl.items] == [1, 2, 3, 4, 5]
    assert tl.items[0].text.startswith("Trong đó, nhiệm vụ nâng cao")
    assert tl.items[1].marker == "Nhóm nhiệm vụ thứ hai là" and tl.items[3].marker == "Nhiệm vụ, giải pháp thứ tư là"
    assert tl.count_matches is False


def test_no_task_list_from_a_lone_ordinal():
    assert extract("Đại hội Đảng bộ tỉnh lần thứ XVIII. Thứ nhất, Quốc hội biểu quyết thông qua luật.").task_lists == []


def test_relations_between_and_leading():
    rels = {(r.source, r.type, r.target) for r in extract(SEED0).relations}
    assert rels == {("10-KH/ĐUK", "implements", "120-KL/TW"), ("8-KH/CB", "implements", "10-KH/ĐUK")}


def test_relation_evidence_spans_the_cue():
    ex = extract("Kết luận số 03-KL/TW ngày 13/5/2016 của Ban Bí thư về tiếp tục thực hiện Quyết định số 290-QĐ/TW của Bộ Chính trị.")
    (r,) = ex.relations
    assert (r.source, r.type, r.target) == ("3-KL/TW", "implements", "290-QĐ/TW")
    assert "tiếp tục thực hiện" in ex.text[r.start : r.end]


def test_amends_guides_replaces_between_documents():
    text = (
        "Nghị định số 10/2024/NĐ-CP sửa đổi, bổ sung một số điều của Nghị định số 04/2015/NĐ-CP. "
        "Thông tư số 05/2024/TT-BNV hướng dẫn thi hành Nghị định số 10/2024/NĐ-CP. "
        "Quyết định số 20/2024/QĐ-UBND thay thế Quyết định số 11/2019/QĐ-UBND."
    )
    rels = {(r.source, r.type, r.target) for r in extract(text).relations}
    assert rels == {
        ("10/2024/NĐ-CP", "amends", "4/2015/NĐ-CP"),
        ("5/2024/TT-BNV", "guides", "10/2024/NĐ-CP"),
        ("20/2024/QĐ-UBND", "replaces", "11/2019/QĐ-UBND"),
    }


def test_report_states_no_relation_from_itself():
    ex = extract("Thực hiện Kết luận số 120-KL/TW của Bộ Chính trị, Tỉnh ủy tổ chức hội nghị quán triệt.")
    assert ex.kind == "report" and ex.relations == []


def test_directive_identity_and_self_relations(corpus):
    ex = extract((corpus / "cases" / "case02_nd_preamble.txt").read_text(encoding="utf-8"))
    assert ex.kind == "directive"
    d = ex.document
    assert (d.doc_type, d.number, d.key, d.date) == ("Nghị định", "73", "73/2024/NĐ-CP", "2024-06-30")
    assert not any(m.key == d.key and not m.self for m in ex.references)
    rels = {(r.type, r.target) for r in ex.relations if r.source == d.key}
    assert ("based_on", "104/2023/QH15") in rels and ("replaces", "24/2023/NĐ-CP") in rels and ("repeals", "15/QĐ-TTg") in rels


def test_named_documents():
    ex = extract(
        "Căn cứ Luật Đất đai năm 2024, Hiến pháp năm 2013 và Bộ luật Hình sự; thực hiện Nghị quyết Đại hội XII của Đảng "
        "và Nghị quyết Trung ương 4 (khóa XII). Đây là chia sẻ của Luật gia Nguyễn Văn A về các luật có liên quan."
    )
    assert [n.name for n in ex.named] == [
        "Luật Đất đai năm 2024", "Hiến pháp năm 2013", "Bộ luật Hình sự", "Nghị quyết Đại hội XII của Đảng", "Nghị quyết Trung ương 4 (khóa XII)"
    ]


def test_trailing_and_passive_relations():
    text = (
        "Hướng dẫn 43-HD/BTCTW năm 2025 có hiệu lực kể từ ngày 31/10/2025 và thay thế Hướng dẫn 25-HD/BTCTW năm 2023.\n"
        "Luật Cán bộ, công chức số 22/2008/QH12 đã được sửa đổi, bổ sung một số điều theo Luật số 52/2019/QH14 hết hiệu lực.\n"
        "Đại biểu nêu Nghị quyết số 39-NQ/TW của Bộ Chính trị và cho rằng cần thay thế Chỉ thị số 22/CT-TTg."
    )
    rels = {(r.source, r.type, r.target) for r in extract(text).relations}
    assert rels == {("43-HD/BTCTW", "replaces", "25-HD/BTCTW"), ("52/2019/QH14", "amends", "22/2008/QH12")}


def test_directive_header_in_a_markdown_table():
    text = (
        "| CHÍNH PHỦ\n-------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n--------------- |\n"
        "| Số: 04/2015/NĐ-CP | Hà Nội, ngày 09 tháng 01 năm 2015 |\n\nNGHỊ ĐỊNH\n\n"
        "Căn cứ Luật Tổ chức Chính phủ ngày 25 tháng 12 năm 2001;\n\n"
        "Căn cứ Pháp lệnh thực hiện dân chủ ở xã, phường, thị trấn ngày 20 tháng 4 năm 2007;\n\n"
        "Nghị định này có hiệu lực thi hành kể từ ngày 01 tháng 3 năm 2015 và thay thế Nghị định số 71/1998/NĐ-CP ngày 08 tháng 9 năm 1998.\n"
    )
    ex = extract(text)
    d = ex.document
    assert (d.key, d.date, d.issuer) == ("4/2015/NĐ-CP", "2015-01-09", "CHÍNH PHỦ")
    assert {(r.source, r.type, r.target) for r in ex.relations} == {("4/2015/NĐ-CP", "replaces", "71/1998/NĐ-CP")}
    assert [n.name for n in ex.named][:1] == ["Luật Tổ chức Chính phủ năm 2001"]
    assert ex.named[1].name.startswith("Pháp lệnh thực hiện dân chủ ở xã")


LAW = (
    "QUỐC HỘI\n--------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n---------------\n"
    "Luật số: 52/2019/QH14\nHà Nội, ngày 25 tháng 11 năm 2019\nLUẬT\n"
    "SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA LUẬT CÁN BỘ, CÔNG CHỨC VÀ LUẬT VIÊN CHỨC\n"
    "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\n"
    "Quốc hội ban hành Luật sửa đổi, bổ sung một số điều của Luật Cán bộ, công chức số 22/2008/QH12 và Luật Viên chức số 58/2010/QH12.\n"
)


def test_law_header_and_enacting_clause():
    ex = extract(LAW)
    d = ex.document
    assert (d.doc_type, d.key, d.date, d.issuer) == ("Luật", "52/2019/QH14", "2019-11-25", "QUỐC HỘI")
    assert {(r.type, r.target) for r in ex.relations if r.source == d.key} == {("amends", "22/2008/QH12"), ("amends", "58/2010/QH12")}
    # the law being issued ("ban hành Luật sửa đổi … của Luật Cán bộ, công chức số 22/2008/QH12") does not take the
    # number of the law it amends; the Constitution named in full is a named document (as the shared dev3 gold has it)
    assert [m.surface for m in ex.references if m.key == "22/2008/QH12"] == ["Luật Cán bộ, công chức số 22/2008/QH12"]
    assert [n.name for n in ex.named] == ["Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam"]


def test_a_sentence_is_not_a_header():
    assert extract("Luật số 52/2019/QH14 đã được thông qua.").document is None
    assert extract("Nghị quyết số 68-\nNQ/TW ngày 4/5/2025 của Bộ Chính trị").document is None
    pdf_line = extract("CHÍNH PHỦ\nSố: 04/2015/NĐ-CP Hà Nội, ngày 09 tháng 01 năm 2015\nNGHỊ ĐỊNH\nVề thực hiện dân chủ")
    assert pdf_line.document.key == "4/2015/NĐ-CP"


def test_plenum_resolution_variants_are_one_named_document():
    ex = extract(
        "Thực hiện Nghị quyết Hội nghị lần thứ tư Ban Chấp hành Trung ương Đảng khóa XII về xây dựng Đảng và "
        "Nghị quyết Trung ương 4 (khóa XII), Nghị quyết Hội nghị Trung ương 6 khóa XII."
    )
    assert [n.key for n in ex.named] == ["Nghị quyết Trung ương 4 khóa XII"] * 2 + ["Nghị quyết Trung ương 6 khóa XII"]
    assert len({n.name for n in ex.named}) == 2
