"""Batch runs: worker processes, the incremental SQLite store, a killed run resumed, flat memory."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimx.cli import app
from conftest import FIXTURES, PEAK_MB

ESSAYS = sorted(FIXTURES.glob("*.txt"))


def claimx_cmd() -> list[str]:
    script = Path(sys.executable).parent / "claimx"
    return [str(script)] if script.exists() else [sys.executable, "-m", "claimx"]


@pytest.fixture()
def folder(tmp_path):
    d = tmp_path / "essays"
    d.mkdir()
    for i in range(4):
        (d / f"e{i}.txt").write_text(ESSAYS[i % 2].read_text(encoding="utf-8"), encoding="utf-8")
    return d


def test_jobs_2_writes_what_jobs_1_writes(nlp, folder):
    one = CliRunner().invoke(app, ["extract", str(folder), "-f", "jsonl", "--jobs", "1"])
    two = CliRunner().invoke(app, ["extract", str(folder), "-f", "jsonl", "--jobs", "2"])
    assert one.exit_code == 0 and two.exit_code == 0, one.output + two.output
    assert one.stdout == two.stdout and len(one.stdout.splitlines()) > 400


def test_store_skips_unchanged_files_and_replaces_changed_ones(nlp, folder, tmp_path):
    db = tmp_path / "claims.sqlite"
    first = CliRunner().invoke(app, ["extract", str(folder), "--db", str(db), "-f", "jsonl"])
    assert first.exit_code == 0, first.output
    n_first = len(first.stdout.splitlines())
    again = CliRunner().invoke(app, ["extract", str(folder), "--db", str(db), "-f", "jsonl"])
    assert again.exit_code == 0 and again.stdout == ""
    assert "4 unchanged (skipped)" in again.stderr
    (folder / "e0.txt").write_text("Prices rose 5 percent in 2019.", encoding="utf-8")
    changed = CliRunner().invoke(app, ["extract", str(folder), "--db", str(db), "-f", "jsonl"])
    assert [json.loads(x)["text"] for x in changed.stdout.splitlines()] == ["5 percent", "2019"]
    exported = CliRunner().invoke(app, ["export", "--db", str(db), "-f", "jsonl"])
    rows = [json.loads(x) for x in exported.stdout.splitlines()]
    e0 = [r for r in rows if r["file"].endswith("e0.txt")]
    assert [r["text"] for r in e0] == ["5 percent", "2019"]
    assert len(rows) == n_first - len([1 for x in first.stdout.splitlines() if json.loads(x)["file"].endswith("e0.txt")]) + 2
    assert all(isinstance(r["value"], (int, float, str, type(None))) for r in rows)


def test_export_round_trips_claims(nlp, folder, tmp_path):
    db = tmp_path / "c.sqlite"
    direct = CliRunner().invoke(app, ["extract", str(folder), "--db", str(db), "-f", "csv"])
    exported = CliRunner().invoke(app, ["export", "--db", str(db), "-f", "csv"])
    assert exported.exit_code == 0, exported.output
    assert sorted(direct.stdout.splitlines()) == sorted(exported.stdout.splitlines())


@pytest.mark.slow
def test_killed_run_resumes_and_stores_every_file_once(tmp_path):
    d = tmp_path / "many"
    d.mkdir()
    for i in range(8):
        (d / f"f{i}.txt").write_text(ESSAYS[i % 2].read_text(encoding="utf-8"), encoding="utf-8")
    db = tmp_path / "kill.sqlite"
    proc = subprocess.Popen(claimx_cmd() + ["extract", str(d), "--db", str(db), "-f", "jsonl", "-q"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 240
    stored = 0
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.3)
        try:
            with sqlite3.connect(db) as conn:
                stored = conn.execute("SELECT count(*) FROM files").fetchone()[0]
        except sqlite3.Error:
            continue
        if stored >= 2:
            break
    assert proc.poll() is None, "the run finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with sqlite3.connect(db) as conn:
        partial = conn.execute("SELECT count(*) FROM files").fetchone()[0]
    assert 2 <= partial < 8
    rerun = subprocess.run(claimx_cmd() + ["extract", str(d), "--db", str(db), "-f", "jsonl"],
                           capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{partial} unchanged (skipped)" in rerun.stderr
    with sqlite3.connect(db) as conn:
        files = conn.execute("SELECT path, claims FROM files ORDER BY path").fetchall()
        per_path = dict(conn.execute("SELECT path, count(*) FROM claims GROUP BY path").fetchall())
    assert len(files) == 8
    assert all(per_path[path] == n for path, n in files)  # every file's claims stored exactly once
    assert {n for _, n in files} == {per_path[str(d / "f0.txt")], per_path[str(d / "f1.txt")]}


MEMORY_PROBE = PEAK_MB + r"""
import json, random, resource, sys, tempfile
from pathlib import Path
from claimx import batch
from claimx.nlp import load_nlp
n = int(sys.argv[1])
words = ["exports", "prices", "arrests", "rents", "wages", "imports", "tariffs", "sales"]
with tempfile.TemporaryDirectory() as tmp:
    paths = []
    for i in range(n):
        rng = random.Random(i)
        text = " ".join(f"{w.capitalize()} rose {rng.randint(1, 90)} percent in {rng.randint(1990, 2024)}, "
                        f"to ${rng.randint(2, 900)} million, and {rng.randint(2, 9000):,} jobs were added."
                        for w in rng.sample(words, 4))
        p = Path(tmp) / f"s{i:05d}.txt"
        p.write_text(text + "\n\n" + "Nothing numeric here. " * rng.randint(5, 60), encoding="utf-8")
        paths.append(str(p))
    nlp = load_nlp()
    claims = sum(len(r.claims) for r in batch.extract_files(paths, nlp=nlp))
print(json.dumps({"claims": claims, "peak_mb": peak_mb()}))
"""


@pytest.mark.slow
def test_memory_stays_flat_over_a_thousand_files():
    def peak(n):
        out = subprocess.run([sys.executable, "-c", MEMORY_PROBE, str(n)], capture_output=True, text=True,
                             timeout=1200, check=True)
        return json.loads(out.stdout.strip().splitlines()[-1])

    small, large = peak(100), peak(1000)
    assert large["claims"] > 9 * small["claims"] > 0
    assert large["peak_mb"] < small["peak_mb"] + 40, (small, large)


def _stderr_of(cmd: list[str], terminal: bool) -> tuple[int, str]:
    """Run ``cmd`` with stdout discarded and stderr to a pseudo-terminal (or a pipe); its exit code and stderr."""
    if not terminal:
        proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                              text=True, timeout=600)
        return proc.returncode, proc.stderr
    import pty

    master, slave = pty.openpty()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=slave, stdin=subprocess.DEVNULL)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    proc.communicate(timeout=600)
    os.close(master)
    return proc.returncode, b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.slow
@pytest.mark.parametrize("terminal", [True, False])
def test_progress_bar_only_when_stderr_is_a_terminal(folder, terminal):
    code, err = _stderr_of(claimx_cmd() + ["extract", str(folder), "-f", "jsonl"], terminal)
    assert code == 0, err
    assert ("/4" in err and "claims" in err) == terminal, err  # the bar counts files done of 4
    quiet_code, quiet_err = _stderr_of(claimx_cmd() + ["extract", str(folder), "-f", "jsonl", "-q"], terminal)
    assert quiet_code == 0 and "/4" not in quiet_err


def test_extract_files_walks_once_filters_and_reports_problems_as_results(nlp, folder, tmp_path, capsys):
    from claimx.batch import extract_files

    (folder / "chart.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00")
    run = extract_files([str(folder), str(tmp_path / "missing.txt")], nlp=nlp, kinds=["percent"],
                        sections=["body"])
    assert run.total == 6  # four essays, the image, the missing path: known before anything is read
    results = list(run)
    assert [Path(r.name).name for r in results] == ["chart.png", "e0.txt", "e1.txt", "e2.txt", "e3.txt", "missing.txt"]
    assert [r.problem for r in results] == ["binary", None, None, None, None, "usage"]
    claims = [c for r in results for c in r.claims or ()]
    assert claims and {(c.kind.value, c.section) for c in claims} == {("percent", "body")}
    assert all(r.essays for r in results if r.claims is not None)  # essays come with the claims, split once
    assert run.summary.line() == f"6 files: {len(claims)} claims, 1 not text (skipped), 1 path(s) with nothing to read"
    assert run.summary.exit_code == 2
    assert capsys.readouterr().err == ""  # nothing printed: the caller decides


def test_the_store_keeps_every_claim_whatever_the_filters(nlp, folder, tmp_path):
    from claimx.batch import extract_files
    from claimx.io.store import Store

    store = Store(tmp_path / "s.sqlite")
    try:
        kept = [c for r in extract_files([str(folder)], nlp=nlp, kinds=["percent"], store=store) for c in r.claims]
        stored = list(store.claims())
    finally:
        store.close()
    assert {c.kind.value for c in kept} == {"percent"}
    assert len(stored) > len(kept) and {c.kind.value for c in stored} >= {"percent", "money", "date", "count"}
