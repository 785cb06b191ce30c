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
    ("2688/QĐ-UBND", "2025-11-17", "not_yet_issued"), ("2688/QĐ-UBND", "2025-11-18", "in_force"),
    # a resolution repealed in part (điểm a khoản 1 Điều 3) and another ended by Nghị quyết 80/2025/NQ-HĐND (27/11/2025)
    ("38/2024/NQ-HĐND", "2025-11-26", "unknown"), ("38/2024/NQ-HĐND", "2025-11-27", "partly_repealed"),
    ("13/2024/NQ-HĐND", "2025-11-26", "unknown"), ("13/2024/NQ-HĐND", "2025-11-27", "replaced"),  # "hết hiệu lực": one body ends its own (guide)
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


# --- #26: the clauses that end documents, read on real official texts (corpus/standing) and on the forms news and
# portals write (written here: news may not be copied) -------------------------------------------------------------

ENDINGS = {
    # a provincial decision: a partial repeal that names no part, an expiry clause over a list, a partial replacement
    "qd12.txt": "ỦY BAN NHÂN DÂN\nTỈNH BÌNH ĐỊNH\nSố: 12/2023/QĐ-UBND\nBình Định, ngày 10 tháng 3 năm 2023\n\nQUYẾT ĐỊNH\n"
                "Bãi bỏ một phần Quyết định số 45/2019/QĐ-UBND ngày 20/8/2019 của Ủy ban nhân dân tỉnh\n\n"
                "Điều 1. Bãi bỏ một phần Quyết định số 45/2019/QĐ-UBND ngày 20/8/2019 của Ủy ban nhân dân tỉnh.\n"
                "Điều 2. Quyết định này có hiệu lực kể từ ngày 20 tháng 3 năm 2023.\n"
                "Các Quyết định sau đây hết hiệu lực kể từ ngày Quyết định này có hiệu lực thi hành:\n"
                "a) Quyết định số 30/2015/QĐ-UBND ngày 1/6/2015 của Ủy ban nhân dân tỉnh;\n"
                "b) Quyết định số 31/2016/QĐ-UBND ngày 2/7/2016 của Ủy ban nhân dân tỉnh.\n",
    "qd45.txt": "ỦY BAN NHÂN DÂN\nTỈNH BÌNH ĐỊNH\nSố: 45/2019/QĐ-UBND\nBình Định, ngày 20 tháng 8 năm 2019\n\nQUYẾT ĐỊNH\n"
                "Ban hành Quy định về quản lý chợ trên địa bàn tỉnh\n\n"
                "Điều 1. Ban hành kèm theo Quyết định này Quy định về quản lý chợ.\n"
                "Điều 2. Quyết định này có hiệu lực kể từ ngày 01 tháng 9 năm 2019.\n",
    # a news lede: "thay thế hoàn toàn … và có hiệu lực từ ngày …"
    "news.txt": "Bộ Tài chính ban hành quy định mới về hóa đơn\n\nThông tư 78/2021/TT-BTC thay thế hoàn toàn Thông tư 68/2019/TT-BTC "
                "và có hiệu lực từ ngày 01/7/2022.\n\nTheo đó, doanh nghiệp phải sử dụng hóa đơn điện tử.\n"
                "Nghị định 55/2005/NĐ-CP thay thế Nghị định 46/2003/NĐ-CP về quản lý giá.\n",
    # a portal page reposting a decree under "Toàn văn:", with its article on effect
    "repost.txt": "Chính phủ ban hành Nghị định quy định về quản lý thuế\n\nNgày 19/10/2020, Chính phủ ban hành Nghị định 126/2020/NĐ-CP "
                  "quy định chi tiết một số điều của Luật Quản lý thuế.\n\nToàn văn:\n\nCHÍNH PHỦ\nSố: 126/2020/NĐ-CP\n"
                  "Hà Nội, ngày 19 tháng 10 năm 2020\n\nNGHỊ ĐỊNH\nQuy định chi tiết một số điều của Luật Quản lý thuế\n\n"
                  "Căn cứ Luật Quản lý thuế ngày 13 tháng 6 năm 2019;\n\nĐiều 1. Phạm vi điều chỉnh\n"
                  "Nghị định này quy định chi tiết một số điều của Luật Quản lý thuế.\n\nĐiều 2. Hiệu lực thi hành\n"
                  "1. Nghị định này có hiệu lực thi hành kể từ ngày 05 tháng 12 năm 2020.\n"
                  "2. Nghị định số 83/2013/NĐ-CP ngày 22 tháng 7 năm 2013 của Chính phủ hết hiệu lực kể từ ngày Nghị định này có "
                  "hiệu lực thi hành.\n",
}


@pytest.fixture(scope="module")
def ended(corpus, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("ended")
    forms = tmp / "forms"
    forms.mkdir()
    for name, text in ENDINGS.items():
        (forms / name).write_text(text, encoding="utf-8")
    db = tmp / "e.db"
    assert main(["build", str(corpus / "standing"), str(forms), "--db", str(db)]) == 0
    return Graph(connect(str(db), readonly=True)), db


@pytest.mark.parametrize(("key", "on", "status"), [
    # "Bãi bỏ các quy định về xử lý kỷ luật cán bộ, công chức tại Nghị định số 112/2020/NĐ-CP": in part, from 01/07/2025;
    # 112/2020 was amended by Nghị định 71/2023 (dated by its issue date, 20/09/2023: its text is not in the store)
    ("112/2020/NĐ-CP", "2020-09-17", "not_yet_issued"), ("112/2020/NĐ-CP", "2020-09-18", "unknown"),
    ("112/2020/NĐ-CP", "2023-09-20", "partly_amended"), ("112/2020/NĐ-CP", "2025-07-01", "partly_repealed"),
    ("71/2023/NĐ-CP", "2025-06-30", "unknown"), ("71/2023/NĐ-CP", "2025-07-01", "partly_repealed"),
    # "2. Bãi bỏ: a) Khoản 2, khoản 3 Điều 2 … Quyết định số 960/QĐ-TTg": parts, from its signing (17/11/2025)
    ("960/QĐ-TTg", "2025-11-16", "unknown"), ("960/QĐ-TTg", "2025-11-17", "partly_repealed"),
    # one list: a whole repeal and a partial one, from 28/11/2025
    ("5/2023/TT-BKHCN", "2025-11-27", "unknown"), ("5/2023/TT-BKHCN", "2025-11-28", "repealed"),
    ("11/2024/TT-BKHCN", "2025-11-28", "partly_repealed"),
    # "Bãi bỏ một phần Quyết định số 45/2019": partly repealed, never "repealed"
    ("45/2019/QĐ-UBND", "2019-08-19", "not_yet_issued"), ("45/2019/QĐ-UBND", "2019-08-25", "not_yet_in_force"),
    ("45/2019/QĐ-UBND", "2023-03-19", "in_force"), ("45/2019/QĐ-UBND", "2023-03-20", "partly_repealed"),
    # "Các Quyết định sau đây hết hiệu lực kể từ ngày Quyết định này có hiệu lực thi hành: a) …; b) …" (one body: replaced)
    ("30/2015/QĐ-UBND", "2023-03-19", "unknown"), ("30/2015/QĐ-UBND", "2023-03-20", "replaced"),
    ("31/2016/QĐ-UBND", "2023-03-20", "replaced"),
    # a news lede "thay thế hoàn toàn … và có hiệu lực từ ngày 01/7/2022"
    ("68/2019/TT-BTC", "2022-06-30", "unknown"), ("68/2019/TT-BTC", "2022-07-01", "replaced"),
    # a change no text dates applies from the first day of the year its number gives, never before
    ("46/2003/NĐ-CP", "2004-12-31", "unknown"), ("46/2003/NĐ-CP", "2005-01-01", "replaced"),
    # a decree reposted under "Toàn văn:": its article on effect ends Nghị định 83/2013 on its own date of effect
    ("83/2013/NĐ-CP", "2020-12-04", "unknown"), ("83/2013/NĐ-CP", "2020-12-05", "replaced"),
])
def test_clauses_that_end_documents_give_their_standing(ended, key, on, status):
    g, _ = ended
    assert g.standing(key, on).status == status


def test_a_partial_change_the_text_names_no_part_of_is_partial():
    (rel,) = [r for r in extract(ENDINGS["qd12.txt"]).relations if r.target == "45/2019/QĐ-UBND"]
    assert (rel.type, rel.partial, rel.pinpoints) == ("repeals", True, ())
    assert [r for r in extract(ENDINGS["qd12.txt"]).to_json()["relations"] if r["target"] == "45/2019/QĐ-UBND"][0]["partial"] is True


@pytest.mark.parametrize(("asked", "iso"), [
    ("2025-03-01", "2025-03-01"), ("01/03/2025", "2025-03-01"), ("1/3/2025", "2025-03-01"), (" 2025-3-1 ", "2025-03-01"), ("", None),
])
def test_dates_are_read_one_way(asked, iso):
    from pipeline.graph.standing import read_date

    assert read_date(asked) == iso


@pytest.mark.parametrize("asked", ["31/02/2024", "abc", "2024-13-01", "01.06.2023", "1/6/23"])
def test_an_unreadable_date_is_refused(asked):
    from pipeline.graph.standing import UnreadableDate, read_date

    with pytest.raises(UnreadableDate):
        read_date(asked)


def test_every_face_reads_dates_the_same_and_refuses_what_is_no_date(ended, capsys):
    from starlette.testclient import TestClient

    from pipeline.web import create_app

    g, db = ended
    client = TestClient(create_app(g.engine))
    iso = client.get("/api/query/status", params={"key": "45/2019/QĐ-UBND", "on": "2023-03-20"})
    vn = client.get("/api/query/status", params={"key": "45/2019/QĐ-UBND", "on": "20/3/2023"})
    assert iso.status_code == vn.status_code == 200 and iso.json() == vn.json()
    assert iso.json()["results"][0]["status"] == "partly_repealed"
    for bad in ("31/02/2024", "abc", "01/06/23"):
        r = client.get("/api/query/status", params={"key": "45/2019/QĐ-UBND", "on": bad})
        assert r.status_code == 400 and bad in r.json()["error"] and "không đọc được ngày" in r.json()["message"]
        page = client.get("/doc/45%2F2019%2FQĐ-UBND", params={"on": bad})
        assert page.status_code == 400 and "không đọc được ngày" in page.text
        assert client.get("/api/doc/45%2F2019%2FQĐ-UBND", params={"on": bad}).status_code == 400
    assert "hết hiệu lực một phần" in client.get("/doc/45%2F2019%2FQĐ-UBND", params={"on": "20/03/2023"}).text
    assert main(["query", "status", "45/2019/QĐ-UBND", "--on", "20/3/2023", "--json", "--db", str(db)]) == 0
    assert json.loads(capsys.readouterr().out)["results"][0]["status"] == "partly_repealed"
    with pytest.raises(SystemExit):
        main(["query", "status", "45/2019/QĐ-UBND", "--on", "31/02/2024", "--db", str(db)])
    assert "không đọc được ngày “31/02/2024”" in capsys.readouterr().err


def test_before_its_issue_date_a_document_is_not_yet_issued_in_every_face(ended, capsys):
    from starlette.testclient import TestClient

    from pipeline.web import create_app

    g, db = ended
    st = g.standing("45/2019/QĐ-UBND", "2019-08-01")
    assert st.status == "not_yet_issued" and st.applied == [] and [c.key for c in st.changes] == ["12/2023/QĐ-UBND"]
    page = TestClient(create_app(g.engine)).get("/doc/45%2F2019%2FQĐ-UBND", params={"on": "2019-08-01"}).text
    assert "chưa ban hành" in page and "văn bản được ban hành ngày 20/08/2019" in page and "cũng chưa văn bản nào thay đổi nó" not in page
    main(["query", "status", "45/2019/QĐ-UBND", "--on", "1/8/2019", "--db", str(db)])
    assert "chưa ban hành" in capsys.readouterr().out


def test_a_change_dated_by_its_issue_date_says_so_in_every_face(ended, capsys):
    from starlette.testclient import TestClient

    from pipeline.web import create_app

    g, db = ended
    label = "theo ngày ban hành; văn bản không nêu ngày hiệu lực"
    (amended,) = g.standing("112/2020/NĐ-CP", "2024-01-01").applied
    assert (amended.key, amended.when.date, amended.when.basis) == ("71/2023/NĐ-CP", "2023-09-20", "issued")
    main(["show", "112/2020/NĐ-CP", "--on", "2024-01-01", "--db", str(db)])
    assert label in capsys.readouterr().out
    client = TestClient(create_app(g.engine))
    assert label in client.get("/doc/112%2F2020%2FNĐ-CP", params={"on": "2024-01-01"}).text
    api = client.get("/api/query/status", params={"key": "112/2020/NĐ-CP", "on": "2024-01-01"}).json()["results"][0]
    assert api["applied"][0]["when"]["basis"] == "issued" and api["applied"][0]["when"]["note"]


def test_query_cites_lists_every_change_with_its_part(ended, capsys):
    _, db = ended
    assert main(["query", "cites", "37/2025/TT-BKHCN", "--json", "--db", str(db)]) == 0
    rows = {(r["key"], r["relation"]): r for r in json.loads(capsys.readouterr().out)["results"]}
    assert rows[("5/2023/TT-BKHCN", "repeals")]["partial"] is False and rows[("5/2023/TT-BKHCN", "repeals")]["part"] == ""
    assert rows[("11/2024/TT-BKHCN", "repeals")]["partial"] is True and "Điều" in rows[("11/2024/TT-BKHCN", "repeals")]["part"]
    main(["query", "cites", "172/2025/NĐ-CP", "--db", str(db)])
    out = capsys.readouterr().out
    assert "Phần" in out.splitlines()[0] and any("112/2020/NĐ-CP" in line and "một phần" in line for line in out.splitlines())


def test_query_implements_fills_the_standing_of_each_plan(graph, capsys):
    _, db = graph
    assert main(["query", "implements", "KL 120", "--json", "--db", str(db)]) == 0
    rows = json.loads(capsys.readouterr().out)["results"]
    assert rows and all(r["status"] in ("in_force", "partly_amended", "partly_repealed", "replaced", "repealed", "not_yet_in_force",
                                        "not_yet_issued", "unknown") for r in rows)
    main(["query", "implements", "KL 120", "--db", str(db)])
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert "Tình trạng" in lines[0] and out.count("hiệu lực") >= len(rows)  # a standing on every row (rows wrap over lines)
