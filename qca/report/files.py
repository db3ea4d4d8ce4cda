"""Files a report writes: atomic writes, the output-is-input guard, provenance, plot folders.

The writers never leave a half-written file: each one writes to a temporary file in the
target folder and renames it into place.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import hashlib
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

from qca.exceptions import InvalidParameterError
from qca.report._base import Plot, _option_text

__all__ = [
    "atomic_path",
    "atomic_write",
    "check_output_path",
    "file_sha256",
    "plots_folder",
    "provenance",
]


def file_sha256(path: str | os.PathLike[str]) -> str:
    """SHA-256 of a file's bytes, as 64 hex digits.

    >>> import tempfile, os
    >>> with tempfile.NamedTemporaryFile(delete=False) as f:
    ...     _ = f.write(b"abc")
    >>> file_sha256(f.name)[:16]
    'ba7816bf8f01cfea'
    >>> os.remove(f.name)
    """
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def check_output_path(
    output: str | os.PathLike[str], inputs: Iterable[str | os.PathLike[str]]
) -> None:
    """Refuse an output path that is one of the input files (a report never overwrites its data).

    >>> check_output_path("report.xlsx", ["cases.xlsx"])
    >>> check_output_path("cases.xlsx", ["./cases.xlsx"])
    Traceback (most recent call last):
    ...
    qca.exceptions.InvalidParameterError: The output file 'cases.xlsx' is the input file; choose another name (qca never overwrites its input).
    """
    out = Path(output)
    for source in inputs:
        src = Path(source)
        same = out.resolve() == src.resolve()
        if not same and out.exists() and src.exists():
            with contextlib.suppress(OSError):
                same = os.path.samefile(out, src)
        if same:
            raise InvalidParameterError(
                f"The output file '{output}' is the input file; choose another name "
                "(qca never overwrites its input)."
            )


def atomic_path(path: str | os.PathLike[str]) -> contextlib.AbstractContextManager[str]:
    """A temporary path next to ``path``; on success the file there is renamed to ``path``.

    If the block raises (disk full, SIGINT, SIGTERM included), the temporary file is
    removed and ``path`` is left untouched. See :func:`qca._files.atomic_path`.

    >>> import tempfile, os
    >>> target = os.path.join(tempfile.mkdtemp(), "out.txt")
    >>> with atomic_path(target) as tmp:
    ...     _ = open(tmp, "w").write("done")
    >>> open(target).read()
    'done'
    """
    from qca._files import atomic_path as _atomic_path

    return _atomic_path(path)


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike[str], mode: str = "wb") -> Iterator[IO[Any]]:
    """Open a temporary file next to ``path``; on success rename it to ``path``.

    If the block raises, the temporary file is removed and ``path`` is left untouched.

    >>> import tempfile, os
    >>> target = os.path.join(tempfile.mkdtemp(), "out.txt")
    >>> with atomic_write(target, "w") as f:
    ...     _ = f.write("done")
    >>> open(target).read()
    'done'
    """
    kwargs: dict[str, Any] = {} if "b" in mode else {"encoding": "utf-8", "newline": ""}
    with atomic_path(path) as tmp, open(tmp, mode, **kwargs) as handle:
        yield handle


def provenance(
    *,
    source: str | os.PathLike[str] | None = None,
    command: str | None = None,
    options: Mapping[str, Any] | None = None,
    when: _dt.datetime | None = None,
) -> list[tuple[str, Any]]:
    """Provenance rows: qca version, input file name and SHA-256, every option, the time.

    >>> rows = provenance(command="qca run", options={"incl_cut": 0.8})
    >>> [key for key, _ in rows]
    ['qca version', 'python version', 'command', 'time (UTC)', 'option incl_cut']
    """
    import platform

    from qca._version import __version__

    rows: list[tuple[str, Any]] = [
        ("qca version", __version__),
        ("python version", platform.python_version()),
    ]
    if command:
        rows.append(("command", command))
    if source is not None:
        rows.append(("input file", os.path.basename(os.fspath(source))))
        rows.append(("input SHA-256", file_sha256(source)))
    when = when or _dt.datetime.now(_dt.timezone.utc)
    rows.append(("time (UTC)", when.strftime("%Y-%m-%d %H:%M:%S")))
    for key, value in (options or {}).items():
        rows.append((f"option {key}", _option_text(value)))
    return rows


def plots_folder(path: str | os.PathLike[str]) -> Path:
    """The folder of a Markdown report's images: ``<stem>_plots`` next to the report.

    >>> plots_folder("out/report.md").as_posix()
    'out/report_plots'
    """
    target = Path(path)
    return target.with_name(f"{target.stem}_plots")


def _write_plot_folder(folder: Path, plots: Sequence[Plot]) -> None:
    """Write the PNG files into ``folder``; only files qca wrote there are ever replaced
    or removed (see :func:`qca._files.write_owned_folder`)."""
    from qca._files import write_owned_folder

    write_owned_folder(folder, {plot.name: plot.png for plot in plots})
