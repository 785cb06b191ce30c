"""When two issuer names name one body: the issuer rule every resolution uses.

"BTV Tỉnh ủy", "Ban Thường vụ Tỉnh uỷ" and "Ban Thường vụ Tỉnh ủy" name one body. Names are
first rewritten with the abbreviation table (``data/issuers.json``) and folded (case,
diacritics, punctuation). Two names are the same body when one contains the other, or when most
of their words agree and they agree on every distinguishing word ("Tỉnh ủy" / "Thành ủy",
"Bộ Chính trị" / "Bộ Tài chính" stay apart). ``IssuerMatcher.fit`` on a corpus's names also
links spelling variants the table does not list: the folded names are embedded as character
n-gram TF-IDF vectors and joined to their nearest neighbours (scikit-learn). Unfitted, the
matcher applies the rule alone (what one document needs; no model is loaded).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import cache

from .keys import fold
from .tables import load

NEIGHBOURS = 5  # a name is joined to at most this many nearest names (itself included)
RARE = 8  # rarest character n-grams of a name that block its candidates
POSTING_CAP = 500  # a gram shared by more names than this says little (only a name's rarest one is followed that far)
CANDIDATES = 30  # names compared with each name, those sharing most of its rare grams
PAIRS_PER_STEP = 50_000

#: words that tell bodies apart even when the rest of the name is the same
DISTINGUISHING = {
    "tinh", "thanh", "huyen", "quan", "xa", "phuong", "thi", "trung", "uong", "chinh", "tri", "bi", "thu", "tai", "noi", "vu",
    "khoi", "doanh", "nghiep", "quoc", "hoi", "phu", "tuong", "nhan", "dan", "thuong", "chap", "hanh", "kiem", "tra", "to", "chuc",
    "tuyen", "giao", "van", "dang", "doan", "mat", "tran",
}


@cache
def _abbreviations() -> tuple[re.Pattern[str], dict[str, str]]:
    """One pass over all abbreviations, longest first; an abbreviation that its expansion starts with
    ("Thủ tướng" -> "Thủ tướng Chính phủ") is left alone where the rest already follows."""
    table = load("issuers")["abbreviations"]
    alts = []
    for k in sorted(table, key=len, reverse=True):
        full = table[k]
        rest = full[len(k):].strip() if full.startswith(k) else ""
        guard = r"(?!\s+" + r"\s+".join(map(re.escape, rest.split())) + r")" if rest else ""
        alts.append(re.escape(k) + guard)
    return re.compile(r"(?<![^\W\d_])(?:" + "|".join(alts) + r")(?![^\W\d_])"), table


@cache
def canonical_issuer(name: str | None) -> str:
    """'BTV Tỉnh ủy' -> 'ban thuong vu tinh uy' (abbreviations expanded, folded)."""
    if not name:
        return ""
    rx, table = _abbreviations()
    return fold(rx.sub(lambda m: table[m.group(0)], name))


def _distinguishing_agree(a: str, b: str) -> bool:
    return (set(a.split()) & DISTINGUISHING) == (set(b.split()) & DISTINGUISHING)


def same_body(a: str, b: str) -> bool:
    """The rule on two folded, expanded names (``canonical_issuer``)."""
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    sa, sb = set(a.split()), set(b.split())
    return len(sa & sb) / max(1, min(len(sa), len(sb))) >= 0.6 and _distinguishing_agree(a, b)


class IssuerMatcher:
    """``same(a, b)``: do two issuer names (either may be unknown) name one body?
    ``fit`` on a corpus's names; ``canonical(name)`` then gives one spelling per body."""

    def __init__(self, threshold: float = 0.2):
        self.threshold = threshold
        self._canon: dict[str, str] = {}
        self.counts: dict[str, int] = {}  # the names it was fitted on

    def fit(self, names: Iterable[str | None]) -> IssuerMatcher:
        return self.fit_counts(Counter(n.strip() for n in names if n and n.strip()))

    def fit_counts(self, counts: Mapping[str, int]) -> IssuerMatcher:
        """``fit`` on names already counted (a store's names with their numbers of mentions)."""
        self.counts = dict(counts)
        folded: dict[str, list[str]] = {}
        for name in counts:
            folded.setdefault(canonical_issuer(name), []).append(name)
        keys = sorted(folded)
        if not keys:
            return self
        parent = list(range(len(keys)))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        if len(keys) > 1:
            for i, j in self._neighbours(keys):
                if _distinguishing_agree(keys[i], keys[j]):
                    parent[find(i)] = find(j)
        groups: dict[int, list[int]] = {}
        for i in range(len(keys)):
            groups.setdefault(find(i), []).append(i)
        for members in groups.values():
            # the most frequent full spelling names the group (longer wins ties: "Ban Thường vụ" over "BTV")
            spellings = [n for i in members for n in folded[keys[i]]]
            best = max(spellings, key=lambda n: (counts[n], len(n)))
            for n in spellings:
                self._canon[n] = best
        return self

    def _neighbours(self, keys: list[str]) -> list[tuple[int, int]]:
        """Pairs of names whose character n-gram TF-IDF vectors lie within ``threshold`` cosine distance,
        each name with at most its ``NEIGHBOURS`` nearest. Candidates are blocked by an inverted index on
        each name's ``RARE`` rarest n-grams (two names that close share most n-grams, so they share one of
        those), so the work grows with the names and their few candidates, not with the square of them."""
        from sklearn.feature_extraction.text import TfidfVectorizer

        vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4))
        x = vec.fit_transform(keys).tocsr()
        df = (x > 0).sum(axis=0).A1
        postings: dict[int, list[int]] = {}
        rare: list[list[int]] = []
        for i in range(len(keys)):
            cols = x.indices[x.indptr[i] : x.indptr[i + 1]]
            chosen = sorted((c for c in cols if df[c] > 1), key=lambda c: (df[c], c))[:RARE]  # a gram no other name has finds no one
            rare.append(chosen)
            for c in cols:
                postings.setdefault(int(c), []).append(i)
        ii: list[int] = []
        jj: list[int] = []
        for i in range(len(keys)):
            shared: Counter[int] = Counter()
            for c in rare[i]:
                posting = postings.get(int(c), ())
                if len(posting) <= POSTING_CAP or c == rare[i][0]:
                    shared.update(posting[:POSTING_CAP])
            shared.pop(i, None)
            cands = sorted(j for j, _ in shared.most_common(CANDIDATES))
            ii.extend([i] * len(cands))
            jj.extend(cands)
        if not ii:
            return []
        import numpy as np

        by_name: dict[int, list[tuple[float, int]]] = {}
        for lo in range(0, len(ii), PAIRS_PER_STEP):  # bounded memory: a step's pairs at a time
            a, b = ii[lo : lo + PAIRS_PER_STEP], jj[lo : lo + PAIRS_PER_STEP]
            sims = np.asarray(x[a].multiply(x[b]).sum(axis=1)).ravel()  # cosine: the rows are l2-normalised
            for i, j, sim in zip(a, b, sims.tolist(), strict=True):
                if 1 - sim <= self.threshold + 1e-9:
                    by_name.setdefault(i, []).append((-sim, j))
        return [(i, j) for i, near in by_name.items() for _, j in sorted(near)[: NEIGHBOURS - 1]]

    def canonical(self, name: str | None) -> str | None:
        if not name:
            return None
        return self._canon.get(name.strip(), name.strip())

    def same(self, a: str | None, b: str | None) -> bool:
        """True when either is unknown, or both name one body."""
        if not a or not b:
            return True
        ca, cb = self.canonical(a), self.canonical(b)
        return ca == cb or same_body(canonical_issuer(ca), canonical_issuer(cb))


def issuers_compatible(a: str | None, b: str | None) -> bool:
    """The rule without a corpus: ``IssuerMatcher().same(a, b)``."""
    return _UNFITTED.same(a, b)


_UNFITTED = IssuerMatcher()
