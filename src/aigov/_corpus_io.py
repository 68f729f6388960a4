"""Reading and writing a :class:`~aigov.Corpus`: files, directories and JSON Lines.

A corpus is read through the same pipeline as :func:`aigov.load`; every
problem is located by its file (and line) first.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Final, Literal, overload

import attrs

from aigov import _files
from aigov._corpus import Corpus
from aigov._io import from_json, to_json_bytes
from aigov._limits import MAX_DOCUMENT_SIZE
from aigov._model import Forum
from aigov._text import describe_value, slugify, stable_digest
from aigov.exceptions import (
    ArgumentTypeError,
    NotARegularFileError,
    ValidationError,
)

__all__ = [
    "corpus_files",
    "dump_corpus",
    "file_name_for",
    "is_json_lines",
    "load_corpus",
    "read_file",
]


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
        lines = b"".join(to_json_bytes(forum) + b"\n" for forum in corpus.forums)
        _files.write_new(target, lines, overwrite=overwrite)
        return
    if target.is_dir() and any(target.iterdir()) and not overwrite:
        msg = f"{target} is not empty; pass overwrite=True to write into it"
        raise FileExistsError(msg)
    target.mkdir(parents=True, exist_ok=True)
    for forum in corpus.forums:
        data = to_json_bytes(forum, indent=2) + b"\n"
        _files.write_atomic(target / file_name_for(forum.id), data)
