"""Faces for office staff (#29): a workbook for Excel, exports that open and share as people expect, tables that
never cut a key, messages in Vietnamese to the last one."""

from __future__ import annotations

import os
import sqlite3
import stat

import pytest
from factories import run_cli as _run

from pipeline.cli import main


@pytest.fixture(scope="module")
def built(corpus, tmp_path_factory):
    db = tmp_path_factory.mktemp("office") / "g.db"
    assert main(["build", str(corpus / "seeds"), str(corpus / "dev2"), str(corpus / "cases"), "--db", str(db)]) == 0
    return db


def test_an_xlsx_export_reads_back_with_its_vietnamese(built, tmp_path, capsys):
    """One sheet per table; every document and text of the store is a row; Vietnamese survives; a text cell that looks
    like a formula stays text."""
    import pandas as pd

    with sqlite3.connect(built) as c:  # a title an attacker wrote as a formula
        c.execute("UPDATE documents SET title = '=HYPERLINK(\"http://x\")' WHERE key = '120-KL/TW'")
        n_docs = c.execute("SELECT count(*) FROM documents").fetchone()[0]
        n_rel = c.execute("SELECT count(*) FROM relations").fetchone()[0]
    out = tmp_path / "graph.xlsx"
    rc, printed, err = _run(capsys, "export", "--db", built, "--format", "xlsx", out)
    assert rc == 0, err
    sheets = pd.read_excel(out, sheet_name=None)
    assert set(sheets) == {"documents", "sources", "mentions", "relations", "tasks", "assignments"}
    docs = sheets["documents"].set_index("key")
    assert len(docs) == n_docs and len(sheets["relations"]) == n_rel
    assert docs.loc["120-KL/TW", "issuer"] == "Bộ Chính trị" and docs.loc["120-KL/TW", "doc_type"] == "Kết luận"
    assert docs.loc["120-KL/TW", "title"] == '=HYPERLINK("http://x")'  # read back as the text, not run
    from openpyxl import load_workbook

    ws = load_workbook(out)["documents"]
    assert not [c for row in ws.iter_rows() for c in row if c.data_type == "f"]


def test_exports_are_written_with_the_usual_permissions_and_every_node_labelled(built, tmp_path, capsys):
    import networkx as nx

    old = os.umask(0o022)
    try:
        for fmt in ("graphml", "gexf", "xlsx"):
            out = tmp_path / f"g.{fmt}"
            assert _run(capsys, "export", "--db", built, "--format", fmt, out)[0] == 0
            assert stat.S_IMODE(out.stat().st_mode) == 0o644, fmt
    finally:
        os.umask(old)
    g = nx.read_graphml(tmp_path / "g.graphml")
    assert not [n for n, d in g.nodes(data=True) if not d.get("label")]
    texts = [d["label"] for _, d in g.nodes(data=True) if d.get("node_kind") == "text"]
    assert texts and not [t for t in texts if t.startswith("sha256:")]


def test_the_csv_opens_in_excel_as_utf8(built, tmp_path, capsys):
    import pandas as pd

    assert _run(capsys, "export", "--db", built, "--format", "csv", tmp_path / "csv")[0] == 0
    raw = (tmp_path / "csv" / "nodes.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the byte-order mark Excel needs to read UTF-8
    nodes = pd.read_csv(tmp_path / "csv" / "nodes.csv", encoding="utf-8-sig")
    assert nodes.columns[0] == "id" and "Bộ Chính trị" in set(nodes["issuer"].dropna())


@pytest.mark.parametrize("columns", [40, 80, 120])
def test_tables_wrap_and_never_cut_a_key_or_a_date(built, capsys, monkeypatch, columns):
    """Piped output follows COLUMNS; every key and date of the answer appears whole; no line is wider than asked."""
    import json

    from pipeline.i18n import date

    monkeypatch.setenv("COLUMNS", str(columns))
    rc, out, _ = _run(capsys, "query", "implements", "120-KL/TW", "--transitive", "--json", "--db", built)
    rows = json.loads(out)["results"]
    rc, out, _ = _run(capsys, "query", "implements", "120-KL/TW", "--transitive", "--db", built)
    assert rc == 0 and rows
    assert max(len(line) for line in out.splitlines()) <= columns
    words = set(out.split())
    for r in rows:
        assert r["key"] in words and r["via"] in words
        if r.get("date"):
            assert date(r["date"]) in words
    assert "…" not in out


def test_every_cli_message_is_vietnamese_unless_english_is_asked(built, tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("VNCITE_LANG", raising=False)
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert out.startswith("cách dùng: vncite") and "tùy chọn" in out and "hiện trợ giúp này rồi thoát" in out
    assert "Đồ thị trích dẫn văn bản chính thức" in out
    with pytest.raises(SystemExit):
        main(["show", "--help"])
    out = capsys.readouterr().out
    assert "đối số theo vị trí" in out and "URL SQLAlchemy hoặc tệp SQLite" in out and "show this help" not in out
    said = {
        ("query",): "thiếu các đối số bắt buộc: what",
        ("query", "implements", "--db", built): "thiếu các đối số bắt buộc: KEY",
        ("show", "X", "--on", "32/13/2020", "--db", built): "không đọc được ngày “32/13/2020”",
        ("show", "X", "--db", tmp_path / "none.db"): "không có cơ sở dữ liệu tại",
        ("build", tmp_path / "nowhere", "--db", tmp_path / "n.db"): "không có tệp hay thư mục",
        ("export", "--db", built, "--format", "csv", tmp_path): "đã có (--force để ghi đè)",
        ("query", "implements", "X", "--depth", "0", "--db", built): "phải từ 1 trở lên",
        ("export", "--db", built, "--format", "pdf", tmp_path / "o"): "lựa chọn không hợp lệ",
    }
    for argv, words in said.items():
        rc, out, err = _run(capsys, *argv)
        assert rc == 2 and words in err, (argv, err)
    rc, _, err = _run(capsys, "show", "X", "--on", "32/13/2020", "--db", built, "--lang", "en")
    assert rc == 2 and "not a date" in err
    monkeypatch.setenv("VNCITE_LANG", "en")
    rc, _, err = _run(capsys, "query")
    assert rc == 2 and "the following arguments are required" in err
    monkeypatch.setenv("VNCITE_MAX_DEPTH", "-5")
    monkeypatch.delenv("VNCITE_LANG")
    import importlib

    import pipeline.settings as settings

    importlib.reload(settings)
    try:
        rc, _, err = _run(capsys, "show", "X", "--db", built)
        assert rc == 2 and "VNCITE_MAX_DEPTH=-5 nằm ngoài khoảng cho phép" in err
    finally:
        monkeypatch.delenv("VNCITE_MAX_DEPTH")
        importlib.reload(settings)


LETTER = ("BỘ TÀI CHÍNH\nTỔNG CỤC THUẾ\n-------\nSố: 5427/TCT-TTKT\nV/v hướng dẫn lập kế hoạch thanh tra,\nkiểm tra thuế năm 2024\n"
          "Hà Nội, ngày 12 tháng 12 năm 2023\n\nKính gửi: Cục Thuế các tỉnh, thành phố trực thuộc Trung ương.\n\n"
          "Căn cứ Luật Quản lý thuế số 38/2019/QH14, Tổng cục Thuế hướng dẫn như sau.\n")
DECISION = ("Quyết định về việc ban hành Quy chế làm việc của Ban Chỉ đạo chuyển đổi số tỉnh\nỦy ban nhân dân tỉnh Hà Nam\n"
            "Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày 16 tháng 6 năm 2025;\nQuyết định:\n"
            "Điều 1. Ban hành kèm theo Quyết định này Quy chế làm việc.\n")


def test_a_documents_own_heading_gives_its_trich_yeu(corpus):
    """The lines under the title line (Nghị định 30/2020/NĐ-CP, Phụ lục I), a title run on into its heading, a
    letter's "V/v" line over two lines, a decision without its header in sentence case."""
    from pipeline import extract_path
    from pipeline.extract import extract

    qd = extract_path(corpus / "standing" / "qd2500-2025-qd-ttg.txt").document
    assert qd.title == "BAN HÀNH DANH MỤC BÍ MẬT NHÀ NƯỚC LĨNH VỰC TỔ CHỨC, CÁN BỘ, LAO ĐỘNG VÀ XÃ HỘI"
    kh = extract_path(corpus / "dev2" / "105_kh980-ubnd-nghean.txt").document
    assert kh.title.startswith("THỰC HIỆN QUYẾT ĐỊNH SỐ 1899/QĐ-TTG") and kh.title.endswith("LUẬT PHÒNG THỦ DÂN SỰ")
    assert extract(LETTER).document.title == "hướng dẫn lập kế hoạch thanh tra, kiểm tra thuế năm 2024"
    assert extract(DECISION).document.title == "về việc ban hành Quy chế làm việc của Ban Chỉ đạo chuyển đổi số tỉnh"


def test_a_citing_phrase_gives_the_trich_yeu_of_what_it_cites():
    from pipeline.extract import extract

    text = ("Căn cứ Nghị định số 123/2020/NĐ-CP ngày 19/10/2020 của Chính phủ quy định về hóa đơn, chứng từ, Luật Lâm nghiệp số "
            "16/2017/QH14 và Thông tư số 15/2019/TT-BCA hướng dẫn thi hành Nghị định số 40/2019/NĐ-CP của Chính phủ; Nghị định số "
            "112/2020/NĐ-CP về xử lý kỷ luật cán bộ, công chức, viên chức và Nghị định số 71/2023/NĐ-CP.")
    titles = {m.key: m.title for m in extract(text).references}
    assert titles["123/2020/NĐ-CP"] == "quy định về hóa đơn, chứng từ"
    assert titles["16/2017/QH14"] == "Luật Lâm nghiệp"
    assert titles["15/2019/TT-BCA"] == "hướng dẫn thi hành Nghị định số 40/2019/NĐ-CP của Chính phủ"
    assert titles["112/2020/NĐ-CP"] == "về xử lý kỷ luật cán bộ, công chức, viên chức"  # the next document is not in it


def test_search_ranks_the_title_first_and_show_finds_a_law_by_its_name(built, capsys):
    import json

    from pipeline.graph import Graph
    from pipeline.store import connect

    g = Graph(connect(str(built), readonly=True))
    with sqlite3.connect(built) as c:
        own = c.execute("SELECT count(*), count(d.title) FROM documents d WHERE d.key IN (SELECT self_key FROM sources)").fetchone()
        title = c.execute("SELECT title FROM documents WHERE key = '617/KH-UBND'").fetchone()[0]
    assert own[0] > 10 and own[1] == own[0]  # every stored text of a directive has its trích yếu
    assert g.search(title.lower())[0].key == "617/KH-UBND"
    hit = g.search("chuyển đổi số")[0]
    assert "chuyển đổi số" in (hit.title or "").lower()
    # a law cited by name and number is found by its name; one cited by name only is a node of its own
    rc, out, err = _run(capsys, "show", "Luật Tổ chức chính quyền địa phương năm 2025", "--db", built, "--json")
    assert rc == 0 and json.loads(out)["results"][0]["key"] == "72/2025/QH15"
    rc, out, err = _run(capsys, "show", "Nghị quyết Đại hội XIII", "--db", built)
    assert rc == 0 and "Nghị quyết Đại hội" in out.splitlines()[0] and "bởi 2 văn bản" in out
    rc, out, err = _run(capsys, "query", "cited-by", "Nghị quyết Đại hội XIII", "--db", built, "--json")
    assert rc == 0 and len(json.loads(out)["results"]) == 2
    assert _run(capsys, "show", "Luật Tổ chức chính quyền địa phương năm 2015", "--db", built)[0] == 1  # not that year's


def test_query_implements_draws_its_levels_as_a_tree(built, capsys):
    """The chain 8-KH/CB → 10-KH/ĐUK → 120-KL/TW as a tree: each plan under the document it implements."""
    rc, out, _ = _run(capsys, "query", "implements", "120-KL/TW", "--transitive", "--tree", "--db", built)
    lines = out.splitlines()
    assert rc == 0 and lines[0] == "120-KL/TW"
    at = next(i for i, line in enumerate(lines) if "10-KH/ĐUK" in line)
    assert lines[at][:4] in ("├── ", "└── ") and lines[at][4:].startswith("10-KH/ĐUK  Kế hoạch")
    assert lines[at + 1][4:].startswith("└── 8-KH/CB  Kế hoạch")  # one level deeper, under the plan it implements
    assert all(line[:4] in ("├── ", "└── ", "│   ", "    ") for line in lines[1:])
