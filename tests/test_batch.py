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
from factories import free_port
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


BLIND = '''
"""Dask worker preload: this worker cannot see the inbox (as on a machine without the shared disk)."""
import builtins, io, os

_inbox = os.environ["VNCITE_TEST_INBOX"]
# the real ones, also when the module is run again (dask reloads a preload in the same namespace)
_open = getattr(builtins.open, "real", builtins.open)
_os_open = getattr(os.open, "real", os.open)


def _blind(path):
    try:
        return os.fspath(path).startswith(_inbox) if not isinstance(path, int) else False
    except TypeError:
        return False


def _guarded_open(file, *a, **k):
    if _blind(file):
        raise FileNotFoundError(2, "not on this machine", str(file))
    return _open(file, *a, **k)


def _guarded_os_open(path, *a, **k):
    if _blind(path):
        raise FileNotFoundError(2, "not on this machine", str(path))
    return _os_open(path, *a, **k)


_guarded_open.real, _guarded_os_open.real = _open, _os_open
builtins.open = io.open = _guarded_open
os.open = _guarded_os_open
'''


def test_dask_cluster_started_from_the_command_line_without_a_shared_disk(corpus, tmp_path):
    """`dask scheduler` and two `dask worker` processes, as an operator starts them on other machines; the
    workers cannot open the inbox's files (a preload hides them), so they must get each file's bytes."""
    inbox = _inbox(corpus, tmp_path, n=6)
    (tmp_path / "blind.py").write_text(BLIND, encoding="utf-8")
    dask = shutil.which("dask", path=str(Path(sys.executable).parent)) or shutil.which("dask")
    assert dask, "the dask command ships with distributed"
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = {**os.environ, "VNCITE_TEST_INBOX": str(inbox), "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    procs = [subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=tmp_path)]
    try:
        for i in range(2):
            procs.append(subprocess.Popen([dask, "worker", address, "--nworkers", "1", "--nthreads", "1", "--no-dashboard",
                                           "--preload", str(tmp_path / "blind.py"), "--name", f"w{i}"],
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=tmp_path))
        from distributed import Client

        deadline = time.time() + 90
        with Client(address, timeout=60) as client:
            while len(client.scheduler_info()["workers"]) < 2:
                assert time.time() < deadline, "dask workers did not start"
                time.sleep(0.5)
            probe = client.submit(lambda p: os.path.exists(p) and open(p, "rb").read(1), str(next(inbox.iterdir())), pure=False)
            with pytest.raises(FileNotFoundError):
                probe.result()  # the workers really cannot read the inbox
        out = cli("batch", str(inbox), "--db", str(tmp_path / "dask.db"), "--dask", address, "--json")
        assert out.returncode == 0, out.stderr
        s = json.loads(out.stdout)
        assert s["processed"] == 6 and s["failed"] == 0
        local = ingest([inbox], connect(str(tmp_path / "procs.db")), workers=0, quiet=True)
        assert local.processed == 6 and counts(connect(str(tmp_path / "dask.db"))) == counts(connect(str(tmp_path / "procs.db")))
    finally:
        for p in procs:
            p.send_signal(signal.SIGINT)
        for p in procs:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()
