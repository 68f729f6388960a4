"""A JSON Schema for aigov documents, generated from the model itself.

The schema is derived from the attrs fields, their resolved types and the
model's own field checks (which fields are country codes, must be unique or
non-blank), so it cannot drift from what :func:`~aigov.from_json` accepts.
It describes *canonical* documents, as :func:`~aigov.to_json` writes them;
some rules can only be checked by aigov itself (see ``docs/format.rst``).
"""

from __future__ import annotations

import datetime
import enum
import inspect
import json
import re
import types
from typing import Any, Final, Union, get_args, get_origin

import attrs

from aigov._convert import _MODEL_CLASSES, SCHEMA_VERSION, _check_model_class
from aigov._countries import alpha2_codes
from aigov._model import MAX_COUNT, Forum

__all__ = ["json_schema", "schema_classes", "schema_text"]

_DRAFT: Final = "https://json-schema.org/draft/2020-12/schema"

#: ``YYYY-MM-DD``; ``format: date`` alone is only an annotation by default.
_DATE_PATTERN: Final = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"

#: At least one character that is not white space: names must not be blank.
_NON_BLANK_PATTERN: Final = r"\S"

_Schema = dict[str, Any]


def json_schema(cls: type = Forum) -> dict[str, Any]:
    """Return a JSON Schema (draft 2020-12) for documents of *cls*.

    The schema is generated from the model: every field with its JSON type,
    the allowed enum values, ``required`` for fields without a default,
    ``additionalProperties: false``, country codes as an ``enum`` of the
    assigned ISO 3166-1 codes, dates as ``YYYY-MM-DD`` strings.  A forum
    document also requires its ``schema_version``.  Nested classes are
    ``$defs`` referred to by ``$ref``.

    The schema describes canonical documents.  Some rules only
    :func:`from_json` checks: that ids are unique and references resolve,
    that dates are real calendar dates, that topics are lower case.

    Args:
        cls: The model class whose documents to describe; a forum by default.

    Returns:
        The schema, as JSON-native data; the same in every process.

    Raises:
        TypeError: If *cls* is not an aigov model class.

    .. versionadded:: 0.1.0
    """
    _check_model_class(cls)
    definitions: dict[str, _Schema] = {}
    schema: _Schema = {"$schema": _DRAFT, **_object_schema(cls, definitions)}
    schema["title"] = f"aigov {cls.__name__} document"
    if cls is Forum:
        schema["title"] += f", schema version {SCHEMA_VERSION}"
        schema["properties"]["schema_version"] = {
            "const": SCHEMA_VERSION,
            "description": "The version of the document format.",
        }
        schema["required"] = ["schema_version", *schema["required"]]
    if definitions:
        schema["$defs"] = definitions
    return schema


def schema_classes() -> dict[str, type]:
    """The classes :func:`json_schema` describes, by name (for ``aigov schema``)."""
    return {cls.__name__: cls for cls in _MODEL_CLASSES}


def schema_text(cls: type = Forum) -> str:
    """Return :func:`json_schema` as canonical JSON text (sorted keys, indent 2).

    The text is ASCII (other characters are escaped), so that it prints on any
    console.
    """
    return json.dumps(json_schema(cls), ensure_ascii=True, indent=2, sort_keys=True)


def _object_schema(cls: type, definitions: dict[str, _Schema]) -> _Schema:
    descriptions = _field_descriptions(cls)
    checks = getattr(cls, "_checks", {})
    properties: dict[str, _Schema] = {}
    for field in attrs.fields(attrs.resolve_types(cls)):
        prop = _type_schema(field.type, checks.get(field.name), definitions)
        if field.name in descriptions:
            prop["description"] = descriptions[field.name]
        properties[field.name] = prop
    return {
        "type": "object",
        "description": _summary(cls),
        "properties": properties,
        "required": [f.name for f in attrs.fields(cls) if f.default is attrs.NOTHING],
        "additionalProperties": False,
    }


def _type_schema(
    type_: Any,  # noqa: ANN401 - any type form of a field
    check: Any,  # noqa: ANN401 - the field's check, a callable, or None
    definitions: dict[str, _Schema],
) -> _Schema:
    origin, args = get_origin(type_), get_args(type_)
    if origin in (Union, types.UnionType) and type(None) in args:
        (inner,) = (arg for arg in args if arg is not type(None))
        return {"anyOf": [_type_schema(inner, check, definitions), {"type": "null"}]}
    if origin is tuple:
        items: _Schema = {
            "type": "array",
            "items": _type_schema(args[0], _item_check(check), definitions),
        }
        if _requires_unique(check, args[0]):
            items["uniqueItems"] = True
        return items
    if isinstance(type_, type) and attrs.has(type_):
        if type_.__name__ not in definitions:
            definitions[type_.__name__] = {}  # claimed first: no endless recursion
            definitions[type_.__name__] = _object_schema(type_, definitions)
        return {"$ref": f"#/$defs/{type_.__name__}"}
    if isinstance(type_, type) and issubclass(type_, enum.Enum):
        definitions.setdefault(
            type_.__name__,
            {
                "type": "string",
                "enum": [member.value for member in type_],
                "description": _summary(type_),
            },
        )
        return {"$ref": f"#/$defs/{type_.__name__}"}
    return _scalar_schema(type_, check)


def _scalar_schema(type_: object, check: Any) -> _Schema:  # noqa: ANN401 - a field check
    if type_ is datetime.date:
        return {"type": "string", "format": "date", "pattern": _DATE_PATTERN}
    if type_ is int:
        return {"type": "integer", "minimum": 0, "maximum": MAX_COUNT}
    if type_ is str:
        return _string_schema(check)
    msg = f"no JSON Schema for {type_!r}"  # pragma: no cover - a new field type
    raise TypeError(msg)  # pragma: no cover


def _string_schema(check: Any) -> _Schema:  # noqa: ANN401 - the field's check
    # The model's own check decides: a field that refuses an unassigned code
    # but takes an assigned one holds country codes.
    if check is not None and _rejects(check, "XX") and not _rejects(check, "CN"):
        return {"type": "string", "enum": sorted(alpha2_codes())}
    return {"type": "string", "minLength": 1, "pattern": _NON_BLANK_PATTERN}


def _item_check(check: Any) -> Any:  # noqa: ANN401 - a tuple field's check
    """The check of one item, from the check of a whole tuple field."""
    if check is None:
        return None

    def item_check(value: object) -> Any:  # noqa: ANN401 - the check's problems
        return check((value,))

    return item_check


def _requires_unique(check: Any, item_type: object) -> bool:  # noqa: ANN401
    if check is None or item_type is not str:
        return False  # lists of objects are never required to be unique
    # Repeat an item the check takes on its own (a country code or a topic).
    for item in ("CN", "a"):
        if not _rejects(check, (item,)):
            return _rejects(check, (item, item))
    return False  # pragma: no cover - every text field takes one of them


def _rejects(check: Any, value: object) -> bool:  # noqa: ANN401 - a field check
    if check is None:
        return False
    return any(True for _ in check(value))


def _summary(obj: object) -> str:
    doc = inspect.getdoc(obj) or ""
    return _plain(doc.split("\n\n", 1)[0].replace("\n", " "))


_REST_MARKUP: Final = (
    (re.compile(r"``None``"), "null"),  # the JSON spelling of Python's None
    (re.compile(r"``(.+?)``"), r"\1"),
    (re.compile(r":\w+:`~?(?:[\w.]+\.)?([^`.]+)`"), r"\1"),
    (re.compile(r"\*(\w+)\*"), r"\1"),
)


def _plain(text: str) -> str:
    """Docstring text without its reStructuredText markup, for JSON readers."""
    for pattern, replacement in _REST_MARKUP:
        text = pattern.sub(replacement, text)
    return re.sub(r"\s+", " ", text)


_ARG = re.compile(r"^    (\w+): (.*)$")


def _field_descriptions(cls: type) -> dict[str, str]:
    """The field entries of *cls*'s Google-style docstring, by field name.

    Model classes document their fields under ``Attributes:`` (so that each
    field is a cross-reference target); ``Args:`` is read too.
    """
    doc = inspect.getdoc(cls) or ""
    _, _, args = doc.partition("\nAttributes:\n")
    if not args:
        _, _, args = doc.partition("\nArgs:\n")
    found: dict[str, str] = {}
    current: str | None = None
    for line in args.splitlines():
        if match := _ARG.match(line):
            current = match[1]
            found[current] = match[2]
        elif current is not None and line.startswith("        "):
            found[current] += " " + line.strip()
        else:
            break
    return {name: _plain(text) for name, text in found.items()}
