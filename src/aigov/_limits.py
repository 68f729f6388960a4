"""Caps on what the loaders accept: document size and nesting depth.

Both exist so that pathological input is refused with a
:class:`~aigov.ValidationError` instead of exhausting memory or the stack.
Real documents stay far below them: a forum document nests 6 levels deep.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Final, get_args, get_origin

import attrs

from aigov._text import describe_key, join_location
from aigov.exceptions import ValidationError

__all__ = [
    "MAX_DEPTH",
    "MAX_DOCUMENT_SIZE",
    "MAX_PROBLEMS_PER_ARRAY",
    "check_depth",
    "model_depth",
    "stopped_checking",
]

MAX_DOCUMENT_SIZE: Final = 256 * 1024 * 1024
"""The largest document :func:`~aigov.from_json` and :func:`~aigov.load` accept by default.

In bytes, or in characters for ``str`` input: 256 MiB.  Pass ``max_size=`` to
change it for one call.

.. versionadded:: 0.1.0
"""

MAX_DEPTH: Final = 64
"""The deepest nesting of objects and arrays the loaders accept by default.

A document's top-level object is at depth 1; a forum document needs 6.  Pass
``max_depth=`` to change it for one call.  Whatever the cap, JSON text nested
deeper than Python's recursion limit (about 1000) cannot be decoded and is
refused too.

.. versionadded:: 0.1.0
"""


MAX_PROBLEMS_PER_ARRAY: Final = 100
"""How many problems are collected in one array (or one object's unknown keys).

After that, checking the array stops and one more problem says so.  Without
this cap, a document of a million wrong items would become a million error
records: hundreds of bytes of memory for every two bytes of input.

.. versionadded:: 0.1.0
"""


def stopped_checking(index: int, length: int) -> str:
    """The message for an array whose checking stopped at *index*."""
    return (
        f"stopped checking after {MAX_PROBLEMS_PER_ARRAY} problems in this array; "
        f"{length - index} more items were not checked"
    )


def check_depth(data: object, max_depth: int) -> None:
    """Raise :class:`ValidationError` if *data* nests deeper than *max_depth*.

    The walk is iterative, so any depth is safe to check, and it reports the
    location of the first container beyond the limit.
    """
    # Each entry links to its parent's, so that a location string is only
    # built for the one container that is too deep.
    stack: list[tuple[object, int, _Link]] = [(data, 1, None)]
    while stack:
        node, depth, link = stack.pop()
        if isinstance(node, dict):
            items: Iterable[tuple[object, object]] = node.items()
        elif isinstance(node, list | tuple):
            items = enumerate(node)
        else:
            continue
        if depth > max_depth:
            msg = (
                f"nested too deeply: more than {max_depth} levels of objects and arrays"
            )
            raise ValidationError.single(msg, location=_location(link))
        children = [
            (value, depth + 1, (link, key))
            for key, value in items
            if isinstance(value, dict | list | tuple)
        ]
        # Reversed, so that the first problem in document order is found first.
        stack.extend(reversed(children))


_Link = tuple["_Link", object] | None


def _location(link: _Link) -> str:
    keys = []
    while link is not None:
        link, key = link
        keys.append(key)
    location = ""
    for key in reversed(keys):
        part = f"[{key}]" if type(key) is int else describe_key(key)
        location = join_location(location, part)
    return location


@functools.cache
def model_depth(type_: object) -> int:
    """Return how deeply a canonical document of *type_* can nest at most.

    A document of this type that loads is never deeper than this, so the
    depth check only has to run before loading when the cap is tighter.
    """
    if isinstance(type_, type) and attrs.has(type_):
        fields = attrs.fields(attrs.resolve_types(type_))
        return 1 + max((model_depth(field.type) for field in fields), default=0)
    if get_origin(type_) is tuple:
        return 1 + max(model_depth(arg) for arg in get_args(type_) if arg is not ...)
    return max((model_depth(arg) for arg in get_args(type_)), default=0)
