"""Is it in force on a date? Pinpoints read as structured parts, dates of effect read from the texts, and the
standing of documents on chains of official texts, each answer checked on several dates: a circular in force,
amended in part, then replaced; a decision repealed whole; a resolution repealed in part and another ended;
a decree not yet in force before its date; a decision replaced by an unnumbered one."""

import json

import pytest

from pipeline import extract
from pipeline.cli import main
from pipeline.graph import Graph
from pipeline.store import connect

HEADER = """BỘ TÀI CHÍNH
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: {number}/TT-BTC
Hà Nội, ngày {day}
THÔNG TƯ
{title}
Căn cứ Luật Ngân sách nhà nước số 83/2015/QH13;
Bộ trưởng Bộ Tài chính ban hành Thông tư {title_short}.
"""

CIRCULARS = {
    "tt10.txt": HEADER.format(number="10/2024", day="15 tháng 11 năm 2024", title="Quy định về phí thẩm định",
                              title_short="quy định về phí thẩm định")
    + "Điều 1. Phạm vi điều chỉnh\nThông tư này quy định về phí thẩm định.\n"
      "Điều 2. Hiệu lực thi hành\nThông tư này có hiệu lực thi hành kể từ ngày 01 tháng 01 năm 2025.\n",
    "tt05.txt": HEADER.format(number="05/2025", day="10 tháng 01 năm 2025", title="Sửa đổi, bổ sung một số điều của Thông tư số 10/2024/TT-BTC",
                              title_short="sửa đổi, bổ sung một số điều của Thông tư số 10/2024/TT-BTC")
    + "Điều 1. Sửa đổi khoản 2 Điều 3 Thông tư số 10/2024/TT-BTC ngày 15/11/2024 của Bộ trưởng Bộ Tài chính như sau:\n"
      "Điều 2. Hiệu lực thi hành\nThông tư này có hiệu lực sau 45 ngày kể từ ngày ký.\n",
    "tt20.txt": HEADER.format(number="20/2025", day="01 tháng 8 năm 2025", title="Quy định về phí thẩm định", title_short="quy định về phí thẩm định")
    + "Điều 1. Phạm vi điều chỉnh\nThông tư này quy định về phí thẩm định.\n"
      "Điều 2. Hiệu lực thi hành\nThông tư này có hiệu lực thi hành kể từ ngày 01 tháng 10 năm 2025 và thay thế Thông tư số 10/2024/TT-BTC "
      "ngày 15/11/2024 của Bộ trưởng Bộ Tài chính.\n",
}


@pytest.fixture(scope="module")
def graph(corpus, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("standing")
    chain = tmp / "chain"
    chain.mkdir()
    for name, text in CIRCULARS.items():
        (chain / name).write_text(text, encoding="utf-8")
    db = tmp / "g.db"
    assert main(["build", str(chain), str(corpus / "dev2"), str(corpus / "cases"), "--db", str(db)]) == 0
    return Graph(connect(str(db), readonly=True)), db


@pytest.mark.parametrize(("phrase", "paths"), [
    ("khoản 3, 4 Điều 26 của", [[("Điều", "26"), ("khoản", "3")], [("Điều", "26"), ("khoản", "4")]]),
    ("điểm a khoản 1 Điều 3", [[("Điều", "3"), ("khoản", "1"), ("điểm", "a")]]),
    ("khoản 1 Điều 5 và khoản 2 Điều 7", [[("Điều", "5"), ("khoản", "1")], [("Điều", "7"), ("khoản", "2")]]),
    ("Điều 5, Điều 6 và Điều 7", [[("Điều", "5")], [("Điều", "6")], [("Điều", "7")]]),
    ("Mục 3 Chương IV", [[("Chương", "IV"), ("Mục", "3")]]),
    ("Phụ lục II", [[("Phụ lục", "II")]]),
])
def test_pinpoint_phrases_are_parsed_into_paths(phrase, paths):
    from pipeline.find.pinpoints import parse

    assert [list(p.parts) for p in parse(phrase)] == paths


def test_a_pinpointed_object_makes_a_relation_partial():
    ex = extract(CIRCULARS["tt05.txt"])
    (rel,) = [r for r in ex.relations if r.target == "10/2024/TT-BTC"]
    assert rel.type == "amends" and rel.partial and [list(p.parts) for p in rel.pinpoints] == [[("Điều", "3"), ("khoản", "2")]]
    record = ex.to_json()
    assert record["document"]["effective"] == {"date": "2025-02-24", "rule": "sau 45 ngày kể từ ngày ký",
                                               "evidence": "Thông tư này có hiệu lực sau 45 ngày kể từ ngày ký."}
    assert [r for r in record["relations"] if r["target"] == "10/2024/TT-BTC"][0]["pinpoints"] == [
        [{"part": "Điều", "value": "3"}, {"part": "khoản", "value": "2"}]]


@pytest.mark.parametrize(("key", "on", "status"), [
    # a circular: in force from 01/01/2025, amended in part from 24/02/2025 (45 days after 10/01), replaced from 01/10/2025
    ("10/2024/TT-BTC", "2024-12-31", "not_yet_in_force"), ("10/2024/TT-BTC", "2025-01-01", "in_force"),
    ("10/2024/TT-BTC", "2025-02-23", "in_force"), ("10/2024/TT-BTC", "2025-02-24", "partly_amended"),
    ("10/2024/TT-BTC", "2025-09-30", "partly_amended"), ("10/2024/TT-BTC", "2025-10-01", "replaced"),
    ("20/2025/TT-BTC", "2025-09-30", "not_yet_in_force"), ("20/2025/TT-BTC", "2025-10-01", "in_force"),
    # a decision repealed whole by Quyết định 2688/QĐ-UBND (in force from its signing, 18/11/2025)
    ("90/2004/QĐ-UB", "2025-11-17", "unknown"), ("90/2004/QĐ-UB", "2025-11-18", "repealed"), ("90/2004/QĐ-UB", "2026-06-01", "repealed"),
    ("2688/QĐ-UBND", "2025-11-17", "not_yet_in_force"), ("2688/QĐ-UBND", "2025-11-18", "in_force"),
    # a resolution repealed in part (điểm a khoản 1 Điều 3) and another ended by Nghị quyết 80/2025/NQ-HĐND (27/11/2025)
    ("38/2024/NQ-HĐND", "2025-11-26", "unknown"), ("38/2024/NQ-HĐND", "2025-11-27", "partly_repealed"),
    ("13/2024/NQ-HĐND", "2025-11-26", "unknown"), ("13/2024/NQ-HĐND", "2025-11-27", "repealed"),
    # a decree not yet in force before its date (01/07/2024)
    ("73/2024/NĐ-CP", "2024-06-30", "not_yet_in_force"), ("73/2024/NĐ-CP", "2024-07-01", "in_force"),
    # a decision replaced by an unnumbered one in force from 15/11/2025
    ("40/2022/QĐ-UBND", "2025-11-14", "unknown"), ("40/2022/QĐ-UBND", "2025-11-15", "replaced"),
])
def test_standing_on_a_date(graph, key, on, status):
    g, _ = graph
    assert g.standing(key, on).status == status


def test_standing_says_what_it_rests_on(graph, capsys):
    g, db = graph
    st = g.standing("10/2024/TT-BTC", "2025-10-01")
    assert st.effective.date == "2025-01-01" and "có hiệu lực thi hành kể từ ngày 01 tháng 01 năm 2025" in st.effective.evidence
    assert [(c.key, c.relation, c.partial, c.when.date, c.when.basis) for c in st.applied] == [
        ("5/2025/TT-BTC", "amends", True, "2025-02-24", "stated"), ("20/2025/TT-BTC", "replaces", False, "2025-10-01", "stated")]
    rc = main(["query", "status", "Thông tư 10/2024", "--on", "2025-03-01", "--json", "--db", str(db)])
    (row,) = json.loads(capsys.readouterr().out)["results"]
    assert rc == 0 and row["status"] == "partly_amended" and row["applied"][0]["pinpoints"] == [
        [{"part": "Điều", "value": "3"}, {"part": "khoản", "value": "2"}]]
    main(["show", "10/2024/TT-BTC", "--on", "2025-10-01", "--db", str(db)])
    out = capsys.readouterr().out
    assert "hết hiệu lực (bị thay thế) vào ngày 01/10/2025" in out and "Bị thay thế bởi 20/2025/TT-BTC (01/10/2025)" in out


def test_the_web_page_states_the_standing_with_dates(graph):
    from starlette.testclient import TestClient

    from pipeline.web import create_app

    g, _ = graph
    client = TestClient(create_app(g.engine))
    page = client.get("/doc/10%2F2024%2FTT-BTC?on=2025-03-01").text
    assert "đã được sửa đổi, bổ sung một phần" in page and "24/02/2025" in page and "01/10/2025" in page
    api = client.get("/api/query/status?key=10/2024/TT-BTC&on=2025-10-01").json()
    assert api["results"][0]["status"] == "replaced"
