"""A web page's article text, for extraction (the ``html`` extra: trafilatura)."""

from __future__ import annotations

import re

from aigov.exceptions import MissingExtraError

#: What a page starts with, or holds near its start, where it is HTML.
_HTML_START = re.compile(
    r"\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])", re.IGNORECASE
)
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")
#: How far into a text the sniffing looks: a page's markup starts early.
_SNIFFED = 2048


def looks_like_html(text: str, name: str | None = None) -> bool:
    """Whether *text*, read from the file *name*, is a web page rather than plain text."""
    if name is not None and name.casefold().endswith(_HTML_SUFFIXES):
        return True
    return _HTML_START.match(text[:_SNIFFED].lstrip("\ufeff")) is not None


def article_text(html: str) -> str | None:
    """The main text of the web page *html*, or ``None`` where it has none.

    trafilatura finds the article and leaves out navigation, footers and
    the like; it works offline on the page given.  Its paragraphs (one a
    line) are returned separated by blank lines, as plain-text reports
    separate them, so that a headline does not run into the first sentence.

    Raises:
        MissingExtraError: If trafilatura (the ``html`` extra) is not installed.
    """
    try:
        import trafilatura  # noqa: PLC0415 - an optional extra, loaded when used
    except ImportError:
        raise MissingExtraError(
            "extracting from an HTML page", "html", module="trafilatura"
        ) from None
    found: str | None = trafilatura.extract(html)
    if found is None:
        return None
    paragraphs = [line.strip() for line in found.splitlines() if line.strip()]
    return "\n\n".join(paragraphs) or None
