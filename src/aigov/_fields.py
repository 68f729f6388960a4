"""The field vocabulary: every kind of value a model field holds, declared once.

A model field is declared once, in ``_model``, by its annotation: plain types
(``datetime.date``, an enum, a model class, ``tuple[X, ...]``, ``X | None``)
and the aliases below, which attach a :class:`Kind` to ``str`` or ``int``
through :data:`typing.Annotated`::

    name: Text
    country: CountryCode | None = None
    topics: Annotated[tuple[Topic, ...], UNIQUE] = ()

:func:`spec_of` compiles an annotation into a :class:`Spec`, the one
description of the field that everything else is derived from: the
constructors' checks and normalisation (here), the converter's hooks
(``_convert``), the bulk checks of the fast loaders (``_bulk``), the JSON
Schema (``_schema``) and the hypothesis strategies (``strategies``).  A new
kind of value is a new :class:`Kind` here; a new field is one line in
``_model``.
"""

from __future__ import annotations

import builtins
import datetime
import enum
import functools
import types
from collections.abc import Callable, Iterable, Iterator
from typing import (
    TYPE_CHECKING,
    Annotated,
    Any,
    ClassVar,
    Final,
    TypeVar,
    Union,
    get_args,
    get_origin,
)

import attrs

from aigov import _countries
from aigov._text import all_visible_text, describe_value, is_blank, join_location

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

__all__ = [
    "MAX_COUNT",
    "MAX_PROBLEMS_PER_ARRAY",
    "UNIQUE",
    "Count",
    "CountryCode",
    "Id",
    "Kind",
    "Problem",
    "Spec",
    "Text",
    "Topic",
    "derived",
    "spec_of",
]

#: The largest count a model field holds: the largest integer that every
#: JSON reader (JavaScript's included) represents exactly (RFC 7493).
MAX_COUNT: Final = 2**53 - 1

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


#: A problem found in a value: (location relative to it, message, bad value).
Problem = tuple[str, str, object]

T = TypeVar("T")


# --- kinds of leaf values -------------------------------------------------------


@attrs.frozen
class Kind:
    """What a ``str`` or ``int`` field holds beyond its type: non-blank text, a code.

    Subclasses say how a value is checked, normalised by constructors,
    described in JSON Schema and generated for property tests.
    """

    #: The Python type of the values.
    base: ClassVar[type] = str

    def normalize(self, value: object) -> object:
        """What a constructor stores for *value* (which may be of any type)."""
        return value

    def problems(self, value: Any) -> Iterator[Problem]:  # noqa: ANN401, ARG002 - of type base
        """The problems of *value*, already known to be of type :attr:`base`."""
        return iter(())

    def all_ok(self, values: Iterable[Any]) -> bool:
        """Whether every one of *values* (of type :attr:`base`) passes, in bulk."""
        return not any(next(self.problems(v), None) for v in values)

    def schema(self) -> dict[str, Any]:
        """The JSON Schema of a value."""
        raise NotImplementedError

    def strategy(self) -> SearchStrategy[Any]:
        """A hypothesis strategy for valid values."""
        raise NotImplementedError


#: At least one character that is not white space: names must not be blank.
_NON_BLANK_PATTERN: Final = r"\S"


@attrs.frozen
class NonBlank(Kind):
    """Text with at least one visible character: names, titles, ids, texts."""

    max_size: int = 20

    def problems(self, value: str) -> Iterator[Problem]:
        if is_blank(value):
            yield ("", "must not be empty", value)
        elif not value.isascii() and not _encodable(value):
            # Lone surrogates can come from JSON ("\ud800") but cannot be
            # written as UTF-8; rejecting them keeps every object writable.
            msg = "contains a lone surrogate, which is not valid Unicode text"
            yield ("", msg, value)

    def all_ok(self, values: Iterable[str]) -> bool:
        return all_visible_text(list(values))

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "minLength": 1, "pattern": _NON_BLANK_PATTERN}

    def strategy(self) -> SearchStrategy[str]:
        from hypothesis import strategies as st  # noqa: PLC0415 - an extra

        return st.text(
            st.characters(codec="utf-8"), min_size=1, max_size=self.max_size
        ).filter(lambda text: not is_blank(text))


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


@attrs.frozen
class TopicTag(NonBlank):
    """A lower-case topic tag: ``"privacy"``."""

    max_size: int = 12

    def problems(self, value: str) -> Iterator[Problem]:
        yield from super().problems(value)
        if value.lower() != value:
            yield ("", f"topic {describe_value(value)} must be lower case", value)

    def all_ok(self, values: Iterable[str]) -> bool:
        values = set(values)  # tags repeat: check each once
        return super().all_ok(values) and all(v.lower() == v for v in values)

    def strategy(self) -> SearchStrategy[str]:
        return (
            super()
            .strategy()
            .map(str.lower)
            .filter(lambda tag: not is_blank(tag) and tag.lower() == tag)
        )


@attrs.frozen
class Country(Kind):
    """An assigned ISO 3166-1 alpha-2 code, stored upper case."""

    def normalize(self, value: object) -> object:
        # Only two ASCII letters are folded, so that "ß" does not become the
        # unrelated "SS" and a misspelt name is echoed as the user typed it.
        if type(value) is str and len(value) == 2 and value.isascii():  # noqa: PLR2004
            return value.upper()
        return value

    def problems(self, value: str) -> Iterator[Problem]:
        if value not in _countries.alpha2_codes():
            hint = _countries.suggest_code(value)
            msg = f"{describe_value(value)} is not an ISO 3166-1 alpha-2 code"
            yield ("", msg + (f"; did you mean {hint!r}?" if hint else ""), value)

    def all_ok(self, values: Iterable[str]) -> bool:
        return _countries.alpha2_codes().issuperset(values)

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "enum": sorted(_countries.alpha2_codes())}

    def strategy(self) -> SearchStrategy[str]:
        from hypothesis import strategies as st  # noqa: PLC0415 - an extra

        return st.sampled_from(sorted(_countries.alpha2_codes()))


@attrs.frozen
class Range(Kind):
    """A whole number from *minimum* to *maximum*: a count."""

    base: ClassVar[type] = int
    minimum: int = 0
    maximum: int = MAX_COUNT

    def problems(self, value: int) -> Iterator[Problem]:
        if value < self.minimum:
            at_least = (
                "not be negative"
                if self.minimum == 0
                else f"be at least {self.minimum}"
            )
            yield ("", f"must {at_least}, got {describe_value(value)}", value)
        elif value > self.maximum:
            msg = f"must be at most {self.maximum}, got {describe_value(value)}"
            yield ("", msg, value)

    def all_ok(self, values: Iterable[int]) -> bool:
        return all(self.minimum <= v <= self.maximum for v in values)

    def schema(self) -> dict[str, Any]:
        return {"type": "integer", "minimum": self.minimum, "maximum": self.maximum}

    def strategy(self) -> SearchStrategy[int]:
        from hypothesis import strategies as st  # noqa: PLC0415 - an extra

        return st.integers(min_value=self.minimum, max_value=self.maximum)


@functools.lru_cache(maxsize=4096)
def _standard_tag(tag: str) -> str | None:
    """*tag* in its standard BCP 47 form, or ``None`` if it is not a valid tag."""
    # langcodes costs tens of milliseconds to import: only when a tag is seen.
    import langcodes  # noqa: PLC0415

    # langcodes also takes "_" (CLDR's separator), which BCP 47 does not.
    if "_" in tag or not langcodes.tag_is_valid(tag):
        return None
    return str(langcodes.standardize_tag(tag))


@attrs.frozen
class LanguageTag(Kind):
    """A BCP 47 language tag (``"zh-Hans"``, ``"en"``), stored in its standard form."""

    def normalize(self, value: object) -> object:
        if type(value) is str and len(value) <= _LONGEST_TAG:
            return _standard_tag(value) or value
        return value

    def problems(self, value: str) -> Iterator[Problem]:
        if len(value) > _LONGEST_TAG or _standard_tag(value) != value:
            msg = f"{describe_value(value)} is not a valid BCP 47 language tag in its standard form"
            yield ("", msg + " (such as 'en', 'zh-Hans' or 'pt-BR')", value)

    def all_ok(self, values: Iterable[str]) -> bool:
        return all(
            len(v) <= _LONGEST_TAG and _standard_tag(v) == v for v in set(values)
        )

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$"}

    def strategy(self) -> SearchStrategy[str]:
        from hypothesis import strategies as st  # noqa: PLC0415 - an extra

        return st.sampled_from(
            ["en", "zh", "zh-Hans", "zh-Hant", "fr", "ar", "ru", "es", "pt-BR", "ja"]
        )


#: BCP 47 tags are far shorter; longer text is refused without parsing it.
_LONGEST_TAG: Final = 64


@attrs.frozen
class _UniqueItems:
    """Marks a tuple whose items must each appear once."""


#: Non-blank text: names, titles, statement text.
Text = Annotated[str, NonBlank()]
#: Longer text, for statements: only its generated examples are longer.
LongText = Annotated[str, NonBlank(max_size=60)]
#: The id of an object, or a reference to one: non-blank text.
Id = Annotated[str, NonBlank()]
#: An ISO 3166-1 alpha-2 country code.
CountryCode = Annotated[str, Country()]
#: A lower-case topic tag.
Topic = Annotated[str, TopicTag()]
#: A non-negative whole number that every JSON reader holds exactly.
Count = Annotated[int, Range()]
#: A position in a text: a non-negative whole number.
Offset = Annotated[int, Range()]
#: A BCP 47 language tag.
Language = Annotated[str, LanguageTag()]

#: Marks a tuple whose items must each appear once:
#: ``Annotated[tuple[Id, ...], UNIQUE]``.
UNIQUE: Final = _UniqueItems()


# --- derived defaults -------------------------------------------------------------


class _Derived(str):
    """The default of an id that is derived from other fields when left out."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<derived>"


#: The value an id field holds until it is derived.  Compared by identity:
#: no text a user or a decoder gives is this object.
DERIVED: Final = _Derived("")


def derived(how: Callable[[Any], str]) -> Any:  # noqa: ANN401 - attrs' field() idiom
    """An id field whose default is derived from the object's other fields.

    The default is computed by *how* from the half-built object once its
    other fields are set, by the constructor and by the loaders alike.
    (A plain default rather than an attrs factory, so that msgspec can
    decode straight into the class.)
    """
    return attrs.field(default=DERIVED, metadata={"derive": how})


# --- compiled field descriptions ------------------------------------------------


@attrs.frozen
class Spec:
    """Everything aigov knows about one field's type, compiled from its annotation.

    Attributes:
        form: ``"leaf"`` (a ``str`` or ``int`` with a :class:`Kind`),
            ``"plain"`` (a ``str`` or ``int`` without one), ``"date"``,
            ``"when"`` (a date or a date known in part), ``"enum"``,
            ``"model"``, ``"tuple"`` or ``"optional"``.
        type: The Python type of values (the enum or model class; ``tuple``;
            for ``"when"``, the class of dates known in part).
        kind: The leaf's :class:`Kind`.
        item: For ``"tuple"`` and ``"optional"``: the spec of the items, or
            of the value when it is not ``None``.
        unique: For ``"tuple"``: whether each item may appear only once.
    """

    form: str
    type: type
    kind: Kind | None = None
    item: Spec | None = None
    unique: bool = False

    # --- what constructors do ---------------------------------------------

    def normalize(self, value: object) -> object:
        """What a constructor stores for *value*: codes upper case, enum values as members."""
        if self.form == "leaf":
            assert self.kind is not None  # noqa: S101 - a leaf has a kind
            return self.kind.normalize(value)
        if self.form == "enum" and type(value) is str:
            return _members(self.type).get(value, value)
        if self.form == "optional" and value is not None:
            assert self.item is not None  # noqa: S101 - an optional has an item
            return self.item.normalize(value)
        if self.form == "tuple" and type(value) is tuple and self.item.normalizes:  # type: ignore[union-attr]
            return tuple(self.item.normalize(v) for v in value)  # type: ignore[union-attr]
        return value

    @functools.cached_property
    def normalizes(self) -> bool:
        """Whether :meth:`normalize` can change a value at all."""
        if self.form == "enum":
            return True
        if self.form == "leaf":
            return type(self.kind).normalize is not Kind.normalize  # type: ignore[union-attr]
        return self.item is not None and self.item.normalizes

    def problems(self, value: object) -> Iterator[Problem]:
        """Every problem of *value* as a value of this field; never raises."""
        if self.form == "optional":
            if value is not None:
                yield from self.item.problems(value)  # type: ignore[union-attr]
        elif self.form == "tuple":
            yield from self._tuple_problems(value)
        elif self.form == "when":
            if type(value) is not datetime.date and type(value) is not self.type:
                got = type(value).__name__
                msg = f"expected a datetime.date or a {self.type.__name__}, got {got}"
                yield ("", msg, value)
        elif type(value) is not self.type:
            yield ("", self._wrong_type(value), value)
        elif self.form == "leaf":
            yield from self.kind.problems(value)  # type: ignore[union-attr]

    def _wrong_type(self, value: object) -> str:
        got = type(value).__name__
        if self.form == "enum":
            allowed = ", ".join(repr(m.value) for m in self.type)  # type: ignore[attr-defined]
            if type(value) is str:
                return f"{describe_value(value)} is not a valid {self.type.__name__}; expected one of {allowed}"
            return f"expected a {self.type.__name__} (one of {allowed}), got {got}"
        return f"expected {_type_phrase(self.type)}, got {got}"

    def _tuple_problems(self, value: object) -> Iterator[Problem]:
        if type(value) is not tuple:
            yield ("", f"expected a tuple, got {type(value).__name__}", value)
            return
        item = self.item
        assert item is not None  # noqa: S101 - a tuple has an item
        seen: set[object] = set()
        count = 0
        for index, element in enumerate(value):
            if count >= MAX_PROBLEMS_PER_ARRAY:
                yield f"[{index}]", stopped_checking(index, len(value)), None
                return
            for location, message, bad in item.problems(element):
                count += 1
                yield join_location(f"[{index}]", location), message, bad
            if self.unique:
                try:
                    duplicate = element in seen
                    seen.add(element)
                except TypeError:  # unhashable: already reported as a wrong type
                    continue
                if duplicate:
                    count += 1
                    msg = f"{describe_value(element)} is listed twice"
                    yield f"[{index}]", msg, element

    # --- what the fast loaders do -------------------------------------------

    def all_ok(self, values: list[Any]) -> bool:
        """Whether every one of *values* passes :meth:`problems`, checked in bulk.

        Nested model objects are not looked into: the caller checks every
        object of every class.
        """
        if self.form == "optional":
            present = [v for v in values if v is not None] if None in values else values
            return self.item.all_ok(present)  # type: ignore[union-attr]
        if self.form == "tuple":
            return self._tuples_ok(values)
        if self.form == "when":
            return {datetime.date, self.type}.issuperset(map(type, values))
        # Exact types, as the constructors demand: a bool is not a count.
        if not {self.type}.issuperset(map(type, values)):
            return False
        if self.form == "leaf":
            return self.kind.all_ok(values)  # type: ignore[union-attr]
        return True

    def _tuples_ok(self, values: list[Any]) -> bool:
        if not {tuple}.issuperset(map(type, values)):
            return False
        # Tuples of tags and ids repeat across a document: each once.
        distinct = set(values) if self.item.form != "model" else values  # type: ignore[union-attr]
        if self.unique and not all(
            len(set(t)) == len(t) for t in distinct if len(t) > 1
        ):
            return False
        items = [item for t in distinct for item in t]
        return self.item.all_ok(items)  # type: ignore[union-attr]

    # --- what the schema and strategies see -----------------------------------

    @property
    def model(self) -> builtins.type | None:
        """The model class this field holds (directly, in a tuple or optionally)."""
        if self.form == "model":
            return self.type
        return None if self.item is None else self.item.model


def _type_phrase(cls: type) -> str:
    phrases = {str: "a string", int: "an int", datetime.date: "a datetime.date"}
    return phrases.get(cls, f"a {cls.__name__}")


@functools.cache
def _members(cls: type[enum.Enum]) -> dict[str, enum.Enum]:
    return {member.value: member for member in cls}


def _is_optional(annotation: object) -> bool:
    return get_origin(annotation) in (Union, types.UnionType) and type(
        None
    ) in get_args(annotation)


def spec_of(annotation: Any) -> Spec:  # noqa: ANN401, C901, PLR0911, PLR0912 - any type form
    """Compile a field's annotation (with ``Annotated`` extras) into a :class:`Spec`.

    Raises:
        TypeError: If the annotation is not made of the vocabulary.
    """
    unique = False
    kind: Kind | None = None
    if get_origin(annotation) is Annotated:
        annotation, *extras = get_args(annotation)
        for extra in extras:
            if extra is UNIQUE:
                unique = True
            elif isinstance(extra, Kind):
                kind = extra
    if _is_optional(annotation):
        inner = [arg for arg in get_args(annotation) if arg is not type(None)]
        rest = inner[0] if len(inner) == 1 else Union[tuple(inner)]  # noqa: UP007
        return Spec("optional", type(None), item=spec_of(rest))
    if get_origin(annotation) in (Union, types.UnionType):
        return _union_spec(annotation)
    if get_origin(annotation) is tuple:
        args = get_args(annotation)
        if len(args) != 2 or args[1] is not Ellipsis:  # noqa: PLR2004
            msg = f"only homogeneous tuples (tuple[X, ...]) are model fields, not {annotation!r}"
            raise TypeError(msg)
        return Spec("tuple", tuple, item=spec_of(args[0]), unique=unique)
    if kind is not None:
        if annotation is not kind.base:
            msg = (
                f"{type(kind).__name__} holds {kind.base.__name__}, not {annotation!r}"
            )
            raise TypeError(msg)
        return Spec("leaf", annotation, kind=kind)
    if annotation in (str, int):
        return Spec("plain", annotation)
    if annotation is datetime.date:
        return Spec("date", annotation)
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return Spec("enum", annotation)
    if isinstance(annotation, type) and attrs.has(annotation):
        return Spec("model", annotation)
    msg = f"{annotation!r} is not a type the field vocabulary knows"
    raise TypeError(msg)


def _union_spec(annotation: object) -> Spec:
    # The one union the vocabulary knows: a date, or a date known in part
    # (a class that says so with ``__aigov_form__ = "when"``).
    args = get_args(annotation)
    partial = [a for a in args if a is not datetime.date]
    if (
        len(args) == 2  # noqa: PLR2004
        and datetime.date in args
        and getattr(partial[0], "__aigov_form__", None) == "when"
    ):
        return Spec("when", partial[0])
    msg = f"{annotation!r} is not a union the field vocabulary knows"
    raise TypeError(msg)


@attrs.frozen
class FieldSpec:
    """A model class's field: its name, compiled spec and derived default."""

    name: str
    spec: Spec
    required: bool
    derive: Callable[[Any], str] | None


@functools.cache
def fields_of(cls: type) -> tuple[FieldSpec, ...]:
    """The compiled fields of the attrs class *cls*, in declaration order.

    Fields whose annotation is not made of the vocabulary (a user's own
    attrs class may hold ``note: object``) get no spec and are left out.
    """
    found = []
    for field in attrs.fields(attrs.resolve_types(cls, include_extras=True)):
        try:
            spec = spec_of(field.type)
        except TypeError:
            continue
        found.append(
            FieldSpec(
                field.name,
                spec,
                field.default is attrs.NOTHING,
                field.metadata.get("derive"),
            )
        )
    return tuple(found)


def field_problems(
    obj: object, fields: Iterable[FieldSpec]
) -> list[tuple[str, str, object]]:
    """Every problem of *obj*'s *fields*, located at the field's name."""
    return [
        (join_location(field.name, location), message, value)
        for field in fields
        for location, message, value in field.spec.problems(getattr(obj, field.name))
    ]
