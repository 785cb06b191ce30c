"""Every example in the domain tables must extract as the type it illustrates."""

import pytest

from pipeline import extract
from pipeline.tables import doc_types, load

EXAMPLES = [(t.name, ex) for t in doc_types() for ex in t.examples]


@pytest.mark.parametrize("name,example", EXAMPLES)
def test_doc_type_examples(name, example):
    refs = extract(example).references
    assert refs, example
    assert refs[0].doc_type == name


def test_relation_cue_table_types():
    allowed = {"implements", "based_on", "amends", "replaces", "repeals", "guides"}
    d = load("relations")
    assert {c["type"] for c in d["between"] + d["leading"]} <= allowed


def test_legacy_tables_cover_all_vietnamese_letters():
    letters = set("aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ")
    assert letters - {"a", "e", "i", "o", "u", "y"} <= set(load("encodings")["tcvn3"].values())
    vni_out = set("".join(load("encodings")["vni"].values()))
    assert letters - {"a", "e", "i", "o", "u", "y"} <= vni_out
