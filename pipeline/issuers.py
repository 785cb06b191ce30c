"""Issuer names canonicalised across a corpus.

"BTV Tỉnh ủy", "Ban Thường vụ Tỉnh uỷ" and "Ban Thường vụ Tỉnh ủy" name one body. Names are
first rewritten with the abbreviation table (``data/issuers.json``) and folded (case,
diacritics, punctuation); the folded names are then embedded as character n-gram TF-IDF
vectors and linked to their nearest neighbours (scikit-learn), so spelling variants the
table does not list still meet. Bodies that differ in one distinguishing word ("Tỉnh ủy" /
"Thành ủy", "Bộ Chính trị" / "Bộ Tài chính") stay apart: neighbours must agree on those words.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from .resolve import canonical_issuer

#: words that tell bodies apart even when the rest of the name is the same
DISTINGUISHING = {
    "tinh", "thanh", "huyen", "quan", "xa", "phuong", "thi", "trung", "uong", "chinh", "tri", "bi", "thu", "tai", "noi", "vu",
    "khoi", "doanh", "nghiep", "quoc", "hoi", "phu", "tuong", "nhan", "dan", "thuong", "chap", "hanh", "kiem", "tra", "to", "chuc",
    "tuyen", "giao", "van", "dang", "doan", "mat", "tran",
}


class IssuerMatcher:
    """Fit on the issuer names of a corpus; ``canonical(name)`` gives one name per body."""

    def __init__(self, threshold: float = 0.2):
        self.threshold = threshold
        self._canon: dict[str, str] = {}

    def fit(self, names: Iterable[str | None]) -> IssuerMatcher:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.neighbors import NearestNeighbors

        counts = Counter(n.strip() for n in names if n and n.strip())
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
            vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4)).fit(keys)
            x = vec.transform(keys)
            nn = NearestNeighbors(n_neighbors=min(5, len(keys)), metric="cosine").fit(x)
            dist, idx = nn.kneighbors(x)
            for i in range(len(keys)):
                for d, j in zip(dist[i], idx[i], strict=True):
                    if j != i and d <= self.threshold and self._compatible(keys[i], keys[int(j)]):
                        parent[find(i)] = find(int(j))
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

    @staticmethod
    def _compatible(a: str, b: str) -> bool:
        return (set(a.split()) & DISTINGUISHING) == (set(b.split()) & DISTINGUISHING)

    def canonical(self, name: str | None) -> str | None:
        if not name:
            return None
        return self._canon.get(name.strip(), name.strip())

    def same(self, a: str | None, b: str | None) -> bool:
        """True when either is unknown, or both name one body."""
        if not a or not b:
            return True
        ca, cb = self.canonical(a), self.canonical(b)
        if ca == cb:
            return True
        fa, fb = canonical_issuer(ca), canonical_issuer(cb)
        return fa in fb or fb in fa
