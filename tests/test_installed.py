"""The installed console script and `python -m claimx`, run as a user would, on a bundled essay."""

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES

ESSAY = FIXTURES / "002_6edce8679ec63763.txt"
pytestmark = pytest.mark.slow  # subprocesses that load the model


def claimx_command() -> list[str]:
    script = Path(sys.executable).parent / "claimx"
    found = str(script) if script.exists() else shutil.which("claimx")
    if not found:
        pytest.fail("the claimx console script is not installed next to this Python; run the README's install command")
    return [found]


def test_installed_command_on_a_fixture_essay():
    out = subprocess.run(claimx_command() + ["extract", str(ESSAY), "--format", "jsonl"],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    text = ESSAY.read_text(encoding="utf-8")
    assert len(rows) > 100
    assert all(text[r["start"]:r["end"]] == r["text"] for r in rows)
    assert {"percent", "money", "count", "date", "ratio", "quantity"} <= {r["kind"] for r in rows}


def test_python_dash_m_writes_csv_when_piped():
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    out = subprocess.run([sys.executable, "-m", "claimx", "extract", str(ESSAY), "--kind", "money"],
                         capture_output=True, text=True, timeout=300, env=env)
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert rows and all(r["kind"] == "money" and r["unit"] for r in rows)
