"""Queries on a generated graph of 100,000 documents (SQLite)."""

import pytest

from pipeline.graph import Graph
from pipeline.store import connect, counts
from pipeline.synthetic import doc_key, generate


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    engine = connect(f"sqlite:///{tmp_path_factory.mktemp('big') / 'big.db'}")
    generate(engine, n_docs=100_000)
    return Graph(engine)


def test_size(big):
    c = counts(big.engine)
    assert c["documents"] == 100_000 and c["relations"] == 100_000 - (100_000 + 363) // 364


def test_transitive_implements_on_a_tree(big):
    root = 364 * 7  # root of the 8th tree: 363 descendants in 5 levels
    direct = big.implements(doc_key(root))
    assert sorted(h.key for h in direct) == [doc_key(root + k) for k in (1, 2, 3)]
    chain = big.implements(doc_key(root), transitive=True)
    assert len(chain) == 363 and max(h.depth for h in chain) == 5
    leaf = next(h for h in chain if h.key == doc_key(root + 363))
    assert leaf.via == doc_key(root + (363 - 1) // 3) and leaf.evidence.startswith("Thực hiện Kế hoạch số")


def test_cited_by_and_lookup(big):
    assert big.lookup("Kế hoạch 2549") == doc_key(2549)
    assert [c.citing_key for c in big.cited_by(doc_key(364 * 9 + 1))] == [doc_key(364 * 9 + k) for k in (4, 5, 6)]
