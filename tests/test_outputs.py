"""Outputs an analyst opens at once: the .xlsx workbook, CSV as a spreadsheet reads it, the terminal table."""
from __future__ import annotations

import datetime
import re

import pytest

from conftest import run_cli as run

ESSAY = """A Year of Prices

By Ana Lima and Joe Bloggs

March 3, 2021

Rents rose 5.5 percent in 2020, while wages grew by $1,200 a year. On July 13, officials said =SUM(A1:A9) was "not a formula".
- In Lima, 40% of households spent more than a third of their income on rent.
"""


@pytest.fixture()
def essay(tmp_path):
    p = tmp_path / "prices.txt"
    p.write_text(ESSAY, encoding="utf-8")
    return p


def test_xlsx_workbook_has_typed_cells_a_frozen_filtered_header_and_an_essays_sheet(essay, tmp_path):
    import openpyxl

    out = tmp_path / "claims.xlsx"
    result = run("extract", str(essay), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["claims", "essays"]
    ws = wb["claims"]
    header = [c.value for c in ws[1]]
    assert header[:6] == ["file", "start", "end", "text", "kind", "value"] and ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:{ws.cell(1, len(header)).column_letter}{ws.max_row}"
    assert all(c.font.b for c in ws[1])
    rows = [dict(zip(header, (c.value for c in row))) for row in ws.iter_rows(min_row=2)]
    by_text = {r["text"]: r for r in rows}
    assert by_text["5.5 percent"]["value"] == 5.5 and by_text["$1,200 a year"]["value"] == 1200
    assert isinstance(by_text["5.5 percent"]["start"], int)
    assert by_text["March 3, 2021"]["value"] == datetime.datetime(2021, 3, 3)  # a full date is a date
    assert by_text["July 13"]["value"] == "--07-13" and by_text["2020"]["value"] == "2020"  # partial: text
    assert by_text["5.5 percent"]["in_table"] is False
    sentence = next(r["sentence"] for r in rows if "SUM" in (r["sentence"] or ""))
    assert "=SUM(A1:A9)" in sentence
    formula_cells = [c for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert not formula_cells
    essays = wb["essays"]
    assert [c.value for c in essays[1]][:4] == ["file", "essay", "title", "authors"]
    assert essays.cell(2, 3).value == "A Year of Prices" and essays.cell(2, 4).value == "Ana Lima; Joe Bloggs"


def test_a_cell_that_starts_with_equals_is_text(tmp_path):
    import openpyxl

    p = tmp_path / "f.txt"
    p.write_text('=HYPERLINK("http://x", "5 percent") rose 5 percent.', encoding="utf-8")
    out = tmp_path / "f.xlsx"
    assert run("extract", str(p), "-o", str(out)).exit_code == 0
    ws = openpyxl.load_workbook(out)["claims"]
    cells = [c for row in ws.iter_rows(min_row=2) for c in row if isinstance(c.value, str) and c.value.startswith("=")]
    assert cells and all(c.data_type == "s" for c in cells)


def test_xlsx_needs_an_output_file(essay):
    result = run("extract", str(essay), "--format", "xlsx")
    assert result.exit_code == 2 and "--output" in result.stderr


def test_essays_and_export_write_workbooks_too(essay, tmp_path):
    import openpyxl

    assert run("essays", str(essay), "-o", str(tmp_path / "e.xlsx")).exit_code == 0
    assert openpyxl.load_workbook(tmp_path / "e.xlsx").sheetnames == ["essays"]
    db = tmp_path / "c.db"
    assert run("extract", str(essay), "--db", str(db), "-q", "-f", "jsonl").exit_code == 0
    assert run("export", "--db", str(db), "-o", str(tmp_path / "x.xlsx")).exit_code == 0
    assert openpyxl.load_workbook(tmp_path / "x.xlsx")["claims"].max_row > 3


def test_csv_escapes_document_text_only(tmp_path):
    import csv
    import io

    p = tmp_path / "d.txt"
    p.write_text("-3% was the change on July 13, and +2% the year before, said =Bob.\n", encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(run("extract", str(p), "-f", "csv").stdout)))
    assert [r["value"] for r in rows if r["kind"] == "date"] == ["--07-13"]
    assert all(not r["value"].startswith("'") for r in rows)  # generated values are never escaped
    assert all(r["sentence"].startswith("'-3%") for r in rows)  # document text is, and keeps its sign
    stdin_rows = list(csv.DictReader(io.StringIO(run("extract", "-", "-f", "csv", input="It rose 5 percent.").stdout)))
    assert stdin_rows[0]["file"] == "-"  # '-' is claimx's name for standard input, not document text
    partial = list(csv.DictReader(io.StringIO(run("extract", "-", "-f", "csv", input="It fell on July 13.").stdout)))
    assert partial[0]["value"] == "--07-13"


@pytest.fixture(scope="module")
def fixture_claims(nlp):
    from claimx.batch import extract_files

    from conftest import FIXTURES

    (result,) = list(extract_files([str(FIXTURES / "000_f2578a8095776c86.txt")], nlp=nlp))
    return result.claims


@pytest.mark.parametrize("width", [80, 120, 160])
def test_the_table_wraps_at_words_and_each_excerpt_holds_its_claim(fixture_claims, width):
    import io

    from rich.console import Console

    from claimx.io.writers import display_value, render_table, write_table

    claims = fixture_claims
    console = Console(width=width, record=True, file=io.StringIO(), force_terminal=True)
    write_table(claims, None, console=console)
    text = console.export_text()
    assert max(len(line) for line in text.splitlines()) <= width
    # every word on screen is a whole word of what was shown: nothing cut like 'pharmaceutic' / 'al'
    from claimx.io.writers import count_line

    essays = {}
    for c in claims:
        essays.setdefault(c.essay, []).append(c)
    shown = " ".join(" ".join(filter(None, (c.sentence, c.subject, c.text, c.unit, c.time, c.kind.value,
                                             display_value(c), c.essay_title, c.file, ", ".join(c.authors),
                                             c.published, str(c.essay))))
                     for c in claims) + " ".join(count_line(group) for group in essays.values())
    words = set(re.findall(r"[\w’'-]+", shown)) | set(re.findall(r"[\w’'-]+", "Kind Claim Value Unit Subject Time "
                                                                        "Excerpt claims essay Value marks about over under increase decrease the claim is highlighted in its excerpt"))
    on_screen = set(re.findall(r"[\w’'-]+", text))
    assert on_screen - words == set()
    # each row's excerpt (its own cell) holds its claim, highlighted
    table = render_table(claims, width=width)
    excerpts = table.columns[-1]._cells
    for c, cell in zip(claims, excerpts):
        claim = " ".join(c.text.replace("\u00a0", " ").split())
        assert claim in cell.plain, (claim, cell.plain)
        assert any(span.style == "bold reverse" and cell.plain[span.start:span.end] == claim for span in cell.spans)


def test_essays_of_one_collection_get_a_heading_each(fixture_claims):
    import io

    from rich.console import Console

    from claimx.io.writers import write_table

    console = Console(width=120, record=True, file=io.StringIO())
    write_table(fixture_claims, None, console=console)
    text = console.export_text()
    essays = sorted({c.essay for c in fixture_claims})
    assert len(essays) > 1
    for n in essays:
        assert f"· essay {n}" in text


def test_the_direction_mark_has_a_column_of_its_own():
    import io

    from rich.console import Console

    from claimx.io.writers import render_table
    from claimx.model import Claim, Direction, Kind

    rows = [Claim("a", 0, 3, "40%", Kind.percent, value=40, unit="%", direction=Direction.increase, sentence="x 40% y"),
            Claim("a", 5, 8, "5%", Kind.percent, value=5, unit="%", sentence="x 5% y")]
    console = Console(width=80, record=True, file=io.StringIO())
    console.print(render_table(rows, width=80))
    lines = [line for line in console.export_text().splitlines() if "%" in line and "y" in line]
    assert lines[0].index("%") == lines[1].index("%")  # the values end in the same column, mark or not
    assert "▲" in lines[0] and "▲" not in lines[1]


def test_parquet_on_one_machine_keeps_exact_values_and_typed_columns(essay, tmp_path):
    import pyarrow.parquet as pq

    out = tmp_path / "claims.parquet"
    result = run("extract", str(essay), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    table = pq.read_table(out)
    assert table.schema.field("start").type == "int64" and table.schema.field("in_table").type == "bool"
    assert str(table.schema.field("authors").type).startswith("list<") and "string" in str(table.schema.field("authors").type)
    rows = {r["text"]: r for r in table.to_pylist()}
    assert rows["$1,200 a year"]["value"] == "1200" and rows["$1,200 a year"]["value_number"] == 1200.0
    assert rows["July 13"]["value"] == "--07-13" and rows["July 13"]["value_number"] is None
    assert rows["5.5 percent"]["authors"] == ["Ana Lima", "Joe Bloggs"]
    assert list(table.column_names[:4]) == ["file", "start", "end", "text"]


def test_a_cluster_without_dask_installed_is_one_clear_line(essay, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "distributed", None)  # as if the 'dask' extra were not installed
    result = run("extract", str(essay), "--scheduler", "local", "-f", "jsonl")
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert 'pip install "claimx[dask]"' in result.stderr and "Traceback" not in result.stderr
