"""vncite batch: a hostile inbox processed to the end, incremental reruns, kill -9 and resume,
two batches at once, and the same work on a Dask LocalCluster."""

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from pipeline.ingest import ingest
from pipeline.store import connect, counts

GOOD = "Thực hiện Kết luận số 120-KL/TW ngày 07/01/2016 của Bộ Chính trị, Ban Thường vụ đã ban hành Kế hoạch số 08-KH/CB."


def cli(*args, env=None):
    return subprocess.run([sys.executable, "-m", "pipeline", *args], capture_output=True, text=True, env={**os.environ, **(env or {})})


SLOW_COMMIT = str(Path(__file__).with_name("slow_commit.py"))


def popen(*args, commit_delay=None):
    """The CLI in the background; with ``commit_delay`` every transaction is held open that long before it commits."""
    cmd = [SLOW_COMMIT, str(commit_delay)] if commit_delay else ["-m", "pipeline"]
    return subprocess.Popen([sys.executable, *cmd, *args], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)


@pytest.fixture
def hostile(tmp_path, corpus):
    inbox = tmp_path / "inbox"
    (inbox / "sub" / "deeper").mkdir(parents=True)
    for s in sorted((corpus / "seeds").glob("*.txt"))[:3]:
        shutil.copy(s, inbox / s.name)
    (inbox / "sub" / "empty.txt").write_bytes(b"")
    (inbox / "sub" / "random.bin").write_bytes(random.Random(1).randbytes(5000))
    (inbox / "sub" / "truncated.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj << /Ty")
    (inbox / "sub" / "text-named.pdf").write_text(GOOD, encoding="utf-8")
    (inbox / "sub" / "utf16.txt").write_bytes(GOOD.encode("utf-16"))
    (inbox / "sub" / "deeper" / "cp1258.txt").write_bytes("Chỉ thị số 16-CT/TTg".encode("cp1258", errors="replace"))
    (inbox / "sub" / "deeper" / "long-line.txt").write_text((GOOD + " ") * 9000, encoding="utf-8")  # 1.3 MB on one line
    (inbox / "sub" / "deeper" / "sheet.xlsx").write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    return inbox


def test_hostile_inbox_runs_to_the_end(hostile, tmp_path):
    db = str(tmp_path / "b.db")
    out = cli("batch", str(hostile), "--db", db, "--workers", "2", "--json")
    assert out.returncode == 0, out.stderr
    s = json.loads(out.stdout)
    files = [str(p) for p in hostile.rglob("*") if p.is_file()]
    assert s["processed"] + s["skipped"] + s["failed"] == len(files) == 11
    assert sorted(s["processed_files"] + s["skipped_files"] + [e["source"] for e in s["errors"]]) == sorted(files)
    failed = {Path(e["source"]).name: e["error"] for e in s["errors"]}
    assert set(failed) == {"empty.txt", "random.bin", "truncated.pdf", "text-named.pdf", "sheet.xlsx"}
    assert all(reason and "\n" not in reason for reason in failed.values())
    assert s["processed"] == 6 and s["seconds"] > 0
    # --strict turns per-file errors into exit 1 (on a fresh database, so that they are seen again)
    assert cli("batch", str(hostile), "--db", str(tmp_path / "strict.db"), "--strict", "--workers", "2").returncode == 1
    # a rerun processes nothing new; the files that failed are tried again and counted again
    again = json.loads(cli("batch", str(hostile), "--db", db, "--json").stdout)
    assert (again["processed"], again["failed"], again["skipped"]) == (0, 5, 6)
    # a changed file is processed again and replaces its rows
    (hostile / "sub" / "utf16.txt").write_text("Thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị.", encoding="utf-8")
    third = json.loads(cli("batch", str(hostile), "--db", db, "--json").stdout)
    assert third["processed_files"] == [str(hostile / "sub" / "utf16.txt")] and third["skipped"] == 5 and third["failed"] == 5
    with connect(db).connect() as c:
        assert c.execute(text("SELECT COUNT(*) FROM sources WHERE path LIKE '%utf16.txt'")).scalar() == 1


def test_batch_cannot_run(tmp_path):
    assert cli("batch", str(tmp_path / "missing"), "--db", str(tmp_path / "x.db")).returncode == 2
    (tmp_path / "in").mkdir()
    assert cli("batch", str(tmp_path / "in"), "--db", "nosuchdialect://x/y").returncode == 2


def _inbox(corpus, tmp_path, n=14):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for p in sorted((corpus / "dev").glob("*.txt"))[:n]:
        shutil.copy(p, inbox / p.name)
    return inbox


def _children(pid: int) -> list[int]:
    out = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines() if ":\t" in line)
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(pid):
            out.append(int(status.parent.name))
    return out


def test_kill_9_and_resume(corpus, tmp_path, db_url):
    inbox = _inbox(corpus, tmp_path)
    clean = str(tmp_path / "clean.db")
    assert cli("batch", str(inbox), "--db", clean, "--workers", "2").returncode == 0
    expected = counts(connect(clean))
    db = db_url
    proc = popen("batch", str(inbox), "--db", db, "--workers", "2", commit_delay=0.7)
    engine = connect(db)
    deadline = time.time() + 120
    while time.time() < deadline:
        with engine.connect() as c:
            if c.execute(text("SELECT COUNT(*) FROM sources")).scalar() >= 3:
                break
        time.sleep(0.05)
    time.sleep(0.3)
    workers = _children(proc.pid)
    assert workers
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.time() + 10  # orphaned workers notice and end (else they hold the DB session open)
    while time.time() < deadline and any(Path(f"/proc/{w}").exists() for w in workers):
        time.sleep(0.1)
    assert not [w for w in workers if Path(f"/proc/{w}").exists()]
    assert 3 <= counts(engine)["sources"] < 14
    resumed = json.loads(cli("batch", str(inbox), "--db", db, "--json").stdout)
    assert resumed["processed"] + resumed["skipped"] == 14 and resumed["skipped"] >= 3
    assert counts(connect(db)) == expected


def test_two_batches_at_once(corpus, tmp_path, db_url):
    inbox = _inbox(corpus, tmp_path, n=10)
    clean = str(tmp_path / "clean.db")
    assert cli("batch", str(inbox), "--db", clean, "--workers", "1").returncode == 0
    db = db_url
    a = popen("batch", str(inbox), "--db", db, "--workers", "1", "--json")
    b = popen("batch", str(inbox), "--db", db, "--workers", "1", "--json")
    ra, rb = json.loads(a.communicate()[0]), json.loads(b.communicate()[0])
    assert a.returncode == 0 and b.returncode == 0
    assert ra["processed"] + rb["processed"] == 10  # each file processed by exactly one of them
    assert counts(connect(db)) == counts(connect(clean))
    with connect(db).connect() as c:
        assert c.execute(text("SELECT COUNT(*) FROM (SELECT path FROM sources GROUP BY path HAVING COUNT(*) > 1) d")).scalar() == 0


def test_dask_local_cluster(corpus, tmp_path):
    inbox = _inbox(corpus, tmp_path, n=6)
    s = ingest([inbox], connect(str(tmp_path / "dask.db")), workers=2, dask="local", quiet=True)
    assert s.processed == 6 and s.failed == 0
    local = ingest([inbox], connect(str(tmp_path / "procs.db")), workers=2, quiet=True)
    assert counts(connect(str(tmp_path / "dask.db"))) == counts(connect(str(tmp_path / "procs.db"))) and local.processed == 6
