"""The web page as it runs (`vncite serve` in its own process): an upload that takes long to read never
holds up the rest of the site, a scan over the web's page limit is refused at once with the limit's name,
one over the web's time limit ends with an answer and the next upload is read by a fresh worker; a client
that trickles its headers is disconnected."""

import contextlib
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
from factories import serve

from pipeline.synthetic import repeated_scan_pdf

SCAN = "Kế hoạch số 08-KH/CB ngày 25/4/2016 thực hiện Kết luận số 120-KL/TW ngày 07/01/2016 của Bộ Chính trị.\n" * 12


@pytest.fixture(scope="module")
def server(corpus, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("serve")
    db = tmp / "g.db"
    build = [sys.executable, "-m", "pipeline", "build", str(corpus / "seeds"), "--db", str(db)]
    assert subprocess.run(build, capture_output=True).returncode == 0
    env = dict(os.environ, VNCITE_WEB_TIMEOUT="4", VNCITE_WEB_MAX_PAGES="20", VNCITE_WEB_HEADER_TIMEOUT="2")
    proc, base = serve(db, env=env)
    yield base, tmp
    proc.terminate()
    proc.wait(10)


def _children(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (Linux /proc)."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def _post_file(url: str, path: Path) -> tuple[int, dict]:
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{path.name}\"\r\n"
            "Content-Type: application/pdf\r\n\r\n").encode() + path.read_bytes() + f"\r\n--{boundary}--\r\n".encode()
    req = urllib.request.Request(url, data=body, headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    try:
        with urllib.request.urlopen(req, timeout=120) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())


def _searches_while(base: str, job: threading.Thread) -> list[float]:
    """Seconds each /search took while ``job`` ran (every answer checked)."""
    took = []
    while job.is_alive():
        t = time.perf_counter()
        with urllib.request.urlopen(base + "/api/search?q=KL+120", timeout=30) as r:
            hits = json.loads(r.read())
        took.append(time.perf_counter() - t)
        assert any(h["key"] == "120-KL/TW" for h in hits["results"])
        time.sleep(0.05)
    return took


def test_a_400_page_scan_is_refused_at_once_by_the_web_page_limit(server):
    base, tmp = server
    pdf = tmp / "scan400.pdf"
    assert repeated_scan_pdf(SCAN, 400, pdf) < 2 * 1024 * 1024
    result: dict = {}
    job = threading.Thread(target=lambda: result.update(zip(("status", "body"), _post_file(base + "/api/extract", pdf), strict=True)))
    job.start()
    took = _searches_while(base, job)
    job.join()
    assert result["status"] == 422
    assert "pages over the limit (400 > 20)" in result["body"]["error"] and "VNCITE_WEB_MAX_PAGES" in result["body"]["error"]
    assert max(took, default=0) < 1.0


def test_a_long_scan_leaves_search_answering_and_ends_at_the_time_limit(server):
    base, tmp = server
    pdf = tmp / "scan20.pdf"
    repeated_scan_pdf(SCAN, 20, pdf)  # ~1.4 s of OCR a page here: well over the 4 s limit
    result: dict = {}
    job = threading.Thread(target=lambda: result.update(zip(("status", "body"), _post_file(base + "/api/extract", pdf), strict=True)))
    started = time.perf_counter()
    job.start()
    took = _searches_while(base, job)
    job.join()
    assert result["status"] == 503 and "longer than 4 s" in result["body"]["error"]
    assert time.perf_counter() - started < 30
    assert len(took) >= 10 and max(took) < 1.0
    # the next upload is read by a fresh worker
    one = tmp / "scan1.pdf"
    repeated_scan_pdf(SCAN, 1, one)
    status, body = _post_file(base + "/api/extract", one)
    assert status == 200 and "120-KL/TW" in {r["key"] for r in body["references"]}


def test_a_client_that_trickles_its_headers_is_disconnected(server):
    base, _ = server
    port = int(base.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=10) as slow:
        slow.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
        started = time.perf_counter()
        closed = False
        for i in range(40):  # a header line every quarter second, never the blank line that ends them
            try:
                slow.sendall(b"X-%d: y\r\n" % i)
            except OSError:
                closed = True
                break
            slow.settimeout(0.25)
            try:
                if slow.recv(1024) == b"":
                    closed = True
                    break
            except TimeoutError:
                pass
        assert closed and time.perf_counter() - started < 4  # VNCITE_WEB_HEADER_TIMEOUT=2
    with urllib.request.urlopen(base + "/api/search?q=KL+120", timeout=5) as r:  # and the site still answers
        assert r.status == 200


def test_sigterm_ends_the_server_promptly_while_a_scan_is_read(corpus, tmp_path):
    db = tmp_path / "g.db"
    assert subprocess.run([sys.executable, "-m", "pipeline", "build", str(corpus / "cases"), "--db", str(db)],
                          capture_output=True).returncode == 0
    proc, base = serve(db)
    try:
        pdf = tmp_path / "scan20.pdf"
        repeated_scan_pdf(SCAN, 20, pdf)  # ~30 s of OCR, under the default 60 s limit
        def post() -> None:
            with contextlib.suppress(OSError, ValueError):  # the server goes away mid-answer
                _post_file(base + "/api/extract", pdf)

        job = threading.Thread(target=post, daemon=True)
        job.start()
        time.sleep(3)  # the worker is reading the scan
        children = _children(proc.pid)
        assert children  # the extraction's worker process
        proc.terminate()
        started = time.perf_counter()
        proc.wait(20)
        assert time.perf_counter() - started < 10  # the graceful shutdown waits 5 s, then ends the worker too
        time.sleep(0.5)
        assert not [c for c in children if Path(f"/proc/{c}").exists() and "zombie" not in Path(f"/proc/{c}/status").read_text()]
    finally:
        if proc.poll() is None:
            proc.kill()
