"""The spaCy component, used the spaCy way (registered through entry points)."""

import spacy
from spacy import displacy


def make_nlp():
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": "vncite.Tokenizer.v1"}}})  # underthesea words
    nlp.add_pipe("vncite")
    return nlp


def test_the_documented_snippet(corpus):
    text = (corpus / "seeds" / "000_6329a58b8633a52f.txt").read_text(encoding="utf-8")
    nlp = make_nlp()
    doc = nlp(text)
    refs = doc.spans["vncite_references"]
    assert [s.kb_id_ for s in refs][:3] == ["10-KH/ĐUK", "120-KL/TW", "8-KH/CB"] and refs[0].text == "Kế hoạch số 10-KH/ĐUK"
    assert [s.label_ for s in refs][:3] == ["Kế hoạch", "Kết luận", "Kế hoạch"]  # labels by type: displaCy colours them
    assert [s.label_ for s in doc.spans["vncite_tasks"]] == [f"TASK {i}" for i in range(1, 8)]
    assert doc.spans["vncite_tasks"][0].text.startswith("Một là")
    record = doc._.vncite
    assert {(r["source"], r["type"], r["target"]) for r in record["relations"]} == {
        ("10-KH/ĐUK", "implements", "120-KL/TW"), ("8-KH/CB", "implements", "10-KH/ĐUK")}
    assert record["references"][0]["start"] == refs[0].start_char  # offsets of the record index doc.text
    html = displacy.render(doc, style="span", options={"spans_key": "vncite_references"})
    assert "120-KL/TW" in html and "span" in html


def test_displacy_renders_the_same_coloured_spans_from_the_component_and_from_spacy_doc(corpus):
    """The README's displaCy call, on a Doc from the component and on one from ``pipeline.spacy_doc``."""
    from pipeline import extract, spacy_doc
    from pipeline.spacy_component import displacy_options

    text = (corpus / "seeds" / "000_6329a58b8633a52f.txt").read_text(encoding="utf-8")
    options = displacy_options()
    pages = []
    for doc in (make_nlp()(text), spacy_doc(extract(text))):
        assert set(doc.spans) >= {"vncite_references", "vncite_named", "vncite_tasks"}
        html = displacy.render(doc, style="span", options=options)
        assert "10-KH/ĐUK" in html and "120-KL/TW" in html
        assert f"background: {options['colors']['Kết luận']}" in html and f"background: {options['colors']['Kế hoạch']}" in html
        assert options["colors"]["Kết luận"] != options["colors"]["Kế hoạch"]
        pages.append([(s.start_char, s.end_char, s.label_, s.kb_id_) for s in doc.spans["vncite_references"]])
    assert pages[0] == pages[1] and len(pages[0]) >= 3


def test_pipe_with_two_processes(corpus):
    texts = [(corpus / "seeds" / n).read_text(encoding="utf-8") for n in ("000_6329a58b8633a52f.txt", "001_6129d9e793124f10.txt")]
    texts.append("Thực hiện Kết luận số 120-KL/TW, Chi ủy đã ban hành Kế hoạch số 08-KH/CB.")
    nlp = make_nlp()
    docs = list(nlp.pipe(texts, n_process=2))
    assert [len(d.spans["vncite_references"]) > 0 for d in docs] == [True, True, True]
    assert docs[2]._.vncite["relations"][0]["source"] == "8-KH/CB"
    assert [d._.vncite["references"] for d in docs] == [nlp(t)._.vncite["references"] for t in texts]


def test_segmented_once(monkeypatch):
    import underthesea

    calls = []
    real = underthesea.word_tokenize
    monkeypatch.setattr(underthesea, "word_tokenize", lambda *a, **k: calls.append(1) or real(*a, **k))
    nlp = make_nlp()
    doc = nlp("Kế hoạch số 10-KH/ĐUK về triển khai thực hiện Kết luận số 120-KL/TW.\nMột là, quán triệt.\nHai là, kiểm tra.")
    after_tokenizer = len(calls)
    assert after_tokenizer >= 1 and len(doc.spans["vncite_tasks"]) == 2
    # the component rebuilt the segmentation from the Doc: underthesea ran in the tokenizer only
    nlp2 = make_nlp()
    calls.clear()
    doc2 = nlp2.make_doc("Thực hiện Kết luận số 120-KL/TW, Chi ủy đã ban hành Kế hoạch số 08-KH/CB.")
    n = len(calls)
    nlp2.get_pipe("vncite")(doc2)
    assert len(calls) == n and doc2._.vncite["relations"]


def test_another_tokenizer_still_works():
    nlp = spacy.blank("xx")
    nlp.add_pipe("vncite")
    doc = nlp("Căn cứ Nghị định số 04/2015/NĐ-CP ngày 09/01/2015 của Chính phủ.")
    assert [(s.label_, s.kb_id_) for s in doc.spans["vncite_references"]] == [("Nghị định", "4/2015/NĐ-CP")]
