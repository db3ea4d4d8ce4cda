"""Writing files without ever losing one: atomic writes and folders qca owns.

Every output goes to a new temporary file in the target folder, is flushed to disk and
renamed into place, so a reader sees the old file or the new one, never half of one.
A folder of outputs (a Markdown report's plots) carries a small manifest, ``.qca-files``,
listing the files qca wrote there. qca only ever replaces or removes a file that its
manifest lists; it never removes a folder it did not create, and it refuses (with a
message naming the folder, the files and the way out) to overwrite a file it did not
write.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp()) / "report_plots"
>>> write_owned_folder(folder, {"a.png": b"1", "b.png": b"2"})
>>> sorted(p.name for p in folder.iterdir())
['.qca-files', 'a.png', 'b.png']
>>> write_owned_folder(folder, {"a.png": b"3"})  # b.png was ours: removed
>>> sorted(p.name for p in folder.iterdir())
['.qca-files', 'a.png']
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import tempfile
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path

from qca.exceptions import InvalidParameterError, QCAError

__all__ = [
    "MANIFEST",
    "WriteInterrupted",
    "atomic_path",
    "move_into_place",
    "save_workbook",
    "write_owned_folder",
]


class WriteInterrupted(KeyboardInterrupt):
    """SIGINT or SIGTERM arrived while a file was being written; the temporary file was
    removed and the target left as it was. ``str()`` says so in one line."""


@contextlib.contextmanager
def _signals_interrupt(target: Path) -> Iterator[None]:
    """While the block runs, SIGTERM (and SIGINT) raise :class:`WriteInterrupted`, so the
    cleanup of a half-written file runs instead of the process dying with it."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: object) -> None:
        name = signal.Signals(signum).name
        raise WriteInterrupted(
            f"Interrupted ({name}) while writing '{target}': nothing was written "
            f"({'the file there is unchanged' if target.exists() else 'no file was created'})."
        )

    previous = {}
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            previous[sig] = signal.signal(sig, interrupt)
        except (ValueError, OSError):  # pragma: no cover - not the main interpreter
            pass
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def save_workbook(book: object, path: str | os.PathLike[str]) -> Path:
    """Save an openpyxl workbook to ``path`` through :func:`atomic_path`; return the path."""
    target = Path(path)
    with atomic_path(target) as tmp:
        book.save(tmp)  # type: ignore[attr-defined]
    return target


def _fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (best effort: not every system allows it)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _write_failed(target: Path, exc: OSError) -> QCAError:
    reason = os.strerror(exc.errno) if exc.errno else str(exc)
    left = "the file there is unchanged" if target.exists() else "no file was created"
    hint = (
        " Free some space, or write elsewhere." if exc.errno in (errno.ENOSPC, errno.EDQUOT) else ""
    )
    return QCAError(f"Cannot write '{target}': {reason}; {left}.{hint}")


def _new_file_mode(target: Path) -> int:
    """The mode a plain ``open(target, "w")`` would give (mkstemp's files are 0600)."""
    if target.exists():
        return target.stat().st_mode & 0o777
    return 0o666 & ~_umask()


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[str]:
    """A new temporary path beside ``path``; when the block ends, the file written there is
    flushed to disk and renamed to ``path``.

    If the block fails (an error, disk full, SIGINT or SIGTERM), the temporary file is
    removed and ``path`` is left as it was. An ``OSError`` (disk full, permission) becomes
    a :class:`~qca.exceptions.QCAError` naming the file; a signal becomes
    :class:`WriteInterrupted`.

    >>> import tempfile, os
    >>> target = os.path.join(tempfile.mkdtemp(), "out.txt")
    >>> with atomic_path(target) as tmp:
    ...     _ = open(tmp, "w").write("done")
    >>> open(target).read()
    'done'
    >>> sorted(os.listdir(os.path.dirname(target)))
    ['out.txt']
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise InvalidParameterError(f"Cannot write '{path}': the folder '{folder}' does not exist.")
    if target.is_dir():
        raise InvalidParameterError(f"Cannot write '{path}': it is a folder.")
    with _signals_interrupt(target):
        try:
            fd, tmp = tempfile.mkstemp(
                dir=folder, prefix=f".{target.stem}.", suffix=f".tmp{target.suffix}"
            )
        except OSError as exc:
            raise _write_failed(target, exc) from exc
        os.close(fd)
        try:
            yield tmp
            with open(tmp, "rb+") as handle:
                os.fsync(handle.fileno())
            os.chmod(tmp, _new_file_mode(target))
            os.replace(tmp, target)
        except BaseException as exc:
            with contextlib.suppress(OSError):
                os.remove(tmp)
            if isinstance(exc, OSError) and not isinstance(exc, QCAError):
                raise _write_failed(target, exc) from exc
            raise
    _fsync_folder(folder)


def move_into_place(source: str | os.PathLike[str], path: str | os.PathLike[str]) -> None:
    """Rename ``source``, a file already complete on disk, to ``path`` in the same folder,
    durably: a reader sees the old file or the new one (a sweep's finished ``.partial``
    record becomes its output file so).

    >>> import tempfile, os
    >>> folder = tempfile.mkdtemp()
    >>> _ = open(os.path.join(folder, "runs.jsonl.partial"), "w").write("done")
    >>> move_into_place(os.path.join(folder, "runs.jsonl.partial"), os.path.join(folder, "runs.jsonl"))
    >>> os.listdir(folder)
    ['runs.jsonl']
    """
    target = Path(path)
    try:
        os.replace(source, target)
    except OSError as exc:
        raise _write_failed(target, exc) from exc
    _fsync_folder(target.parent if str(target.parent) else Path("."))


#: The file, inside a folder qca writes, that lists the files qca wrote there.
MANIFEST = ".qca-files"
_HEADER = "# qca wrote the files listed below into this folder; it replaces or removes only these\n"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _plain_name(name: str) -> bool:
    """A file name with no folder part (no separators, not '.' or '..')."""
    return (
        bool(name)
        and name not in (".", "..")
        and "/" not in name
        and "\\" not in name
        and "\0" not in name
        and (os.altsep is None or os.altsep not in name)
    )


@contextlib.contextmanager
def _temporary_file(folder: Path, name: str) -> Iterator[tuple[int, str]]:
    """A new file next to ``folder/name`` (open descriptor, path); removed if the block fails."""
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
    try:
        yield fd, tmp
    except BaseException:
        with contextlib.suppress(OSError):
            os.close(fd)
        with contextlib.suppress(OSError):
            os.remove(tmp)
        raise


def _write_file(folder: Path, name: str, data: bytes, shown: Path | None = None) -> None:
    """Write ``data`` to ``folder/name``: temporary file, fsync, rename into place.
    Errors name ``shown/name`` (the final folder when ``folder`` is a temporary one)."""
    try:
        with _temporary_file(folder, name) as (fd, tmp):
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
            os.close(fd)
            os.chmod(tmp, 0o666 & ~_umask())
            os.replace(tmp, folder / name)
    except OSError as exc:
        raise _write_failed((shown or folder) / name, exc) from exc


def _manifest_text(names: list[str]) -> bytes:
    return (_HEADER + "".join(f"{n}\n" for n in sorted(set(names)))).encode("utf-8")


def _owned_names(folder: Path) -> set[str] | None:
    """The names the manifest of ``folder`` lists (plain names only); ``None`` if there is
    no manifest of ours (none, or a file of that name that qca did not write)."""
    path = folder / MANIFEST
    if not path.is_file() or path.is_symlink():
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if not text.startswith(_HEADER):
        return None
    lines = text[len(_HEADER) :].split("\n")
    return {n for n in lines if _plain_name(n) and n != MANIFEST}


def write_owned_folder(folder: str | os.PathLike[str], files: Mapping[str, bytes]) -> None:
    """Write ``files`` (name -> bytes) into ``folder`` without touching anyone else's files.

    - No folder there: the files are written to a temporary folder, which is renamed to
      ``folder`` as a whole.
    - A folder there: each file is written (temporary file, then rename) and the files that
      an earlier call wrote but this one does not are removed. Any other file is left
      alone. If one of the new names is taken by a file qca did not write, nothing is
      written and :class:`~qca.exceptions.InvalidParameterError` names it.
    """
    folder = Path(folder)
    for name in files:
        if not _plain_name(name) or name == MANIFEST:
            raise InvalidParameterError(f"Cannot write '{name}' into '{folder}': not a file name.")
    parent = folder.parent if str(folder.parent) else Path(".")
    if not parent.is_dir():
        raise InvalidParameterError(
            f"Cannot write '{folder}': the folder '{parent}' does not exist."
        )
    if (folder.exists() or folder.is_symlink()) and not folder.is_dir():
        raise InvalidParameterError(
            f"Cannot write the report's plots to '{folder}': it is a file, not a folder; "
            "move it or choose another report name."
        )
    with _signals_interrupt(folder):
        _write_into(folder, parent, files)


def _write_into(folder: Path, parent: Path, files: Mapping[str, bytes]) -> None:
    if not folder.exists() and _create_folder(folder, parent, files):
        return
    owned = _owned_names(folder)
    has_manifest = owned is not None
    owned = owned or set()
    taken = [
        n
        for n in [*files, MANIFEST]
        if n not in owned
        and (n != MANIFEST or not has_manifest)
        and ((folder / n).exists() or (folder / n).is_symlink())
    ]
    if taken:
        raise InvalidParameterError(
            f"Cannot write the report's plots to '{folder}': it already holds "
            f"{', '.join(repr(n) for n in sorted(taken))}, which qca did not write and will not "
            "overwrite. Move those files, choose another report name, or use --no-plots."
        )
    # manifest first (old and new names), so an interrupted run still knows its files
    _write_file(folder, MANIFEST, _manifest_text([*owned, *files]))
    for name, data in files.items():
        _write_file(folder, name, data)
    for name in sorted(owned - set(files)):
        path = folder / name
        if path.is_symlink() or path.is_file():
            with contextlib.suppress(FileNotFoundError):
                os.remove(path)
    _write_file(folder, MANIFEST, _manifest_text(list(files)))


def _create_folder(folder: Path, parent: Path, files: Mapping[str, bytes]) -> bool:
    """Build the folder under a temporary name and rename it into place. False if a
    folder of that name appeared meanwhile (the caller then writes into it)."""
    import shutil

    tmp = Path(tempfile.mkdtemp(dir=parent, prefix=f".{folder.name}.", suffix=".tmp"))
    try:
        for name, data in files.items():
            _write_file(tmp, name, data, folder)
        _write_file(tmp, MANIFEST, _manifest_text(list(files)), folder)
        os.chmod(tmp, 0o777 & ~_umask())
        if folder.exists() or folder.is_symlink():
            shutil.rmtree(tmp)
            return False
        os.rename(tmp, folder)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return True
