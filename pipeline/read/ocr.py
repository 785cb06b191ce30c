"""OCR of scanned pages with Tesseract and its Vietnamese model.

Pages are deskewed (projection-profile search) and binarised (Otsu) with OpenCV before
recognition, and sent to Tesseract a few pages per run as 1-bit TIFF;
``tesseract`` runs with ``OMP_THREAD_LIMIT=1`` (without it a page took 25-30 s here, with it
3-5 s: parallelise across files instead). Each page keeps its mean word confidence.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

from ..records import OcrPage

MISSING = "OCR needs Tesseract with its Vietnamese model: install the Debian packages tesseract-ocr and tesseract-ocr-vie"
DPI = 300
CHUNK = 8  # pages per Tesseract run


class OcrUnavailable(RuntimeError):
    pass




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


@cache
def _cv() -> Any:
    import cv2

    cv2.setNumThreads(1)  # batch workers parallelise across files: threads here would oversubscribe
    return cv2


def _rotate(gray: Any, angle: float, fill: int) -> Any:
    """Rotate by ``angle`` degrees counter-clockwise about the centre, same canvas, bilinear."""
    cv2 = _cv()

    h, w = gray.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(gray, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=fill)


def estimate_skew(gray: Any, limit: float = 5.0, step: float = 0.25) -> float:
    """The rotation (degrees) that makes the text lines of a grey page (numpy array) horizontal:
    maximises the variance of row sums of the page shrunk to 400 px, searched coarsely (1 degree)
    and then finely (``step``) around the best coarse angle."""
    cv2 = _cv()
    import numpy as np

    scale = min(1.0, 400 / max(gray.shape))
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else gray
    _, ink = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)  # ink white: rotation fills black

    def score(angle: float) -> float:
        return float(np.var(_rotate(ink, angle, 0).sum(axis=1, dtype=np.float64)))

    coarse = max((float(a) for a in range(-int(limit), int(limit) + 1)), key=score)
    fine = [coarse + k * step for k in range(-int(1 / step), int(1 / step) + 1) if abs(coarse + k * step) <= limit]
    return max(fine, key=score)


def preprocess(img: Any) -> tuple[Any, float]:
    """Grayscale, deskew (at 3 degrees of skew the character error rate reached ~10 %) and binarise
    (Otsu) to a 1-bit PIL image. OpenCV does the pixel work: its bilinear rotation of a 300 dpi
    page takes 0.03 s where PIL's took 0.13-0.18 s. Rotation is bilinear on the same canvas:
    nearest-neighbour lost a reference and task markers on specked scans; scans keep wide margins."""
    cv2 = _cv()
    import numpy as np
    from PIL import Image

    gray = np.asarray(img.convert("L"))
    angle = estimate_skew(gray)
    if abs(angle) >= 0.5:
        gray = _rotate(gray, angle, 255)
    _, bw = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    h, w = bw.shape
    # mode "1" stores 1 bit per pixel, rows padded to whole bytes, 1 = white: what packbits makes
    return Image.frombytes("1", (w, h), np.packbits(bw > 127, axis=1).tobytes()), angle


def ocr_pages(images: Iterable[Any], lang: str | None = None) -> list[OcrPage]:
    """OCR of a document's pages, in order. Pages are preprocessed one at a time (a lazy iterable
    keeps memory flat on long scans) and recognised ``CHUNK`` at a time by one Tesseract run:
    starting Tesseract and its first recognition cost ~0.4 CPU s, a sixth of a page. No resolution
    is declared: Tesseract estimates it from the text height, and declaring the 300 dpi of a
    rendered PDF page made recognition ~10 % slower for the same references."""
    lang = lang or tesseract_lang()
    out: list[OcrPage] = []
    chunk: list[tuple[Any, float]] = []
    for img in images:
        chunk.append(preprocess(img))
        if len(chunk) == CHUNK:
            out += _recognise(chunk, lang)
            chunk = []
    if chunk:
        out += _recognise(chunk, lang)
    return out


def _recognise(pages: list[tuple[Any, float]], lang: str) -> list[OcrPage]:
    buf = io.BytesIO()
    first, *rest = [img for img, _ in pages]
    # uncompressed TIFF, one bit per pixel, all pages in one file: encoding a PNG costs a tenth of
    # the recognition time and Tesseract reads PNM ~15 % slower; given an 8-bit page it thresholds
    # again and recognises from the grey copy (0.4-0.6 CPU s a page more for the same text)
    first.save(buf, format="TIFF", save_all=True, append_images=rest, compression="raw")
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    # tessedit_do_invert=0: Tesseract 5 re-reads every low-confidence word as white on black; the
    # page is binarised black on white here, so that costs ~10 % of the run for nothing (2 of 2327
    # words changed on the scanned seeds, no reference)
    out = subprocess.run(["tesseract", "stdin", "stdout", "-l", lang, "-c", "tessedit_do_invert=0", "tsv"], input=buf.getvalue(),
                         capture_output=True, env=env, timeout=300 + 120 * len(pages))
    if out.returncode != 0:
        last = out.stderr.decode("utf-8", "replace").strip().splitlines()[-1:]
        raise RuntimeError("tesseract failed" + (": " + last[0] if last else ""))
    return _from_tsv(out.stdout.decode("utf-8", "replace"), [angle for _, angle in pages])


def _from_tsv(tsv: str, angles: list[float]) -> list[OcrPage]:
    """Tesseract's TSV (one row per page, block, paragraph, line and word) as one OcrPage per
    input page: lines joined by spaces, a blank line between paragraphs, mean word confidence."""
    words: dict[int, dict[tuple[int, int, int], list[str]]] = {i + 1: {} for i in range(len(angles))}
    confs: dict[int, list[float]] = {i + 1: [] for i in range(len(angles))}
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        if row.get("level") != "5" or not (row.get("text") or "").strip():
            continue
        page = int(row["page_num"])
        if page not in words:
            continue
        key = (int(row["block_num"]), int(row["par_num"]), int(row["line_num"]))
        words[page].setdefault(key, []).append(row["text"])
        try:
            conf = float(row["conf"])
            if conf >= 0:
                confs[page].append(conf)
        except (TypeError, ValueError):
            pass
    result = []
    for page, angle in enumerate(angles, start=1):
        out, last_para = [], None
        for key in sorted(words[page]):
            if last_para is not None and key[:2] != last_para:
                out.append("")
            out.append(" ".join(words[page][key]))
            last_para = key[:2]
        c = confs[page]
        result.append(OcrPage(text="\n".join(out), confidence=round(sum(c) / len(c), 1) if c else 0.0, skew=angle))
    return result


def pdf_pages_as_images(data: bytes, dpi: int = DPI) -> Iterator[Any]:
    """The pages of a PDF rendered one at a time (a 300 dpi page is 8.7 MB in grey)."""
    import pypdfium2 as pdfium

    from .. import settings

    pdf = pdfium.PdfDocument(data)
    try:
        if len(pdf) > settings.MAX_PAGES:
            raise ValueError(settings.over("VNCITE_MAX_PAGES", len(pdf), settings.MAX_PAGES, "pages"))
        for i in range(len(pdf)):
            page = pdf[i]
            w, h = page.get_size()  # points
            scale = dpi / 72
            if (w * scale) * (h * scale) > settings.MAX_PAGE_PIXELS:  # a huge page is rendered at the resolution that fits
                scale = (settings.MAX_PAGE_PIXELS / max(1.0, w * h)) ** 0.5
            yield page.render(scale=scale, grayscale=True).to_pil()
            page.close()
    finally:
        pdf.close()
