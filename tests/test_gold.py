"""Regression floor on the hand-annotated corpus in ../shared (skipped where ../shared is absent)."""
import json
import subprocess
import sys

import pytest

from conftest import SHARED

SCORER = SHARED / "eval" / "score.py"
pytestmark = pytest.mark.skipif(not SCORER.exists(), reason="../shared (gold annotations and scorer) is not here")

FLOOR = {"f1": 0.95, "value_acc": 0.95, "unit_acc": 0.95, "qualifier_acc": 0.90, "direction_acc": 0.85,
         "subject_end_to_end": 0.80}


def test_corpus_scores_stay_above_the_floor(nlp, tmp_path):
    import claimx

    pred = tmp_path / "pred.jsonl"
    with pred.open("w", encoding="utf-8") as out:
        for path in sorted((SHARED / "corpus").glob("*.txt")):
            for c in claimx.extract(path.read_text(encoding="utf-8"), file=path.name, nlp=nlp):
                out.write(json.dumps(c.to_dict(), ensure_ascii=False) + "\n")
    result = subprocess.run([sys.executable, str(SCORER), "--gold", str(SHARED / "gold"), "--pred", str(pred), "--json"],
                            capture_output=True, text=True, check=True)
    scores = json.loads(result.stdout)
    low = {k: round(scores[k], 3) for k, floor in FLOOR.items() if scores[k] < floor}
    assert not low, f"below the floor {FLOOR}: {low}"
