import csv
import dataclasses
import io
import json
import re
from decimal import Decimal

import pytest

from claimx.model import FIELDS, Claim, Direction, EssayRow, Kind, Qualifier
from claimx.io.writers import WRITERS, Format, display_value, render_table

CLAIMS = [
    Claim("a.txt", 10, 20, "$4 billion", Kind.money, value=Decimal("4E+9"), unit="USD", qualifier=Qualifier.approx,
          subject="spending, \"new\" plan", sentence="It costs $4 billion."),
    Claim("a.txt", 30, 48, "between 6% and 19%", Kind.percent, low=Decimal(6), high=Decimal(19), unit="%",
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
    assert rows[1]["value"] == "" and rows[1]["low"] == "6" and rows[1]["high"] == "19"
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
    assert display_value(CLAIMS[1]) == "6–19 ▼"


def test_table_fits_80_columns_and_keeps_numbers_whole():
    from rich.console import Console

    console = Console(width=80, record=True, file=io.StringIO())
    console.print(render_table(CLAIMS[:2], title="a.txt", width=80))
    text = console.export_text()
    assert max(len(line) for line in text.splitlines()) <= 80
    assert "~4 bn USD" in text and "6–19 %" in text and "▼" in text  # at 80 columns the unit joins the value
    assert "2 claims: money 1, percent 1" in text


# ---------------------------------------------------------------- the table at every width

RATE = "The museum costs about $265 per capita, while the town spent $4 billion on bridges in 2019."
RANGE = "Vacancies among seasonal orchard pickers in the southern valley farms rose from 9% to 14% last spring."
NARROW_CLAIMS = [
    Claim("r.pdf", 17, 38, "about $265 per capita", Kind.money, value=Decimal(265), unit="USD per capita",
          qualifier=Qualifier.approx, subject="The museum", time="2019", page=3, sentence=RATE),
    Claim("r.pdf", 61, 71, "$4 billion", Kind.money, value=Decimal("4E+9"), unit="USD", subject="bridges", page=3,
          sentence=RATE),
    Claim("r.pdf", 76, 90, "from 9% to 14%", Kind.percent, low=Decimal(9), high=Decimal(14), unit="%",
          direction=Direction.increase, page=12, sentence=RANGE,
          subject="Vacancies among seasonal orchard pickers in the southern valley farms"),
    Claim("r.pdf", 85, 89, "2019", Kind.date, value="2019", page=3, sentence=RATE),
]
# each claim's number and the unit that must stand whole on the same line as it
NUMBERS = [("~265", "USD per capita"), ("4 bn", "USD"), ("9–14", "%"), ("2019", "")]
# the columns drawn for these claims: from the widest value cell ('~265 USD per capita', 19 characters) and the
# least room of the subject (12) and excerpt (20); below 47 columns one block per claim
COLUMNS_AT = {
    140: ["Page", "Kind", "Claim", "Value", "Unit", "Subject", "Time", "Excerpt"],
    100: ["Page", "Kind", "Value", "Subject", "Excerpt"],  # the unit column would leave the excerpt too little
    80: ["Page", "Kind", "Value", "Subject", "Excerpt"],
    60: ["Page", "Kind", "Value", "Subject"],
    56: ["Kind", "Value", "Subject"],  # the page goes before the subject
    50: ["Kind", "Value", "Subject"],
    40: [],  # the subject would not fit: one block per claim, never a table of numbers without what they measure
    30: [],
}
HEADERS = ["Page", "Kind", "Claim", "Value", "Unit", "Subject", "Time", "Excerpt"]


def _screen(claims, width: int) -> str:
    from rich.console import Console

    from claimx.io.writers import write_table

    console = Console(width=width, record=True, file=io.StringIO(), force_terminal=True)  # as on a terminal: no marker line
    write_table(claims, None, console=console)
    return console.export_text()


@pytest.mark.parametrize("width", sorted(COLUMNS_AT))
def test_the_table_at_any_width_keeps_numbers_units_and_words_whole(width):
    text = _screen(NARROW_CLAIMS, width)
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= width
    for number, unit in NUMBERS:  # the number and its whole unit on one line: '~265 USD per capita', never '~18'
        pattern = re.compile(rf"(?<![\w.,~]){re.escape(number)}(?![\w.,–])")
        at = [line for line in lines if pattern.search(line)]
        assert at and any(unit in line for line in at), (number, unit, text)
    # every word on screen is a whole word of what was shown: no 'Kin'/'d', 'mon'/'ey', 'Unemploymen'/'t'
    shown = " ".join(" ".join(filter(None, (c.sentence, c.subject, c.text, c.unit, c.time, c.kind.value, c.file)))
                     for c in NARROW_CLAIMS)
    words = set(re.findall(r"[\w’'-]+", shown + " " + " ".join(HEADERS) + " 3 12 4 bn 9–14 265 claims claim date 1 "
                           "money 2 percent Value marks about over under increase decrease the is highlighted in "
                           "its excerpt"))
    assert set(re.findall(r"[\w’'-]+", text)) - words == set(), text
    header = next((line for line in lines if {"Kind", "Value"} <= set(line.split())), None)
    if COLUMNS_AT[width]:
        assert header is not None and [h for h in header.split() if h in HEADERS] == COLUMNS_AT[width], text
    else:  # one block per claim, each with its kind, page and value
        assert header is None and text.count("Kind ") == len(NARROW_CLAIMS), text
        assert re.search(r"^Page +12 *$", text, re.M) and re.search(r"^Value +9–14 % ▲ *$", text, re.M), text
    if "Page" in COLUMNS_AT[width]:  # each row shows its page
        assert re.search(r"^ +12 +percent .*9–14", text, re.M), text


def test_a_money_rate_shows_its_currency_like_other_money():
    text = _screen(NARROW_CLAIMS[:2], 80)
    assert "~265 USD per capita" in text and "4 bn USD" in text


def test_a_table_without_pages_has_no_page_column():
    text = _screen([dataclasses.replace(c, page=None) for c in NARROW_CLAIMS], 80)
    assert "Page" not in text and "Kind" in text


ESSAY_ROWS = [
    EssayRow("collection.txt", 1, "The Orchard Ledger and the Long Quarrel over Pickers", ("Ines Varga", "Bo Lund"),
             "2021-03-03", 0, 900, 12345, 17),
    EssayRow("collection.txt", 2, "Valley Wells", (), None, 900, 1500, 640, 3),
]


@pytest.mark.parametrize("width", [30, 40, 50, 60, 80, 100, 140])
def test_the_essays_table_at_any_width_keeps_dates_and_numbers_whole(width):
    from rich.console import Console

    from claimx.io.writers import write_essays_table

    console = Console(width=width, record=True, file=io.StringIO(), force_terminal=True)  # as on a terminal: no marker line
    assert write_essays_table(ESSAY_ROWS, None, console=console) == 2
    text = console.export_text()
    assert max(len(line) for line in text.splitlines()) <= width
    shown = ("2021-03-03", "17", "12,345", "640") if width >= 50 or width < 38 else ("2021-03-03", "17")
    for whole in shown:  # at 40 columns the word counts go, never cut
        assert re.search(rf"(?<![\w,-]){whole}(?![\w,-])", text), (whole, text)
    shown = " ".join(" ".join((r.title, ", ".join(r.authors))) for r in ESSAY_ROWS)
    words = set(re.findall(r"[\w’'-]+", shown + " collection.txt Title Authors Date Words Claims 1 2 3 17 640 "
                                               "12,345 2021-03-03 essays claims 20"))
    assert set(re.findall(r"[\w’'-]+", text)) - words == set(), text
    assert "Orchard" in text and "Valley Wells" in text  # the titles are never dropped


@pytest.mark.parametrize("essays", [False, True])
def test_escape_sequences_from_a_document_never_reach_the_terminal(essays):
    """A document (or a file name) holding an ANSI sequence that would clear the screen shows it escaped."""
    from rich.console import Console

    from claimx.io.writers import write_essays_table, write_table

    evil = "\x1b[2J\x1b[H"
    out = io.StringIO()
    console = Console(width=100, file=out, force_terminal=True)
    if essays:
        write_essays_table([EssayRow(f"r{evil}.txt", 1, f"Title{evil}", (f"Ann{evil}",), None, 0, 9, 2, 1)], None,
                           console=console)
    else:
        sentence = f"Rents{evil} rose 5% in the city."
        write_table([Claim(f"r{evil}.txt", 13, 15, "5%", Kind.percent, value=Decimal(5), unit="%",
                           subject=f"Rents{evil}", sentence=sentence)], None, console=console)
    assert evil not in out.getvalue() and "\\x1b[2J" in out.getvalue()


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
