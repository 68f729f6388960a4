"""Files: bounded reads and atomic writes."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from aigov.exceptions import ValidationError

__all__ = ["read_at_most", "write_atomic"]


def read_at_most(path: str | os.PathLike[str], max_size: int) -> bytes:
    """Return the content of *path*, refusing files larger than *max_size* bytes.

    Reads at most ``max_size + 1`` bytes, so that a huge file (or an endless
    one such as ``/dev/zero``) is refused without being read into memory.
    """
    with open(path, "rb") as stream:  # noqa: PTH123 - a bounded read needs the stream
        data = stream.read(max_size + 1)
    if len(data) > max_size:
        msg = f"document is larger than {max_size} bytes, the limit"
        raise ValidationError.single(msg)
    return data


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write *data* to *path* atomically: a temporary file, flushed, then renamed."""
    target = Path(path)
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        Path(temporary).chmod(_mode_for(target))
        Path(temporary).replace(target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _mode_for(target: Path) -> int:
    # mkstemp makes files only their owner can read; keep an existing file's
    # permissions, and give a new one the usual rw-r--r--.
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        return 0o644
