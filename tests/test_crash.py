"""Crash safety: a build killed with SIGKILL inside a transaction leaves no half-written text;
running it again finishes the work with no duplicates and no orphans."""

import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import text

from pipeline.store import connect, counts

ORPHANS = [
    "SELECT COUNT(*) FROM mentions m LEFT JOIN sources s ON s.doc_id = m.doc_id WHERE s.doc_id IS NULL",
    "SELECT COUNT(*) FROM relations r LEFT JOIN sources s ON s.doc_id = r.doc_id WHERE s.doc_id IS NULL",
    "SELECT COUNT(*) FROM task_items i LEFT JOIN task_lists l ON l.id = i.list_id WHERE l.id IS NULL",
    "SELECT COUNT(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM mentions m WHERE m.key = d.key)",
    "SELECT COUNT(*) FROM (SELECT path FROM sources GROUP BY path HAVING COUNT(*) > 1) dup",
]


SLOW_COMMIT = str(Path(__file__).with_name("slow_commit.py"))


def build(db, paths, commit_delay=None):
    """``vncite build``; with ``commit_delay`` every transaction is held open that long before it commits."""
    cmd = [SLOW_COMMIT, str(commit_delay)] if commit_delay else ["-m", "pipeline"]
    return subprocess.Popen([sys.executable, *cmd, "build", *map(str, paths), "--db", db],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def test_kill_mid_load_then_rerun(corpus, tmp_path):
    paths = sorted((corpus / "seeds").glob("*.txt")) + sorted((corpus / "cases").glob("*.txt")) + sorted((corpus / "dev").glob("*.txt"))[:6]
    clean_db = str(tmp_path / "clean.db")
    assert build(clean_db, paths).wait() == 0
    expected = counts(connect(clean_db))

    db = str(tmp_path / "crash.db")
    proc = build(db, paths, commit_delay=1.0)
    engine = connect(db)
    deadline = time.time() + 120
    while time.time() < deadline:  # wait for two committed texts, then kill inside the third transaction
        with engine.connect() as c:
            if c.execute(text("SELECT COUNT(*) FROM sources")).scalar() >= 2:
                break
        time.sleep(0.05)
    time.sleep(0.5)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = counts(engine)
    assert 2 <= partial["sources"] < len(paths)
    with engine.connect() as c:
        assert all(c.execute(text(q)).scalar() == 0 for q in ORPHANS)

    assert build(db, paths).wait() == 0
    assert counts(connect(db)) == expected
    with connect(db).connect() as c:
        assert all(c.execute(text(q)).scalar() == 0 for q in ORPHANS)
