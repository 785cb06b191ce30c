"""Issuer canonicalisation at scale: ``IssuerMatcher.fit_counts`` on N distinct generated issuer names (bodies of
districts and communes of the provinces, with abbreviations, ``uỷ``/``ủy`` and case variants), its time and peak
memory; ``cmp`` also compares the pairs it joins with brute-force nearest neighbours.

    .venv/bin/python benchmarks/issuers.py 10000
    .venv/bin/python benchmarks/issuers.py 2500 cmp

Goal (the store's ``build``): 10,000 names within 10 s and 400 MB; 100,000 within 2 minutes.
"""
import random
import resource
import sys
import time
from collections import Counter

from pipeline.issuers import IssuerMatcher

rnd=random.Random(1)
prov=["Hà Nam","Nghệ An","Hà Tĩnh","Quảng Bình","Đồng Tháp","Cần Thơ","Lào Cai","Bắc Ninh","An Giang","Cà Mau","Thái Bình","Nam Định","Hải Dương","Hưng Yên","Phú Thọ","Yên Bái","Sơn La","Điện Biên","Lai Châu","Hòa Bình","Thanh Hóa","Quảng Trị","Huế","Quảng Nam","Quảng Ngãi","Bình Định","Phú Yên","Khánh Hòa","Ninh Thuận","Bình Thuận","Kon Tum","Gia Lai","Đắk Lắk","Đắk Nông","Lâm Đồng","Bình Phước","Tây Ninh","Bình Dương","Đồng Nai","Long An","Tiền Giang","Bến Tre","Trà Vinh","Vĩnh Long","Hậu Giang","Sóc Trăng","Bạc Liêu","Kiên Giang","Tuyên Quang","Hà Giang","Cao Bằng","Bắc Kạn","Lạng Sơn","Thái Nguyên","Bắc Giang","Quảng Ninh","Vĩnh Phúc","Ninh Bình"]
syl=["An","Bình","Phú","Thạnh","Hòa","Tân","Long","Mỹ","Đức","Phước","Thuận","Lộc","Xuân","Hưng","Vĩnh","Thành","Sơn","Hải","Quang","Minh","Trung","Đông","Tây","Nam","Bắc","Cẩm","Kim","Ngọc","Hồng","Lam"]
bodies=["Ủy ban nhân dân {u} {p}","Hội đồng nhân dân {u} {p}","Ban Thường vụ {h} ủy {p}","Phòng Tài chính - Kế hoạch {u} {p}","Phòng Nội vụ {u} {p}","Ban Chấp hành Đảng bộ {u} {p}","Đảng ủy {u} {p}","Phòng Giáo dục và Đào tạo {u} {p}","Chi cục Thuế {u} {p}","Công an {u} {p}"]
def name():
    d=" ".join(rnd.sample(syl,2)); kind=rnd.choice(["huyện","xã","phường","thị xã"])
    b=rnd.choice(bodies).format(u=f"{kind} {d}", p=f"tỉnh {rnd.choice(prov)}", h=rnd.choice(["Huyện","Thị"]))
    r=rnd.random()
    if r<0.05: b=b.replace("Ủy ban nhân dân","UBND")
    elif r<0.1: b=b.replace("ủy","uỷ")
    elif r<0.13: b=b.lower()
    return b
n=int(sys.argv[1]); names=set()
while len(names)<n: names.add(name())
c=Counter({x: rnd.randint(1,5) for x in names})
t=time.perf_counter(); m=IssuerMatcher().fit_counts(c)
print(n, 'fit', round(time.perf_counter()-t,2), 's maxrss', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss//1024, 'MB groups', len(set(m._canon.values())))
if len(sys.argv) > 2:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.neighbors import NearestNeighbors

    from pipeline.issuers import canonical_issuer
    keys = sorted({canonical_issuer(x) for x in c})
    vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4)).fit(keys); X = vec.transform(keys)
    nn = NearestNeighbors(n_neighbors=min(5, len(keys)), metric="cosine").fit(X)
    dist, idx = nn.kneighbors(X)
    brute = {(i, int(j)) for i in range(len(keys)) for d, j in zip(dist[i], idx[i]) if j != i and d <= 0.2}
    blocked = set(m._neighbours(keys))
    print('brute pairs', len(brute), 'blocked', len(blocked), 'recall of brute', round(len(brute & blocked) / max(1, len(brute)), 3))
