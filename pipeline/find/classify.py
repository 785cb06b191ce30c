"""The learned relation-type classifier, applied: candidate pairs of references, their features,
and a linear model stored as plain JSON weights (no pickle: it loads in any scikit-learn version,
or none, and is package data, so an installed copy finds it).

Training and its comparison with the rules are in ``pipeline.learn``; the model's card says for
which relation types the model beats the rules, and the pipeline uses it only for those.
"""

from __future__ import annotations

import json
import math
import os
import sys
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from ..records import Document, Mention, Relation

MODEL_ENV = "VNCITE_RELATION_MODEL"
MODEL_FILE = "relation_model.json"


def _words(doc: Document, lo: int, hi: int) -> list[str]:
    return [t.text.casefold().replace(" ", "_") for t in doc.segmentation.tokens if lo <= t.start and t.end <= hi]


def pair_features(doc: Document, a: Mention, b: Mention) -> str:
    """Features of the pair (A before B): the underthesea words between them, three on each side,
    the two document types and the gap length."""
    between = _words(doc, a.extent_end, b.start) or ["<none>"]
    left = _words(doc, max(0, a.start - 60), a.start)[-3:]
    right = _words(doc, b.end, b.end + 60)[:3]
    feats = [f"between:{w}" for w in between] + [f"left:{w}" for w in left] + [f"right:{w}" for w in right]
    feats += [f"atype:{a.doc_type.replace(' ', '_')}", f"btype:{b.doc_type.replace(' ', '_')}", f"gap:{min(len(between), 10)}"]
    return " ".join(feats)


def candidate_pairs(doc: Document, mentions: list[Mention]) -> list[tuple[Mention, Mention]]:
    """Consecutive references (neither the text itself) in one sentence."""
    seg = doc.segmentation
    ms = sorted((m for m in mentions if m.key and not m.self), key=lambda m: m.start)
    out = []
    for a, b in zip(ms, ms[1:], strict=False):
        sa, sb = seg.sentence_at(a.start), seg.sentence_at(b.start)
        if sa is not None and sa == sb and a.key != b.key and b.start >= a.extent_end:
            out.append((a, b))
    return out


@dataclass
class RelationModel:
    """TF-IDF (sublinear tf, l2 norm) + a linear model, as exported by ``pipeline.learn``."""

    classes: list[str]
    vocabulary: dict[str, int]
    idf: list[float]
    coef: list[list[float]]
    intercept: list[float]
    uses_model_for: list[str]

    @classmethod
    def from_json(cls, d: dict) -> RelationModel:
        return cls(d["classes"], d["vocabulary"], d["idf"], d["coef"], d["intercept"], list(d.get("uses_model_for", [])))

    def predict(self, features: list[str]) -> list[str]:
        out = []
        for f in features:
            counts: dict[int, int] = {}
            for tok in f.split():
                j = self.vocabulary.get(tok)
                if j is not None:
                    counts[j] = counts.get(j, 0) + 1
            vec = {j: (1 + math.log(n)) * self.idf[j] for j, n in counts.items()}
            norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
            scores = [b + sum(w[j] * v / norm for j, v in vec.items()) for w, b in zip(self.coef, self.intercept, strict=True)]
            if len(self.classes) == 2:  # binary models keep one row of weights
                out.append(self.classes[1] if scores[0] > 0 else self.classes[0])
            else:
                out.append(self.classes[max(range(len(scores)), key=scores.__getitem__)])
        return out

    def apply(self, doc: Document, mentions: list[Mention], relations: list[Relation]) -> list[Relation]:
        """The rules' relations, with the model's decision for the types where it beats them."""
        types = self.uses_model_for
        if not types:
            return relations
        pairs = candidate_pairs(doc, mentions)
        if not pairs:
            return relations
        have = {(r.source, r.target, r.type) for r in relations}
        labels = self.predict([pair_features(doc, a, b) for a, b in pairs])
        out = [r for r in relations if r.type not in types or r.rule != "between"]
        for (a, b), label in zip(pairs, labels, strict=True):
            if label in types and (a.key, b.key, label) not in have:
                out.append(Relation(a.key, b.key, label, a.start, b.end, 0.7, "model"))  # type: ignore[arg-type]
        return out


def model_path() -> Path | None:
    """``$VNCITE_RELATION_MODEL`` if set, else the copy shipped in the package."""
    env = os.environ.get(MODEL_ENV)
    if env:
        return Path(env)
    ref = resources.files("pipeline.data").joinpath(MODEL_FILE)
    return Path(str(ref)) if ref.is_file() else None


@cache
def load_model() -> RelationModel | None:
    """The shipped (or configured) model; None, with one message on stderr, when it is missing."""
    path = model_path()
    try:
        if path is None:
            raise FileNotFoundError(f"pipeline/data/{MODEL_FILE} is not installed")
        return RelationModel.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError) as exc:
        print(f"vncite: relation model unavailable ({exc}); relations come from the rules alone. "
              f"Set {MODEL_ENV} to a model written by 'vncite train-relations'.", file=sys.stderr)
        return None
