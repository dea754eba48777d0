"""Tables in PDFs (ruled, under a 'Table N.' caption) and in Markdown read as tables: every figure a cell claim
with the caption's scale and unit, the row label as subject, the year header as time. Invented figures."""
from __future__ import annotations

from decimal import Decimal

import pytest


def make_table_pdf(caption_x: float = 20) -> bytes:
    """A page with a paragraph, a captioned table drawn with horizontal rules, a source line and a paragraph
    (the caption starting at ``caption_x``: left of the table when it is wider than the table)."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.multi_cell(0, 6, "The harbour board keeps a small fleet of ferries and publishes its spending each spring.")
    pdf.text(caption_x, 50, "Table 3. Ferry Spending by Route")
    pdf.text(caption_x, 56, "Fiscal years 2021 and 2022, in millions of dollars")
    pdf.set_line_width(0.3)
    for y in (60, 68, 96):
        pdf.line(20, y, 190, y)
    rows = [("", "State", "2021", "2022"),
            ("North crossing", "MD", "$12.5", "$14.0"),
            ("Island loop", "VA", "$3.2", "($4.5)"),
            ("Night service", "DE", "15.0", "-1.5")]
    for k, row in enumerate(rows):
        y = 65 + (0 if k == 0 else 3 + 7 * k)
        for x, cell in zip((20, 80, 120, 160), row):
            pdf.text(x, y, cell)
    pdf.text(20, 102, "Source: the harbour board's yearly accounts.")
    pdf.set_xy(10, 110)
    pdf.multi_cell(0, 6, "The board expects the island loop to carry more riders next year.")
    return bytes(pdf.output())


CELLS = [  # text, value, unit, subject, time
    ("$12.5", Decimal("12500000"), "USD", "North crossing", "2021"),
    ("$14.0", Decimal("14000000"), "USD", "North crossing", "2022"),
    ("$3.2", Decimal("3200000"), "USD", "Island loop", "2021"),
    ("($4.5)", Decimal("-4500000"), "USD", "Island loop", "2022"),
    ("15.0", Decimal("15000000"), "USD", "Night service", "2021"),
    ("-1.5", Decimal("-1500000"), "USD", "Night service", "2022"),
]


@pytest.fixture(scope="module")
def pdf_claims(extract_file, tmp_path_factory):
    path = tmp_path_factory.mktemp("tables") / "ferries.pdf"
    path.write_bytes(make_table_pdf())
    return extract_file(path)


@pytest.mark.parametrize("text,value,unit,subject,time", CELLS)
def test_pdf_table_cell(pdf_claims, text, value, unit, subject, time):
    found = [c for c in pdf_claims if c.text == text]
    assert len(found) == 1, [(c.text, c.value) for c in pdf_claims]  # once: the table is not also loose text
    c = found[0]
    assert (c.value, c.unit, c.subject, c.time, c.in_table, c.section) == (value, unit, subject, time, True, "table")


def test_pdf_table_under_a_caption_wider_than_it(extract_file, tmp_path):
    path = tmp_path / "ferries.pdf"
    path.write_bytes(make_table_pdf(caption_x=8))
    cells = {c.text: (c.value, c.in_table) for c in extract_file(path) if c.text.startswith(("$", "("))}
    assert cells == {"$12.5": (Decimal("12500000"), True), "$14.0": (Decimal("14000000"), True),
                     "$3.2": (Decimal("3200000"), True), "($4.5)": (Decimal("-4500000"), True)}


def test_pdf_table_state_codes_are_no_units(pdf_claims):
    assert not [c for c in pdf_claims if c.unit in ("MD", "VA", "DE")]
    assert not [c for c in pdf_claims if c.text.startswith("$") and not c.in_table]


MARKDOWN = """The canal trust reported its repair bill.

Table 1. Canal Repairs by Reach

Calendar years, in millions of dollars

| | 2020 | 2021
| Upper reach | $7.5 | $8.25
| Lower reach | 2.0 | (0.5)

Source: the trust's annual report.
"""


@pytest.mark.parametrize("text,value,subject,time", [
    ("$7.5", Decimal("7500000"), "Upper reach", "2020"),
    ("$8.25", Decimal("8250000"), "Upper reach", "2021"),
    ("2.0", Decimal("2000000"), "Lower reach", "2020"),
    ("(0.5)", Decimal("-500000"), "Lower reach", "2021"),
])
def test_markdown_table_with_caption(extract_file, tmp_path, text, value, subject, time):
    path = tmp_path / "canal.md"
    path.write_text(MARKDOWN)
    found = [c for c in extract_file(path) if c.text == text]
    assert len(found) == 1
    c = found[0]
    assert (c.value, c.unit, c.subject, c.time, c.in_table) == (value, "USD", subject, time, True)


def make_header_ruled_pdf() -> bytes:
    """A table ruled only above and under its header, a description wrapped over two lines, then a source line."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.text(20, 30, "Table 1. Milestones of the Lantern Society")
    pdf.set_line_width(0.3)
    for y in (34, 42):
        pdf.line(20, y, 190, y)
    pdf.text(20, 39, "Year")
    pdf.text(50, 39, "Event")
    rows = [("1987", ["The society opens its first reading room in", "the old customs house"]),
            ("1999", ["Members vote to admit junior readers"])]
    y = 48
    for year, lines in rows:
        pdf.text(20, y, year)
        for line in lines:
            pdf.text(50, y, line)
            y += 4.5
        y += 3
    pdf.text(20, y + 4, "Source: the society's minutes.")
    return bytes(pdf.output())


def test_pdf_table_ruled_under_its_header_only(extract_file, tmp_path):
    from claimx.io.documents import pdf_text

    data = make_header_ruled_pdf()
    text = pdf_text(data, "lantern.pdf")
    assert "| 1987 | The society opens its first reading room in the old customs house |" in text
    assert "| 1999 | Members vote to admit junior readers |" in text
    path = tmp_path / "lantern.pdf"
    path.write_bytes(data)
    years = [(c.text, c.kind.value, c.in_table) for c in extract_file(path) if c.text in ("1987", "1999")]
    assert years == [("1987", "date", True), ("1999", "date", True)]


@pytest.mark.parametrize("header,time", [("FY2016", "2016"), ("2017 Number", "2017"), ("Share 2019 to 2021", None)])
def test_year_inside_a_column_header_is_the_cells_time(header, time):
    from claimx.recognizers import tables

    text = f"| Program | {header} |\n|---|---|\n| Ferries | $2 |\n"
    (cell,) = tables.find(text)
    assert (cell.value, cell.unit, cell.place, cell.time) == (2, "USD", "Ferries", time)


def test_table_of_label_figure_pairs():
    from claimx.recognizers import tables

    text = ("Table 4. Grants to counties ($, in millions)\n\n"
            "| Ash | 1.5 | Elm | 2.25 |\n| Oak | 3.0 | Yew | (0.5) |\n")
    got = [(text[c.start:c.end], c.value, c.unit, c.subject) for c in tables.find(text)]
    assert got == [("1.5", 1500000, "USD", "Ash"), ("2.25", 2250000, "USD", "Elm"),
                   ("3.0", 3000000, "USD", "Oak"), ("(0.5)", -500000, "USD", "Yew")]
