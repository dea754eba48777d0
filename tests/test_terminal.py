"""The installed command as a user runs it from a terminal: stdin and stderr on a real pseudo-terminal (so the
progress bar shows), standard output redirected to a file, piped, or the terminal itself.

Every route that writes claims is run this way: a progress bar on the terminal must never take the rows that
belong on standard output (Rich's Progress redirects sys.stdout unless told not to, which once left
`claimx extract a b > claims.csv` empty while the rows scrolled past on the terminal).
"""
from __future__ import annotations

import csv
import fcntl
import io
import json
import os
import re
import struct
import subprocess
import termios
import threading
from pathlib import Path

import pytest

from test_installed import claimx_command

pytestmark = pytest.mark.slow  # subprocesses that load the model

ESSAYS = {
    "harbour.txt": "The Harbour Budget\n\nBy Ana Lopez\n\nShipping volumes at the port rose 12 percent in 2021, "
                   "and the council will spend $45 million on new cranes. About 3,400 dockworkers were hired.\n",
    "schools.txt": "Rural Schools\n\nBy Tom Reid\n\nEnrolment fell by 8% between 2015 and 2019, while one in five "
                   "classrooms had no heating. The province added 120 teachers last year.\n",
}
N_CLAIMS_AT_LEAST = 8  # claims in the two essays together (each has a percent, a date and a count or money)


class Terminal:
    """A pseudo-terminal of ``columns`` columns whose output is collected while a command runs."""

    def __init__(self, columns: int = 100):
        self.master, self.slave = os.openpty()
        fcntl.ioctl(self.slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
        self.chunks: list[bytes] = []
        self.reader = threading.Thread(target=self._read, daemon=True)

    def _read(self) -> None:
        while True:
            try:
                data = os.read(self.master, 65536)
            except OSError:  # EIO: every writer has closed the terminal
                return
            if not data:
                return
            self.chunks.append(data)

    @property
    def text(self) -> str:
        return b"".join(self.chunks).decode("utf-8", "replace")


def run_in_terminal(args: list[str], cwd: Path, stdout="tty", columns: int = 100, timeout: int = 300):
    """Run ``claimx ARGS`` with stdin and stderr on a new pseudo-terminal; ``stdout`` is a path (redirected to that
    file), 'pipe', or 'tty'. Returns (exit status, what reached the pipe, what the terminal showed)."""
    term = Terminal(columns)
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS", "LINES", "CLAIMX_MODEL")}
    env.update(TERM="xterm-256color", PAGER="cat", PYTHONIOENCODING="utf-8")
    out_file = None
    if stdout == "tty":
        target = term.slave
    elif stdout == "pipe":
        target = subprocess.PIPE
    else:
        out_file = open(stdout, "wb")
        target = out_file
    term.reader.start()
    try:
        proc = subprocess.Popen(claimx_command() + args, cwd=cwd, stdin=term.slave, stdout=target,
                                stderr=term.slave, env=env, start_new_session=True)
        os.close(term.slave)
        piped = proc.stdout.read() if stdout == "pipe" else b""
        code = proc.wait(timeout=timeout)
    finally:
        if out_file is not None:
            out_file.close()
    term.reader.join(timeout=10)
    os.close(term.master)
    return code, piped.decode("utf-8"), term.text


@pytest.fixture()
def essays(tmp_path: Path) -> Path:
    folder = tmp_path / "essays"
    folder.mkdir()
    for name, text in ESSAYS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def csv_rows(text: str) -> list[dict]:
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows and {r["file"] for r in rows} == {"essays/harbour.txt", "essays/schools.txt"}, text[:500]
    return rows


def assert_terminal_has_no_rows(screen: str) -> None:
    """The terminal shows messages (the summary), never the claims meant for the output."""
    assert "harbour.txt," not in screen and "$45 million" not in screen, screen[-2000:]


# (extra arguments, where stdout goes): every route that writes claims to standard output
TO_STDOUT = [
    ([], "file"),
    ([], "pipe"),
    (["--format", "jsonl"], "file"),
    (["--jobs", "2"], "file"),
    (["--jobs", "2"], "pipe"),
]


@pytest.mark.parametrize("extra,where", TO_STDOUT)
def test_extract_to_stdout_from_a_terminal_writes_every_row(essays, extra, where):
    out = essays.parent / "claims.out"
    code, piped, screen = run_in_terminal(["extract", "essays"] + extra, essays.parent,
                                          stdout=out if where == "file" else "pipe")
    assert code == 0, screen
    written = out.read_text(encoding="utf-8") if where == "file" else piped
    if "--format" in extra:
        rows = [json.loads(line) for line in written.splitlines()]
        assert len(rows) >= N_CLAIMS_AT_LEAST
    else:
        assert len(csv_rows(written)) >= N_CLAIMS_AT_LEAST
    assert "2 files:" in screen  # the summary line still reaches the terminal
    assert_terminal_has_no_rows(screen)


def test_extract_with_output_file_from_a_terminal(essays):
    code, _, screen = run_in_terminal(["extract", "essays", "-o", "claims.csv"], essays.parent)
    assert code == 0, screen
    assert len(csv_rows((essays.parent / "claims.csv").read_text(encoding="utf-8"))) >= N_CLAIMS_AT_LEAST
    assert_terminal_has_no_rows(screen)


def test_extract_with_a_store_from_a_terminal_writes_the_rows_it_stores(essays):
    base = essays.parent
    code, _, screen = run_in_terminal(["extract", "essays", "--db", "store.db"], base, stdout=base / "new.csv")
    assert code == 0, screen
    first = csv_rows((base / "new.csv").read_text(encoding="utf-8"))
    # the rerun skips both (unchanged) and says so; everything stored is still there for export
    code, _, screen = run_in_terminal(["extract", "essays", "--db", "store.db"], base, stdout=base / "again.csv")
    assert code == 0 and "2 unchanged" in screen, screen
    code, _, screen = run_in_terminal(["export", "--db", "store.db"], base, stdout=base / "all.csv")
    assert code == 0, screen
    assert len(csv_rows((base / "all.csv").read_text(encoding="utf-8"))) == len(first)


def test_extract_on_a_local_dask_cluster_from_a_terminal(essays):
    pytest.importorskip("distributed")
    out = essays.parent / "claims.csv"
    code, _, screen = run_in_terminal(["extract", "essays", "--scheduler", "local", "--jobs", "2"], essays.parent,
                                      stdout=out)
    assert code == 0, screen
    assert len(csv_rows(out.read_text(encoding="utf-8"))) >= N_CLAIMS_AT_LEAST
    assert_terminal_has_no_rows(screen)


@pytest.mark.parametrize("where", ["file", "pipe", "-o"])
def test_report_from_a_terminal(essays, where):
    out = essays.parent / "report.html"
    args = ["report", "essays"] + (["-o", "report.html"] if where == "-o" else [])
    code, piped, screen = run_in_terminal(args, essays.parent, stdout=out if where == "file" else "pipe")
    assert code == 0, screen
    page = piped if where == "pipe" else out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "$45 million" in page and "one in five" in page
    assert "<!DOCTYPE" not in screen


def test_essays_from_a_terminal(essays):
    out = essays.parent / "essays.csv"
    code, _, screen = run_in_terminal(["essays", "essays"], essays.parent, stdout=out)
    assert code == 0, screen
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [r["title"] for r in rows] == ["The Harbour Budget", "Rural Schools"]


def test_table_on_the_terminal_is_drawn_once_after_the_bar(essays):
    code, _, screen = run_in_terminal(["extract", "essays", "--no-pager"], essays.parent, stdout="tty")
    assert code == 0, screen
    assert screen.count("Value marks:") == 1
    assert "essays/harbour.txt" in screen and "essays/schools.txt" in screen
    assert "file,start,end" not in screen  # a table, not CSV


ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")


def test_a_money_rate_stays_whole_in_a_50_column_terminal(tmp_path):
    (tmp_path / "rates.txt").write_text("The ferry service costs the island about $265 per capita each winter, "
                                        "while the harbour dredging took $3 million.\n", encoding="utf-8")
    code, _, screen = run_in_terminal(["extract", "rates.txt", "--no-pager"], tmp_path, stdout="tty", columns=50)
    assert code == 0, screen
    lines = [line.rstrip() for line in ANSI.sub("", screen).replace("\r", "").split("\n")]
    assert any("265 USD per capita" in line for line in lines), "\n".join(lines)
    assert any(re.search(r"\b3 mn USD\b", line) for line in lines), "\n".join(lines)
    assert max(len(line) for line in lines if "USD" in line) <= 50


def test_compare_to_a_file_from_a_terminal(tmp_path):
    """`claimx compare folder/ > groups.csv` typed at a terminal: every group's rows in the file, none on screen."""
    out = tmp_path / "groups.csv"
    code, _, screen = run_in_terminal(["compare", str(Path(__file__).parent / "collection")], tmp_path, stdout=out)
    assert code == 0, screen
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert rows[0]["verdict"] == "conflict" and len({r["group"] for r in rows}) == 12
    assert "salmon" not in screen
