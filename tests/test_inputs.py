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


# ---------------------------------------------------------------- claimx's own outputs in the essay folder

@pytest.mark.parametrize("args,written,line", [
    (["report", "essays", "-o", "essays/report.html"], "essays/report.html", "an HTML report"),
    (["report", "essays", "-o", "essays/report"], "essays/report", "a report folder"),  # one line, not one a page
    (["extract", "essays", "-o", "essays/claims.txt"], "essays/claims.txt", "a claims table"),
    (["extract", "essays", "-f", "table"], "essays/claims.txt", "a claims table"),  # redirected: `> claims.txt`
    (["extract", "essays", "-f", "csv"], "essays/claims.txt", "CSV claims"),
    (["extract", "essays", "-f", "jsonl"], "essays/claims.md", "JSON claims"),
    (["extract", "essays", "-f", "json"], "essays/claims.txt", "JSON claims"),
    (["essays", "essays", "-f", "table"], "essays/list.txt", "an essays table"),
    (["essays", "essays", "-f", "csv"], "essays/list.txt", "CSV essays"),
])
def test_claimx_outputs_in_the_folder_are_not_read_back(nlp, essays, args, written, line):
    out = run_cli(*args)
    assert out.exit_code == 0, out.stderr
    if "-o" not in args:  # standard output redirected into the folder
        Path(written).write_text(out.stdout, encoding="utf-8")
    out = run_cli("extract", "essays", "--format", "csv")
    assert out.exit_code == 0, out.stderr
    assert {r["file"] for r in rows(out.stdout)} == {"essays/a.txt", "essays/b.txt"}
    assert f"claimx: {written}: {line} written by claimx; skipped" in out.stderr.splitlines()
    assert len(out.stderr.splitlines()) == 1, out.stderr


def test_a_named_claimx_output_is_skipped_too_and_counted(nlp, essays, tmp_path):
    assert run_cli("report", "essays", "-o", "essays/report.html").exit_code == 0
    out = run_cli("extract", "essays/report.html", "essays/a.txt", "--db", tmp_path / "x.sqlite", "--format", "csv")
    assert out.exit_code == 0, out.stderr
    assert {r["file"] for r in rows(out.stdout)} == {"essays/a.txt"}
    assert out.stderr.splitlines() == ["claimx: essays/report.html: an HTML report written by claimx; skipped",
                                       "claimx: 2 files: 2 claims, 1 written by claimx (skipped)"]
    out = run_cli("text", "essays/report.html")
    assert (out.exit_code, out.stdout) == (0, "")
    assert "written by claimx" in out.stderr


@pytest.mark.parametrize("text", [
    "claimx found 3 claims in the 2019 survey.\n",  # an essay about claimx
    "claimx 0.2.0 claims table of 2019\n",
    "file,start,end,text\nessays/a.txt,4,9,3 percent\n",  # a CSV of another tool's
    '{"file": "a.txt", "value": 3}\nThe rest grew 4 percent.\n',
    '<html><head><meta name="generator" content="claimxyz"></head><body><p>Rents rose 4 percent.</p></body></html>',
])
def test_files_that_only_look_like_claimx_outputs_are_read(text):
    from claimx.io.readers import written_by_claimx

    assert written_by_claimx(text.encode()) is None


def test_a_table_drawn_on_a_terminal_has_no_marker_line():
    from rich.console import Console

    from claimx.io.writers import table_marker, write_table

    to_file = io.StringIO()
    write_table([], to_file)
    assert to_file.getvalue().splitlines()[0] == table_marker("claims")
    terminal = Console(file=io.StringIO(), force_terminal=True, width=80)
    write_table([], None, console=terminal)
    assert "claimx" not in terminal.file.getvalue()


@pytest.mark.slow
def test_installed_command_skips_its_report_and_table_in_the_folder(essays):
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    for args in (["report", "essays", "-o", "essays/report.html"], ["extract", "essays", "-o", "essays/claims.txt"]):
        out = subprocess.run(claimx_cmd() + args, capture_output=True, text=True, timeout=300, cwd=essays.parent,
                             env=env)
        assert out.returncode == 0, out.stderr
    out = subprocess.run(claimx_cmd() + ["extract", "essays"], capture_output=True, text=True, timeout=300,
                         cwd=essays.parent, env=env)
    assert out.returncode == 0, out.stderr
    assert {r["file"] for r in rows(out.stdout)} == {"essays/a.txt", "essays/b.txt"}
    assert sorted(out.stderr.splitlines()) == [
        "claimx: essays/claims.txt: a claims table written by claimx; skipped",
        "claimx: essays/report.html: an HTML report written by claimx; skipped"]


# ---------------------------------------------------------------- a web page with no text

APP_SHELL = b'<!DOCTYPE html><html><head><title>Dashboard</title></head><body><div id="root"></div>' \
            b'<script>start()</script></body></html>'


def test_a_web_page_without_text_is_a_notice_not_a_failure(nlp, essays, tmp_path):
    (essays / "app.html").write_bytes(APP_SHELL)
    out = run_cli("extract", "essays", "--db", tmp_path / "x.sqlite", "--format", "csv")
    assert out.exit_code == 0, out.stderr
    assert {r["file"] for r in rows(out.stdout)} == {"essays/a.txt", "essays/b.txt"}
    assert out.stderr.splitlines() == [
        "claimx: essays/app.html: no text found (a web page without a main text); skipped",
        "claimx: 3 files: 3 claims, 1 with no text found"]
    out = run_cli("text", "essays/app.html")
    assert (out.exit_code, out.stdout) == (0, "")
    assert "no text found" in out.stderr
