"""The links file: a user's corrections to how speakers are grouped into people.

A links file is a JSON object::

    {
      "aigov_links": 1,
      "same": [[["forum-a", "li-meng"], ["forum-b", "li-meng-2"]]],
      "different": [[["forum-a", "wang-wei"], ["forum-c", "wang-wei"]]]
    }

``aigov_links`` is the format's version (1); ``same`` and ``different``
(each optional, empty when left out) are lists of pairs of speakers, each
speaker a ``[forum_id, speaker_id]`` pair of strings.  Nothing else is
allowed.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import attrs

from aigov._people import SpeakerRef
from aigov._text import describe_key, describe_value
from aigov.exceptions import ErrorDetail, ValidationError

__all__ = ["LINKS_VERSION", "Links", "dump_links", "load_links"]

#: The version of the links file format that this aigov reads and writes.
LINKS_VERSION = 1

_VERSION_KEY = "aigov_links"
_PAIR_FIELDS = ("same", "different")


@attrs.frozen(kw_only=True)
class Links:
    """Corrections to how speakers are grouped into people: pairs that are, or are not, one person.

    Attributes:
        same: Pairs of ``(forum_id, speaker_id)`` that are one person.
        different: Pairs that are never one person.

    .. versionadded:: 0.2.0
    """

    same: tuple[tuple[SpeakerRef, SpeakerRef], ...] = ()
    different: tuple[tuple[SpeakerRef, SpeakerRef], ...] = ()


def _ref(value: object, location: str, problems: list[ErrorDetail]) -> SpeakerRef:
    if (
        isinstance(value, list)
        and len(value) == 2  # noqa: PLR2004 - a pair
        and all(isinstance(part, str) and part for part in value)
    ):
        return (value[0], value[1])
    msg = f"expected [forum_id, speaker_id], two non-empty strings; got {describe_value(value)}"
    problems.append(ErrorDetail(location, msg, value))
    return ("", "")


def _pairs(
    value: object, field: str, problems: list[ErrorDetail]
) -> tuple[tuple[SpeakerRef, SpeakerRef], ...]:
    if not isinstance(value, list):
        msg = f"expected a list of pairs of speakers; got {describe_value(value)}"
        problems.append(ErrorDetail(field, msg, value))
        return ()
    pairs = []
    for index, pair in enumerate(value):
        location = f"{field}[{index}]"
        if not isinstance(pair, list) or len(pair) != 2:  # noqa: PLR2004 - a pair
            msg = f"expected a pair of speakers; got {describe_value(pair)}"
            problems.append(ErrorDetail(location, msg, pair))
            continue
        pairs.append(
            (
                _ref(pair[0], f"{location}[0]", problems),
                _ref(pair[1], f"{location}[1]", problems),
            )
        )
    return tuple(pairs)


def links_from_dict(document: object) -> Links:
    """Read a links document already parsed from JSON.

    Raises:
        ValidationError: If it is not a links document this aigov reads;
            every problem is listed with its location.
    """
    if not isinstance(document, dict):
        msg = f"expected a JSON object; got {describe_value(document)}"
        raise ValidationError.single(msg, document)
    problems: list[ErrorDetail] = []
    version = document.get(_VERSION_KEY)
    if version is None:
        msg = f"missing {_VERSION_KEY!r}: the links format version ({LINKS_VERSION})"
        problems.append(ErrorDetail(_VERSION_KEY, msg))
    elif type(version) is not int or version < 1:
        msg = f"expected a positive integer; got {describe_value(version)}"
        problems.append(ErrorDetail(_VERSION_KEY, msg, version))
    elif version > LINKS_VERSION:
        msg = f"links format version {version} is newer than this aigov reads ({LINKS_VERSION}); upgrade aigov"
        problems.append(ErrorDetail(_VERSION_KEY, msg, version))
    for key in document:
        if key not in {_VERSION_KEY, *_PAIR_FIELDS}:
            msg = f"unknown key; expected {_VERSION_KEY}, same or different"
            problems.append(ErrorDetail(describe_key(key), msg, key))
    same = _pairs(document.get("same", []), "same", problems)
    different = _pairs(document.get("different", []), "different", problems)
    if problems:
        raise ValidationError(problems, subject="links")
    return Links(same=same, different=different)


def links_to_dict(links: Links) -> dict[str, object]:
    """Return *links* as a links document, ready for :func:`json.dumps`."""
    return {
        _VERSION_KEY: LINKS_VERSION,
        "same": [[list(a), list(b)] for a, b in links.same],
        "different": [[list(a), list(b)] for a, b in links.different],
    }


def load_links(path: str | os.PathLike[str]) -> Links:
    """Read a links file (see :ref:`the links file <links-file>`).

    Args:
        path: The file.

    Raises:
        ValidationError: If the file is not valid JSON or not a links
            document this aigov reads (unknown keys, wrong shapes, a newer
            format version); locations start with the file's name.
        OSError: If the file cannot be read.

    .. versionadded:: 0.2.0
    """
    name = os.fspath(path)
    text = Path(path).read_bytes()
    try:
        document = json.loads(text)
    except (ValueError, RecursionError) as error:
        msg = f"not valid JSON: {describe_value(str(error))}"
        raise ValidationError.single(msg, location=describe_key(name)) from None
    try:
        return links_from_dict(document)
    except ValidationError as error:
        raise error.within(describe_key(name)) from None


def dump_links(links: Links, path: str | os.PathLike[str]) -> None:
    """Write *links* to a links file, replacing it atomically if it exists.

    Args:
        links: The links.
        path: Where to write them.

    Raises:
        OSError: If the file cannot be written.

    .. versionadded:: 0.2.0
    """
    target = Path(path)
    text = json.dumps(links_to_dict(links), ensure_ascii=False, indent=2) + "\n"
    descriptor, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write(text)
        Path(temporary).replace(target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
