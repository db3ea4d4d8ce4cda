"""Build ``cases/digital_government_zh.xlsx``: the digital-government study in Chinese.

The same ILLUSTRATIVE (constructed, not empirical) case-periods as
``cases/digital_government.xlsx`` (see ``scripts/make_digital_government.py``: same seed,
same raw values in the same order), written as the study's own researchers would write
their case sheet: Chinese column headers, Chinese set names (政治势能, 中坚干部, 权力适配,
技术引入, 组织变革), Chinese labels and calibration notes, and the analysis settings in
those names. The anchors are those of the English workbook, so both give the same
solutions, set for set:

======  ======================  ==========
English  中文 set name           raw source
======  ======================  ==========
PM      政治势能                 政治势能得分 (= 领导视察批示 + 2 x 试点级别)
CA      中坚干部                 中坚干部改革举措
PF      权力适配                 权力调整
TI      技术引入                 平台数量
OC      组织变革                 组织变革评分
======  ======================  ==========

Run ``python scripts/make_digital_government_zh.py`` from the project root; it writes
``cases/digital_government_zh.xlsx`` (no CSV: the raw values are those of
``cases/data/digital_government.csv`` under Chinese headers).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_digital_government import CALIBRATION, COLUMNS, build_cases  # noqa: E402

from qca.workbook import write_workbook  # noqa: E402

__all__ = ["HEADERS", "SETS", "build_frame", "write_workbook_file", "main"]

ROOT = Path(__file__).resolve().parent.parent
XLSX_PATH = ROOT / "cases" / "digital_government_zh.xlsx"

#: English raw column -> Chinese header (every one an identifier).
HEADERS = {
    "case": "案例",
    "year": "年份",
    "leader_visits": "领导视察批示",
    "pilot_level": "试点级别",
    "pm_score": "政治势能得分",
    "cadre_initiatives": "中坚干部改革举措",
    "authority_changes": "权力调整",
    "mini_program": "政务小程序",
    "case_platform": "办案平台",
    "data_centre": "数据中心",
    "enterprise_portal": "企业服务门户",
    "big_screen": "指挥大屏",
    "platforms": "平台数量",
    "oc_score": "组织变革评分",
}

#: English set -> (Chinese set name, label, calibration note).
SETS = {
    "PM": ("政治势能", "政治势能适时强化",
           "政治势能得分 = 上级领导视察与批示次数 + 2 × 试点级别（国家级示范区 2，省级试点 1）。"
           "8 分（如国家级示范区加四次视察）为完全隶属；1 分（仅一次视察、无试点）为完全不隶属；"
           "4.5 分区分持续受到关注与偶尔受到关注的区。"),
    "CA": ("中坚干部", "中坚干部积极活动",
           "本期由中层局处长牵头的改革举措数。6 项以上说明中坚干部在多个部门推动改革；"
           "1 项或没有说明他们只是执行命令；交叉点 3.5 位于两组之间。"),
    "PF": ("权力适配", "制度化的权力适配",
           "使牵头部门获得与任务相称权力的制度调整（审批或协调权、职能合并、参与考核）。"
           "3 项调整即制度化；没有调整意味着牵头部门只能靠协商协调；1 项调整是起步，"
           "偏向不隶属（交叉点 1.5）。"),
    "TI": ("技术引入", "数字技术引入",
           "上线的平台与应用数（政务小程序、办案平台、数据中心、企业服务门户、指挥大屏）。"
           "4 个以上为完整的数字政府平台；1 个几乎每个区都有；2.5 区分“少数”与“多数”。"),
    "OC": ("组织变革", "组织变革",
           "专家对组织变革深度的 0-10 评分（流程再造、机构合并、职责重划）。8 分为重塑部门协作"
           "方式的变革；2 分为程序不变、只加了新的前端；5 分为量表中点。"),
}

ANALYSIS = {
    "outcome": "组织变革",
    "conditions": "政治势能, 中坚干部, 权力适配, 技术引入",
    "incl_cut": 0.8,
    "n_cut": 1,
    "pri_cut": 0,
    "dir_exp": "政治势能, 中坚干部, 权力适配",
}

README_LINES = [
    "说明：本工作簿的数据为演示而构造，并非实证数据。",
    "ILLUSTRATIVE DATA, CONSTRUCTED FOR DEMONSTRATION. NOT EMPIRICAL DATA.",
    "",
    "数字政府改革：23 个地方案例期（虚构的 A区 … S区；A区-2019 与 A区-2021 为同一区的两个阶段）。",
    "研究问题：数字技术引入（技术引入）何时带来组织变革（组织变革）？",
    "论点：政治势能适时强化、中坚干部积极活动与制度化的权力适配共同作用时，变革才会深化；",
    "仅有技术引入，组织保持不变。",
    "",
    "数据与 cases/digital_government.xlsx 相同（scripts/make_digital_government.py，随机种子 20240607），",
    "本工作簿由 scripts/make_digital_government_zh.py 生成，列名、集合名、标签与说明为中文。",
    "",
    "工作表：cases（原始指标）、calibration（锚点及理由）、analysis（qca run 的设置）、README（本说明）。",
    "",
    "试试：qca run cases/digital_government_zh.xlsx",
]


def build_frame() -> pd.DataFrame:
    """The raw case sheet under Chinese headers, indexed by 案例.

    Examples
    --------
    >>> frame = build_frame()
    >>> frame.index.name, frame.shape, frame.loc["A区-2021", "政治势能得分"]
    ('案例', (23, 13), 10)
    """
    frame = pd.DataFrame(build_cases(), columns=COLUMNS).rename(columns=HEADERS)
    return frame.set_index(HEADERS["case"])


def write_workbook_file(path: Path = XLSX_PATH) -> Path:
    """Write the workbook (sheets ``cases``, ``calibration``, ``analysis``, ``README``)."""
    calibration = []
    for english, source, thresholds, _label, _note in CALIBRATION:
        name, label, note = SETS[english]
        calibration.append(
            {"set": name, "source": HEADERS[source], "kind": "fuzzy", "method": "direct",
             "thresholds": thresholds, "logistic": True, "idm": 0.95, "below": 1, "above": 1,
             "ecdf": False, "label": label, "note": note}
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    return write_workbook(path, build_frame(), calibration=calibration, analysis=ANALYSIS,
                          readme="\n".join(README_LINES))


def main() -> None:
    """Rebuild the workbook."""
    write_workbook_file()
    print(f"wrote {XLSX_PATH.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
