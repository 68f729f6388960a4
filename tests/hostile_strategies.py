"""Hostile inputs for the property tests: the kinds of value a red-team run used.

Shared by the test modules (``aigov.strategies`` is for users' own tests and
makes valid data; these make the invalid data that broke 0.1).
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import struct
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar, Literal, get_args

from hypothesis import strategies as st

import aigov
from aigov import strategies as st_aigov

STRATEGIES: dict[type, st.SearchStrategy[Any]] = {
    aigov.Forum: st_aigov.forums(),
    aigov.Identifier: st_aigov.identifiers(),
    aigov.Organization: st_aigov.organizations(),
    aigov.Role: st_aigov.roles(),
    aigov.Session: st_aigov.sessions(("a", "b")),
    aigov.Source: st_aigov.sources(),
    aigov.Speaker: st_aigov.speakers(("x", "y")),
    aigov.Statement: st_aigov.statements(),
    aigov.Evidence: st_aigov.evidence(),
    aigov.Count: st_aigov.counts(),
    aigov.Name: st_aigov.names(),
    aigov.Participant: st_aigov.participants(),
}

#: Control and format characters a terminal or a bidi-aware viewer acts on.
NASTY_CHARACTERS = (
    "\x00",
    "\x07",
    "\x08",
    "\x1b",
    "\r",
    "\n",
    "\x7f",
    "\x85",
    "\u200b",
    "\u200e",
    "\u202a",
    "\u202e",
    "\u2066",
    "\u2069",
    "\ufeff",
    "\U000e0001",
)

CONTROL_CATEGORIES = frozenset({"Cc", "Cf"})


def raw_controls(text: str) -> list[str]:
    """The characters of category Cc or Cf in *text*: none may reach a terminal."""
    return [char for char in text if unicodedata.category(char) in CONTROL_CATEGORIES]


def printed_controls(text: str) -> list[str]:
    """Like :func:`raw_controls`, but for a multi-line message: its line feeds are its own."""
    return [char for line in text.split("\n") for char in raw_controls(line)]


# --- dict keys that are not what a JSON decoder makes ------------------------------


class HostileKeyError(Exception):
    """What a hostile key raises; its message would drive a terminal if printed."""

    def __init__(self, method: str) -> None:
        super().__init__(f"\x1b[2J\r{method} failed\u202e" + "x" * 10_000)


class UnprintableKeyError(HostileKeyError):
    """What a hostile key raises when even the error's message cannot be made."""

    def __str__(self) -> str:
        raise HostileKeyError("__str__")


class HostileKey:
    """A dict key whose ``__hash__``, ``__eq__`` or ``__repr__`` raise while armed.

    Disarmed, it behaves, so that it can be put in a dict (its hash may
    collide with a field name's, so that lookups of that field compare with
    it) and hypothesis can print it.  Arm keys with :func:`armed`.  With
    ``"unprintable"`` among *raising*, what it raises cannot be turned into
    text either.
    """

    armed: ClassVar[bool] = False

    def __init__(self, collides_with: str, raising: frozenset[str]) -> None:
        self.collides_with = collides_with
        self.raising = raising

    def _check(self, method: str) -> None:
        if HostileKey.armed and method in self.raising:
            if "unprintable" in self.raising:
                raise UnprintableKeyError(method)
            raise HostileKeyError(method)

    def __hash__(self) -> int:
        self._check("__hash__")
        return hash(self.collides_with)

    def __eq__(self, other: object) -> bool:
        self._check("__eq__")
        return self is other

    def __repr__(self) -> str:
        self._check("__repr__")
        return f"HostileKey({self.collides_with!r}, {sorted(self.raising)})"


@contextlib.contextmanager
def armed() -> Iterator[None]:
    """Make every :class:`HostileKey` raise for the ``with`` block."""
    HostileKey.armed = True
    try:
        yield
    finally:
        HostileKey.armed = False


def hostile_keys(field_names: list[str]) -> st.SearchStrategy[object]:
    """Dict keys a Python caller could pass to ``from_dict``, none a plain field name."""
    # Huge values are built by index: hypothesis would print (and so repr) a
    # drawn value, and Python refuses to repr an integer of 5,000 digits.
    huge: list[object] = [10**5000, -(10**4301), "k" * 2_000_000, b"\xff" * 100_000]
    return st.one_of(
        st.integers(0, len(huge) - 1).map(huge.__getitem__),
        st.integers(),
        st.floats(),
        st.none(),
        st.booleans(),
        st.binary(max_size=8),
        st.tuples(st.integers(), st.text(max_size=2)),
        st.frozensets(st.integers(), max_size=2),
        st.text(st.sampled_from(NASTY_CHARACTERS), min_size=1, max_size=4),
        st.text(st.characters(codec=None, categories=None), max_size=6).filter(
            lambda key: key not in field_names
        ),
        st.builds(
            HostileKey,
            st.sampled_from([*field_names, "zzz"]),
            st.frozensets(
                st.sampled_from(["__hash__", "__eq__", "__repr__"]), min_size=1
            ).flatmap(
                lambda raising: st.sampled_from([raising, raising | {"unprintable"}])
            ),
        ),
    )


def dict_paths(node: object, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The path to every dict in *node*, itself included, in document order."""
    found = [path] if isinstance(node, dict) else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += dict_paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += dict_paths(value, (*path, index))
    return found


def get(node: Any, path: tuple[Any, ...]) -> Any:  # noqa: ANN401 - any JSON node
    for key in path:
        node = node[key]
    return node


@st.composite
def documents_with_a_hostile_key(
    draw: st.DrawFn, field_names: list[str]
) -> tuple[type, dict[Any, Any]]:
    """A valid document of any class with a hostile key added to one of its objects."""
    cls = draw(st.sampled_from(list(STRATEGIES)))
    document = aigov.to_dict(draw(STRATEGIES[cls]))
    where = get(document, draw(st.sampled_from(dict_paths(document))))
    where[draw(hostile_keys(field_names))] = draw(
        st.sampled_from([None, 1, "x", [], {}, {"name": "x"}])
    )
    return cls, document


# --- ids with control characters, where messages quote them ------------------------


@st.composite
def hostile_ids(draw: st.DrawFn) -> str:
    """A non-blank id holding at least one control or format character."""
    parts = draw(
        st.lists(
            st.sampled_from(NASTY_CHARACTERS)
            | st.characters(categories=("Cc", "Cf"))
            | st.sampled_from(["a", "org", "-", "1", "王"]),
            min_size=1,
            max_size=8,
        )
    )
    return "a" + "".join(parts) + draw(st.sampled_from(NASTY_CHARACTERS))


def forum_document(**parts: object) -> dict[str, object]:
    """A minimal forum document with *parts* added."""
    return {
        "schema_version": aigov.SCHEMA_VERSION,
        "name": "Hostile forum",
        "start_date": "2021-12-04",
        **parts,
    }


def organization(org_id: str, parent_id: str | None = None) -> dict[str, object]:
    return {"name": "Org", "id": org_id, "kind": "company", "parent_id": parent_id}


def speaker(speaker_id: str) -> dict[str, object]:
    return {"name": "Speaker", "id": speaker_id}


def cycle_document(ids: list[str]) -> dict[str, object]:
    """Organisations whose parent_id links go round *ids*."""
    return forum_document(
        organizations=[
            organization(org_id, ids[(i + 1) % len(ids)])
            for i, org_id in enumerate(ids)
        ]
    )


@st.composite
def documents_quoting_hostile_ids(draw: st.DrawFn) -> dict[str, object]:
    """A forum whose problems (duplicate ids, dangling references, cycles) quote hostile ids."""
    ids = draw(st.lists(hostile_ids(), min_size=1, max_size=4, unique=True))
    kind = draw(st.sampled_from(["duplicate", "dangling", "cycle", "all"]))
    parts: dict[str, object] = {}
    if kind in {"duplicate", "all"}:
        parts["speakers"] = [speaker(ids[0]), speaker(ids[0])]
    if kind in {"dangling", "all"}:
        statements = [{"speaker_id": id_, "text": "Hello."} for id_ in ids]
        chairs = [{"speaker_id": id_, "part": "chair"} for id_ in ids]
        parts["sessions"] = [
            {
                "title": "Opening",
                "kind": "plenary",
                "participants": chairs,
                "statements": statements,
            }
        ]
        parts["host_ids"] = ids
    if kind in {"cycle", "all"}:
        parts["organizations"] = cycle_document(ids)["organizations"]
    return forum_document(**parts)


# --- JSON text with a key given twice ----------------------------------------------


def location_of(path: tuple[Any, ...]) -> str:
    """The location aigov gives for *path* in a document whose keys are plain names."""
    location = ""
    for part in path:
        if isinstance(part, int):
            location += f"[{part}]"
        else:
            location += f".{part}" if location else part
    return location


def _encode(
    node: object,
    insert: dict[tuple[Any, ...], tuple[int, str]],
    space: str,
    path: tuple[Any, ...] = (),
) -> str:
    """*node* as JSON with sorted keys, *space* after each separator, and *insert* added."""
    if isinstance(node, dict):
        members = [
            f"{json.dumps(key)}:{space}{_encode(value, insert, space, (*path, key))}"
            for key, value in sorted(node.items())
        ]
        if path in insert:
            at, member = insert[path]
            members.insert(at, member)
        return "{" + f",{space}".join(members) + "}"
    if isinstance(node, list):
        items = [_encode(v, insert, space, (*path, i)) for i, v in enumerate(node)]
        return "[" + f",{space}".join(items) + "]"
    return json.dumps(node, ensure_ascii=False)


@st.composite
def texts_with_a_duplicate_key(draw: st.DrawFn) -> tuple[type, str, str]:
    """The JSON of a valid object with one of its keys written twice.

    Returns the class, the text and the location of the duplicated key.  The
    second copy goes anywhere in its object, with the same value or another.
    """
    cls = draw(st.sampled_from(list(STRATEGIES)))
    document = aigov.to_dict(draw(STRATEGIES[cls]))
    candidates = [path for path in dict_paths(document) if get(document, path)]
    path = draw(st.sampled_from(candidates))
    node = get(document, path)
    key = draw(st.sampled_from(sorted(node)))
    value = draw(
        st.sampled_from([node[key], None, 2, "other", [], {}]) | st_aigov.json_values()
    )
    member = f"{json.dumps(key)}:{json.dumps(value)}"
    at = draw(st.integers(0, len(node)))
    # Compact as to_json writes, or spaced as a person might.
    space = draw(st.sampled_from(["", " ", "\n  "]))
    text = _encode(document, {path: (at, member)}, space)
    return cls, text, location_of((*path, key))


# --- memoryviews whose items are wider than a byte ---------------------------------

#: Formats of memoryview.cast with items of 1, 2, 4 and 8 bytes.
ItemFormat = Literal["B", "b", "H", "h", "I", "i", "L", "Q", "q"]

ITEM_FORMATS: st.SearchStrategy[ItemFormat] = st.sampled_from(get_args(ItemFormat))


def as_memoryview(data: bytes, item_format: ItemFormat) -> memoryview[int]:
    """*data*, padded with trailing spaces to whole items, as a memoryview of *item_format*."""
    size = struct.calcsize(item_format)
    return memoryview(data + b" " * (-len(data) % size)).cast(item_format)


# --- files that are not regular files ------------------------------------------------


def make_non_regular_file(
    kind: str, directory: Path, stack: contextlib.ExitStack
) -> Path:
    """Make a file of *kind* in *directory* (closed again by *stack*); return its path.

    Kinds: ``fifo``, ``socket``, ``directory``, ``devnull``, and any of them
    with ``link-to-`` in front (a symbolic link to it) or ``link-to-link-to-``.
    """
    if kind.startswith("link-to-"):
        target = make_non_regular_file(kind.removeprefix("link-to-"), directory, stack)
        link = directory / f"link-{len(list(directory.iterdir()))}.json"
        link.symlink_to(target)
        return link
    path = directory / f"{kind}.json"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "socket":
        server = stack.enter_context(socket.socket(socket.AF_UNIX))
        server.bind(str(path))
    elif kind == "directory":
        path.mkdir()
    elif kind == "devnull":
        return Path(os.devnull)
    else:
        msg = f"no such kind of file: {kind}"
        raise ValueError(msg)
    return path


NON_REGULAR_KINDS = ["fifo", "socket", "directory", "devnull"]

#: Non-regular files behind one or two symbolic links (tests/test_files.py
#: has each kind itself).
linked_non_regular_kinds = st.sampled_from(NON_REGULAR_KINDS).flatmap(
    lambda kind: st.sampled_from([f"link-to-{kind}", f"link-to-link-to-{kind}"])
)
