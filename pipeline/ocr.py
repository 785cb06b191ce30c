"""OCR of scanned pages with Tesseract and its Vietnamese model.

Pages are deskewed (projection-profile search) and binarised (Otsu) before recognition;
``tesseract`` runs with ``OMP_THREAD_LIMIT=1`` (without it a page took 25-30 s here, with it
3-5 s: parallelise across files instead). Each page keeps its mean word confidence.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache
from typing import Any

MISSING = "OCR needs Tesseract with its Vietnamese model: install the Debian packages tesseract-ocr and tesseract-ocr-vie"
DPI = 300


class OcrUnavailable(RuntimeError):
    pass


@dataclass
class OcrPage:
    text: str
    confidence: float  # mean word confidence, 0..100
    skew: float  # degrees corrected


@cache
def tesseract_lang() -> str:
    exe = shutil.which("tesseract")
    if exe is None:
        raise OcrUnavailable(MISSING)
    out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30)
    langs = set(out.stdout.split())
    if "vie" in langs:
        return "vie"
    if "Vietnamese" in langs:
        return "Vietnamese"
    raise OcrUnavailable(MISSING)


def _otsu(img: Any) -> int:
    """Otsu's threshold of a grayscale PIL image (from its histogram, computed in C)."""
    hist = img.histogram()[:256]
    total = sum(hist)
    sum_all = sum(i * h for i, h in enumerate(hist))
    w_b = sum_b = 0.0
    best, threshold = -1.0, 128
    for t in range(256):
        w_b += hist[t]
        if w_b == 0 or w_b == total:
            continue
        sum_b += t * hist[t]
        m_b, m_f = sum_b / w_b, (sum_all - sum_b) / (total - w_b)
        between = w_b * (total - w_b) * (m_b - m_f) ** 2
        if between > best:
            best, threshold = between, t
    return threshold


def _binary(img: Any, threshold: int) -> Any:
    """Black text on white by a lookup table (PIL's point runs in C)."""
    return img.point([0 if v < threshold else 255 for v in range(256)])


def estimate_skew(img: Any, limit: float = 5.0, step: float = 0.25) -> float:
    """The rotation (degrees) that makes text lines horizontal: maximises the variance of row sums,
    searched coarsely (1 degree) and then finely (``step``) around the best coarse angle."""
    import numpy as np

    small = img.convert("L")
    scale = 400 / max(small.size)
    if scale < 1:
        small = small.resize((int(small.width * scale), int(small.height * scale)))
    from PIL import ImageOps

    base = ImageOps.invert(_binary(small, _otsu(small)))  # ink white on black: rotation fills with black

    def score(angle: float) -> float:
        return float(np.var(np.asarray(base.rotate(angle, expand=False, fillcolor=0)).sum(axis=1, dtype=np.float64)))

    coarse = max((float(a) for a in range(-int(limit), int(limit) + 1)), key=score)
    fine = [coarse + k * step for k in range(-int(1 / step), int(1 / step) + 1) if abs(coarse + k * step) <= limit]
    return max(fine, key=score)


def preprocess(img: Any, binarise: bool = True) -> tuple[Any, float]:
    """Grayscale, deskew (at 3 degrees of skew the character error rate reached ~10 %) and binarise
    (Otsu, by a lookup table) to a 1-bit image. Rotation is bilinear on the same canvas: nearest-neighbour was 0.17 s
    faster a page but lost a reference and task markers on specked scans; scans keep wide margins."""
    from PIL import Image

    gray = img.convert("L")
    angle = estimate_skew(gray)
    if abs(angle) >= 0.5:
        gray = gray.rotate(angle, expand=False, fillcolor=255, resample=Image.BILINEAR)
    if not binarise:
        return gray, angle
    return _binary(gray, _otsu(gray)).convert("1"), angle


def ocr_image(img: Any, lang: str | None = None) -> OcrPage:
    lang = lang or tesseract_lang()
    clean, angle = preprocess(img)
    buf = io.BytesIO()
    # uncompressed BMP: encoding a PNG costs a tenth of the recognition time, and Tesseract (leptonica)
    # reads PNM ~15 % slower than BMP (measured: 2.62 vs 3.11 CPU s per page). One bit per pixel: given
    # an 8-bit page Tesseract thresholds it again and recognises lines from the grey copy, 0.4-0.6 CPU s
    # a page more for the same text (identical output on the 24 scanned gold pages).
    clean.save(buf, format="BMP")
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    out = subprocess.run(["tesseract", "stdin", "stdout", "-l", lang, "tsv"], input=buf.getvalue(),
                         capture_output=True, env=env, timeout=600)
    if out.returncode != 0:
        raise RuntimeError("tesseract failed: " + out.stderr.decode("utf-8", "replace").strip().splitlines()[-1:][0]
                           if out.stderr else "tesseract failed")
    return _from_tsv(out.stdout.decode("utf-8", "replace"), angle)


def _from_tsv(tsv: str, angle: float) -> OcrPage:
    lines: dict[tuple[int, int, int], list[str]] = {}
    confs: list[float] = []
    para_of: dict[tuple[int, int, int], tuple[int, int]] = {}
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        if row.get("level") != "5" or not (row.get("text") or "").strip():
            continue
        key = (int(row["block_num"]), int(row["par_num"]), int(row["line_num"]))
        lines.setdefault(key, []).append(row["text"])
        para_of[key] = key[:2]
        try:
            conf = float(row["conf"])
            if conf >= 0:
                confs.append(conf)
        except (TypeError, ValueError):
            pass
    out, last_para = [], None
    for key in sorted(lines):
        if last_para is not None and para_of[key] != last_para:
            out.append("")
        out.append(" ".join(lines[key]))
        last_para = para_of[key]
    conf = sum(confs) / len(confs) if confs else 0.0
    return OcrPage(text="\n".join(out), confidence=round(conf, 1), skew=angle)


def pdf_pages_as_images(data: bytes, dpi: int = DPI) -> list[Any]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        return [pdf[i].render(scale=dpi / 72).to_pil() for i in range(len(pdf))]
    finally:
        pdf.close()


def ocr_pages(images: list[Any]) -> list[OcrPage]:
    lang = tesseract_lang()
    return [ocr_image(img, lang) for img in images]
