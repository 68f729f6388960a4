"""Reading and writing documents: dicts, JSON text and files, through one pipeline.

Every loader runs the same two steps.  The backend (msgspec with the
``fast`` extra, else the standard library) builds the objects and
:func:`aigov._bulk.valid` proves them valid, fast; if it cannot, the
reference path (``_convert.structure``) builds them again and reports every
problem with its location.  Results and errors are therefore the reference
path's, whichever backend ran.  This is the one place that chooses.
"""

from __future__ import annotations

import functools
import importlib
import json
import os
from typing import Any, Final, TypeVar, overload

from aigov import _files
from aigov._backend import Backend, Unproven, gc_paused
from aigov._convert import SCHEMA_VERSION, check_model_class, structure, unstructure
from aigov._limits import MAX_DEPTH, MAX_DOCUMENT_SIZE, check_depth, model_depth
from aigov._model import Forum
from aigov._text import describe_key, describe_value, join_location
from aigov.exceptions import ArgumentTypeError, ErrorDetail, ValidationError

__all__ = [
    "backend",
    "dump",
    "from_dict",
    "from_json",
    "load",
    "to_dict",
    "to_json",
    "to_json_bytes",
]

T = TypeVar("T")

#: Whether msgspec may be used where installed; the tests switch it off to
#: run the standard-library backend.
use_msgspec = True


@functools.cache
def _backends() -> tuple[Backend, Backend | None]:
    stdlib = Backend(SCHEMA_VERSION)
    try:
        # By name, imported on first use: ``import aigov`` should not pay
        # for msgspec, and type checking works without the extra.
        fast = importlib.import_module("aigov._msgspec").MsgspecBackend(SCHEMA_VERSION)
    except ImportError:
        fast = None
    return stdlib, fast


def backend() -> Backend:
    """The backend in use: msgspec's where installed (and not switched off)."""
    stdlib, fast = _backends()
    return fast if fast is not None and use_msgspec else stdlib


# --- dicts ---------------------------------------------------------------------------


def to_dict(obj: object) -> dict[str, Any]:
    """Return *obj* as plain JSON-native data.

    The result holds only ``dict``, ``list``, ``str``, ``int`` and ``None``,
    so ``json.loads(json.dumps(d)) == d``.  A :class:`Forum` gets a top-level
    ``"schema_version"``.

    Args:
        obj: Any aigov model object.

    Returns:
        A new ``dict`` with the object's fields by name; dates as
        ``YYYY-MM-DD`` strings, enums as their values, tuples as lists.

    Raises:
        aigov.exceptions.NotAModelError: If *obj* is not an aigov model object (a
            :class:`TypeError`).

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       Raises :class:`~aigov.exceptions.NotAModelError`.
    """
    check_model_class(type(obj))
    return unstructure(obj)


@overload
def from_dict(data: object, *, max_depth: int = ...) -> Forum: ...
@overload
def from_dict(data: object, cls: type[T], *, max_depth: int = ...) -> T: ...
def from_dict(
    data: object, cls: type[Any] = Forum, *, max_depth: int = MAX_DEPTH
) -> Any:
    """Build an aigov object from plain data, such as :func:`to_dict` returns.

    Args:
        data: A ``dict`` as decoded from JSON.
        cls: The model class to build; a forum by default.
        max_depth: Refuse *data* nested more deeply than this
            (see :data:`MAX_DEPTH`).

    Returns:
        An instance of *cls*.

    Raises:
        ValidationError: If *data* does not describe a valid *cls*; every
            problem is listed with its location.
        aigov.exceptions.NotAModelError: If *cls* is not an aigov model class (a
            :class:`TypeError`).

    .. versionadded:: 0.1.0
    """
    check_model_class(cls)
    if max_depth < model_depth(cls):  # type: ignore[arg-type]
        _check_depth(data, cls, max_depth)
    with gc_paused():
        try:
            return backend().structure(data, cls)
        except Unproven:
            pass
        except Exception:  # noqa: BLE001, S110 - odd containers: the reference path explains
            pass
    return _reference(data, cls, max_depth)


def _reference(data: object, cls: type[T], max_depth: int) -> T:
    try:
        return structure(data, cls)
    except ValidationError as exc:
        error = exc
    _check_depth(data, cls, max_depth)
    try:
        raise error
    finally:
        del error  # the frame is in the error's traceback: no cycle


def _check_depth(data: object, cls: type, max_depth: int) -> None:
    try:
        check_depth(data, max_depth)
    except ValidationError as exc:
        raise exc.within("", subject=cls.__name__) from None
    except Exception:  # noqa: BLE001, S110 - a container subclass that cannot be walked
        pass  # structuring reports it; the depth check has nothing to add


# --- JSON ------------------------------------------------------------------------------


def to_json(obj: object, *, indent: int | None = None) -> str:
    """Return *obj* as canonical JSON text.

    The same object always gives the same text, in any process: keys are
    sorted, dates are ISO 8601, enums are written by value, and non-ASCII
    text is written as is (the text is meant to be stored as UTF-8).

    Args:
        obj: Any aigov model object.
        indent: Indent nested values by this many spaces; ``None`` writes
            everything on one line with no spaces.

    Returns:
        The JSON text, without a trailing newline.

    Raises:
        aigov.exceptions.NotAModelError: If *obj* is not an aigov model object (a
            :class:`TypeError`).

    .. versionadded:: 0.1.0
    """
    check_model_class(type(obj))
    _check_indent(indent)
    with gc_paused():
        return backend().dumps_text(obj, indent)


def to_json_bytes(obj: object, *, indent: int | None = None) -> bytes:
    """Return *obj* as canonical JSON, encoded as UTF-8: :func:`to_json`'s text, as bytes.

    For files and sockets: with the ``fast`` extra, the bytes are made
    without ever building a ``str``, which for text in Chinese and other
    scripts is most of :func:`to_json`'s time.

    Args:
        obj: Any aigov model object.
        indent: As for :func:`to_json`.

    Returns:
        ``to_json(obj, indent=indent).encode()``, sooner.

    Raises:
        aigov.exceptions.NotAModelError: If *obj* is not an aigov model object (a
            :class:`TypeError`).

    .. versionadded:: 0.2.0
    """
    check_model_class(type(obj))
    _check_indent(indent)
    with gc_paused():
        return backend().dumps(obj, indent)


def _check_indent(indent: object) -> None:
    if indent is not None and type(indent) is not int:
        msg = f"indent must be an int or None, not {type(indent).__name__}"
        raise ArgumentTypeError(msg)


def _size_of(text: object) -> int:
    if isinstance(text, memoryview):
        return text.nbytes  # len() counts items, which may be wider than bytes
    return len(text)  # type: ignore[arg-type]


@overload
def from_json(
    text: str | bytes, *, max_size: int = ..., max_depth: int = ...
) -> Forum: ...
@overload
def from_json(
    text: str | bytes, cls: type[T], *, max_size: int = ..., max_depth: int = ...
) -> T: ...
def from_json(
    text: str | bytes,
    cls: type[Any] = Forum,
    *,
    max_size: int = MAX_DOCUMENT_SIZE,
    max_depth: int = MAX_DEPTH,
) -> Any:
    """Build an aigov object from JSON text, such as :func:`to_json` returns.

    A key given twice in one object is an error (RFC 8259 leaves its meaning
    open, so two readers could read two different forums from one file).

    Args:
        text: The JSON document, as ``str`` or UTF-8 ``bytes``.
        cls: The model class to build; a forum by default.
        max_size: Refuse documents longer than this many bytes (characters,
            for ``str``); see :data:`MAX_DOCUMENT_SIZE`.
        max_depth: Refuse documents nested more deeply than this
            (see :data:`MAX_DEPTH`).

    Returns:
        An instance of *cls*.

    Raises:
        ValidationError: If *text* is not valid UTF-8 or JSON, or does not
            describe a valid *cls*; every problem is listed with its location.
        TypeError: If *text* is neither ``str`` nor ``bytes`` (an
            :class:`~aigov.exceptions.ArgumentTypeError`), or *cls* is not an
            aigov model class (a :class:`~aigov.exceptions.NotAModelError`).

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       Duplicate keys are refused.
    """
    check_model_class(cls)
    if not isinstance(text, str | bytes | bytearray | memoryview):
        # Callers without a type checker can pass anything.
        msg = f"text must be str or bytes, not {type(text).__name__}"  # type: ignore[unreachable]
        raise ArgumentTypeError(msg)
    size = _size_of(text)
    if size > max_size:
        unit = "characters" if isinstance(text, str) else "bytes"
        msg = f"document is {size} {unit}; the limit is {max_size}"
        raise ValidationError.single(msg)
    if type(text) is not str and type(text) is not bytes:
        text = bytes(text)  # type: ignore[arg-type]
    if max_depth >= model_depth(cls):  # type: ignore[arg-type]
        with gc_paused():
            try:
                return backend().load(text, cls)
            except Unproven:
                pass
            except Exception:  # noqa: BLE001, S110 - whatever it is, the reference path explains it
                pass
    return from_dict(_decode(text), cls, max_depth=max_depth)


def _decode(text: str | bytes) -> object:
    """Decode *text* on the reference path: every problem located."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            msg = f"not valid UTF-8 ({exc.reason} at byte {exc.start})"
            raise ValidationError.single(msg) from None
    # Editors on Windows like to start UTF-8 files with a byte order mark.
    text = text.removeprefix("\ufeff")
    duplicates: dict[int, list[str]] = {}

    def note_duplicates(pairs: list[tuple[str, object]]) -> dict[str, object]:
        data = dict(pairs)
        if len(data) != len(pairs):
            seen: set[str] = set()
            duplicates[id(data)] = [k for k, _ in pairs if k in seen or seen.add(k)]  # type: ignore[func-returns-value]
        return data

    try:
        data = json.loads(text, object_pairs_hook=note_duplicates)
    except json.JSONDecodeError as exc:
        msg = f"invalid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        raise ValidationError.single(msg) from None
    except RecursionError:
        raise ValidationError.single("invalid JSON: nested too deeply") from None
    except ValueError as exc:  # e.g. an integer with more digits than Python allows
        msg = f"invalid JSON: {exc}"
        raise ValidationError.single(msg) from None
    if duplicates:
        raise ValidationError(_locate_duplicates(data, duplicates))
    return data


def _locate_duplicates(
    data: object, duplicates: dict[int, list[str]]
) -> list[ErrorDetail]:
    found: list[ErrorDetail] = []
    stack: list[tuple[object, str]] = [(data, "")]
    while stack and len(found) < MAX_LISTED_DUPLICATES:
        node, location = stack.pop()
        if isinstance(node, dict):
            for key in duplicates.get(id(node), ()):
                msg = f"key {describe_value(key)} is given more than once; aigov never guesses which is meant"
                found.append(
                    ErrorDetail(join_location(location, describe_key(key)), msg, key)
                )
            children = [
                (v, join_location(location, describe_key(k))) for k, v in node.items()
            ]
        elif isinstance(node, list):
            children = [(v, f"{location}[{i}]") for i, v in enumerate(node)]
        else:
            continue
        stack.extend(reversed(children))
    return found


#: How many duplicate keys a report names.
MAX_LISTED_DUPLICATES: Final = 100


# --- files -------------------------------------------------------------------------------


def dump(forum: Forum, path: str | os.PathLike[str]) -> None:
    """Write *forum* to *path* as indented, canonical UTF-8 JSON.

    The text goes to a temporary file in the same directory, which is flushed
    to disk and then renamed over *path*: readers see the old file or the new
    one, never half of one, and a failure leaves the old file as it was.

    Args:
        forum: The forum to write.
        path: Where to write it.

    Raises:
        OSError: If the file cannot be written.
        aigov.exceptions.NotAModelError: If *forum* is not a :class:`Forum` (a
            :class:`TypeError`).

    .. versionadded:: 0.1.0
    """
    check_model_class(type(forum), (Forum,))
    _files.write_atomic(path, to_json_bytes(forum, indent=2) + b"\n")


@overload
def load(
    path: str | os.PathLike[str], *, max_size: int = ..., max_depth: int = ...
) -> Forum: ...
@overload
def load(
    path: str | os.PathLike[str],
    cls: type[T],
    *,
    max_size: int = ...,
    max_depth: int = ...,
) -> T: ...
def load(
    path: str | os.PathLike[str],
    cls: type[Any] = Forum,
    *,
    max_size: int = MAX_DOCUMENT_SIZE,
    max_depth: int = MAX_DEPTH,
) -> Any:
    """Read an aigov JSON file, such as :func:`dump` writes.

    Args:
        path: The file to read.
        cls: The model class to build; a forum by default.
        max_size: Refuse files larger than this many bytes, without reading
            more of them; see :data:`MAX_DOCUMENT_SIZE`.
        max_depth: Refuse documents nested more deeply than this
            (see :data:`MAX_DEPTH`).

    Returns:
        An instance of *cls*.

    Raises:
        OSError: If the file cannot be opened or read.
        ValidationError: If its content is not valid UTF-8 JSON describing a
            valid *cls*; every problem is listed with its location.

    .. versionadded:: 0.1.0
    """
    check_model_class(cls)
    data = _files.read_at_most(path, max_size)
    return from_json(data, cls, max_size=max_size, max_depth=max_depth)
