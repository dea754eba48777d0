"""Careless or hostile input: encodings, binary files, empty and huge files, bad paths, pipes, Ctrl-C,
atomic output, spreadsheet safety. Each case of the README's "Input and output guarantees"."""
from __future__ import annotations

import codecs
import csv
import io
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimx.cli import app
from conftest import FIXTURES, PEAK_MB

SENTENCE = "Café prices rose 3 percent in “2019”, said Zoë.\r\nThe rest stayed flat.\r\n"


def run(*args, **kw):
    return CliRunner().invoke(app, ["extract", *map(str, args)], **kw)


def claimx_cmd() -> list[str]:
    script = Path(sys.executable).parent / "claimx"
    return [str(script)] if script.exists() else [sys.executable, "-m", "claimx"]


@pytest.mark.parametrize("encoding,data", [
    ("utf-8", SENTENCE.encode("utf-8")),
    ("utf-8-sig", codecs.BOM_UTF8 + SENTENCE.encode("utf-8")),
    ("utf-16", SENTENCE.encode("utf-16")),  # with its byte-order mark
    ("windows-1252", SENTENCE.encode("cp1252")),
    ("latin-1", SENTENCE.replace("“", '"').replace("”", '"').encode("latin-1")),
])
def test_encodings_are_detected_and_offsets_index_the_decoded_text(nlp, tmp_path, encoding, data):
    p = tmp_path / "essay.txt"
    p.write_bytes(data)
    result = run(p, "-f", "jsonl", "--verbose")
    assert result.exit_code == 0, result.output
    rows = [json.loads(x) for x in result.stdout.splitlines()]
    text = data.decode({"latin-1": "cp1252"}.get(encoding, encoding))
    if text.startswith("\ufeff"):
        text = text[1:]
    assert [r["text"] for r in rows] == ["3 percent", "2019"]
    assert all(text[r["start"]:r["end"]] == r["text"] for r in rows)
    assert rows[0]["subject"] == "Café prices"
    assert f"{p}: read as" in result.stderr  # --verbose names the encoding used


def test_legacy_encoding_is_reported_not_silent_and_encoding_overrides(nlp, tmp_path):
    p = tmp_path / "old.txt"
    p.write_bytes("Caf\xe9 sales fell 4 percent.".encode("latin-1"))
    result = run(p, "-f", "jsonl")
    assert result.exit_code == 0
    assert f"{p}: not UTF-8; read as windows-1252" in result.stderr
    forced = run(p, "-f", "jsonl", "--encoding", "latin-1")
    assert forced.exit_code == 0 and "not UTF-8" not in forced.stderr
    assert json.loads(forced.stdout.splitlines()[0])["sentence"] == "Café sales fell 4 percent."
    assert run(p, "--encoding", "no-such-codec").exit_code == 2


@pytest.mark.parametrize("name,data,kind", [
    ("chart.png", b"\x89PNG\r\n\x1a\n\x00\x00", "PNG image"),
    ("data.zip", b"PK\x03\x04\x14\x00", "zip archive"),
    ("fake.txt", b"\x00\x01\x02binary\x00", "binary data"),
])
def test_binary_files_are_skipped_with_a_warning(nlp, tmp_path, name, data, kind):
    (tmp_path / name).write_bytes(data)
    (tmp_path / "ok.txt").write_text("Rents rose 5 percent.", encoding="utf-8")
    for args in ([tmp_path / name, tmp_path / "ok.txt"], [tmp_path]):  # given, or found in a folder
        result = run(*args, "-f", "jsonl")
        assert result.exit_code == 0, result.output
        assert f"{tmp_path / name}: {kind}" in result.stderr and "skipped" in result.stderr
        assert [json.loads(x)["text"] for x in result.stdout.splitlines()] == ["5 percent"]


@pytest.mark.parametrize("content", ["", "   \n\n\t  \n", "No numbers here at all.\n"])
def test_empty_and_numberless_files_give_no_rows_and_no_error(nlp, tmp_path, content):
    p = tmp_path / "empty.txt"
    p.write_text(content, encoding="utf-8")
    result = run(p, "-f", "csv")
    assert result.exit_code == 0 and result.stderr == ""
    assert len(result.stdout.splitlines()) == 1  # the header only


def test_a_single_2mb_line_past_spacys_max_length(nlp, tmp_path):
    filler = "the committee kept talking about the plan and nothing else "
    text = filler * (2_100_000 // len(filler)) + "and prices rose 5 percent in 2019."
    assert len(text) > nlp.max_length
    p = tmp_path / "line.txt"
    p.write_text(text, encoding="utf-8")
    result = run(p, "-f", "jsonl")
    assert result.exit_code == 0, result.output
    rows = [json.loads(x) for x in result.stdout.splitlines()]
    assert [r["text"] for r in rows] == ["5 percent", "2019"]
    assert all(text[r["start"]:r["end"]] == r["text"] for r in rows)


HUGE = PEAK_MB + r"""
import json, resource, sys
from claimx import batch
from claimx.nlp import load_nlp
para = ("The committee met again to discuss the plan, and members spoke about procedure. " * 20) + "\n\n"
numeric = "Exports rose 12 percent in 2019, to $4.5 billion, and 27,385 arrests were made.\n\n"
blocks, size, i = [], 0, 0
while size < 20_000_000:
    b = para if i % 10 else numeric
    blocks.append(b); size += len(b); i += 1
text = "".join(blocks)
open(sys.argv[1], "w").write(text)
del blocks
claims = next(iter(batch.extract_files([sys.argv[1]], nlp=load_nlp()))).claims
print(json.dumps({"n": len(claims), "ok": all(text[c.start:c.end] == c.text for c in claims),
                  "numeric": text.count("Exports rose"),
                  "peak_mb": peak_mb()}))
"""


@pytest.mark.slow
def test_a_20mb_file_in_bounded_memory(tmp_path):
    out = subprocess.run([sys.executable, "-c", HUGE, str(tmp_path / "big.txt")], capture_output=True, text=True,
                         timeout=1800, check=True)
    r = json.loads(out.stdout.strip().splitlines()[-1])
    assert r["ok"] and r["n"] == 4 * r["numeric"]  # 12 percent, 2019, $4.5 billion, 27,385 in every block
    assert r["peak_mb"] < 800, r


def test_missing_paths_and_empty_folders_are_usage_errors_and_the_rest_still_runs(nlp, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Rents rose 5 percent.", encoding="utf-8")
    empty = tmp_path / "empty_dir"
    empty.mkdir()
    result = run(tmp_path / "missing.txt", empty, good, "-f", "jsonl")
    assert result.exit_code == 2
    assert f"{tmp_path / 'missing.txt'}: no such file or folder" in result.stderr
    assert f"{empty}: folder holds no .txt, .md, .pdf, .html or .docx files" in result.stderr
    assert [json.loads(x)["text"] for x in result.stdout.splitlines()] == ["5 percent"]


def test_an_unreadable_file_fails_with_status_1(nlp, tmp_path, monkeypatch):
    bad, good = tmp_path / "locked.txt", tmp_path / "good.txt"
    bad.write_text("Rents rose 9 percent.", encoding="utf-8")
    good.write_text("Rents rose 5 percent.", encoding="utf-8")
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    result = run(bad, good, "-f", "jsonl")
    assert result.exit_code == 1
    assert f"{bad}: cannot read (Permission denied)" in result.stderr
    assert "Traceback" not in result.output
    assert [json.loads(x)["text"] for x in result.stdout.splitlines()] == ["5 percent"]


def test_a_fault_of_claimx_on_one_file_fails_that_file_only(nlp, tmp_path, monkeypatch):
    import claimx.api

    bad, good = tmp_path / "odd.txt", tmp_path / "good.txt"
    bad.write_text("Glaciers thinned 2 metres a year.", encoding="utf-8")
    good.write_text("Rents rose 5 percent.", encoding="utf-8")
    real = claimx.api.read_texts

    def read_texts(items, **kw):
        items = list(items)
        if any(name.endswith("odd.txt") for _, name in items):
            raise KeyError("some_internal_key")
        return real(items, **kw)

    monkeypatch.setattr(claimx.api, "read_texts", read_texts)
    result = run(bad, good, "-f", "jsonl")
    assert result.exit_code == 1
    lines = [x for x in result.stderr.splitlines() if "odd.txt" in x]
    assert len(lines) == 1
    assert f"{bad}: internal error while extracting (KeyError: 'some_internal_key'); please report it" in lines[0]
    assert "Traceback" not in result.output
    assert [json.loads(x)["text"] for x in result.stdout.splitlines()] == ["5 percent"]


@pytest.mark.slow
def test_piping_into_head_ends_quietly():
    proc = subprocess.run(" ".join(claimx_cmd() + ["extract", str(FIXTURES / "002_6edce8679ec63763.txt"), "-f", "csv",
                                                  "|", "head", "-3"]),
                          shell=True, capture_output=True, text=True, timeout=300)
    assert len(proc.stdout.splitlines()) == 3
    assert proc.stderr == ""


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_ctrl_c_leaves_well_formed_output(tmp_path, fmt):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(12):
        (folder / f"e{i:02d}.txt").write_text((FIXTURES / "000_f2578a8095776c86.txt").read_text(encoding="utf-8"),
                                              encoding="utf-8")
    out_path = tmp_path / f"out.{fmt}"
    with open(out_path, "w", encoding="utf-8") as out:
        proc = subprocess.Popen(claimx_cmd() + ["extract", str(folder), "-f", fmt, "-q"], stdout=out,
                                stderr=subprocess.PIPE, text=True)
        deadline = time.time() + 240
        while time.time() < deadline and out_path.stat().st_size < 20_000 and proc.poll() is None:
            time.sleep(0.2)
        assert proc.poll() is None, "finished before it could be interrupted"
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130
    assert "interrupted" in err and "Traceback" not in err
    text = out_path.read_text(encoding="utf-8")
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(text)))
        assert len(rows) > 10 and all(len(r) == len(rows[0]) for r in rows)  # no row cut in half
    else:
        assert len(json.loads(text)) > 10  # the array was closed


@pytest.mark.slow
def test_output_file_is_replaced_atomically(tmp_path):
    target = tmp_path / "claims.csv"
    target.write_text("previous good content\n", encoding="utf-8")
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(12):
        (folder / f"e{i:02d}.txt").write_text((FIXTURES / "002_6edce8679ec63763.txt").read_text(encoding="utf-8"),
                                              encoding="utf-8")
    proc = subprocess.Popen(claimx_cmd() + ["extract", str(folder), "-o", str(target), "-q"],
                            stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 240
    while time.time() < deadline and proc.poll() is None and not list(tmp_path.glob(".claims.csv.*.part")):
        time.sleep(0.2)
    time.sleep(2)
    assert proc.poll() is None
    proc.send_signal(signal.SIGINT)
    proc.communicate(timeout=120)
    assert target.read_text(encoding="utf-8") == "previous good content\n"
    assert not list(tmp_path.glob(".claims.csv.*.part"))
    ok = subprocess.run(claimx_cmd() + ["extract", str(FIXTURES / "002_6edce8679ec63763.txt"), "-o", str(target)],
                        capture_output=True, text=True, timeout=300)
    assert ok.returncode == 0 and target.read_text(encoding="utf-8").startswith("file,start,end")


def test_csv_cells_cannot_run_as_formulas(nlp, tmp_path):
    p = tmp_path / "f.txt"
    p.write_text("=SUM(A1) prices fell -1.7% in 2019.\n\n@user said +5 percent.", encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(run(p, "-f", "csv").stdout)))
    assert rows[0]["text"] == "'-1.7%" and rows[0]["value"] == "-1.7"  # text escaped, the number stays a number
    assert not any(v.startswith(("=", "+", "@")) for r in rows for v in r.values())
    assert any(r["sentence"].startswith("'=SUM") for r in rows)
    raw = list(csv.DictReader(io.StringIO(run(p, "-f", "csv", "--csv-formulas").stdout)))
    assert raw[0]["text"] == "-1.7%"
