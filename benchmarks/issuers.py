"""Issuer canonicalisation at scale: ``IssuerMatcher.fit_counts`` on N distinct generated issuer names (bodies of
districts and communes of the provinces, with abbreviations, "uỷ"/"ủy" and case variants), its time and peak
memory; ``--typos`` also measures how many one-letter typos it joins to their name and how many distinct bodies it
merges, beside brute-force nearest neighbours.

    .venv/bin/python benchmarks/issuers.py 10000
    .venv/bin/python benchmarks/issuers.py 3000 --typos 500

Goal (the store's ``build``): 10,000 names within 10 s and 400 MB; 100,000 within 2 minutes.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import time
from collections import Counter

PROVINCES = ["Hà Nam", "Nghệ An", "Hà Tĩnh", "Quảng Bình", "Đồng Tháp", "Cần Thơ", "Lào Cai", "Bắc Ninh", "An Giang", "Cà Mau",
             "Thái Bình", "Nam Định", "Hải Dương", "Hưng Yên", "Phú Thọ", "Yên Bái", "Sơn La", "Điện Biên", "Lai Châu", "Hòa Bình",
             "Thanh Hóa", "Quảng Trị", "Huế", "Quảng Nam", "Quảng Ngãi", "Bình Định", "Phú Yên", "Khánh Hòa", "Ninh Thuận",
             "Bình Thuận", "Kon Tum", "Gia Lai", "Đắk Lắk", "Đắk Nông", "Lâm Đồng", "Bình Phước", "Tây Ninh", "Bình Dương",
             "Đồng Nai", "Long An", "Tiền Giang", "Bến Tre", "Trà Vinh", "Vĩnh Long", "Hậu Giang", "Sóc Trăng", "Bạc Liêu",
             "Kiên Giang", "Tuyên Quang", "Hà Giang", "Cao Bằng", "Bắc Kạn", "Lạng Sơn", "Thái Nguyên", "Bắc Giang", "Quảng Ninh",
             "Vĩnh Phúc", "Ninh Bình"]
SYLLABLES = ["An", "Bình", "Phú", "Thạnh", "Hòa", "Tân", "Long", "Mỹ", "Đức", "Phước", "Thuận", "Lộc", "Xuân", "Hưng", "Vĩnh",
             "Thành", "Sơn", "Hải", "Quang", "Minh", "Trung", "Đông", "Tây", "Nam", "Bắc", "Cẩm", "Kim", "Ngọc", "Hồng", "Lam"]
BODIES = ["Ủy ban nhân dân {u} {p}", "Hội đồng nhân dân {u} {p}", "Ban Thường vụ {h} ủy {p}", "Phòng Tài chính - Kế hoạch {u} {p}",
          "Phòng Nội vụ {u} {p}", "Ban Chấp hành Đảng bộ {u} {p}", "Đảng ủy {u} {p}", "Phòng Giáo dục và Đào tạo {u} {p}",
          "Chi cục Thuế {u} {p}", "Công an {u} {p}"]


def issuer(rnd: random.Random) -> str:
    unit = f"{rnd.choice(['huyện', 'xã', 'phường', 'thị xã'])} {' '.join(rnd.sample(SYLLABLES, 2))}"
    name = rnd.choice(BODIES).format(u=unit, p=f"tỉnh {rnd.choice(PROVINCES)}", h=rnd.choice(["Huyện", "Thị"]))
    r = rnd.random()
    if r < 0.05:
        return name.replace("Ủy ban nhân dân", "UBND")
    if r < 0.10:
        return name.replace("ủy", "uỷ")
    return name.lower() if r < 0.13 else name


def names(n: int, rnd: random.Random) -> list[str]:
    out: set[str] = set()
    while len(out) < n:
        out.add(issuer(rnd))
    return sorted(out)


def fit(counts: Counter[str]):  # noqa: ANN201
    from pipeline.issuers import IssuerMatcher

    return IssuerMatcher().fit_counts(counts)


def typos(n: int, k: int, rnd: random.Random) -> dict:
    """``k`` of ``n`` names with one letter dropped (as OCR does): joined to their name, and distinct names merged."""
    from pipeline import issuers

    base = names(n, rnd)
    variants = {}
    for b in rnd.sample(base, k):
        i = rnd.randrange(len(b))
        variants[b[:i] + b[i + 1 :]] = b
    counts = Counter(dict.fromkeys(base, 5))
    counts.update(dict.fromkeys(variants, 1))
    out = {}
    blocked = issuers.IssuerMatcher._neighbours

    def brute(self, keys):  # noqa: ANN001, ANN202
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.neighbors import NearestNeighbors

        x = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4)).fit_transform(keys)
        dist, idx = NearestNeighbors(n_neighbors=min(5, len(keys)), metric="cosine").fit(x).kneighbors(x)
        return [(i, int(j)) for i in range(len(keys)) for d, j in zip(dist[i], idx[i], strict=True) if j != i and d <= self.threshold]

    for label, method in (("blocked", blocked), ("brute force", brute)):
        issuers.IssuerMatcher._neighbours = method  # type: ignore[method-assign]
        m = fit(counts)
        groups: dict[str, int] = Counter(m.canonical(b) for b in base)
        out[label] = {"typos_joined": sum(m.canonical(v) == m.canonical(b) for v, b in variants.items()),
                      "distinct_names_merged": sum(c - 1 for c in groups.values())}
    issuers.IssuerMatcher._neighbours = blocked  # type: ignore[method-assign]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int)
    ap.add_argument("--typos", type=int, default=0)
    args = ap.parse_args()
    rnd = random.Random(1)
    if args.typos:
        print(json.dumps(typos(args.n, args.typos, rnd), indent=1))
        return
    counts = Counter({x: rnd.randint(1, 5) for x in names(args.n, rnd)})
    t0 = time.perf_counter()
    m = fit(counts)
    print(json.dumps({"names": args.n, "seconds": round(time.perf_counter() - t0, 2),
                      "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
                      "groups": len({m.canonical(x) for x in counts})}, indent=1))


if __name__ == "__main__":
    main()
