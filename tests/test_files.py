import os
import socket
import stat
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import aigov
from aigov import _files
from aigov.exceptions import ArgumentTypeError, NotARegularFileError, ValidationError

FORUM = aigov.Forum(
    name="File Forum", start_date=aigov.datasets.tsinghua_2021().start_date
)
TEXT = aigov.to_json(FORUM, indent=2) + "\n"

needs_posix = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file kinds")


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "forum.json"
    os.mkfifo(path)
    return path


@pytest.fixture
def unix_socket(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "s.sock"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        yield path


def run_with_timeout(action: Callable[[], object], seconds: float = 5) -> object:
    """Run *action* in a thread; fail the test instead of hanging if it blocks."""
    outcome: list[object] = []

    def target() -> None:
        try:
            outcome.append(action())
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread
            outcome.append(exc)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "blocked"
    return outcome[0]


# --- what load refuses ------------------------------------------------------------


@needs_posix
def test_load_of_a_fifo_is_refused_at_once(fifo: Path) -> None:
    """A FIFO with no writer is refused immediately instead of hanging load()."""
    error = run_with_timeout(lambda: aigov.load(fifo))
    assert isinstance(error, NotARegularFileError)
    assert isinstance(error, OSError)
    assert isinstance(error, aigov.AigovError)
    assert error.filename == str(fifo)
    assert error.strerror == "not a regular file but a FIFO (named pipe)"


@needs_posix
def test_a_fifo_with_a_writer_is_refused_too(fifo: Path) -> None:
    """Even a FIFO that has data waiting is not read: it could never end."""
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    writer = os.open(fifo, os.O_WRONLY)
    try:
        os.write(writer, TEXT.encode())
        with pytest.raises(NotARegularFileError, match="FIFO"):
            aigov.load(fifo)
    finally:
        os.close(writer)
        os.close(reader)


@needs_posix
def test_load_of_a_socket_is_refused(unix_socket: Path) -> None:
    """A Unix socket is refused with NotARegularFileError naming what it is."""
    with pytest.raises(NotARegularFileError, match="socket") as info:
        aigov.load(unix_socket)
    assert info.value.filename == str(unix_socket)


@pytest.mark.parametrize("device", ["/dev/null", "/dev/zero", "/dev/full", "/dev/tty"])
def test_load_of_a_device_is_refused(device: str) -> None:
    """Devices are refused as not regular files, before they are opened."""
    if not Path(device).exists():
        pytest.skip(f"no {device}")
    with pytest.raises(NotARegularFileError, match="device"):
        aigov.load(device)


def test_load_of_a_directory_is_an_is_a_directory_error(tmp_path: Path) -> None:
    """A directory gives IsADirectoryError, as open() does, and at once."""
    with pytest.raises(IsADirectoryError) as info:
        aigov.load(tmp_path)
    assert info.value.filename == str(tmp_path)


def test_a_symlink_to_a_regular_file_loads(tmp_path: Path) -> None:
    """Links are followed: what counts is the file they lead to."""
    real = tmp_path / "real.json"
    real.write_text(TEXT, encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert aigov.load(link) == FORUM


@needs_posix
def test_a_symlink_to_a_fifo_is_refused(fifo: Path, tmp_path: Path) -> None:
    """A link leading to a FIFO is refused like the FIFO itself."""
    link = tmp_path / "link.json"
    link.symlink_to(fifo)
    error = run_with_timeout(lambda: aigov.load(link))
    assert isinstance(error, NotARegularFileError)


@needs_posix
def test_a_file_swapped_for_a_fifo_after_the_check_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The opened file is checked again, so a FIFO swapped in after stat() is caught."""
    path = tmp_path / "forum.json"
    path.write_text(TEXT, encoding="utf-8")
    real_open = os.open

    def swap_then_open(name: str, flags: int, *args: int) -> int:
        if name == str(path):
            path.unlink()
            os.mkfifo(path)
        return real_open(name, flags, *args)

    monkeypatch.setattr(os, "open", swap_then_open)
    error = run_with_timeout(lambda: aigov.load(path))
    assert isinstance(error, NotARegularFileError)


@pytest.mark.parametrize("name", ["a\0b", "\0", "forum.json\0.txt"])
def test_a_nul_in_the_path_is_an_oserror(name: str) -> None:
    """A NUL character cannot be in a file name: FileNotFoundError, not ValueError."""
    with pytest.raises(FileNotFoundError, match="NUL"):
        aigov.load(name)
    with pytest.raises(FileNotFoundError, match="NUL"):
        aigov.load(Path(name))


@pytest.mark.parametrize("path", [0, 1, 2, 3, True, None, 1.5, ["forum.json"]])
def test_a_non_path_is_refused_as_a_path(path: object) -> None:
    """An int is not read as a file descriptor (nor closed); other non-paths are refused too."""
    with pytest.raises(ArgumentTypeError, match="expected a file path"):
        aigov.load(path)  # type: ignore[call-overload]


def test_the_callers_file_descriptor_stays_open(tmp_path: Path) -> None:
    """Passing a descriptor by mistake leaves it open and usable."""
    path = tmp_path / "forum.json"
    path.write_text(TEXT, encoding="utf-8")
    with path.open("rb") as stream:
        with pytest.raises(ArgumentTypeError):
            aigov.load(stream.fileno())  # type: ignore[call-overload]
        assert stream.read() == TEXT.encode()


def test_a_bytes_path_loads(tmp_path: Path) -> None:
    """A bytes file name, as os functions take, is a path like any other."""
    path = tmp_path / "forum.json"
    path.write_text(TEXT, encoding="utf-8")
    assert aigov.load(os.fsencode(path)) == FORUM  # type: ignore[call-overload]


def test_a_file_over_the_limit_is_refused_by_its_size(tmp_path: Path) -> None:
    """A file whose size is over the cap is refused with ValidationError."""
    path = tmp_path / "big.json"
    path.write_bytes(b" " * 100)
    with pytest.raises(ValidationError, match="larger than 99 bytes"):
        aigov.load(path, max_size=99)
    assert _files.read_at_most(path, 100) == b" " * 100


#: A regular file whose size says 0 yet which has content, as a file that
#: grows after its size was read would.
_SIZE_SAYS_NOTHING = Path("/proc/self/status")


@pytest.mark.skipif(not _SIZE_SAYS_NOTHING.is_file(), reason="needs Linux's /proc")
def test_a_file_with_more_than_its_size_is_read_whole() -> None:
    """Content beyond the size the file had when opened is read too, up to the limit."""
    assert _SIZE_SAYS_NOTHING.stat().st_size == 0
    data = _files.read_at_most(_SIZE_SAYS_NOTHING, 1_000_000)
    assert data.startswith(b"Name:")
    assert data.endswith(b"\n")


@pytest.mark.skipif(not _SIZE_SAYS_NOTHING.is_file(), reason="needs Linux's /proc")
def test_a_file_that_outgrows_its_size_past_the_limit_is_refused() -> None:
    """Growing beyond the limit after the size check is still refused."""
    with pytest.raises(ValidationError, match="larger than 10 bytes"):
        _files.read_at_most(_SIZE_SAYS_NOTHING, 10)


# --- how dump writes ------------------------------------------------------------------


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@needs_posix
@pytest.mark.parametrize("umask", [0o077, 0o022, 0o002, 0o027])
def test_a_new_file_honours_the_umask(tmp_path: Path, umask: int) -> None:
    """A new file gets 0o666 less the umask, as open() gives, in a fresh process."""
    path = tmp_path / "forum.json"
    code = (
        "import os, sys, aigov\n"
        f"os.umask({umask})\n"
        "aigov.dump(aigov.datasets.tsinghua_2021(), sys.argv[1])\n"
    )
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    subprocess.run([sys.executable, "-c", code, str(path)], check=True, env=env)
    assert mode_of(path) == 0o666 & ~umask


@needs_posix
def test_dump_leaves_the_umask_as_it_was(tmp_path: Path) -> None:
    """The process-wide umask is never changed, not even for a moment's reading."""
    old = os.umask(0o027)
    try:
        aigov.dump(FORUM, tmp_path / "forum.json")
        assert os.umask(0o027) == 0o027
    finally:
        os.umask(old)


@needs_posix
def test_an_existing_file_keeps_its_mode(tmp_path: Path) -> None:
    """Replacing a file keeps its permission bits, whatever the umask."""
    path = tmp_path / "forum.json"
    path.write_text("old", encoding="utf-8")
    path.chmod(0o640)
    aigov.dump(FORUM, path)
    assert mode_of(path) == 0o640
    assert path.read_text(encoding="utf-8") == TEXT


def test_dump_writes_through_a_symlink(tmp_path: Path) -> None:
    """Dumping to a link replaces the link's target; the link stays a link."""
    real = tmp_path / "data" / "real.json"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    aigov.dump(FORUM, link)
    assert link.is_symlink()
    assert link.resolve() == real.resolve()
    assert real.read_text(encoding="utf-8") == TEXT
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "link.json"]
    assert [p.name for p in real.parent.iterdir()] == ["real.json"]


def test_dump_through_a_chain_of_links_and_a_dangling_link(tmp_path: Path) -> None:
    """Chains of links are followed to the end; a dangling link gets its target created."""
    real = tmp_path / "real.json"
    middle = tmp_path / "middle.json"
    link = tmp_path / "link.json"
    middle.symlink_to(real)
    link.symlink_to(middle)
    aigov.dump(FORUM, link)
    assert link.is_symlink()
    assert middle.is_symlink()
    assert aigov.load(real) == FORUM


def test_dump_to_a_loop_of_links_fails_and_keeps_the_links(tmp_path: Path) -> None:
    """Links that lead round in a circle are an OSError; nothing is replaced."""
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.symlink_to(b)
    b.symlink_to(a)
    with pytest.raises(OSError, match="symbolic links"):
        aigov.dump(FORUM, a)
    assert a.is_symlink()
    assert b.is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json", "b.json"]


def test_dump_to_a_directory_is_refused(tmp_path: Path) -> None:
    """Dumping over a directory is IsADirectoryError and leaves nothing behind."""
    target = tmp_path / "forum.json"
    target.mkdir()
    with pytest.raises(IsADirectoryError):
        aigov.dump(FORUM, target)
    assert [p.name for p in tmp_path.iterdir()] == ["forum.json"]


@needs_posix
def test_dump_over_a_fifo_is_refused(fifo: Path) -> None:
    """An existing FIFO is not replaced by a regular file, nor opened."""
    with pytest.raises(NotARegularFileError):
        aigov.dump(FORUM, fifo)
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert [p.name for p in fifo.parent.iterdir()] == [fifo.name]


def test_a_failed_dump_names_the_file_asked_for(tmp_path: Path) -> None:
    """A missing directory is reported for the path given, not a temporary name."""
    path = tmp_path / "missing" / "forum.json"
    with pytest.raises(FileNotFoundError) as info:
        aigov.dump(FORUM, path)
    assert info.value.filename == str(path)


def test_dump_syncs_the_file_and_then_its_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file is fsynced before the rename and its directory after it."""
    path = tmp_path / "forum.json"
    synced: list[tuple[str, bool]] = []
    real_fsync = os.fsync

    def record(handle: int) -> None:
        is_directory = stat.S_ISDIR(os.fstat(handle).st_mode)
        synced.append(("directory" if is_directory else "file", path.exists()))
        real_fsync(handle)

    monkeypatch.setattr(os, "fsync", record)
    aigov.dump(FORUM, path)
    # The file before it has its name, the directory once the name is there.
    assert synced == [("file", False), ("directory", True)]


def test_a_directory_that_cannot_be_synced_is_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """File systems that refuse fsync on a directory (EINVAL) still get the file."""
    real_fsync = os.fsync

    def refuse_directories(handle: int) -> None:
        if stat.S_ISDIR(os.fstat(handle).st_mode):
            raise OSError(22, "Invalid argument")
        real_fsync(handle)

    monkeypatch.setattr(os, "fsync", refuse_directories)
    aigov.dump(FORUM, tmp_path / "forum.json")
    assert aigov.load(tmp_path / "forum.json") == FORUM


@pytest.mark.parametrize(
    ("owner", "name"), [(os, "fchmod"), (os, "fsync"), (Path, "replace")]
)
def test_a_failure_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, owner: object, name: str
) -> None:
    """Whichever step fails, the old file stays and no temporary file is left."""
    path = tmp_path / "forum.json"
    path.write_text("old", encoding="utf-8")

    def fail(*_args: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(owner, name, fail)
    with pytest.raises(OSError, match="Input/output"):
        aigov.dump(FORUM, path)
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["forum.json"]


def test_the_temporary_file_has_the_documented_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While it is written, the temporary file is .NAME.aigov-XXXXXXXX.tmp beside the target."""
    path = tmp_path / "forum.json"
    seen: list[list[str]] = []
    real_fsync = os.fsync

    def look(handle: int) -> None:
        seen.append([p.name for p in tmp_path.iterdir()])
        real_fsync(handle)

    monkeypatch.setattr(os, "fsync", look)
    aigov.dump(FORUM, path)
    [name] = seen[0]
    assert name.startswith(".forum.json.aigov-")
    assert name.endswith(".tmp")
    assert len(name) == len(".forum.json.aigov-12345678.tmp")


def test_a_long_file_name_still_fits_its_temporary_name(tmp_path: Path) -> None:
    """A 250-byte file name, which fits, still gets a temporary name that fits."""
    path = tmp_path / ("f" * 245 + ".json")
    aigov.dump(FORUM, path)
    assert aigov.load(path) == FORUM


# --- leftovers ----------------------------------------------------------------------------


def leftover(directory: Path, name: str, random: str = "0123abcd") -> Path:
    path = directory / f".{name}.aigov-{random}.tmp"
    path.write_text("half a docu", encoding="utf-8")
    return path


def test_stale_temporaries_lists_leftovers_of_killed_writes(tmp_path: Path) -> None:
    """Leftovers of the file are listed, sorted; other files' and other names are not."""
    path = tmp_path / "forum.json"
    aigov.dump(FORUM, path)
    second = leftover(tmp_path, "forum.json", "ffff0000")
    first = leftover(tmp_path, "forum.json", "0000ffff")
    leftover(tmp_path, "other.json")
    (tmp_path / ".forum.json.aigov-xyz.tmp").write_text("", encoding="utf-8")
    (tmp_path / ".forum.json.abcd1234.tmp").write_text("", encoding="utf-8")
    assert _files.stale_temporaries(path) == [first, second]


def test_a_killed_dump_leaves_a_listed_temporary(tmp_path: Path) -> None:
    """A writer killed mid-write leaves its temporary; stale_temporaries finds it."""
    path = tmp_path / "forum.json"
    code = (
        "import os, sys\n"
        "from aigov import _files\n"
        "os.fsync = lambda fd: os._exit(9)\n"  # dies as a kill would, mid-write
        "_files.write_atomic(sys.argv[1], b'{}')\n"
    )
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    result = subprocess.run(
        [sys.executable, "-c", code, str(path)], env=env, check=False
    )
    assert result.returncode == 9
    [temporary] = _files.stale_temporaries(path)
    assert temporary.parent == tmp_path
    assert not path.exists()


@needs_posix
def test_a_write_under_way_is_not_stale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The temporary of a write still running is locked, so it is not listed."""
    path = tmp_path / "forum.json"
    during: list[list[Path]] = []
    real_fsync = os.fsync

    def look(handle: int) -> None:
        during.append(_files.stale_temporaries(path))
        real_fsync(handle)

    monkeypatch.setattr(os, "fsync", look)
    aigov.dump(FORUM, path)
    assert during[0] == []
    assert _files.stale_temporaries(path) == []


def test_stale_temporaries_of_a_symlink_look_beside_its_target(tmp_path: Path) -> None:
    """Writes through a link leave temporaries beside the target, so they are sought there."""
    real = tmp_path / "data" / "real.json"
    real.parent.mkdir()
    link = tmp_path / "link.json"
    link.symlink_to(real)
    stale = leftover(real.parent, "real.json")
    assert _files.stale_temporaries(link) == [stale]


def test_stale_temporaries_of_a_missing_directory_is_empty(tmp_path: Path) -> None:
    """Nothing to list where the directory does not exist."""
    assert _files.stale_temporaries(tmp_path / "no" / "forum.json") == []


def test_stale_temporaries_refuses_non_paths() -> None:
    """Like the readers, it takes paths only."""
    with pytest.raises(ArgumentTypeError):
        _files.stale_temporaries(3)  # type: ignore[arg-type]


# A few examples only: each one writes files.
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.binary(max_size=2000), exists=st.booleans())
def test_write_atomic_writes_exactly_the_data(
    tmp_path: Path, data: bytes, exists: bool
) -> None:
    """Whatever the bytes, the file then holds exactly them, and nothing else is left."""
    path = tmp_path / "out.bin"
    path.unlink(missing_ok=True)
    if exists:
        path.write_bytes(b"previous content")
    _files.write_atomic(path, data)
    assert path.read_bytes() == data
    assert [p.name for p in tmp_path.iterdir()] == ["out.bin"]
    assert _files.read_at_most(path, len(data)) == data


def test_write_new_refuses_an_existing_file_and_keeps_it(tmp_path: Path) -> None:
    """Without overwrite, an existing file is a FileExistsError and is left as it was."""
    path = tmp_path / "out.json"
    path.write_bytes(b"old")
    with pytest.raises(FileExistsError, match="overwrite=True"):
        _files.write_new(path, b"new", overwrite=False)
    assert path.read_bytes() == b"old"
    _files.write_new(path, b"new", overwrite=True)
    assert path.read_bytes() == b"new"


def test_write_new_counts_a_dangling_link_as_existing(tmp_path: Path) -> None:
    """A symbolic link to nothing is refused too: writing would create its target."""
    link = tmp_path / "out.json"
    link.symlink_to(tmp_path / "elsewhere.json")
    with pytest.raises(FileExistsError):
        _files.write_new(link, b"new", overwrite=False)
    assert not (tmp_path / "elsewhere.json").exists()


@pytest.mark.parametrize("path", [3, None])
def test_every_one_file_writer_refuses_a_non_path(path: object) -> None:
    """write_popolo and write_jsonld refuse a file descriptor or None as aigov errors."""
    from aigov.jsonld import write_jsonld  # noqa: PLC0415 - writers under test
    from aigov.popolo import write_popolo  # noqa: PLC0415 - writers under test

    for write in (write_popolo, write_jsonld):
        with pytest.raises(ArgumentTypeError):
            write(aigov.datasets.tsinghua_2021(), path)  # type: ignore[arg-type]
