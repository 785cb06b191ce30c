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


def test_unnumbered_types_are_named_documents():
    """A type without numbered examples (the Constitution) is cited by name: it comes out as a named document."""
    for t in doc_types():
        if not t.examples:
            ex = extract(f"Căn cứ {t.words[0].capitalize()} năm 2013;")
            assert not ex.references and ex.named and ex.named[0].name.startswith(t.name), t.name


def test_relation_cue_table_types():
    allowed = {"implements", "based_on", "amends", "replaces", "repeals", "guides"}
    d = load("relations")
    assert {v["type"] for v in d["verbs"]} == allowed and set(d["leading_only"]) <= allowed


@pytest.mark.parametrize("example", load("relations")["examples"], ids=lambda e: e["text"][:40])
def test_relation_examples(example):
    """Each example sentence of the cue table states exactly the relations it lists."""
    got = {(r.source, r.type, r.target) for r in extract(example["text"]).relations}
    assert got == {tuple(x) for x in example["relations"]}


def test_legacy_tables_cover_all_vietnamese_letters():
    letters = set("aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ")
    assert letters - {"a", "e", "i", "o", "u", "y"} <= set(load("encodings")["tcvn3"].values())
    vni_out = set("".join(load("encodings")["vni"].values()))
    assert letters - {"a", "e", "i", "o", "u", "y"} <= vni_out


# --- every table: its shape, and each entry at work --------------------------------------------

SCHEMAS = {
    "codes": {"ocr_confusions": dict, "ocr_slashes": list, "fixes": dict, "canonical": list, "party_issuers": list, "grammar": dict,
              "party_issuer_suffixes": list, "state_issuers": list, "state_issuer_prefixes": list},
    "doc_types": {"types": list},
    "encodings": {"tcvn3": dict, "vni": dict},
    "issuers": {"heads": list, "abbreviations": dict, "stop_words": list, "code_bodies": dict, "display_case": dict, "header_continuations": list},
    "lexicon": {"units": list, "named_heads": list, "not_names": list, "common_syllables": list, "tone_fixes": dict, "named_stop_words": list,
                "titled_documents": list, "titled_ends": str, "titled_not_after": str, "lower_short_types": list, "title_verbs": list},
    "ordinals": {"mot_la": dict, "thu": dict, "last": list, "first_alternatives": list, "count_words": dict, "item_nouns": list},
    "relations": {"verbs": list, "leading_only": list, "prefixes": str, "passive_before": str, "passive_after": str, "object_gap": str,
                  "locator": str, "content": str, "guide_gap": str, "partial": str, "issue_verbs": str, "future": str, "collective": str,
                  "self_anaphora": str, "guide_types": list, "normative_types": list, "examples": list, "labels": dict,
                  "nominal": str, "passive_not_implements": str, "rank": dict, "local_issuers": list, "quoted_provision": dict, "instrument": str},
    "structure": {"parts": dict, "pinpoint_parts": dict, "pinpoint_joins": list, "layout_words": dict, "letter_subject": dict,
                  "signer_titles": dict, "enacting_sentence": dict},
    "assignments": {"openers": list, "opener_compounds": list, "body_heads": list, "task_verbs": list, "lead_marks": list, "not_task_sections": list, "procedure_parts": list, "time_openers": list, "sentence_starts": list, "links": list, "caption_marks": list, "asked_clauses": list, "structure_articles": list, "speech_asks": list, "question_tasks": list, "cited_provisions": list, "meetings": list,
                    "not_tasks": list, "table_columns": dict, "due_forms": list, "cell_due_forms": list, "standing_dues": list, "standing_nouns": list,
                    "intro_cues": list, "not_body_starts": list, "conditions": list, "recipient_blocks": list, "not_task_starts": list,
                    "named_types": list, "report_marks": list, "normative_types": list, "modal_marks": list, "generic_leads": list, "place_heads": list, "counted_heads": dict, "purposes": list, "not_plural_heads": list, "execution_only": dict, "task_starts": list, "compound_heads": list, "role_nouns": list, "paired_nouns": dict, "places": list, "competence_marks": list, "regulation_titles": list, "due_labels": list, "speech_cues": list, "speech_verbs": list, "approval_asks": list, "lead_ends": list, "single_word_leads": list, "place_units": list, "sector_heads": list, "favours": list, "body_reading": dict, "task_sections": list, "noun_uses": list, "hypotheticals": list, "execution_articles": list, "duty_articles": list, "rule_subjects": list, "consolidation_codes": list, "leaders": list,
                    "new_document": list, "examples": list},
    "effect": {"effective": str, "expires": str, "from": str, "signing": str, "after_days": str, "with_self": str,
               "self_subject": str, "hedges": str, "examples": list},
}


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_table_schema(name):
    d = load(name)
    assert isinstance(d.get("_doc"), str) and d["_doc"], f"{name}.json says what it holds in '_doc'"
    assert set(d) - {"_doc"} == set(SCHEMAS[name]), name
    for key, typ in SCHEMAS[name].items():
        assert isinstance(d[key], typ) and d[key], (name, key)
    if name == "doc_types":
        for t in d["types"]:
            assert set(t) <= {"name", "words", "abbreviations", "codes", "examples", "word_decides"} and t["name"] and t["words"], t
            assert t["examples"] or not any(t["codes"].values()), f"a numbered type needs examples: {t}"
    if name == "relations":
        for verb in d["verbs"]:
            assert set(verb) == {"type", "words", "confidence"} and verb["words"] and 0 < verb["confidence"] <= 1, verb
        for ex in d["examples"]:
            assert set(ex) == {"text", "relations"} and all(len(r) == 3 for r in ex["relations"]), ex
        assert set(d["labels"]) == {v["type"] for v in d["verbs"]} | {"cites"}
        for lab in d["labels"].values():
            assert {"outgoing", "incoming", "colour"} <= set(lab) <= {"outgoing", "incoming", "standing", "colour"}, lab
    if name == "structure":
        for part, entry in d["parts"].items():
            assert set(entry) == {"pattern", "flags", "examples", "not"} and entry["examples"] and entry["not"], part


@pytest.mark.parametrize("entry", load("lexicon")["titled_documents"], ids=lambda t: t["head"])
def test_titled_documents(entry):
    """Every title form of the lexicon, in a sentence, is a named document of that name."""
    for example in entry["examples"]:
        ex = extract(f"Tỉnh ủy chỉ đạo thực hiện tốt {example}.")
        assert [n.name for n in ex.named] == [example], (example, [n.name for n in ex.named])


@pytest.mark.parametrize("spelling,code", sorted(load("codes")["fixes"].items()))
def test_code_fixes(spelling, code):
    from pipeline.find.symbols import canon_code

    assert canon_code(spelling) == code


@pytest.mark.parametrize("code", load("codes")["canonical"])
def test_canonical_casing(code):
    from pipeline.find.symbols import canon_code

    assert canon_code(code.upper()) == code


@pytest.mark.parametrize("abbr,full", sorted(load("issuers")["abbreviations"].items()))
def test_issuer_abbreviations_expand(abbr, full):
    from pipeline.issuers import canonical_issuer
    from pipeline.keys import fold

    assert canonical_issuer(f"{abbr} tỉnh") == fold(f"{full} tỉnh")


@pytest.mark.parametrize("word,value", sorted(load("ordinals")["mot_la"].items(), key=lambda kv: kv[1]))
def test_mot_la_ordinals(word, value):
    """Each verbal ordinal, as the item after its predecessor, continues a list."""
    words = {v: w for w, v in load("ordinals")["mot_la"].items()}
    if value == 1:
        text = f"{word} là, tăng cường lãnh đạo.\n{words[2]} là, rà soát quy chế."
        want = [1, 2]
    else:
        text = "".join(f"{words[v]} là, nhiệm vụ số {v}.\n" for v in range(1, value + 1))
        want = list(range(1, value + 1))
    (tl,) = extract(text).task_lists
    assert [i.ordinal for i in tl.items] == want and tl.marker_style == "mot-la"


@pytest.mark.parametrize("word,value", sorted(load("ordinals")["thu"].items(), key=lambda kv: kv[1]))
def test_thu_ordinals(word, value):
    words = {}
    for w, v in load("ordinals")["thu"].items():
        words.setdefault(v, w)
    text = "".join(f"Thứ {word if v == value else words[v]}, nhiệm vụ số {v}.\n" for v in range(1, max(value, 2) + 1))
    (tl,) = extract(text).task_lists
    assert [i.ordinal for i in tl.items] == list(range(1, max(value, 2) + 1)) and tl.marker_style == "thu-nhat"


@pytest.mark.parametrize("word,value", sorted(load("ordinals")["count_words"].items()))
def test_count_words(word, value):
    text = f"Nghị quyết số 02-NQ/TU xác định {word} nhóm nhiệm vụ.\nMột là, nhiệm vụ một.\nHai là, nhiệm vụ hai."
    (tl,) = extract(text).task_lists
    assert tl.declared_count == value


@pytest.mark.parametrize("part", sorted(load("structure")["parts"]))
def test_structure_examples(part):
    """Each layout part matches its examples where they begin, and none of its counter-examples."""
    import re

    entry = load("structure")["parts"][part]
    rx = re.compile(entry["pattern"], re.IGNORECASE if "i" in entry["flags"] else 0)
    for ex in entry["examples"]:
        assert rx.match(ex), (part, ex)
    for ex in entry["not"]:
        assert not rx.match(ex), (part, ex)


@pytest.mark.parametrize("example", load("codes")["grammar"]["examples"], ids=lambda e: e["written"])
def test_symbol_grammar_examples(example):
    """Every repair the symbol grammar names, on a reference written that way: the key read, and the mention keeps
    what was written beside what was repaired."""
    written = example["written"]
    word = {"NĐ": "Nghị định", "TT": "Thông tư", "QH": "Luật"}[next(c for c in ("NĐ", "TT", "QH") if c in written)]
    ex = extract(f"Căn cứ {word} số {written} của cơ quan ban hành.")
    (m,) = ex.references
    assert (m.key, m.written, list(m.repairs)) == (example["key"], written, example["repairs"])
    assert ex.to_json()["references"][0]["written"] == written


@pytest.mark.parametrize("text,expected", [
    # the year a normative symbol left out, from the date beside it (Luật Ban hành VBQPPL 2015, Điều 9)
    ("Căn cứ Thông tư số 41/TT-BTC ngày 25/3/2015 của Bộ Tài chính", [("Thông tư", "41/2015/TT-BTC", "full")]),
    # a Tờ trình's code "TT" is no Thông tư: no year added
    ("theo Tờ trình số 12/TT-UBND ngày 01/02/2025", [("Tờ trình", "12/TT-UBND", "full")]),
    # number and year fused, a type code left out, a Party symbol without its type
    ("theo Nghị định số 272019/NĐ-CP", [("Nghị định", "27/2019/NĐ-CP", "full")]),
    ("theo Thông tư số 58/2015/BTC", [("Thông tư", "58/2015/TT-BTC", "full")]),
    ("Nghị quyết số 28/TW của Bộ Chính trị", [("Nghị quyết", "28-NQ/TW", "full")]),
    # a legislature's term from the issue date
    ("Nghị quyết số 1243/NQ-UBTVQH ngày 14/10/2024", [("Nghị quyết", "1243/NQ-UBTVQH15", "full")]),
    # a cut issuer only a full form completes: in the text, else kept as written
    ("Thông tư 31/2015/TT hướng dẫn. Thông tư 31/2015/TT-BTC ngày 13/3/2015", [("Thông tư", "31/2015/TT-BTC", "short"),
                                                                                ("Thông tư", "31/2015/TT-BTC", "full")]),
    ("Thông tư 31/2015/TT hướng dẫn", [("Thông tư", "31/2015/TT", "short")]),
    # a tax department's letter is no Chỉ thị; an old decision of the Chủ tịch HĐBT ("341-CT") keeps its word's type
    ("Công văn số 1234/CT-TTHT của Cục Thuế", [("Công văn", "1234/CT-TTHT", "full")]),
    ("Quyết định số 341-CT của Chủ tịch Hội đồng Bộ trưởng", [("Quyết định", "341/CT", "full")]),
    # forms are not documents
    ("Mẫu 05-HD KĐ.ĐG ban hành kèm theo Hướng dẫn 43-HD/BTCTW", [("Hướng dẫn", "43-HD/BTCTW", "full")]),
    ("lập sổ theo mẫu S03-DN và tờ khai mẫu số 01/GTGT", []),
    # old State bodies write their symbols with a hyphen: one key whatever the separator
    ("Quyết định 36-HĐBT và Quyết định số 36/HĐBT", [("Quyết định", "36/HĐBT", "full"), ("Quyết định", "36/HĐBT", "full")]),
])
def test_symbol_grammar(text, expected):
    assert [(m.doc_type, m.key, m.form) for m in extract(text).references] == expected


@pytest.mark.parametrize("form", load("assignments")["due_forms"] + load("assignments")["cell_due_forms"],
                         ids=lambda f: f["examples"][0])
def test_each_deadline_form_reads_its_examples(form):
    """Each deadline form of data/assignments.json reads its examples as a dated deadline (the last day it allows)."""
    from pipeline.find.assignments import _due

    cell = form in load("assignments")["cell_due_forms"]
    for example in form["examples"]:
        due = _due(example, 2025, cell=cell)
        if form["last"] == "none":  # a recurring date: read whole, without a last day
            assert due is not None and due.as_written == example and due.date is None, (example, due)
        else:
            assert due is not None and due.date and due.date[:2] in ("19", "20"), (example, due)


@pytest.mark.parametrize("example", load("assignments")["examples"], ids=lambda e: e["text"][:40])
def test_assignment_examples(example):
    """Each example of data/assignments.json states exactly the assignments (by lead, in order) it lists."""
    assert [a.lead for a in extract(example["text"]).assignments] == example["leads"]
