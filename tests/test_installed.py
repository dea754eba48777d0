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


@pytest.mark.parametrize("framework", ["torch", "cupy"])  # the two thinc imports at start-up
def test_installed_frameworks_are_not_imported_for_the_default_model(tmp_path, framework):
    """thinc imports PyTorch and CuPy when it finds them; the default model uses none of them (with
    PyTorch installed a run cost 3.7 s and 336 MB instead of 1.6 s and 169 MB). A stand-in package that records
    being imported shows claimx never imports it."""
    fake = tmp_path / "site" / framework
    fake.mkdir(parents=True)
    marker = tmp_path / "imported"
    (fake / "__init__.py").write_text(f"open({str(marker)!r}, 'w').close()\n__version__ = '9.9'\n")
    essay = tmp_path / "one.txt"
    essay.write_text("Rents rose 5 percent in 2020.", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path / "site"), os.environ.get("PYTHONPATH", "")])}
    probe = subprocess.run([sys.executable, "-c", f"import {framework}"], env=env, capture_output=True, text=True)
    assert probe.returncode == 0 and marker.exists(), "the stand-in package is importable"
    marker.unlink()
    out = subprocess.run(claimx_command() + ["extract", str(essay), "-f", "jsonl"], env=env,
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert [json.loads(x)["text"] for x in out.stdout.splitlines()] == ["5 percent", "2020"]
    assert not marker.exists(), f"claimx imported {framework}"


def test_a_library_user_keeps_the_frameworks_thinc_finds(tmp_path):
    """Only claimx's own processes (the command, its workers) import spaCy without PyTorch: in a notebook, thinc
    decides once for the whole process, and the host may need PyTorch later."""
    fake = tmp_path / "site" / "torch"
    fake.mkdir(parents=True)
    marker = tmp_path / "imported"
    (fake / "__init__.py").write_text(f"open({str(marker)!r}, 'w').close()\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path / "site"), os.environ.get("PYTHONPATH", "")])}
    out = subprocess.run([sys.executable, "-c", "import claimx; print(claimx.extract('Rents rose 5 percent.')[0].text)"],
                         env=env, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "5 percent"
    assert marker.exists()
