"""Small factories so each test case reads as input -> expected record in one line."""

from pipeline import extract


def refs(text: str) -> list:
    return extract(text).references


def one_ref(text: str):
    found = [m for m in refs(text) if not m.self]
    assert len(found) == 1, [(m.surface, m.key) for m in found]
    return found[0]
