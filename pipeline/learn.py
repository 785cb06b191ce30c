"""A learned relation-type classifier, measured against the rules.

Candidates are consecutive references in one sentence (A before B). Features are the
underthesea words between them and the three words on each side (``between:``, ``left:``,
``right:`` prefixes), plus the two document types. Labels: the gold relations of the
annotated texts in ``corpus/gold`` (``none`` for every other pair there) and, for the texts
without gold, the rules' own output (weak labels). Evaluation is 5-fold cross-validation
grouped by text, scored on gold-labelled pairs only, for the model and for the rules on the
same pairs. ``models/relations.json`` (the card's numbers) records, per relation type, whether
the model beats the rules; the pipeline consults it and uses the model only for those types.

    vncite train-relations            # or: python -m pipeline.learn
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from .extract import extract_path
from .find.classify import MODEL_FILE, candidate_pairs, pair_features

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "models"
PACKAGE_MODEL = Path(__file__).resolve().parent / "data" / MODEL_FILE
TYPES = ["implements", "based_on", "amends", "replaces", "repeals", "guides", "none"]


@dataclass
class Pair:
    text_id: str
    a: str
    b: str
    features: str
    label: str
    gold: bool
    rule: str


def _gold_key(k: str) -> str:
    """'8-KH/CB' / '4/2015/NĐ-CP' -> comparable form (no leading zeros)."""
    return re.sub(r"(?<![\d])0+(\d)", r"\1", k)


def build_dataset(corpus: Path = ROOT / "corpus") -> list[Pair]:
    gold_dir = corpus / "gold"
    pairs: list[Pair] = []
    for path in sorted(corpus.glob("*/*.txt")):
        gold_file = gold_dir / (path.stem + ".json")
        gold = json.loads(gold_file.read_text(encoding="utf-8")) if gold_file.exists() else None
        ex = extract_path(path)
        if ex.status != "ok" or ex.doc is None:
            continue
        rules = {(r.source, r.target): r.type for r in ex.relations}
        gold_rel = {}
        if gold is not None:
            self_key = ex.document.key if ex.document else None
            for r in gold["relations"]:
                s = self_key if r["source"] == "self" else r["source"]
                t = self_key if r["target"] == "self" else r["target"]
                if s and t:
                    gold_rel[(_gold_key(s), _gold_key(t))] = r["type"]
        for a, b in candidate_pairs(ex.doc, ex.references):
            rule = rules.get((a.key, b.key), "none")
            if gold is not None:
                label = gold_rel.get((_gold_key(a.key), _gold_key(b.key)), "none")
            else:
                label = rule
            pairs.append(Pair(str(path.relative_to(corpus)), a.key, b.key, pair_features(ex.doc, a, b), label, gold is not None, rule))
    return pairs


def _f1(y_true: list[str], y_pred: list[str], label: str) -> float:
    tp = sum(1 for t, p in zip(y_true, y_pred, strict=True) if t == p == label)
    fp = sum(1 for t, p in zip(y_true, y_pred, strict=True) if p == label and t != label)
    fn = sum(1 for t, p in zip(y_true, y_pred, strict=True) if t == label and p != label)
    return 0.0 if tp == 0 else round(2 * tp / (2 * tp + fp + fn), 4)


def make_model():  # noqa: ANN201
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    return make_pipeline(
        TfidfVectorizer(analyzer=str.split, sublinear_tf=True, min_df=1),
        LogisticRegression(max_iter=2000, class_weight="balanced", C=3.0),
    )


def export_weights(model, uses_model_for: list[str]) -> dict:  # noqa: ANN001
    """The fitted TF-IDF + logistic regression as plain JSON (read by ``find.classify.RelationModel``)."""
    vec, clf = model.steps[0][1], model.steps[-1][1]
    return {
        "classes": [str(c) for c in clf.classes_],
        "vocabulary": {k: int(v) for k, v in sorted(vec.vocabulary_.items())},
        "idf": [round(float(x), 6) for x in vec.idf_],
        "coef": [[round(float(x), 6) for x in row] for row in clf.coef_],
        "intercept": [round(float(x), 6) for x in clf.intercept_],
        "uses_model_for": uses_model_for,
    }


def train(out_dir: Path = MODELS, corpus: Path = ROOT / "corpus", folds: int = 5, package_model: Path | None = PACKAGE_MODEL) -> dict:
    """Build the data, cross-validate against the rules, fit on everything and write the model (JSON
    weights: to ``out_dir`` and, unless ``package_model`` is None, into the package), data and card."""
    from sklearn.model_selection import GroupKFold

    pairs = build_dataset(corpus)
    x = [p.features for p in pairs]
    y = [p.label for p in pairs]
    groups = [p.text_id for p in pairs]
    gold_idx = [i for i, p in enumerate(pairs) if p.gold]
    n_groups = len(set(groups))
    cv_pred: dict[int, str] = {}
    for train_idx, test_idx in GroupKFold(n_splits=min(folds, n_groups)).split(x, y, groups):
        labels = {y[i] for i in train_idx}
        if len(labels) < 2:
            for i in test_idx:
                cv_pred[i] = next(iter(labels))
            continue
        model = make_model().fit([x[i] for i in train_idx], [y[i] for i in train_idx])
        for i, p in zip(test_idx, model.predict([x[i] for i in test_idx]), strict=True):
            cv_pred[i] = p
    y_gold = [y[i] for i in gold_idx]
    model_pred = [cv_pred[i] for i in gold_idx]
    rule_pred = [pairs[i].rule for i in gold_idx]
    per_type = {}
    for t in TYPES[:-1]:
        support = y_gold.count(t)
        m, r = _f1(y_gold, model_pred, t), _f1(y_gold, rule_pred, t)
        per_type[t] = {"support": support, "model_f1": m, "rules_f1": r, "use_model": bool(support >= 5 and m > r)}
    final = make_model().fit(x, y)
    out_dir.mkdir(parents=True, exist_ok=True)
    weights = json.dumps(export_weights(final, [t for t, v in per_type.items() if v["use_model"]]), ensure_ascii=False)
    (out_dir / MODEL_FILE).write_text(weights, encoding="utf-8")
    if package_model is not None:
        package_model.write_text(weights, encoding="utf-8")
    with (out_dir / "relations_data.jsonl").open("w", encoding="utf-8") as fh:
        for p in pairs:
            fh.write(json.dumps(p.__dict__, ensure_ascii=False) + "\n")
    metrics = {
        "pairs": len(pairs),
        "gold_pairs": len(gold_idx),
        "texts": n_groups,
        "label_counts": {t: y.count(t) for t in TYPES if y.count(t)},
        "cv": f"GroupKFold({min(folds, n_groups)}) by text; scored on gold-labelled pairs only",
        "per_type": per_type,
        "uses_model_for": [t for t, v in per_type.items() if v["use_model"]],
    }
    (out_dir / "relations.json").write_text(json.dumps(metrics, ensure_ascii=False, indent=1), encoding="utf-8")
    (out_dir / "relations_card.md").write_text(_card(metrics), encoding="utf-8")
    return metrics


def _card(m: dict) -> str:
    rows = "\n".join(
        f"| {t} | {v['support']} | {v['model_f1']:.3f} | {v['rules_f1']:.3f} | {'model' if v['use_model'] else 'rules'} |"
        for t, v in m["per_type"].items()
    )
    used = ", ".join(m["uses_model_for"]) or "none: the rules are kept for every type"
    return f"""# Model card: relation-type classifier

- **What**: scikit-learn TF-IDF over underthesea word features (words between two consecutive references in a
  sentence, three words on each side, the two document types) + logistic regression (balanced classes).
- **Data**: {m['pairs']} candidate pairs from {m['texts']} texts in `corpus/` (`relations_data.jsonl`);
  {m['gold_pairs']} pairs carry gold labels (`corpus/gold`), the rest the rules' own output (weak labels).
  Labels: {m['label_counts']}.
- **Evaluation**: {m['cv']}. The rules are scored on the same gold pairs.
- **Trained by**: `vncite train-relations` (or `python -m pipeline.learn`); model `relation_model.json` (plain JSON weights, shipped as `pipeline/data/relation_model.json`).

| type | gold support | model F1 (CV) | rules F1 | used |
|---|---|---|---|---|
{rows}

**The pipeline uses the model for**: {used}. A type switches to the model only when it has at least five gold
examples and the model's cross-validated F1 beats the rules'. With the small gold set the rules win; more
annotated texts (and the corpus-wide graph) are what would let the model earn its place.
"""


def main() -> None:
    m = train()
    print(json.dumps(m, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
