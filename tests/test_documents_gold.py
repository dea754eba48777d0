"""Regression floors on the real reports of ../shared/dev/documents, read by the installed command (skipped
where ../shared is absent): the page-level gold of four reports, and the agreement of each PDF with the same
report's web text. The scorers live in ../shared/eval; nothing here is taken from the reports."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SHARED

DOCS = SHARED / "dev" / "documents"
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not (SHARED / "eval" / "agree.py").exists() or not DOCS.is_dir(),
                                 reason="../shared (dev documents and scorers) is not here")]


def claimx_script() -> str:
    script = Path(sys.executable).parent / "claimx"
    if not script.exists():
        pytest.fail("the claimx console script is not installed next to this Python; run the README's install command")
    return str(script)


def score(scorer: str, *args: str) -> dict:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    out = subprocess.run([sys.executable, str(SHARED / "eval" / scorer), *args, "--claimx", claimx_script(), "--json"],
                         capture_output=True, text=True, check=True, env=env, timeout=900)
    return json.loads(out.stdout)


def test_pdf_claims_against_page_level_gold():
    s = score("score_docs.py", str(DOCS / "gold"), str(DOCS))
    low = {k: s[k] for k, floor in {"f1": 0.95, "table_recall": 0.95, "table_value": 0.98, "subject": 0.75}.items()
           if s[k] < floor}
    assert not low, s


def test_pdfs_read_as_their_web_text_twins():
    s = score("agree.py", str(DOCS))
    assert s["p"] >= 0.95 and s["r"] >= 0.95 and s["wrong_value"] <= 2, s
