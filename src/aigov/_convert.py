"""Serialisation: one strict cattrs converter, JSON text and files.

The converter never coerces: a number where a string belongs, a string where
a list belongs, a float or boolean where an integer belongs are all errors.
Every failure, however deep, is turned into one :class:`ValidationError`
that lists each problem with its location in the document.
"""

from __future__ import annotations

import datetime
import difflib
import enum
import json
import os
import re
from collections.abc import Callable, Iterator
from typing import Any, Final, TypeVar, get_args, get_origin, overload

import attrs
import cattrs
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from aigov import _fast
from aigov._files import read_at_most, write_atomic
from aigov._limits import (
    MAX_DEPTH,
    MAX_DOCUMENT_SIZE,
    MAX_PROBLEMS_PER_ARRAY,
    check_depth,
    model_depth,
    stopped_checking,
)
from aigov._model import (
    MODEL_CLASSES,
    Forum,
    OrganizationKind,
    SessionKind,
    StatementKind,
)
from aigov._text import describe_key, describe_value, join_location
from aigov.exceptions import ErrorDetail, ValidationError

__all__ = [
    "SCHEMA_VERSION",
    "converter",
    "dump",
    "from_dict",
    "from_json",
    "load",
    "to_dict",
    "to_json",
]

SCHEMA_VERSION: Final = 1
"""The version of the JSON document format that this aigov writes.

Every forum document states its version in a top-level ``"schema_version"``
key.  Documents of this version load as they are; older versions are upgraded
by migrations; newer ones are refused.

.. versionadded:: 0.1.0
"""

_MODEL_CLASSES: Final = MODEL_CLASSES

T = TypeVar("T")

#: Unknown keys and enum values longer than this get no "did you mean".
_LONGEST_SUGGESTED: Final = 100

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

_Migration = Callable[[dict[str, Any]], dict[str, Any]]

#: Upgrades of forum documents: ``_MIGRATIONS[n]`` turns the body of a version
#: ``n`` document (without its ``schema_version``) into a version ``n + 1`` body.
#: Fill it with :func:`_migration`.
_MIGRATIONS: dict[int, _Migration] = {}


def _migration(from_version: int) -> Callable[[_Migration], _Migration]:
    """Register the decorated function as the upgrade from *from_version*.

    When a change to the model needs ``SCHEMA_VERSION`` raised from ``n`` to
    ``n + 1``, write the upgrade of an ``n`` body next to the change::

        @_migration(1)
        def _rename_location_to_venue(body):
            return {("venue" if k == "location" else k): v for k, v in body.items()}

    The function gets the document without its ``schema_version`` and must
    return a new dict rather than change what it was given (which is the
    caller's data).  It may assume nothing about the body beyond it being a
    ``dict``: its result is checked as any document is, and anything it
    raises is reported as a :class:`ValidationError`.  Test every migration
    with a document of the old version.
    """

    def register(migrate: _Migration) -> _Migration:
        if from_version in _MIGRATIONS or from_version >= SCHEMA_VERSION:
            msg = f"a migration from schema version {from_version} cannot be added"
            raise ValueError(msg)
        _MIGRATIONS[from_version] = migrate
        return migrate

    return register


# --- errors --------------------------------------------------------------------


def _wrong_type(expected: str, value: object) -> ValidationError:
    return ValidationError.single(
        f"expected {expected}, got {_json_type_name(value)}", value
    )


def _json_type_name(value: object) -> str:
    names = {
        dict: "an object",
        list: "an array",
        str: "a string",
        bool: "a boolean",
        int: "an integer",
        float: "a number",
        type(None): "null",
    }
    return names.get(type(value), type(value).__name__)


def _suggest(word: str, choices: list[str]) -> str:
    if len(word) > _LONGEST_SUGGESTED:
        return ""  # no name is that long; comparing megabytes would only cost time
    close = difflib.get_close_matches(word, choices, n=1)
    return f"; did you mean {close[0]!r}?" if close else ""


def _child(data: object, key: str | int) -> object:
    """The part of the input at *key*, for reporting it; ``None`` if absent."""
    try:
        return data[key]  # type: ignore[index]
    except (KeyError, IndexError, TypeError):
        return None


def _details(exc: BaseException, data: object) -> Iterator[ErrorDetail]:
    """Flatten whatever structuring raised into located problems."""
    if isinstance(exc, ValidationError):
        yield from exc.errors
    elif isinstance(exc, ClassValidationError):
        with_notes, without_notes = exc.group_exceptions()
        for sub, note in with_notes:
            if isinstance(sub, KeyError) and not (
                isinstance(data, dict) and note.name in data
            ):
                yield ErrorDetail(note.name, "required field missing")
            else:
                for detail in _details(sub, _child(data, note.name)):
                    yield detail.within(note.name)
        for sub in without_notes:
            if isinstance(sub, ForbiddenExtraKeysError):
                yield from _unknown_keys(sub, data)
            else:
                yield from _details(sub, data)
    elif isinstance(exc, RecursionError):
        yield ErrorDetail("", "nested too deeply")
    else:  # pragma: no cover - every hook raises ValidationError; a safety net
        yield ErrorDetail("", f"invalid value ({type(exc).__name__}: {exc})", data)


def _unknown_keys(exc: ForbiddenExtraKeysError, data: object) -> Iterator[ErrorDetail]:
    known = [field.name for field in attrs.fields(exc.cl)]
    # Sorted: the set's order would change between processes.  Python callers
    # of from_dict may use keys of any type, which do not sort with strings.
    keys: list[Any] = sorted(
        exc.extra_fields,
        key=lambda k: (0, k, "") if type(k) is str else (1, "", repr(k)),
    )
    for key in keys[:MAX_PROBLEMS_PER_ARRAY]:
        if type(key) is str:
            msg = f"unknown field {describe_value(key)} for {exc.cl.__name__}{_suggest(key, known)}"
        else:
            msg = f"keys must be strings, not {_json_type_name(key)}"
        yield ErrorDetail(describe_key(key), msg, _child(data, key))
    if len(keys) > MAX_PROBLEMS_PER_ARRAY:
        more = len(keys) - MAX_PROBLEMS_PER_ARRAY
        yield ErrorDetail(
            "", f"{more} more unknown fields for {exc.cl.__name__} not listed"
        )


# --- the converter -------------------------------------------------------------


def _structure_str(value: object, _: type) -> str:
    if type(value) is not str:
        raise _wrong_type("a string", value)
    return value


def _structure_int(value: object, _: type) -> int:
    if type(value) is not int:
        raise _wrong_type("an integer", value)
    return value


def _structure_date(value: object, _: type) -> datetime.date:
    if type(value) is not str:
        raise _wrong_type("a date string (YYYY-MM-DD)", value)
    if not _ISO_DATE.fullmatch(value):
        msg = f"{describe_value(value)} is not a date in the form YYYY-MM-DD"
        raise ValidationError.single(msg, value)
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        msg = f"{describe_value(value)} is not a calendar date"
        raise ValidationError.single(msg, value) from None


def _make_enum_hook(cls: type[enum.Enum]) -> Callable[[object, type], enum.Enum]:
    members = {member.value: member for member in cls}
    values = list(members)

    def structure_enum(value: object, _: type) -> enum.Enum:
        if type(value) is not str:
            raise _wrong_type("a string", value)
        try:
            return members[value]
        except KeyError:
            allowed = ", ".join(map(repr, values))
            msg = (
                f"{describe_value(value)} is not a valid {cls.__name__}; expected one of "
                f"{allowed}{_suggest(value, values)}"
            )
            raise ValidationError.single(msg, value) from None

    return structure_enum


def _unstructure_enum(member: enum.Enum) -> object:
    return member.value


def _is_homogeneous_tuple(type_: object) -> bool:
    args = get_args(type_)
    return get_origin(type_) is tuple and len(args) == 2 and args[1] is Ellipsis  # noqa: PLR2004


def _make_tuple_hook(
    type_: Any,  # noqa: ANN401 - a tuple[X, ...] type form
    conv: cattrs.Converter,
) -> Callable[[object, type], tuple[object, ...]]:
    (item_type, _) = get_args(type_)
    structure_item = conv.get_structure_hook(item_type)

    def structure_tuple(value: object, _: type) -> tuple[object, ...]:
        # A JSON array arrives as a list; Python callers of from_dict may
        # reasonably pass tuples.  Strings and objects are iterable but wrong.
        if type(value) is not list and type(value) is not tuple:
            raise _wrong_type("an array", value)
        items = []
        errors: list[ErrorDetail] = []
        for index, item in enumerate(value):
            if len(errors) >= MAX_PROBLEMS_PER_ARRAY:
                errors.append(
                    ErrorDetail(f"[{index}]", stopped_checking(index, len(value)))
                )
                break
            try:
                items.append(structure_item(item, item_type))
            except Exception as exc:  # noqa: BLE001 - every failure is reported
                errors.extend(d.within(f"[{index}]") for d in _details(exc, item))
        if errors:
            raise ValidationError(errors)
        return tuple(items)

    return structure_tuple


def _make_class_hook(
    cls: type[T], conv: cattrs.Converter
) -> Callable[[object, type], T]:
    structure_fields = make_dict_structure_fn(cls, conv)

    def structure_class(value: object, _: type) -> T:
        if not isinstance(value, dict):
            raise _wrong_type("an object", value)
        try:
            return structure_fields(value, cls)
        except ClassValidationError as exc:
            # The constructor, which checks values, never ran; check the
            # fields that did structure so that one report lists everything.
            more = list(_check_structured_fields(cls, value, exc, conv))
            if not more:
                raise
            raise ClassValidationError(
                exc.message, [*exc.exceptions, ValidationError(more)], cls
            ) from None

    return structure_class


def _check_structured_fields(
    cls: type, value: dict[str, Any], exc: ClassValidationError, conv: cattrs.Converter
) -> Iterator[ErrorDetail]:
    with_notes, without_notes = exc.group_exceptions()
    if any(not isinstance(e, ForbiddenExtraKeysError) for e in without_notes):
        return  # the constructor ran and has reported on every field
    checks = getattr(cls, "_checks", {})
    failed = {note.name for _, note in with_notes}
    for field in attrs.fields(attrs.resolve_types(cls)):
        if field.name in failed or field.name not in value or _holds_models(field.type):
            continue
        field_value = conv.structure(value[field.name], field.type)
        if field.converter is not None:
            field_value = field.converter(field_value)
        for location, message, bad in checks[field.name](field_value):
            yield ErrorDetail(join_location(field.name, location), message, bad)


def _holds_models(type_: object) -> bool:
    # Nested model objects that structured have already checked themselves.
    return (isinstance(type_, type) and attrs.has(type_)) or any(
        _holds_models(arg) for arg in get_args(type_)
    )


def _structure_forum_hook(
    conv: cattrs.Converter,
) -> Callable[[object, type], Forum]:
    structure_body = _make_class_hook(Forum, conv)

    def structure_forum(value: object, _: type) -> Forum:
        if not isinstance(value, dict):
            raise _wrong_type("an object", value)
        if "schema_version" not in value:
            msg = (
                "required field missing: a forum document states its schema "
                f"version (this aigov writes {SCHEMA_VERSION})"
            )
            raise ValidationError.single(msg, location="schema_version")
        version = value["schema_version"]
        body = {key: item for key, item in value.items() if key != "schema_version"}
        return structure_body(_upgrade(body, version), Forum)

    return structure_forum


def _upgrade(body: dict[str, Any], version: object) -> dict[str, Any]:
    """Bring a forum document body from *version* up to :data:`SCHEMA_VERSION`."""
    if type(version) is not int:
        raise _wrong_type("an integer", version).within("schema_version")
    if version > SCHEMA_VERSION:
        msg = (
            f"this document has schema version {describe_value(version)}, but this aigov reads "
            f"versions up to {SCHEMA_VERSION}; upgrade aigov to read it"
        )
        raise ValidationError.single(msg, version, location="schema_version")
    while version < SCHEMA_VERSION:
        migrate = _MIGRATIONS.get(version)
        if migrate is None:
            msg = f"schema version {describe_value(version)} is not supported (oldest readable is {min(_MIGRATIONS, default=SCHEMA_VERSION)})"
            raise ValidationError.single(msg, version, location="schema_version")
        try:
            body = migrate(body)
        except Exception as exc:  # noqa: BLE001 - a document too odd to upgrade is bad data
            msg = f"cannot upgrade this document from schema version {version}: {describe_value(exc)}"
            raise ValidationError.single(
                msg, version, location="schema_version"
            ) from None
        version += 1
    return body


def _unstructure_forum_hook(
    conv: cattrs.Converter,
) -> Callable[[Forum], dict[str, Any]]:
    unstructure_body = make_dict_unstructure_fn(Forum, conv)

    def unstructure_forum(forum: Forum) -> dict[str, Any]:
        return {"schema_version": SCHEMA_VERSION, **unstructure_body(forum)}

    return unstructure_forum


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(datetime.date, _structure_date)
    conv.register_unstructure_hook(datetime.date, datetime.date.isoformat)
    # Registered by class: the model's enums are str subclasses, and the str
    # hook would otherwise win the dispatch and let any string through.
    for enum_class in (OrganizationKind, SessionKind, StatementKind):
        conv.register_structure_hook(enum_class, _make_enum_hook(enum_class))
        conv.register_unstructure_hook(enum_class, _unstructure_enum)
    conv.register_structure_hook_factory(_is_homogeneous_tuple, _make_tuple_hook)
    conv.register_structure_hook_factory(attrs.has, _make_class_hook)
    conv.register_structure_hook(Forum, _structure_forum_hook(conv))
    conv.register_unstructure_hook(Forum, _unstructure_forum_hook(conv))
    return conv


converter: Final = _make_converter()
"""The configured :class:`cattrs.Converter` behind :func:`to_dict` and :func:`from_dict`.

Use it to embed aigov objects in your own attrs classes; it is as strict as
:func:`from_dict` (no coercion, no unknown keys).  Errors it raises are
cattrs' own exception groups; :func:`from_dict` turns them into a
:class:`ValidationError`.

.. versionadded:: 0.1.0
"""


# --- dicts and JSON --------------------------------------------------------------


def _check_model_class(
    cls: type, allowed: type | tuple[type, ...] = _MODEL_CLASSES
) -> None:
    # Guards callers without a type checker: a wrong class is a programming
    # error (TypeError), not bad data.
    if cls not in (allowed if isinstance(allowed, tuple) else (allowed,)):
        msg = f"expected an aigov model class ({allowed}), not {cls!r}"
        raise TypeError(msg)


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
        TypeError: If *obj* is not an aigov model object.

    .. versionadded:: 0.1.0
    """
    _check_model_class(type(obj))
    result: dict[str, Any] = converter.unstructure(obj)
    return result


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
        TypeError: If *cls* is not an aigov model class.

    .. versionadded:: 0.1.0
    """
    _check_model_class(cls)
    _check_depth_first(data, cls, max_depth)
    fast = _fast.structure(data, cls)
    if fast is not _fast.FALLBACK:
        return fast
    try:
        return converter.structure(data, cls)
    except Exception as exc:  # noqa: BLE001 - every failure becomes a ValidationError
        _check_depth(data, cls, max_depth)
        raise ValidationError(_details(exc, data), subject=cls.__name__) from None


def _check_depth_first(data: object, cls: type, max_depth: int) -> None:
    if _depth_first(cls, max_depth):
        _check_depth(data, cls, max_depth)


def _depth_first(cls: type, max_depth: int) -> bool:
    # Whatever loads is at most model_depth(cls) deep, so for the usual caps
    # the walk is only needed once structuring has failed: valid documents
    # pay nothing for it.
    return max_depth < model_depth(cls)


def _check_depth(data: object, cls: type, max_depth: int) -> None:
    try:
        check_depth(data, max_depth)
    except ValidationError as exc:
        raise exc.within("", subject=cls.__name__) from None
    except Exception:  # noqa: BLE001, S110 - a container subclass that cannot be walked
        pass  # structuring reports it; the depth check has nothing to add


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
        TypeError: If *obj* is not an aigov model object.

    .. versionadded:: 0.1.0
    """
    fast = _fast.dumps(obj, indent)
    if fast is not _fast.FALLBACK:
        return fast  # type: ignore[return-value]
    separators = (",", ":") if indent is None else (",", ": ")
    return json.dumps(
        to_dict(obj),
        ensure_ascii=False,
        sort_keys=True,
        indent=indent,
        separators=separators,
    )


def _decode_json(text: object, max_size: int = MAX_DOCUMENT_SIZE) -> object:
    if isinstance(text, bytes | bytearray | memoryview):
        size = len(text)
        if size > max_size:
            msg = f"document is {size} bytes; the limit is {max_size}"
            raise ValidationError.single(msg)
        fast = _fast.loads_utf8(text)
        if fast is not _fast.FALLBACK:
            return fast
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError as exc:
            msg = f"not valid UTF-8 ({exc.reason} at byte {exc.start})"
            raise ValidationError.single(msg) from None
    elif not isinstance(text, str):
        msg = f"text must be str or bytes, not {type(text).__name__}"
        raise TypeError(msg)
    elif len(text) > max_size:
        msg = f"document is {len(text)} characters; the limit is {max_size}"
        raise ValidationError.single(msg)
    # Editors on Windows like to start UTF-8 files with a byte order mark.
    text = text.removeprefix("\ufeff")
    try:
        return _fast.loads(text)
    except json.JSONDecodeError as exc:
        msg = f"invalid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        raise ValidationError.single(msg) from None
    except RecursionError:
        raise ValidationError.single("invalid JSON: nested too deeply") from None
    except ValueError as exc:  # e.g. an integer with more digits than Python allows
        msg = f"invalid JSON: {exc}"
        raise ValidationError.single(msg) from None


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
        TypeError: If *text* is neither ``str`` nor ``bytes``, or *cls* is
            not an aigov model class.

    .. versionadded:: 0.1.0
    """
    _check_model_class(cls)
    with _fast.gc_paused():
        if not _depth_first(cls, max_depth):
            fast = _fast.build_json(text, cls, max_size)
            if fast is not _fast.FALLBACK:
                return fast
        return from_dict(_decode_json(text, max_size), cls, max_depth=max_depth)


# --- files ---------------------------------------------------------------------------


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
        TypeError: If *forum* is not a :class:`Forum`.

    .. versionadded:: 0.1.0
    """
    _check_model_class(type(forum), Forum)
    data = (to_json(forum, indent=2) + "\n").encode("utf-8")
    write_atomic(path, data)


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
    _check_model_class(cls)
    data = read_at_most(path, max_size)
    return from_json(data, cls, max_size=max_size, max_depth=max_depth)
