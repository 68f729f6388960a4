"""Plain-text tables that fit a width, for the command line.

Widths are measured in terminal cells: East Asian wide characters take two,
combining marks none, so tables of Chinese names line up too.  Control and
format characters in cells are escaped, so that no cell can move the cursor,
clear the screen or reorder the text around it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from aigov._text import escape_control

_GAP = "  "
#: A column is not squeezed below this many cells (or its header's width).
_MIN_COLUMN = 8
#: Columns of long text are squeezed to this width before others give way.
_MIN_FLEXIBLE = 20


def char_width(char: str) -> int:
    """The number of terminal cells *char* takes: 0, 1 or 2."""
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def display_width(text: str) -> int:
    """The number of terminal cells *text* takes."""
    if text.isascii():
        return len(text)
    return sum(char_width(char) for char in text)


def _split_to_width(word: str, width: int) -> list[str]:
    pieces: list[str] = []
    current, used = "", 0
    for char in word:
        cells = char_width(char)
        if used + cells > width and current:
            pieces.append(current)
            current, used = "", 0
        current += char
        used += cells
    pieces.append(current)
    return pieces


def wrap(text: str, width: int) -> list[str]:
    """Wrap *text* into lines of at most *width* cells, breaking at spaces.

    A word wider than a line is cut where the line ends; text in scripts
    without spaces is such a word, and is cut as it should be.
    """
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line, used = "", 0
        for word in paragraph.split():
            cells = display_width(word)
            if line and used + 1 + cells <= width:
                line, used = f"{line} {word}", used + 1 + cells
                continue
            if line:
                lines.append(line)
            pieces = _split_to_width(word, width) if cells > width else [word]
            lines.extend(pieces[:-1])
            line, used = pieces[-1], display_width(pieces[-1])
        lines.append(line)
    return lines


def _fill(natural: list[int], minimum: list[int], available: int) -> list[int]:
    # The widest columns give way first: find the largest cap such that the
    # capped columns fit, then hand out what is left one cell at a time.
    def total(cap: int) -> int:
        return sum(
            max(low, min(nat, cap)) for nat, low in zip(natural, minimum, strict=True)
        )

    low, high = 0, max(natural, default=0)
    while low < high:
        middle = (low + high + 1) // 2
        if total(middle) <= available:
            low = middle
        else:
            high = middle - 1
    widths = [max(m, min(n, low)) for n, m in zip(natural, minimum, strict=True)]
    spare = available - sum(widths)
    for i, nat in enumerate(natural):
        if spare <= 0:
            break
        if widths[i] < nat:
            widths[i] += 1
            spare -= 1
    return widths


def _column_widths(
    natural: list[int], minimum: list[int], available: int, flexible: set[int]
) -> list[int]:
    if sum(natural) <= available:
        return natural
    # Long text gives way before ids and names, which read badly wrapped.
    fixed = sum(n for i, n in enumerate(natural) if i not in flexible)
    chosen = sorted(flexible)
    widths = list(natural)
    squeezed = _fill(
        [natural[i] for i in chosen],
        [
            min(
                natural[i],
                max(minimum[i], min(_MIN_FLEXIBLE, available // len(natural))),
            )
            for i in chosen
        ],
        available - fixed,
    )
    for i, width in zip(chosen, squeezed, strict=True):
        widths[i] = width
    if sum(widths) <= available:
        return widths
    # Still too wide: the long text keeps its minimum; the rest give way.
    others = [i for i in range(len(natural)) if i not in flexible]
    squeezed = _fill(
        [natural[i] for i in others],
        [minimum[i] for i in others],
        available - sum(widths[i] for i in chosen),
    )
    for i, width in zip(others, squeezed, strict=True):
        widths[i] = width
    return widths


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def render_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    width: int,
    flexible: Sequence[int] = (),
    rule: bool = False,
) -> str:
    r"""Render *rows* under *headers* as text no wider than *width* cells.

    Columns take their natural width when everything fits; otherwise the
    *flexible* ones (indexes of columns of long text) give way first, the
    widest most, and their cells wrap; if that is not enough, all do.  *rule* draws a line of dashes
    under the header.  Lines carry no trailing spaces.  Control and format
    characters (line breaks too) are written as escapes (``\x1b``,
    ``\u202e``, ``\n``), so every cell shows exactly what it holds.
    """
    headers = [escape_control(header) for header in headers]
    rows = [[escape_control(cell) for cell in row] for row in rows]
    natural = [
        max([display_width(h)] + [display_width(row[i]) for row in rows])
        for i, h in enumerate(headers)
    ]
    minimum = [
        min(nat, max(display_width(h), _MIN_COLUMN))
        for nat, h in zip(natural, headers, strict=True)
    ]
    available = max(width - len(_GAP) * (len(headers) - 1), len(headers))
    widths = _column_widths(natural, minimum, available, set(flexible))

    def lines_of(cells: Sequence[str]) -> list[str]:
        wrapped = [wrap(cell, w) for cell, w in zip(cells, widths, strict=True)]
        height = max(len(column) for column in wrapped)
        return [
            _GAP.join(
                _pad(column[i] if i < len(column) else "", w)
                for column, w in zip(wrapped, widths, strict=True)
            ).rstrip()
            for i in range(height)
        ]

    out = lines_of(headers)
    if rule:
        out.append(_GAP.join("-" * w for w in widths))
    for row in rows:
        out.extend(lines_of(row))
    return "\n".join(out) + "\n"
