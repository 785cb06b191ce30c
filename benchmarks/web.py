"""Latency of the web page on the synthetic 100,000-document graph (SQLite), from localhost.

    .venv/bin/python benchmarks/web.py [--docs 100000] [--requests 200]

Generates the graph (``pipeline.synthetic``: forests of plans implementing plans), starts
``vncite serve`` on it, then requests, one at a time over one keep-alive connection, the document
page of random documents (tree roots among them: 363 plans below each), the implements tree of a
root, and searches by typed key and by words. Reports p50 and p95 per kind; goal: p95 <= 100 ms.

    .venv/bin/python benchmarks/web.py --annotated [--sizes 4000,16000,32000]

Annotated pages instead: texts of 4,000, 16,000 and 32,000 references (each line a plan implementing
a directive: a reference, a relation and its evidence per line) built into a store; the time of the
stored text's page (``/text/…``) and of the same text pasted into ``/extract`` (extraction included).
Goals: 16,000 references at most 4.5x the time of 4,000 (linear), the 32,000-reference text page <= 5 s.
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def timed(conn: http.client.HTTPConnection, path: str) -> float:
    t0 = time.perf_counter()
    conn.request("GET", path)
    resp = conn.getresponse()
    resp.read()
    assert resp.status == 200, (path, resp.status)
    return (time.perf_counter() - t0) * 1000


def summary(times: list[float]) -> dict[str, float]:
    times = sorted(times)
    return {"n": len(times), "p50_ms": round(statistics.median(times), 1), "p95_ms": round(times[int(0.95 * (len(times) - 1))], 1)}


def annotated_text(n: int) -> str:
    """A text of ``n`` references: plans implementing directives, one per line."""
    return "".join(f"Kế hoạch số {i + 1}/KH-UBND ngày 12/4/2016 thực hiện Chỉ thị số {i % 97 + 1}-CT/TW.\n"
                   for i in range(n // 2))


def start_server(db: Path) -> tuple[subprocess.Popen, int]:
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "pipeline", "serve", "--db", str(db), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    return server, port


def annotated(sizes: list[int]) -> dict:
    from pipeline.read import doc_id_of

    out: dict = {"sizes": sizes}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "texts"
        folder.mkdir()
        ids = {}
        for n in sizes:
            body = annotated_text(n)
            (folder / f"refs{n}.txt").write_text(body, encoding="utf-8")
            ids[n] = (doc_id_of(body.encode("utf-8")), body)
        db = Path(tmp) / "a.db"
        subprocess.run([sys.executable, "-m", "pipeline", "build", str(folder), "--db", str(db)], check=True, cwd=ROOT,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        server, port = start_server(db)
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
            for n in sizes:
                doc_id, body = ids[n]
                text_ms = min(timed(conn, "/text/" + quote(doc_id, safe="")) for _ in range(3))
                t0 = time.perf_counter()
                form = (b"--vncite\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n" + body.encode("utf-8")
                        + b"\r\n--vncite--\r\n")
                conn.request("POST", "/extract", body=form, headers={"Content-Type": "multipart/form-data; boundary=vncite"})
                resp = conn.getresponse()
                page = resp.read()
                assert resp.status == 200 and page.count(b'class="ref') >= n, (resp.status, page[:200])
                out[str(n)] = {"paste_kb": round(len(body.encode("utf-8")) / 1024), "text_page_s": round(text_ms / 1000, 2),
                               "extract_page_s": round(time.perf_counter() - t0, 2)}
        finally:
            server.terminate()
            server.wait(10)
    small, mid = str(sizes[0]), str(sizes[1])
    out["text_page_16k_over_4k"] = round(out[mid]["text_page_s"] / max(out[small]["text_page_s"], 1e-3), 2)
    out["extract_page_16k_over_4k"] = round(out[mid]["extract_page_s"] / max(out[small]["extract_page_s"], 1e-3), 2)
    out["goal_ratio"] = 4.5
    out["goal_32k_text_page_s"] = 5
    return out


def main() -> None:
    from pipeline.store import connect
    from pipeline.synthetic import doc_key, generate

    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=200, help="requests per kind")
    ap.add_argument("--annotated", action="store_true", help="time annotated pages of many references instead")
    ap.add_argument("--sizes", default="4000,16000,32000", help="references per text for --annotated")
    args = ap.parse_args()
    if args.annotated:
        print(json.dumps(annotated([int(x) for x in args.sizes.split(",")]), indent=1))
        return
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "web.db"
        t0 = time.perf_counter()
        generate(connect(str(db)), n_docs=args.docs)
        gen_s = time.perf_counter() - t0
        server, port = start_server(db)
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            rng = random.Random(7)
            roots = [doc_key(i) for i in range(0, args.docs, 364)]
            docs = [doc_key(rng.randrange(args.docs)) for _ in range(args.requests - args.requests // 10)] + roots[: args.requests // 10]
            for _ in range(5):
                timed(conn, "/doc/" + quote(docs[0], safe=""))  # warm up
            result = {
                "documents": args.docs,
                "generate_s": round(gen_s, 1),
                "document_page": summary([timed(conn, "/doc/" + quote(k, safe="")) for k in docs]),
                "implements_tree": summary([timed(conn, "/tree/" + quote(rng.choice(roots), safe="")) for _ in range(args.requests)]),
                "search_key": summary([timed(conn, "/search?q=" + quote(f"Kế hoạch {rng.randrange(args.docs)}-KH/TU"))
                                       for _ in range(args.requests)]),
                "search_words": summary([timed(conn, "/search?q=" + quote(f"ke hoach so {rng.randrange(args.docs)}"))
                                         for _ in range(args.requests)]),
                "goal_p95_ms": 100,
            }
        finally:
            server.terminate()
            server.wait(10)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
