"""End to end: the CLI on corpus/ scored against corpus/gold with the shared scorer (vendored copy)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


@pytest.fixture(scope="module")
def scores(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("run") / "out.jsonl"
    paths = [str(corpus / "seeds"), str(corpus / "cases"), str(corpus / "dev"), str(corpus / "dev2"), str(corpus / "dev3")]
    with out.open("w") as fh:
        subprocess.run([sys.executable, "-m", "pipeline", "extract", *paths], stdout=fh, check=True)
    res = subprocess.run([sys.executable, str(HERE / "score.py"), "--gold", str(corpus / "gold"), "--pred", str(out), "--json"],
                         capture_output=True, text=True, check=True)
    return json.loads(res.stdout)


def test_references(scores):
    assert scores["refs"]["f1"] >= 0.98
    assert scores["fields"]["date"] >= 0.95 and scores["fields"]["symbol"] >= 0.98


def test_task_items(scores):
    assert scores["tasks"]["f1"] >= 0.9
    assert scores["task_list_exact_count"] >= 0.9


def test_relations(scores):
    assert scores["implements"]["recall"] >= 0.66
    assert scores["relations"]["f1"] >= 0.8


def test_self_identity(scores):
    assert scores["self_identity"] >= 0.9


def test_nothing_missing(scores):
    assert scores["documents_missing"] == [] and scores["documents_with_error"] == 0
