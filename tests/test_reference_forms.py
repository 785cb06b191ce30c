"""A table of real reference forms and the fields they must give."""

import pytest
from factories import one_ref, refs

# (text, doc_type, number, symbol, year, date, issuer, key)
FORMS = [
    ("Thực hiện Kết luận số 120-KL/TW ngày 07/01/2016 của Bộ Chính trị về tiếp tục đẩy mạnh.", "Kết luận", "120", "KL/TW", 2016, "2016-01-07", "Bộ Chính trị", "120-KL/TW"),
    ("theo Kế hoạch số 10-KH/ĐUK ngày 12/4/2016 của Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh về triển khai", "Kế hoạch", "10", "KH/ĐUK", 2016, "2016-04-12", "Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh", "10-KH/ĐUK"),
    ("Nghị định số 04/2015/ND-CP ngày 09/01/2015 của Chính phủ thực hiện dân chủ", "Nghị định", "04", "NĐ-CP", 2015, "2015-01-09", "Chính phủ", "4/2015/NĐ-CP"),
    ("được thể hiện trong Chị thị 30/CT-TW ngày 18/02/1998 của Bộ Chính trị (Khóa VIII) về xây dựng", "Chỉ thị", "30", "CT/TW", 1998, "1998-02-18", "Bộ Chính trị", "30-CT/TW"),
    ("Chỉ thị số 16-CT/TTg ngày 16/5/2016 của Thủ tướng Chính phủ về “Tăng cường”", "Chỉ thị", "16", "CT-TTg", 2016, "2016-05-16", "Thủ tướng Chính phủ", "16/CT-TTg"),
    ("Ngày 12 tháng 5 năm 2017, Ban Chấp hành Đảng bộ tỉnh Hà Tĩnh đã ban hành Nghị quyết số 02-NQ/TU về tiếp tục", "Nghị quyết", "02", "NQ/TU", 2017, "2017-05-12", "Ban Chấp hành Đảng bộ tỉnh Hà Tĩnh", "2-NQ/TU"),
    ("CHỈ THỊ SỐ 27/CT-TTG NGÀY 15 THÁNG 8 NĂM 2024 CỦA THỦ TƯỚNG CHÍNH PHỦ", "Chỉ thị", "27", "CT-TTg", 2024, "2024-08-15", "THỦ TƯỚNG CHÍNH PHỦ", "27/CT-TTg"),
    ("Quyết định số 469-QĐNS/TW ngày 21/3/2017 của Bộ Chính trị", "Quyết định", "469", "QĐNS/TW", 2017, "2017-03-21", "Bộ Chính trị", "469-QĐNS/TW"),
    ("Theo Quy định 366-QĐ/TW năm 2025 có quy định", "Quy định", "366", "QĐ/TW", 2025, None, None, "366-QĐ/TW"),
    ("Chương trình số 04-CTr/BCĐCCTPTW ngày 16/1/2017 của Ban Chỉ đạo", "Chương trình", "04", "CTr/BCĐCCTPTW", 2017, "2017-01-16", "Ban Chỉ đạo", "4-CTr/BCĐCCTPTW"),
    ("theo Nghị quyết số 19-2017/NQ-CP của Chính phủ", "Nghị quyết", "19", "NQ-CP", 2017, None, "Chính phủ", "19/2017/NQ-CP"),
    ("Luật số 52/2019/QH14 đã được thông qua", "Luật", "52", "QH14", 2019, None, None, "52/2019/QH14"),
    # type words the table learned later, a Tờ trình whose code reads like Thông tư's, dots and spaces in symbols
    ("Giấy giới thiệu số 45/GGT-VP ngày 02/01/2025 của Văn phòng", "Giấy giới thiệu", "45", "GGT-VP", 2025, "2025-01-02", "Văn phòng", "45/GGT-VP"),
    ("theo Phương án số 03/PA-UBND ngày 10/02/2025", "Phương án", "03", "PA-UBND", 2025, "2025-02-10", None, "3/PA-UBND"),
    ("theo Tờ trình số 12/TT-UBND ngày 01/02/2025", "Tờ trình", "12", "TT-UBND", 2025, "2025-02-01", None, "12/TT-UBND"),
    ("Công văn số 07/2024/CV-A.B.C đã nêu", "Công văn", "07", "CV-A.B.C", 2024, None, None, "7/2024/CV-A.B.C"),
    ("Quyết định số 215 QĐ/QLDA ngày 05/5/2020", "Quyết định", "215", "QĐ-QLDA", 2020, "2020-05-05", None, "215/QĐ-QLDA"),
    ("Giấy phép số 08/GP- UBND ngày 01/01/2020", "Giấy phép", "08", "GP-UBND", 2020, "2020-01-01", None, "8/GP-UBND"),
    ("tiếp tục triển khai đề án 05 của tỉnh", "Đề án", "05", None, None, None, None, "Đề án 5"),
    ("giấy phép khai thác 137/GP-UBND ngày 13/07/2017 vẫn còn hiệu lực", "Giấy phép", "137", "GP-UBND", 2017, "2017-07-13", None, "137/GP-UBND"),
    ("Văn bản số 123/UBND-VX ngày 8-2-2010 của UBND tỉnh", "Công văn", "123", "UBND-VX", 2010, "2010-02-08", "UBND tỉnh", "123/UBND-VX"),
    ("Công văn 10072-CV/BTCTW của Ban Tổ chức Trung ương", "Công văn", "10072", "CV/BTCTW", None, None, "Ban Tổ chức Trung ương", "10072-CV/BTCTW"),
    # a short form dated right after its number: the date, not a count of days ("trong 26 ngày")
    ("Nghị quyết số 26 ngày 30/7/2013 của Bộ Chính trị về phương hướng phát triển tỉnh Nghệ An", "Nghị quyết", "26", None, 2013, "2013-07-30", "Bộ Chính trị", "Nghị quyết 26"),
    ("Sắc lệnh số 14 ngày 8 tháng 9 năm 1945 về cuộc Tổng tuyển cử", "Sắc lệnh", "14", None, 1945, "1945-09-08", None, "Sắc lệnh 14"),
    # news write the short forms of some types in lower case ("theo nghị định 49"); never verbs ("quyết định 3 vấn đề")
    ("Hội nghị quán triệt chỉ thị 42 của Ban Bí thư về tăng cường", "Chỉ thị", "42", None, None, None, "Ban Bí thư", "Chỉ thị 42"),
    # the issuer named just before, which the symbol's code (ĐU: a Party committee) stands for
    ("Tờ trình của Đảng uỷ Chính phủ (Tờ trình số 03-TTr/ĐU, ngày 17/10/2025)", "Tờ trình", "03", "TTr/ĐU", 2025, "2025-10-17", "Đảng ủy Chính phủ",
     "3-TTr/ĐU"),
    ("Nghị định số 39-NQ/TW của Bộ Chính trị", "Nghị quyết", "39", "NQ/TW", None, None, "Bộ Chính trị", "39-NQ/TW"),
    ("Chương trình hành động số 10- CTr/TU ngày 05/02/2025 của Tỉnh ủy", "Chương trình", "10", "CTr/TU", 2025, "2025-02-05", "Tỉnh ủy", "10-CTr/TU"),
    ("Quyết định số 286-QĐ / TW của Bộ Chính trị", "Quyết định", "286", "QĐ/TW", None, None, "Bộ Chính trị", "286-QĐ/TW"),
    ("Kết luận số 15-KL/ĐU\nngày 29 tháng 10 năm 2025 của Ban Thường vụ", "Kết luận", "15", "KL/ĐU", 2025, "2025-10-29", "Ban Thường vụ", "15-KL/ĐU"),
    ("Nghị quyết số 68-\nNQ/TW ngày 4/5/2025 của Bộ Chính trị", "Nghị quyết", "68", "NQ/TW", 2025, "2025-05-04", "Bộ Chính trị", "68-NQ/TW"),
    ("Thông tư số 44/2022/TT- BTC ngày 21/7/2022 của Bộ Tài chính", "Thông tư", "44", "TT-BTC", 2022, "2022-07-21", "Bộ Tài chính", "44/2022/TT-BTC"),
    ("Quyết định 30a/2008/NQ-CP của Chính phủ", "Nghị quyết", "30a", "NQ-CP", 2008, None, "Chính phủ", "30a/2008/NQ-CP"),
    ("Thông tri số 03-TT/TW của Ban Bí thư", "Thông tri", "03", "TT/TW", None, None, "Ban Bí thư", "3-TT/TW"),
    ("Thông tư liên tịch số 01/2015/TTLT-BNV-BTC ngày 14/8/2015", "Thông tư liên tịch", "01", "TTLT-BNV-BTC", 2015, "2015-08-14", None, "1/2015/TTLT-BNV-BTC"),
    ("Quyết định số 2439/OD-BTC ngày 10/10/2023", "Quyết định", "2439", "QĐ-BTC", 2023, "2023-10-10", None, "2439/QĐ-BTC"),
    ("Pháp lệnh 34 của Ủy ban Thường vụ Quốc hội", "Pháp lệnh", "34", None, None, None, "Ủy ban Thường vụ Quốc hội", "Pháp lệnh 34"),
    ("quán triệt Kết luận số 120 của Bộ Chính trị về tiếp tục", "Kết luận", "120", None, None, None, "Bộ Chính trị", "Kết luận 120"),
    ("Chỉ thị số 06 của BTV Tỉnh ủy về tăng cường", "Chỉ thị", "06", None, None, None, "BTV Tỉnh ủy", "Chỉ thị 6"),
    ("Nghị quyết 26 năm 2018 về công tác cán bộ", "Nghị quyết", "26", None, 2018, None, None, "Nghị quyết 26"),
]


@pytest.mark.parametrize("text,doc_type,number,symbol,year,date,issuer,key", FORMS)
def test_reference_form(text, doc_type, number, symbol, year, date, issuer, key):
    m = one_ref(text)
    assert (m.doc_type, m.number, m.symbol, m.year, m.date, m.key) == (doc_type, number, symbol, year, date, key)
    assert m.issuer == issuer
    assert m.form == ("full" if symbol else "short")


def test_coordinated_references_share_type_and_issuer():
    ms = refs("Bãi bỏ Quyết định số 41/2018/QĐ-TTg ngày 25/9/2018 và 15/QĐ-TTg của Thủ tướng Chính phủ.")
    assert [(m.key, m.doc_type, m.issuer) for m in ms] == [
        ("41/2018/QĐ-TTg", "Quyết định", "Thủ tướng Chính phủ"),
        ("15/QĐ-TTg", "Quyết định", "Thủ tướng Chính phủ"),
    ]


def test_coordinated_quy_dinh_keeps_the_word():
    ms = refs("Theo Quy định số 89-QĐ/TW và 90-QĐ/TW của Ban Chấp hành Trung ương.")
    assert [(m.key, m.doc_type) for m in ms] == [("89-QĐ/TW", "Quy định"), ("90-QĐ/TW", "Quy định")]


@pytest.mark.parametrize(
    "text",
    [
        "Kế hoạch 5 năm 2021-2025 của tỉnh",
        "thực hiện tốt 10 nhiệm vụ của người đứng đầu",
        "theo quy định 2 lần mỗi năm",
        "Chương trình 135 giai đoạn III",
        "Đây là chia sẻ của Luật gia Bùi Tường Vũ",
        "Hệ thống 751 và Dự án 1.000 tỷ",
        "tại Điều 5, khoản 2 và ngày 12/4/2016",
        "Kế hoạch 2025 đã đề ra",
        "Kế hoạch 30 ngày đêm thi đua cao điểm",
        "Hội đồng quyết định 3 vấn đề lớn của năm",
        "thực hiện nghị quyết 2 lần mỗi năm",
    ],
)
def test_not_references(text):
    assert refs(text) == []


def test_title_and_term():
    m = one_ref("Chỉ thị số 30-CT/TW ngày 18/2/1998 của Bộ Chính trị (khoá VIII) “Về xây dựng và thực hiện quy chế dân chủ ở cơ sở”.")
    assert m.term == "VIII"
    assert m.title.startswith("Về xây dựng và thực hiện quy chế dân chủ")


def test_coordinated_short_forms():
    ms = refs("Quán triệt các Nghị quyết số 18, 19 và 20 của Hội nghị Trung ương 6 khóa XII.")
    assert [(m.key, m.issuer) for m in ms] == [
        ("Nghị quyết 18", "Hội nghị Trung ương 6"), ("Nghị quyết 19", "Hội nghị Trung ương 6"), ("Nghị quyết 20", "Hội nghị Trung ương 6")
    ]
    assert [m.key for m in refs("Chỉ thị 05, 15 năm qua và Nghị quyết 02, 100% cơ quan")] == ["Chỉ thị 5", "Nghị quyết 2"]


def test_history_article_forms():
    text = (
        "Ngày 20/3/1946, Chủ tịch Hồ Chí Minh ký Sắc lệnh số 34/SL về tổ chức Bộ Quốc phòng. Chỉ thị số 100-CT/TW ngày 13/1/1981 "
        "của Ban Bí thư (khóa IV) về cải tiến công tác khoán, rồi Nghị quyết 10-NQ/TW ngày 5/4/1988 của Bộ Chính trị (khóa VI). "
        "Chỉ thị 100 được đánh giá cao."
    )
    ms = refs(text)
    assert [(m.key, m.date, m.issuer, m.term) for m in ms] == [
        ("34/SL", "1946-03-20", "Chủ tịch Hồ Chí Minh", None),
        ("100-CT/TW", "1981-01-13", "Ban Bí thư", "IV"),
        ("10-NQ/TW", "1988-04-05", "Bộ Chính trị", "VI"),
        ("100-CT/TW", None, None, None),
    ]
    assert ms[-1].resolved


def test_ocr_damaged_references():
    ms = refs("Căn cứ Quyêt đinh sô 2439/QD-BTC ngày 10/10/2023; NGHỊ ÐỊNH SỐ 04/2015/NÐ-CP; Nghi quyết s6 02-NQ/TU.")
    assert [(m.doc_type, m.key) for m in ms] == [("Quyết định", "2439/QĐ-BTC"), ("Nghị định", "4/2015/NĐ-CP"), ("Nghị quyết", "2-NQ/TU")]
    assert refs("Quyêt đinh 12 của tỉnh") == []  # damaged words need a full symbol
