"""Positions in a text: the map from normalised offsets back to the original (``OffsetMap``,
``Normalized``), the segmentation (paragraphs, sentences and lazily aligned words) and line bounds by
bisection (``Lines``). The machinery the ``Document`` carries; no pipeline records here."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Edit:
    """One replaced region of a normalisation pass: new[new_start:new_end] came from old[old_start:old_end]."""

    new_start: int
    new_end: int
    old_start: int
    old_end: int


@dataclass
class OffsetMap:
    """Maps positions in the normalised text back to the original text.

    Stored sparsely: one list of edits per pass that changed lengths, applied in reverse.
    """

    passes: list[list[Edit]] = field(default_factory=list)

    def add_pass(self, edits: list[Edit]) -> None:
        if edits:
            self.passes.append(edits)

    def to_original(self, pos: int) -> int:
        for edits in reversed(self.passes):
            starts = [e.new_start for e in edits]
            i = bisect.bisect_right(starts, pos) - 1
            if i < 0:
                continue
            e = edits[i]
            if pos < e.new_end:
                pos = e.old_start + min(pos - e.new_start, e.old_end - e.old_start)
            else:
                pos = e.old_end + (pos - e.new_end)
        return pos


@dataclass
class Normalized:
    text: str
    original: str
    offsets: OffsetMap
    hard_wrapped: bool = False

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        return self.offsets.to_original(start), self.offsets.to_original(end)


def align(text: str, pieces: list[str], start: int, end: int) -> Iterator[tuple[int, int]]:
    """Locate each piece (whose inner whitespace may differ from the text's) in text[start:end]."""
    cursor = start
    for piece in pieces:
        words = piece.split()
        if not words:
            continue
        first = text.find(words[0], cursor, end)
        if first < 0:
            continue
        pos = first + len(words[0])
        ok = True
        for w in words[1:]:
            nxt = text.find(w, pos, end)
            if nxt < 0 or text[pos:nxt].strip():
                ok = False
                break
            pos = nxt + len(w)
        if not ok:
            continue
        yield first, pos
        cursor = pos


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    paragraph: int


@dataclass
class Segmentation:
    """Paragraphs, sentences and words of a normalised text.

    Sentences are found for the whole text; words come from underthesea chunk by chunk, the first time a
    stage asks for the words of a chunk (``words_of``: most finders read characters, and word segmentation
    is most of the cost), and their character offsets are aligned then. A chunk is segmented once,
    whichever view (finders, a spaCy ``Doc``, training features) asks first. ``chunks`` holds each chunk's
    words when they were given (a spaCy ``Doc``'s tokens) and None until then otherwise; ``word_source``
    segments a chunk's text.
    """

    sentences: list[Sentence]
    paragraphs: list[tuple[int, int]]
    text: str = ""
    chunks: list[tuple[int, int, list[str] | None]] = field(default_factory=list)
    word_source: Callable[[str], list[str]] | None = field(default=None, repr=False, compare=False)
    _words: dict[int, list[str]] = field(default_factory=dict, init=False, repr=False)
    _aligned: dict[int, list[Token]] = field(default_factory=dict, init=False, repr=False)
    _aligned_starts: dict[int, list[int]] = field(default_factory=dict, init=False, repr=False)
    sentence_starts: list[int] = field(default_factory=list, init=False, repr=False)  # sorted, for bisection
    paragraph_starts: list[int] = field(default_factory=list, init=False, repr=False)
    _chunk_starts: list[int] = field(default_factory=list, init=False, repr=False)

    def __post_init__(self) -> None:
        self.sentence_starts = [s.start for s in self.sentences]
        self.paragraph_starts = [p[0] for p in self.paragraphs]
        self._chunk_starts = [c[0] for c in self.chunks]

    def words_of(self, i: int) -> list[str]:
        """The words of chunk ``i``, segmented on first need."""
        if i not in self._words:
            cs, ce, words = self.chunks[i]
            if words is None:
                if self.word_source is None:
                    raise ValueError("this segmentation has no words and no way to segment them")
                words = self.word_source(self.text[cs:ce])
            self._words[i] = words
        return self._words[i]

    def _chunk_tokens(self, i: int) -> list[Token]:
        if i not in self._aligned:
            cs, ce, _ = self.chunks[i]
            self._aligned[i] = [Token(self.text[s:e], s, e) for s, e in align(self.text, self.words_of(i), cs, ce)]
            self._aligned_starts[i] = [t.start for t in self._aligned[i]]
        return self._aligned[i]

    @property
    def tokens(self) -> list[Token]:
        return [t for i in range(len(self.chunks)) for t in self._chunk_tokens(i)]

    def token_at(self, pos: int) -> Token | None:
        """The word that starts at ``pos``, if any."""
        i = bisect.bisect_right(self._chunk_starts, pos) - 1
        if i < 0:
            return None
        toks = self._chunk_tokens(i)
        j = bisect.bisect_left(self._aligned_starts[i], pos)
        if j < len(toks) and toks[j].start == pos:
            return toks[j]
        return None

    def tokens_between(self, lo: int, hi: int) -> list[Token]:
        """The words that lie wholly within [lo, hi)."""
        out: list[Token] = []
        i = max(0, bisect.bisect_right(self._chunk_starts, lo) - 1)
        while i < len(self.chunks) and self.chunks[i][0] < hi:
            toks = self._chunk_tokens(i)
            j = bisect.bisect_left(self._aligned_starts[i], lo)
            while j < len(toks) and toks[j].start < hi:
                if toks[j].end <= hi:
                    out.append(toks[j])
                j += 1
            i += 1
        return out

    def sentence_at(self, pos: int) -> Sentence | None:
        i = bisect.bisect_right(self.sentence_starts, pos) - 1
        if i >= 0 and self.sentences[i].start <= pos < max(self.sentences[i].end, self.sentences[i].start + 1):
            return self.sentences[i]
        return None

    def paragraph_at(self, pos: int) -> tuple[int, int] | None:
        i = bisect.bisect_right(self.paragraph_starts, pos) - 1
        if i >= 0 and pos <= self.paragraphs[i][1]:
            return self.paragraphs[i]
        return None


class Lines:
    """The bounds of a text's lines, by bisection over its line breaks (found once): asking for the line
    of every mention costs log n each, where ``rfind``/``find`` scanned a long line end to end."""

    def __init__(self, text: str):
        self.text = text
        self.breaks = [m.start() for m in re.finditer("\n", text)]

    def start(self, pos: int) -> int:
        """``text.rfind("\\n", 0, pos) + 1``"""
        i = bisect.bisect_left(self.breaks, pos)
        return self.breaks[i - 1] + 1 if i else 0

    def end(self, pos: int) -> int:
        """``text.find("\\n", pos)``, or the text's length when no break follows."""
        i = bisect.bisect_left(self.breaks, pos)
        return self.breaks[i] if i < len(self.breaks) else len(self.text)

    def at(self, pos: int) -> tuple[int, int]:
        return self.start(pos), self.end(pos)
