"""Checking whole object graphs at once: what the fast loaders do instead of ``__init__``.

The fast loaders build model objects without calling their constructors
(msgspec decodes straight into the attrs classes; the standard-library
loader sets their fields).  :func:`valid` then does what the constructors
would have done, class by class rather than object by object: it fills in
derived ids and checks every declared field of every object with
:meth:`Spec.all_ok <aigov._fields.Spec.all_ok>`, whose loops run in C, and
runs each class's whole-object checks.  It only answers yes or no: where
it says no, the caller builds the objects again on the reference path,
which says what is wrong and where.
"""

from __future__ import annotations

import datetime
import functools
import itertools
import operator
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from aigov._fields import DERIVED, FieldSpec, fields_of

__all__ = ["holds_partial_dates", "valid"]


def valid(root: object) -> bool:
    """Whether *root* and every model object in it are as their constructors demand.

    Derived ids that were left out are filled in on the way, as the
    constructors would.
    """
    pending: dict[type, list[object]] = {type(root): [root]}
    # Whole-object checks (a forum's references) need every nested id
    # derived first, so they run last.
    wholes: list[tuple[Callable[[Any], Iterator[object]], list[object]]] = []
    while pending:
        cls, objects = pending.popitem()
        fields = fields_of(cls)
        _derive(objects, fields)
        for field in fields:
            values = list(map(operator.attrgetter(field.name), objects))
            model = field.spec.model
            if model is None:
                if not field.spec.all_ok(values):
                    return False
                continue
            children = _children(field, values)
            if children is None or not {model}.issuperset(map(type, children)):
                return False
            if children:
                pending.setdefault(model, []).extend(children)
        check_whole = getattr(cls, "_check_whole", None)
        if check_whole is not None:
            wholes.append((check_whole, objects))
    return not any(
        next(check(obj), None) is not None
        for check, objects in wholes
        for obj in objects
    )


def _children(field: FieldSpec, values: list[object]) -> list[object] | None:
    """The model objects a field's *values* hold, or ``None`` if they are not tuples."""
    spec = field.spec
    if spec.form == "model":
        return values
    if spec.form == "optional":
        return [value for value in values if value is not None]
    if not {tuple}.issuperset(map(type, values)):
        return None
    return list(itertools.chain.from_iterable(values))  # type: ignore[arg-type]


def _derive(objects: list[object], fields: Iterable[FieldSpec]) -> None:
    for field in fields:
        if field.derive is None:
            continue
        getter = operator.attrgetter(field.name)
        # DERIVED is the empty string: a quick look for it in C first (by
        # equality, as the values' types are not checked yet).
        if DERIVED not in list(map(getter, objects)):
            continue
        for obj in objects:
            if getter(obj) is DERIVED:
                object.__setattr__(obj, field.name, field.derive(obj))


def holds_partial_dates(root: object) -> bool:
    """Whether any date field of *root*, at any depth, holds a date known in part.

    Only the classes that can hold such a field are walked: a forum's
    statements, most of it, are not.
    """
    pending = [root]
    while pending:
        obj = pending.pop()
        for field in fields_of(type(obj)):  # type: ignore[arg-type]
            spec = field.spec.item if field.spec.form == "optional" else field.spec
            value = getattr(obj, field.name)
            if spec is not None and spec.form == "when":
                if value is not None and type(value) is not datetime.date:
                    return True
            elif field.spec.model is not None and _reaches_when(field.spec.model):
                pending.extend(
                    value if type(value) is tuple else () if value is None else (value,)
                )
    return False


@functools.cache
def _reaches_when(cls: type) -> bool:
    for field in fields_of(cls):
        spec = field.spec.item if field.spec.form == "optional" else field.spec
        if spec is not None and spec.form == "when":
            return True
        model = field.spec.model
        if model is not None and model is not cls and _reaches_when(model):
            return True
    return False
