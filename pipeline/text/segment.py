"""Stage 3: segment normalised text with underthesea into paragraphs, sentences and words.

underthesea's ``sent_tokenize`` ignores line breaks, so text is split into lines
(paragraphs) first; long lines are cut into bounded chunks so one 5 MB line cannot
exhaust memory. ``word_tokenize`` runs with ``use_token_normalize=False`` (tokens keep
the text's spelling, so they align to offsets) and one constant ``fixed_words`` pattern
that keeps every document symbol ("120-KL/TW", "04/2015/NĐ-CP") a single token.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..keys import SYMBOL_TOKEN
from .positions import Segmentation, Sentence, align

#: passed on every call: underthesea compiles fixed_words into a module-global pattern
FIXED_WORDS = [SYMBOL_TOKEN]
CHUNK = 4000  # characters per underthesea call


def _chunks(text: str, start: int, end: int, size: int = CHUNK) -> Iterator[tuple[int, int]]:
    """Cut text[start:end] into pieces of at most ~size chars, at sentence ends or spaces."""
    while end - start > size:
        window = text[start : start + size]
        cut = max(window.rfind(". "), window.rfind("; "), window.rfind("? "), window.rfind("! "))
        if cut < size // 4:
            cut = window.rfind(" ")
        if cut < size // 4:
            cut = size - 1
        yield start, start + cut + 1
        start = start + cut + 1
    if end > start:
        yield start, end


def paragraphs(text: str) -> list[tuple[int, int]]:
    out = []
    pos = 0
    for line in text.split("\n"):
        s = pos + (len(line) - len(line.lstrip()))
        e = pos + len(line.rstrip())
        if e > s:
            out.append((s, e))
        pos += len(line) + 1
    return out


def segment(text: str, words: bool = True) -> Segmentation:
    """Paragraphs, sentences and (unless ``words=False``) word tokens with offsets."""
    from underthesea import sent_tokenize

    paras = paragraphs(text)
    sentences: list[Sentence] = []
    chunks: list[tuple[int, int, list[str]]] = []
    for pi, (ps, pe) in enumerate(paras):
        for cs, ce in _chunks(text, ps, pe):
            chunk = text[cs:ce]
            sents = sent_tokenize(chunk)
            if len(sents) == 1:
                sentences.append(Sentence(cs, ce, pi))
            else:
                for s, e in align(text, sents, cs, ce):
                    sentences.append(Sentence(s, e, pi))
            if words:
                chunks.append((cs, ce, None))  # words segmented when a stage first asks (Segmentation.words_of)
    return Segmentation(sentences=sentences, paragraphs=paras, text=text, chunks=chunks, word_source=words_of_chunk if words else None)


def words_of_chunk(chunk: str) -> list[str]:
    """underthesea's words of one chunk, spelling kept (offsets align) and document symbols whole."""
    from underthesea import word_tokenize

    return word_tokenize(chunk, use_token_normalize=False, fixed_words=FIXED_WORDS)
