"""A hostile inbox and a growing graph: each numbered finding of the reliability review, on files
the tests generate (nothing large is kept in git)."""

from __future__ import annotations

import dataclasses
import json
import os
import stat
import subprocess
import sys
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from sqlalchemy import select

from pipeline import extract_path
from pipeline.extract import extract
from pipeline.ingest import ingest
from pipeline.store import connect, documents, load_extraction, mentions, resolve_stored, sources

ROOT = Path(__file__).resolve().parent.parent
VNCITE = [sys.executable, "-m", "pipeline"]
GOOD = "Thực hiện Kết luận số 120-KL/TW ngày 07/01/2016 của Bộ Chính trị, Ban Thường vụ đã ban hành Kế hoạch số 08-KH/CB."


def vncite(*args: str, cwd: Path | None = None, env: dict | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    """The CLI as a user runs it; its human output in English (the tests read the counts, not the language)."""
    return subprocess.run([*VNCITE, *args], capture_output=True, text=True, cwd=cwd, timeout=timeout,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "VNCITE_LANG": "en", **(env or {})})


# --- 9. document aggregates are kept incrementally -------------------------------------------------


def _documents_from_scratch(conn) -> dict[str, dict]:
    """The documents rows as the rule defines them, recomputed from every mention: the most frequent
    value in the document's own header, else among full references if any, else among all mentions;
    ties to the fuller (longer) value, then the first in Unicode order, never to the order texts arrived in."""
    rows = conn.execute(select(mentions, sources.c.ingested_at).join(sources, sources.c.doc_id == mentions.c.doc_id)
                        .order_by(mentions.c.id)).mappings().all()
    by_key = defaultdict(list)
    for r in rows:
        by_key[r["key"]].append(r)

    def common(rs, col):
        c = Counter(r[col] for r in rs if r[col] not in (None, ""))
        return min(c, key=lambda v: (-c[v], -len(str(v)), str(v))) if c else None

    out = {}
    for key, rs in by_key.items():
        ident = [r for r in rs if r["form"] == "identity"]
        best = [r for r in rs if r["form"] in ("identity", "full")] or rs
        out[key] = {col: common(ident, col) or common(best, col) for col in ("doc_type", "number", "symbol", "year", "date", "issuer", "title")}
        out[key].update(first_seen=min(r["ingested_at"] for r in rs), last_seen=max(r["ingested_at"] for r in rs),
                        mention_count=sum(r["form"] != "identity" for r in rs))
    return out


def test_document_rows_kept_incrementally_equal_a_recomputation(corpus, db_url):
    """Texts loaded, some replaced by changed copies, one replaced by a failure, short forms resolved
    across the store: the documents rows kept from counts equal the rule applied to every mention."""
    engine = connect(db_url)
    texts = sorted((corpus / "dev2").glob("*.txt"))[:8] + sorted((corpus / "seeds").glob("*.txt"))
    for p in texts:
        load_extraction(engine, extract_path(p), str(p))
    for p in texts[:3]:  # the file changes: its old rows go, its new rows come
        changed = extract(p.read_text(encoding="utf-8") + "\nThực hiện Kết luận số 120-KL/TW của Bộ Chính trị.", source=str(p))
        load_extraction(engine, changed, str(p))
    failed = dataclasses.replace(extract_path(texts[3]), status="error", error="unreadable", doc_id="error:x")
    load_extraction(engine, failed, str(texts[3]))
    resolve_stored(engine)
    with engine.connect() as conn:
        want = _documents_from_scratch(conn)
        have = {r["key"]: {k: r[k] for k in next(iter(want.values()))} for r in conn.execute(select(documents)).mappings()}
    assert len(have) > 50 and have == want


def one_line(err: str) -> bool:
    """A failure told in one line, without a traceback."""
    lines = [x for x in err.splitlines() if x.strip()]
    return len(lines) == 1 and "Traceback" not in err and len(lines[0]) <= 400


def batch_json(inbox: Path, db: Path, *extra: str) -> dict:
    out = vncite("batch", str(inbox), "--db", str(db), "--json", "--workers", "0", *extra)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


# --- 1. names that are not UTF-8 -------------------------------------------------------------------


def test_file_names_that_are_not_utf8(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    raw = os.path.join(os.fsencode(inbox), b"k\xe9 ho\xb9ch.txt")  # Latin-1 and TCVN3 bytes: not UTF-8
    with open(raw, "w", encoding="utf-8") as f:
        f.write(GOOD)
    first = batch_json(inbox, tmp_path / "b.db")
    name = str(inbox / "k\\xe9 ho\\xb9ch.txt")  # the undecodable bytes written as \xNN, losslessly
    assert first["processed_files"] == [name] and first["failed"] == 0
    again = batch_json(inbox, tmp_path / "b.db")
    assert again["skipped_files"] == [name] and again["processed"] == 0
    built = vncite("build", str(inbox), "--db", str(tmp_path / "c.db"))
    assert built.returncode == 0 and "1 processed" in built.stderr, built.stderr
    out = vncite("extract", str(inbox))
    assert json.loads(out.stdout)["source"] == name


# --- 2. every unreadable entry its own row, tried again -------------------------------------------


def test_each_unreadable_entry_is_its_own_row_and_is_tried_again(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a-empty.txt").write_bytes(b"")
    (inbox / "b-empty.txt").write_bytes(b"")
    (inbox / "c-dangling").symlink_to(inbox / "nowhere.txt")
    (inbox / "d-loop").symlink_to(inbox / "d-loop")
    (inbox / "e-good.txt").write_text(GOOD, encoding="utf-8")
    db = tmp_path / "b.db"
    first = batch_json(inbox, db)
    reasons = {Path(e["source"]).name: e["error"] for e in first["errors"]}
    assert set(reasons) == {"a-empty.txt", "b-empty.txt", "c-dangling", "d-loop"} and first["processed"] == 1
    assert "broken link" in reasons["c-dangling"] and "loop" in reasons["d-loop"] and all(one_line(r) for r in reasons.values())
    with connect(str(db)).connect() as c:
        rows = c.execute(select(sources.c.path, sources.c.status)).all()
    assert sorted(Path(p).name for p, s in rows if s == "error") == sorted(reasons)
    again = batch_json(inbox, db)
    assert (again["processed"], again["skipped"], again["failed"]) == (0, 1, 4)
    assert vncite("batch", str(inbox), "--db", str(db), "--strict", "--workers", "0").returncode == 1


# --- 3. FIFOs and other special files ------------------------------------------------------------


def test_a_fifo_is_refused_without_opening(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    os.mkfifo(inbox / "pipe.txt")  # opening it for reading would wait for a writer for ever
    (inbox / "good.txt").write_text(GOOD, encoding="utf-8")
    s = batch_json(inbox, tmp_path / "b.db")
    assert s["processed"] == 1 and [e["error"] for e in s["errors"]] == ["not a regular file (fifo): not read"]
    out = vncite("extract", str(inbox), timeout=120)
    records = [json.loads(x) for x in out.stdout.splitlines()]
    assert [r["status"] for r in records] == ["ok", "error"] and "fifo" in records[1]["error"]


# --- 4 and 6. pixels, pages, inflated bytes: limits checked before the work ----------------------------


def _bilevel_png(path: Path, w: int, h: int) -> None:
    from PIL import Image

    Image.new("1", (w, h), 1).save(path)  # a 12000 x 12000 white page is a few kilobytes


def test_an_image_over_the_pixel_limit_is_an_error_row_and_the_folder_goes_on(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    _bilevel_png(inbox / "a-huge.png", 12000, 12000)
    (inbox / "b-good.txt").write_text(GOOD, encoding="utf-8")
    assert (inbox / "a-huge.png").stat().st_size < 100_000
    rec = extract_path(inbox / "a-huge.png")
    assert rec.status == "error" and "VNCITE_MAX_PAGE_PIXELS" in rec.error and one_line(rec.error)
    built = vncite("build", str(inbox), "--db", str(tmp_path / "c.db"))
    assert built.returncode == 0 and "1 processed" in built.stderr and "1 failed" in built.stderr, built.stderr
    out = vncite("extract", str(inbox))
    assert [json.loads(x)["status"] for x in out.stdout.splitlines()] == ["error", "ok"]


def test_pages_over_the_page_limit(tmp_path):
    from PIL import Image

    frames = [Image.new("1", (200, 200), 1) for _ in range(5)]
    frames[0].save(tmp_path / "five.tif", save_all=True, append_images=frames[1:], compression="group4")
    out = vncite("extract", str(tmp_path / "five.tif"), env={"VNCITE_MAX_PAGES": "3"})
    rec = json.loads(out.stdout)
    assert rec["status"] == "error" and "VNCITE_MAX_PAGES" in rec["error"] and "5" in rec["error"]


def test_a_pdf_page_too_large_for_300_dpi_is_rendered_at_a_resolution_that_fits(tmp_path):
    from pypdf import PdfWriter

    w = PdfWriter()
    w.add_blank_page(width=14400, height=14400)  # 200 x 200 inches: 3.7 GB of grey at 300 dpi
    w.write(tmp_path / "huge.pdf")
    rec = extract_path(tmp_path / "huge.pdf")
    assert rec.status == "error" and "no text" in rec.error  # rendered small, read, found blank


def test_a_docx_that_inflates_past_the_limit(tmp_path):
    docx = tmp_path / "bomb.docx"
    body = "<w:p><w:r><w:t>" + "A" * 5_000_000 + "</w:t></w:r></w:p>"
    with zipfile.ZipFile(docx, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("word/document.xml", '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
                   + body + "</w:body></w:document>")
    assert docx.stat().st_size < 50_000
    out = vncite("extract", str(docx), env={"VNCITE_MAX_INFLATED_BYTES": "1000000"})
    rec = json.loads(out.stdout)
    assert rec["status"] == "error" and "VNCITE_MAX_INFLATED_BYTES" in rec["error"]


# --- 7. a task list on one long line ---------------------------------------------------------------


def test_a_task_item_on_a_long_line_ends_with_its_sentence():
    filler = "Các cấp ủy tiếp tục quán triệt và tổ chức thực hiện nghiêm túc các nhiệm vụ được giao. " * 12_000  # ~1 MB
    text = ("Thực hiện Kết luận số 120-KL/TW, Ban Thường vụ đề ra các nhiệm vụ. Một là, tăng cường tuyên truyền. "
            "Hai là, nâng cao chất lượng sinh hoạt chi bộ. Ba là, kiểm tra, giám sát việc thực hiện. " + filler)
    ex = extract(text)
    (tl,) = ex.task_lists
    assert [it.marker for it in tl.items] == ["Một là", "Hai là", "Ba là"]
    assert tl.items[-1].text.startswith("kiểm tra, giám sát") and len(tl.items[-1].text) < 200
    assert len(json.dumps(ex.to_json(), ensure_ascii=False)) < 2 * len(text)


# --- 8. workers ------------------------------------------------------------------------------------


def test_never_more_worker_processes_than_files(tmp_path, monkeypatch):
    import pipeline.ingest as ing

    asked = []
    real = ing.make_executor
    monkeypatch.setattr(ing, "make_executor", lambda workers=None, dask=None: asked.append(workers) or real(workers, dask))
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for i in range(2):
        (inbox / f"{i}.txt").write_text(GOOD + f" ({i})", encoding="utf-8")
    s = ingest([inbox], connect(str(tmp_path / "b.db")), workers=300, quiet=True)
    assert s.processed == 2 and asked and max(asked) == 2


# --- 5 and 10. read-only commands, bad options: one line, exit 2, nothing written ---------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    d = tmp_path_factory.mktemp("built")
    (d / "in").mkdir()
    (d / "in" / "a.txt").write_text(GOOD, encoding="utf-8")
    assert vncite("build", str(d / "in"), "--db", str(d / "g.db")).returncode == 0
    return d


def test_export_refuses_what_it_would_destroy_and_reports_a_full_disk(built, tmp_path):
    db = str(built / "g.db")
    (tmp_path / "taken").mkdir()
    (tmp_path / "file.graphml").write_text("mine")
    for out, fmt in [(tmp_path / "taken", "csv"), (tmp_path / "file.graphml", "graphml")]:
        r = vncite("export", str(out), "--format", fmt, "--db", db)
        assert r.returncode == 2 and one_line(r.stderr) and "--force" in r.stderr
    assert (tmp_path / "file.graphml").read_text() == "mine"
    r = vncite("export", str(tmp_path / "file.graphml"), "--format", "csv", "--db", db, "--force")
    assert r.returncode == 2 and one_line(r.stderr) and "is a file" in r.stderr
    assert vncite("export", str(tmp_path / "file.graphml"), "--format", "graphml", "--db", db, "--force").returncode == 0
    if os.path.exists("/dev/full"):
        r = vncite("export", "/dev/full", "--format", "graphml", "--db", db, "--force")
        assert r.returncode == 2 and one_line(r.stderr) and "No space left" in r.stderr, r.stderr
        assert stat.S_ISCHR(os.stat("/dev/full").st_mode)  # a device is written to, never replaced by a file


def test_read_only_commands_never_write(built, tmp_path):
    import sqlite3

    other = tmp_path / "other.db"
    with sqlite3.connect(other) as c:
        c.execute("CREATE TABLE notes (x TEXT)")
    before = other.read_bytes()
    for args in (["show", "120-KL/TW"], ["query", "implements", "120-KL/TW"], ["export", str(tmp_path / "x"), "--format", "csv"]):
        r = vncite(*args, "--db", str(other))
        assert r.returncode == 2 and one_line(r.stderr) and "not a vncite database" in r.stderr, r.stderr
        assert other.read_bytes() == before
    missing = tmp_path / "missing.db"
    r = vncite("show", "120-KL/TW", "--db", f"sqlite:///{missing}")
    assert r.returncode == 2 and one_line(r.stderr) and not missing.exists()
    (tmp_path / "junk.db").write_bytes(b"not a database at all" * 100)
    r = vncite("show", "120-KL/TW", "--db", str(tmp_path / "junk.db"))
    assert r.returncode == 2 and one_line(r.stderr)
    db = built / "g.db"
    before = db.read_bytes()
    assert vncite("show", "120-KL/TW", "--db", str(db)).returncode == 0 and db.read_bytes() == before


@pytest.mark.parametrize("args", [["--workers", "-1"], ["--dask", "bogus"], ["--dask", "tcp://127.0.0.1:9"]])
def test_bad_batch_options_are_one_line(built, tmp_path, args):
    r = vncite("batch", str(built / "in"), "--db", str(tmp_path / "b.db"), *args, timeout=120)
    assert r.returncode == 2 and one_line(r.stderr), r.stderr


# --- 11. PostgreSQL with the driver vncite ships ---------------------------------------------------


def test_postgresql_urls_use_the_shipped_driver():
    from pipeline.store import normalize_url

    assert normalize_url("postgresql://u:p@db.example/vncite").startswith("postgresql+psycopg2://")
    assert normalize_url("postgres://u@db/x").startswith("postgresql+psycopg2://")
    assert normalize_url("postgresql+psycopg2://u@db/x") == "postgresql+psycopg2://u@db/x"


def test_plain_postgresql_url_builds_and_queries(db_url, tmp_path):
    if not db_url.startswith("postgresql"):
        pytest.skip("the PostgreSQL half")
    plain = db_url.replace("postgresql+psycopg2://", "postgresql://")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(GOOD, encoding="utf-8")
    assert vncite("build", str(tmp_path / "in"), "--db", plain).returncode == 0
    r = vncite("show", "120-KL/TW", "--db", plain, "--json")
    assert r.returncode == 0 and json.loads(r.stdout)["results"][0]["key"] == "120-KL/TW"


# --- 12. links leaving the inbox; unknown types ----------------------------------------------------


def test_links_leaving_the_inbox_are_refused_unless_followed(tmp_path):
    inbox, outside = tmp_path / "inbox", tmp_path / "outside"
    inbox.mkdir()
    outside.mkdir()
    (outside / "secret.txt").write_text(GOOD, encoding="utf-8")
    (inbox / "link.txt").symlink_to(outside / "secret.txt")
    (inbox / "inside.txt").write_text(GOOD + " (bản trong)", encoding="utf-8")
    (inbox / "alias.txt").symlink_to(inbox / "inside.txt")
    s = batch_json(inbox, tmp_path / "a.db")
    reasons = {Path(e["source"]).name: e["error"] for e in s["errors"]}
    assert set(reasons) == {"link.txt"} and "outside the inbox" in reasons["link.txt"] and "--follow-links" in reasons["link.txt"]
    followed = batch_json(inbox, tmp_path / "b.db", "--follow-links")
    assert followed["failed"] == 0 and str(inbox / "link.txt") in followed["processed_files"]


def test_unknown_binary_is_an_error_and_unknown_text_is_read(tmp_path):
    import random

    (tmp_path / "blob.xyz").write_bytes(random.Random(7).randbytes(4000))
    (tmp_path / "note.xyz").write_text(GOOD, encoding="utf-8")
    out = vncite("extract", str(tmp_path / "blob.xyz"), str(tmp_path / "note.xyz"))
    blob, note = (json.loads(x) for x in out.stdout.splitlines())
    assert blob["status"] == "error" and one_line(blob["error"])
    assert note["status"] == "ok" and "120-KL/TW" in {r["key"] for r in note["references"]}


# --- 13. a hostile key is not echoed whole ---------------------------------------------------------


def test_a_huge_key_is_not_echoed_whole(built):
    r = vncite("show", "Kết luận " + "9" * 100_000, "--db", str(built / "g.db"))
    assert r.returncode in (1, 2) and one_line(r.stderr) and len(r.stderr) < 500


def test_a_huge_web_page_is_read_as_a_stream(tmp_path, monkeypatch):
    """Over the tree limit a page is read by the streaming parser: its text, without scripts, styles or
    navigation, and the references in it (a page of 1.5 million tags took 2.3 GB as a tree)."""
    from pipeline import settings
    from pipeline.read.html import html_to_text

    rows = "".join(f"<tr><td>{i}</td><td>Kế hoạch số {i}-KH/TU thực hiện Kết luận số 120-KL/TW</td></tr>" for i in range(1, 400))
    page = (f"<html><head><style>td {{color: red}}</style><script>var secret = 'Chỉ thị số 99-CT/TW';</script></head><body>"
            f"<nav>Trang chủ | Nghị quyết số 77-NQ/TW</nav><table>{rows}</table><footer>Bản quyền</footer></body></html>")
    monkeypatch.setattr(settings, "MAX_HTML_TREE_CHARS", 10_000)
    text = html_to_text(page)
    assert "Kế hoạch số 399-KH/TU thực hiện Kết luận số 120-KL/TW" in text.splitlines()
    assert "99-CT/TW" not in text and "77-NQ/TW" not in text and "color" not in text and "Bản quyền" not in text
    (tmp_path / "big.html").write_text(page, encoding="utf-8")
    rec = json.loads(vncite("extract", str(tmp_path / "big.html"), env={"VNCITE_MAX_HTML_TREE_CHARS": "10000"}).stdout)
    assert rec["status"] == "ok" and {"399-KH/TU", "120-KL/TW"} <= {r["key"] for r in rec["references"]}


def test_a_store_written_before_the_counts_is_brought_up_to_date(corpus, tmp_path):
    """A database at schema 5 (no document_values; the search index holding its own copy of the rows):
    connecting fills the counts from its mentions and rebuilds the index from document_search, and the
    next loads keep both right."""
    from sqlalchemy import text

    from pipeline.graph import Graph
    from pipeline.store.schema import FTS_TABLE

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = connect(url)
    texts = sorted((corpus / "dev2").glob("*.txt"))[:6]
    for p in texts[:5]:
        load_extraction(engine, extract_path(p), str(p))
    with engine.begin() as conn:  # back to schema 5 as it was written
        for trigger in ("document_search_ai", "document_search_ad", "document_search_au"):
            conn.execute(text(f"DROP TRIGGER {trigger}"))
        conn.execute(text(f"DROP TABLE {FTS_TABLE}"))
        conn.execute(text(f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(key UNINDEXED, body, tokenize = 'unicode61 remove_diacritics 2')"))
        conn.execute(text(f"INSERT INTO {FTS_TABLE} (key, body) SELECT key, body FROM document_search"))
        conn.execute(text("DROP TABLE document_values"))
        conn.execute(text("DELETE FROM schema_version WHERE version > 5"))
    engine.dispose()
    engine = connect(url)
    load_extraction(engine, extract_path(texts[5]), str(texts[5]))
    changed = extract(texts[0].read_text(encoding="utf-8") + "\nThực hiện Kết luận số 120-KL/TW.", source=str(texts[0]))
    load_extraction(engine, changed, str(texts[0]))
    with engine.connect() as conn:
        want = _documents_from_scratch(conn)
        have = {r["key"]: {k: r[k] for k in next(iter(want.values()))} for r in conn.execute(select(documents)).mappings()}
        rows = conn.execute(text("SELECT count(*) FROM document_search")).scalar()
    with engine.begin() as conn:  # FTS5 checks its index against document_search; raises on a mismatch
        conn.execute(text(f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}) VALUES ('integrity-check')"))
    assert have == want and rows == len(have)
    assert "120-KL/TW" in [h.key for h in Graph(engine).search("ket luan 120")]


def test_an_unpunctuated_line_costs_linear_work(monkeypatch):
    """#27: a line with no clause punctuation is one clause; a verb's objects were looked for over every later mention
    of it (4.2 million lookups for a 250 KB line). The object walk now stops after a bounded run of documents already
    taken, so the lookups grow with the line, not with its square; and what the line states is still read."""
    from pipeline.find import clauses

    calls = Counter()
    real_after = clauses.ClauseText.after

    def counted(self, pos):  # noqa: ANN001, ANN202
        calls["after"] += 1
        return real_after(self, pos)

    monkeypatch.setattr(clauses.ClauseText, "after", counted)
    unit = "Thực hiện Kết luận số 120-KL/TW ngày 07/01/2016 của Bộ Chính trị "
    for n in (200, 400):
        calls.clear()
        ex = extract("KẾ HOẠCH\n" + unit * n, relation_model=None)
        assert len([m for m in ex.references if m.key == "120-KL/TW"]) == n
        per_mention = calls["after"] / n
        assert per_mention < 2 * clauses.SAME_DOC_SKIPS + 10, per_mention  # was ~n/2 per mention: quadratic
