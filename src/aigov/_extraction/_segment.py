"""Cut a text into paragraphs, sentences and tokens, in linear time.

Every piece keeps its offsets into the input. Paragraphs are separated by blank
lines; a paragraph or sentence longer than a fixed bound is cut at whitespace,
so that no later step ever looks at more than a bounded window, whatever the
input. Quotation marks are paired within a paragraph; a full stop inside a
quotation does not end the sentence around it.
"""

# Curly quotation marks and apostrophes are the characters reports use.
# ruff: noqa: RUF001

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from typing import NamedTuple

#: No paragraph, sentence or quotation is longer than this many characters:
#: longer ones are cut, which bounds the work done on any one of them.
MAX_PARAGRAPH = 8000
MAX_SENTENCE = 1200
MAX_QUOTE = 2400

_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
_TOKEN = re.compile(r"[^\W_][\w'’/-]*|[^\w\s]")
_END = re.compile(r"[.!?]")
_OPENING = frozenset('"“')
_CLOSING = frozenset('"”')
_QUOTE_MARK = re.compile('["“”]')
#: Words after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    [
        "dr",
        "mr",
        "mrs",
        "ms",
        "mx",
        "prof",
        "hon",
        "st",
        "jr",
        "sr",
        "no",
        "vs",
        "gen",
        "gov",
        "sen",
        "rep",
        "rev",
        "dept",
        "est",
        "inc",
        "ltd",
        "co",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "fig",
        "approx",
        "etc",
        "e",
        "g",
        "i",
    ]
)


class Token(NamedTuple):
    """A word or a punctuation mark.

    A named tuple rather than a class: a long text makes many of them, and
    tuples of plain values cost the garbage collector nothing once seen.

    Attributes:
        text: Its characters.
        start: Its offset in the input.
        end: The offset just after it.
        quoted: Whether it stands inside a quotation.
    """

    text: str
    start: int
    end: int
    quoted: bool


class Sentence:
    """A sentence of a paragraph, its tokens made when first asked for.

    Tokens are many small objects: a caller that walks a long text keeps only
    those of the sentence at hand (:meth:`release` drops them), so the memory
    held, and the garbage collector's work, stay bounded.

    Attributes:
        text: The whole input.
        start: The sentence's offset in the input.
        end: The offset just after it.
        paragraph: The index of its paragraph.
        quotes: The quotations of its paragraph, ``(opening, closing + 1)``.
    """

    __slots__ = ("_tokens", "end", "paragraph", "quotes", "start", "text")

    def __init__(
        self,
        text: str,
        start: int,
        end: int,
        paragraph: int,
        quotes: list[tuple[int, int]],
    ) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.paragraph = paragraph
        self.quotes = quotes
        self._tokens: tuple[Token, ...] | None = None

    @property
    def tokens(self) -> tuple[Token, ...]:
        """The sentence's tokens, marked inside or outside quotations."""
        if self._tokens is None:
            self._tokens = tokens(self.text, self.start, self.end, self.quotes)
        return self._tokens

    def release(self) -> None:
        """Drop the tokens; they are made again if asked for."""
        self._tokens = None


def _pieces(text: str, start: int, end: int, limit: int) -> Iterator[tuple[int, int]]:
    """Yield ``(start, end)`` pieces of at most about *limit* characters.

    Cuts fall on whitespace where there is some in the last quarter of the
    piece, else anywhere; leading and trailing whitespace is dropped.
    """
    while start < end:
        while start < end and text[start].isspace():
            start += 1
        if start >= end:
            return
        stop = end
        if end - start > limit:
            stop = start + limit
            cut = text.rfind(" ", start + limit * 3 // 4, stop)
            stop = cut if cut > start else stop
        last = stop
        while last > start and text[last - 1].isspace():
            last -= 1
        yield start, last
        start = stop


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` of each paragraph, blank-line separated."""
    found: list[tuple[int, int]] = []
    start = 0
    for gap in _BLANK_LINE.finditer(text):
        found.extend(_pieces(text, start, gap.start(), MAX_PARAGRAPH))
        start = gap.end()
    found.extend(_pieces(text, start, len(text), MAX_PARAGRAPH))
    return found


def quotations(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Return the quotations of a paragraph, each ``(opening, closing + 1)``.

    A straight quotation mark opens when none is open and closes otherwise; a
    curly one opens or closes as it is drawn. A quotation longer than
    :data:`MAX_QUOTE` is not one (an unmatched mark, most likely).
    """
    found: list[tuple[int, int]] = []
    opened = -1
    for mark in _QUOTE_MARK.finditer(text, start, end):
        index, char = mark.start(), mark.group()
        if opened < 0:
            if char in _OPENING:
                opened = index
        elif char in _CLOSING:
            if index - opened <= MAX_QUOTE:
                found.append((opened, index + 1))
            opened = -1
        elif index - opened > MAX_QUOTE:
            opened = index
    return found


def _ends_sentence(text: str, stop: int, start: int) -> bool:
    """Whether the mark at *stop* ends a sentence (not "Dr." or "R.")."""
    if text[stop] != ".":
        return True
    word_start = stop
    while word_start > start and text[word_start - 1].isalpha():
        word_start -= 1
    word = text[word_start:stop]
    if len(word) == 1:
        return False  # an initial, or "a.m.", "e.g."
    return word.casefold() not in _ABBREVIATIONS


def _boundaries(  # noqa: C901 - one pass over the marks, each test a reason not to cut
    text: str, start: int, end: int, quotes: list[tuple[int, int]]
) -> Iterator[int]:
    """Yield the offsets just after each sentence's end, in order."""
    quote_index = 0
    for mark in _END.finditer(text, start, end):
        stop = mark.start()
        while quote_index < len(quotes) and quotes[quote_index][1] <= stop:
            quote_index += 1
        after = stop + 1
        if quote_index < len(quotes):
            opening, closing = quotes[quote_index]
            if opening < stop < closing:
                if closing != stop + 2:
                    continue
                after = closing
        if after < end and text[after] in _CLOSING:
            after += 1
        if after >= end:
            continue
        if not text[after].isspace():
            continue
        following = after
        while following < end and text[following].isspace():
            following += 1
        if following >= end:
            continue
        nxt = text[following]
        if not (nxt.isupper() or nxt.isdigit() or nxt in _OPENING or nxt == "("):
            continue
        if _ends_sentence(text, stop, start):
            yield after


def _closing(quotation: tuple[int, int]) -> int:
    return quotation[1]


def tokens(
    text: str, start: int, end: int, quotes: list[tuple[int, int]]
) -> tuple[Token, ...]:
    """Return the tokens of ``text[start:end]``, marked inside or outside quotes."""
    found: list[Token] = []
    # Start at the first quotation not closed before the piece: a paragraph
    # may hold many, and each of its sentences is tokenised on its own.
    quote_index = bisect.bisect_right(quotes, start, key=_closing)
    for match in _TOKEN.finditer(text, start, end):
        where = match.start()
        while quote_index < len(quotes) and quotes[quote_index][1] <= where:
            quote_index += 1
        quoted = False
        if quote_index < len(quotes):
            opening, closing = quotes[quote_index]
            quoted = opening < where < closing - 1
        found.append(Token(match.group(), where, match.end(), quoted))
    return tuple(found)


def sentences(text: str) -> list[Sentence]:
    """Return every sentence of *text*, paragraph by paragraph."""
    found: list[Sentence] = []
    for number, (start, end) in enumerate(paragraphs(text)):
        quotes = quotations(text, start, end)
        begin = start
        for after in [*_boundaries(text, start, end, quotes), end]:
            for piece_start, piece_end in _pieces(text, begin, after, MAX_SENTENCE):
                found.append(Sentence(text, piece_start, piece_end, number, quotes))
            begin = after
    return found
