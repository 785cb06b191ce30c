import unicodedata

import pytest

from pipeline.find.dates import parse_date
from pipeline.find.symbols import parse_symbol
from pipeline.keys import make_key
from pipeline.text import normalize


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("Kết luận số 15-KL/ĐU\nngày 29 tháng 10 năm 2025", "Kết luận số 15-KL/ĐU ngày 29 tháng 10 năm 2025"),
        ("Chương trình số 10- CTr/TU", "Chương trình số 10-CTr/TU"),
        ("Thông tư 44/2022/TT- BTC", "Thông tư 44/2022/TT-BTC"),
        ("Quyết định 286-QĐ / TW", "Quyết định 286-QĐ/TW"),
        ("Nghị định 04/2015/NĐ-\nCP ngày", "Nghị định 04/2015/NĐ-CP ngày"),
        ("04\u20442015\u2044NĐ-CP", "04/2015/NĐ-CP"),
        ("Quy_định 123 , Một là ,", "Quy định 123 , Một là ,"),
        ("Đảng uỷ hoà bình, thuỷ lợi, quý", "Đảng ủy hòa bình, thủy lợi, quý"),
        ("nhiệm kỳ 2016 - 2020 và BCH T.Ư Đảng - Phó Chủ tịch", "nhiệm kỳ 2016 - 2020 và BCH T.Ư Đảng - Phó Chủ tịch"),
        # Markdown emphasis blanked, same length; a star standing alone (the Party header's line, a bullet) stays
        ("**Một là**, tăng cường", "  Một là  , tăng cường"),
        ("*Thứ năm*, việc", " Thứ năm , việc"),
        ("– **Sửa đổi, bổ sung Nghị định số 91/2016/NĐ-CP** ngày", "–   Sửa đổi, bổ sung Nghị định số 91/2016/NĐ-CP   ngày"),
        ("TỈNH ỦY HÀ TĨNH\n*\nSố 45-KH/TU", "TỈNH ỦY HÀ TĨNH\n*\nSố 45-KH/TU"),
        ("* điểm một\n* điểm hai", "* điểm một\n* điểm hai"),
        # Cyrillic lookalikes inside a symbol read as Latin (raw crawl: "NĐ-СР", "TT-BCТ"); a Russian word stays
        ("Nghị định số 37/2020/NĐ-\u0421\u0420 ngày", "Nghị định số 37/2020/NĐ-CP ngày"),
        ("Thông tư số 5/2025/TT-BC\u0422:", "Thông tư số 5/2025/TT-BCT:"),
        ("Viện Российско-вьетнамский", "Viện Российско-вьетнамский"),
    ],
)
def test_normalize_text(raw, expected):
    assert normalize(raw).text == expected


def test_nfd_input_is_composed_and_offsets_map_back():
    raw = unicodedata.normalize("NFD", "Kết luận số 120-KL/TW của Bộ Chính trị")
    n = normalize(raw)
    assert n.text == "Kết luận số 120-KL/TW của Bộ Chính trị"
    start = n.text.index("120")
    o_start, o_end = n.to_original(start, start + len("120-KL/TW"))
    assert raw[o_start:o_end] == "120-KL/TW"


def test_offsets_after_deleted_wrap():
    raw = "xem Nghị định 04/2015/NĐ-\nCP ngày 09/01/2015"
    n = normalize(raw)
    s = n.text.index("ngày")
    assert raw[n.offsets.to_original(s) :].startswith("ngày")


@pytest.mark.parametrize(
    "text,iso",
    [("ngày 07/01/2016", "2016-01-07"), ("ngày 8-2-2010", "2010-02-08"), ("ngày 12 tháng 5 năm 2017", "2017-05-12"),
     ("(ngày 25/10/2017)", "2017-10-25"), (", ngày 22/12/2024", "2024-12-22"), ("NGÀY 15 THÁNG 8 NĂM 2024", "2024-08-15"),
     ("ngày 31/02/2016", None), ("ngày 12.4.2016", "2016-04-12")],
)
def test_dates(text, iso):
    assert parse_date(text) == iso


@pytest.mark.parametrize(
    "number,raw,key",
    [("120", "-KL/TW", "120-KL/TW"), ("04", "/2015/ND-CP", "4/2015/NĐ-CP"), ("30", "/CT-TW", "30-CT/TW"), ("16", "-CT/TTg", "16/CT-TTg"),
     ("8", "-KH/CB", "8-KH/CB"), ("0125", "/QĐ-UBND", "125/QĐ-UBND"), ("02", "-NQ/TƯ", "2-NQ/TW"), ("27", "/CT-TTG", "27/CT-TTg"),
     ("19", "-2017/NQ-CP", "19/2017/NQ-CP"), ("10", "-KH/DUK", "10-KH/ĐUK")],
)
def test_symbol_keys(number, raw, key):
    assert make_key(number, parse_symbol(raw)) == key


@pytest.mark.parametrize("raw", ["/4/2016", "-2020", "", "/"])
def test_not_symbols(raw):
    assert parse_symbol(raw) is None


def test_emphasised_task_markers_of_a_real_notice(corpus):
    """A government notice crawled with Markdown italics ("*Thứ nhất,**", "*Thứ năm*,") under an upper-case
    heading: five items, the heading not taken into the first marker."""
    from pipeline import extract

    ex = extract((corpus / "dev3" / "207_tb627-vpcp-thunhat.txt").read_text(encoding="utf-8"))
    assert [[i.marker for i in t.items] for t in ex.task_lists] == [["Thứ nhất", "Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm"]]
