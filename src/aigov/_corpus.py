"""Many forums at once: the :class:`Corpus`, and reading and writing one.

A corpus is read from forum JSON files, directories of them and JSON Lines
files, through the same pipeline as :func:`aigov.load`; every problem is
located by its file (and line) first.
"""

from __future__ import annotations

import errno
import functools
import os
import re
import stat
import weakref
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Final, Literal, overload

import attrs

from aigov import _files
from aigov._io import from_json, to_json_bytes
from aigov._limits import MAX_DOCUMENT_SIZE
from aigov._model import Forum
from aigov._text import describe_value, slugify, stable_digest, suggestion
from aigov.exceptions import (
    ArgumentTypeError,
    ErrorDetail,
    NotARegularFileError,
    ValidationError,
)

__all__ = ["Corpus", "dump_corpus", "file_name_for", "load_corpus"]


def _as_forums(forums: Iterable[Forum]) -> tuple[Forum, ...]:
    if isinstance(forums, Forum | str | bytes):
        msg = f"forums must be an iterable of Forum, not {type(forums).__name__}"
        raise ArgumentTypeError(msg)
    found = tuple(forums)
    for position, forum in enumerate(found):
        if not isinstance(forum, Forum):
            msg = f"forums[{position}] is a {type(forum).__name__}, not a Forum"  # type: ignore[unreachable]
            raise ArgumentTypeError(msg)
    return found


@attrs.frozen(kw_only=True)
class Corpus:
    """Many forums, each with its own id: what to ask about several forums at once.

    Every :mod:`aigov.query` function takes a corpus where it takes a forum;
    :func:`load_corpus` reads one from files and directories, and
    :func:`dump_corpus` writes one.

    Attributes:
        forums: The forums, in the order given (any iterable of
            :class:`Forum` is kept as a tuple).

    Raises:
        ValidationError: If two forums have the same id; the problem names
            both positions.
        aigov.exceptions.ArgumentTypeError: If *forums* holds something that
            is not a :class:`Forum` (a :class:`TypeError`).

    .. versionadded:: 0.2.0
    """

    forums: tuple[Forum, ...] = attrs.field(default=(), converter=_as_forums)

    def __attrs_post_init__(self) -> None:
        _positions(self)

    def forum(self, forum_id: str, /) -> Forum:
        """Return the forum with id *forum_id*.

        Raises:
            ValidationError: If no forum of the corpus has that id; the
                message suggests the closest id.

        .. versionadded:: 0.2.0
        """
        positions = _positions(self)
        # Callers without a type checker may pass anything: it names no forum.
        is_text = isinstance(forum_id, str)
        position = positions.get(forum_id) if is_text else None
        if position is None:
            hint = suggestion(forum_id, positions) if is_text else ""
            msg = f"no forum has id {describe_value(forum_id)}{hint}"
            raise ValidationError.single(msg, forum_id)
        return self.forums[position]

    def __len__(self) -> int:
        return len(self.forums)

    def __iter__(self) -> Iterator[Forum]:
        return iter(self.forums)

    def people(
        self,
        *,
        same: Iterable[tuple[tuple[str, str], tuple[str, str]]] = (),
        different: Iterable[tuple[tuple[str, str], tuple[str, str]]] = (),
        reference: Iterable[Any] = (),
    ) -> tuple[Any, ...]:
        """The people of the corpus: its speakers grouped across forums.

        Speakers are grouped by shared identifiers, then by name; *same* and
        *different* correct the grouping, naming speakers as
        ``(forum_id, speaker_id)``.

        .. versionadded:: 0.2.0
        """
        module = _people_module()
        result: tuple[Any, ...] = module.people(
            self.forums, same=same, different=different, reference=reference
        )
        return result

    def organizations(self) -> tuple[Any, ...]:
        """The organisations of the corpus, grouped across forums.

        .. versionadded:: 0.2.0
        """
        result: tuple[Any, ...] = _people_module().organizations(self.forums)
        return result

    def appearances(self, person: object) -> tuple[Any, ...]:
        """Every forum, session, part and statement of *person*, in date order.

        .. versionadded:: 0.2.0
        """
        result: tuple[Any, ...] = _people_module().appearances(self.forums, person)
        return result


#: Per live corpus (by identity, as the model's lookup tables), the position
#: of each forum id; a weak reference, so that the cache keeps no corpus alive.
_POSITIONS: dict[int, tuple[weakref.ref[Corpus], dict[str, int]]] = {}


def _positions(corpus: Corpus) -> dict[str, int]:
    """Each forum id of *corpus* with its position; a duplicate id is an error."""
    key = id(corpus)
    entry = _POSITIONS.get(key)
    if entry is not None and entry[0]() is corpus:
        return entry[1]
    positions: dict[str, int] = {}
    problems = []
    for position, forum in enumerate(corpus.forums):
        first = positions.setdefault(forum.id, position)
        if first != position:
            msg = (
                f"forum id {describe_value(forum.id)} is also the id of forums[{first}]"
            )
            problems.append(ErrorDetail(f"forums[{position}].id", msg, forum.id))
    if problems:
        raise ValidationError(problems, subject="Corpus")
    _POSITIONS[key] = (weakref.ref(corpus, functools.partial(_forget, key)), positions)
    return positions


def _forget(key: int, _: object) -> None:
    _POSITIONS.pop(key, None)


def _people_module() -> Any:  # noqa: ANN401 - the module is written separately
    import importlib  # noqa: PLC0415

    try:
        return importlib.import_module("aigov._people")
    except ModuleNotFoundError as exc:
        if exc.name != "aigov._people":
            raise
        msg = "grouping people across forums is not available in this build"
        raise NotImplementedError(msg) from None


# --- reading -------------------------------------------------------------------------


def _located(error: ValidationError, where: str) -> ValidationError:
    """*error* with *where* (a file name, or ``name:line``) in front of each location."""
    details = (
        attrs.evolve(
            detail,
            location=f"{where}: {detail.location}" if detail.location else where,
        )
        for detail in error.errors
    )
    return ValidationError(details, subject=error.subject)


def _oserror(error: OSError, where: str) -> ValidationError:
    reason = error.strerror or str(error)
    return ValidationError.single(f"cannot read the file: {reason}", location=where)


def corpus_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """The files *paths* name: files as given, directories' ``*.json`` files, recursively.

    A directory's files come in sorted order of their paths, so that the
    same tree always gives the same corpus.
    """
    for given in paths:
        path = Path(given)
        if path.is_dir():
            yield from sorted(
                (found for found in path.rglob("*.json") if found.is_file()),
                key=lambda found: found.relative_to(path).parts,
            )
        else:
            yield path


def is_json_lines(path: Path) -> bool:
    """Whether *path* is read as JSON Lines: by its ``.jsonl`` suffix, in any case."""
    return path.suffix.lower() == ".jsonl"


def read_file(
    path: Path, *, max_size: int = MAX_DOCUMENT_SIZE
) -> tuple[list[Forum], list[ValidationError]]:
    """The forums of one file, and its problems, each located by file (and line).

    Raises:
        OSError: If the file cannot be read.
    """
    where = str(path)
    if not is_json_lines(path):
        data = _files.read_at_most(path, max_size)
        try:
            return [from_json(data, max_size=max_size)], []
        except ValidationError as exc:
            return [], [_located(exc, where)]
    forums: list[Forum] = []
    problems: list[ValidationError] = []
    # Line by line: a JSON Lines file may hold more than one document may.
    # A FIFO or device could block or never end: refused before opening.
    _refuse_unless_regular(path.stat().st_mode, where)
    with path.open("rb") as stream:
        _refuse_unless_regular(os.fstat(stream.fileno()).st_mode, where)
        for number, line in enumerate(stream, start=1):
            if not line.strip():
                continue  # a blank line (such as a last newline doubled) holds nothing
            try:
                forums.append(from_json(line, max_size=max_size))
            except ValidationError as exc:
                problems.append(_located(exc, f"{where}:{number}"))
    return forums, problems


def _refuse_unless_regular(mode: int, name: str) -> None:
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), name)
    if not stat.S_ISREG(mode):
        raise NotARegularFileError(errno.EINVAL, "not a regular file", name)


def _merged(problems: list[ValidationError]) -> ValidationError:
    if len(problems) == 1:
        return problems[0]
    return ValidationError(
        [detail for problem in problems for detail in problem.errors],
        subject=problems[0].subject,
    )


@overload
def load_corpus(
    *paths: str | os.PathLike[str],
    errors: Literal["raise"] = ...,
    max_size: int = ...,
) -> Corpus: ...
@overload
def load_corpus(
    *paths: str | os.PathLike[str],
    errors: Literal["collect"],
    max_size: int = ...,
) -> tuple[Corpus, tuple[ValidationError, ...]]: ...
def load_corpus(
    *paths: str | os.PathLike[str],
    errors: Literal["raise", "collect"] = "raise",
    max_size: int = MAX_DOCUMENT_SIZE,
) -> Corpus | tuple[Corpus, tuple[ValidationError, ...]]:
    """Read a corpus from forum JSON files, directories of them and JSON Lines files.

    A directory is searched recursively for ``*.json`` files, read in sorted
    order of their paths.  A file whose name ends in ``.jsonl`` holds one
    forum document a line (blank lines are skipped).  Any other file is one
    forum document, as :func:`aigov.load` reads it.  Forums come in the order
    of *paths*.

    Every problem's location starts with its file's name, and for JSON
    Lines its line number: ``forums/a.json: sessions[0].speaker_id`` or
    ``all.jsonl:3: name``.

    Args:
        paths: Files and directories.
        errors: ``"raise"`` (the default) raises at the first bad file;
            ``"collect"`` keeps the good forums and returns the problems
            beside them, for corpora of hundreds of files.
        max_size: Refuse documents (files, or lines of JSON Lines) larger
            than this many bytes; see :data:`aigov.MAX_DOCUMENT_SIZE`.

    Returns:
        With ``errors="raise"``, the :class:`Corpus`.  With
        ``errors="collect"``, ``(corpus, problems)``: the corpus of the good
        forums and a tuple with one :class:`ValidationError` per bad or
        unreadable file (a forum whose id an earlier forum has is a problem
        of its file, and is left out).

    Raises:
        ValidationError: With ``errors="raise"``, if a document is invalid
            or two forums have the same id.
        OSError: With ``errors="raise"``, if a file cannot be read.

    .. versionadded:: 0.2.0
    """
    if errors not in {"raise", "collect"}:
        msg = f"errors must be 'raise' or 'collect', not {describe_value(errors)}"
        raise ArgumentTypeError(msg)
    collect = errors == "collect"
    forums: list[Forum] = []
    origins: dict[str, str] = {}
    problems: list[ValidationError] = []
    for path in corpus_files(paths):
        try:
            found, bad = read_file(path, max_size=max_size)
        except OSError as exc:
            if not collect:
                raise
            problems.append(_oserror(exc, str(path)))
            continue
        except ValidationError as exc:  # too large
            found, bad = [], [_located(exc, str(path))]
        for forum in found:
            first = origins.get(forum.id)
            if first is None:
                origins[forum.id] = str(path)
                forums.append(forum)
            else:
                msg = f"forum id {describe_value(forum.id)} is also the id of a forum in {first}"
                bad.append(
                    ValidationError.single(msg, forum.id, location=f"{path}: id")
                )
        if bad:
            if not collect:
                raise bad[0]
            problems.append(_merged(bad))
    corpus = Corpus(forums=forums)
    return (corpus, tuple(problems)) if collect else corpus


# --- writing -------------------------------------------------------------------------

#: The longest readable part of a file name :func:`file_name_for` gives.
LONGEST_SLUG: Final = 60

_NOT_ASCII_SLUG = re.compile(r"[^a-z0-9]+")


def file_name_for(forum_id: str) -> str:
    """The file name :func:`dump_corpus` gives the forum with id *forum_id*.

    An ASCII slug of the id (lower case letters, digits and hyphens, at most
    :data:`LONGEST_SLUG` characters; ``forum`` where the id has none), a
    hyphen, ten hex digits of a digest of the exact id, and ``.json``:
    ``"Paris/2025"`` gives ``paris-2025-`` and its digest.  The digest tells
    apart ids that differ only in case, punctuation or non-ASCII letters, so
    that no two forums share a file even on a disk that ignores case, and no
    name holds a path separator or is too long for a file system.
    """
    ascii_slug = _NOT_ASCII_SLUG.sub("-", slugify(forum_id)).strip("-")
    ascii_slug = ascii_slug[:LONGEST_SLUG].rstrip("-") or "forum"
    return f"{ascii_slug}-{stable_digest(forum_id, length=10)}.json"


def dump_corpus(
    corpus: Corpus, path: str | os.PathLike[str], *, overwrite: bool = False
) -> None:
    """Write *corpus* to a directory of forum files or, for a ``.jsonl`` path, JSON Lines.

    A directory gets one indented JSON file per forum, each written
    atomically as :func:`aigov.dump` writes; it is created if missing.  A
    forum's file is named by its id: an ASCII slug of the id (lower-case
    letters, digits and hyphens, at most 60 characters; ``forum`` if the id
    has none of them), a hyphen, ten hex digits of a digest of the exact id,
    and ``.json``.  The digest tells apart ids that differ only in case,
    punctuation or non-ASCII letters, so no two forums share a file even on
    a disk that ignores case, and no name holds a path separator or grows
    too long for a file system.  A ``.jsonl`` path gets one canonical
    JSON document per forum a line, written atomically as a whole.
    :func:`load_corpus` reads either back as the same corpus.

    Args:
        corpus: The corpus to write.
        path: A directory, or a file whose name ends in ``.jsonl``.
        overwrite: Write into a directory that is not empty (replacing the
            files of the same names, leaving others) or over an existing
            JSON Lines file.

    Raises:
        FileExistsError: Without *overwrite*, if the directory is not empty
            or the JSON Lines file exists.
        OSError: If a file cannot be written.
        aigov.exceptions.ArgumentTypeError: If *corpus* is not a
            :class:`Corpus` (a :class:`TypeError`).

    .. versionadded:: 0.2.0
    """
    if not isinstance(corpus, Corpus):
        msg = f"expected a Corpus, not {type(corpus).__name__}"  # type: ignore[unreachable]
        raise ArgumentTypeError(msg)
    target = Path(path)
    if is_json_lines(target):
        if target.exists() and not overwrite:
            msg = f"{target} exists; pass overwrite=True to replace it"
            raise FileExistsError(msg)
        lines = b"".join(to_json_bytes(forum) + b"\n" for forum in corpus.forums)
        _files.write_atomic(target, lines)
        return
    if target.is_dir() and any(target.iterdir()) and not overwrite:
        msg = f"{target} is not empty; pass overwrite=True to write into it"
        raise FileExistsError(msg)
    target.mkdir(parents=True, exist_ok=True)
    for forum in corpus.forums:
        data = to_json_bytes(forum, indent=2) + b"\n"
        _files.write_atomic(target / file_name_for(forum.id), data)
