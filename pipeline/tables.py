"""Loads the domain tables in ``pipeline/data`` (document types, symbol codes, issuers,
ordinals, relation cues, lexicon, legacy encodings). Loaded once per process."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


def load(name: str) -> dict[str, Any]:
    return _load(name)


@cache
def _load(name: str) -> dict[str, Any]:
    with resources.files("pipeline.data").joinpath(f"{name}.json").open(encoding="utf-8") as fh:
        return json.load(fh)


@dataclass(frozen=True)
class DocType:
    name: str
    words: tuple[str, ...]
    abbreviations: tuple[str, ...]
    party_codes: tuple[str, ...]
    state_codes: tuple[str, ...]
    examples: tuple[str, ...]
    word_decides: tuple[str, ...] = ()  # codes that do not override this type's word


@cache
def doc_types() -> tuple[DocType, ...]:
    out = []
    for t in load("doc_types")["types"]:
        codes = t.get("codes", {})
        out.append(
            DocType(
                name=t["name"],
                words=tuple(t["words"]),
                abbreviations=tuple(t.get("abbreviations", [])),
                party_codes=tuple(codes.get("party", [])),
                state_codes=tuple(codes.get("state", [])),
                examples=tuple(t.get("examples", [])),
                word_decides=tuple(t.get("word_decides", [])),
            )
        )
    return tuple(out)


@cache
def type_by_word() -> dict[str, str]:
    """lower-cased type word -> canonical type name."""
    return {w.casefold(): t.name for t in doc_types() for w in t.words}


@cache
def type_by_abbreviation() -> dict[str, str]:
    return {a: t.name for t in doc_types() for a in t.abbreviations}


@cache
def type_by_code(system: str) -> dict[str, str]:
    """type code -> canonical type name, for 'party' or 'state' symbols (first listed type wins)."""
    out: dict[str, str] = {}
    for t in doc_types():
        for c in t.party_codes if system == "party" else t.state_codes:
            out.setdefault(c, t.name)
    return out


@cache
def types_for_code(code: str) -> frozenset[str]:
    return frozenset(t.name for t in doc_types() if code in t.party_codes or code in t.state_codes)


@cache
def all_type_codes() -> frozenset[str]:
    return frozenset(type_by_code("party")) | frozenset(type_by_code("state"))


@cache
def type_family(name: str) -> str:
    """Types that share a symbol code are one family for resolution: Party 'QĐ' serves Quyết định
    and Quy định, 'TT' Thông tư and Thông tri. Returns the family's first type name (table order)."""
    for t in doc_types():
        codes = set(t.party_codes) | set(t.state_codes)
        if t.name == name or any(name in types_for_code(c) for c in codes):
            return t.name
    return name


@cache
def word_decides(name: str, code: str) -> bool:
    """Beside this type's word, the symbol's ``code`` does not override it."""
    return any(t.name == name and code in t.word_decides for t in doc_types())


@cache
def relation_labels() -> dict[str, dict[str, str]]:
    """How each relation type is shown: ``outgoing`` / ``incoming`` words, ``standing`` (for the types
    that change a document's standing), ``colour`` (``data/relations.json``, 'labels')."""
    return load("relations")["labels"]
