"""What leaves vncite is safe and whole, and what goes wrong is said in one line: exports that a spreadsheet
or an XML reader opens safely, no partial file after a failure, a damaged database or a full disk told in one
line (exit 2, the store intact), bad server addresses refused, the machine's folders kept out of the store,
and a transitive query that says where it stopped. Inputs are generated: real texts with hostile values."""

import csv
import errno
import io
import json
import socket
import sqlite3
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from factories import run_cli as _run
from sqlalchemy import event
from sqlalchemy.pool import Pool
from starlette.testclient import TestClient

from pipeline.graph import Graph
from pipeline.store import connect
from pipeline.synthetic import doc_key, generate
from pipeline.web import create_app

PLAN = ("Kế hoạch số 10-KH/UB ngày 12/4/2016 của Ủy ban\x01 nhân dân tỉnh thực hiện Kết luận số 120-KL/TW "
        "ngày 07/01/2016 của Bộ Chính trị.\n")


@pytest.fixture
def built(tmp_path, capsys):
    """A store built from one plan (an issuer with a control character in it), by its absolute folder."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "plan.txt").write_text(PLAN, encoding="utf-8")
    db = tmp_path / "g.db"
    assert _run(capsys, "build", inbox, "--db", db)[0] == 0
    return db


def _poison(db: Path) -> None:
    """Values a hostile text could leave in a store: cells a spreadsheet would run as formulas."""
    with sqlite3.connect(db) as c:
        c.execute("UPDATE documents SET issuer = '=HYPERLINK(\"http://evil\")' WHERE key = '10-KH/UB'")
        c.execute("UPDATE relations SET evidence = '+cmd|'' /C calc''!A0'")
        c.execute("UPDATE documents SET title = '@SUM(1+1)' WHERE key = '120-KL/TW'")


def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def test_csv_exports_and_query_csv_neutralise_formula_cells(built, tmp_path, capsys):
    _poison(built)
    assert _run(capsys, "export", tmp_path / "out", "--format", "csv", "--db", built)[0] == 0
    cells = _cells((tmp_path / "out" / "nodes.csv").read_text()) + _cells((tmp_path / "out" / "edges.csv").read_text())
    rc, out, _ = _run(capsys, "query", "implements", "120-KL/TW", "--csv", "--db", built)
    assert rc == 0
    cells += _cells(out)
    assert "'=HYPERLINK(\"http://evil\")" in cells and "'@SUM(1+1)" in cells and "'+cmd|' /C calc'!A0" in cells
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_xml_exports_are_well_formed_with_control_characters_in_values(built, tmp_path, capsys, fmt):
    out = tmp_path / f"g.{fmt}"
    assert _run(capsys, "export", out, "--format", fmt, "--db", built)[0] == 0
    root = ET.parse(out).getroot()  # raises on XML 1.0's forbidden characters
    values = [el.text or el.get("value") or "" for el in root.iter()]
    assert any("Ủy ban nhân dân tỉnh" in v for v in values)
    assert not any("\x01" in v for v in values)


@pytest.mark.parametrize("fmt", ["graphml", "csv"])
def test_a_failed_export_leaves_no_partial_file_and_the_rerun_works(built, tmp_path, capsys, monkeypatch, fmt):
    import networkx as nx
    import pandas as pd

    def full_disk(*args, **kwargs):
        path = kwargs.get("path_or_buf") or args[-1] if fmt == "csv" else args[1]
        Path(path).write_text("<graphml half")  # what a writer leaves when the disk fills mid-way
        raise OSError(errno.ENOSPC, "No space left on device")

    if fmt == "csv":
        monkeypatch.setattr(pd.DataFrame, "to_csv", lambda self, p, **kw: full_disk(p))
    else:
        monkeypatch.setattr(nx, "write_graphml", full_disk)
    out = tmp_path / "export" / ("g.graphml" if fmt == "graphml" else "tables")
    rc, _, err = _run(capsys, "export", out, "--format", fmt, "--db", built)
    assert rc == 2 and err.count("\n") == 1 and "No space left" in err
    assert not out.exists() and not list((tmp_path / "export").iterdir())
    monkeypatch.undo()
    assert _run(capsys, "export", out, "--format", fmt, "--db", built)[0] == 0  # no --force needed: nothing was left


def _damage_encoding(db: Path) -> None:
    with sqlite3.connect(db) as c:
        c.execute("UPDATE documents SET title = CAST(x'c3ff41' AS TEXT)")
        c.execute("UPDATE sources SET path = CAST(x'ff' AS TEXT)")


def _damage_pages(db: Path) -> None:
    """Every page but the first (the schema) with a b-tree page header SQLite does not know."""
    with sqlite3.connect(db) as c:  # every page in the file itself, none left in the write-ahead log
        c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = c.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(db.read_bytes())
    for off in range(size, len(data), size):
        data[off:off + 8] = b"\xff" * 8
    db.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", [_damage_encoding, _damage_pages])
def test_a_damaged_database_is_one_line_and_exit_2_in_every_command(corpus, tmp_path, capsys, damage):
    db = tmp_path / "g.db"
    assert _run(capsys, "build", corpus / "dev2", "--db", db)[0] == 0
    damage(db)
    for argv in (["show", "57-NQ/TW"], ["query", "implements", "57-NQ/TW", "--transitive"], ["query", "cited-by", "57-NQ/TW", "--json"],
                 ["export", tmp_path / "out.graphml", "--format", "graphml"], ["build", corpus / "seeds"]):
        rc, _, err = _run(capsys, *argv, "--db", db)
        lines = [line for line in err.splitlines() if not line.startswith("[")]  # build's progress lines aside
        assert rc == 2, (argv, err)
        assert len(lines) == 1 and str(db) in lines[0] and "Traceback" not in err, (argv, err)
    assert not (tmp_path / "out.graphml").exists()


def test_the_web_page_answers_a_damaged_database_with_a_500_page_without_internals(corpus, tmp_path, capsys):
    db = tmp_path / "g.db"
    assert _run(capsys, "build", corpus / "seeds", "--db", db)[0] == 0
    _damage_encoding(db)
    client = TestClient(create_app(connect(str(db), readonly=True)), raise_server_exceptions=False)
    page = client.get("/doc/120-KL%2FTW")
    assert page.status_code == 500 and "đã có lỗi ở phía máy chủ" in page.text
    assert not any(w in page.text for w in ("Traceback", "sqlite", "decode", "UTF-8", str(tmp_path)))
    api = client.get("/api/doc/120-KL%2FTW")
    assert api.status_code == 500 and api.json() == {"error": "something went wrong on our side"}


def test_a_full_disk_during_build_is_one_line_keeps_the_store_and_the_rerun_completes_it(corpus, tmp_path, capsys):
    db = tmp_path / "g.db"

    def small_disk(dbapi_conn, _record):  # SQLite's own "database or disk is full" past 150 pages
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA max_page_count = 150")
        cur.close()

    event.listen(Pool, "connect", small_disk)
    try:
        rc, _, err = _run(capsys, "build", corpus / "dev2", "--db", db)
    finally:
        event.remove(Pool, "connect", small_disk)
    lines = [line for line in err.splitlines() if not line.startswith("[")]  # progress lines aside
    assert rc == 2 and len(lines) == 1 and "hết chỗ trên đĩa" in lines[0] and str(db) in lines[0]
    with sqlite3.connect(db) as c:
        assert c.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        kept = c.execute("SELECT COUNT(*) FROM sources").fetchone()[0]
    assert 0 < kept < 16
    assert _run(capsys, "build", corpus / "dev2", "--db", db)[0] == 0
    with sqlite3.connect(db) as c:
        assert c.execute("SELECT COUNT(*) FROM sources").fetchone()[0] == 16


@pytest.mark.parametrize("argv", [["--port", "99999"], ["--port", "http"], ["--host", ""], ["--host", "ÿ" * 70],
                                  ["--host", "no.such.host.invalid"]])
def test_bad_server_addresses_are_one_line_and_exit_2(built, capsys, argv):
    rc, _, err = _run(capsys, "serve", "--db", built, *argv)
    assert rc == 2 and err.count("\n") == 1 and "Traceback" not in err


def test_a_port_in_use_is_one_line_and_exit_2(built, capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        rc, _, err = _run(capsys, "serve", "--db", built, "--port", taken.getsockname()[1])
    assert rc == 2 and "không mở được cổng" in err and err.count("\n") == 1


def test_api_errors_are_json_in_one_shape(built):
    client = TestClient(create_app(connect(str(built), readonly=True)), raise_server_exceptions=False)
    answers = [
        client.post("/api/extract", content=b"x" * 10, headers={"content-length": str(3 * 1024 * 1024)}),
        client.post("/api/extract", content=b"--b\r\nnot a part", headers={"content-type": "multipart/form-data; boundary=b"}),
        client.post("/api/extract", data={"text": "   "}),
        client.get("/api/no-such-thing"),
        client.get("/api/doc/999-XX%2FYY"),
        client.get("/api/query/implements"),
        client.put("/api/extract"),
    ]
    assert [a.status_code for a in answers] == [413, 400, 400, 404, 404, 400, 405]
    for a in answers:
        assert a.headers["content-type"].startswith("application/json") and isinstance(a.json()["error"], str)


def test_the_store_keeps_no_folder_of_the_machine_unless_asked(built, tmp_path, capsys):
    with sqlite3.connect(built) as c:
        assert [p for (p,) in c.execute("SELECT path FROM sources")] == ["inbox/plan.txt"]
    client = TestClient(create_app(connect(str(built), readonly=True)))
    seen = client.get("/api/query/cited-by?key=120-KL/TW").text + client.get("/api/doc/120-KL%2FTW").text
    assert "inbox/plan.txt" in seen and str(tmp_path) not in seen
    assert _run(capsys, "export", tmp_path / "g.graphml", "--format", "graphml", "--db", built)[0] == 0
    assert str(tmp_path) not in (tmp_path / "g.graphml").read_text()
    full = tmp_path / "full.db"
    assert _run(capsys, "build", tmp_path / "inbox", "--db", full, "--full-paths")[0] == 0
    with sqlite3.connect(full) as c:
        assert [p for (p,) in c.execute("SELECT path FROM sources")] == [str(tmp_path / "inbox" / "plan.txt")]


def test_a_transitive_query_says_where_it_stopped(tmp_path, capsys):
    db = tmp_path / "g.db"
    engine = connect(f"sqlite:///{db}")
    generate(engine, n_docs=364, tree_size=364, fanout=3)  # one tree: 1 + 3 + 9 + 27 + 81 + 243
    root = doc_key(0)
    g = Graph(engine)
    whole = g.implements(root, transitive=True)
    assert len(whole) == 363 and not whole.cut
    three = g.implements(root, transitive=True, max_depth=3)
    assert len(three) == 3 + 9 + 27 and three.cut and three.depth_limit == 3
    assert not g.implements(root, transitive=True, max_depth=5).cut
    rc, out, err = _run(capsys, "query", "implements", root, "--transitive", "--depth", "3", "--json", "--db", db)
    answer = json.loads(out)
    assert rc == 0 and len(answer["results"]) == 39 and answer["cut"]["depth_limit"] == 3
    rc, out, err = _run(capsys, "query", "implements", root, "--transitive", "--depth", "2", "--db", db)
    assert rc == 0 and "chuỗi văn bản sâu hơn 2 cấp" in err
    client = TestClient(create_app(connect(str(db), readonly=True)))
    assert "chuỗi văn bản sâu hơn 4 cấp" in client.get(f"/tree/{root.replace('/', '%2F')}?depth=4").text
    assert "deeper than 4 levels" in client.get(f"/tree/{root.replace('/', '%2F')}?depth=4&lang=en").text
    assert client.get(f"/api/tree/{root.replace('/', '%2F')}?depth=4").json()["cut"]["depth_limit"] == 4
    assert "cut" not in client.get(f"/api/tree/{root.replace('/', '%2F')}").json()
