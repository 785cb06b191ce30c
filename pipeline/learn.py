"""The learned relation classifier, trained and measured against the rules.

Data: every candidate pair (``find.classify.candidate_pairs``) of every text in ``corpus/`` that
has a gold annotation in ``corpus/gold`` (seeds, the shared dev and dev2 sets, the project's own
cases), labelled with the gold relation types of the pair (a pair may have two: "sửa đổi, bãi
bỏ"). Model: TF-IDF over the pair's features + one balanced logistic regression per type.
Evaluation: leave one source out (``source_of``: the legal-site crawl, the aggregated news, the tax
site's OCR'd letters, the seed articles, the project's cases; no source in both the training and the
test fold), per type, the model's F1 against the rules' F1 on the same pairs; and ``held_out``: fitted
on some sets, measured on another no rule was written from. The pipeline lets the model decide a type
only when it wins by at least ``MARGIN`` with enough support; ``models/relations_card.md`` says which
and why.

    vncite train-relations            # or: python -m pipeline.learn
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from . import scorer
from .extract import extract_path
from .find.classify import MODEL_FILE, TYPES, candidate_pairs, pair_features
from .find.relations import SELF, body_start

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "models"
PACKAGE_MODEL = Path(__file__).resolve().parent / "data" / MODEL_FILE
MARGIN = 0.02  # the model must beat the rules' cross-validated F1 by this much to decide a type
MIN_SUPPORT = 5
#: the comparison on the shared dev3 texts, measured before any rule was written from them (2026-12-06, the rules
#: and the model as they stood; model fitted on seeds, dev, dev2 and the cases; pair-level F1 over 406 candidate pairs)
HELD_OUT_NOTE = """**Measured where neither was fitted** (the shared dev3 set, 22 texts annotated blind, before any rule was
written from it; the model fitted on the seeds, dev, dev2 and the cases; pair-level F1 over 406 candidate pairs, 75
with a gold relation):

| type | dev3 support | model F1 | rules F1 |
|---|---|---|---|
| implements | 16 | 0.632 | 0.897 |
| based_on | 45 | 0.875 | 0.875 |
| amends | 12 | 0.741 | 0.909 |
| repeals | 2 | 1.000 | 1.000 |
| replaces, guides | 0 | – | – |

The model loses on implements and amends and ties elsewhere, so the rules decide every type. The relations the rules
missed on dev3 were forms (a heading over an inline list, an amending law named by its title, an entry closed by its
alias, a plan's purpose section) that no candidate pair's features separate with this little data; they were added
to the rules as forms, each with its table entry and test. underthesea's `chunk` was considered for agent and object
attachment; on these texts its chunks cut document titles (it tags "Kết luận" a verb), so the rules keep their
windows bounded by clauses and titles instead."""
SURE = 0.9


@dataclass
class Pair:
    text_id: str
    src: str
    tgt: str
    features: str
    labels: list[str]
    rules: list[str]


def _gold_relations(gold: dict) -> list[tuple]:
    self_key = None
    if gold.get("self"):
        s = scorer.Ref(gold["self"])
        self_key = (s.number, s.year, s.symbol, None)
    return [("self" if r["source"] == "self" else scorer.parse_key(r["source"]),
             "self" if r["target"] == "self" else scorer.parse_key(r["target"]), r["type"], self_key) for r in gold["relations"]]


def _labels(src: str, tgt: str, gold_rels: list[tuple]) -> list[str]:
    out = []
    for gs, gt, typ, _ in gold_rels:
        src_ok = (gs == "self" and src == SELF) or (gs != "self" and src != SELF and scorer.keys_compatible(gs, scorer.parse_key(src)))
        if src_ok and gt != "self" and scorer.keys_compatible(gt, scorer.parse_key(tgt)) and typ not in out:
            out.append(typ)
    return out


def source_of(text_id: str) -> str:
    """The source a corpus text comes from (its folder and file name say it; ``corpus/SOURCES-*.md`` list them)."""
    folder, _, name = text_id.partition("/")
    if folder in ("seeds", "cases"):
        return folder
    if "_mgz_" in name or "_news-" in name and folder == "dev3":
        return "news"
    if "_ocr-" in name:
        return "tax-site"
    return "legal-crawl"  # the legal-site crawl: official documents and the site's explainers


def build_dataset(corpus: Path = ROOT / "corpus", sets: tuple[str, ...] | None = None) -> list[Pair]:
    """Candidate pairs of every annotated corpus text (``sets``: only these folders), with gold labels and the
    rules' answers."""
    gold_dir = corpus / "gold"
    pairs: list[Pair] = []
    for path in sorted(corpus.glob("*/*.txt")):
        if sets is not None and path.parent.name not in sets:
            continue
        gold_file = gold_dir / (path.stem + ".json")
        if not gold_file.exists():
            continue
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        ex = extract_path(path, relation_model=None)  # the rules alone: their answers are features and the baseline
        if ex.status != "ok" or ex.doc is None:
            continue
        self_id = (ex.document.key or ex.doc_id) if ex.document is not None else None
        rules: dict[tuple[str, str], set[str]] = {}
        for r in ex.relations:
            rules.setdefault((SELF if r.source == self_id else r.source, r.target), set()).add(r.type)
        gold_rels = _gold_relations(gold)
        b = body_start(ex.doc.text)
        for src, tgt in candidate_pairs(ex.doc, ex.references, self_id):
            src_id = src if isinstance(src, str) else (src.key or "")
            feats = pair_features(ex.doc, src, tgt, directive=ex.document is not None, body_start=b, rules=rules, src_id=src_id)
            pairs.append(Pair(str(path.relative_to(corpus)), src_id, tgt.key or "", feats, _labels(src_id, tgt.key or "", gold_rels),
                              sorted(rules.get((src_id, tgt.key or ""), ()))))
    return pairs


def _f1(truth: list[bool], pred: list[bool]) -> float:
    tp = sum(1 for t, p in zip(truth, pred, strict=True) if t and p)
    fp = sum(1 for t, p in zip(truth, pred, strict=True) if p and not t)
    fn = sum(1 for t, p in zip(truth, pred, strict=True) if t and not p)
    return 0.0 if tp == 0 else round(2 * tp / (2 * tp + fp + fn), 4)


def _vectorizer():  # noqa: ANN202
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(analyzer=str.split, sublinear_tf=True, min_df=1)


def _classifier():  # noqa: ANN202
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(max_iter=3000, class_weight="balanced", C=3.0)


def train(out_dir: Path = MODELS, corpus: Path = ROOT / "corpus", folds: int = 5, package_model: Path | None = PACKAGE_MODEL) -> dict:
    """Build the data, cross-validate each type against the rules, fit on everything, write the model
    (JSON weights, to ``out_dir`` and, unless ``package_model`` is None, into the package), data and card."""
    from sklearn.model_selection import GroupKFold

    pairs = build_dataset(corpus)
    x = [p.features for p in pairs]
    groups = [source_of(p.text_id) for p in pairs]
    n_groups = len(set(groups))
    per_type = {}
    for typ in TYPES:
        y = [typ in p.labels for p in pairs]
        rule = [typ in p.rules for p in pairs]
        support = sum(y)
        cv = [False] * len(pairs)
        cv_sure = [False] * len(pairs)  # the model very sure (p >= SURE): candidates to add to the rules' answers
        if 0 < support:
            for train_idx, test_idx in GroupKFold(n_splits=min(folds, n_groups)).split(x, y, groups):
                ys = [y[i] for i in train_idx]
                if len(set(ys)) < 2:
                    continue
                vec = _vectorizer().fit([x[i] for i in train_idx])
                clf = _classifier().fit(vec.transform([x[i] for i in train_idx]), ys)
                probs = clf.predict_proba(vec.transform([x[i] for i in test_idx]))[:, 1]
                for i, p in zip(test_idx, probs, strict=True):
                    cv[i], cv_sure[i] = bool(p >= 0.5), bool(p >= SURE)
        model_f1, rules_f1 = _f1(y, cv), _f1(y, rule)
        union_f1 = _f1(y, [a or b for a, b in zip(rule, cv_sure, strict=True)])
        per_type[typ] = {"support": support, "model_f1": model_f1, "rules_f1": rules_f1, "rules_plus_sure_model_f1": union_f1,
                         "use_model": bool(support >= MIN_SUPPORT and model_f1 >= rules_f1 + MARGIN)}
    vec = _vectorizer().fit(x)
    xt = vec.transform(x)
    models = {}
    for typ in TYPES:
        y = [typ in p.labels for p in pairs]
        if len(set(y)) < 2:
            continue
        clf = _classifier().fit(xt, y)
        models[typ] = {"coef": [round(float(c), 6) for c in clf.coef_[0]], "intercept": round(float(clf.intercept_[0]), 6)}
    uses = [t for t, v in per_type.items() if v["use_model"]]
    weights = {
        "vocabulary": {k: int(v) for k, v in sorted(vec.vocabulary_.items())},
        "idf": [round(float(v), 6) for v in vec.idf_],
        "models": models,
        "uses_model_for": uses,
        "threshold": 0.5,
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    blob = json.dumps(weights, ensure_ascii=False)
    (out_dir / MODEL_FILE).write_text(blob, encoding="utf-8")
    if package_model is not None:
        package_model.write_text(blob, encoding="utf-8")
    with (out_dir / "relations_data.jsonl").open("w", encoding="utf-8") as fh:
        for p in pairs:
            fh.write(json.dumps(asdict(p), ensure_ascii=False) + "\n")
    metrics = {
        "pairs": len(pairs),
        "positive_pairs": sum(1 for p in pairs if p.labels),
        "texts": len({p.text_id for p in pairs}),
        "sources": sorted(set(groups)),
        "label_counts": {t: sum(t in p.labels for p in pairs) for t in TYPES},
        "cv": f"leave one source out ({n_groups} sources: {', '.join(sorted(set(groups)))}); every candidate pair of the annotated texts",
        "per_type": per_type,
        "uses_model_for": uses,
    }
    (out_dir / "relations.json").write_text(json.dumps(metrics, ensure_ascii=False, indent=1), encoding="utf-8")
    (out_dir / "relations_card.md").write_text(_card(metrics), encoding="utf-8")
    return metrics


def held_out(train_sets: tuple[str, ...], test_sets: tuple[str, ...], corpus: Path = ROOT / "corpus") -> dict:
    """The model fitted on ``train_sets`` and the rules, both measured on ``test_sets`` (pair-level F1 per type)."""
    train_pairs, test_pairs = build_dataset(corpus, train_sets), build_dataset(corpus, test_sets)
    vec = _vectorizer().fit([p.features for p in train_pairs])
    xt, xs = vec.transform([p.features for p in train_pairs]), vec.transform([p.features for p in test_pairs])
    out: dict = {"train": list(train_sets), "test": list(test_sets), "train_pairs": len(train_pairs), "test_pairs": len(test_pairs),
                 "per_type": {}}
    for typ in TYPES:
        y = [typ in p.labels for p in train_pairs]
        ys = [typ in p.labels for p in test_pairs]
        rule = [typ in p.rules for p in test_pairs]
        model = [False] * len(test_pairs)
        if len(set(y)) == 2:
            probs = _classifier().fit(xt, y).predict_proba(xs)[:, 1]
            model = [bool(q >= 0.5) for q in probs]
        out["per_type"][typ] = {"support": sum(ys), "model_f1": _f1(ys, model), "rules_f1": _f1(ys, rule)}
    return out


def _card(m: dict) -> str:
    rows = "\n".join(
        f"| {t} | {v['support']} | {v['model_f1']:.3f} | {v['rules_f1']:.3f} | {v['rules_plus_sure_model_f1']:.3f} | "
        f"{'model' if v['use_model'] else 'rules'} |"
        for t, v in m["per_type"].items()
    )
    used = ", ".join(m["uses_model_for"]) or "none: the rules are kept for every type"
    return f"""# Model card: relation classifier

- **What**: one logistic regression per relation type (balanced classes) over TF-IDF of the pair's features:
  underthesea words and POS tags between and around the two documents, relation verbs from `data/relations.json`,
  a passive marker, distance and order, the text's kind and the pair's section (preamble, "Căn cứ" line, article,
  table row, list item), the two document types, and which rule already states a relation for the pair.
- **Candidates**: the text itself (in a directive) with each reference, and references in one sentence or
  adjacent sentences, both orders (`pipeline/find/classify.py`).
- **Data**: {m['pairs']} candidate pairs from {m['texts']} annotated texts in `corpus/` (seeds, the shared dev,
  dev2 and dev3 sets, project cases), {m['positive_pairs']} with a gold relation (`relations_data.jsonl`). Labels per
  type: {m['label_counts']}.
- **Evaluation**: {m['cv']}; the rules' answers on the same pairs are the baseline.
- **Trained by**: `vncite train-relations` (or `python -m pipeline.learn`); weights as plain JSON,
  `relation_model.json`, shipped as `pipeline/data/relation_model.json`.

| type | gold support | model F1 (held-out sources) | rules F1 | rules + model when p >= {SURE} | decides |
|---|---|---|---|---|---|
{rows}

**The pipeline lets the model decide**: {used}. A type goes to the model only with at least {MIN_SUPPORT} gold
examples and an F1 on held-out sources at least {MARGIN} above the rules'. Here the rules' F1 is in-sample (they were
written while reading these texts, dev3 included after its first measurement) while the model's is measured on sources
it did not see; the fair comparison is on a set neither was fitted on, below.

{HELD_OUT_NOTE}
"""


def main() -> None:
    m = train()
    print(json.dumps(m, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
