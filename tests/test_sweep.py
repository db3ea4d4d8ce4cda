"""The sweep engine: identical results on every backend, resumable output files."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import textwrap
import time
import tracemalloc
from pathlib import Path

import numpy as np
import pytest

import qca
from qca.sweep import SweepFileError, available_cpus, run_sweep, task_rng


def noisy(context, task, rng):
    """A task whose result depends on its seed, its task and the shared context."""
    base, width = context
    draws = rng.standard_normal(width)
    return {"task": task, "sum": float(draws.sum() + base * task), "draws": draws.tolist()}


def plain(context, task, rng):
    return task * context


def marking(context, task, rng):
    """Leaves a marker file per task run, to count which tasks really ran."""
    folder, delay = context
    time.sleep(delay)
    (Path(folder) / f"ran_{task}").touch()
    return [task, float(rng.random())]


def failing(context, task, rng):
    if task == context:
        raise ValueError(f"task {task} fails")
    return task


def _bits(results):
    """Exact text of the results: repr of a float round-trips every bit."""
    return json.dumps(results)


def _fresh(n, **options):
    return list(run_sweep(noisy, range(n), context=(0.5, 3), seed=42, **options))


def test_task_seeds_are_seedsequence_spawn_children():
    children = np.random.SeedSequence(2024).spawn(6)
    for k, child in enumerate(children):
        expected = np.random.default_rng(child).integers(0, 2**32, 4)
        assert np.array_equal(task_rng(2024, k).integers(0, 2**32, 4), expected)
    assert task_rng(None, 3) is None


@pytest.mark.parametrize(
    "options",
    [
        {"workers": 2},
        {"workers": 2, "chunk_size": 1},
        {"workers": 2, "chunk_size": 7},
        {"workers": None},
        {"workers": -1},
    ],
)
def test_local_backends_are_bit_identical_to_serial(options):
    serial = _fresh(37, workers=1)
    assert [r["task"] for r in serial] == list(range(37))
    assert _bits(_fresh(37, **options)) == _bits(serial)


def test_auto_mode_moves_to_processes_and_keeps_order(monkeypatch):
    monkeypatch.setattr("qca.sweep._PROBE_SECONDS", 0.0)
    monkeypatch.setattr("qca.sweep._PAYS_OFF_SECONDS", 0.0)
    if available_cpus() < 2:
        pytest.skip("auto mode stays serial on one CPU")
    assert _bits(_fresh(25)) == _bits(_fresh(25, workers=1))


def test_results_stream_before_the_sweep_ends(tmp_path):
    it = run_sweep(marking, range(50), context=(str(tmp_path), 0.0), seed=1, workers=1)
    assert next(it)[0] == 0
    assert len(list(tmp_path.glob("ran_*"))) == 1  # nothing ran ahead in serial mode
    it.close()


def test_task_errors_reach_the_caller_in_order(tmp_path):
    out = tmp_path / "runs.jsonl"
    got = []
    with pytest.raises(ValueError, match="task 5 fails"):
        for r in run_sweep(failing, range(10), context=5, workers=2, chunk_size=2, output=out):
            got.append(r)
    assert got == [0, 1, 2, 3, 4]
    assert not out.exists()
    lines = (tmp_path / "runs.jsonl.partial").read_text().splitlines()
    assert [json.loads(x)["i"] for x in lines[1:]] == [0, 1, 2, 3, 4]


# --------------------------------------------------------------------------- Dask
@pytest.fixture(scope="module")
def dask_cluster():
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    )
    client = distributed.Client(cluster, set_as_default=False)
    yield cluster, client
    client.close()
    cluster.close()


def test_dask_client_gives_results_identical_to_serial(dask_cluster):
    _, client = dask_cluster
    serial = _fresh(37, workers=1)
    assert _bits(_fresh(37, scheduler=client)) == _bits(serial)
    assert _bits(_fresh(37, scheduler=client, chunk_size=3)) == _bits(serial)


def test_dask_scheduler_address_gives_results_identical_to_serial(dask_cluster, tmp_path):
    cluster, _ = dask_cluster
    out = tmp_path / "dask.jsonl"
    got = _fresh(20, scheduler=cluster.scheduler_address, output=out)
    assert got == _fresh(20, workers=1, output=tmp_path / "serial.jsonl")
    assert out.read_bytes() == (tmp_path / "serial.jsonl").read_bytes()


def test_unreachable_scheduler_is_a_clear_error(monkeypatch):
    pytest.importorskip("distributed")
    monkeypatch.setattr("qca.sweep._CONNECT_TIMEOUT", "1s")
    with pytest.raises(qca.QCAError, match="cannot reach the Dask scheduler at 'tcp://127.0.0.1:9'"):
        run_sweep(plain, range(3), context=2, scheduler="tcp://127.0.0.1:9")


# --------------------------------------------------------------------------- output files
def test_output_file_holds_every_result_in_order_and_is_read_back(tmp_path):
    out = tmp_path / "runs.jsonl"
    context = (str(tmp_path), 0.0)
    first = list(run_sweep(marking, range(12), context=context, seed=3, workers=2, output=out))
    assert out.exists() and not (tmp_path / "runs.jsonl.partial").exists()
    lines = out.read_text().splitlines()
    header = json.loads(lines[0])
    assert header["n_tasks"] == 12 and header["seed"] == 3 and header["qca_sweep"] == 1
    assert [json.loads(x)["i"] for x in lines[1:]] == list(range(12))
    for marker in tmp_path.glob("ran_*"):
        marker.unlink()
    again = list(run_sweep(marking, range(12), context=context, seed=3, workers=2, output=out))
    assert again == first
    assert not list(tmp_path.glob("ran_*"))  # read back, nothing ran


def test_a_failed_start_of_the_record_leaves_no_file_and_names_it(tmp_path, monkeypatch):
    import errno

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(qca.QCAError, match=r"Cannot write '.*runs\.jsonl\.partial': No space"):
        list(run_sweep(plain, range(3), context=2, output=tmp_path / "runs.jsonl"))
    assert list(tmp_path.iterdir()) == []  # no half-written header, no temporary file


def test_stopped_run_resumes_from_its_finished_tasks(tmp_path):
    out = tmp_path / "runs.jsonl"
    context = (str(tmp_path), 0.0)
    it = run_sweep(marking, range(10), context=context, seed=9, workers=1, output=out)
    head = [next(it) for _ in range(4)]
    it.close()
    assert not out.exists()
    with open(tmp_path / "runs.jsonl.partial", "ab") as f:
        f.write(b'{"i":4,"r":[4,0.1')  # a record torn by a kill
    for marker in tmp_path.glob("ran_*"):
        marker.unlink()
    resumed = list(run_sweep(marking, range(10), context=context, seed=9, workers=1, output=out))
    assert sorted(p.name for p in tmp_path.glob("ran_*")) == sorted(f"ran_{k}" for k in range(4, 10))
    assert resumed[:4] == head
    fresh = list(run_sweep(marking, range(10), context=context, seed=9, workers=1))
    assert resumed == fresh
    assert out.exists()


KILLED_RUN = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {tests!r})
    from test_sweep import marking
    from qca.sweep import run_sweep
    for _ in run_sweep(marking, range(400), context=({folder!r}, 0.01), seed=11, workers=2,
                       chunk_size=2, output={out!r}):
        pass
    """
)


def test_killed_run_resumes_with_the_same_output_file(tmp_path):
    out = tmp_path / "runs.jsonl"
    partial = tmp_path / "runs.jsonl.partial"
    markers = tmp_path / "markers"
    markers.mkdir()
    script = KILLED_RUN.format(tests=str(Path(__file__).parent), folder=str(markers), out=str(out))
    proc = subprocess.Popen([sys.executable, "-c", script], start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if partial.exists() and len(partial.read_bytes().splitlines()) > 30:
                break
            time.sleep(0.02)
        else:
            pytest.fail("the run to kill never recorded 30 results")
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the run and its worker processes
        proc.wait()
    assert not out.exists()
    finished = partial.read_bytes().count(b"\n") - 1  # whole records after the header
    assert 30 <= finished < 400
    for marker in markers.iterdir():
        marker.unlink()
    context = (str(markers), 0.01)
    resumed = list(run_sweep(marking, range(400), context=context, seed=11, workers=2, output=out))
    ran = {int(p.name[4:]) for p in markers.iterdir()}
    assert ran == set(range(finished, 400))  # only the tasks without a whole record
    fresh = list(run_sweep(marking, range(400), context=context, seed=11, workers=1))
    assert resumed == fresh
    assert json.loads(out.read_text().splitlines()[-1])["i"] == 399


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"seed": 4}, "seed: 3 in the file, 4 now"),
        ({"tasks": range(9)}, "n_tasks: 8 in the file, 9 now"),
        ({"context": 3}, "its tasks, data or options differ"),
        ({"identity": {"incl_cut": 0.9}}, "incl_cut: 0.8 in the file, 0.9 now"),
    ],
)
def test_a_file_of_another_sweep_is_refused_and_left_untouched(tmp_path, change, message):
    out = tmp_path / "runs.jsonl"
    options = {"tasks": range(8), "context": 2, "seed": 3, "identity": {"incl_cut": 0.8}}
    it = run_sweep(plain, output=out, workers=1, **options)
    next(it)
    it.close()
    partial = tmp_path / "runs.jsonl.partial"
    before = partial.read_bytes()
    with pytest.raises(SweepFileError, match=message):
        run_sweep(plain, output=out, workers=1, **{**options, **change})
    assert partial.read_bytes() == before


def test_a_file_that_is_not_a_sweep_is_refused_and_left_untouched(tmp_path):
    out = tmp_path / "notes.txt"
    out.write_text("my notes\n")
    with pytest.raises(SweepFileError, match="is not a qca sweep file; it is left untouched"):
        run_sweep(plain, range(3), context=1, output=out)
    assert out.read_text() == "my notes\n"


def test_results_that_are_not_json_need_encode_and_decode(tmp_path):
    def arrays(context, task, rng):
        return np.arange(3.0) * task

    with pytest.raises(SweepFileError, match="cannot be written .* give encode= and decode="):
        list(run_sweep(arrays, range(3), workers=1, output=tmp_path / "a.jsonl"))
    got = list(
        run_sweep(arrays, range(3), workers=1, output=tmp_path / "b.jsonl",
                  encode=lambda a: a.tolist(), decode=np.asarray)
    )
    assert [a.tolist() for a in got] == [[0.0, 0.0, 0.0], [0.0, 1.0, 2.0], [0.0, 2.0, 4.0]]


def test_memory_stays_flat_as_the_sweep_grows(tmp_path):
    def peak(n):
        tracemalloc.start()
        total = 0.0
        for r in run_sweep(noisy, range(n), context=(0.5, 50), seed=1, workers=1,
                           output=tmp_path / f"{n}.jsonl"):
            total += r["sum"]
        _, high = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return high

    small, large = peak(300), peak(3000)
    # every result holds 50 floats (~3 kB as Python objects): 3,000 held would be ~9 MB
    assert large < small + 200_000, (small, large)


# --------------------------------------------------------------------------- parameters
def test_more_workers_than_cpus_are_capped_with_a_warning():
    limit = available_cpus()
    with pytest.warns(qca.QCAWarning, match=f"workers={limit + 5} is more than the {limit} CPU"):
        got = list(run_sweep(plain, range(5), context=3, workers=limit + 5))
    assert got == [0, 3, 6, 9, 12]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"workers": 0}, "'workers' parameter of run_sweep must be an integer >= 1"),
        ({"workers": "2"}, "'workers' parameter .* Got '2' instead"),
        ({"workers": 1.5}, "'workers' parameter .* Got 1.5 instead"),
        ({"seed": -1}, "'seed' parameter of run_sweep must be an integer >= 0"),
        ({"seed": 1.0}, "'seed' parameter .* Got 1.0 instead"),
        ({"scheduler": 8786}, "'scheduler' parameter of run_sweep must be the address"),
        ({"scheduler": "nonsense"}, "'scheduler' parameter .* Got 'nonsense' instead"),
        ({"scheduler": "foo://h:1"}, "'scheduler' parameter .* 'tcp://10.0.0.5:8786'"),
        ({"scheduler": "tcp://h:70000"}, "'scheduler' parameter .* Got 'tcp://h:70000'"),
        ({"scheduler": "tcp://h:1", "workers": 2}, "give 'workers' .* or 'scheduler'"),
        ({"chunk_size": 0}, "'chunk_size' parameter of run_sweep must be an integer >= 1"),
        ({"progress": "yes"}, "'progress' parameter of run_sweep must be True or False"),
    ],
)
def test_bad_parameters_are_named(options, message):
    with pytest.raises(qca.InvalidParameterError, match=message):
        run_sweep(plain, range(3), context=1, **options)


def test_bad_tasks_and_function_are_named(tmp_path):
    with pytest.raises(qca.InvalidParameterError, match="'tasks' parameter .* Got str"):
        run_sweep(plain, "abc")
    with pytest.raises(qca.InvalidParameterError, match="'function' parameter .* callable"):
        run_sweep(3, range(2))
    with pytest.raises(SweepFileError, match="is a folder"):
        run_sweep(plain, range(2), output=tmp_path)
    with pytest.raises(SweepFileError, match="does not exist"):
        run_sweep(plain, range(2), output=tmp_path / "no" / "runs.jsonl")


def test_progress_goes_to_stderr_only_when_asked_or_on_a_terminal(capsys):
    assert list(run_sweep(plain, range(3), context=1, workers=1, label="demo")) == [0, 1, 2]
    assert capsys.readouterr().err == ""
    list(run_sweep(plain, range(3), context=1, workers=1, label="demo", progress=True))
    captured = capsys.readouterr()
    assert captured.out == ""
    assert re.search(r"\rdemo: \[#{24}\] 3/3 tasks \(\d+ s\)\n$", captured.err)


def test_a_scheduler_without_distributed_installed_says_what_to_install(monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "distributed" else real(name, *a)
    )
    with pytest.raises(qca.QCAError, match='needs the \'distributed\' package: pip install "qca-toolkit\\[dask\\]"'):
        run_sweep(plain, range(3), context=1, scheduler="tcp://127.0.0.1:8786")
