"""Tables in PDFs (ruled, under a 'Table N.' caption) and in Markdown read as tables: every figure a cell claim
with the caption's scale and unit, the row label as subject, the year header as time. Invented figures."""
from __future__ import annotations

from decimal import Decimal

import pytest


def make_table_pdf() -> bytes:
    """A page with a paragraph, a captioned table drawn with horizontal rules, a source line and a paragraph."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.multi_cell(0, 6, "The harbour board keeps a small fleet of ferries and publishes its spending each spring.")
    pdf.text(20, 50, "Table 3. Ferry Spending by Route")
    pdf.text(20, 56, "Fiscal years 2021 and 2022, in millions of dollars")
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
