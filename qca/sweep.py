"""One engine for repeated analyses: grids, resampling, permutations and simulations.

A *sweep* is a sequence of small, independent tasks. :func:`run_sweep` calls
``function(context, task, rng)`` once per task and yields the results **in task
order**, whichever backend runs them:

- serially in this process;
- on local processes (``workers=N``; by default the sweep starts serially and moves
  to every available core once the measured time per task says it pays);
- on a Dask distributed cluster (``scheduler="tcp://host:8786"`` or a
  ``distributed.Client``), with the optional extra ``pip install "qca-toolkit[dask]"``.

Task *k* gets its own random generator, seeded with
``numpy.random.SeedSequence(seed).spawn(n)[k]`` (computed without spawning the other
children), so the results are identical, bit for bit and in order, on every backend
and for any number of workers or chunk size. With ``output=``, every finished result is
appended to a JSON-lines file as soon as it is in order; a run killed half-way and
started again with the same file resumes after the last finished task, and a file
written by a different sweep is refused. Results are streamed, never held: memory stays
flat as the number of tasks grows.

>>> from qca.sweep import run_sweep
>>> def draw(context, task, rng):
...     return round(task * context + float(rng.random()), 6)
>>> list(run_sweep(draw, range(4), context=10, seed=1, workers=1))
[0.699035, 10.475765, 20.233168, 30.114125]
"""

from __future__ import annotations

import collections
import dataclasses
import hashlib
import importlib.util
import json
import math
import os
import pickle
import re
import socket
import sys
import time
import traceback
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from qca._files import atomic_path, move_into_place
from qca.exceptions import InvalidParameterError, QCAError, QCAWarning

__all__ = ["run_sweep", "task_rng", "available_cpus", "SweepFileError"]

#: Format version written in the header of every output file.
FORMAT = 1
#: Largest number of tasks sent to a worker at once (bounds the results in flight).
MAX_CHUNK = 256
#: Auto mode: run serially for at least this long before deciding...
_PROBE_SECONDS = 0.2
#: ...and move to processes when the remaining tasks would take longer than this.
_PAYS_OFF_SECONDS = 1.0
#: How long to wait for a Dask scheduler given by its address.
_CONNECT_TIMEOUT = "10s"
#: Output files are fsynced at most this often (and always when the sweep ends).
_FSYNC_SECONDS = 1.0


class SweepFileError(QCAError):
    """An output file cannot be used to record or resume this sweep."""


# --------------------------------------------------------------------------- seeds
def task_rng(seed: int | None, k: int) -> np.random.Generator | None:
    """The random generator of task ``k`` of a sweep seeded with ``seed`` (None: no seed).

    Equal to ``numpy.random.default_rng(numpy.random.SeedSequence(seed).spawn(n)[k])``
    for any ``n > k``, without creating the other children.

    >>> a = task_rng(7, 3).random()
    >>> b = np.random.default_rng(np.random.SeedSequence(7).spawn(5)[3]).random()
    >>> a == b
    True
    """
    if seed is None:
        return None
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(k,)))


def available_cpus() -> int:
    """CPUs this process may run on (``os.sched_getaffinity`` where the system has it).

    >>> available_cpus() >= 1
    True
    """
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)  # pragma: no cover - macOS, Windows


# --------------------------------------------------------------------------- checks
def check_workers(workers: Any, where: str, name: str = "workers") -> int | None:
    """``None`` (auto), or a number of processes capped by :func:`available_cpus`.

    -1 means every available CPU. More than the machine offers is capped, with a
    :class:`~qca.QCAWarning` naming the limit.
    """
    if workers is None:
        return None
    if isinstance(workers, (int, np.integer)) and not isinstance(workers, (bool, np.bool_)):
        limit = available_cpus()
        if workers == -1:
            return limit
        if workers >= 1:
            if workers > limit:
                warnings.warn(
                    f"{where}: {name}={int(workers)} is more than the {limit} CPU(s) this "
                    f"process may use (os.sched_getaffinity); using {limit}. A Dask "
                    "cluster (scheduler=) spreads a sweep over more machines.",
                    QCAWarning,
                    stacklevel=3,
                )
                return limit
            return int(workers)
    raise InvalidParameterError(
        f"The '{name}' parameter of {where} must be an integer >= 1, or -1 for every "
        f"available CPU (or None: serial, moving to processes when it pays). Got {workers!r} instead."
    )


def _check_seed(seed: Any, where: str) -> int | None:
    if seed is None:
        return None
    if isinstance(seed, (int, np.integer)) and not isinstance(seed, (bool, np.bool_)) and seed >= 0:
        return int(seed)
    raise InvalidParameterError(
        f"The 'seed' parameter of {where} must be an integer >= 0 (or None). Got {seed!r} instead."
    )


_ADDRESS = re.compile(r"^(?:(tcp|tls|ws|wss|ucx)://)?(\[[0-9A-Fa-f:.]+\]|[^:/\s\[\]]+):(\d{1,5})/?$")


def _check_scheduler(scheduler: Any, where: str) -> Any:
    """None, a distributed.Client, or the address of a scheduler that answers."""
    if scheduler is None:
        return None
    if hasattr(scheduler, "submit") and hasattr(scheduler, "scatter"):
        return scheduler  # a distributed.Client
    in_process = isinstance(scheduler, str) and scheduler.startswith("inproc://")
    match = _ADDRESS.match(scheduler.strip()) if isinstance(scheduler, str) else None
    if not in_process and (match is None or not 0 < int(match.group(3)) < 65536):
        raise InvalidParameterError(
            f"The 'scheduler' parameter of {where} must be the address of a Dask scheduler "
            f"such as 'tcp://10.0.0.5:8786' (or a distributed.Client). Got {scheduler!r} instead."
        )
    if importlib.util.find_spec("distributed") is None:
        raise QCAError(
            f"{where}: running on a Dask scheduler needs the 'distributed' package: "
            'pip install "qca-toolkit[dask]" (or pip install distributed).'
        )
    if in_process or match is None:
        return scheduler  # a cluster inside this process (LocalCluster(processes=False))
    scheme, host, port = match.group(1) or "tcp", match.group(2).strip("[]"), int(match.group(3))
    if scheme == "tcp":  # fail early, and without a half-made Client, when nothing listens
        try:
            socket.create_connection((host, port), timeout=_connect_seconds()).close()
        except OSError as exc:
            raise QCAError(
                f"{where}: cannot reach the Dask scheduler at {scheduler!r} ({exc}). Start one "
                "with 'dask scheduler' and workers with 'dask worker ADDRESS'."
            ) from exc
    return scheduler.strip()


def _connect_seconds() -> float:
    return float(_CONNECT_TIMEOUT.rstrip("s"))


# --------------------------------------------------------------------------- fingerprint
def _feed(h: Any, obj: Any) -> None:
    """Feed a canonical encoding of ``obj`` to the hash ``h`` (set and dict order ignored)."""

    def tag(text: str) -> None:
        h.update(text.encode() + b"\x00")

    if obj is None or isinstance(obj, (bool, int, float, complex, str, bytes, np.generic)):
        tag(f"{type(obj).__name__}:{obj!r}")
    elif isinstance(obj, np.ndarray):
        tag(f"ndarray:{obj.dtype.str}:{obj.shape}")
        if obj.dtype.hasobject:
            for item in obj.ravel().tolist():
                _feed(h, item)
        else:
            h.update(np.ascontiguousarray(obj).tobytes())
    elif isinstance(obj, pd.DataFrame):
        tag("DataFrame")
        _feed(h, list(obj.index))
        _feed(h, list(obj.columns))
        for column in obj.columns:
            _feed(h, str(obj[column].dtype))
            _feed(h, obj[column].to_numpy())
    elif isinstance(obj, pd.Series):
        tag(f"Series:{obj.name!r}:{obj.dtype}")
        _feed(h, list(obj.index))
        _feed(h, obj.to_numpy())
    elif isinstance(obj, pd.Index):
        _feed(h, list(obj))
    elif isinstance(obj, Mapping):
        tag(f"mapping:{len(obj)}")
        for item in sorted(_digest((k, v)) for k, v in obj.items()):
            tag(item)
    elif isinstance(obj, (set, frozenset)):
        tag(f"set:{len(obj)}")
        for item in sorted(_digest(v) for v in obj):
            tag(item)
    elif isinstance(obj, range):
        tag(repr(obj))
    elif isinstance(obj, (list, tuple)):
        tag(f"{type(obj).__name__}:{len(obj)}")
        for item in obj:
            _feed(h, item)
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        tag(f"dataclass:{type(obj).__module__}.{type(obj).__qualname__}")
        for f in dataclasses.fields(obj):
            _feed(h, (f.name, getattr(obj, f.name)))
    elif callable(obj) and hasattr(obj, "__qualname__"):
        tag(f"callable:{getattr(obj, '__module__', '')}.{obj.__qualname__}")
    else:
        tag(f"pickle:{type(obj).__qualname__}")
        h.update(pickle.dumps(obj, protocol=4))


def _digest(obj: Any) -> str:
    h = hashlib.sha256()
    _feed(h, obj)
    return h.hexdigest()


# --------------------------------------------------------------------------- running
def _run_tasks(
    function: Callable[..., Any], context: Any, start: int, tasks: Sequence[Any], seed: int | None
) -> tuple[list[Any], BaseException | None]:
    """The results of a chunk, up to the first task that raised, and its error."""
    results: list[Any] = []
    for j, t in enumerate(tasks):
        try:
            results.append(function(context, t, task_rng(seed, start + j)))
        except Exception as exc:
            if hasattr(exc, "add_note"):  # the worker's traceback, for the caller
                exc.add_note("".join(traceback.format_exception(exc)).rstrip())
            return results, exc
    return results, None


def _unpack(chunk: tuple[list[Any], BaseException | None]) -> Iterator[Any]:
    results, error = chunk
    yield from results
    if error is not None:
        raise error


_WORKER: tuple[Callable[..., Any], Any] | None = None


def _init_worker(function: Callable[..., Any], context: Any) -> None:
    global _WORKER
    _WORKER = (function, context)


def _pool_chunk(
    start: int, tasks: Sequence[Any], seed: int | None
) -> tuple[list[Any], BaseException | None]:
    if _WORKER is None:  # pragma: no cover - set by the pool initializer
        raise RuntimeError("sweep worker started without its function and context")
    return _run_tasks(_WORKER[0], _WORKER[1], start, tasks, seed)


def _dask_chunk(
    function: Callable[..., Any], context: Any, start: int, tasks: Sequence[Any], seed: int | None
) -> tuple[list[Any], BaseException | None]:
    return _run_tasks(function, context, start, tasks, seed)


def _chunks(n: int, first: int, size: int) -> Iterator[tuple[int, int]]:
    for start in range(first, n, size):
        yield start, min(n, start + size)


def _serial(job: _Job, first: int) -> Iterator[Any]:
    for k in range(first, job.n):
        yield job.function(job.context, job.tasks[k], task_rng(job.seed, k))


def _in_order(futures: Iterator[Any], limit: int) -> Iterator[Any]:
    """The results of the chunks ``futures`` submits (lazily, at most ``limit`` waiting),
    in task order; the chunks still waiting are cancelled if the caller stops early."""
    pending: collections.deque[Any] = collections.deque()
    try:
        for future in futures:
            pending.append(future)
            if len(pending) >= limit:
                yield from _unpack(pending.popleft().result())
        while pending:
            yield from _unpack(pending.popleft().result())
    finally:
        for future in pending:
            future.cancel()


def _processes(job: _Job, first: int, workers: int) -> Iterator[Any]:
    size = job.chunk_size or max(1, min(MAX_CHUNK, math.ceil((job.n - first) / (workers * 4))))
    with ProcessPoolExecutor(
        max_workers=workers, initializer=_init_worker, initargs=(job.function, job.context)
    ) as pool:
        submitted = (
            pool.submit(_pool_chunk, start, job.tasks[start:stop], job.seed)
            for start, stop in _chunks(job.n, first, size)
        )
        yield from _in_order(submitted, 2 * workers)


def _dask(job: _Job, first: int, scheduler: Any) -> Iterator[Any]:
    try:
        import distributed
    except ImportError as exc:
        raise QCAError(
            f"{job.where}: running on a Dask scheduler needs the 'distributed' package: "
            'pip install "qca-toolkit[dask]".'
        ) from exc
    own = isinstance(scheduler, str)
    if own:
        try:
            client = distributed.Client(scheduler, set_as_default=False, timeout=_CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as exc:
            raise QCAError(
                f"{job.where}: cannot reach the Dask scheduler at {scheduler!r} ({exc}). "
                "Start one with 'dask scheduler' and workers with 'dask worker ADDRESS'."
            ) from exc
    else:
        client = scheduler
    try:
        n_workers = len(client.scheduler_info().get("workers", {}))
        if n_workers == 0:
            warnings.warn(
                f"{job.where}: the Dask scheduler has no workers yet; the tasks wait until "
                "one joins ('dask worker ADDRESS').",
                QCAWarning,
                stacklevel=2,
            )
        n_workers = max(1, n_workers)
        size = job.chunk_size or max(1, min(MAX_CHUNK, math.ceil((job.n - first) / (n_workers * 4))))
        context = client.scatter(job.context, broadcast=True, hash=False)
        submitted = (
            client.submit(
                _dask_chunk, job.function, context, start, job.tasks[start:stop], job.seed,
                pure=False,
            )
            for start, stop in _chunks(job.n, first, size)
        )
        yield from _in_order(submitted, 2 * n_workers + 2)
    finally:
        if own:
            client.close()


def _auto(job: _Job, first: int) -> Iterator[Any]:
    """Serial until the measured time per task says processes pay, then every CPU."""
    cpus = available_cpus()
    began = time.perf_counter()
    k = first
    while k < job.n:
        yield job.function(job.context, job.tasks[k], task_rng(job.seed, k))
        k += 1
        elapsed = time.perf_counter() - began
        if cpus > 1 and elapsed >= _PROBE_SECONDS:
            if elapsed / (k - first) * (job.n - k) > _PAYS_OFF_SECONDS:
                yield from _processes(job, k, cpus)
                return
            began, first = time.perf_counter(), k  # measure again on the next tasks


@dataclasses.dataclass(frozen=True)
class _Job:
    function: Callable[..., Any]
    tasks: Sequence[Any]
    context: Any
    seed: int | None
    chunk_size: int | None
    where: str

    @property
    def n(self) -> int:
        return len(self.tasks)


# --------------------------------------------------------------------------- progress
class _Progress:
    """A one-line progress bar on stderr, drawn only on a terminal unless asked."""

    def __init__(self, label: str, total: int, enabled: bool | None, unit: str = "tasks") -> None:
        isatty = getattr(sys.stderr, "isatty", None)
        self.on = bool(isatty is not None and isatty()) if enabled is None else bool(enabled)
        self.on = self.on and total > 0
        self.label, self.total, self.unit = label, total, unit
        self.began = time.monotonic()
        self.last = -math.inf
        self.first: int | None = None

    def __call__(self, done: int) -> None:
        if not self.on:
            return
        if self.first is None:
            self.first = done
        now = time.monotonic()
        if done < self.total and now - self.last < 0.1:
            return
        self.last = now
        width = 24
        filled = int(width * done / self.total)
        elapsed = now - self.began
        new = done - self.first
        left = elapsed / new * (self.total - done) if new > 0 else math.nan
        eta = f", ~{left:.0f} s left" if math.isfinite(left) and done < self.total else ""
        bar = "#" * filled + "." * (width - filled)
        end = "\n" if done >= self.total else ""
        print(
            f"\r{self.label}: [{bar}] {done}/{self.total} {self.unit} ({elapsed:.0f} s{eta})",
            end=end, file=sys.stderr, flush=True,
        )


# --------------------------------------------------------------------------- output file
def _header_line(header: dict[str, Any]) -> bytes:
    return (json.dumps(header, sort_keys=True, separators=(",", ":")) + "\n").encode()


def _read_header(path: Path) -> dict[str, Any]:
    with open(path, "rb") as f:
        first = f.readline()
    try:
        header = json.loads(first)
    except ValueError:
        header = None
    if not isinstance(header, dict) or "qca_sweep" not in header:
        raise SweepFileError(
            f"{path} exists and is not a qca sweep file; it is left untouched. Choose "
            "another output file."
        )
    return header


def _check_same(path: Path, found: dict[str, Any], wanted: dict[str, Any]) -> None:
    if found == wanted:
        return
    names = {"fingerprint": "tasks, data or options"}
    diffs = []
    for key in sorted(set(found) | set(wanted)):
        if found.get(key) != wanted.get(key):
            if key == "identity" and isinstance(found.get(key), dict):
                a, b = found[key], wanted.get(key) or {}
                for sub in sorted(set(a) | set(b)):
                    if a.get(sub) != b.get(sub):
                        diffs.append(f"{sub}: {a.get(sub)!r} in the file, {b.get(sub)!r} now")
            elif key in names:
                diffs.append(f"its {names[key]} differ")
            else:
                diffs.append(f"{key}: {found.get(key)!r} in the file, {wanted.get(key)!r} now")
    raise SweepFileError(
        f"{path} was written by a different sweep ({'; '.join(diffs)}), so it cannot be "
        "resumed; it is left untouched. Run with the same options, or choose another output file."
    )


def _scan(path: Path, n: int) -> tuple[int, int]:
    """(finished records, byte length of the file up to the last whole record)."""
    done, keep = 0, 0
    with open(path, "rb") as f:
        keep = len(f.readline())
        for line in f:
            if not line.endswith(b"\n") or done >= n:
                break
            try:
                record = json.loads(line)
            except ValueError:
                break
            if not isinstance(record, dict) or record.get("i") != done or "r" not in record:
                break
            done += 1
            keep += len(line)
    return done, keep


def _read_records(path: Path, count: int) -> Iterator[Any]:
    with open(path, "rb") as f:
        f.readline()
        for _ in range(count):
            yield json.loads(f.readline())["r"]


class _Recorder:
    """Appends one JSON line per finished task, in order, to ``<output>.partial``."""

    def __init__(self, partial: Path, start: int) -> None:
        self.fd = os.open(partial, os.O_WRONLY | os.O_APPEND)
        self.k = start
        self.synced = time.monotonic()

    def write(self, encoded: Any) -> bytes:
        line = json.dumps({"i": self.k, "r": encoded}, separators=(",", ":")).encode() + b"\n"
        os.write(self.fd, line)
        self.k += 1
        if time.monotonic() - self.synced >= _FSYNC_SECONDS:
            os.fsync(self.fd)
            self.synced = time.monotonic()
        return line

    def close(self) -> None:
        os.fsync(self.fd)
        os.close(self.fd)


# --------------------------------------------------------------------------- public
def run_sweep(
    function: Callable[..., Any],
    tasks: Sequence[Any],
    *,
    context: Any = None,
    seed: int | None = None,
    workers: int | None = None,
    scheduler: Any = None,
    output: str | os.PathLike[str] | None = None,
    identity: Mapping[str, Any] | None = None,
    encode: Callable[[Any], Any] | None = None,
    decode: Callable[[Any], Any] | None = None,
    chunk_size: int | None = None,
    progress: bool | None = None,
    label: str = "sweep",
    unit: str = "tasks",
    where: str = "run_sweep",
) -> Iterator[Any]:
    """Run ``function(context, task, rng)`` for every task; yield the results in task order.

    Parameters
    ----------
    function : callable
        ``function(context, task, rng) -> result``, pure: the same arguments always give
        the same result. For processes and Dask it must be importable by name (a
        module-level function); ``rng`` is task *k*'s ``numpy.random.Generator`` (None
        without ``seed``).
    tasks : sequence
        The tasks (a list, tuple or range; other iterables are read into a list).
        Each is sent to the worker that runs it.
    context : object, optional
        Data every task shares, sent once to each worker.
    seed : int, optional
        Root of the per-task seeds, ``SeedSequence(seed).spawn(n)[k]`` for task *k*.
    workers : int, optional
        1: serial; N: N local processes (capped, with a warning, by the CPUs this
        process may use); -1: every available CPU. Default (None): serial, moving the
        remaining tasks to every available CPU once the measured time per task says
        the rest would take more than a second.
    scheduler : str or distributed.Client, optional
        Run on a Dask cluster instead: ``"tcp://host:8786"`` or a client.
    output : path, optional
        Record every finished result, in order, in this JSON-lines file (written as
        ``<output>.partial`` and renamed when the sweep is complete). A partial file of
        the same sweep is resumed after its last finished task; the file of a complete
        run is read back without running anything; a file of another sweep is refused.
    identity : mapping, optional
        JSON-ready description of the sweep written in the file's header and compared on
        resume, so that a refusal names the option that changed.
    encode, decode : callable, optional
        Turn a result into JSON-ready values and back (default: the result as is). With
        ``output``, every result is yielded as ``decode(encode(result))`` read back from
        its JSON line, so a resumed run yields exactly what a fresh one does.
    chunk_size : int, optional
        Tasks sent to a worker at once (default: a quarter of each worker's share, at
        most 256). Never changes the results.
    progress : bool, optional
        Progress bar on stderr; default (None) only when stderr is a terminal.
    label : str, default="sweep"
        Name shown in the progress bar and written in the file's header.
    unit : str, default="tasks"
        What the progress bar counts ("runs", "replications"...).
    where : str, default="run_sweep"
        Name of the public function the sweep runs for, used in error messages.

    Returns
    -------
    iterator
        The results in task order. Parameters are checked when ``run_sweep`` is
        called; tasks run as the iterator is consumed.

    Examples
    --------
    >>> def shuffled_mean(values, task, rng):
    ...     return float(np.mean(rng.permutation(values)[:2]))
    >>> list(run_sweep(shuffled_mean, range(3), context=[1.0, 2.0, 3.0], seed=5, workers=1))
    [2.0, 1.5, 2.5]
    """
    if not callable(function):
        raise InvalidParameterError(
            f"The 'function' parameter of {where} must be callable. Got {function!r} instead."
        )
    if isinstance(tasks, (str, bytes, Mapping)) or not hasattr(tasks, "__iter__"):
        raise InvalidParameterError(
            f"The 'tasks' parameter of {where} must be a sequence of tasks (list, tuple or "
            f"range). Got {type(tasks).__name__} instead."
        )
    if not isinstance(tasks, Sequence):
        tasks = list(tasks)
    seed = _check_seed(seed, where)
    if scheduler is not None and workers is not None:
        raise InvalidParameterError(
            f"{where}: give 'workers' (local processes) or 'scheduler' (a Dask cluster, "
            f"whose workers set the size), not both. Got workers={workers!r}, scheduler={scheduler!r}."
        )
    workers = check_workers(workers, where)
    if chunk_size is not None and not (
        isinstance(chunk_size, (int, np.integer)) and not isinstance(chunk_size, bool) and chunk_size >= 1
    ):
        raise InvalidParameterError(
            f"The 'chunk_size' parameter of {where} must be an integer >= 1. Got {chunk_size!r} instead."
        )
    if progress is not None and not isinstance(progress, (bool, np.bool_)):
        raise InvalidParameterError(
            f"The 'progress' parameter of {where} must be True or False (or None: only when "
            f"stderr is a terminal). Got {progress!r} instead."
        )
    scheduler = _check_scheduler(scheduler, where)
    job = _Job(function, tasks, context, seed, None if chunk_size is None else int(chunk_size), where)
    path = None if output is None else Path(output)
    header = None
    if path is not None:
        if path.is_dir():
            raise SweepFileError(f"The output {path} of {where} is a folder; give a file name.")
        if not path.parent.is_dir():
            raise SweepFileError(f"The folder of the output {path} of {where} does not exist.")
        header = {
            "qca_sweep": FORMAT,
            "label": label,
            "function": f"{getattr(function, '__module__', '')}.{getattr(function, '__qualname__', '')}",
            "n_tasks": job.n,
            "seed": seed,
            "identity": _plain(dict(identity or {})),
            "fingerprint": _digest((context, tasks)),
        }
        for existing in (path, _partial(path)):
            if existing.exists():
                _check_same(existing, _read_header(existing), header)
    run = _execute(job, workers, scheduler)
    return _stream(job, run, path, header, encode, decode, _Progress(label, job.n, progress, unit))


def _plain(value: Any) -> Any:
    """JSON round trip, so that a header compares equal to the one read back."""
    return json.loads(json.dumps(value, default=str))


def _partial(path: Path) -> Path:
    return path.with_name(path.name + ".partial")


def _execute(job: _Job, workers: int | None, scheduler: Any) -> Callable[[int], Iterator[Any]]:
    def run(first: int) -> Iterator[Any]:
        if first >= job.n:
            return iter(())
        if scheduler is not None:
            return _dask(job, first, scheduler)
        if workers is None:
            return _auto(job, first)
        if workers == 1 or job.n - first < 2:
            return _serial(job, first)
        return _processes(job, first, workers)

    return run


def _stream(
    job: _Job,
    run: Callable[[int], Iterator[Any]],
    path: Path | None,
    header: dict[str, Any] | None,
    encode: Callable[[Any], Any] | None,
    decode: Callable[[Any], Any] | None,
    report: _Progress,
) -> Iterator[Any]:
    decode = decode or (lambda value: value)
    encode = encode or (lambda value: value)
    if path is None or header is None:
        for k, result in enumerate(run(0), 1):
            report(k)
            yield result
        return
    if path.exists():  # a complete run of this very sweep: read it back
        done, _ = _scan(path, job.n)
        if done != job.n:
            raise SweepFileError(
                f"{path} holds {done} of the {job.n} results of this sweep; it is left "
                "untouched. Remove it to run the sweep again."
            )
        for k, value in enumerate(_read_records(path, done), 1):
            report(k)
            yield decode(value)
        return
    partial = _partial(path)
    if partial.exists():
        done, keep = _scan(partial, job.n)
        os.truncate(partial, keep)  # drop a record torn when the last run was killed
    else:
        done = 0
        with atomic_path(partial) as tmp:
            Path(tmp).write_bytes(_header_line(header))
    for k, value in enumerate(_read_records(partial, done), 1):
        report(k)
        yield decode(value)
    recorder = _Recorder(partial, done)
    complete = False
    try:
        for k, result in enumerate(run(done), done + 1):
            try:
                line = recorder.write(encode(result))
            except (TypeError, ValueError) as exc:
                raise SweepFileError(
                    f"{job.where}: the result of task {k - 1} ({type(result).__name__}) cannot be "
                    f"written to {path} as JSON ({exc}); give encode= and decode=."
                ) from exc
            report(k)
            yield decode(json.loads(line)["r"])
        complete = recorder.k == job.n
    finally:
        recorder.close()
    if complete:
        move_into_place(partial, path)
