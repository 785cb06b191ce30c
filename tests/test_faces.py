"""The faces as a new user meets them: keys typed the way people write decrees, the key a short form was read
as, a document's standing in `show` and `query implements`, tables that fit the terminal, and `vncite build
corpus` (the obvious command) loading the texts and reporting the data and notes beside them."""

import json
import sqlite3

import pytest
from factories import run_cli as _run

from pipeline.cli import main


@pytest.fixture(scope="module")
def built(corpus, tmp_path_factory):
    db = tmp_path_factory.mktemp("faces") / "g.db"
    assert main(["build", str(corpus / "seeds"), str(corpus / "dev2"), str(corpus / "dev3"), str(corpus / "cases"), "--db", str(db)]) == 0
    return db


@pytest.mark.parametrize(("typed", "key"), [
    ("Nghị định 73/2024", "73/2024/NĐ-CP"), ("NĐ 73/2024", "73/2024/NĐ-CP"), ("ND 73/2024", "73/2024/NĐ-CP"),
    ("nghị định số 73/2024/NĐ-CP", "73/2024/NĐ-CP"), ("Kết luận 120", "120-KL/TW"), ("KL 120", "120-KL/TW"),
    ("kết luận số 120-KL/TW", "120-KL/TW"), ("KH 10", "10-KH/ĐUK"), ("Quyết định 2688/QĐ-UBND", "2688/QĐ-UBND"),
])
def test_keys_as_people_write_them(built, capsys, typed, key):
    rc, out, err = _run(capsys, "show", typed, "--db", built, "--json")
    assert rc == 0 and json.loads(out)["results"][0]["key"] == key
    rc, out, err = _run(capsys, "show", typed, "--db", built)
    assert rc == 0 and key in out.splitlines()[0]
    assert (f"“{typed}” được hiểu là {key}" in err) == (typed != key)  # the key a typed form was read as, said


def test_a_year_that_does_not_match_finds_nothing(built, capsys):
    rc, _, err = _run(capsys, "show", "Nghị định 73/2023", "--db", built)
    assert rc == 1 and "không có văn bản nào ứng với “Nghị định 73/2023”" in err


def test_show_and_query_implements_say_a_documents_standing(built, capsys):
    rc, out, _ = _run(capsys, "show", "90/2004/QĐ-UB", "--db", built)
    assert rc == 0 and "Tình trạng" in out and "Bị bãi bỏ bởi 2688/QĐ-UBND (18/11/2025)" in out
    rc, out, _ = _run(capsys, "show", "120-KL/TW", "--db", built)
    assert "chưa rõ hiệu lực vào ngày" in out and "Ngày ban hành" in out and "07/01/2016" in out  # no stated date of effect
    rc, out, _ = _run(capsys, "query", "implements", "120-KL/TW", "--transitive", "--json", "--db", built)
    rows = json.loads(out)["results"]
    assert rows and all("standing" in r for r in rows)
    rc, out, _ = _run(capsys, "query", "implements", "120-KL/TW", "--db", built, "--lang", "en")
    assert out.splitlines()[0].split()[:2] == ["Document", "Type"] and "Standing" in out.splitlines()[0]


def test_tables_fit_the_terminal(built, capsys, monkeypatch):
    import os
    import shutil

    monkeypatch.setattr(shutil, "get_terminal_size", lambda fallback=None: os.terminal_size((100, 24)))
    monkeypatch.setattr("sys.stdout.isatty", lambda: True, raising=False)
    rc, out, _ = _run(capsys, "query", "cited-by", "120-KL/TW", "--db", built)
    assert rc == 0 and max(len(line) for line in out.splitlines()) <= 100
    assert "sha256:" not in out  # a text by its label, never its hash


def test_build_corpus_loads_the_texts_and_reports_the_rest(corpus, tmp_path, capsys):
    whole, parts = tmp_path / "whole.db", tmp_path / "parts.db"
    rc, _, err = _run(capsys, "build", corpus, "--db", whole)
    assert rc == 0
    assert "không nạp: corpus/gold/" in err or "không nạp: " in err
    assert "không phải văn bản" in err.splitlines()[-1]
    folders = sorted(p for p in corpus.iterdir() if p.is_dir() and not p.name.startswith("gold"))
    assert _run(capsys, "build", *folders, "--db", parts)[0] == 0

    def graph(db):  # noqa: ANN001
        with sqlite3.connect(db) as c:
            return (set(c.execute("SELECT doc_id FROM sources")), set(c.execute("SELECT doc_id, start, key FROM mentions")),
                    set(c.execute("SELECT doc_id, source_key, type, target_key FROM relations")))

    assert graph(whole) == graph(parts)
    with sqlite3.connect(whole) as c:
        paths = [p for (p,) in c.execute("SELECT path FROM sources")]
    assert not [p for p in paths if p.endswith((".json", ".md"))]
