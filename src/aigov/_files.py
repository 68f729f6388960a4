"""The file layer: reading a document without surprises, writing one atomically.

Reading refuses at once anything that is not a regular file, because opening
or reading a FIFO, a socket or a device can block forever, never end, or have
side effects.  Writing goes through a temporary file beside the target, so
that readers see the old document or the new one, never half of one.

Temporary files are named ``.NAME.aigov-XXXXXXXX.tmp`` (``NAME`` the target's
file name, ``X`` hexadecimal digits) and held locked while a write is under
way; :func:`stale_temporaries` lists those left behind by a writer that was
killed.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
from pathlib import Path

from aigov.exceptions import ArgumentTypeError, NotARegularFileError, ValidationError

if sys.platform != "win32":  # Windows has no advisory locks of this kind
    import fcntl

__all__ = ["read_at_most", "stale_temporaries", "write_atomic"]

_TEMPORARY_INFIX = ".aigov-"
_TEMPORARY_SUFFIX = ".tmp"
_RANDOM_BYTES = 4  # eight hexadecimal digits
#: Longer file names are cut in temporary names, which must fit in 255 bytes.
_LONGEST_NAME_IN_TEMPORARY = 200

# O_NONBLOCK: opening a FIFO must not wait for a writer.  The flags that a
# platform lacks are 0 there.
_READ_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)
_CREATE_FLAGS = (
    os.O_WRONLY
    | os.O_CREAT
    | os.O_EXCL
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)
#: What open() gives a new file before the umask: the kernel then applies the
#: umask (and a directory's default ACL), so aigov never has to read it.
_NEW_FILE_MODE = 0o666


def _file_name(path: object) -> str:
    """Return *path* as a file name, refusing what cannot be one."""
    # An int would be taken for a file descriptor by os.open and open(), and
    # closed after reading: refuse it rather than close the caller's file.
    if not isinstance(path, str | bytes | os.PathLike):
        msg = (
            f"expected a file path (str or os.PathLike), not {type(path).__qualname__}"
        )
        raise ArgumentTypeError(msg)
    try:
        name = os.fsdecode(path)
    except TypeError:  # an os.PathLike whose __fspath__ gives neither str nor bytes
        msg = f"{type(path).__qualname__}.__fspath__() gave no file path"
        raise ArgumentTypeError(msg) from None
    if "\0" in name:
        # os.open raises ValueError here; no file can have this name.
        msg = "the file name holds a NUL character, which no file name can"
        raise FileNotFoundError(errno.ENOENT, msg, name)
    return name


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    return "a special file"


def _refuse_unless_regular(mode: int, name: str) -> None:
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), name)
    msg = f"not a regular file but {_kind(mode)}"
    raise NotARegularFileError(errno.EINVAL, msg, name)


def read_at_most(path: str | os.PathLike[str], max_size: int) -> bytes:
    """Return the content of the regular file *path*, refusing files over *max_size* bytes.

    Anything that is not a regular file is refused before it is read, and a
    FIFO or device is never even opened: a directory with
    :class:`IsADirectoryError`, a FIFO, socket or device with
    :class:`~aigov.exceptions.NotARegularFileError`.  The check is repeated on
    the opened file, so that a path swapped in between cannot slip through.
    At most ``max_size + 1`` bytes are read, so a file that grows while it is
    read is refused without being read into memory.

    Args:
        path: A file path; symbolic links are followed.
        max_size: The largest content accepted, in bytes.

    Returns:
        The file's content.

    Raises:
        OSError: If the file cannot be opened or read, is a directory
            (:class:`IsADirectoryError`), is not a regular file
            (:class:`~aigov.exceptions.NotARegularFileError`), or its name
            holds a NUL character (:class:`FileNotFoundError`).
        ValidationError: If the file is larger than *max_size* bytes.
        ArgumentTypeError: If *path* is not a path (an ``int`` file
            descriptor, ``None``, ...).
    """
    name = _file_name(path)
    _refuse_unless_regular(Path(name).stat().st_mode, name)
    with os.fdopen(os.open(name, _READ_FLAGS), "rb") as stream:
        status = os.fstat(stream.fileno())
        _refuse_unless_regular(status.st_mode, name)
        if status.st_size > max_size:
            raise _too_large(max_size)
        # Asking for the size the file has, not for the limit: a buffered
        # read allocates what it is asked for, and 256 MiB per file made
        # reading a directory of small forums a tenth slower.  A file that
        # has grown since gives one byte more, and is then read on.
        expected = min(status.st_size, max(max_size, 0))
        data = stream.read(expected + 1)
        rest = max_size + 1 - len(data)
        if len(data) > expected and rest > 0:
            data += stream.read(rest)
    if len(data) > max_size:
        raise _too_large(max_size)
    return data


def _too_large(max_size: int) -> ValidationError:
    msg = f"document is larger than {max_size} bytes, the limit"
    return ValidationError.single(msg)


def _temporary_prefix(name: str) -> str:
    encoded = os.fsencode(name)
    if len(encoded) > _LONGEST_NAME_IN_TEMPORARY:
        name = os.fsdecode(encoded[:_LONGEST_NAME_IN_TEMPORARY])
    return f".{name}{_TEMPORARY_INFIX}"


def _is_temporary_name(entry: str, prefix: str) -> bool:
    random = entry.removeprefix(prefix).removesuffix(_TEMPORARY_SUFFIX)
    return (
        entry.startswith(prefix)
        and entry.endswith(_TEMPORARY_SUFFIX)
        and len(random) == 2 * _RANDOM_BYTES
        and all(char in "0123456789abcdef" for char in random)
    )


def _target_of(name: str) -> Path:
    """Return the regular file that writing *name* must replace."""
    # Writing through symbolic links, as editors do: the link stays a link.
    target = Path(os.path.realpath(name))
    if target.is_symlink():  # realpath gives up on a loop of links
        raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), name)
    return target


def _create_temporary(directory: Path, prefix: str, mode: int) -> tuple[int, Path]:
    for _ in range(100):
        temporary = directory / (f"{prefix}{_token()}{_TEMPORARY_SUFFIX}")
        try:
            return os.open(temporary, _CREATE_FLAGS, mode), temporary
        except FileExistsError:
            continue
    msg = "found no unused temporary file name"
    raise FileExistsError(errno.EEXIST, msg, str(directory))


def _lock(handle: int) -> None:
    if sys.platform == "win32":  # pragma: no cover - no flock
        return
    # On a file system without locks the write goes on, and
    # stale_temporaries may list this file while it is being written.
    with contextlib.suppress(OSError):
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _sync_directory(directory: Path) -> None:
    # The rename is only durable once the directory entry is on disk.
    try:
        handle = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        # Windows cannot open directories, and a directory may be writable
        # without being readable; the new file is in place either way.
        return
    try:
        os.fsync(handle)
    except OSError as exc:
        # Some file systems cannot sync directories at all; that is no error.
        if exc.errno not in {errno.EINVAL, errno.ENOTSUP, errno.EBADF}:
            raise
    finally:
        os.close(handle)


def write_new(path: str | os.PathLike[str], data: bytes, *, overwrite: bool) -> None:
    """:func:`write_atomic`, refusing a *path* that exists unless *overwrite*.

    What every writer of one file does with its ``overwrite`` argument.

    Raises:
        FileExistsError: Without *overwrite*, if *path* exists (a dangling
            symbolic link counts: writing would follow it).
        ArgumentTypeError: If *path* is not a path.
    """
    name = _file_name(path)
    if not overwrite and os.path.lexists(name):
        msg = "the file exists; pass overwrite=True to replace it"
        raise FileExistsError(errno.EEXIST, msg, name)
    write_atomic(name, data)


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace the content of *path* with *data*, all at once or not at all.

    *data* goes to a temporary file in the target's directory
    (``.NAME.aigov-XXXXXXXX.tmp``), which is flushed to disk, renamed over the
    target, and then the directory is flushed too: readers see the old file
    or the new one, never half of one, and after a crash the file is either
    the old or the new.  If anything fails -- a full disk, a permission
    error, an interrupt -- the temporary file is removed and the old file is
    left as it was.

    A new file gets the permissions :func:`open` would give it
    (``0o666`` less the umask, which the operating system applies, so the
    process-wide umask is never read or changed); an existing file keeps its
    permission bits, though not its owner or hard links.  A symbolic link is
    written through: its target is replaced and the link stays a link.

    Args:
        path: The file to write.
        data: Its new content.

    Raises:
        OSError: If the file cannot be written, *path* names a directory
            (:class:`IsADirectoryError`) or another file that is not a
            regular one (:class:`~aigov.exceptions.NotARegularFileError`).
        ArgumentTypeError: If *path* is not a path.
    """
    name = _file_name(path)
    target = _target_of(name)
    try:
        status = target.stat()
    except FileNotFoundError:
        mode = None
    else:
        _refuse_unless_regular(status.st_mode, name)
        mode = stat.S_IMODE(status.st_mode) & 0o777
    directory = target.parent
    # An existing file's mode is set before any data is written, so a private
    # file's new content is never readable by others, not even for a moment.
    try:
        handle, temporary = _create_temporary(
            directory,
            _temporary_prefix(target.name),
            _NEW_FILE_MODE if mode is None else 0o600,
        )
    except OSError as exc:
        # Name the file the caller asked for, not a temporary name never seen.
        raise type(exc)(exc.errno, exc.strerror, name) from None
    # Replacing an open file fails on Windows; elsewhere the file stays open,
    # and locked, until it has its final name.
    hold_open = sys.platform != "win32"
    try:
        with os.fdopen(handle, "wb") as stream:
            _lock(handle)
            if mode is not None:
                _set_mode(handle, temporary, mode)
            stream.write(data)
            stream.flush()
            os.fsync(handle)
            if hold_open:
                temporary.replace(target)
        if not hold_open:  # pragma: no cover - Windows
            temporary.replace(target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _sync_directory(directory)


def _set_mode(handle: int, temporary: Path, mode: int) -> None:
    if hasattr(os, "fchmod"):
        os.fchmod(handle, mode)
    else:  # pragma: no cover - Windows before Python 3.13
        temporary.chmod(mode)


def _is_stale(entry: Path) -> bool:
    try:
        handle = os.open(entry, _READ_FLAGS | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        return False  # renamed or removed since the directory was listed
    except OSError:
        return True  # cannot be opened, so cannot be checked: list it
    try:
        return stat.S_ISREG(os.fstat(handle).st_mode) and not _locked(handle)
    finally:
        os.close(handle)  # which also drops a lock _locked took


def _locked(handle: int) -> bool:
    """Return whether another open file holds a write lock on *handle*'s file."""
    if sys.platform == "win32":  # pragma: no cover - no flock
        return False
    try:
        fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True  # a write under way
    except OSError:
        return False  # no locks on this file system: cannot tell
    return False


def stale_temporaries(path: str | os.PathLike[str]) -> list[Path]:
    """Return the temporary files that interrupted writes of *path* left behind.

    :func:`write_atomic` removes its temporary file whenever it can, but a
    process that is killed (or a machine that loses power) mid-write leaves
    one beside the target, named ``.NAME.aigov-XXXXXXXX.tmp``.  Such files are
    safe to delete.  A temporary file still locked by a write under way is
    not listed; on file systems without locks, it may be.

    Args:
        path: A file that :func:`write_atomic` writes (it need not exist); for
            a symbolic link, its target's directory is searched.

    Returns:
        The leftovers, sorted, beside *path* (or beside the link's target);
        empty if the directory cannot be read.

    Raises:
        ArgumentTypeError: If *path* is not a path.
    """
    name = _file_name(path)
    given = Path(name)
    target = Path(os.path.realpath(name))
    directory = target.parent if given.is_symlink() else given.parent
    prefix = _temporary_prefix(target.name)
    try:
        entries = sorted(directory.iterdir())
    except OSError:
        return []
    return [
        entry
        for entry in entries
        if _is_temporary_name(entry.name, prefix) and _is_stale(entry)
    ]


def _token() -> str:
    # secrets (and the hashlib it brings) costs ``import aigov`` milliseconds;
    # only writing a file needs it.
    import secrets  # noqa: PLC0415

    return secrets.token_hex(_RANDOM_BYTES)
