"""Small text helpers shared by the model, the converter and the queries."""

from __future__ import annotations

import bisect
import difflib
import functools
import re
import reprlib
import unicodedata
from collections.abc import Iterable
from typing import Final

#: Integers longer than this many bits are described by their size: Python
#: refuses to turn integers of more than about 4300 digits into text at all.
_LONGEST_SHOWN_INT_BITS = 256


class _BoundedRepr(reprlib.Repr):
    def repr_int(self, x: int, level: int) -> str:
        if x.bit_length() > _LONGEST_SHOWN_INT_BITS:
            # bit_length * log10(2): the digit count, without converting.
            digits = int(x.bit_length() * 0.30103) + 1
            return f"<an integer of about {digits} digits>"
        return super().repr_int(x, level)


# Offending values may be huge (a 2 MB name, a 5000-digit number) or deeply
# nested (hostile JSON): a bounded repr keeps every message short, never
# recurses without limit and never fails.
_value_repr = _BoundedRepr()
_value_repr.maxstring = 80
_value_repr.maxother = 80
_value_repr.maxlevel = 3

_NOT_SLUG = re.compile(r"[\W_]+")


def describe_value(value: object) -> str:
    """Return a short, bounded, printable :func:`repr` of *value* for error messages.

    Never fails: an object whose ``__repr__`` raises is described by its type,
    and control and format characters that a ``__repr__`` returns raw are
    escaped (:func:`escape_control`), so a message cannot drive a terminal.
    """
    try:
        text = _value_repr.repr(value)
    except Exception:  # noqa: BLE001 - any __repr__ may fail; a message must not
        return f"<{escape_control(type(value).__qualname__)} object>"
    return escape_control(text)


def describe_key(key: object) -> str:
    """Return a location part for a mapping *key*: ``name`` or ``['a b']``.

    Keys that are not plain identifiers -- with spaces, dots, unprintable
    characters, lone surrogates, megabytes of text, or not strings at all --
    are written in brackets with a bounded, escaped :func:`repr`, so that a
    location is always short, printable and unambiguous.
    """
    if type(key) is str and key.isidentifier() and len(key) <= _value_repr.maxstring:
        return key
    return f"[{describe_value(key)}]"


def join_location(prefix: str, location: str) -> str:
    """Join two JSON-path-like location parts: ``a`` + ``[0]`` → ``a[0]``."""
    if not prefix:
        return location
    if not location:
        return prefix
    if location.startswith("["):
        return prefix + location
    return f"{prefix}.{location}"


def stable_digest(*parts: str, length: int = 8) -> str:
    """Return a short hex digest of *parts* that is the same in every process.

    Python's :func:`hash` is salted per process, so ids derived from it would
    change between runs; a cryptographic digest does not.
    """
    import hashlib  # noqa: PLC0415 - OpenSSL's start-up costs import aigov milliseconds

    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        # surrogatepass: the digest must not fail on text the model rejects
        # later with a proper message.
        encoded = part.encode("utf-8", "surrogatepass")
        hasher.update(len(encoded).to_bytes(8, "big"))
        hasher.update(encoded)
    return hasher.hexdigest()[:length]


def slugify(text: str) -> str:
    """Return a readable, stable id for *text*: ``"Li Meng"`` → ``"li-meng"``.

    Accents are dropped from Latin letters; letters of other scripts are kept
    (``"王永庆"`` stays ``"王永庆"``), so every name with a letter or digit gets
    a readable slug.  Text with neither gets a digest-based id instead.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    unaccented = "".join(c for c in decomposed if not unicodedata.combining(c))
    slug = _NOT_SLUG.sub("-", unaccented.lower()).strip("-")
    slug = unicodedata.normalize("NFC", slug)
    return slug or f"id-{stable_digest(text)}"


# --- control and format characters ---------------------------------------------------

#: The categories :func:`escape_control` escapes: controls (Cc), format
#: characters (Cf: bidirectional overrides and isolates, zero-width characters,
#: tags), lone surrogates (Cs, which no encoder accepts) and the line and
#: paragraph separators (Zl, Zp), which some programs take for line breaks.
_ESCAPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def _escape(char: str) -> str:
    # repr escapes every character of these categories: \n, \x1b, \u202e, \U000e0001.
    return repr(char)[1:-1]


def escape_control(text: str) -> str:
    r"""Return *text* with its control and format characters escaped.

    Characters of the Unicode categories Cc (``"\x1b"``, ``"\r"``, ``"\n"``),
    Cf (``"\u202e"``, ``"\u200b"``), Cs, Zl and Zp become the escapes
    :func:`repr` would write for them, so that text from a document cannot
    move the cursor, clear a screen, reorder what a terminal shows or hide
    itself.  Everything else -- Chinese, accents, emoji, spaces -- is kept as
    it is, and printable text is returned at once.

    Args:
        text: Any text, lone surrogates included.

    Returns:
        Text holding no character of those categories.
    """
    # str.isprintable is False for every character escaped here (and for a
    # few kept, such as U+3000), so most text never reaches the loop.
    if text.isprintable():
        return text
    return "".join(
        _escape(char) if unicodedata.category(char) in _ESCAPED_CATEGORIES else char
        for char in text
    )


def bounded(text: str, limit: int = 200) -> str:
    """Return *text* cut to at most *limit* characters, saying how much was cut.

    Args:
        text: Any text.
        limit: The longest result, counting the note on what was cut.

    Returns:
        *text* itself if short enough, else its start and
        ``"... (N more characters)"``; never longer than *limit* unless
        *limit* is too small to hold that note.
    """
    if len(text) <= limit:
        return text
    # The note with the whole length in it is at least as long as the real one.
    room = max(limit - len(f"... ({len(text)} more characters)"), 0)
    return f"{text[:room]}... ({len(text) - room} more characters)"


# --- blank text --------------------------------------------------------------------------
#
# Text counts as blank when it holds only white space and Default_Ignorable
# code points: characters that are invisible unless a program shows them on
# purpose.  Python's unicodedata has no such property, so it is built here the
# way Unicode's DerivedCoreProperties.txt defines it:
#
#     Other_Default_Ignorable_Code_Point + Cf + Variation_Selector
#     - White_Space - FFF9..FFFB - 13430..1343F - Prepended_Concatenation_Mark
#
# with Cf taken from unicodedata (so it follows Python's Unicode version) and
# the three small lists below copied from PropList.txt.  tests/test_text.py
# compares the result with the property as published, code point by code point.

#: Other_Default_Ignorable_Code_Point (PropList.txt), as inclusive ranges.
_OTHER_DEFAULT_IGNORABLE = (
    (0x034F, 0x034F),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x2065, 0x2065),
    (0x3164, 0x3164),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
    (0xE0000, 0xE0000),
    (0xE0002, 0xE001F),
    (0xE0080, 0xE00FF),
    (0xE01F0, 0xE0FFF),
)

#: Variation_Selector (PropList.txt).
_VARIATION_SELECTORS = (
    (0x180B, 0x180D),
    (0x180F, 0x180F),
    (0xFE00, 0xFE0F),
    (0xE0100, 0xE01EF),
)

#: Format characters that are meant to be seen: the interlinear annotation
#: characters, the Egyptian hieroglyph format controls and the
#: Prepended_Concatenation_Mark characters (PropList.txt).
_VISIBLE_FORMAT = (
    (0x0600, 0x0605),
    (0x06DD, 0x06DD),
    (0x070F, 0x070F),
    (0x0890, 0x0891),
    (0x08E2, 0x08E2),
    (0xFFF9, 0xFFFB),
    (0x110BD, 0x110BD),
    (0x110CD, 0x110CD),
    (0x13430, 0x1343F),
)


def _starts(ranges: tuple[tuple[int, int], ...]) -> list[int]:
    return [start for start, _ in ranges]


_IGNORABLE_RANGES = tuple(sorted(_OTHER_DEFAULT_IGNORABLE + _VARIATION_SELECTORS))
_IGNORABLE_STARTS = _starts(_IGNORABLE_RANGES)
_VISIBLE_FORMAT_STARTS = _starts(_VISIBLE_FORMAT)


def _in_ranges(
    point: int, ranges: tuple[tuple[int, int], ...], starts: list[int]
) -> bool:
    index = bisect.bisect_right(starts, point) - 1
    return index >= 0 and point <= ranges[index][1]


def is_default_ignorable(char: str) -> bool:
    """Return whether *char* has Unicode's Default_Ignorable_Code_Point property.

    Such characters (U+200B ZERO WIDTH SPACE, U+2060 WORD JOINER, U+FEFF,
    U+00AD SOFT HYPHEN, the variation selectors, the bidirectional controls,
    ...) are not shown unless a program shows them on purpose.
    """
    if char.isspace():
        return False
    point = ord(char)
    if unicodedata.category(char) == "Cf":
        return not _in_ranges(point, _VISIBLE_FORMAT, _VISIBLE_FORMAT_STARTS)
    return _in_ranges(point, _IGNORABLE_RANGES, _IGNORABLE_STARTS)


def is_blank(text: str) -> bool:
    r"""Return whether *text* shows nothing: only white space and invisible characters.

    White space is what :meth:`str.isspace` says; invisible characters are the
    Default_Ignorable code points (see :func:`is_default_ignorable`), so
    ``"\u200b"``, ``"\ufeff \u2060"`` and ``""`` are blank and ``"\u3000a"``
    is not.
    """
    if text.isascii():  # most text, checked at C speed
        return not text.strip()
    # Stops at the first visible character, which is almost always the first.
    for char in text:
        if char.isspace() or char in _PRINTABLE_IGNORABLE:
            continue
        # Every other ignorable character is unprintable (Cf or unassigned).
        if char.isprintable() or not is_default_ignorable(char):
            return False
    return True


#: The few Default_Ignorable characters that str.isprintable calls printable
#: (fillers, variation selectors): a set, so that is_blank rarely needs more.
_PRINTABLE_IGNORABLE = frozenset(
    char
    for low, high in _IGNORABLE_RANGES
    for char in map(chr, range(low, high + 1))
    if char.isprintable()
)


def suggestion(value: str, choices: Iterable[str]) -> str:
    """Return ``"; did you mean 'x'?"`` for the closest of *choices*, or ``""``."""
    if len(value) > _LONGEST_SUGGESTED:
        return ""  # no name is that long; comparing megabytes would only cost time
    close = difflib.get_close_matches(value, list(choices), n=1)
    return f"; did you mean {close[0]!r}?" if close else ""


#: Values longer than this get no "did you mean".
_LONGEST_SUGGESTED = 100


#: Every Default_Ignorable_Code_Point (Unicode's DerivedCoreProperties), as
#: a character class: a superset of what is_blank skips, so that a text the
#: bulk check passes is never blank.
_DEFAULT_IGNORABLE_CLASS: Final = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f"
    "\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff"
)


@functools.cache
def _blank_between_nuls() -> re.Pattern[str]:
    return re.compile(f"\x00[\\s{_DEFAULT_IGNORABLE_CLASS}]*\x00")


def all_visible_text(texts: list[str]) -> bool:
    """Whether none of *texts* is blank and all are valid Unicode, checked in bulk.

    One regular-expression scan and one encoding of the texts joined by NUL
    characters, in C, instead of a Python call per text.  It may answer no
    for texts that hold NUL themselves; :func:`is_blank` then decides.
    """
    joined = "\x00" + "\x00".join(texts) + "\x00"
    if _blank_between_nuls().search(joined) is not None:
        return not any(map(is_blank, texts)) and all(map(_encodable, texts))
    try:
        joined.encode("utf-8")  # lone surrogates cannot be encoded
    except UnicodeEncodeError:
        return False
    return True


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
