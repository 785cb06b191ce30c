"""Finder 10 (``pipeline.find.FINDERS``): the learned relation classifier, applied.

Candidate pairs: the text itself (in a directive) or a reference, with another reference in the
same sentence or the next one (both orders). Features: underthesea's words and POS tags between
and around the two, the relation verbs of ``data/relations.json`` found between them, a passive
marker, distance, order, the text's kind and the pair's section (preamble, "Điều", table row,
list item), the two document types, and which rule (if any) already states a relation for the
pair. One linear model per relation type (TF-IDF + logistic regression), stored as plain JSON
weights: no pickle, so it loads in any scikit-learn version (or none) and ships as package data.

Training and the comparison with the rules are in ``pipeline.learn``; the model lists the
relation types where it beat the rules under cross-validation (``uses_model_for``), and the
pipeline lets it decide only those types.
"""

from __future__ import annotations

import bisect
import json
import math
import os
import re
import sys
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from pathlib import Path

from ..records import Findings, Mention, Relation
from ..text import Document
from .lexicon import cue_words, relation_table, structure
from .relations import SELF, body_start

MODEL_ENV = "VNCITE_RELATION_MODEL"
MODEL_FILE = "relation_model.json"
TYPES = ("implements", "based_on", "amends", "replaces", "repeals", "guides")
MAX_BETWEEN = 40  # words; farther pairs are not candidates


@dataclass
class Pair:
    """A candidate: ``src`` (a reference or ``SELF``) may stand in a relation to ``tgt``."""

    src: Mention | str
    tgt: Mention
    features: str


def _words(doc: Document, lo: int, hi: int) -> list[str]:
    return [t.text.casefold().replace(" ", "_") for t in doc.segmentation.tokens_between(lo, hi)]


def _section(doc: Document, pos: int, body_start: int) -> list[str]:
    t = doc.text
    lo, hi = doc.lines.at(pos)
    line = t[lo:hi]
    out = ["sec:preamble" if pos < body_start else "sec:body"]
    if line.count("|") >= 2:
        out.append("sec:table")
    if re.match(r"[\s*_]*(?:\d+(?:\.\d+)*[.)]|[a-zđ]\)|[-+•])", line):
        out.append("sec:item")
    if re.match(r"[\s*_]*" + structure("basis"), line, re.IGNORECASE):
        out.append("sec:can_cu")
    if re.match(r"[\s*_#]*" + structure("article"), line):
        out.append("sec:article")
    return out


def _cues_in(text: str) -> list[str]:
    tab = relation_table()
    out = []
    for m in tab["verb"].finditer(text):
        out.extend(f"cue:{t}" for t, _ in cue_words(m.group("verbs")))
    if tab["passive_before"].search(text) or re.search(r"(?<![^\W\d_])(?:được|bị)\s", text):
        out.append("passive")
    return out


def _pos(text: str) -> list[str]:
    if not text.strip() or len(text) > 300:
        return []
    from underthesea import pos_tag

    tags = [tag for _, tag in pos_tag(text)]
    return [f"pos:{t}" for t in tags] + [f"pos2:{a}_{b}" for a, b in zip(tags, tags[1:], strict=False)]


def pair_features(doc: Document, src: Mention | str, tgt: Mention, *, directive: bool, body_start: int,
                  rules: dict[tuple[str, str], set[str]], src_id: str, pos_tags: bool = True) -> str:
    """The features of one candidate pair, as space-separated tokens."""
    feats = [f"kind:{'directive' if directive else 'report'}", f"ttype:{tgt.doc_type.replace(' ', '_')}"]
    feats += _section(doc, tgt.start, body_start)
    if isinstance(src, str):
        lo = doc.lines.start(tgt.start)
        between_lo, between_hi = lo, tgt.start
        feats += ["src:self", f"dist:{min(tgt.start // 500, 10)}"]
        left = []
    else:
        feats.append(f"stype:{src.doc_type.replace(' ', '_')}")
        if src.start < tgt.start:
            between_lo, between_hi = src.extent_end, tgt.start
            feats.append("dir:fwd")
        else:
            between_lo, between_hi = tgt.extent_end, src.start
            feats.append("dir:back")
        left = _words(doc, max(0, min(src.start, tgt.start) - 60), min(src.start, tgt.start))[-3:]
    between_text = doc.text[between_lo:between_hi] if between_hi > between_lo else ""
    between = _words(doc, between_lo, between_hi)
    feats.append(f"gap:{min(len(between), MAX_BETWEEN) // 4}")
    feats += [f"b:{w}" for w in (between[:12] + between[-12:] if len(between) > 24 else between)] or ["b:<none>"]
    feats += [f"last:{w}" for w in between[-2:]]
    feats += [f"l:{w}" for w in left]
    right = _words(doc, max(tgt.end, tgt.extent_end), max(tgt.end, tgt.extent_end) + 60)[:3]
    feats += [f"r:{w}" for w in right]
    feats += _cues_in(between_text)
    if ";" in between_text:
        feats.append("semicolon")
    if "\n" in between_text:
        feats.append("newline")
    for typ in sorted(rules.get((src_id, tgt.key or ""), ())):
        feats.append(f"rule:{typ}")
    if not rules.get((src_id, tgt.key or "")):
        feats.append("rule:none")
    if pos_tags:
        feats += _pos(" ".join(between_text.split()[:40]))
    return " ".join(feats)


def candidate_pairs(doc: Document, mentions: list[Mention], self_id: str | None) -> list[tuple[Mention | str, Mention]]:
    """(source, target) candidates: the text itself with each reference (in a directive), and references
    in one sentence or adjacent sentences, in both orders."""
    seg = doc.segmentation
    ms = sorted((m for m in mentions if m.key and not m.self), key=lambda m: m.start)
    out: list[tuple[Mention | str, Mention]] = []
    seen: set[tuple[str, str]] = set()
    if self_id:
        for m in ms:
            if (SELF, m.key) not in seen:
                seen.add((SELF, m.key))  # type: ignore[arg-type]
                out.append((SELF, m))
    sent_index = {id(m): _sentence_no(seg, m.start) for m in ms}
    for i, a in enumerate(ms):
        for b in ms[i + 1 :]:
            if sent_index[id(b)] - sent_index[id(a)] > 1:
                break
            if a.key == b.key:
                continue
            for s, t in ((a, b), (b, a)):
                k = (s.key, t.key)
                if k not in seen:
                    seen.add(k)  # type: ignore[arg-type]
                    out.append((s, t))
    return out


def _sentence_no(seg, pos: int) -> int:  # noqa: ANN001
    return bisect.bisect_right(seg.sentence_starts, pos)


@dataclass
class RelationModel:
    """TF-IDF (sublinear tf, l2 norm) + one logistic regression per relation type, as exported by ``pipeline.learn``."""

    vocabulary: dict[str, int]
    idf: list[float]
    models: dict[str, tuple[list[float], float]]  # type -> (coef, intercept)
    uses_model_for: list[str]
    threshold: float = 0.5

    @classmethod
    def from_json(cls, d: dict) -> RelationModel:
        return cls(d["vocabulary"], d["idf"], {t: (m["coef"], m["intercept"]) for t, m in d["models"].items()},
                   list(d.get("uses_model_for", [])), d.get("threshold", 0.5))

    def scores(self, features: str) -> dict[str, float]:
        counts: dict[int, int] = {}
        for tok in features.split():
            j = self.vocabulary.get(tok)
            if j is not None:
                counts[j] = counts.get(j, 0) + 1
        vec = {j: (1 + math.log(n)) * self.idf[j] for j, n in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        out = {}
        for typ, (coef, b) in self.models.items():
            z = b + sum(coef[j] * v / norm for j, v in vec.items())
            out[typ] = 1 / (1 + math.exp(-z))
        return out

    def apply(self, doc: Document, mentions: list[Mention], relations: list[Relation], self_id: str | None, directive: bool,
              body_start: int) -> list[Relation]:
        """The rules' relations, with the model deciding the types where it beats them."""
        types = [t for t in self.uses_model_for if t in self.models]
        if not types:
            return relations
        rules: dict[tuple[str, str], set[str]] = {}
        for r in relations:
            src = SELF if r.source == self_id else r.source
            rules.setdefault((src, r.target), set()).add(r.type)
        out = [r for r in relations if r.type not in types]
        for src, tgt in candidate_pairs(doc, mentions, self_id):
            src_id = src if isinstance(src, str) else (src.key or "")
            feats = pair_features(doc, src, tgt, directive=directive, body_start=body_start, rules=rules, src_id=src_id)
            for typ, p in self.scores(feats).items():
                if typ in types and p >= self.threshold:
                    source = self_id if src == SELF else src_id
                    start = tgt.start if isinstance(src, str) else min(src.start, tgt.start)
                    out.append(Relation(source, tgt.key, typ, start, max(tgt.end, start), round(p, 3), "model",  # type: ignore[arg-type]
                                        tgt.pinpoints))
        return out


def model_path() -> Path | None:
    """``$VNCITE_RELATION_MODEL`` if set, else the copy shipped in the package."""
    env = os.environ.get(MODEL_ENV)
    if env:
        return Path(env)
    ref = resources.files("pipeline.data").joinpath(MODEL_FILE)
    return Path(str(ref)) if ref.is_file() else None


#: what ``Findings.relation_model`` names for the model shipped with the package (or ``$VNCITE_RELATION_MODEL``)
SHIPPED = "shipped"


def classify_relations(doc: Document, found: Findings) -> Findings:
    """Finder 10: the rules' relations, with the model (``found.relation_model``) deciding the types
    where it beat the rules; unchanged when no model is given or it decides none."""
    model = load_model() if found.relation_model == SHIPPED else found.relation_model
    if not isinstance(model, RelationModel):
        return found
    relations = model.apply(doc, found.mentions, found.relations, found.self_id, found.document is not None, body_start(doc.text))
    return replace(found, relations=relations)


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
