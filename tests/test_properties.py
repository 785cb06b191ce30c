"""Property tests: arbitrary text never raises, and every span slices the normalised text to its surface."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import extract

PIECES = [
    "Kết luận số 120-KL/TW", " ngày 07/01/2016", " của Bộ Chính trị", "Một là, ", "Hai là, ", "Thứ hai là ", "Cuối cùng, ",
    "Nghị định 04/2015/NĐ-\nCP", " và 15/QĐ-TTg", "Số: 73/2024/NĐ-CP\n", "Căn cứ ", " về triển khai thực hiện ", "Luật Đất đai năm 2024",
    "\n", ". ", "; ", "(", ")", "“", "”", "10- CTr/TU", "Chỉ thị 06", " thay thế ", "Nghị quyết này", "_", "\u0301", "\r\n", "⁄",
]
texts = st.one_of(st.text(max_size=300), st.lists(st.sampled_from(PIECES) | st.text(max_size=8), max_size=40).map("".join))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_never_raises_and_spans_slice(text):
    ex = extract(text)
    t = ex.text
    for m in ex.references:
        assert t[m.start : m.end] == m.surface
        assert m.key
    for n in ex.named:
        assert t[n.start : n.end] == n.surface
    for tl in ex.task_lists:
        for it in tl.items:
            assert 0 <= it.start <= it.end <= len(t)
    for r in ex.relations:
        assert 0 <= r.start <= r.end <= len(t) and r.source != r.target
