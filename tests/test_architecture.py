"""The package's shape: imports (function-level ones included) never form a cycle and never run
from a stage to a later one; each text is segmented once whatever output is asked for."""

import ast
import pkgutil
from pathlib import Path

import pipeline

#: stages in the order data flows; a module may import its own stage or earlier ones
STAGES = [
    ["pipeline.keys", "pipeline.tables", "pipeline.data", "pipeline.settings", "pipeline.i18n", "pipeline.terminal"],
    ["pipeline.text"],
    ["pipeline.records"],
    ["pipeline.read"],
    ["pipeline.issuers", "pipeline.resolve"],
    ["pipeline.find"],
    ["pipeline.extract"],
    ["pipeline.spacy_component", "pipeline.learn", "pipeline.scorer", "pipeline.scorer_assignments", "pipeline.evaluate"],
    ["pipeline.store"],
    ["pipeline.graph"],
    ["pipeline.ingest", "pipeline.synthetic", "pipeline.damage"],
    ["pipeline.cli", "pipeline.__main__", "pipeline.web"],
]


def rank(module: str) -> int:
    for i, names in enumerate(STAGES):
        if any(module == n or module.startswith(n + ".") for n in names):
            return i
    raise AssertionError(f"{module} is in no stage: add it to STAGES")


def modules() -> dict[str, Path]:
    out = {}
    for m in pkgutil.walk_packages(pipeline.__path__, "pipeline."):
        spec = m.module_finder.find_spec(m.name)  # type: ignore[union-attr]
        out[m.name] = Path(spec.origin)
    return out


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """Every module of the package that ``name`` imports anywhere in its file."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            targets = [f"{mod}.{a.name}" if f"{mod}.{a.name}" in known else mod for a in node.names]
        else:
            continue
        for t in targets:
            while t and t not in known:
                t = t.rpartition(".")[0]
            if t and t != "pipeline" and t != name:
                out.add(t)
    return out


def graph() -> dict[str, set[str]]:
    mods = modules()
    return {name: imports_of(name, path, set(mods)) for name, path in mods.items()}


def test_every_module_belongs_to_a_stage():
    for name in graph():
        rank(name)


def test_no_stage_imports_a_later_stage():
    wrong = [(a, b) for a, deps in graph().items() for b in deps if rank(b) > rank(a)]
    assert not wrong, wrong


def test_no_import_cycle():
    g = graph()
    # a package's __init__ re-exports its own modules: an edge from a module to its own package is the cycle we look for
    state: dict[str, int] = {}
    stack: list[str] = []
    cycles = []

    def visit(n: str) -> None:
        state[n] = 1
        stack.append(n)
        for d in sorted(g.get(n, ())):
            if state.get(d) == 1:
                cycles.append(stack[stack.index(d):] + [d])
            elif d not in state:
                visit(d)
        stack.pop()
        state[n] = 2

    for n in sorted(g):
        if n not in state:
            visit(n)
    assert not cycles, cycles


def test_the_detector_sees_function_level_imports(tmp_path):
    f = tmp_path / "m.py"
    f.write_text("def f():\n    from ..store import connect\n    import pipeline.graph\n", encoding="utf-8")
    found = imports_of("pipeline.find.m", f, {"pipeline.store", "pipeline.graph", "pipeline.find", "pipeline.find.m"})
    assert found == {"pipeline.store", "pipeline.graph"}


def test_each_text_is_segmented_once(monkeypatch):
    """JSON, a spaCy Doc and training features all come from one segmentation: the words of a chunk are
    segmented when a stage first needs them (extraction alone needs few), and never again."""
    import underthesea

    from pipeline import extract, spacy_doc
    from pipeline.find.classify import candidate_pairs, pair_features

    calls = []
    real = underthesea.word_tokenize
    monkeypatch.setattr(underthesea, "word_tokenize", lambda *a, **k: calls.append(a[0]) or real(*a, **k))
    text = ("Kế hoạch số 10-KH/ĐUK ngày 12/4/2016 về triển khai thực hiện Kết luận số 120-KL/TW ngày 07/01/2016 của Bộ Chính trị.\n"
            "Thực hiện Chỉ thị 06 của Ban Bí thư, các chi bộ tổ chức học tập.")
    ex = extract(text)
    after_extract = list(calls)
    assert len(after_extract) == 1 and "Chỉ thị 06" in after_extract[0]  # a short form asked for its words; the first line did not
    ex.to_json()
    doc = spacy_doc(ex)
    pairs = candidate_pairs(ex.doc, ex.references, None)
    feats = [pair_features(ex.doc, a, b, directive=False, body_start=0, rules={}, src_id=a.key, pos_tags=False) for a, b in pairs]
    assert len(calls) == len(ex.doc.segmentation.chunks) == len(set(calls)) == 2  # each chunk segmented once, whatever asked
    assert [s.kb_id_ for s in doc.spans["vncite_references"]][:2] == ["10-KH/ĐUK", "120-KL/TW"]
    assert feats and "b:triển_khai" in feats[0] and "cue:implements" in feats[0]


def test_relation_model_is_package_data_and_a_missing_one_is_named(tmp_path):
    """An installed copy finds the model inside the package; a configured path that does not exist
    gives one clear message and the rules' relations, not a crash."""
    import os
    import subprocess
    import sys

    from pipeline.find.classify import MODEL_ENV, model_path

    assert model_path() is not None and model_path().parent.name == "data" and model_path().is_file()
    text = "Kế hoạch số 10-KH/ĐUK ngày 12/4/2016 về triển khai thực hiện Kết luận số 120-KL/TW của Bộ Chính trị."
    (tmp_path / "t.txt").write_text(text, encoding="utf-8")
    env = {**os.environ, MODEL_ENV: str(tmp_path / "missing.json")}
    out = subprocess.run([sys.executable, "-m", "pipeline", "extract", str(tmp_path / "t.txt")], capture_output=True, text=True, env=env)
    assert out.returncode == 0 and "relation model unavailable" in out.stderr and MODEL_ENV in out.stderr
    assert '"type": "implements"' in out.stdout


# --- one visible pipeline ---------------------------------------------------------------------


def finder_calls(source: str) -> list[tuple[str, int]]:
    """Calls of a declared finder by name (``f(...)`` or ``module.f(...)``) in Python source."""
    from pipeline.find import FINDERS

    names = {f.__name__ for _, f in FINDERS}
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            f = node.func
            called = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None
            if called in names:
                out.append((called, node.lineno))
    return out


def test_finders_are_called_only_from_the_declared_list():
    """``pipeline.find.FINDERS`` is the one place the finders run from: no module calls one by name."""
    calls = [(name, c) for name, path in modules().items() for c in finder_calls(path.read_text(encoding="utf-8"))]
    assert not calls, calls


def test_the_detector_sees_a_finder_called_by_name():
    src = "from pipeline.find import references\nrefs = references.find_references(doc, found)\nfind_relations(doc, found)\n"
    assert finder_calls(src) == [("find_references", 2), ("find_relations", 3)]


def _record_classes():
    import dataclasses
    import inspect

    import pipeline.records
    import pipeline.text.document

    for mod in (pipeline.records, pipeline.text.document):
        for _, cls in inspect.getmembers(mod, inspect.isclass):
            if cls.__module__ == mod.__name__ and dataclasses.is_dataclass(cls):
                yield cls


def test_records_are_frozen():
    """Every record (and the Document) is frozen with slots: a stage that refines one builds a new one."""
    classes = list(_record_classes())
    assert {c.__name__ for c in classes} >= {"Ref", "Mention", "Named", "TaskItem", "TaskList", "Relation", "Extraction", "Findings",
                                              "Source", "OcrPage", "Document"}
    loose = [c.__name__ for c in classes if not (c.__dataclass_params__.frozen and "__slots__" in c.__dict__)]
    assert not loose, loose


def test_records_py_holds_only_records():
    """Position machinery (offset maps, segmentation, line bounds) lives in ``pipeline.text``."""
    import inspect

    import pipeline.records

    own = [n for n, c in inspect.getmembers(pipeline.records, inspect.isclass) if c.__module__ == "pipeline.records"]
    assert not {"OffsetMap", "Normalized", "Segmentation", "Lines", "Token", "Sentence", "Edit"} & set(own), own


def test_no_module_imports_a_private_name():
    """A name starting with '_' belongs to its module: another module importing it is reaching inside (gettext's
    ``_`` is the one public name of that form: ``from pipeline.i18n import _``)."""
    found = []
    for name, path in modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                found += [(name, node.module, a.name) for a in node.names
                          if a.name.startswith("_") and not a.name.startswith("__") and (a.name, node.module) != ("_", "i18n")]
    assert not found, found


#: leaves that every finder calls by design (records' constructors, positions, keys, the shared lexicon)
LEAVES = ("pipeline.records", "pipeline.keys", "pipeline.tables", "pipeline.settings", "pipeline.text.positions",
          "pipeline.text.document", "pipeline.text.skeleton", "pipeline.find.lexicon", "pipeline.find.clauses", "pipeline.find.symbols", "pipeline.find.dates")


def test_one_text_enters_each_stage_module_a_few_times(corpus):
    """Following one real text through extract call by call, no stage module is entered (called from
    another module) more than 4 times: no finder climbs back into another one (leaves excepted)."""
    import sys
    from collections import Counter

    from pipeline.extract import extract_document
    from pipeline.text import make_document

    text = (corpus / "dev2" / "101_kh617-ubnd-dongthap.txt").read_text(encoding="utf-8")
    doc = make_document(text)
    extract_document(doc, "x", "sha256:x")  # caches and the model loaded once
    entries: Counter[str] = Counter()

    def module_of(frame):  # noqa: ANN001, ANN202
        while frame is not None:
            n = frame.f_globals.get("__name__", "")
            if n.startswith("pipeline"):
                return n
            frame = frame.f_back
        return None

    def profile(frame, event, arg):  # noqa: ANN001, ANN202
        if event != "call":
            return
        mod = frame.f_globals.get("__name__", "")
        if mod.startswith("pipeline") and module_of(frame.f_back) != mod and not frame.f_code.co_name.startswith("<"):
            entries[mod] += 1

    sys.setprofile(profile)
    try:
        extract_document(doc, "x", "sha256:x")
    finally:
        sys.setprofile(None)
    stages = {m: n for m, n in entries.items() if m not in LEAVES}
    assert stages.get("pipeline.find.references") == 1 and stages.get("pipeline.find.relations"), stages
    assert max(stages.values()) <= 4, stages
