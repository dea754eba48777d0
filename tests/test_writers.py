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


def test_csv_lines_end_in_newline_not_crlf():
    """Rows end in \n as pandas and sqlite-utils write them; a line break inside a quoted cell is kept as it is."""
    multi = Claim("c.txt", 0, 3, "40%", Kind.percent, value=Decimal(40), unit="%", sentence="Up\r\n40% it went.")
    out = io.StringIO(newline="")
    WRITERS[Format.csv](CLAIMS + [multi], out)
    data = out.getvalue()
    assert data.count("\n") == len(CLAIMS) + 2 + 1  # header, rows, and the line break inside the quoted sentence
    assert "\r\n" not in data.replace('"Up\r\n40% it went."', "")
    assert list(csv.DictReader(io.StringIO(data, newline="")))[-1]["sentence"] == "Up\r\n40% it went."


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
