"""The converter's JSON backends: the standard library's :mod:`json`, and msgspec.

A backend decodes a document into unchecked model objects and encodes
objects to canonical JSON, fast; :func:`aigov._bulk.valid` then checks what
it built, and whatever a backend cannot prove valid goes to the reference
path (``_convert.structure``).  Everything a backend does is derived from
the field declarations (``_fields.fields_of``), so a new field or class
needs nothing here.

:class:`StdlibBackend` is always there.  ``_msgspec`` configures a faster
one when the ``fast`` extra is installed, as cattrs' ``preconf`` modules
configure a converter.
"""

from __future__ import annotations

import contextlib
import datetime
import enum
import gc
import json
import re
from collections.abc import Callable, Iterator
from typing import Any, Final

import attrs

from aigov._bulk import valid
from aigov._convert import parse_when
from aigov._fields import Spec, fields_of
from aigov._model import MODEL_CLASSES, Forum, Statement
from aigov.exceptions import ValidationError

__all__ = ["Backend", "Unproven", "gc_paused"]


class Unproven(Exception):  # noqa: N818 - a signal, not an error
    """Raised inside a backend: this input is for the reference path to judge."""


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the ``with`` block.

    Model objects and documents hold no reference cycles, so the collector
    can find nothing to free in them; left running, it traverses the growing
    graph of a large document again and again.  It is restored exactly, also
    on errors, and left alone if it was already off.  (Like any use of
    :func:`gc.disable`, this is process-wide.)
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


_ISO_DATE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _date(value: object) -> datetime.date:
    if type(value) is not str or not _ISO_DATE.fullmatch(value):
        raise Unproven
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:  # 2021-02-30
        raise Unproven from None


def _converter_for(  # noqa: C901, PLR0911 - one branch per form of field
    spec: Spec, build: Callable[[type, object], object]
) -> Callable[[Any], Any] | None:
    """How to turn a decoded JSON value into a field's value; ``None``: as it is."""
    if spec.form == "optional":
        inner = _converter_for(spec.item, build)  # type: ignore[arg-type]
        if inner is None:
            return None
        return lambda value: None if value is None else inner(value)
    if spec.form == "tuple":
        item = _converter_for(spec.item, build)  # type: ignore[arg-type]

        def to_tuple(value: object) -> tuple[object, ...]:
            if type(value) is not list and type(value) is not tuple:
                raise Unproven
            return tuple(value) if item is None else tuple(map(item, value))

        return to_tuple
    if spec.form == "enum":
        members = {m.value: m for m in spec.type}  # type: ignore[attr-defined]

        def to_member(value: object) -> enum.Enum:
            member: enum.Enum | None = (
                members.get(value) if type(value) is str else None
            )
            if member is None:
                raise Unproven
            return member

        return to_member
    if spec.form == "date":
        return _date
    if spec.form == "when":
        partial = spec.type

        def to_when(value: object) -> object:
            if type(value) is not str:
                raise Unproven
            try:
                return parse_when(value, partial)
            except ValidationError:
                raise Unproven from None

        return to_when
    if spec.form == "model":
        model = spec.type
        return lambda value: build(model, value)
    return None  # strings and ints: their types are checked in bulk


class Backend:
    """The standard library's :mod:`json`, with builders derived from the declarations.

    Decoding runs :func:`json.loads` with an ``object_pairs_hook``, which
    refuses duplicate keys and builds statements -- most of a large
    document -- as soon as they are decoded, from data still in the CPU's
    caches; the rest is built top-down.  Writing hands :func:`json.dumps`
    dicts whose keys are already sorted.
    """

    name = "stdlib"

    def __init__(self, schema_version: int) -> None:
        self.schema_version = schema_version
        self._plans: dict[
            type, tuple[tuple[str, Callable[[Any], Any] | None, object], ...]
        ] = {}
        self._field_names = {
            cls: frozenset(f.name for f in fields_of(cls)) for cls in MODEL_CLASSES
        }
        self._statement_keys = self._field_names[Statement]

    # --- reading ----------------------------------------------------------------

    def _plan(
        self, cls: type
    ) -> tuple[tuple[str, Callable[[Any], Any] | None, object], ...]:
        plan = self._plans.get(cls)
        if plan is None:
            defaults = {f.name: f.default for f in attrs.fields(cls)}
            plan = tuple(
                (
                    field.name,
                    _converter_for(field.spec, self.build),
                    attrs.NOTHING if field.required else defaults[field.name],
                )
                for field in fields_of(cls)
            )
            self._plans[cls] = plan
        return plan

    def _learn(self, cls: type) -> None:
        """Know the fields of *cls*, an attrs class of the vocabulary, and of those it holds."""
        self._field_names[cls] = frozenset(f.name for f in fields_of(cls))
        for field in fields_of(cls):
            held = field.spec.model
            if held is not None and held not in self._field_names:
                self._learn(held)

    def build(self, cls: type, data: object) -> object:
        """Build an unchecked *cls* from decoded *data*; :class:`Unproven` if it cannot be."""
        if type(data) is cls:
            return data  # built by the decoder's hook already
        if type(data) is not dict or not data.keys() <= self._field_names[cls]:
            raise Unproven  # unknown keys, or not an object at all
        obj: object = object.__new__(cls)
        for name, convert, default in self._plan(cls):
            if name in data:
                value = data[name]
                if convert is not None:
                    value = convert(value)
            elif default is attrs.NOTHING:
                raise Unproven
            else:
                value = default
            object.__setattr__(obj, name, value)
        return obj

    def _hook(self, pairs: list[tuple[str, object]]) -> object:
        data = dict(pairs)
        if len(data) != len(pairs):
            raise Unproven  # a key given twice: the reference path locates it
        if data.keys() == self._statement_keys:
            return self.build(Statement, data)
        return data

    def decode(self, text: str | bytes) -> object:
        """Decode JSON *text* (duplicate keys refused), building statements on the way."""
        return json.loads(text, object_pairs_hook=self._hook)

    def load(self, text: str | bytes, cls: type) -> object:
        """Build a valid *cls* from JSON *text*; :class:`Unproven` if it cannot."""
        if isinstance(text, bytes):
            # json.loads would guess UTF-16 and UTF-32 too; documents are UTF-8.
            try:
                text = text.decode("utf-8")
            except UnicodeDecodeError:
                raise Unproven from None
        # Editors on Windows like to start UTF-8 files with a byte order mark.
        text = text.removeprefix("\ufeff")
        try:
            data = self.decode(text)
        except (ValueError, RecursionError):
            raise Unproven from None
        return self.structure(data, cls)

    def structure(self, data: object, cls: type) -> object:
        """Build a valid *cls* from plain *data*; :class:`Unproven` if it cannot."""
        if cls not in self._field_names:
            self._learn(cls)
        if cls is Forum:
            if (
                type(data) is not dict
                or data.get("schema_version") != self.schema_version
            ):
                raise Unproven  # the reference path upgrades or refuses it
            version = data["schema_version"]
            if type(version) is not int:
                raise Unproven
            data = {
                key: value for key, value in data.items() if key != "schema_version"
            }
        obj = self.build(cls, data)
        if not valid(obj):
            raise Unproven
        return obj

    # --- writing ------------------------------------------------------------------

    @property
    def _writers(self) -> dict[type, Callable[[Any], dict[str, Any]]]:
        writers: dict[type, Callable[[Any], dict[str, Any]]] | None = self.__dict__.get(
            "_w"
        )
        if writers is None:
            writers = {}
            for cls in MODEL_CLASSES:
                writers[cls] = _make_writer(cls, writers, self.schema_version)
            self.__dict__["_w"] = writers
        return writers

    def unstructure(self, obj: object) -> dict[str, Any]:
        """Return *obj* as JSON-native data with sorted keys (a forum with its version)."""
        return self._writers[type(obj)](obj)

    def dumps(self, obj: object, indent: int | None) -> bytes:
        """Return *obj* as canonical JSON, UTF-8 encoded."""
        separators = (",", ":") if indent is None else (",", ": ")
        # The dicts' keys are sorted already: sort_keys would only sort again.
        text = json.dumps(
            self.unstructure(obj),
            ensure_ascii=False,
            indent=indent,
            separators=separators,
        )
        return text.encode()

    def dumps_text(self, obj: object, indent: int | None) -> str:
        """Return *obj* as canonical JSON text."""
        separators = (",", ":") if indent is None else (",", ": ")
        return json.dumps(
            self.unstructure(obj),
            ensure_ascii=False,
            indent=indent,
            separators=separators,
        )


def _make_writer(
    cls: type, writers: dict[type, Callable[[Any], dict[str, Any]]], schema_version: int
) -> Callable[[Any], dict[str, Any]]:
    """Generate the function giving a *cls* object as a dict with sorted keys."""
    namespace: dict[str, Any] = {"_iso": datetime.date.isoformat, "_w": writers}
    items = []
    names = {f.name: f.spec for f in fields_of(cls)}
    keys = sorted([*names, "schema_version"] if cls is Forum else names)
    for name in keys:
        if name == "schema_version":
            items.append(f"{name!r}: {schema_version!r}")
            continue
        items.append(
            f"{name!r}: {_writer_expression(names[name], f'o.{name}', namespace)}"
        )
    exec(f"def write(o):\n    return {{{', '.join(items)}}}", namespace)  # noqa: S102 - our own code
    write: Callable[[Any], dict[str, Any]] = namespace["write"]
    return write


def _writer_expression(spec: Spec, value: str, namespace: dict[str, Any]) -> str:
    if spec.form == "optional":
        inner = _writer_expression(spec.item, value, namespace)  # type: ignore[arg-type]
        return value if inner == value else f"(None if {value} is None else {inner})"
    if spec.form == "tuple":
        inner = _writer_expression(spec.item, "x", namespace)  # type: ignore[arg-type]
        # json writes tuples as arrays: only their items may need turning.
        return value if inner == "x" else f"[{inner} for x in {value}]"
    if spec.form == "model":
        namespace[f"_{spec.type.__name__}"] = spec.type
        return f"_w[_{spec.type.__name__}]({value})"
    if spec.form in ("date", "when"):
        return f"{value}.isoformat()"
    if spec.form == "enum":
        return f"{value}.value"
    return value
