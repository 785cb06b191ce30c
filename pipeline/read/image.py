"""Images (PNG, JPEG, TIFF, …) through OCR."""

from __future__ import annotations

from dataclasses import replace

from .. import settings
from ..records import OcrPage
from .errors import ReadError
from .text import nfc


def image_kind(data: bytes) -> str | None:
    """The image format whose whole header the bytes carry, or None. A signature alone is not enough:
    a news article that opens "BMW i8 …" starts like a BMP, so the header's fields must agree too."""
    n = len(data)
    if data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR":
        return "png"
    if data.startswith(b"\xff\xd8\xff") and n > 4 and data[3] in range(0xC0, 0xFF):
        return "jpeg"
    if data[:4] in (b"II*\x00", b"MM\x00*") and n >= 8:
        ifd = int.from_bytes(data[4:8], "little" if data[:2] == b"II" else "big")
        return "tiff" if 8 <= ifd < n else None
    if data.startswith(b"BM") and n >= 26:
        size, reserved, offset, dib = (int.from_bytes(data[2:6], "little"), data[6:10], int.from_bytes(data[10:14], "little"),
                                       int.from_bytes(data[14:18], "little"))
        # file size as declared (some writers leave 0), reserved zeros, pixel offset inside, a known DIB header size
        ok = reserved == b"\x00" * 4 and size in (0, n) and 14 + dib <= offset < n and dib in (12, 16, 40, 52, 56, 64, 108, 124)
        return "bmp" if ok else None
    if data[:6] in (b"GIF87a", b"GIF89a") and n >= 13:
        return "gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP" and int.from_bytes(data[4:8], "little") + 8 >= n - 1:
        return "webp"
    return None



def read_image(data: bytes) -> tuple[str, list[OcrPage]]:
    import io

    from PIL import Image, ImageSequence, UnidentifiedImageError

    from .ocr import OcrUnavailable, ocr_pages

    Image.MAX_IMAGE_PIXELS = settings.MAX_PAGE_PIXELS  # Pillow's own guard, at our limit
    try:
        img = Image.open(io.BytesIO(data))  # reads the header only
        n = getattr(img, "n_frames", 1)
    except Image.DecompressionBombError:
        raise ReadError(settings.over("VNCITE_MAX_PAGE_PIXELS", 0, settings.MAX_PAGE_PIXELS, "image pixels")) from None
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise ReadError(f"unreadable image: {exc}".splitlines()[0][:300]) from None
    if n > settings.MAX_PAGES:
        raise ReadError(settings.over(settings.MAX_PAGES_VARIABLE, n, settings.MAX_PAGES, "frames"))

    def frames():  # noqa: ANN202 - one frame at a time: a 500-page TIFF is never held whole
        for frame in ImageSequence.Iterator(img):
            w, h = frame.size
            if w * h > settings.MAX_PAGE_PIXELS:
                raise ReadError(settings.over("VNCITE_MAX_PAGE_PIXELS", w * h, settings.MAX_PAGE_PIXELS, f"pixels of a page ({w}x{h})"))
            yield frame

    try:
        result = ocr_pages(frames())
    except OcrUnavailable as exc:
        raise ReadError(str(exc)) from None
    except (Image.DecompressionBombError, OSError, ValueError) as exc:
        raise ReadError(f"unreadable image: {type(exc).__name__}: {exc}".splitlines()[0][:300]) from None
    text = nfc("\n\n".join(p.text for p in result))
    if not text.strip():
        raise ReadError("OCR found no text in the image")
    return text, [replace(p, text="") for p in result]  # the text is the record's


