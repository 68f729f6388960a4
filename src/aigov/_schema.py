"""A JSON Schema for aigov documents, generated from the model itself.

The schema is derived from the field declarations (``aigov._fields``), the
same that the constructors and loaders check, so it cannot drift from what
:func:`~aigov.from_json` accepts.
It describes *canonical* documents, as :func:`~aigov.to_json` writes them;
some rules can only be checked by aigov itself (see ``docs/format.rst``).
"""

from __future__ import annotations

import inspect
import json
import re
from typing import Any, Final

import attrs

from aigov._convert import SCHEMA_VERSION
from aigov._fields import Spec, fields_of
from aigov._model import MODEL_CLASSES, Forum
from aigov.exceptions import ArgumentTypeError, NotAModelError

__all__ = ["json_schema", "schema_classes", "schema_text"]

_DRAFT: Final = "https://json-schema.org/draft/2020-12/schema"

#: ``YYYY-MM-DD``; ``format: date`` alone is only an annotation by default.
_DATE_PATTERN: Final = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"

#: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``: a date, complete or known in part.
_WHEN_PATTERN: Final = "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"

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

    An attrs class of your own has a schema too, derived from its
    declarations in the same way, if its fields are of the types aigov's
    field vocabulary knows: ``str``, ``int``, dates, enums, aigov's model
    classes and other such classes, tuples and optional values of them.
    A forum held in it requires its ``schema_version``, as the converter
    does.

    Args:
        cls: The class whose documents to describe; a forum by default.

    Returns:
        The schema, as JSON-native data; the same in every process.

    Raises:
        aigov.exceptions.NotAModelError: If *cls* is not an attrs class (a
            :class:`TypeError`).
        aigov.exceptions.ArgumentTypeError: If a field of *cls*, or of a
            class it holds, is not declared with the field vocabulary.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       Takes any attrs class made of the field vocabulary.
    """
    # Callers without a type checker may pass anything.
    if not (isinstance(cls, type) and attrs.has(cls)):  # type: ignore[redundant-expr]
        raise NotAModelError(
            cls, expected="an aigov model class or another attrs class"
        )
    definitions: dict[str, _Schema] = {}
    schema: _Schema = {"$schema": _DRAFT, **_object_schema(cls, definitions)}
    schema["title"] = (
        f"aigov {cls.__name__} document"
        if cls in MODEL_CLASSES
        else f"{cls.__name__} document"
    )
    if cls is Forum:
        schema["title"] += f", schema version {SCHEMA_VERSION}"
    if definitions:
        schema["$defs"] = definitions
    return schema


def schema_classes() -> dict[str, type]:
    """The classes :func:`json_schema` describes, by name (for ``aigov schema``)."""
    return {cls.__name__: cls for cls in MODEL_CLASSES}


def schema_text(cls: type = Forum) -> str:
    """Return :func:`json_schema` as canonical JSON text (sorted keys, indent 2).

    The text is ASCII (other characters are escaped), so that it prints on any
    console.
    """
    return json.dumps(json_schema(cls), ensure_ascii=True, indent=2, sort_keys=True)


def _object_schema(cls: type, definitions: dict[str, _Schema]) -> _Schema:
    declared = {field.name for field in fields_of(cls)}
    for attribute in attrs.fields(cls):
        if attribute.name not in declared:
            # Left out, it would be refused by additionalProperties.
            msg = f"{cls.__name__}.{attribute.name} is not declared with aigov's field vocabulary; its JSON Schema is unknown"
            raise ArgumentTypeError(msg)
    descriptions = _field_descriptions(cls)
    properties: dict[str, _Schema] = {}
    for field in fields_of(cls):
        prop = _spec_schema(field.spec, definitions)
        if field.name in descriptions:
            prop["description"] = descriptions[field.name]
        properties[field.name] = prop
    schema: _Schema = {
        "type": "object",
        "description": _summary(cls),
        "properties": properties,
        "required": [f.name for f in fields_of(cls) if f.required],
        "additionalProperties": False,
    }
    if not schema["description"]:
        del schema["description"]  # a class without a docstring
    if cls is Forum:
        # Wherever a forum is, the converter reads its schema_version.
        properties["schema_version"] = {
            "const": SCHEMA_VERSION,
            "description": "The version of the document format.",
        }
        schema["required"] = ["schema_version", *schema["required"]]
    return schema


def _spec_schema(spec: Spec, definitions: dict[str, _Schema]) -> _Schema:  # noqa: PLR0911 - one per form
    """The JSON Schema of a field, from its compiled declaration."""
    if spec.form == "optional":
        inner = _spec_schema(spec.item, definitions)  # type: ignore[arg-type]
        return {"anyOf": [inner, {"type": "null"}]}
    if spec.form == "tuple":
        items: _Schema = {
            "type": "array",
            "items": _spec_schema(spec.item, definitions),  # type: ignore[arg-type]
        }
        if spec.unique:
            items["uniqueItems"] = True
        return items
    if spec.form == "model":
        name = spec.type.__name__
        if name not in definitions:
            definitions[name] = {}  # claimed first: no endless recursion
            definitions[name] = _object_schema(spec.type, definitions)
        return {"$ref": f"#/$defs/{name}"}
    if spec.form == "enum":
        definitions.setdefault(
            spec.type.__name__,
            {
                "type": "string",
                "enum": [member.value for member in spec.type],  # type: ignore[attr-defined]
                "description": _summary(spec.type),
            },
        )
        return {"$ref": f"#/$defs/{spec.type.__name__}"}
    if spec.form == "date":
        return {"type": "string", "format": "date", "pattern": _DATE_PATTERN}
    if spec.form == "when":
        # ISO 8601 of reduced precision; "format: date" would refuse "2025".
        return {"type": "string", "pattern": _WHEN_PATTERN}
    if spec.form == "leaf":
        return spec.kind.schema()  # type: ignore[union-attr]
    return {"type": {str: "string", int: "integer"}[spec.type]}


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
