"""Latency of the web page on the synthetic 100,000-document graph (SQLite), from localhost.

    .venv/bin/python benchmarks/web.py [--docs 100000] [--requests 200]

Generates the graph (``pipeline.synthetic``: forests of plans implementing plans), starts
``vncite serve`` on it, then requests, one at a time over one keep-alive connection, the document
page of random documents (tree roots among them: 363 plans below each), the implements tree of a
root, and searches by typed key and by words. Reports p50 and p95 per kind; goal: p95 <= 100 ms.
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


def main() -> None:
    from pipeline.store import connect
    from pipeline.synthetic import doc_key, generate

    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=200, help="requests per kind")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "web.db"
        t0 = time.perf_counter()
        generate(connect(str(db)), n_docs=args.docs)
        gen_s = time.perf_counter() - t0
        port = free_port()
        server = subprocess.Popen([sys.executable, "-m", "pipeline", "serve", "--db", str(db), "--port", str(port)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
        try:
            for _ in range(200):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                    break
                except OSError:
                    time.sleep(0.1)
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
