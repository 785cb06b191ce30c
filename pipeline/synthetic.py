"""A synthetic citation graph of any size, written straight into a store, for tests and
benchmarks: forests of plans implementing plans (fan-out 3), each document with its own
text, plus 'cites' mentions between neighbouring trees."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import func, insert, select
from sqlalchemy.engine import Engine

from .keys import fold
from .store import count_values, document_search, documents, mention_rows, mentions, refresh_documents, relations, sources


def doc_key(i: int, symbol: str = "KH/TU") -> str:
    return f"{i:02d}-{symbol}"


def generate(engine: Engine, n_docs: int = 100_000, tree_size: int = 364, fanout: int = 3, batch: int = 20_000,
             symbol: str = "KH/TU", cites: Sequence[str] = ()) -> None:
    """Documents 0..n-1; in each tree of ``tree_size`` nodes, node j>0 implements node (j-1)//fanout.
    ``symbol``: the documents' symbol (keys ``{i}-{symbol}``); ``cites``: keys of documents that every
    generated text also cites, in turn (documents cited hundreds of thousands of times)."""
    now = dt.datetime(2026, 1, 1).isoformat()

    for lo in range(0, n_docs, batch):
        hi = min(n_docs, lo + batch)
        src, docs, ment, rels = [], [], [], []
        for i in range(lo, hi):
            key = doc_key(i, symbol)
            did = f"synthetic:{i}"
            src.append(dict(doc_id=did, path=f"synthetic/{symbol}/{i}.txt", kind="directive", status="ok", self_key=key, ingested_at=now))
            docs.append(dict(key=key, doc_type="Kế hoạch", number=str(i), symbol=symbol, year=2020, date="2020-01-01",
                             issuer="Ban Thường vụ Tỉnh ủy", first_seen=now, last_seen=now, mention_count=1))
            ment.append(dict(doc_id=did, key=key, raw_key=key, doc_type="Kế hoạch", number=str(i), symbol=symbol, form="identity",
                             surface="", start=0, end=0, resolved=True, is_self=True, sentence=None))
            if cites:
                hot = cites[i % len(cites)]
                ment.append(dict(doc_id=did, key=hot, raw_key=hot, doc_type=None, number=None, symbol=None, form="full", surface=hot, start=40, end=50, resolved=False,
                                 is_self=False, sentence=f"theo {hot}"))
            j = i % tree_size
            if j:
                parent = doc_key(i - j + (j - 1) // fanout, symbol)
                ment.append(dict(doc_id=did, key=parent, raw_key=parent, doc_type="Kế hoạch", number=parent.split("-")[0], symbol=symbol,
                                 form="full", surface=f"Kế hoạch số {parent}",
                                 start=10, end=30, resolved=False, is_self=False, sentence=f"Thực hiện Kế hoạch số {parent}"))
                rels.append(dict(doc_id=did, source_key=key, target_key=parent, raw_source=key, raw_target=parent, type="implements",
                                 confidence=0.9, start=0, end=30, evidence=f"Thực hiện Kế hoạch số {parent}, ban hành Kế hoạch {key}",
                                 rule="synthetic"))
        search = [dict(key=d["key"], body=fold(f"{d['key']} {d['doc_type']} {d['number']} {d['issuer']} ke hoach so {d['number']}"))
                  for d in docs]
        with engine.begin() as conn:
            conn.execute(insert(sources), src)
            conn.execute(insert(documents), docs)
            last = conn.execute(select(func.max(mentions.c.id))).scalar() or 0
            conn.execute(insert(mentions), ment)
            count_values(conn, mention_rows(conn, mentions.c.id > last))
            if rels:
                conn.execute(insert(relations), rels)
            conn.execute(insert(document_search), search)
    if cites:
        with engine.begin() as conn:
            refresh_documents(conn, cites)


# --- scanned documents ---------------------------------------------------------------------------

FONT_CANDIDATES = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
]


def find_font() -> str:
    """A TrueType font with Vietnamese glyphs (Debian package fonts-dejavu-core)."""
    import os

    for f in FONT_CANDIDATES:
        if os.path.exists(f):
            return f
    raise FileNotFoundError("no Vietnamese-capable font: install the Debian package fonts-dejavu-core")


def render_pages(text: str, dpi: int = 300, font_px: int = 40, skew: float = 0.0, specks: int = 0, seed: int = 0,
                 turns: tuple[int, ...] = ()) -> list:
    """Typeset ``text`` on A4 pages as images, as a scanner would see them: optional skew (degrees),
    random specks of dirt, and pages fed turned (``turns``: quarter turns in degrees counter-clockwise,
    taken in turn page by page, as a sheet feeder mixes them)."""
    import random

    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(find_font(), font_px)
    width, height = int(8.27 * dpi), int(11.69 * dpi)
    margin = int(0.8 * dpi)
    line_h = int(font_px * 1.5)
    lines: list[str] = []
    for para in text.split("\n"):
        words = para.split()
        if not words:
            lines.append("")
            continue
        cur = ""
        for w in words:
            trial = f"{cur} {w}".strip()
            if font.getlength(trial) <= width - 2 * margin:
                cur = trial
            else:
                lines.append(cur)
                cur = w
        lines.append(cur)
    per_page = (height - 2 * margin) // line_h
    rng = random.Random(seed)
    pages = []
    for start in range(0, max(1, len(lines)), per_page):
        img = Image.new("L", (width, height), 255)
        draw = ImageDraw.Draw(img)
        for i, line in enumerate(lines[start : start + per_page]):
            draw.text((margin, margin + i * line_h), line, font=font, fill=0)
        for _ in range(specks):
            x, y, r = rng.randrange(width), rng.randrange(height), rng.choice((1, 2, 3))
            draw.ellipse((x - r, y - r, x + r, y + r), fill=0)
        if skew:
            img = img.rotate(skew, expand=False, fillcolor=255, resample=Image.BICUBIC)
        if turns and turns[len(pages) % len(turns)] % 360:
            img = img.rotate(turns[len(pages) % len(turns)] % 360, expand=True)
        pages.append(img)
    return pages


def scanned_pdf(text: str, path, **kwargs) -> None:  # noqa: ANN001
    """Write ``text`` as an image-only PDF (no text layer), like a scan."""
    pages = render_pages(text, **kwargs)
    pages[0].save(path, "PDF", resolution=300, save_all=True, append_images=pages[1:])


def repeated_scan_pdf(text: str, n_pages: int, path, quality: int = 30) -> int:  # noqa: ANN001
    """An image-only PDF of ``n_pages`` pages that all show one scanned page of ``text`` (a JPEG stored once
    and drawn on every page), so a scan of hundreds of pages fits in a small upload. Returns its size."""
    import io

    page = render_pages(text)[0].convert("L")
    jpeg = io.BytesIO()
    page.save(jpeg, "JPEG", quality=quality)
    w, h = page.size
    pts_w, pts_h = w * 72 / 300, h * 72 / 300
    content = f"q {pts_w:.2f} 0 0 {pts_h:.2f} 0 0 cm /Im0 Do Q".encode()
    objs: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",  # the page tree, once the page objects' numbers are known
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 "
        b"/Filter /DCTDecode /Length %d >>\nstream\n" % (w, h, len(jpeg.getvalue())) + jpeg.getvalue() + b"\nendstream",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    first = len(objs) + 1
    for _ in range(n_pages):
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /XObject << /Im0 3 0 R >> >> "
                    b"/Contents 4 0 R >>" % (pts_w, pts_h))
    kids = b" ".join(b"%d 0 R" % (first + i) for i in range(n_pages))
    objs[1] = b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n_pages
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % o for o in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref))
    data = out.getvalue()
    with open(path, "wb") as f:
        f.write(data)
    return len(data)
