"""qca.minimize against R QCA 3.25.1's recorded results, and each option on its own.

Every ``minimize`` case of the reference battery (tests/data/min_reference.json, copied
from ../shared/reference/reference.json; the R call is in each case's ``call``) is run
through the public API and compared: prime implicants, models and their order, fit of
every term and model (to 1e-6), cases per term, simplifying assumptions, and for
intermediate solutions the C_iP_j keys, models, easy and difficult counterfactuals.
"""

from __future__ import annotations

import json
import math
import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import qca
from qca.exceptions import InvalidParameterError, NoSolutionError, QCAError, QCAWarning
from tests.conftest import read_reference_csv

DATA = Path(__file__).resolve().parent / "data"
REFERENCE = json.loads((DATA / "min_reference.json").read_text(encoding="utf-8"))["cases"]
FILES = {"LF": "LF", "LC": "LC", "LM": "LM", "RS": "RS", "d.AS": "dAS", "Quine": "Quine",
         "Emme": "Emme"}
TOL = 1e-6


# ---------------------------------------------------------------------- helpers
def dataset(name: str) -> pd.DataFrame:
    """A reference data set; case ids are text ("NA" is a country, not a missing value)."""
    return read_reference_csv(DATA / f"min_{FILES[name]}.csv")


def parse_r(text: str):
    """The small subset of R used by the reference calls -> nested ('call', f, args, kw)."""
    tokens = re.findall(r'"(?:[^"\\]|\\.)*"|[A-Za-z_.][A-Za-z0-9_.]*|-?\d+(?:\.\d+)?|[(),=]', text)
    pos = 0

    def expr():
        nonlocal pos
        tok = tokens[pos]
        pos += 1
        if tok.startswith('"'):
            return json.loads(tok)
        if tok in ("TRUE", "FALSE"):
            return tok == "TRUE"
        if re.fullmatch(r"-?\d+(?:\.\d+)?", tok):
            return float(tok) if "." in tok else int(tok)
        if pos < len(tokens) and tokens[pos] == "(":
            pos += 1
            args, kwargs = [], {}
            while tokens[pos] != ")":
                if tokens[pos + 1] == "=":
                    key = tokens[pos]
                    pos += 2
                    kwargs[key] = expr()
                else:
                    args.append(expr())
                if tokens[pos] == ",":
                    pos += 1
            pos += 1
            return args if tok == "c" else ("call", tok, args, kwargs)
        return tok

    return expr()


def build_tt(call) -> qca.TruthTable:
    """R's truthTable(...) call -> qca.truth_table(...)."""
    _, name, args, kw = call
    assert name == "truthTable"
    data = dataset(args[0])
    outcome = args[1] if len(args) > 1 else kw["outcome"]
    options = {"incl_cut": 1.0}
    if "incl.cut" in kw:
        ic = kw["incl.cut"]
        options["incl_cut"] = tuple(ic) if isinstance(ic, list) else ic
    if "exclude" in kw:
        ex = kw["exclude"]
        options["exclude"] = ex if isinstance(ex, list) else [ex]
    conditions = kw.get("conditions")
    if isinstance(conditions, str):
        conditions = [c.strip() for c in conditions.split(",")]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", QCAWarning)  # d.AS has 0.5 memberships
        return qca.truth_table(data, outcome, conditions, **options)


def minimize_options(kw: dict) -> dict:
    options = {}
    for r_name, py in (("include", "include"), ("row.dom", "row_dom"), ("all.sol", "all_sol"),
                       ("pi.cons", "pi_cons"), ("sol.cons", "sol_cons"), ("method", "method")):
        if r_name in kw:
            options[py] = kw[r_name]
    if "dir.exp" in kw:
        value = kw["dir.exp"]
        options["dir_exp"] = value if isinstance(value, str) else ", ".join(value)
    return options


def literal_set(term: str) -> frozenset:
    return frozenset(t for t in term.replace(" ", "").split("*") if t)


def canonical(term: str) -> str:
    """A term with its literals sorted, to compare terms whatever their literal order."""
    return "*".join(sorted(literal_set(term)))


def model_key(terms) -> frozenset:
    return frozenset(literal_set(t) for t in terms)


def assert_close(got, want, what: str) -> None:
    if want is None or (isinstance(want, float) and math.isnan(want)):
        assert got is None or math.isnan(got), f"{what}: got {got}, R has NA"
        return
    assert abs(float(got) - float(want)) <= TOL, f"{what}: got {got}, R has {want}"


def fit_row(frame: pd.DataFrame, term: str) -> pd.Series:
    for idx in frame.index:
        if literal_set(str(idx)) == literal_set(term):
            return frame.loc[idx]
    raise AssertionError(f"term {term} missing from {list(frame.index)}")


def split_cases(text) -> list[str]:
    return sorted(c for c in re.split(r"[,;]\s*", text) if c) if isinstance(text, str) else sorted(text)


def check_models(models, ref_solutions: dict, what: str) -> None:
    got = [model_key(m.terms) for m in models]
    want = [model_key(terms) for terms in ref_solutions.values()]
    assert got == want, f"{what}: models (in order) differ: {[str(m) for m in models]} vs {ref_solutions}"


def check_fit(models, ref_models: list, what: str) -> None:
    by_key = {model_key(m.terms): m for m in models}
    for ref in ref_models:
        model = by_key[model_key(ref["terms"])]
        for col in ("inclS", "PRI", "covS"):
            assert_close(getattr(model, col), ref["solution"][col], f"{what} {model} {col}")
        for term, values in ref["terms"].items():
            row = fit_row(model.fit, term)
            for col in ("inclS", "PRI", "covS", "covU"):
                if col in values:
                    assert_close(row[col], values[col], f"{what} {model}: {term} {col}")
            if "case_list" in values:
                assert split_cases(row["cases"]) == sorted(values["case_list"])


MINIMIZE_CASES = [c for c in REFERENCE if c["function"] == "minimize"]


@pytest.mark.parametrize("case", MINIMIZE_CASES, ids=[c["id"] for c in MINIMIZE_CASES])
def test_reference_minimize(case):
    # R: the case's call, e.g. minimize(truthTable(LF, outcome = "SURV", incl.cut = 0.8), include = "?")
    check_reference_case(case)


def check_reference_case(case: dict, **extra) -> None:
    """Run a reference case's R call through qca.minimize (plus ``extra`` options), compare."""
    _, _, args, kw = parse_r(case["call"])
    tt = build_tt(args[0] if args else kw["input"])
    sol = qca.minimize(tt, **{**minimize_options(kw), **extra})
    res = case["result"]
    if res.get("intermediate"):
        assert sorted(sol.intermediate) == sorted(res["intermediate"])
        for key, ref in res["intermediate"].items():
            part = sol.intermediate[key]
            check_models(part.models, ref["solutions"], key)
            assert sorted(part.easy_counterfactuals.index) == sorted(ref["EC"]["rows"] if ref["EC"] else [])
            assert sorted(part.difficult_counterfactuals.index) == sorted(ref["DC"] or [])
            check_fit(part.models, ref["fit"]["models"], key)
            assert sorted(map(canonical, part.prime_implicants)) == sorted(map(canonical, ref["prime_implicants"]))
            assert sorted(map(canonical, part.essential)) == sorted(map(canonical, ref["essential"]))
            assert set(map(canonical, part.conservative.terms)) == set(map(canonical, ref["c.sol"]))
            assert set(map(canonical, part.parsimonious.terms)) == set(map(canonical, ref["p.sol"]))
        # the parsimonious solution is still described
        check_models(sol.parsimonious_models, res["solutions"], "parsimonious")
        return
    assert sorted(map(canonical, sol.prime_implicants)) == sorted(map(canonical, res["prime_implicants"]))
    assert sorted(map(canonical, sol.essential)) == sorted(map(canonical, res["essential"]))
    check_models(sol.models, res["solutions"], "models")
    check_fit(sol.models, res["fit"]["models"], "fit")
    # the PI chart: every PI that covers an explained row (after row dominance)
    chart = sol.pi_chart
    assert sorted(map(canonical, chart.index)) == sorted(map(canonical, res["PIchart"]["PIs"]))
    if case["id"] != "min_RS_temporal_conservative":  # R names a "-" row's column oddly (24)
        for term, rows in res["PIchart"]["covers"].items():
            got = chart.loc[[t for t in chart.index if canonical(t) == canonical(term)][0]]
            assert sorted(int(r) for r in got.index[got.to_numpy()]) == sorted(int(r) for r in rows)
    # Solution.fit is R's IC$overall (covU relative to every PI used)
    for term, values in res["fit"]["terms"].items():
        row = fit_row(sol.fit, term)
        for col in ("inclS", "PRI", "covS", "covU"):
            # R leaves covU out (NA) for a single-term solution
            assert_close(row[col], values.get(col), f"overall {term} {col}")
        assert split_cases(row["cases"]) == sorted(values["case_list"])
    for name, terms in res["solutions"].items():
        model = next(m for m in sol.models if model_key(m.terms) == model_key(terms))
        want = (res["SA"].get(name) or {}).get("rows") or []
        assert sorted(int(r) for r in model.simplifying_assumptions.index) == sorted(want)


# ---------------------------------------------------------------------- fixtures
@pytest.fixture(scope="module")
def lf_tt():
    # R: truthTable(LF, outcome = "SURV", incl.cut = 0.8)
    return qca.truth_table(dataset("LF"), "SURV", incl_cut=0.8)


@pytest.fixture(scope="module")
def lc_tt():
    # R: truthTable(LC, outcome = "SURV")
    return qca.truth_table(dataset("LC"), "SURV")


# ---------------------------------------------------------------------- options
def test_methods_identical(lf_tt):
    base = qca.minimize(lf_tt, include="?")
    for method in ("ccubes", "QMC", "eQMC", "CCubes"):
        other = qca.minimize(lf_tt, include="?", method=method)
        assert [m.terms for m in other.models] == [m.terms for m in base.models]
        pd.testing.assert_frame_equal(other.fit, base.fit)


def test_terms_printed_in_r_order(lf_tt):
    # R: M1: DEV*~IND + URB*STB -> SURV
    sol = qca.minimize(lf_tt, include="?")
    assert str(sol.models[0]) == "DEV*~IND + URB*STB"
    assert sol.prime_implicants == ("DEV*~IND", "URB*STB")
    assert list(sol.models[0].fit.columns) == ["inclS", "PRI", "covS", "covU", "cases"]
    assert sol.models[0].fit.loc["URB*STB", "cases"] == "BE,CZ,NL,UK"
    assert sol.kind == "parsimonious" and sol.complete and sol.lower_bound == 2


def test_multivalue_terms_bracketed():
    # R: minimize(truthTable(LM, outcome = "SURV", conditions = "DEV, URB, LIT, IND"), include = "?")
    tt = qca.truth_table(dataset("LM"), "SURV", ["DEV", "URB", "LIT", "IND"])
    sol = qca.minimize(tt, include="?")
    assert sol.models[0].terms == ("DEV[2]", "DEV[1]*IND[0]")


def test_single_term_model_has_no_covU(lc_tt):
    sol = qca.minimize(lc_tt, include="?")
    assert sol.models[0].terms == ("DEV*STB",)
    assert math.isnan(sol.models[0].fit.loc["DEV*STB", "covU"])
    assert sol.models[0].relation == "<->"


def test_cases_grouped_by_row_in_row_order():
    # R: minimize(truthTable(RS, outcome = "REC")): P*E*S cases "6; 3; 1,2"
    tt = qca.truth_table(dataset("RS"), "REC")
    sol = qca.minimize(tt)
    assert sol.models[0].fit.loc["P*E*S", "cases"] == "6; 3; 1,2"


def test_row_dom_drops_dominated_pis():
    # R: minimize(truthTable(d.AS, outcome = "O", incl.cut = 0.8), include = "?", row.dom = TRUE)
    tt = build_tt(parse_r('truthTable(d.AS, outcome = "O", incl.cut = 0.8)'))
    plain = qca.minimize(tt, include="?", all_sol=True)
    dom = qca.minimize(tt, include="?", row_dom=True)
    assert len(plain.models) == 4
    assert [m.terms for m in dom.models] == [("L",)]
    assert list(dom.pi_chart.index) == ["L"]


def test_all_sol_lists_irredundant_covers(lc_tt):
    # R: minimize(truthTable(LC, outcome = "SURV"), include = "?", all.sol = TRUE)
    sol = qca.minimize(lc_tt, include="?", all_sol=True)
    assert [m.terms for m in sol.models] == [("DEV*STB",), ("DEV*~IND", "IND*STB")]
    assert sol.essential == ()
    # covU within each model, not across models
    assert sol.models[1].fit.loc["DEV*~IND", "covU"] == pytest.approx(0.25)
    assert sol.fit.loc["DEV*~IND", "covU"] == 0
    assert not sol.to_frame()["essential"].any()
    assert "All prime implicants used" in sol.summary()


def test_exclude_rows_are_not_remainders(lf_tt):
    # R: minimize(truthTable(LF, "SURV", incl.cut = 0.8, exclude = c(18, 21, 26, 30)), include = "?")
    sol = qca.minimize(lf_tt, include="?", exclude=[18, 21, 26, 30])
    assert [m.terms for m in sol.models] == [("URB*IND*STB", "DEV*~URB*LIT*~IND*STB")]
    assert sol.excluded == (18, 21, 26, 30)
    for model in sol.models:
        assert not set(model.simplifying_assumptions.index) & {18, 21, 26, 30}


def test_exclude_at_truth_table_time_survives_recomputation():
    data = dataset("LF")
    tt = qca.truth_table(data, "SURV", incl_cut=1.0, exclude=[18, 21, 26, 30])
    sol = qca.minimize(tt.rebuild(incl_cut=0.8), include="?", pi_cons=0.8)
    same = qca.minimize(qca.truth_table(data, "SURV", incl_cut=0.8, exclude=[18, 21, 26, 30]),
                        include="?", pi_cons=0.8)
    assert [m.terms for m in sol.models] == [m.terms for m in same.models]
    # and a plain parsimonious solution never uses them
    sol = qca.minimize(qca.truth_table(data, "SURV", incl_cut=0.8, exclude=[18, 21, 26, 30]),
                       include="?")
    assert [m.terms for m in sol.models] == [("URB*IND*STB", "DEV*~URB*LIT*~IND*STB")]


def test_exclude_out_of_range(lf_tt):
    with pytest.raises(InvalidParameterError, match="between 1 and 32"):
        qca.minimize(lf_tt, include="?", exclude=[33])
    with pytest.raises(InvalidParameterError, match="between 1 and 32"):
        qca.minimize(lf_tt, include="?", exclude=33)


def test_exclude_takes_a_single_row_number(lf_tt):
    # as truth_table's exclude: one number is a list of one row
    one = qca.minimize(lf_tt, include="?", exclude=18)
    listed = qca.minimize(lf_tt, include="?", exclude=[18])
    assert one.excluded == listed.excluded == (18,)
    assert [m.terms for m in one.models] == [m.terms for m in listed.models]


def test_include_c_and_remainders_in_either_order():
    tt = qca.truth_table(dataset("LF"), "SURV", incl_cut=(0.8, 0.7))
    expected = qca.minimize(tt, include="?, C").models[0].terms
    for include in ("C, ?", "C,?", " ? ,C ", ["C", "?"]):
        assert qca.minimize(tt, include=include).models[0].terms == expected


def test_esa_excludes_csa_and_ssr(lf_tt):
    csa = qca.find_rows(lf_tt, type=2)
    ssr = qca.find_rows(lf_tt, type=3)
    esa = qca.minimize(lf_tt, include="?", esa=True)
    manual = qca.minimize(lf_tt, include="?", exclude=csa + ssr)
    assert esa.excluded == tuple(sorted(set(csa + ssr)))
    assert [m.terms for m in esa.models] == [m.terms for m in manual.models]
    for model in esa.models:
        assert not set(model.simplifying_assumptions.index) & set(csa)


def test_contradictions_negative_unless_included():
    # R: truthTable(LF, "SURV", incl.cut = c(0.8, 0.7)): row 24 is "C"
    tt = qca.truth_table(dataset("LF"), "SURV", incl_cut=(0.8, 0.7))
    assert qca.minimize(tt, include="?").models[0].terms == ("DEV*~IND", "URB*STB")
    with_c = qca.minimize(tt, include="?, C")
    assert with_c.models[0].terms == ("DEV*STB",)
    # a C row is never explained: not a chart column, its cases not in the term's cases
    assert 24 not in with_c.pi_chart.columns
    assert "FR" not in with_c.models[0].fit.loc["DEV*STB", "cases"]
    assert 24 in with_c.models[0].simplifying_assumptions.index


def test_pi_cons_and_sol_cons(lf_tt):
    # R: minimize(truthTable(LF, "SURV", incl.cut = 0.8), include = "?", pi.cons = 0.85)
    sol = qca.minimize(lf_tt, include="?", pi_cons=0.85)
    assert [m.terms for m in sol.models] == [("DEV*STB",)]
    for term in sol.pi_chart.index:
        assert qca.fit(term, "SURV", dataset("LF")).loc[term, "inclS"] + 1e-9 >= 0.85
    strict = qca.minimize(lf_tt, include="?", sol_cons=0.85)
    assert all(m.inclS >= 0.85 for m in strict.models)
    with pytest.raises(NoSolutionError, match="sol_cons"):
        qca.minimize(lf_tt, include="?", sol_cons=0.99)


def test_pi_cons_lowers_incl_cut_of_one_for_data_only():
    # R lowers incl_cut only when minimize() gets raw data; a truth table keeps its cut
    data = dataset("LF")
    sol = qca.minimize(data, outcome="SURV", include="?", pi_cons=0.85)
    assert sol.options["incl_cut"] == (0.85, 0.85)
    explicit = qca.minimize(qca.truth_table(data, "SURV", incl_cut=0.85), include="?",
                            pi_cons=0.85)
    assert [m.terms for m in sol.models] == [m.terms for m in explicit.models]
    # only row 32 reaches 0.85; two one-term models explain it
    assert list(sol.pi_chart.columns) == [32]
    assert [m.terms for m in sol.models] == [("DEV*STB",), ("URB*STB",)]
    # R: minimize(truthTable(LF, "SURV"), pi.cons = 0.8): "None of the values in OUT is explained"
    with pytest.raises(NoSolutionError, match="Nothing to explain"):
        qca.minimize(qca.truth_table(data, "SURV"), include="?", pi_cons=0.85)
    # sol_cons alone lowers too; an incl_cut below 1 is kept
    assert qca.minimize(data, outcome="SURV", include="?", sol_cons=0.8).options["incl_cut"] == (0.8, 0.8)
    kept = qca.minimize(data, outcome="SURV", incl_cut=0.7, include="?", pi_cons=0.85)
    assert kept.options["incl_cut"] == (0.7, 0.7)


def test_data_with_truth_table_keywords():
    sol = qca.minimize(dataset("LF"), outcome="SURV", incl_cut=0.8, include="?")
    assert str(sol.models[0]) == "DEV*~IND + URB*STB"
    with pytest.raises(InvalidParameterError, match="outcome"):
        qca.minimize(dataset("LF"), include="?")


def test_nothing_to_explain():
    tt = qca.truth_table(dataset("LF"), "SURV", incl_cut=0.95)
    with pytest.raises(NoSolutionError, match="Nothing to explain"):
        qca.minimize(tt, include="?")
    assert issubclass(NoSolutionError, QCAError)


@pytest.mark.parametrize(
    ("options", "match"),
    [
        ({"include": "yes"}, "'include' parameter of minimize"),
        ({"include": 1}, "'include' parameter of minimize"),
        ({"include": None}, "'include' parameter of minimize"),
        ({"include": "?,"}, "'include' parameter of minimize"),
        ({"dir_exp": "DEV,,"}, "'dir_exp' parameter of minimize"),
        ({"dir_exp": ["DEV", " "]}, "'dir_exp' parameter of minimize"),
        ({"exclude": "12"}, "'exclude' parameter of minimize"),
        ({"method": "espresso"}, "'method' parameter of minimize"),
        ({"row_dom": "no"}, "'row_dom' parameter of minimize"),
        ({"all_sol": 1}, "'all_sol' parameter of minimize"),
        ({"esa": None}, "'esa' parameter of minimize"),
        ({"pi_cons": 1.5}, "'pi_cons' parameter of minimize"),
        ({"sol_cons": -0.1}, "'sol_cons' parameter of minimize"),
        ({"exclude": ["x"]}, "'exclude' parameter of minimize"),
        ({"dir_exp": 3}, "'dir_exp' parameter of minimize"),
    ],
)
def test_bad_parameters(lf_tt, options, match):
    with pytest.raises(InvalidParameterError, match=match):
        qca.minimize(lf_tt, **{"include": "?", **options})


def test_tt_must_be_a_truth_table(lf_tt):
    with pytest.raises(InvalidParameterError, match="TruthTable"):
        qca.minimize([1, 2, 3])
    with pytest.raises(InvalidParameterError, match="rebuild"):
        qca.minimize(lf_tt, incl_cut=0.9)
    with pytest.raises(InvalidParameterError, match=r"\['bogus'\] are not parameters of minimize"):
        qca.minimize(lf_tt, bogus=1)


def test_deterministic(lf_tt):
    first = qca.minimize(lf_tt, include="?", dir_exp="DEV, STB, ~LIT*IND")
    second = qca.minimize(lf_tt, include="?", dir_exp="DEV, STB, ~LIT*IND")
    assert first.summary() == second.summary()
    pd.testing.assert_frame_equal(first.to_frame(), second.to_frame())


# ---------------------------------------------------------------------- presentation
def test_summary_to_frame_and_repr(lf_tt):
    sol = qca.minimize(lf_tt, include="?")
    text = sol.summary()
    assert "M1: DEV*~IND + URB*STB -> SURV" in text
    assert "0.815" in text and "FI,IE" in text and "BE,CZ,NL,UK" in text
    frame = sol.to_frame()
    assert list(frame.index) == [("M1", "DEV*~IND"), ("M1", "URB*STB")]
    assert list(frame.columns) == ["inclS", "PRI", "covS", "covU", "cases", "essential"]
    assert frame["essential"].all()
    assert "DEV*~IND + URB*STB" in repr(sol)
    assert "DEV*~IND + URB*STB -> SURV" in repr(sol.models[0])


def test_simplifying_assumptions_frame(lf_tt):
    sa = qca.minimize(lf_tt, include="?").models[0].simplifying_assumptions
    assert sa.index.name == "row"
    assert list(sa.columns) == ["DEV", "URB", "LIT", "IND", "STB"]
    assert sa.loc[30].tolist() == [1, 1, 1, 0, 1]


def test_pi_chart(lf_tt):
    chart = qca.minimize(lf_tt, include="?").pi_chart
    assert list(chart.columns) == [22, 32]
    assert chart.loc["DEV*~IND"].tolist() == [True, False]


def test_conservative_solution_has_no_assumptions(lf_tt):
    sol = qca.minimize(lf_tt)
    assert sol.kind == "conservative"
    assert sol.conservative_models == sol.models and sol.parsimonious_models == []
    assert sol.models[0].simplifying_assumptions.empty


def _brute_force_consistent_primes(explained, lits, y, cut):
    """Every term of an explained row meeting the cut, none of whose sub-terms meets it."""
    from itertools import product

    k, n = len(lits), len(y)

    def meets(term):
        m = np.ones(n)
        for j, v in enumerate(term):
            if v >= 0:
                m = np.minimum(m, lits[j][v])
        total = m.sum()
        return total > 0 and np.minimum(m, y).sum() / total + 1.49e-8 > cut

    def covers_explained(term):
        return any(all(v < 0 or v == r[j] for j, v in enumerate(term)) for r in explained)

    def sub_terms(term):
        found, stack = set(), [term]
        while stack:
            t = stack.pop()
            for j in range(k):
                if t[j] >= 0:
                    s = tuple(-1 if i == j else v for i, v in enumerate(t))
                    if s not in found and any(v >= 0 for v in s):
                        found.add(s)
                        stack.append(s)
        return found

    want = set()
    for term in product([-1, 0, 1], repeat=k):
        if any(v >= 0 for v in term) and covers_explained(term) and meets(term):
            if not any(meets(s) for s in sub_terms(term)):
                want.add(term)
    return want


def test_pi_cons_matches_brute_force():
    """The pi_cons search against a brute force over all 3^k terms (random fuzzy data)."""
    from qca.minimize._pi_cons import consistent_primes

    rng = np.random.default_rng(7)
    for _ in range(20):
        k, n = 4, 12
        x = rng.random((n, k)).round(2)
        y = rng.random(n).round(2)
        lits = [[1 - x[:, j], x[:, j]] for j in range(k)]
        explained = rng.integers(0, 2, size=(3, k))
        got = {tuple(int(v) for v in t) for t in consistent_primes(explained, lits, y, 0.75)}
        assert got == _brute_force_consistent_primes(explained, lits, y, 0.75)


def test_every_configuration_positive_gives_the_empty_term():
    data = pd.DataFrame({"A": [1, 0, 1], "B": [1, 1, 0], "Y": [1, 1, 1]}, index=list("abc"))
    tt = qca.truth_table(data, "Y")
    sol = qca.minimize(tt, include="?")
    assert [m.terms for m in sol.models] == [("1",)]
    assert list(sol.models[0].simplifying_assumptions.index) == [1]
    assert [m.terms for m in qca.minimize(tt).models] == [("A", "B")]


def test_include_c_without_remainders():
    # R: minimize(truthTable(LF, "SURV", incl.cut = c(0.8, 0.7)), include = "C"):
    # the C row 24 may be used, remainders may not
    tt = qca.truth_table(dataset("LF"), "SURV", incl_cut=(0.8, 0.7))
    sol = qca.minimize(tt, include="C")
    assert sol.kind == "conservative"
    assert set(sol.models[0].terms) == {"DEV*~URB*LIT*STB", "DEV*LIT*IND*STB"}
    assert set(qca.minimize(tt).models[0].terms) == {"DEV*~URB*LIT*~IND*STB", "DEV*URB*LIT*IND*STB"}


def test_pi_cons_row_without_consistent_term():
    data = pd.DataFrame({"A": [1, 0, 1, 0], "B": [1, 1, 0, 0], "Y": [1, 0, 0.6, 0]}, index=list("abcd"))
    tt = qca.truth_table(data, "Y", incl_cut=0.5)
    with pytest.raises(NoSolutionError, match=r"rows \[3\]"):
        qca.minimize(tt, include="?", pi_cons=0.9)


def test_space_numbering_against_brute_force():
    """Row numbers, configurations and covered rows of a mixed-radix space, by enumeration."""
    from itertools import product

    from qca.minimize._problem import Space

    rng = np.random.default_rng(11)
    for _ in range(20):
        levels = tuple(int(v) for v in rng.integers(2, 4, size=4))
        space = Space(("A", "B", "C", "D"), levels)
        every = list(product(*[range(n) for n in levels]))  # R's order: first condition slowest
        numbers = space.row_numbers(np.array(every))
        assert numbers.tolist() == list(range(1, len(every) + 1))
        assert space.configurations(numbers).tolist() == [list(c) for c in every]
        terms = np.array([[int(rng.integers(-1, n)) for n in levels] for _ in range(3)])
        want = [i + 1 for i, c in enumerate(every)
                if any(all(t[j] < 0 or t[j] == c[j] for j in range(4)) for t in terms)]
        assert space.covered_rows(terms).tolist() == want


def test_temporal_exclude_uses_space_without_dash():
    # RS: EBA holds "-"; SA and exclude are numbered in the 32-row space
    tt = qca.truth_table(dataset("RS"), "REC")
    first = qca.minimize(tt, include="?")
    assumptions = sorted({int(r) for m in first.models for r in m.simplifying_assumptions.index})
    assert max(assumptions) <= 32
    # 26 and 28 are the configurations of the explained row P*E*~A*-*S (42): R lists them as
    # SA (SEMANTICS.md S7), but excluding them would leave row 42 uncoverable
    assert {26, 28} <= set(assumptions)
    assumptions = [r for r in assumptions if r not in (26, 28)]
    again = qca.minimize(tt, include="?", exclude=assumptions)
    for model in again.models:
        assert not set(model.simplifying_assumptions.index) & set(assumptions)
    with pytest.raises(InvalidParameterError, match="between 1 and 32"):
        qca.minimize(tt, include="?", exclude=[40])
    with pytest.raises(NoSolutionError, match=r"rows \[42\]"):
        qca.minimize(tt, include="?", exclude=[26, 28])


def test_sol_cons_looks_beyond_minimal_models():
    # Emme at incl_cut 0.8: the 4 minimal models reach inclS 0.853 at most, two of the
    # 6 irredundant covers more; sol_cons = 0.86 keeps only those
    tt = qca.truth_table(dataset("Emme"), "JSR", incl_cut=0.8)
    minimal = qca.minimize(tt, include="?")
    irredundant = qca.minimize(tt, include="?", all_sol=True)
    assert max(m.inclS for m in minimal.models) < 0.86
    sol = qca.minimize(tt, include="?", sol_cons=0.86)
    want = [m.terms for m in irredundant.models if m.inclS >= 0.86]
    assert want and [m.terms for m in sol.models] == want
    assert any("sol_cons" in note for note in sol.notes)


def test_unique_coverage_equals_the_definition_term_by_term():
    # covU_j = (sum min(Xj, Y) - sum min(Xj, Y, max_{k != j} Xk)) / sum Y, computed in
    # one pass from each case's largest and second largest membership
    from qca.minimize._solution import fit_measures

    rng = np.random.default_rng(11)
    for trial in range(300):
        m, n = int(rng.integers(2, 8)), int(rng.integers(1, 12))
        x = rng.random((m, n))
        if trial % 3 == 0:
            x = np.round(x, 1)  # ties for the largest membership
        y = rng.random(n)
        expected = []
        for j in range(m):
            others = np.delete(x, j, axis=0).max(axis=0)
            own = np.minimum(x[j], y)
            expected.append((own.sum() - np.minimum(own, others).sum()) / y.sum())
        expected = np.where(np.abs(expected) < 1e-5, 0.0, expected)
        np.testing.assert_allclose(fit_measures(x, y)[0]["covU"], expected, atol=1e-12)
