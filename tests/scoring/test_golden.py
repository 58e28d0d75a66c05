"""Golden snapshot of ``jixiao score --json`` tables for the 工会经费 example.

The snapshot pins weights, scores and every explanation text. After an intended change,
regenerate with ``JIXIAO_UPDATE_GOLDEN=1 pytest tests/scoring/test_golden.py`` and review the
diff of tests/data/scoring/union-score.golden.json.
"""

from __future__ import annotations

import json
import os

from jixiao.scoring.schemes import load_scheme
from jixiao.services.evaluation import run_dict, score_file
from testdata import DATA

GOLDEN = DATA / "scoring" / "union-score.golden.json"


def test_union_score_matches_the_golden_file() -> None:
    run = score_file(
        DATA / "scoring" / "union-goal.txt",
        DATA / "scoring" / "union-actuals.csv",
        load_scheme("central-2020"),
    )
    tables = run_dict(run)["tables"]
    for table in tables:
        for indicator in table["indicators"]:
            indicator["problems"] = [p["code"] for p in indicator["problems"]]
    text = json.dumps(tables, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if os.environ.get("JIXIAO_UPDATE_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")
