import sys
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aigov._text import (
    bounded,
    describe_key,
    describe_value,
    escape_control,
    is_blank,
    is_default_ignorable,
)

ESCAPED = {"Cc", "Cf", "Cs", "Zl", "Zp"}

#: Any code point, lone surrogates included, biased towards the invisible ones.
HOSTILE_CHARS = st.one_of(
    st.characters(codec=None),
    st.integers(0, sys.maxunicode).map(chr),
    st.sampled_from(
        "\x00\x07\x08\x1b\r\n\t\x7f\x85\xad\u061c\u180e\u200b\u200d\u200e\u2028"
        "\u2029\u202a\u202e\u2060\u2066\u2069\ufeff\ufff9\ud800\udcff\U000e0001"
    ),
)
HOSTILE_TEXT = st.lists(HOSTILE_CHARS, max_size=20).map("".join) | st.text()

#: Default_Ignorable_Code_Point as Unicode publishes it in DerivedCoreProperties.txt
#: (the same for Unicode 14.0, 15.0 and 15.1): the oracle for is_default_ignorable.
PUBLISHED_DEFAULT_IGNORABLE = (
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x061C, 0x061C),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)


def published_ignorable(char: str) -> bool:
    point = ord(char)
    return any(low <= point <= high for low, high in PUBLISHED_DEFAULT_IGNORABLE)


# --- escape_control ----------------------------------------------------------------


@given(HOSTILE_TEXT)
def test_escaped_text_holds_no_control_or_format_character(text: str) -> None:
    """Whatever the input, the output has no Cc, Cf, Cs, Zl or Zp character."""
    escaped = escape_control(text)
    assert not any(unicodedata.category(char) in ESCAPED for char in escaped)
    escaped.encode("utf-8")  # no lone surrogate is left to make this fail


@given(HOSTILE_TEXT)
def test_escaping_keeps_every_other_character_and_escapes_like_repr(text: str) -> None:
    """Each character is kept, or replaced by the escape repr() writes for it."""
    expected = "".join(
        repr(char)[1:-1] if unicodedata.category(char) in ESCAPED else char
        for char in text
    )
    assert escape_control(text) == expected


@given(HOSTILE_TEXT)
def test_escaping_twice_changes_nothing_more(text: str) -> None:
    """Escaped text is printable as far as escaping goes: a second pass is a no-op."""
    once = escape_control(text)
    assert escape_control(once) == once


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("\x1b[2J\rAll files valid", "\\x1b[2J\\rAll files valid"),
        ("abc\u202edcba", "abc\\u202edcba"),
        ("a\u2066b\u2069", "a\\u2066b\\u2069"),
        ("zero\u200bwidth\ufeff", "zero\\u200bwidth\\ufeff"),
        ("bell\x07nul\x00", "bell\\x07nul\\x00"),
        ("tag\U000e0041", "tag\\U000e0041"),
    ],
)
def test_terminal_tricks_become_visible_escapes(text: str, expected: str) -> None:
    """Escape sequences, bidi overrides and invisible characters are written out."""
    assert escape_control(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Li Meng",
        "王永庆",
        "Xue Lan (薛澜)",
        "Ångström café",
        "emoji 🎉",
        "a\u3000b\xa0c",
        "",
    ],
)
def test_ordinary_text_is_returned_unchanged(text: str) -> None:
    """Chinese, accents, emoji and spaces of every kind are left alone."""
    assert escape_control(text) == text


# --- describe_value and describe_key -------------------------------------------------


class _ShoutingRepr:
    def __repr__(self) -> str:
        return "\x1b[2J\u202eevil"


@given(HOSTILE_TEXT)
def test_described_values_and_keys_hold_no_control_or_format_character(
    text: str,
) -> None:
    """Messages built from any value or key are free of Cc and Cf characters."""
    for described in (describe_value(text), describe_key(text), describe_value([text])):
        assert not any(unicodedata.category(char) in ESCAPED for char in described)


def test_a_repr_that_returns_control_characters_is_escaped() -> None:
    """An object whose __repr__ returns raw escapes cannot reach the terminal."""
    assert describe_value(_ShoutingRepr()) == "\\x1b[2J\\u202eevil"


def test_a_key_with_a_format_character_is_quoted_and_escaped() -> None:
    """A key holding a zero-width space is not shown as a plain name."""
    assert describe_key("na\u200bme") == "['na\\u200bme']"


# --- bounded ------------------------------------------------------------------------


@given(st.text(), st.integers(40, 500))
def test_bounded_text_fits_its_limit(text: str, limit: int) -> None:
    """Cut text is never longer than the limit and starts like the original."""
    cut = bounded(text, limit)
    assert len(cut) <= limit
    assert text.startswith(cut.partition("... (")[0])
    if len(text) <= limit:
        assert cut == text


def test_bounded_text_says_how_much_was_cut() -> None:
    """The note counts the characters left out."""
    assert bounded("x" * 1000, 100) == "x" * 74 + "... (926 more characters)"


# --- is_blank -----------------------------------------------------------------------


@pytest.mark.skipif(
    unicodedata.unidata_version not in {"14.0.0", "15.0.0", "15.1.0"},
    reason="the published list below is that of Unicode 14.0-15.1",
)
def test_default_ignorable_is_the_published_property() -> None:
    """For every code point, is_default_ignorable agrees with DerivedCoreProperties.txt."""
    wrong = [
        f"U+{point:04X}"
        for point in range(sys.maxunicode + 1)
        if is_default_ignorable(chr(point)) != published_ignorable(chr(point))
    ]
    assert wrong == []


@given(HOSTILE_TEXT)
def test_blank_is_white_space_and_default_ignorables_only(text: str) -> None:
    """is_blank holds exactly when every character is white space or ignorable."""
    expected = all(char.isspace() or published_ignorable(char) for char in text)
    assert is_blank(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\u200b",
        "\u2060",
        "\ufeff",
        "\xad",
        " \u200b\t\ufeff\n",
        "\ufe0f",
        "\u3000",
    ],
)
def test_invisible_text_is_blank(text: str) -> None:
    """Zero-width spaces, word joiners, BOMs, soft hyphens and selectors show nothing."""
    assert is_blank(text)


@pytest.mark.parametrize("text", ["a", "\u200ba", "王", ".", "\u0600", "\ufffb"])
def test_visible_text_is_not_blank(text: str) -> None:
    """One visible character, even a visible format character, makes text non-blank."""
    assert not is_blank(text)
