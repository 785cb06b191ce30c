"""The web page's routes through Starlette's test client, on a graph built from corpus/."""

import hashlib
import json
import subprocess
import sys
from urllib.parse import quote

import pytest
from starlette.testclient import TestClient

from pipeline.ingest import ingest
from pipeline.store import connect
from pipeline.web import create_app

HOSTILE = "Tờ trình <script>alert('x')</script> nêu Kết luận số 120-KL/TW của Bộ Chính trị & \"Chỉ thị 05\".\n"


@pytest.fixture(scope="module")
def db(corpus, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("web")
    (tmp / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    path = tmp / "g.db"
    ingest([corpus / "seeds", corpus / "cases", corpus / "dev2", tmp / "hostile.txt"], connect(str(path)), workers=0, quiet=True)
    return path


@pytest.fixture(scope="module")
def client(db):
    return TestClient(create_app(connect(str(db), readonly=True)))


def doc_url(key):
    return "/doc/" + quote(key, safe="")


def test_home_and_search_by_typed_keys_and_words(client):
    assert client.get("/").status_code == 200
    for q in ("KL 120", "Kết luận 120-KL/TW", "120-KL/TW", "kết luận số 120"):
        hits = client.get("/api/search", params={"q": q}).json()["results"]
        assert hits[0]["key"] == "120-KL/TW" and hits[0]["exact"], q
    words = [h["key"] for h in client.get("/api/search", params={"q": "ket luan 120"}).json()["results"]]
    assert "120-KL/TW" in words  # diacritics and case do not matter
    assert [h["key"] for h in client.get("/api/search", params={"q": "Nghị định 73/2024"}).json()["results"]][0] == "73/2024/NĐ-CP"
    page = client.get("/search", params={"q": "KL 120"})
    assert page.status_code == 200 and doc_url("120-KL/TW") in page.text


def test_document_page_relations_status_tree_citing_tasks(client):
    page = client.get(doc_url("120-KL/TW"))
    assert page.status_code == 200
    api = client.get("/api" + doc_url("120-KL/TW")).json()
    tree = {n["key"]: n for n in api["implements_tree"]}
    assert tree["10-KH/ĐUK"]["depth"] == 1 and tree["8-KH/CB"]["depth"] == 2 and tree["8-KH/CB"]["via"] == "10-KH/ĐUK"
    assert tree["8-KH/CB"]["task_lists"] >= 1
    assert {"10-KH/ĐUK", "8-KH/CB"} <= {n["key"] for n in api["neighbourhood"]["nodes"]}
    assert len(api["cited_by"]) >= 3 and "<svg" in page.text and "10-KH/ĐUK" in page.text
    # a repealed decision shows what repealed it, with the date
    repealed = client.get("/api" + doc_url("90/2004/QĐ-UB")).json()
    assert [(s["key"], s["relation"], s["date"]) for s in repealed["status"]] == [("2688/QĐ-UBND", "repeals", "2025-11-18")]
    assert "Bị bãi bỏ bởi" in client.get(doc_url("90/2004/QĐ-UB")).text
    tasks = client.get("/api" + doc_url("8-KH/CB")).json()["task_lists"]
    assert tasks and tasks[0]["items"][0]["marker"] == "Một là"


def test_tree_page(client):
    api = client.get("/api/tree/" + quote("57-NQ/TW", safe="")).json()
    depth = {n["key"]: n["depth"] for n in api["tree"]}
    assert depth["617/KH-UBND"] == 3 and depth["283/KH-UBND"] == 2
    page = client.get("/tree/" + quote("57-NQ/TW", safe=""))
    assert page.status_code == 200 and page.text.index("283/KH-UBND") < page.text.index("617/KH-UBND")


def test_api_query_is_what_the_cli_prints(client, db):
    for name, key, transitive in (("implements", "Kết luận 120-KL/TW", True), ("cited-by", "120-KL/TW", False), ("tasks", "8-KH/CB", False)):
        cmd = [sys.executable, "-m", "pipeline", "query", name, key, "--json", "--db", str(db)] + (["--transitive"] if transitive else [])
        cli = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
        api = client.get(f"/api/query/{name}", params={"key": key, "transitive": "1" if transitive else "0"})
        assert api.status_code == 200 and api.text == cli.rstrip("\n")
        assert json.loads(api.text)["results"]


def test_text_page_highlights_references_and_escapes_everything(client):
    hits = client.get("/api" + doc_url("120-KL/TW")).json()["cited_by"]
    hostile = next(c for c in hits if c["path"].endswith("hostile.txt"))
    page = client.get(f"/text/{hostile['doc_id']}")
    assert page.status_code == 200
    assert "<script>" not in page.text and "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page.text
    assert f'href="{doc_url("120-KL/TW")}"' in page.text  # the reference links to its document
    seed = client.get(f"/text/{next(c for c in hits if c['path'].endswith('000_6329a58b8633a52f.txt'))['doc_id']}").text
    assert 'class="item-mark"' in seed and "rel rel-implements" in seed


def test_bad_input_gives_pages_not_tracebacks(client, db):
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    assert client.get(doc_url("99999-XX/YY")).status_code == 404
    assert client.get("/api" + doc_url("99999-XX/YY")).json()["error"]
    ambiguous = client.get("/api" + doc_url("Nghị quyết 02"))
    assert ambiguous.status_code in (200, 300, 404)
    assert client.get("/text/..%2F..%2Fetc%2Fpasswd").status_code == 404
    assert client.get("/text/sha256:nothing").status_code == 404
    assert client.get("/doc/" + quote("<script>alert(1)</script>", safe="")).status_code == 404
    assert "<script>alert(1)" not in client.get("/search", params={"q": "<script>alert(1)</script>"}).text
    assert client.get("/api/query/nosuch", params={"key": "x"}).status_code == 404
    assert client.get("/no/such/page").status_code == 404
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before  # read-only: nothing written


def test_extract_page_annotates_and_stores_nothing(client, db):
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    text = "Kế hoạch số 10-KH/ĐUK ngày 12/4/2016 về triển khai thực hiện Kết luận số 120-KL/TW. <b>in đậm</b>"
    page = client.post("/extract", data={"text": text})
    assert page.status_code == 200 and "implements" in page.text and "&lt;b&gt;" in page.text and 'class="ref' in page.text
    api = client.post("/api/extract", files={"file": ("kh.txt", text.encode("utf-8"), "text/plain")}).json()
    assert [(r["source"], r["type"], r["target"]) for r in api["relations"]] == [("10-KH/ĐUK", "implements", "120-KL/TW")]
    assert client.post("/extract", files={"file": ("big.txt", b"a" * (3 * 1024 * 1024), "text/plain")}).status_code == 413
    assert client.post("/extract", data={"text": ""}).status_code == 400
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_annotated_segments_equal_the_naive_cut():
    """The sweep over span boundaries gives, piece by piece, what checking every span at every cut gives (the latest
    starting span of a layer wins a piece), on random overlapping spans."""
    import random

    from pipeline.graph import Span
    from pipeline.web.render import segments

    def naive(text, layers):  # noqa: ANN001, ANN202
        n = len(text)
        cuts = sorted({0, n} | {x for layer in layers for s in layer if 0 <= s.start < s.end <= n for x in (s.start, s.end)})
        out = []
        for lo, hi in zip(cuts, cuts[1:], strict=False):
            top = []
            for layer in layers:
                cov = [(s.start, i, s) for i, s in enumerate(layer) if 0 <= s.start < s.end <= n and s.start <= lo and hi <= s.end]
                top.append(max(cov)[2] if cov else None)
            out.append((text[lo:hi], top[0] and top[0].key, bool(top[1]), top[2] and top[2].label))
        return out

    rnd = random.Random(3)
    for _ in range(300):
        n = rnd.randint(1, 200)
        text = "".join(rnd.choice("ab ") for _ in range(n))
        layers = [[Span(a, a + rnd.randint(1, 30), rnd.choice("xy"), str(rnd.random())) for a in (rnd.randint(0, n) for _ in range(rnd.randint(0, 15)))]
                  for _ in range(3)]
        assert [(s.text, s.ref, s.task, s.relation) for s in segments(text, *layers)] == naive(text, layers)


def test_the_picture_draws_a_chain_as_a_chain(db):
    """8-KH/CB implements 10-KH/ĐUK, which implements 120-KL/TW: in 120-KL/TW's picture the plan two relations away
    sits beyond the plan it implements (same direction from the middle, further out), not beside the middle."""
    import math

    from pipeline.graph import Graph
    from pipeline.web.render import picture

    g = Graph(connect(str(db), readonly=True))
    nodes, edges = g.neighbourhood("120-KL/TW")
    drawn = {n["key"]: n for n in picture(nodes, edges)["nodes"]}
    centre, near, far = drawn["120-KL/TW"], drawn["10-KH/ĐUK"], drawn["8-KH/CB"]

    def direction(n):  # noqa: ANN001, ANN202
        return math.atan2(n["y"] - centre["y"], n["x"] - centre["x"])

    assert abs(direction(far) - direction(near)) < 0.05
    assert math.dist((far["x"], far["y"]), (centre["x"], centre["y"])) > math.dist((near["x"], near["y"]), (centre["x"], centre["y"]))
