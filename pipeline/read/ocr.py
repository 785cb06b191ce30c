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
from dataclasses import dataclass, replace
from functools import cache
from itertools import pairwise
from typing import Any

import numpy as np

from .. import settings
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
    ink = _small_ink(gray)

    def score(angle: float) -> float:
        return float(np.var(_rotate(ink, angle, 0).sum(axis=1, dtype=np.float64)))

    coarse = max((float(a) for a in range(-int(limit), int(limit) + 1)), key=score)
    fine = [coarse + k * step for k in range(-int(1 / step), int(1 / step) + 1) if abs(coarse + k * step) <= limit]
    return max(fine, key=score)


def _small_ink(gray: Any, size: int = 400) -> Any:
    """The page shrunk to ``size`` px on its long side, ink white on black (rotation fills black)."""
    cv2 = _cv()
    scale = min(1.0, size / max(gray.shape))
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else gray
    return cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)[1]


def _line_sharpness(ink: Any, limit: int = 5) -> float:
    """How sharply the row profile alternates between lines and gaps (coefficient of variation of the
    row sums) at the best whole-degree rotation within ``limit``: skewed lines smear the profile."""
    def cv(angle: float) -> float:
        rows = _rotate(ink, angle, 0).sum(axis=1, dtype=np.float64)
        return float(rows.std() / (rows.mean() or 1))

    return max(cv(a) for a in range(-limit, limit + 1))


def quarter_turned(gray: Any) -> bool:
    """Whether a grey page lies on its side: its text lines run down the page, so its column profile
    (each at its best small rotation) alternates more sharply than its row profile. On the corpus
    scans in two typefaces, rows over columns measured 1.16 and more upright, 0.86 and less on the
    side; without searching the rotation, a 2-degree skew blurred the two together. Which of the two
    sides is up is left to the next steps."""
    ink = _small_ink(gray)
    return _line_sharpness(ink) < _line_sharpness(np.ascontiguousarray(ink.T))


def _turn(gray: Any, degrees: int) -> Any:
    cv2 = _cv()
    codes = {90: cv2.ROTATE_90_COUNTERCLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_CLOCKWISE}
    return cv2.rotate(gray, codes[degrees]) if degrees in codes else gray


@dataclass(frozen=True)
class Prepared:
    """A page ready for Tesseract: 1-bit image, skew corrected (degrees), quarter turns applied
    (degrees counter-clockwise) and whether its ink shows it upright."""

    image: Any
    skew: float
    turn: int
    upright: bool


#: ink above the lines' cores over ink below it, at and over which a page is taken as upright. Upright
#: corpus scans in four typefaces measured 1.2-4.4 (all but two pages over 1.8), the same pages upside
#: down 0.23-0.84: pages under the mark get Tesseract's orientation detection
UPRIGHT_MARK = 1.5
#: ...and at most this: a page whose ratio is extreme is not lines of text lying across it
UPRIGHT_MAX = 20.0


def upright_evidence(bw: Any) -> float:
    """Ink above each text line's core band against ink below it, on a deskewed black-on-white page.
    Vietnamese writes its tone marks, hats, breves and horns above the letters, and ascenders (h, t,
    đ, l, b, k) outnumber descenders (g, p, y, q): upright text has far more ink above its lines'
    cores than below, upside-down text far less. 0.04 s a page."""
    rows = (bw < 128).sum(axis=1, dtype=np.float64)
    on = (rows > 0.03 * (rows.max() or 1)).astype(np.int8)
    edges = np.flatnonzero(np.diff(np.concatenate(([0], on, [0]))))
    runs = [[int(a), int(b)] for a, b in zip(edges[::2], edges[1::2], strict=True)]
    if not runs:
        return 1.0
    height = float(np.median([b - a for a, b in runs]))
    merged = [runs[0]]
    for a, b in runs[1:]:  # a row of marks split from its line by a thin gap belongs to it
        if a - merged[-1][1] <= max(1.0, 0.35 * height):
            merged[-1][1] = b
        else:
            merged.append([a, b])
    above = below = 0.0
    for a, b in merged:
        if b - a < 4:
            continue
        line = rows[a:b]
        core = np.flatnonzero(line >= 0.5 * line.max())
        above += line[: core[0]].sum()
        below += line[core[-1] + 1 :].sum()
    return float((above + 1) / (below + 1))


def remove_rulings(bw: Any) -> Any:
    """A black-on-white page without the ruled lines of its tables and forms: straight runs of ink far
    longer than any letter (a twenty-fifth of the page's width or height: 100-140 px at 300 dpi, where
    a letter is under 60) found by morphological opening, grown by a pixel, and whitened. With the
    rulings, Tesseract read a ruled table of document numbers as "mm le mm — Em====" (confidence 17);
    without them, as the text it is."""
    cv2 = _cv()
    h, w = bw.shape
    ink = cv2.bitwise_not(bw)
    rulings = None
    for size in ((max(40, w // 25), 1), (1, max(40, h // 25))):
        kernel = cv2.getStructuringElement(cv2.MORPH_RECT, size)
        cores = cv2.erode(ink, kernel)  # an opening, its second half only where a run survived (most pages: none)
        if cv2.countNonZero(cores):
            found = cv2.dilate(cores, kernel)
            rulings = found if rulings is None else cv2.bitwise_or(rulings, found)
    if rulings is None:
        return bw
    rulings = cv2.dilate(rulings, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)))
    return cv2.bitwise_or(bw, rulings)


def preprocess(gray: Any) -> Prepared:
    """Stand a page lying on its side up (a quarter turn: deskewing looks for horizontal lines),
    deskew (at 3 degrees of skew the character error rate reached ~10 %) and binarise (Otsu) a grey
    page (numpy array) to a 1-bit PIL image, and weigh whether it is upright. OpenCV does the pixel
    work: its bilinear rotation of a 300 dpi page takes 0.03 s where PIL's took 0.13-0.18 s.
    Rotation is bilinear on the same canvas: nearest-neighbour lost a reference and task markers on
    specked scans; scans keep wide margins."""
    cv2 = _cv()
    from PIL import Image

    turn = 90 if quarter_turned(gray) else 0
    gray = _turn(gray, turn)
    angle = estimate_skew(gray)
    if abs(angle) >= 0.5:
        gray = _rotate(gray, angle, 255)
    _, bw = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    bw = remove_rulings(bw)
    h, w = bw.shape
    # mode "1" stores 1 bit per pixel, rows padded to whole bytes, 1 = white: what packbits makes
    image = Image.frombytes("1", (w, h), np.packbits(bw > 127, axis=1).tobytes())
    return Prepared(image, angle, turn, UPRIGHT_MARK <= upright_evidence(bw) <= UPRIGHT_MAX)


def ocr_pages(images: Iterable[Any], lang: str | None = None) -> list[OcrPage]:
    """OCR of a document's pages, in order. Pages are preprocessed one at a time (a lazy iterable
    keeps memory flat on long scans) and recognised ``CHUNK`` at a time by one Tesseract run per
    kind of page: starting Tesseract and its first recognition cost ~0.4 CPU s, a sixth of a page.
    Pages whose ink does not show them upright are recognised with Tesseract's orientation detection
    (``--psm 1``, the ``osd`` model: a page fed upside down is turned before recognition), the others
    without it (it costs ~15 % of a page). No resolution is declared: Tesseract estimates it from
    the text height, and declaring the 300 dpi of a rendered PDF page made recognition ~10 % slower
    for the same references."""
    lang = lang or tesseract_lang()
    out: list[OcrPage] = []
    chunk: list[Prepared] = []

    def run() -> None:
        found: dict[int, OcrPage] = {}
        for upright in (True, False):
            group = [i for i, p in enumerate(chunk) if p.upright is upright]
            if group:
                pages = _recognise([chunk[i] for i in group], lang, orient=not upright)
                found.update((i, replace(page, page=len(out) + i + 1)) for i, page in zip(group, pages, strict=True))
        out.extend(found[i] for i in range(len(chunk)))
        chunk.clear()

    for img in images:
        chunk.append(preprocess(np.asarray(img.convert("L"))))
        if len(chunk) == CHUNK:
            run()
    if chunk:
        run()
    return out


def _recognise(pages: list[Prepared], lang: str, orient: bool = False) -> list[OcrPage]:
    buf = io.BytesIO()
    first, *rest = [p.image for p in pages]
    # uncompressed TIFF, one bit per pixel, all pages in one file: encoding a PNG costs a tenth of
    # the recognition time and Tesseract reads PNM ~15 % slower; given an 8-bit page it thresholds
    # again and recognises from the grey copy (0.4-0.6 CPU s a page more for the same text)
    first.save(buf, format="TIFF", save_all=True, append_images=rest, compression="raw")
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    # tessedit_do_invert=0: Tesseract 5 re-reads every low-confidence word as white on black; the
    # page is binarised black on white here, so that costs ~10 % of the run for nothing (2 of 2327
    # words changed on the scanned seeds, no reference)
    out = subprocess.run(["tesseract", "stdin", "stdout", "-l", lang, "--psm", "1" if orient else "3",
                          "-c", "tessedit_do_invert=0", "tsv"],
                         input=buf.getvalue(), capture_output=True, env=env, timeout=300 + 120 * len(pages))
    if out.returncode != 0:
        last = out.stderr.decode("utf-8", "replace").strip().splitlines()[-1:]
        raise RuntimeError("tesseract failed" + (": " + last[0] if last else ""))
    return _from_tsv(out.stdout.decode("utf-8", "replace"), [p.skew for p in pages], [p.turn for p in pages], orient)


def _from_tsv(tsv: str, angles: list[float], turns: list[int] | None = None, oriented: bool = False) -> list[OcrPage]:
    """Tesseract's TSV (one row per page, block, paragraph, line and word) as one OcrPage per
    input page: lines joined by spaces, a blank line between paragraphs, mean word confidence, and
    (``oriented``: Tesseract detected the orientation) the turn it applied, read from its line boxes."""
    words: dict[int, dict[tuple[int, int, int], list[str]]] = {i + 1: {} for i in range(len(angles))}
    confs: dict[int, list[float]] = {i + 1: [] for i in range(len(angles))}
    lines: dict[int, dict[tuple[int, int, int], tuple[int, int, int, int]]] = {i + 1: {} for i in range(len(angles))}
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        page = int(row.get("page_num") or 0)
        if page not in words:
            continue
        if row.get("level") == "4":
            try:
                lines[page][(int(row["block_num"]), int(row["par_num"]), int(row["line_num"]))] = (
                    int(row["left"]), int(row["top"]), int(row["width"]), int(row["height"]))
            except (TypeError, ValueError):
                pass
            continue
        if row.get("level") != "5" or not (row.get("text") or "").strip():
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
        conf = round(sum(c) / len(c), 1) if c else 0.0
        # a page with no words at all is blank, not badly scanned
        turned = _turned_by_tesseract(lines[page]) if oriented else 0
        result.append(OcrPage(text="\n".join(out), confidence=conf, skew=angle, page=page,
                              rotation=((turns or [0] * len(angles))[page - 1] + turned) % 360,
                              low_confidence=bool(c) and conf < settings.OCR_MIN_CONFIDENCE))
    return result


def _turned_by_tesseract(lines: dict[tuple[int, int, int], tuple[int, int, int, int]]) -> int:
    """The turn (degrees counter-clockwise) Tesseract's orientation detection applied to a page, read
    from its line boxes (left, top, width, height), which stay in the coordinates of the page as
    sent: upright, lines follow each other down the page; upside down, up it; on its side, the
    lines are taller than wide and follow each other across."""
    boxes = [lines[k] for k in sorted(lines)]
    if len(boxes) < 2:
        return 0
    tall = sum(h > w for _, _, w, h in boxes) > len(boxes) / 2
    axis = 0 if tall else 1
    step = sum((b[axis] > a[axis]) - (b[axis] < a[axis]) for a, b in pairwise(boxes))
    if tall:
        return 270 if step > 0 else 90
    return 180 if step < 0 else 0


def pdf_pages_as_images(data: bytes, dpi: int = DPI) -> Iterator[Any]:
    """The pages of a PDF rendered one at a time (a 300 dpi page is 8.7 MB in grey)."""
    import pypdfium2 as pdfium

    from .. import settings

    pdf = pdfium.PdfDocument(data)
    try:
        if len(pdf) > settings.MAX_PAGES:
            raise ValueError(settings.over(settings.MAX_PAGES_VARIABLE, len(pdf), settings.MAX_PAGES, "pages"))
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
