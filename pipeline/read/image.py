"""Images (PNG, JPEG, TIFF, …) through OCR."""

from __future__ import annotations

from ..records import OcrPage
from .errors import ReadError
from .text import nfc


def image_kind(data: bytes) -> str | None:
    if data.startswith(b"\x89PNG"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    if data.startswith(b"BM"):
        return "bmp"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return None



def read_image(data: bytes) -> tuple[str, list[OcrPage]]:
    import io

    from PIL import Image, ImageSequence, UnidentifiedImageError

    from .ocr import OcrUnavailable, ocr_pages

    try:
        img = Image.open(io.BytesIO(data))
        frames = [f.copy() for f in ImageSequence.Iterator(img)]
    except (UnidentifiedImageError, OSError) as exc:
        raise ReadError(f"unreadable image: {exc}".splitlines()[0][:300]) from None
    try:
        result = ocr_pages(frames)
    except OcrUnavailable as exc:
        raise ReadError(str(exc)) from None
    text = nfc("\n\n".join(p.text for p in result))
    if not text.strip():
        raise ReadError("OCR found no text in the image")
    return text, [OcrPage("", p.confidence, p.skew, i + 1) for i, p in enumerate(result)]


