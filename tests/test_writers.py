import csv
import io
import json
from decimal import Decimal

import pytest

from claimx.model import FIELDS, Claim, Direction, Kind, Qualifier
from claimx.io.writers import WRITERS, Format, display_value, render_table

CLAIMS = [
    Claim("a.txt", 10, 20, "$4 billion", Kind.money, value=Decimal("4E+9"), unit="USD", qualifier=Qualifier.approx,
          subject="spending, \"new\" plan", sentence="It costs $4 billion."),
    Claim("a.txt", 30, 48, "between 8% and 17%", Kind.percent, low=Decimal(8), high=Decimal(17), unit="%",
          direction=Direction.decrease, subject="contracts"),
    Claim("b.txt", 0, 4, "2019", Kind.date, value="2019"),
    Claim("b.txt", 5, 13, "two-thirds", Kind.ratio, value=Decimal(2) / 3),
]


def test_csv_round_trip():
    out = io.StringIO()
    assert WRITERS[Format.csv](CLAIMS, out) == 4
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert list(rows[0]) == list(FIELDS)
    assert rows[0]["value"] == "4000000000"
    assert rows[0]["subject"] == 'spending, "new" plan'
    assert rows[1]["value"] == "" and rows[1]["low"] == "8" and rows[1]["high"] == "17"
    assert rows[1]["direction"] == "decrease" and rows[0]["qualifier"] == "approx"
    assert rows[2]["value"] == "2019"
    assert rows[3]["value"] == "0.6666666666666666"
    assert float(rows[3]["value"]) == pytest.approx(2 / 3)


def test_csv_header_only_when_empty():
    out = io.StringIO()
    WRITERS[Format.csv]([], out)
    assert out.getvalue().strip() == ",".join(FIELDS)


def test_jsonl_one_object_per_line_with_every_field():
    out = io.StringIO()
    WRITERS[Format.jsonl](CLAIMS, out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 4
    first = json.loads(lines[0])
    assert list(first) == list(FIELDS)
    assert first["value"] == 4000000000 and first["kind"] == "money" and first["qualifier"] == "approx"


@pytest.mark.parametrize("claims", [CLAIMS, []])
def test_json_is_an_array(claims):
    out = io.StringIO()
    WRITERS[Format.json](claims, out)
    assert json.loads(out.getvalue()) == [c.to_dict() for c in claims]


def test_every_format_has_a_writer():
    from claimx.io.writers import DOCUMENT_FORMATS, FILE_ONLY

    assert set(WRITERS) | FILE_ONLY | DOCUMENT_FORMATS == set(Format)  # xlsx: write_xlsx; html: claimx.io.report


def test_display_value_marks_qualifier_direction_and_ranges():
    assert display_value(CLAIMS[0]) == "~4 bn"
    assert display_value(CLAIMS[1]) == "8–17 ▼"


def test_table_fits_80_columns_and_keeps_numbers_whole():
    from rich.console import Console

    console = Console(width=80, record=True, file=io.StringIO())
    console.print(render_table(CLAIMS[:2], title="a.txt", width=80))
    text = console.export_text()
    assert max(len(line) for line in text.splitlines()) <= 80
    assert "~4 bn USD" in text and "8–17 %" in text and "▼" in text  # at 80 columns the unit joins the value
    assert "2 claims: money 1, percent 1" in text


# values no float holds, or of more digits than Python writes as an int: exact text, never a crash or a 0
HUGE = [Claim("c.txt", 0, 5, "10^80", Kind.count, value=Decimal("1E+80")),
        Claim("c.txt", 6, 13, "10^-400", Kind.percent, value=Decimal("1E-400"), unit="%"),
        Claim("c.txt", 14, 20, "10^400", Kind.count, value=Decimal(10**400 + 1)),
        Claim("c.txt", 21, 5021, "7" * 5000, Kind.count, value=Decimal("7" * 5000))]
HUGE_TEXT = [str(10**80), "0." + "0" * 399 + "1", str(10**400 + 1), "7" * 5000]


@pytest.mark.parametrize("fmt", [Format.csv, Format.jsonl, Format.json, Format.table])
def test_text_writers_keep_huge_and_tiny_values_exact(fmt):
    out = io.StringIO()
    assert WRITERS[fmt](HUGE, out) == len(HUGE)
    if fmt == Format.csv:
        assert [r["value"] for r in csv.DictReader(io.StringIO(out.getvalue()))] == HUGE_TEXT
    elif fmt != Format.table:
        rows = [json.loads(line) for line in out.getvalue().splitlines() if line.strip("[], ")] if fmt == Format.jsonl \
            else json.loads(out.getvalue())
        assert [str(r["value"]) for r in rows] == HUGE_TEXT


def test_xlsx_and_parquet_keep_huge_and_tiny_values_exact(tmp_path):
    import openpyxl
    import pyarrow.parquet as pq

    from claimx.io.parquet import write_parquet
    from claimx.io.writers import write_xlsx

    write_xlsx(HUGE, str(tmp_path / "x.xlsx"))
    rows = list(openpyxl.load_workbook(tmp_path / "x.xlsx")["claims"].values)
    values = [r[rows[0].index("value")] for r in rows[1:]]
    assert values[0] == 1e80 and values[1:] == HUGE_TEXT[1:]  # a number a spreadsheet holds; the rest as text
    write_parquet(HUGE, str(tmp_path / "x.parquet"))
    table = pq.read_table(tmp_path / "x.parquet")
    assert table["value"].to_pylist() == HUGE_TEXT
    assert table["value_number"].to_pylist() == [1e80, None, None, None]  # no float: null, never inf or 0
