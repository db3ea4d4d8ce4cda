"""Record R QCA's answers for ``minimize(..., method="ccubes")`` into tests/data/ccubes_r.json.

Needs R with the package QCA 3.25.1 (and admisc 0.39.1), e.g. built from the authors'
public sources. Each case is a small data set (stored in the JSON as CSV text), the
truth-table cut and the options of one ``minimize`` call; R's answer is its PIs
(``rownames(sol$PIchart)``), models, simplifying assumptions (or, with ``dir.exp``, the
intermediate models), or its error message. The test (tests/test_ccubes_recorded.py) runs
the same calls with ``method="ccubes"`` and compares.

Usage::

    QCA_R_LIBS=/path/to/R/library python scripts/record_ccubes_r.py [reference-data-dir]

The data sets: random crisp, multi-value, temporal and fuzzy ones (seeded, below) and
some of R QCA's own (RS, LF, LC, d.AS, read from ``reference-data-dir``, default
``../shared/reference/data``).
"""

from __future__ import annotations

import io
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "data" / "ccubes_r.json"
MAX_MODELS = 600  # cases with more models are left out (the file stays small)
MAX_SA = 5  # simplifying assumptions kept for the first models only

R_SCRIPT = r"""
libs <- Sys.getenv("QCA_R_LIBS"); if (nzchar(libs)) .libPaths(c(libs, .libPaths()))
suppressMessages(library(QCA))
args <- commandArgs(TRUE)
jobs <- read.delim(args[1], stringsAsFactors = FALSE, quote = "", na.strings = "")
con <- file(args[2], "w")
for (i in seq_len(nrow(jobs))) {
  job <- jobs[i, ]
  dat <- read.csv(job$file, row.names = 1, stringsAsFactors = FALSE, check.names = FALSE)
  ic <- as.numeric(strsplit(job$incl_cut, ",")[[1]])
  res <- tryCatch({
    tt <- truthTable(dat, outcome = job$outcome, incl.cut = ic)
    s <- eval(parse(text = paste0("minimize(tt, ", job$args, ")")))
    out <- paste0("PIS\t", paste(rownames(s$PIchart), collapse = "|"))
    if (!is.null(s$i.sol)) {
      for (nm in names(s$i.sol))
        out <- c(out, paste0("ISOL\t", nm, "\t",
                             paste(sapply(s$i.sol[[nm]]$solution, paste, collapse = " + "), collapse = "|")))
    } else {
      out <- c(out, paste0("SOL\t", paste(sapply(s$solution, paste, collapse = " + "), collapse = "|")))
      if (!is.null(s$SA)) for (j in seq_along(s$SA))
        out <- c(out, paste0("SA\t", j, "\t", paste(rownames(s$SA[[j]]), collapse = ",")))
    }
    out
  }, error = function(e) paste0("ERROR\t", gsub("[\n\t ]+", " ", conditionMessage(e))))
  writeLines(c(paste0("JOB\t", job$id), res, "END"), con)
}
close(con)
"""


def _random_data(kind: str, seed: int) -> pd.DataFrame:
    """A small random data set: crisp, mv (some conditions with 3 values), temporal (one
    condition with "-" cells) or fuzzy; outcome ``Y``."""
    rng = random.Random(seed)
    k, n = rng.randint(3, 6), rng.randint(6, 24)
    names = [chr(65 + j) for j in range(k)]
    levels = [3 if kind == "mv" and rng.random() < 0.4 else 2 for _ in range(k)]
    if kind == "fuzzy":
        rows = [[round(rng.choice([rng.uniform(0, 0.45), rng.uniform(0.55, 1)]), 2) for _ in range(k)]
                for _ in range(n)]
    else:
        rows = [[rng.randrange(levels[j]) for j in range(k)] for _ in range(n)]
    df = pd.DataFrame(rows, columns=names)
    if kind == "temporal":
        col = names[rng.randrange(k)]
        df[col] = df[col].astype(str)
        for i in range(n):
            if rng.random() < 0.35:
                df.loc[i, col] = "-"
    if kind == "fuzzy":
        a, b = rng.sample(range(k), 2)
        base = [max(min(x, z), rng.random() * 0.3) for x, z in zip(df[names[a]], df[names[b]], strict=True)]
        df["Y"] = [round(min(1, max(0, v + rng.uniform(-0.15, 0.15))), 2) for v in base]
    else:
        df["Y"] = [int(rng.random() < 0.5) for _ in range(n)]
    df.index = pd.Index([f"c{i}" for i in range(n)], name="case")
    return df


# (tag, R arguments, Python keywords); the truth table cut is per kind
OPTIONS = {
    "pars": ('include = "?"', {"include": "?"}),
    "allsol": ('include = "?", all.sol = TRUE', {"include": "?", "all_sol": True}),
    "rowdom": ('include = "?", row.dom = TRUE', {"include": "?", "row_dom": True}),
    "allsol_rowdom": ('include = "?", all.sol = TRUE, row.dom = TRUE',
                      {"include": "?", "all_sol": True, "row_dom": True}),
    "solcons": ('include = "?", sol.cons = 0.75', {"include": "?", "sol_cons": 0.75}),
    "picons": ('include = "?", pi.cons = 0.8', {"include": "?", "pi_cons": 0.8}),
    "include_C": ('include = "?, C"', {"include": "?, C"}),
    "direxp": ('include = "?", dir.exp = "A, B, C"', {"include": "?", "dir_exp": "A, B, C"}),
}
RANDOM = [  # kind, seeds, truth-table cut, option tags
    ("crisp", range(1, 9), [1], ["pars", "allsol", "rowdom", "allsol_rowdom", "solcons"]),
    ("mv", range(200, 208), [1], ["pars", "allsol", "rowdom", "solcons", "picons"]),
    ("temporal", range(100, 116), [1],
     ["pars", "allsol", "rowdom", "allsol_rowdom", "solcons", "picons"]),
    ("fuzzy", range(300, 308), [0.8, 0.6], ["pars", "include_C", "allsol", "solcons", "direxp"]),
    ("fuzzy", range(300, 304), [0.8], ["picons"]),
]


def _named(data_dir: Path) -> list[dict]:
    """Cases on R QCA's own data sets."""

    def read(name: str) -> pd.DataFrame:
        df = pd.read_csv(data_dir / f"{name}.csv", dtype=str, keep_default_na=False)
        if "case" not in df.columns:
            df.insert(0, "case", [str(i + 1) for i in range(len(df))])
        return df.set_index("case")

    rs = read("RS")
    cases = [
        ("RS_pars", rs, "REC", [1], 'include = "?"', {"include": "?"}),
        ("RS_allsol", rs, "REC", [1], 'include = "?", all.sol = TRUE', {"include": "?", "all_sol": True}),
        ("RS_rowdom", rs, "REC", [1], 'include = "?", row.dom = TRUE', {"include": "?", "row_dom": True}),
        ("RS_neg_pars", rs, "~REC", [1], 'include = "?"', {"include": "?"}),
        ("RS_direxp", rs, "REC", [1], 'include = "?", dir.exp = "P, E, A, S"',
         {"include": "?", "dir_exp": "P, E, A, S"}),
        ("RS_solcons", rs, "REC", [1], 'include = "?", sol.cons = 0.9', {"include": "?", "sol_cons": 0.9}),
        ("RS_picons", rs, "REC", [0.8], 'include = "?", pi.cons = 0.8', {"include": "?", "pi_cons": 0.8}),
        ("LF_solcons", read("LF"), "SURV", [0.8], 'include = "?", sol.cons = 0.8',
         {"include": "?", "sol_cons": 0.8}),
        ("LC_solcons", read("LC"), "SURV", [0.75], 'include = "?", sol.cons = 0.75',
         {"include": "?", "sol_cons": 0.75}),
        ("LC_solcons_allsol", read("LC"), "SURV", [0.75], 'include = "?", sol.cons = 0.75, all.sol = TRUE',
         {"include": "?", "sol_cons": 0.75, "all_sol": True}),
        ("dAS_allsol_rowdom", read("d.AS"), "O", [0.8], 'include = "?", all.sol = TRUE, row.dom = TRUE',
         {"include": "?", "all_sol": True, "row_dom": True}),
    ]
    no_zero = pd.DataFrame({"A": [0, 1, 1, 0, 1], "B": [0, 0, 1, 1, 1], "Y": [1, 1, 1, 0.6, 0.6]},
                           index=pd.Index([f"c{i}" for i in range(5)], name="case"))
    cases += [  # no negative row: R stops
        ("no_negative", no_zero[no_zero["Y"] == 1], "Y", [1], 'include = "?"', {"include": "?"}),
        ("no_negative_but_C", no_zero, "Y", [0.9, 0.5], 'include = "?"', {"include": "?"}),
        ("no_negative_C_included", no_zero, "Y", [0.9, 0.5], 'include = "?, C"', {"include": "?, C"}),
    ]
    synthetic = pd.read_csv(ROOT / "tests" / "data" / "core_synthetic" / "random_25x10.csv")
    synthetic.index = pd.Index([str(i + 1) for i in range(len(synthetic))], name="case")
    cases += [  # 25 conditions, 28 of the 646 PIs kept: 267 consistent models
        ("random_25x10_solcons", synthetic, "OUT", [1], 'include = "?", sol.cons = 0.9',
         {"include": "?", "sol_cons": 0.9}),
    ]

    def temporal(e: list[str], s: list[int], y: list[int]) -> pd.DataFrame:
        return pd.DataFrame({"E": e, "S": s, "Y": y}, index=pd.Index([f"c{i}" for i in range(len(y))], name="case"))

    cases += [  # R's row codes collide: (E = "-", S = 1) codes as (E = 1, S = 0)
        ("temporal_collision", temporal(["1", "-", "0", "0", "-"], [0, 1, 0, 1, 0], [1, 1, 0, 0, 0]), "Y", [1],
         'include = "?"', {"include": "?"}),
        # a "-" no negative row has: R keeps a term with no literal and fails
        ("temporal_dash_only_term", temporal(["1", "-", "0", "0"], [0, 1, 0, 1], [1, 1, 0, 0]), "Y", [1],
         'include = "?"', {"include": "?"}),
    ]
    return [
        {"id": cid, "data": df, "outcome": outcome, "incl_cut": cut, "r_args": r_args, "options": opts}
        for cid, df, outcome, cut, r_args, opts in cases
    ]


def _jobs(data_dir: Path) -> list[dict]:
    jobs = []
    for kind, seeds, cut, tags in RANDOM:
        for seed in seeds:
            data = _random_data(kind, seed)
            for tag in tags:
                r_args, opts = OPTIONS[tag]
                jobs.append({"id": f"{kind}_{seed}_{tag}" + ("_cut1" if len(cut) == 1 and kind == "fuzzy" else ""),
                             "data": data, "outcome": "Y", "incl_cut": cut, "r_args": r_args, "options": opts})
    return jobs + _named(data_dir)


def _parse(text: str) -> dict[str, dict]:
    out: dict[str, dict] = {}
    current: dict = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if parts[0] == "JOB":
            current = out.setdefault(parts[1], {})
        elif parts[0] == "PIS":
            current["prime_implicants"] = [p for p in parts[1].split("|") if p]
        elif parts[0] == "SOL":
            current["models"] = [m for m in parts[1].split("|") if m]
        elif parts[0] == "SA":
            current.setdefault("SA", {})[parts[1]] = [int(r) for r in parts[2].split(",") if r]
        elif parts[0] == "ISOL":
            current.setdefault("intermediate", {})[parts[1]] = [m for m in parts[2].split("|") if m]
        elif parts[0] == "ERROR":
            current["error"] = parts[1].strip()
    return out


def main(argv: list[str]) -> int:
    data_dir = Path(argv[1]) if len(argv) > 1 else ROOT.parent.parent / "shared" / "reference" / "data"
    jobs = _jobs(data_dir)
    with tempfile.TemporaryDirectory() as tmp:
        rows = []
        for job in jobs:
            path = Path(tmp) / f"{job['id']}.csv"
            job["data"].to_csv(path)
            rows.append({"id": job["id"], "file": str(path), "outcome": job["outcome"],
                         "incl_cut": ",".join(str(c) for c in job["incl_cut"]), "args": job["r_args"]})
        lines = ["\t".join(rows[0])] + ["\t".join(str(v) for v in row.values()) for row in rows]
        (Path(tmp) / "jobs.tsv").write_text("\n".join(lines) + "\n")
        (Path(tmp) / "run.R").write_text(R_SCRIPT)
        subprocess.run(["Rscript", str(Path(tmp) / "run.R"), str(Path(tmp) / "jobs.tsv"),
                        str(Path(tmp) / "out.txt")], check=True, env=os.environ.copy())
        answers = _parse((Path(tmp) / "out.txt").read_text())
        version = subprocess.run(
            ["Rscript", "-e", 'libs <- Sys.getenv("QCA_R_LIBS"); if (nzchar(libs)) .libPaths(c(libs, .libPaths())); '
             'cat(R.version.string, "| QCA", as.character(packageVersion("QCA")), '
             '"| admisc", as.character(packageVersion("admisc")))'],
            check=True, capture_output=True, text=True, env=os.environ.copy()).stdout
    cases = []
    for job in jobs:
        answer = answers[job["id"]]
        if "Levels outside" in answer.get("error", ""):
            # R's truth table counts a temporal condition's levels as its distinct values
            # minus the "-" (only 1 and "-": one level) and then fails for every method
            print(f"left out {job['id']}: R's temporal level count ({answer['error']})")
            continue
        if len(answer.get("models", [])) > MAX_MODELS:
            print(f"left out {job['id']}: {len(answer['models'])} models")
            continue
        answer["SA"] = {k: v for k, v in answer.get("SA", {}).items() if int(k) <= MAX_SA}
        if not answer["SA"]:
            del answer["SA"]
        buffer = io.StringIO()
        job["data"].to_csv(buffer)
        cases.append({
            "id": job["id"], "csv": buffer.getvalue(), "outcome": job["outcome"],
            "incl_cut": job["incl_cut"], "r_call": f"minimize(truthTable(dat, outcome = \"{job['outcome']}\", "
            f"incl.cut = {job['incl_cut'] if len(job['incl_cut']) > 1 else job['incl_cut'][0]}), {job['r_args']})",
            "options": job["options"], "r": answer,
        })
    OUT.write_text(json.dumps({"source": f"{version.strip()}; scripts/record_ccubes_r.py", "cases": cases},
                              indent=1) + "\n")
    print(f"{len(cases)} cases written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
