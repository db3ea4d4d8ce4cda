"""Robustness tests (qca.robustness), checked against a slow, obviously correct loop."""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path

import pandas as pd
import pytest

import qca

DATA = Path(__file__).parent / "data"

# Lipset's raw data (R QCA's LR) and a calibration codebook in the spirit of the QCA
# literature's: the anchors themselves do not matter here, only that every run of the
# grid is reproduced.
ANCHORS = {
    "DEV": ("DEV", "e=350, c=550, i=900"),
    "URB": ("URB", "e=25, c=50, i=65"),
    "LIT": ("LIT", "e=50, c=75, i=90"),
    "IND": ("IND", "e=20, c=30, i=40"),
    "STB": ("STB", "e=10, c=5.5, i=2"),
    "SURV": ("SURV", "e=-5, c=0, i=5"),
}
CONDITIONS = ["DEV", "URB", "LIT", "IND", "STB"]
SHIFTS = (-0.10, -0.05, 0.05, 0.10)


@pytest.fixture(scope="module")
def raw() -> pd.DataFrame:
    return pd.read_csv(DATA / "robustness_LR.csv", index_col=0, keep_default_na=False)


# --------------------------------------------------------------------------- slow loop
def _calibrated(raw, anchors):
    data = pd.DataFrame(index=raw.index)
    for name, (source, thresholds) in anchors.items():
        data[name] = qca.calibrate(raw[source], thresholds)
    return data


def _first_model_and_terms(data, tt_options, min_options):
    """(membership in the first model per case, set of all terms, list of model term tuples)."""
    try:
        tt = qca.truth_table(data, "SURV", CONDITIONS, **tt_options)
        solution = qca.minimize(tt, **min_options)
    except qca.QCAError:
        return None, []
    models = [tuple(m.terms) for m in solution.models]
    return models[0], models


def _slow_reference(raw, tt_options, min_options, incl_cuts, n_cuts, drop):
    """Every alternative analysis spelled out, one by one, in the grid's order."""
    anchors = {k: (s, t) for k, (s, t) in ANCHORS.items()}
    base = _calibrated(raw, anchors)
    runs = []  # (first model or None, all models, solution memberships (dict), outcome (dict))

    def record(data, fit_data, tt_opts):
        first, models = _first_model_and_terms(fit_data, tt_opts, min_options)
        if first:
            sol = qca.membership(data, " + ".join(first))
            values = {case: float(sol[case]) for case in data.index}
        else:
            values = dict.fromkeys(data.index, 0.0)
        runs.append((first, models, values, {c: float(data.loc[c, "SURV"]) for c in data.index}))

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", qca.QCAWarning)
        for name, (source, text) in ANCHORS.items():
            e, c, i = (float(part.split("=")[1]) for part in text.split(","))
            distance = abs(i - e)
            for position in range(3):
                for shift in SHIFTS:
                    moved = [e, c, i]
                    moved[position] += shift * distance
                    data = base.copy()
                    data[name] = qca.calibrate(
                        raw[source], {"e": moved[0], "c": moved[1], "i": moved[2]}
                    )
                    record(data, data, tt_options)
        for cut in incl_cuts:
            record(base, base, {**tt_options, "incl_cut": cut})
        for n in n_cuts:
            record(base, base, {**tt_options, "n_cut": n})
        if drop:
            for case in base.index:
                record(base, base.drop(index=[case]), tt_options)
    initial, initial_models = _first_model_and_terms(base, tt_options, min_options)
    return base, initial, initial_models, runs


def _status(x, y):
    if x > 0.5 and y > 0.5:
        return "typical"
    if x > 0.5 and y < 0.5:
        return "deviant consistency"
    if x < 0.5 and y > 0.5:
        return "deviant coverage"
    if x < 0.5 and y < 0.5:
        return "irrelevant"
    return "ambiguous"


GRIDS = [
    pytest.param({"incl_cut": 0.8}, {"include": "?"}, [0.7, (0.9, 0.7)], [2], True, id="parsimonious"),
    pytest.param({"incl_cut": 0.75}, {}, [0.85], [], False, id="conservative"),
    pytest.param(
        {"incl_cut": 0.8}, {"include": "?", "dir_exp": "DEV, URB, LIT, IND, STB"}, [], [2], False,
        id="intermediate",
    ),
]


@pytest.mark.parametrize(("tt_options", "min_options", "incl_cuts", "n_cuts", "drop"), GRIDS)
def test_robustness_matches_a_slow_loop(raw, tt_options, min_options, incl_cuts, n_cuts, drop):
    base, initial, initial_models, runs = _slow_reference(
        raw, tt_options, min_options, incl_cuts, n_cuts, drop
    )
    rob = qca.robustness(
        raw, "SURV", CONDITIONS, anchors=ANCHORS, incl_cuts=incl_cuts, n_cuts=n_cuts,
        drop_cases=drop, **tt_options, **min_options,
    )
    cases = list(base.index)
    assert rob.initial_terms == tuple(initial)
    assert len(rob.runs) == len(runs) == 6 * 3 * 4 + len(incl_cuts) + len(n_cuts) + drop * len(cases)
    assert (rob.runs["status"].str.startswith("invalid")).sum() == 0
    assert list(rob.runs["solution"]) == [" + ".join(r[0]) if r[0] else "" for r in runs]
    assert list(rob.runs["models"]) == [" | ".join(" + ".join(m) for m in r[1]) for r in runs]

    IS = {c: float(qca.membership(base, " + ".join(initial))[c]) for c in cases}
    Y = {c: float(base.loc[c, "SURV"]) for c in cases}
    RC = {c: min([IS[c]] + [r[2][c] for r in runs]) for c in cases}
    ts_min = {c: min(r[2][c] for r in runs) for c in cases}
    ts_max = {c: max(r[2][c] for r in runs) for c in cases}
    assert rob.robust_core.to_dict() == pytest.approx(RC, abs=1e-12)

    def incl(x, y):
        return sum(min(x[c], y[c]) for c in cases) / sum(x[c] for c in cases)

    expected_fit = {
        "RF_cons": incl(IS, Y) / incl(RC, Y),
        "RF_cov": incl(Y, RC) / incl(Y, IS),
        "RF_SC_minTS": sum(min(IS[c], ts_min[c]) for c in cases) / sum(max(IS[c], ts_min[c]) for c in cases),
        "RF_SC_maxTS": sum(min(IS[c], ts_max[c]) for c in cases) / sum(max(IS[c], ts_max[c]) for c in cases),
    }
    for key, value in expected_fit.items():
        assert rob.fit[key] == pytest.approx(value, abs=1e-12), key

    # term survival: share of runs with the term in some model; core terms in every model
    every_term = {t for r in runs for m in r[1] for t in m} | set(initial)
    for term in every_term:
        share = sum(any(term in m for m in r[1]) for r in runs) / len(runs)
        assert rob.term_survival[term] == pytest.approx(share, abs=1e-15), term
    assert set(rob.term_survival.index) == every_term
    all_models = list(initial_models) + [m for r in runs for m in r[1]]
    core = [t for t in initial if all(t in m for m in all_models) and all(r[1] for r in runs)]
    assert rob.core_terms == tuple(core)

    # case status in IS, and the share of runs (with their own outcome) keeping it
    for c in cases:
        status = _status(IS[c], Y[c])
        kept = sum(_status(r[2][c], r[3][c]) == status for r in runs) / len(runs)
        assert rob.cases.loc[c, "status"] == status
        assert rob.cases.loc[c, "kept"] == pytest.approx(kept, abs=1e-15)
        assert rob.cases.loc[c, "kept_runs"] == round(kept * len(runs))

    # per-run parameters of fit against the run's own outcome, and coincidence with IS
    for k, r in enumerate(runs):
        x, y = r[2], r[3]
        if sum(x.values()) > 0:
            assert rob.runs["inclS"].iloc[k] == pytest.approx(incl(x, y), abs=1e-12)
        assert rob.runs["covS"].iloc[k] == pytest.approx(incl(y, x), abs=1e-12)
        sc = sum(min(IS[c], x[c]) for c in cases) / sum(max(IS[c], x[c]) for c in cases)
        assert rob.runs["SC"].iloc[k] == pytest.approx(sc, abs=1e-12)


def test_jobs_1_and_2_give_identical_results(raw):
    options = {"anchors": ANCHORS, "incl_cuts": [0.7, 0.9], "drop_cases": True, "incl_cut": 0.8,
               "include": "?"}
    one = qca.robustness(raw, "SURV", CONDITIONS, jobs=1, **options)
    two = qca.robustness(raw, "SURV", CONDITIONS, jobs=2, **options)
    pd.testing.assert_frame_equal(one.runs, two.runs)
    pd.testing.assert_frame_equal(one.cases, two.cases)
    pd.testing.assert_series_equal(one.term_survival, two.term_survival)
    pd.testing.assert_series_equal(one.robust_core, two.robust_core)
    pd.testing.assert_series_equal(one.fit, two.fit)
    assert one.core_terms == two.core_terms
    assert json.dumps(one.to_dict()) == json.dumps(two.to_dict())


def test_to_dict_is_json_ready(raw):
    rob = qca.robustness(raw, "SURV", CONDITIONS, anchors=ANCHORS, incl_cut=0.8, include="?")
    data = json.loads(json.dumps(rob.to_dict(), allow_nan=False))
    assert set(data["robust_core"]) == set(raw.index)
    assert data["robust_core"]["BE"] == pytest.approx(rob.robust_core["BE"])
    assert set(data["fit"]) == {"RF_cons", "RF_cov", "RF_SC_minTS", "RF_SC_maxTS"}
    assert data["n_runs"] == len(rob.runs) == 72
    assert data["initial_solution"] == " + ".join(rob.initial_terms)
    assert data["cases"]["AU"]["status"] == rob.cases.loc["AU", "status"]
    assert data["solution_type"] == "parsimonious"
    assert repr(rob).startswith(f"Robustness(SURV, parsimonious solution: IS = {data['initial_solution']}; 72/72 valid runs")


def test_illegal_shifts_are_reported_and_left_out(raw):
    # a +60% move of DEV's e passes c (350 + 0.6 * 550 = 680 > 550): an illegal order
    rob = qca.robustness(raw, "SURV", CONDITIONS, anchors=ANCHORS, shifts=[0.6], incl_cut=0.8,
                         include="?")
    invalid = rob.runs[rob.runs["status"].str.startswith("invalid calibration")]
    assert ("DEV", "e") in set(zip(invalid["set"], invalid["anchor"], strict=True))
    assert invalid["solution"].isna().all() and invalid["SC"].isna().all()
    assert rob.valid_runs == len(rob.runs) - len(invalid)
    valid = rob.runs[~rob.runs.index.isin(invalid.index)]
    for term, share in rob.term_survival.items():
        expected = sum(term in str(m).replace(" | ", " + ").split(" + ") for m in valid["models"])
        assert share == pytest.approx(expected / len(valid))


def test_crisp_thresholds_move_by_the_range_of_the_raw_column(raw):
    anchors = {**ANCHORS, "DEV": {"source": "DEV", "thresholds": [550], "kind": "crisp"}}
    rob = qca.robustness(raw, "SURV", CONDITIONS, anchors=anchors, shifts=[0.1], incl_cut=0.8,
                         include="?")
    row = rob.runs[(rob.runs["set"] == "DEV")].iloc[0]
    span = raw["DEV"].max() - raw["DEV"].min()
    assert row["anchor"] == "t1"
    assert row["thresholds"] == f"t1={550 + 0.1 * span:.6g}"


def test_workbook_settings_are_used(raw, tmp_path):
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "cases"
    sheet.append(["case", *raw.columns])
    for case, row in raw.iterrows():
        sheet.append([case, *row.tolist()])
    book = workbook.create_sheet("calibration")
    book.append(["set", "source", "kind", "method", "thresholds"])
    for name, (source, thresholds) in ANCHORS.items():
        book.append([name, source, "fuzzy", "direct", thresholds])
    analysis = workbook.create_sheet("analysis")
    analysis.append(["key", "value"])
    analysis.append(["outcome", "SURV"])
    analysis.append(["conditions", ", ".join(CONDITIONS)])
    analysis.append(["incl_cut", 0.8])
    analysis.append(["include", "?"])
    path = tmp_path / "lipset.xlsx"
    workbook.save(path)
    book = qca.read_workbook(path)
    from_book = qca.robustness(book)
    from_data = qca.robustness(raw, "SURV", CONDITIONS, anchors=ANCHORS, incl_cut=0.8, include="?")
    pd.testing.assert_frame_equal(from_book.runs, from_data.runs)
    pd.testing.assert_series_equal(from_book.fit, from_data.fit)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"jobs": 0}, qca.InvalidParameterError, "'jobs' parameter of robustness"),
        ({"shifts": []}, qca.InvalidParameterError, "'shifts' parameter of robustness"),
        ({"anchors": {"DEV": 5}}, qca.InvalidParameterError, "'anchors' parameter of robustness"),
        ({"anchors": {"DEV": ("GDP", "e=1, c=2, i=3")}}, qca.DataError, "reads column 'GDP'"),
        ({"anchors": None}, qca.InvalidParameterError, "nothing to vary"),
        ({"drop_cases": ["XX"]}, qca.InvalidParameterError, "names case 'XX'"),
        ({"incl_cuts": [0.8, 1.5]}, qca.InvalidParameterError, "'incl_cuts' parameter of robustness"),
        ({"incl_cuts": [(0.9, "x")]}, qca.InvalidParameterError, "'incl_cuts' parameter"),
        ({"n_cuts": [0]}, qca.InvalidParameterError, "'n_cuts' parameter of robustness"),
        ({"incl_cuts": "0.9"}, qca.InvalidParameterError, "'incl_cuts' parameter of robustness"),
        ({"n_cuts": "3"}, qca.InvalidParameterError, "'n_cuts' parameter of robustness"),
        ({"drop_cases": "AU"}, qca.InvalidParameterError, "'drop_cases' parameter of robustness"),
        ({"drop_cases": 1}, qca.InvalidParameterError, "'drop_cases' parameter of robustness"),
        ({"progress": "x"}, qca.InvalidParameterError, "'progress' parameter of robustness"),
        ({"shifts": [1.0]}, qca.InvalidParameterError, "'shifts' parameter of robustness"),
        ({"shifts": [0]}, qca.InvalidParameterError, "'shifts' parameter of robustness"),
        ({"shifts": ["0.1"]}, qca.InvalidParameterError, "'shifts' parameter of robustness"),
        ({"bogus": 1}, qca.InvalidParameterError, r"\['bogus'\] are not parameters of robustness"),
    ],
)
def test_bad_parameters(raw, kwargs, error, match):
    options = {"anchors": ANCHORS, "incl_cut": 0.8, **kwargs}
    with pytest.raises(error, match=match):
        qca.robustness(raw, "SURV", CONDITIONS, **options)


def test_single_alternatives_need_no_list(raw):
    options = {"anchors": ANCHORS, "shifts": 0.1, "incl_cut": 0.8, "include": "?"}
    one = qca.robustness(raw, "SURV", CONDITIONS, incl_cuts=0.9, n_cuts=2, **options)
    listed = qca.robustness(raw, "SURV", "DEV, URB, LIT, IND, STB", incl_cuts=[0.9], n_cuts=[2],
                            **{**options, "shifts": [0.1]})
    pd.testing.assert_frame_equal(one.runs, listed.runs)
    assert list(one.runs["kind"]).count("incl_cut") == list(one.runs["kind"]).count("n_cut") == 1


def test_unknown_condition_is_named_as_robustness_s(raw):
    with pytest.raises(qca.InvalidParameterError, match="'conditions' parameter of robustness"):
        qca.robustness(raw, "SURV", ["DEV", "GDP"], anchors=ANCHORS, incl_cut=0.8)


def test_no_outcome_is_an_error(raw):
    with pytest.raises(qca.InvalidParameterError, match="'outcome' parameter of robustness"):
        qca.robustness(raw, anchors=ANCHORS)


def test_case_status_names():
    from qca.robustness import case_status as status

    assert list(status([0.9, 0.9, 0.1, 0.1, 0.5, 0.9], [0.9, 0.1, 0.9, 0.1, 0.9, 0.5])) == [
        "typical", "deviant consistency", "deviant coverage", "irrelevant", "ambiguous", "ambiguous",
    ]


@pytest.mark.parametrize("jobs", [1, 2])
def test_progress_goes_to_stderr_only(raw, capsys, jobs):
    options = {"anchors": ANCHORS, "shifts": [0.1], "incl_cut": 0.8, "include": "?", "jobs": jobs}
    qca.robustness(raw, "SURV", CONDITIONS, progress=True, **options)
    captured = capsys.readouterr()
    assert captured.out == ""
    assert re.search(r"\rrobustness: \[#+\] 18/18 runs \(\d+ s\)\n$", captured.err)
    qca.robustness(raw, "SURV", CONDITIONS, progress=False, **options)
    assert capsys.readouterr().err == ""


@pytest.mark.filterwarnings("ignore:.*exactly 0.5:qca.QCAWarning")
def test_workbook_sets_without_anchors_are_kept_but_not_moved(raw, tmp_path):
    from qca.workbook import write_workbook

    rows = [{"set": k, "source": s, "thresholds": t} for k, (s, t) in ANCHORS.items()]
    rows[3] = {"set": "IND", "source": "IND", "method": "tfr"}  # TFR has no anchors
    path = write_workbook(
        tmp_path / "tfr.xlsx", raw, calibration=rows,
        analysis={"outcome": "SURV", "conditions": CONDITIONS, "incl_cut": 0.8, "include": "?"},
    )
    book = qca.read_workbook(path)
    rob = qca.robustness(book, shifts=[0.05])
    assert "IND" not in set(rob.runs["set"])
    assert len(rob.runs) == 5 * 3
    tt = qca.truth_table(book.calibrated(), "SURV", CONDITIONS, incl_cut=0.8)
    expected = qca.minimize(tt, include="?").models[0].terms
    assert rob.initial_terms == tuple(expected)


def test_robustness_on_a_dask_cluster_is_identical_to_serial(raw):
    distributed = pytest.importorskip("distributed")
    options = {"anchors": ANCHORS, "incl_cuts": [0.7, 0.9], "shifts": [-0.1, 0.1],
               "incl_cut": 0.8, "include": "?"}
    serial = qca.robustness(raw, "SURV", CONDITIONS, jobs=1, **options)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        with distributed.Client(cluster, set_as_default=False) as client:
            on_dask = qca.robustness(raw, "SURV", CONDITIONS, scheduler=client, **options)
    assert json.dumps(on_dask.to_dict()) == json.dumps(serial.to_dict())


def test_robustness_output_file_records_runs_and_resumes(raw, tmp_path):
    options = {"anchors": ANCHORS, "shifts": [-0.1, 0.1], "incl_cut": 0.8, "include": "?"}
    out = tmp_path / "runs.jsonl"
    serial = qca.robustness(raw, "SURV", CONDITIONS, jobs=1, **options)
    recorded = qca.robustness(raw, "SURV", CONDITIONS, jobs=1, output=out, **options)
    assert json.dumps(recorded.to_dict()) == json.dumps(serial.to_dict())
    lines = out.read_text().splitlines()
    assert len(lines) == 1 + len(serial.runs)
    # a run stopped after 10 runs: keep the header and 10 records, and resume
    partial = tmp_path / "runs.jsonl.partial"
    partial.write_text("\n".join(lines[:11]) + "\n")
    out.unlink()
    resumed = qca.robustness(raw, "SURV", CONDITIONS, jobs=2, output=out, **options)
    assert json.dumps(resumed.to_dict()) == json.dumps(serial.to_dict())
    assert out.read_text().splitlines() == lines
    with pytest.raises(qca.QCAError, match="incl_cut: 0.8 in the file, 0.75 now"):
        qca.robustness(raw, "SURV", CONDITIONS, output=out, **{**options, "incl_cut": 0.75})


def test_jobs_and_scheduler_together_are_refused(raw):
    with pytest.raises(qca.InvalidParameterError, match="give 'jobs' .* or 'scheduler'"):
        qca.robustness(raw, "SURV", CONDITIONS, anchors=ANCHORS, jobs=2, scheduler="tcp://h:1")
