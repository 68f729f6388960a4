"""How query values match data: words, phrases, names and countries.

Every textual comparison in the query helpers goes through here, so that the
rules are the same everywhere and documented once:

* Text is compared after NFKC normalisation and case folding, so ``"ÉTAT"``
  matches ``"état"`` and full-width letters match their usual forms.
* Text is split into *words*: runs of letters, digits, underscores and
  combining marks.  Everything else (spaces, hyphens, punctuation) only
  separates words, so ``"vice-minister"`` holds the words ``vice`` and
  ``minister``.
* In scripts written without spaces between words (Chinese, Japanese kana,
  Thai, Lao, Khmer, Myanmar) every character is a word of its own, so a phrase
  in those scripts matches anywhere: ``"治理"`` is found in ``"人工智能治理"``.
* A phrase matches when its words appear in the text one after another.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Iterable

from aigov._countries import database
from aigov._text import describe_value
from aigov.exceptions import ValidationError

# Scripts written without spaces between words: CJK ideographs (all planes),
# kana, Thai, Lao, Myanmar and Khmer.  Hangul is written with spaces.
_SPACELESS = (
    "\u0e00-\u0eff"  # Thai, Lao
    "\u1000-\u109f"  # Myanmar
    "\u1780-\u17ff"  # Khmer
    "\u3005-\u3007"  # ideographic iteration mark, closing mark, number zero
    "\u3040-\u30ff"  # Hiragana, Katakana
    "\u31f0-\u31ff"  # Katakana phonetic extensions
    "\u3400-\u4dbf"  # CJK extension A
    "\u4e00-\u9fff"  # CJK unified ideographs
    "\uf900-\ufaff"  # CJK compatibility ideographs
    "\uff66-\uff9f"  # half-width Katakana
    "\U00020000-\U0003134f"  # CJK extensions B-G
)


@functools.cache
def _word_pattern() -> re.Pattern[str]:
    # ``\w`` leaves out combining marks, which would cut Devanagari or Arabic
    # words apart; the marks are collected from unicodedata once, on first use.
    marks = _mark_ranges()
    word_char = rf"[^\W{_SPACELESS}]|[{marks}]"
    return re.compile(rf"[{_SPACELESS}]|(?:{word_char})+")


@functools.cache
def _mark_ranges() -> str:
    # Combining marks live below U+20000 except the variation selectors
    # supplement; scanning only there keeps the first use fast.
    candidates = [*range(0x300, 0x20000), *range(0xE0100, 0xE01F0)]
    ranges: list[list[int]] = []
    for code in candidates:
        if unicodedata.category(chr(code)).startswith("M"):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    return "".join(
        re.escape(chr(low)) + ("-" + re.escape(chr(high)) if high > low else "")
        for low, high in ranges
    )


def fold(text: str) -> str:
    """Return *text* normalised for comparison: NFKC, then case-folded."""
    return unicodedata.normalize("NFKC", text).casefold()


_ASCII_WORD = re.compile(r"[0-9a-z_]+")


def words(text: str) -> tuple[str, ...]:
    """Split *text* into folded words, as the module docstring defines them."""
    if text.isascii():
        # Most text is; this pattern gives the same words, several times faster.
        return tuple(_ASCII_WORD.findall(text.lower()))
    return tuple(_word_pattern().findall(fold(text)))


def word_string(text: str) -> str:
    """Return the words of *text* as one string that phrases can be found in.

    Words are joined and surrounded by single spaces; a phrase matches the
    text exactly when ``word_string(phrase)`` is a substring of it.
    """
    return " " + " ".join(words(text)) + " "


def phrase_in(phrase_words: tuple[str, ...], text: str) -> bool:
    """Whether the words *phrase_words* appear one after another in *text*."""
    return " " + " ".join(phrase_words) + " " in word_string(text)


# --- finding phrases without splitting text into words ----------------------------
#
# Splitting a text into words builds one string per word: for text in a
# spaceless script, one per character, which is what makes a scan slow.  The
# functions below find a phrase in a text's folded form with one compiled
# pattern instead, and give the same answer as phrase_in.  The tokeniser makes
# every spaceless character a word of its own and every other word a longest
# run of word characters; so a phrase is found where its spaceless characters
# stand as they are, its other words stand with no word character on either
# side, and only non-word characters lie between them.  One case breaks that
# reading: a combining mark of a spaceless script (a Thai vowel sign) is a
# word of its own after a non-word character but part of the word before it
# otherwise.  Texts and phrases holding such a mark take the splitting path.


def folded(text: str) -> str:
    """Return *text* as :func:`words` compares it (NFKC, case-folded)."""
    # For ASCII text lower() is the same and several times faster.
    return text.lower() if text.isascii() else fold(text)


@functools.cache
def _spaceless_marks() -> re.Pattern[str]:
    marks = "".join(
        re.escape(char)
        for char in map(chr, _spaceless_codes())
        if unicodedata.category(char).startswith("M")
    )
    return re.compile(f"[{marks}]")


def _spaceless_codes() -> list[int]:
    codes: list[int] = []
    for part in re.findall(r".-.|.", _SPACELESS):
        low, high = (part[0], part[-1])
        # Marks of spaceless scripts sit in the Basic Multilingual Plane.
        if ord(low) < 0x10000:  # noqa: PLR2004
            codes.extend(range(ord(low), ord(high) + 1))
    return codes


def has_spaceless_mark(text: str) -> bool:
    """Whether *text* holds a combining mark of a spaceless script."""
    return not text.isascii() and _spaceless_marks().search(text) is not None


@functools.cache
def _classes() -> tuple[str, str, str, str]:
    # A word character outside spaceless scripts, a combining mark, what may
    # follow a run of word characters that is a whole word, and what may lie
    # between two words (characters that start no word).
    marks = _mark_ranges()
    letter = rf"[^\W{_SPACELESS}]"
    mark = f"[{marks}]"
    return letter, mark, rf"(?!{letter})(?!{mark})", rf"(?:(?!{mark})\W)*"


@functools.lru_cache(maxsize=256)
def phrase_pattern(phrase_words: tuple[str, ...]) -> re.Pattern[str] | None:
    """Return a pattern that finds *phrase_words* in a :func:`folded` text.

    ``pattern.search(folded(text))`` succeeds exactly when
    ``phrase_in(phrase_words, text)`` holds, for every *text* for which
    :func:`has_spaceless_mark` is false.  Returns ``None`` when the phrase
    itself holds such a mark; then only :func:`phrase_in` answers.
    """
    if any(has_spaceless_mark(word) for word in phrase_words):
        return None
    letter, mark, whole, gap = _classes()
    parts = []
    for position, word in enumerate(phrase_words):
        literal = re.escape(word)
        if is_spaceless_word(word):
            parts.append(literal)
        elif position == 0:
            # The pattern starts with the word itself, so that the regular
            # expression engine can skip to where it occurs; a lookbehind as
            # wide as the word then checks the character before it.
            parts.append(f"{literal}(?<!{letter}{literal})(?<!{mark}{literal}){whole}")
        else:
            # After a gap or a spaceless character, no word character can
            # stand right before the word.
            parts.append(literal + whole)
    return re.compile(gap.join(parts))


@functools.lru_cache(maxsize=256)
def ascii_phrase_pattern(phrase_words: tuple[str, ...]) -> re.Pattern[str] | None:
    """Return :func:`phrase_pattern` for ASCII texts only, or ``None``.

    An ASCII text holds no marks and no spaceless characters, so the pattern
    is simpler (and needs no table of marks).  ``None`` means that no ASCII
    text holds the phrase, because the phrase is not ASCII.
    """
    if not all(word.isascii() for word in phrase_words):
        return None
    parts = [re.escape(word) for word in phrase_words]
    return re.compile(r"(?<![0-9a-z_])" + "[^0-9a-z_]*".join(parts) + r"(?![0-9a-z_])")


@functools.cache
def _spaceless_char() -> re.Pattern[str]:
    return re.compile(f"[{_SPACELESS}]")


def is_spaceless_word(word: str) -> bool:
    """Whether *word* (a word :func:`words` gives) is a spaceless character."""
    # A spaceless mark is a word only where no word character precedes it.
    return (
        len(word) == 1
        and _spaceless_char().match(word) is not None
        and _spaceless_marks().match(word) is None
    )


def query_words(value: str, *, what: str) -> tuple[str, ...]:
    """Return the words of a query *value*, rejecting values without any.

    Raises:
        ValidationError: If *value* has no word in it (``""``, ``"--"``);
            *what* names the filter in the error's location.
    """
    found = words(value)
    if not found:
        msg = f"{describe_value(value)} has no words to look for"
        raise ValidationError.single(msg, value, location=what)
    return found


def suggestion(value: str, choices: Iterable[str]) -> str:
    """Return ``"; did you mean 'x'?"`` for the closest of *choices*, or ``""``."""
    by_fold: dict[str, str] = {}
    for choice in choices:
        by_fold.setdefault(fold(choice), choice)
    close = difflib.get_close_matches(fold(value), list(by_fold), n=1)
    return f"; did you mean {by_fold[close[0]]!r}?" if close else ""


# --- countries ---------------------------------------------------------------

#: Press names that pycountry does not carry in any form.  Everything else
#: (codes, names, official and common names, "Korea, Republic of" turned
#: round) comes from pycountry itself.
_PRESS_NAMES = {
    "Britain": "GB",
    "Great Britain": "GB",
    "UK": "GB",
    "Russia": "RU",
    "Turkey": "TR",
    "Ivory Coast": "CI",
    "Vatican": "VA",
    "Vatican City": "VA",
    "Macedonia": "MK",
    "Swaziland": "SZ",
    "Burma": "MM",
    "Cape Verde": "CV",
    "Brunei": "BN",
    "East Timor": "TL",
    "Macau": "MO",
    "DR Congo": "CD",
}

_NOT_ALNUM = re.compile(r"[\W_]+")


def _country_key(name: str) -> str:
    # "Côte d'Ivoire", "cote divoire" and "COTE D IVOIRE" share a key, as do
    # "Viet Nam" and "Vietnam".
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    key = _NOT_ALNUM.sub(" ", plain.casefold().replace("&", " and ")).strip()
    key = key.removeprefix("the ")
    return key.replace(" ", "")


def _name_variants(name: str) -> Iterable[str]:
    yield name
    # "Holy See (Vatican City State)": both parts are used on their own.
    if "(" in name and name.endswith(")"):
        outside, inside = name[:-1].split("(", 1)
        yield outside.strip()
        yield inside.strip()
    # "Korea, Republic of" is "Republic of Korea" in running text.
    if ", " in name:
        head, tail = name.split(", ", 1)
        yield f"{tail} {head}"


def _short_name(name: str) -> str | None:
    # "Palestine, State of" is often just "Palestine".
    return name.split(", ", 1)[0] if ", " in name else None


def _unambiguous(claims: dict[str, set[str]]) -> dict[str, str]:
    # A key two countries claim is ambiguous ("Korea"); it is better refused
    # with a suggestion than resolved by chance.
    return {key: next(iter(codes)) for key, codes in claims.items() if len(codes) == 1}


@functools.cache
def _country_names() -> tuple[dict[str, str], dict[str, str]]:
    """Map country-name keys to alpha-2 codes; and codes to display names."""
    claims: dict[str, set[str]] = {}
    short_claims: dict[str, set[str]] = {}
    display: dict[str, str] = {}
    for country in database():
        code = str(country.alpha_2)
        common = getattr(country, "common_name", None)
        official = getattr(country, "official_name", None)
        display[code] = str(common or country.name)
        for name in (str(n) for n in (country.name, official, common) if n):
            for variant in _name_variants(name):
                claims.setdefault(_country_key(variant), set()).add(code)
            short = _short_name(name)
            if short is not None:
                short_claims.setdefault(_country_key(short), set()).add(code)
    by_key = _unambiguous(claims)
    for key, code in _unambiguous(short_claims).items():
        if key not in claims:  # a full name always wins: "Congo" is CG
            by_key[key] = code
    for name, code in _PRESS_NAMES.items():
        by_key.setdefault(_country_key(name), code)
    return by_key, display


@functools.lru_cache(maxsize=1024)
def resolve_country(value: str) -> str:
    """Return the ISO 3166-1 alpha-2 code that *value* names.

    *value* may be an alpha-2 or alpha-3 code or an English name (the ISO
    name, official name, common name or a common press name such as
    ``"UK"``), in any case, with or without accents and punctuation.

    Raises:
        ValidationError: If *value* names no country; the message suggests
            the closest country name, if one is close.
    """
    key = _country_key(value)
    if key.isascii() and key.isalpha() and len(key) in (2, 3):
        country = (
            database().get(alpha_2=key.upper())
            if len(key) == 2  # noqa: PLR2004
            else database().get(alpha_3=key.upper())
        )
        if country is not None:
            return str(country.alpha_2)
    by_key, display = _country_names()
    code = by_key.get(key)
    if code is not None:
        return code
    msg = f"{describe_value(value)} is not a country"
    close = _close_countries(value, key, by_key)
    if close:
        options = " or ".join(f"{display[code]!r} ({code})" for code in close)
        msg += f"; did you mean {options}?"
    else:
        msg += "; give an ISO 3166-1 code such as 'CN' or an English name"
    raise ValidationError.single(msg, value, location="country")


def _close_countries(value: str, key: str, by_key: dict[str, str]) -> list[str]:
    close = difflib.get_close_matches(key, list(by_key), n=1, cutoff=0.75)
    if close:
        return [by_key[close[0]]]
    # A part of a name ("Korea") is close to no whole name; pycountry's fuzzy
    # search finds the countries it is part of.
    if len(key) < 4:  # noqa: PLR2004 - shorter parts are part of too much
        return []
    try:
        found = database().search_fuzzy(value)
    except LookupError:
        return []
    return sorted(str(country.alpha_2) for country in found[:2])
