"""What a run reads: a path given twice is read once, claimx's own outputs are not read back as essays, a web
page with no text is a notice, a Word document is checked before it is opened (ZIP bombs, external entities)."""
from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import run_cli

ESSAY_A = "The ferry carried 340 passengers in 2021.\n"
ESSAY_B = "Bakery sales fell 12 percent last winter.\n"


@pytest.fixture()
def essays(tmp_path, monkeypatch):
    d = tmp_path / "essays"
    d.mkdir()
    (d / "a.txt").write_text(ESSAY_A, encoding="utf-8")
    (d / "b.txt").write_text(ESSAY_B, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return d


def rows(stdout: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(stdout)))


def notices(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "given more than once" in line or "already read" in line]


# ---------------------------------------------------------------- the same input under several spellings

@pytest.mark.parametrize("args,lines", [
    (["essays", "essays/", "./essays", "{abs}"], 3),  # one line per repeated argument, not one per file
    (["essays/a.txt", "./essays/a.txt", "{abs}/a.txt"], 2),
    (["essays/a.txt", "essays"], 1),  # the folder's other file is still read
    (["essays", "essays/b.txt", "essays/../essays/a.txt"], 2),
    (["essays", "essays"], 1),
])
def test_a_path_given_several_times_is_read_once(nlp, essays, args, lines):
    args = [a.replace("{abs}", str(essays.resolve())) for a in args]
    out = run_cli("extract", *args, "--format", "csv")
    assert out.exit_code == 0, out.stderr
    got = [(r["file"], r["text"]) for r in rows(out.stdout)]
    assert len(got) == len(set(got))  # every claim once
    assert {t for _, t in got} >= {"340"}
    assert got[0][0] == args[0] or got[0][0].startswith(args[0].rstrip("/"))  # the first spelling wins
    assert len(notices(out.stderr)) == lines, out.stderr


def test_the_notice_names_the_file_and_its_other_spelling(nlp, essays):
    out = run_cli("extract", "essays/a.txt", "./essays/a.txt", "--format", "csv")
    assert notices(out.stderr) == ["claimx: essays/a.txt given more than once (as ./essays/a.txt); read once"]
    out = run_cli("extract", "essays", "./essays", "--format", "csv")
    assert notices(out.stderr) == ["claimx: essays given more than once (as ./essays); read once"]


def test_a_link_beside_its_file_in_a_folder_is_read_once(nlp, essays):
    (essays / "c.txt").symlink_to("a.txt")
    out = run_cli("extract", "essays", "--format", "csv")
    assert [r["file"] for r in rows(out.stdout)].count("essays/a.txt") == 2  # 340, 2021
    assert not any(r["file"] == "essays/c.txt" for r in rows(out.stdout))
    assert notices(out.stderr) == ["claimx: essays: 1 file already read (essays/c.txt is essays/a.txt); read once"]


def test_standard_input_is_not_compared_with_files(nlp, essays):
    out = run_cli("extract", "essays/a.txt", "-", "--format", "csv", input=ESSAY_A)
    assert [r["file"] for r in rows(out.stdout)].count("-") == 2
    assert [r["file"] for r in rows(out.stdout)].count("essays/a.txt") == 2
    assert not notices(out.stderr)


def test_the_summary_counts_each_file_once(nlp, essays):
    from claimx.batch import extract_files

    batch = extract_files(["essays", "./essays", "essays/a.txt"], nlp=nlp)
    assert batch.total == 2
    results = list(batch)
    assert [r.name for r in results if r.problem is None] == ["essays/a.txt", "essays/b.txt"]
    assert [r.problem for r in results if r.problem] == ["repeated", "repeated"]
    assert batch.summary.files == 2 and batch.summary.exit_code == 0


def claimx_cmd() -> list[str]:
    script = Path(sys.executable).parent / "claimx"
    return [str(script)] if script.exists() else [sys.executable, "-m", "claimx"]


@pytest.mark.slow
def test_installed_command_reads_a_folder_given_four_ways_once(essays):
    out = subprocess.run(claimx_cmd() + ["extract", "essays", "essays/", "./essays", str(essays.resolve())],
                         capture_output=True, text=True, timeout=300, cwd=essays.parent,
                         env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert out.returncode == 0, out.stderr
    got = [(r["file"], r["start"]) for r in rows(out.stdout)]
    assert len(got) == len(set(got)) == 3
    assert len(notices(out.stderr)) == 3
