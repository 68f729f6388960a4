"""The converter: one strict cattrs converter, derived from the field declarations.

The converter never coerces: a number where a string belongs, a string where
a list belongs, a float or boolean where an integer belongs are all errors.
Every failure, however deep, is turned into one :class:`ValidationError`
that lists each problem with its location in the document.  This is the
reference path: the fast loaders (``_io``) hand any document they cannot
prove valid to :func:`structure`, which locates every problem.
"""

from __future__ import annotations

import datetime
import enum
import functools
import re
import types
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, Final, TypeVar, Union, get_args, get_origin

import attrs

from aigov._fields import MAX_PROBLEMS_PER_ARRAY, fields_of, stopped_checking
from aigov._model import MODEL_CLASSES, Forum, PartialDate
from aigov._text import (
    bounded,
    describe_key,
    describe_value,
    escape_control,
    suggestion,
)
from aigov.exceptions import ErrorDetail, NotAModelError, ValidationError

if TYPE_CHECKING:
    import cattrs
    from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError

__all__ = [
    "SCHEMA_VERSION",
    "check_model_class",
    "converter",
    "get_converter",
    "structure",
    "unstructure",
]

SCHEMA_VERSION: Final = 2
"""The version of the JSON document format that this aigov writes.

Every forum document states its version in a top-level ``"schema_version"``
key.  Documents of this version load as they are; older versions are upgraded
by migrations; newer ones are refused.

.. versionadded:: 0.1.0
"""

T = TypeVar("T")

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


@_migration(1)
def _participants_and_counts(body: dict[str, Any]) -> dict[str, Any]:
    """Upgrade a version 1 body to version 2.

    Sessions' ``chair_ids`` and ``speaker_ids`` become participants, and a
    bare ``attendance`` number a :class:`~aigov.Count` of at least that many.

    ``at_least`` is true of both meanings 0.1 allowed: an exact count and
    the lower bound of "more than N".
    """
    upgraded = dict(body)
    attendance = body.get("attendance")
    if type(attendance) is int:
        upgraded["attendance"] = {"value": attendance, "relation": "at_least"}
    sessions = body.get("sessions")
    if isinstance(sessions, list):
        upgraded["sessions"] = [_session_v2(session) for session in sessions]
    return upgraded


def _session_v2(session: object) -> object:
    if not isinstance(session, dict):
        return session  # checked, and refused, as any document is
    upgraded = {
        k: v for k, v in session.items() if k not in ("chair_ids", "speaker_ids")
    }
    participants = [
        {"speaker_id": speaker_id, "part": part}
        for key, part in (("chair_ids", "chair"), ("speaker_ids", "speaker"))
        for speaker_id in session.get(key, [])
    ]
    if participants or "chair_ids" in session or "speaker_ids" in session:
        upgraded["participants"] = participants
    return upgraded


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


def _child(data: object, key: str | int) -> object:
    """The part of the input at *key*, for reporting it; ``None`` if absent."""
    try:
        return data[key]  # type: ignore[index]
    except Exception:  # noqa: BLE001 - a missing key, or a key whose __eq__ raises
        return None


def _details(exc: BaseException, data: object) -> Iterator[ErrorDetail]:
    """Flatten whatever structuring raised into located problems."""
    from cattrs.errors import (  # noqa: PLC0415 - cattrs is imported on first use
        ClassValidationError,
        ForbiddenExtraKeysError,
    )

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
    else:  # every hook raises ValidationError: this is a key or container that raised
        yield ErrorDetail("", f"invalid value ({_describe_exception(exc)})", data)


def _describe_exception(exc: BaseException) -> str:
    """``Type: message``, escaped and bounded: the exception may come from the caller's data."""
    try:
        text = str(exc)
    except Exception:  # noqa: BLE001 - an exception whose __str__ raises still gets reported
        text = "(its message cannot be shown)"
    return bounded(escape_control(f"{type(exc).__name__}: {text}"))


def _unknown_keys(exc: ForbiddenExtraKeysError, data: object) -> Iterator[ErrorDetail]:
    known = [field.name for field in attrs.fields(exc.cl)]
    extra = exc.extra_fields
    # Reported in the document's order (the set's order would change between
    # processes), and only the first ones: sorting millions of keys to list
    # a hundred would cost seconds.  Python callers of from_dict may use keys
    # of any type; nothing here calls their repr() or compares them.
    keys = [key for key in data if key in extra] if isinstance(data, dict) else []
    for key in keys[:MAX_PROBLEMS_PER_ARRAY]:
        if type(key) is str:
            msg = f"unknown field {describe_value(key)} for {exc.cl.__name__}{suggestion(key, known)}"
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


def _when_class(type_: object) -> type | None:
    """The class of partial dates in a ``date | PartialDate [| None]`` field type."""
    origin = get_origin(type_)
    if origin is not Union and origin is not types.UnionType:
        return None
    others = [a for a in get_args(type_) if a not in (datetime.date, type(None))]
    if (
        datetime.date in get_args(type_)
        and len(others) == 1
        and getattr(others[0], "__aigov_form__", None) == "when"
    ):
        partial: type = others[0]
        return partial
    return None


_REDUCED_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2}))?")


def parse_when(value: object, partial: type) -> object:
    """A date from ISO 8601 text of full or reduced precision: ``2025``, ``2025-11``, ``2025-11-04``.

    Raises:
        ValidationError: If *value* is none of these.
    """
    if type(value) is not str:
        raise _wrong_type("a date string (YYYY, YYYY-MM or YYYY-MM-DD)", value)
    if _ISO_DATE.fullmatch(value):
        return _structure_date(value, datetime.date)
    match = _REDUCED_DATE.fullmatch(value)
    if match is None:
        msg = f"{describe_value(value)} is not a date in the form YYYY, YYYY-MM or YYYY-MM-DD"
        raise ValidationError.single(msg, value)
    month = None if match[2] is None else int(match[2])
    return partial(year=int(match[1]), month=month)


def _make_when_hook(type_: object) -> Callable[[object, type], object]:
    partial = _when_class(type_)
    optional = type(None) in get_args(type_)

    def structure_when(value: object, _: type) -> object:
        if value is None and optional:
            return None
        return parse_when(value, partial)  # type: ignore[arg-type]

    return structure_when


def _unstructure_when(value: object) -> object:
    return None if value is None else value.isoformat()  # type: ignore[attr-defined]


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
                f"{allowed}{suggestion(value, values)}"
            )
            raise ValidationError.single(msg, value) from None

    return structure_enum


def _enums_of(classes: tuple[type, ...]) -> list[type[enum.Enum]]:
    """Every enum the fields of *classes* hold, as declared."""
    found: dict[type[enum.Enum], None] = {}
    for cls in classes:
        for field in fields_of(cls):
            spec = field.spec
            while spec.item is not None:
                spec = spec.item
            if spec.form == "enum":
                found[spec.type] = None
    return list(found)


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
                # cattrs' frames hold their errors, whose tracebacks hold the
                # frames: dropped here, the cycle would keep the item's
                # document alive until the next collection.
                _drop_tracebacks(exc)
        if errors:
            raise ValidationError(errors)
        return tuple(items)

    return structure_tuple


def _register_enums(conv: cattrs.Converter, classes: tuple[type, ...]) -> None:
    """Give every enum the fields of *classes* hold its hooks, if it has none yet."""
    # Registered by class: an enum that is a str subclass would otherwise
    # get the str hook, which lets any string through and keeps no member.
    registered = _ENUMS_WITH_HOOKS.setdefault(conv, set())
    for enum_class in _enums_of(classes):
        if enum_class not in registered:
            conv.register_structure_hook(enum_class, _make_enum_hook(enum_class))
            conv.register_unstructure_hook(enum_class, _unstructure_enum)
            registered.add(enum_class)


#: Each converter's enums that have their hooks (aigov makes one converter).
_ENUMS_WITH_HOOKS: dict[cattrs.Converter, set[type]] = {}


def _make_class_hook(
    cls: type[T], conv: cattrs.Converter
) -> Callable[[object, type], T]:
    _register_enums(conv, (cls,))
    from cattrs.errors import ClassValidationError  # noqa: PLC0415 - on first use
    from cattrs.gen import make_dict_structure_fn  # noqa: PLC0415 - on first use

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
    from cattrs.errors import ForbiddenExtraKeysError  # noqa: PLC0415 - on first use

    with_notes, without_notes = exc.group_exceptions()
    if any(not isinstance(e, ForbiddenExtraKeysError) for e in without_notes):
        return  # the constructor ran and has reported on every field
    failed = {note.name for _, note in with_notes}
    # Only declared fields have checks: a user's own attrs class may hold
    # plain fields (``note: str``) beside aigov's, which cattrs checked.
    for field in fields_of(cls):
        if field.name in failed or field.name not in value or field.spec.model:
            continue  # nested model objects that structured checked themselves
        try:
            structured = conv.structure(value[field.name], _field_type(cls, field.name))
        except Exception as error:  # noqa: BLE001 - reported by cattrs already
            _drop_tracebacks(error)  # see structure_tuple
            continue
        structured = field.spec.normalize(structured)
        for location, message, bad in field.spec.problems(structured):
            yield ErrorDetail(location, message, bad).within(field.name)


def _field_type(cls: type, name: str) -> Any:  # noqa: ANN401 - any field type
    return attrs.fields_dict(attrs.resolve_types(cls))[name].type


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


def _make_unstructure_class_hook(
    cls: type, conv: cattrs.Converter
) -> Callable[[Any], dict[str, Any]]:
    # Another class's enums (a user's own class may hold them) are written
    # by value, as the model's are.
    _register_enums(conv, (cls,))
    from cattrs.gen import make_dict_unstructure_fn  # noqa: PLC0415 - on first use

    return make_dict_unstructure_fn(cls, conv)


def _unstructure_forum_hook(
    conv: cattrs.Converter,
) -> Callable[[Forum], dict[str, Any]]:
    from cattrs.gen import make_dict_unstructure_fn  # noqa: PLC0415 - on first use

    unstructure_body = make_dict_unstructure_fn(Forum, conv)

    def unstructure_forum(forum: Forum) -> dict[str, Any]:
        return {"schema_version": SCHEMA_VERSION, **unstructure_body(forum)}

    return unstructure_forum


def _make_converter() -> cattrs.Converter:
    import cattrs  # noqa: PLC0415 - on first use: see get_converter

    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(datetime.date, _structure_date)
    conv.register_unstructure_hook(datetime.date, datetime.date.isoformat)
    _register_enums(conv, MODEL_CLASSES)
    conv.register_structure_hook_factory(
        lambda t: _when_class(t) is not None, _make_when_hook
    )
    conv.register_unstructure_hook_func(
        lambda t: _when_class(t) is not None, _unstructure_when
    )
    conv.register_unstructure_hook(PartialDate, _unstructure_when)
    conv.register_structure_hook_factory(_is_homogeneous_tuple, _make_tuple_hook)
    conv.register_structure_hook_factory(attrs.has, _make_class_hook)
    conv.register_unstructure_hook_factory(attrs.has, _make_unstructure_class_hook)
    # Factories, so that the hooks (and the code cattrs generates for the
    # whole model) are made on first use, not at ``import aigov``.
    conv.register_structure_hook_factory(
        lambda t: t is Forum, lambda _: _structure_forum_hook(conv)
    )
    conv.register_unstructure_hook_factory(
        lambda t: t is Forum, lambda _: _unstructure_forum_hook(conv)
    )
    return conv


@functools.cache
def get_converter() -> cattrs.Converter:
    """The configured converter, made on first use (see :data:`aigov.converter`).

    cattrs and the code it generates for the model cost ``import aigov``
    tens of milliseconds, and only the reference path (errors) and the
    embedding of aigov objects in other classes need them.
    """
    return _make_converter()


if TYPE_CHECKING:
    converter: cattrs.Converter
else:

    def __getattr__(name: str) -> object:
        if name == "converter":
            return get_converter()
        msg = f"module {__name__!r} has no attribute {name!r}"
        raise AttributeError(msg)


# --- the reference path ------------------------------------------------------------


def check_model_class(cls: object, allowed: tuple[type, ...] = MODEL_CLASSES) -> None:
    """Refuse a *cls* that is not one of *allowed* (by default, any model class).

    Raises:
        NotAModelError: A programming error, not bad data.
    """
    if cls not in allowed:
        names = ", ".join(c.__name__ for c in allowed)
        raise NotAModelError(cls, expected=f"an aigov model class ({names})")


def structure(data: object, cls: type[T]) -> T:
    """Build *cls* from plain *data* on the reference path, locating every problem.

    Raises:
        ValidationError: If *data* does not describe a valid *cls*.
    """
    try:
        return get_converter().structure(data, cls)
    except Exception as exc:  # noqa: BLE001 - every failure becomes a ValidationError
        error = ValidationError(_details(exc, data), subject=cls.__name__)
        _drop_tracebacks(exc)
    # Raised outside the except block, with the cattrs exception group's
    # tracebacks dropped: each one's frames refer back to the group, and the
    # cycles would keep a whole failed document alive until the next
    # collection.  (The local is dropped for the same reason: the frame is
    # in the error's traceback.)
    try:
        raise error
    finally:
        del error


def _drop_tracebacks(exc: BaseException) -> None:
    stack = [exc]
    while stack:
        current = stack.pop()
        current.__traceback__ = None
        stack.extend(getattr(current, "exceptions", ()))
        stack.extend(e for e in (current.__cause__, current.__context__) if e)
        current.__context__ = None


def unstructure(obj: object) -> dict[str, Any]:
    """Return the model object *obj* as JSON-native data, on the reference path."""
    result: dict[str, Any] = get_converter().unstructure(obj)
    return result
