"""Small text helpers shared by the model, the converter and the queries."""

from __future__ import annotations

import difflib
import hashlib
import re
import reprlib
import unicodedata
from collections.abc import Iterable

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


def is_blank(text: str) -> bool:
    """Whether *text* shows nothing: only white space and invisible characters.

    Invisible means a Default_Ignorable code point, such as the zero-width
    space U+200B, the word joiner U+2060 and the byte order mark U+FEFF: a
    name made of them alone looks empty wherever it is shown.
    """
    if text.isascii():
        return not text.strip()
    return _BLANK.fullmatch(text) is not None


# The Default_Ignorable_Code_Point characters of the BMP that fonts render as
# nothing (Unicode's DerivedCoreProperties); the planes beyond hold only
# unassigned or tag characters of the same property, U+E0000-U+E0FFF.
_IGNORABLE = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180e\u180f"
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2065\u2066\u2067\u2068\u2069"
    "\u206a\u206b\u206c\u206d\u206e\u206f\u3164"
    "\ufe00\ufe01\ufe02\ufe03\ufe04\ufe05\ufe06\ufe07"
    "\ufe08\ufe09\ufe0a\ufe0b\ufe0c\ufe0d\ufe0e\ufe0f\ufeff\uffa0"
    "\ufff0\ufff1\ufff2\ufff3\ufff4\ufff5\ufff6\ufff7\ufff8"
)
# A match stops at the first visible character, so long texts cost nothing.
_BLANK = re.compile(f"[\\s{_IGNORABLE}\U000e0000-\U000e0fff]*")


def suggestion(value: str, choices: Iterable[str]) -> str:
    """Return ``"; did you mean 'x'?"`` for the closest of *choices*, or ``""``."""
    if len(value) > _LONGEST_SUGGESTED:
        return ""  # no name is that long; comparing megabytes would only cost time
    close = difflib.get_close_matches(value, list(choices), n=1)
    return f"; did you mean {close[0]!r}?" if close else ""


#: Values longer than this get no "did you mean".
_LONGEST_SUGGESTED = 100


def describe_value(value: object) -> str:
    """Return a short, bounded :func:`repr` of *value* for error messages."""
    return _value_repr.repr(value)


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
