"""Every repeated analysis gives on a Dask cluster exactly what it gives serially."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import qca

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    )
    client = distributed.Client(cluster, set_as_default=False)
    yield client
    client.close()
    cluster.close()


def test_nca_permutation_test_on_dask_is_identical_to_serial(client):
    rng = np.random.default_rng(3)
    x = rng.random(25)
    data = pd.DataFrame({"X": x, "Z": rng.random(25), "Y": np.clip(x + rng.normal(0, 0.2, 25), 0, 1)})
    serial = qca.nca(data, ["X", "Z"], "Y", test_rep=450, seed=11, workers=1)
    on_dask = qca.nca(data, ["X", "Z"], "Y", test_rep=450, seed=11, scheduler=client)
    pd.testing.assert_frame_equal(serial.summary, on_dask.summary)
    assert serial.summary["p_value"].notna().all()


@pytest.mark.filterwarnings("ignore::qca.QCAWarning")
def test_robustness_ranges_on_dask_are_identical_to_serial(client):
    raw = pd.DataFrame(
        {
            "X": [1, 3, 5, 7, 9, 8, 2, 6, 4, 7],
            "Z": [2, 8, 3, 9, 7, 1, 9, 3, 6, 6],
            "Y": [0.1, 0.2, 0.3, 0.9, 1.0, 0.8, 0.3, 0.7, 0.4, 0.6],
        },
        index=list("abcdefghij"),
    )
    options = {
        "anchors": {"A": ("X", "e=2, c=5.5, i=8"), "B": ("Z", "e=2, c=5, i=8")},
        "incl_cut": 0.8, "include": "?", "sets": ["A"], "max_runs": 6, "anchor_step": 0.05,
    }
    serial = qca.robustness_ranges(raw, "Y", ["A", "B"], workers=1, **options)
    on_dask = qca.robustness_ranges(raw, "Y", ["A", "B"], scheduler=client, **options)
    pd.testing.assert_frame_equal(serial.ranges, on_dask.ranges)
    assert serial.ranges["runs"].sum() > 0
