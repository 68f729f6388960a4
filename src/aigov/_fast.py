"""Fast paths for reading and writing documents: the same results, sooner.

The reference path -- the strict cattrs converter of ``_convert``, then every
constructor's checks -- locates every problem in a document.  Valid
documents, nearly all of them, do not need that machinery: this module builds
model objects straight from decoded JSON, checking every field as the model
does, and checks a forum's ids and references once, in bulk.  Whenever
anything is not exactly as expected it gives up (:data:`FALLBACK`) and the
reference path runs from the start, so results and errors are the reference
path's by construction; ``tests/test_fast.py`` checks that the two agree.

Three more levers, each measured (see ``docs/performance.rst``):

- the cyclic garbage collector is paused while a document's object graph is
  built or written: it would otherwise traverse the growing graph again and
  again, which costs more than the building itself;
- with the ``fast`` extra, msgspec decodes JSON and encodes model objects,
  and the standard library's :mod:`json` remains the fallback;
- without it, :func:`dumps` hands :func:`json.dumps` dicts whose keys are
  already sorted, instead of sorting every object's keys.
"""

from __future__ import annotations

import contextlib
import datetime
import enum
import functools
import gc
import importlib
import itertools
import json
import operator
import types
from collections.abc import Callable, Iterator
from typing import Any, Final, get_args, get_origin

import attrs

from aigov import _model
from aigov._model import Forum
from aigov.exceptions import ValidationError

__all__ = ["FALLBACK", "dumps", "gc_paused", "loads", "loads_utf8", "structure"]

FALLBACK: Final = object()
"""Returned when a fast path cannot give the reference path's exact result."""

#: Whether msgspec may be used; tests switch it off to run the stdlib path.
use_msgspec = True


class _Fallback(Exception):  # noqa: N818 - a signal, not an error
    """Raised inside the fast path: let the reference path decide."""


# --- the garbage collector ---------------------------------------------------


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the ``with`` block.

    Model objects and documents hold no reference cycles, so the collector
    can find nothing to free in them; left running, it traverses the growing
    graph of a large document again and again.  It is restored exactly, also
    on errors, and left alone if it was already off.  (Like any use of
    :func:`gc.disable`, this is process-wide: another thread allocating at
    the same time is not collected for that moment either.)
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


# --- JSON backends --------------------------------------------------------------


@functools.cache
def _msgspec_json() -> types.ModuleType | None:
    # Imported on first use: ``import aigov`` should not pay for it.  By
    # name, so that type checking works with and without the extra.
    try:
        return importlib.import_module("msgspec.json")
    except ImportError:
        return None


def _backend() -> types.ModuleType | None:
    return _msgspec_json() if use_msgspec else None


@functools.cache
def _encoder() -> Any:  # noqa: ANN401 - a msgspec.json.Encoder, if msgspec is there
    backend = _msgspec_json()
    # Sorted keys, also of attrs objects' fields: the canonical form.
    return None if backend is None else backend.Encoder(order="sorted")


def loads(text: str) -> object:
    """Decode *text* as :func:`json.loads` does, with msgspec where installed.

    msgspec is stricter than :mod:`json` (it refuses ``NaN``, integers
    beyond 64 bits, lone surrogates); whatever it refuses is decoded by
    :mod:`json`, which also raises the errors the caller reports.
    """
    backend = _backend()
    if backend is not None:
        try:
            # Given a str, msgspec would keep a UTF-8 copy of it for as long
            # as the str lives; a temporary bytes object is freed at once.
            return backend.decode(text if text.isascii() else text.encode())
        except Exception:  # noqa: BLE001, S110 - json.loads decides and explains
            pass
    return json.loads(text)


def loads_utf8(data: object) -> object:
    """Decode UTF-8 JSON *data* with msgspec, or return :data:`FALLBACK`.

    msgspec decodes strings with Python's own strict UTF-8 decoder, so it
    accepts exactly the bytes that ``bytes.decode`` then :func:`json.loads`
    would accept, save what it refuses (see :func:`loads`); for those, and
    without msgspec, the caller decodes as the reference path does.
    """
    backend = _backend()
    if backend is None or type(data) is not bytes:
        return FALLBACK
    # The reference path drops one byte order mark after decoding.
    view = memoryview(data)[3:] if data.startswith(b"\xef\xbb\xbf") else data
    try:
        return backend.decode(view)
    except Exception:  # noqa: BLE001 - the reference path decides and explains
        return FALLBACK


# --- building objects ------------------------------------------------------------

# The model's checks are composed from a few functions and value objects; the
# fast path recognises the compositions it can check inline and runs any
# other check as the model does.  tests/test_fast.py pins the inline checks to
# the model's.


def _describe_check(check: object) -> tuple[object, ...] | None:
    """Return the structure of a model check, or ``None`` if unknown."""
    if check is _model._check_text:  # noqa: SLF001
        return ("text",)
    if check is _model._check_topic:  # noqa: SLF001
        return ("topic",)
    if isinstance(check, _model._Optional):  # noqa: SLF001
        inner = _describe_check(check.check)
        return None if inner is None else ("optional", inner)
    if isinstance(check, _model._TupleOf):  # noqa: SLF001
        inner = _describe_check(check.check)
        return None if inner is None else ("tuple", inner, check.unique)
    if isinstance(check, _model._IsA):  # noqa: SLF001
        return ("is", check.cls)
    return None


_TEXT = "(type({v}) is str and {v}.strip() and ({v}.isascii() or _unicode_ok({v})))"

#: The model's text check as the builders inline it; exposed for the tests
#: that pin it to :func:`aigov._model._check_text`.
text_ok: Callable[[object], object] = eval(  # noqa: S307 - our own constant
    "lambda value: " + _TEXT.format(v="value"),
    {"_unicode_ok": _model._is_valid_unicode},  # noqa: SLF001
)


def _model_of(type_: object) -> type | None:
    """The model class of ``tuple[Model, ...]``, else ``None``."""
    args = get_args(type_)
    if get_origin(type_) is tuple and len(args) == 2 and attrs.has(args[0]):  # noqa: PLR2004
        model: type = args[0]
        return model
    return None


def _is_tuple_of_str(type_: object) -> bool:
    return get_origin(type_) is tuple and get_args(type_) == (str, ...)


class _Builders:
    """Generated builders, one per model class, made on first use.

    With *for_json*, the builders are those for data straight from a JSON
    decoder: besides dicts, a nested model field takes objects the statement
    hook (:func:`build_json`) has already built, and tuples of strings
    already checked once in the same document are not checked again.  Both
    are sound only there: decoded strings are never ``str`` subclasses, and
    the only model objects are the hook's.
    """

    def __init__(self, *, for_json: bool = False) -> None:
        from aigov import _convert  # noqa: PLC0415 - _convert imports this module

        self.converter = _convert.converter
        self.schema_version = _convert.SCHEMA_VERSION
        self.for_json = for_json
        #: Per document: each tuple of strings checked so far, by value.
        self.seen: list[dict[tuple[object, ...], tuple[object, ...]]] = []
        self.build: dict[type, Callable[[object], Any]] = {}
        for cls in _model.MODEL_CLASSES:
            self.build[cls] = self._make(cls)
        #: The ``object_hook`` of :func:`build_json`.
        self.hook = self._make(_model.Statement, only_with=_STATEMENT_KEY)

    def forget(self) -> None:
        """Forget the tuples seen in a document, once it is built."""
        for seen in self.seen:
            seen.clear()

    def _make(self, cls: type, only_with: str | None = None) -> Callable[[object], Any]:
        """Generate the builder of *cls*.

        With *only_with*, it is an ``object_hook`` instead: it returns dicts
        without that key as they are, and takes no other type.  (One Python
        call less per object than a hook calling the builder.)
        """
        fields = attrs.fields(attrs.resolve_types(cls))
        namespace: dict[str, Any] = {
            "_Fallback": _Fallback,
            "_new": object.__new__,
            "_cls": cls,
            "_unicode_ok": _model._is_valid_unicode,  # noqa: SLF001
            "_partial": functools.partial(self._partial, cls),
        }
        lines = [
            "def build(d):",
            "    if type(d) is not dict:",
            "        raise _Fallback",
        ]
        if only_with is not None:
            lines = [
                "def build(d):",
                f"    if {only_with!r} not in d:",
                "        return d",
            ]
        lines += [
            f"    if len(d) != {len(fields)}:",
            "        return _partial(d)",
            "    try:",
            *(f"        v{i} = d[{f.name!r}]" for i, f in enumerate(fields)),
            "    except KeyError:",
            "        return _partial(d)",
        ]
        for i, field in enumerate(fields):
            if field.alias != field.name or not field.init:
                return self._never
            namespace[f"_set{i}"] = cls.__dict__[field.name].__set__
            lines.extend(
                "    " + line for line in self._field_code(cls, i, field, namespace)
            )
        lines.append("    o = _new(_cls)")
        lines.extend(f"    _set{i}(o, v{i})" for i in range(len(fields)))
        lines.append("    return o")
        exec("\n".join(lines), namespace)  # noqa: S102 - our own generated code
        build: Callable[[object], Any] = namespace["build"]
        return build

    @staticmethod
    def _never(_: object) -> object:
        raise _Fallback

    def _field_code(  # noqa: C901, PLR0912 - one branch per kind of field
        self, cls: type, i: int, field: attrs.Attribute[Any], namespace: dict[str, Any]
    ) -> list[str]:
        v, type_ = f"v{i}", field.type
        model_check = cls._checks.get(field.name)  # type: ignore[attr-defined]
        # A field the model does not check needs no check here either.
        check = () if model_check is None else _describe_check(model_check)
        namespace[f"_check{i}"] = model_check
        delegate = [f"for _ in _check{i}({v}):", "    raise _Fallback"]
        text = _TEXT.format(v=v)
        lines: list[str]
        # Structure as the converter's hooks do, then check as the model does.
        if type_ is str:
            lines = [f"if type({v}) is not str:", "    raise _Fallback"]
            if check == ("text",):
                lines = [f"if not {text}:", "    raise _Fallback"]
                check = ()
        elif type_ == str | None:
            lines = [
                f"if {v} is not None and type({v}) is not str:",
                "    raise _Fallback",
            ]
            if check == ("optional", ("text",)):
                lines = [f"if {v} is not None and not {text}:", "    raise _Fallback"]
                check = ()
        elif isinstance(type_, type) and issubclass(type_, enum.Enum):
            namespace[f"_members{i}"] = {m.value: m for m in type_}
            lines = [
                f"{v} = _members{i}.get({v}) if type({v}) is str else None",
                f"if {v} is None:",
                "    raise _Fallback",
            ]
            if check == ("is", type_):
                check = ()
        elif _is_tuple_of_str(type_):
            lines, check = self._strings_code(i, field, check, namespace)
        elif (model := _model_of(type_)) is not None:
            namespace[f"_build{i}"] = self._builder_of(model)
            namespace[f"_model{i}"] = model
            build = f"_build{i}(x)"
            if self.for_json:
                build = f"x if type(x) is _model{i} else {build}"
            lines = [
                f"if type({v}) is not list and type({v}) is not tuple:",
                "    raise _Fallback",
                f"{v} = tuple([{build} for x in {v}])",
            ]
            if check == ("tuple", ("is", model), False):
                check = ()
        else:
            namespace[f"_hook{i}"] = self.converter.get_structure_hook(type_)
            namespace[f"_type{i}"] = type_
            lines = [
                "try:",
                f"    {v} = _hook{i}({v}, _type{i})",
                "except Exception:",
                "    raise _Fallback",
            ]
        if field.converter is not None:
            namespace[f"_convert{i}"] = field.converter
            lines.append(f"{v} = _convert{i}({v})")
        if check != ():
            lines += delegate
        return lines

    def _strings_code(
        self,
        i: int,
        field: attrs.Attribute[Any],
        check: tuple[object, ...] | None,
        namespace: dict[str, Any],
    ) -> tuple[list[str], tuple[object, ...] | None]:
        """Code for a tuple of strings, and what is left of its check to run."""
        v = f"v{i}"
        item = "type(x) is str"
        if check in {("tuple", ("text",), False), ("tuple", ("text",), True)}:
            item = _TEXT.format(v="x")
        elif check == ("tuple", ("topic",), True):
            item = _TEXT.format(v="x") + " and x.lower() == x"
        checks = [f"for x in {v}:", f"    if not ({item}):", "        raise _Fallback"]
        if item != "type(x) is str":
            if check[2]:  # type: ignore[index]
                checks += [
                    f"if len({v}) > 1 and len(set({v})) != len({v}):",
                    "    raise _Fallback",
                ]
            check = ()
        lines = [
            f"if type({v}) is not list and type({v}) is not tuple:",
            "    raise _Fallback",
            f"{v} = tuple({v})",
        ]
        if not (self.for_json and check == () and field.converter is None):
            return lines + checks, check
        # Topics and the like repeat across a document: a tuple equal to one
        # checked before holds equal strings, which pass the same checks.
        # The earlier tuple is kept, so equal tuples are also stored once.
        seen: dict[tuple[object, ...], tuple[object, ...]] = {}
        self.seen.append(seen)
        namespace[f"_seen{i}"] = seen
        return [
            *lines,
            f"known = _seen{i}.get({v})",
            "if known is None:",
            *("    " + line for line in checks),
            f"    _seen{i}[{v}] = {v}",
            "else:",
            f"    {v} = known",
        ], check

    def _builder_of(self, cls: type) -> Callable[[object], Any]:
        # Nested classes are made before the classes that hold them.
        return self.build[cls]

    def _partial(self, cls: type, data: object) -> object:
        """Build from a dict that leaves out defaults: through the constructor."""
        if type(data) is not dict:
            raise _Fallback
        fields = attrs.fields_dict(cls)
        kwargs = {}
        for key, value in data.items():
            field = fields.get(key) if type(key) is str else None
            if field is None:
                raise _Fallback
            model = _model_of(field.type)
            if model is not None:
                if type(value) is not list and type(value) is not tuple:
                    raise _Fallback
                build = self.build[model]
                kwargs[key] = tuple(
                    [
                        x if self.for_json and type(x) is model else build(x)
                        for x in value
                    ]
                )
            else:
                try:
                    kwargs[key] = self.converter.structure(value, field.type)  # type: ignore[arg-type]
                except Exception:  # noqa: BLE001 - the reference path explains it
                    raise _Fallback from None
        try:
            return cls(**kwargs)
        except (ValidationError, TypeError):
            raise _Fallback from None

    def forum_document(self, data: object) -> Forum:
        if type(data) is not dict:
            raise _Fallback
        version = data.get("schema_version")
        if type(version) is not int or version != self.schema_version:
            raise _Fallback  # the reference path upgrades or refuses it
        body = {key: value for key, value in data.items() if key != "schema_version"}
        forum: Forum = self.build[Forum](body)
        if not _integrity_ok(forum):
            raise _Fallback
        return forum


@functools.cache
def _builders() -> _Builders:
    return _Builders()


@functools.cache
def _json_builders() -> _Builders:
    return _Builders(for_json=True)


#: A key of statements' JSON objects that no other model object has.
_STATEMENT_KEY: Final = "speaker_id"


_ID = operator.attrgetter("id")


def _integrity_ok(forum: Forum) -> bool:
    """Whether :class:`Forum`'s own integrity checks find nothing, in bulk."""
    # map() and attrgetter walk the 100,000s of statements in C.
    if forum.end_date is not None and forum.end_date < forum.start_date:
        return False
    orgs = set(map(_ID, forum.organizations))
    speakers = set(map(_ID, forum.speakers))
    statements = list(
        itertools.chain.from_iterable(
            map(operator.attrgetter("statements"), forum.sessions)
        )
    )
    if (
        len(orgs) != len(forum.organizations)
        or len(speakers) != len(forum.speakers)
        or len(set(map(_ID, forum.sessions))) != len(forum.sessions)
        or len(set(map(_ID, statements))) != len(statements)
    ):
        return False
    org_refs: set[str | None] = {*forum.host_ids, *forum.supporter_ids}
    org_refs.update(map(operator.attrgetter("parent_id"), forum.organizations))
    org_refs.update(r.organization_id for s in forum.speakers for r in s.roles)
    org_refs.discard(None)
    speaker_refs = set(map(operator.attrgetter("speaker_id"), statements))
    for session in forum.sessions:
        speaker_refs.update(session.chair_ids)
        speaker_refs.update(session.speaker_ids)
    if not (org_refs <= orgs and speaker_refs <= speakers):
        return False
    cycles = _model._parent_cycles(forum.organizations)  # noqa: SLF001
    return next(cycles, None) is None


def structure(data: object, cls: type, *, decoded: bool = False) -> object:
    """Build *cls* from *data* as ``from_dict`` would, or return :data:`FALLBACK`.

    *decoded* says that *data* comes straight from a JSON decoder, which
    lets the builders skip some work (see :class:`_Builders`).
    """
    with gc_paused():
        try:
            builders = _json_builders() if decoded else _builders()
            try:
                if cls is Forum:
                    return builders.forum_document(data)
                build = builders.build.get(cls)
                return FALLBACK if build is None else build(data)
            finally:
                builders.forget()
        except Exception:  # noqa: BLE001 - whatever it is, the reference path explains it
            return FALLBACK


def build_json(text: object, cls: type, max_size: int) -> object:
    """Build *cls* from JSON *text* as ``from_json`` would, or return :data:`FALLBACK`.

    UTF-8 ``bytes`` go to msgspec where it is installed (see
    :func:`loads_utf8`).  Text goes to :func:`json.loads`, even with
    msgspec, because of its ``object_hook``: :func:`json.loads` hands each
    object to it as soon as it is decoded, and the hook builds statements,
    most of a large document, there, from dicts still in the CPU's caches,
    which are then freed at once instead of after the whole document.
    Anything else is built afterwards, as :func:`structure` does.  On any
    problem, or on text the decoder refuses, the caller decodes the text
    again on the reference path, which decides and explains.
    """
    if type(text) is bytes and len(text) <= max_size:
        data = loads_utf8(text)
        if data is not FALLBACK:
            return structure(data, cls, decoded=True)
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            return FALLBACK
    if type(text) is not str or len(text) > max_size:
        return FALLBACK
    with gc_paused():
        try:
            builders = _json_builders()
            try:
                # Editors on Windows like to start UTF-8 files with a byte order mark.
                data = json.loads(
                    text.removeprefix("\ufeff"), object_hook=builders.hook
                )
            finally:
                builders.forget()
        except Exception:  # noqa: BLE001 - whatever it is, the reference path explains it
            return FALLBACK
        if type(data) is cls:  # a statement, built by the hook
            return data
        return structure(data, cls, decoded=True)


# --- writing -----------------------------------------------------------------------


class _Writers:
    """Functions giving each model object as a dict with sorted keys."""

    def __init__(self) -> None:
        from aigov import _convert  # noqa: PLC0415 - _convert imports this module

        self.schema_version = _convert.SCHEMA_VERSION
        self.to_dict: dict[type, Callable[[Any], dict[str, Any]]] = {}
        for cls in _convert._MODEL_CLASSES:  # noqa: SLF001
            self.to_dict[cls] = self._make(cls)

    def _make(self, cls: type) -> Callable[[Any], dict[str, Any]]:
        names = [f.name for f in attrs.fields(attrs.resolve_types(cls))]
        namespace: dict[str, Any] = {"_iso": datetime.date.isoformat}
        items = []
        for name in sorted([*names, "schema_version"] if cls is Forum else names):
            if name == "schema_version":
                items.append(f"{name!r}: {self.schema_version!r}")
                continue
            type_ = attrs.fields_dict(cls)[name].type
            value = f"o.{name}"
            if (model := _model_of(type_)) is not None:
                namespace[f"_{name}"] = model
                value = f"[_w[_{name}](x) for x in o.{name}]"
            elif type_ in {datetime.date, datetime.date | None}:
                value = f"None if o.{name} is None else _iso(o.{name})"
            elif not (
                type_ in {str, str | None, int | None}
                or _is_tuple_of_str(type_)
                or (isinstance(type_, type) and issubclass(type_, enum.StrEnum))
            ):
                return self._never
            # Tuples, and StrEnum members, which json writes as their value.
            items.append(f"{name!r}: {value}")
        namespace["_w"] = self.to_dict
        exec(f"def to_dict(o):\n    return {{{', '.join(items)}}}", namespace)  # noqa: S102
        to_dict: Callable[[Any], dict[str, Any]] = namespace["to_dict"]
        return to_dict

    @staticmethod
    def _never(_: object) -> dict[str, Any]:
        raise _Fallback


@functools.cache
def _writers() -> _Writers:
    return _Writers()


def _forum_fields(forum: Forum, schema_version: int) -> dict[str, object]:
    fields = {f.name: getattr(forum, f.name) for f in attrs.fields(Forum)}
    return {"schema_version": schema_version, **fields}


def dumps(obj: object, indent: int | None) -> str | object:
    """Return ``to_json(obj, indent=indent)``, or :data:`FALLBACK`."""
    try:
        writers = _writers()
    except Exception:  # noqa: BLE001 - the reference path writes it
        return FALLBACK
    to_dict = writers.to_dict.get(type(obj))
    if to_dict is None or (indent is not None and type(indent) is not int):
        return FALLBACK
    backend = _backend()
    with gc_paused():
        if backend is not None and (indent is None or indent > 0):
            target = (
                _forum_fields(obj, writers.schema_version)
                if isinstance(obj, Forum)
                else obj
            )
            try:
                encoded = _encoder().encode(target)
                if indent is not None:
                    encoded = backend.format(encoded, indent=indent)
                return encoded.decode("utf-8")  # type: ignore[no-any-return]
            except Exception:  # noqa: BLE001, S110 - json.dumps decides and explains
                pass
        try:
            data = to_dict(obj)
        except _Fallback:
            return FALLBACK
        # The dicts' keys are sorted already: sort_keys would only sort again.
        separators = (",", ":") if indent is None else (",", ": ")
        return json.dumps(
            data, ensure_ascii=False, indent=indent, separators=separators
        )
