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


@pytest.mark.parametrize("header,subject,place,time", [
    ("FY2016", "Ferries", None, "2016"),  # a column of a year: the row label names what is measured
    ("2017 Number", "Ferries", None, "2017"),
    ("Share 2019 to 2021", "Share 2019 to 2021", "Ferries", None),  # a column of a measure: rows are entities
])
def test_year_inside_a_column_header_is_the_cells_time(header, subject, place, time):
    from claimx.recognizers import tables

    text = f"| Program | {header} |\n|---|---|\n| Ferries | $2 |\n"
    (cell,) = tables.find(text)
    assert (cell.value, cell.unit, cell.subject, cell.place, cell.time) == (2, "USD", subject, place, time)


def test_rows_of_places_under_year_columns_take_the_caption_as_subject():
    from claimx.recognizers import tables

    text = "Table 5. Ferry riders (thousands)\n\n| Country | 2019 | 2020 |\n|---|---|---|\n| Norway | 12 | 9 |\n"
    got = [(c.value, c.subject, c.place, c.time) for c in tables.find(text)]
    assert got == [(12000, "Ferry riders", "Norway", "2019"), (9000, "Ferry riders", "Norway", "2020")]


# headers of two rows: Markdown has no column spans, so an upper row of fewer cells spans the columns below it
TWO_LEVEL = """Table 2. Lighthouses by condition

| | 2015 | 2024
| Condition | Number | Percentage | Number | Percentage
| Sound | 410 | 61.2 | 388 | 57.9
| Worn | 260 | 38.8 | 282 | 42.1
"""
SPANNED = """Table 3. Lighthouses by county and condition

| County | All Lights (number) | Condition (number) | Condition (percentage)
|  |  | Sound | Worn | Sound | Worn
| Kerry | 40 | 30 | 10 | 75.0 | 25.0
"""


@pytest.mark.parametrize("text,cell,kind,subject,place,time", [
    (TWO_LEVEL, "410", "count", "Sound", None, "2015"),
    (TWO_LEVEL, "61.2", "percent", "Sound", None, "2015"),
    (TWO_LEVEL, "282", "count", "Worn", None, "2024"),
    (TWO_LEVEL, "42.1", "percent", "Worn", None, "2024"),
    (SPANNED, "40", "count", "All Lights", "Kerry", None),
    (SPANNED, "10", "count", "Condition Worn", "Kerry", None),
    (SPANNED, "75.0", "percent", "Condition Sound", "Kerry", None),
    (SPANNED, "25.0", "percent", "Condition Worn", "Kerry", None),
])
def test_a_header_of_two_rows_gives_each_column_both_levels(text, cell, kind, subject, place, time):
    from claimx.recognizers import tables

    (c,) = [c for c in tables.find(text) if text[c.start:c.end] == cell]
    assert (c.kind.value, c.subject, c.place, c.time) == (kind, subject, place, time)


def test_a_table_of_text_cells_keeps_the_claims_in_its_cells(extract):
    text = ("| | Junior plan | Senior plan |\n|---|---|---|\n"
            "| Limits | Deposits of up to $2,000 a year are allowed | A 15% fee applies to early withdrawals |\n")
    got = {(c.text, c.kind.value, c.in_table) for c in extract(text)}
    assert {("up to $2,000 a year", "money", True), ("15%", "percent", True)} <= got, got


def test_table_of_label_figure_pairs():
    from claimx.recognizers import tables

    text = ("Table 4. Grants to counties ($, in millions)\n\n"
            "| Ash | 1.5 | Elm | 2.25 |\n| Oak | 3.0 | Yew | (0.5) |\n")
    got = [(text[c.start:c.end], c.value, c.unit, c.subject) for c in tables.find(text)]
    assert got == [("1.5", 1500000, "USD", "Ash"), ("2.25", 2250000, "USD", "Elm"),
                   ("3.0", 3000000, "USD", "Oak"), ("(0.5)", -500000, "USD", "Yew")]


def make_continued_table_pdf() -> bytes:
    """A captioned table in thousands of dollars with a two-row header ('Wages' over '2022  2023') that runs to
    the foot of page 1 and goes on under the repeated header on page 2, then a source line."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_font("Helvetica", size=10)
    cols = (20, 95, 120, 150, 175)

    def header(y: float) -> None:
        pdf.line(20, y, 195, y)
        pdf.text(101, y + 5, "Wages")
        pdf.text(153, y + 5, "Pensions")
        pdf.text(20, y + 10, "District")
        for x, year in zip(cols[1:], ("2022", "2023", "2022", "2023")):
            pdf.text(x, y + 10, year)
        pdf.line(20, y + 13, 195, y + 13)

    def rows(y: float, data) -> float:
        for row in data:
            y += 7
            for x, cell in zip(cols, row):
                pdf.text(x, y, cell)
        return y

    pdf.add_page()
    pdf.text(20, 10, "Coastal Lights Review")
    pdf.set_xy(10, 20)
    pdf.multi_cell(0, 6, "The guild pays its lighthouse keepers from a fund that the districts share.")
    pdf.text(20, 44, "Table 4. Keepers' Wages and Pensions by District")
    pdf.text(20, 50, "(in thousands of dollars)")
    header(54)
    end = rows(67, [("North district", "$1,250", "$1,300", "$400", "($15)"),
                    ("East district", "$870", "$905", "$310", "$320")])
    pdf.line(20, end + 3, 195, end + 3)
    pdf.add_page()
    pdf.text(20, 10, "Coastal Lights Review")
    header(20)
    end = rows(33, [("South district", "$980", "$1,010", "$350", "$360"),
                    ("West district", "$640", "$655", "$220", "$230")])
    pdf.line(20, end + 3, 195, end + 3)
    pdf.text(20, end + 10, "Source: the keepers' guild.")
    return bytes(pdf.output())


@pytest.mark.parametrize("text,page,value,subject,place,time", [
    ("$1,250", 1, Decimal("1250000"), "Wages", "North district", "2022"),  # 'Wages' spans '2022' and '2023'
    ("$1,300", 1, Decimal("1300000"), "Wages", "North district", "2023"),
    ("($15)", 1, Decimal("-15000"), "Pensions", "North district", "2023"),
    ("$980", 2, Decimal("980000"), "Wages", "South district", "2022"),  # page 2: the caption's scale goes on
    ("$230", 2, Decimal("230000"), "Pensions", "West district", "2023"),
])
def test_a_table_continued_on_the_next_page_keeps_its_caption_and_spanning_header(
        extract_file, tmp_path, text, page, value, subject, place, time):
    path = tmp_path / "keepers.pdf"
    path.write_bytes(make_continued_table_pdf())
    found = [c for c in extract_file(path) if c.text == text]
    assert len(found) == 1, [(c.text, c.page) for c in extract_file(path)]
    c = found[0]
    assert (c.page, c.value, c.unit, c.subject, c.place, c.time, c.in_table) == \
        (page, value, "USD", subject, place, time, True)


def test_a_continued_tables_caption_gives_no_second_claim(extract_file, tmp_path):
    path = tmp_path / "keepers.pdf"
    path.write_bytes(make_continued_table_pdf())
    assert not [c for c in extract_file(path) if c.page == 2 and not c.in_table]


def test_a_markdown_table_of_two_columns_without_closing_pipes(extract):
    text = ("Table 6. Dock fees by port\n\n| Ports with the highest fees:\n| Tarbert | 4.5%\n| Dunmore | 3.9%\n"
            "| Ports with the lowest fees:\n| Kilrush | 0.8%\n\nFees are set each spring.\n")
    got = [(c.text, c.subject, c.in_table) for c in extract(text) if c.kind.value == "percent"]
    assert got == [("4.5%", "Tarbert", True), ("3.9%", "Dunmore", True), ("0.8%", "Kilrush", True)]


def make_close_header_pdf() -> bytes:
    """Two column headers set close together on one line ('Yearly Mean' 'Fund Total'), each over its own column,
    and a row label with a note mark set small and raised ('Canals (Spare)ᵃ')."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.text(20, 30, "Table 7. Waterway Grants (millions of dollars)")
    pdf.set_line_width(0.3)
    for y in (34, 46, 70):
        pdf.line(20, y, 190, y)
    pdf.text(20, 42, "Program")
    pdf.text(80, 42, "2031")
    pdf.text(112, 40, "Yearly Mean")
    pdf.text(112 + pdf.get_string_width("Yearly Mean ") + 0.9, 40, "Fund Total")  # one space and a bit
    for x in (112, 136):
        pdf.text(x, 44, "(2031-2035)")
    for k, (label, cells) in enumerate([("Locks (Core)", ("$410", "$415", "$2,075")),
                                        ("Canals (Spare)", ("$90", "$95", "$475"))]):
        y = 53 + 8 * k
        pdf.text(20, y, label)
        for x, cell in zip((80, 118, 145), cells):
            pdf.text(x, y, cell)
    pdf.set_font("Helvetica", size=6)
    pdf.text(20 + pdf.get_string_width("Canals (Spare)") * 10 / 6 + 0.3, 59, "a")
    pdf.set_font("Helvetica", size=10)
    pdf.text(20, 76, "Source: the waterways board.")
    return bytes(pdf.output())


@pytest.mark.parametrize("text,value,subject,place", [
    ("$415", Decimal("415000000"), "Yearly Mean", "Locks (Core)"),
    ("$2,075", Decimal("2075000000"), "Fund Total", "Locks (Core)"),
    ("$95", Decimal("95000000"), "Yearly Mean", "Canals (Spare)"),  # the note mark is no part of the label
    ("$475", Decimal("475000000"), "Fund Total", "Canals (Spare)"),
])
def test_pdf_headers_set_close_over_two_columns_head_one_each(extract_file, tmp_path, text, value, subject, place):
    path = tmp_path / "grants.pdf"
    path.write_bytes(make_close_header_pdf())
    (c,) = [c for c in extract_file(path) if c.text == text]
    assert (c.value, c.unit, c.subject, c.place, c.in_table) == (value, "USD", subject, place, True)


def test_a_note_letter_glued_after_a_labels_parentheses_is_dropped():
    from claimx.recognizers import tables

    text = "| Program | Amount ($ millions) |\n|---|---|\n| Grants (STA)a | 12 |\n"
    (c,) = tables.find(text)
    assert c.subject == "Grants"  # not 'Grants a'


@pytest.mark.parametrize("text,cell,value,subject", [
    # a first row of data with words for figures is no second header row: 'Ships', not 'Ships n/a'
    ("| Port | Ships | Crew |\n|---|---|---|\n| Alba | n/a | n/a |\n| Brae | 12 | 140 |\n", "12", 12, "Ships"),
    ("Table 7. Toll income ($ thousands)\n\n| Bridge | 2022 | 2023 |\n|---|---|---|\n"
     "| Old bridge | shut | shut |\n| New bridge | 1,200 | 1,350 |\n", "1,200", 1200000, "New bridge"),
    # a second header row that says how the columns are written is still read
    ("| Region | Spending | Staff |\n|---|---|---|\n| | ($ millions) | (number) |\n| Ashby | 12.5 | 140 |\n",
     "12.5", 12500000, "Spending"),
])
def test_a_first_data_row_without_figures_is_no_header_row(text, cell, value, subject):
    from claimx.recognizers import tables

    (c,) = [c for c in tables.find(text) if text[c.start:c.end] == cell]
    assert (c.value, c.subject) == (value, subject)


def _quarry_page(pdf) -> None:
    """A new page under the digest's running head and its rule."""
    pdf.add_page()
    pdf.text(20, 10, "Quarry Board Digest")
    pdf.line(20, 12, 190, 12)


def make_table_at_page_foot_pdf(page2: str) -> bytes:
    """A captioned table in thousands of dollars at the foot of page 1 with no source line under it; on page 2
    under a running head and its rule, either two columns of text and a foot rule ('text') or a ruled table of
    as many columns with a header of its own and no caption ('other')."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_font("Helvetica", size=10)
    _quarry_page(pdf)
    pdf.set_xy(10, 20)
    pdf.multi_cell(0, 6, "The quarry board sets out what each pit cost it, as the table below shows.")
    pdf.text(20, 230, "Table 2. Pit Outlays (in thousands of dollars)")
    pdf.line(20, 234, 190, 234)
    pdf.text(20, 239, "Pit")
    pdf.text(150, 239, "Outlay")
    pdf.line(20, 242, 190, 242)
    for k, (label, cell) in enumerate([("Upper pit", "1,430"), ("Lower pit", "760")]):
        pdf.text(20, 249 + 7 * k, label)
        pdf.text(150, 249 + 7 * k, cell)
    pdf.line(20, 259, 190, 259)
    _quarry_page(pdf)
    if page2 == "text":
        left = ["The pit fleet grew to 16 trucks", "once the board had bought", "a few more from a firm nearby,", "and 73 drivers now share them."]
        right = ["Blasting took 35 days in all", "and freed about 8 tonnes of", "stone an hour, the board says,", "short of what it had hoped."]
        for k, (a, b) in enumerate(zip(left, right)):
            pdf.text(20, 30 + 6 * k, a)
            pdf.text(110, 30 + 6 * k, b)
        pdf.line(20, 280, 190, 280)
    else:
        pdf.line(20, 20, 190, 20)
        pdf.text(20, 25, "Crusher")
        pdf.text(150, 25, "Crew")
        pdf.line(20, 28, 190, 28)
        for k, (label, cell) in enumerate([("Jaw crusher", "45"), ("Cone crusher", "12")]):
            pdf.text(20, 35 + 7 * k, label)
            pdf.text(150, 35 + 7 * k, cell)
        pdf.line(20, 48, 190, 48)
        pdf.set_xy(10, 55)
        pdf.multi_cell(0, 6, "The crushers run on both shifts.")
    return bytes(pdf.output())


def test_two_columns_of_text_after_a_table_at_a_page_foot_are_no_continued_table(extract_file, tmp_path):
    path = tmp_path / "quarry.pdf"
    path.write_bytes(make_table_at_page_foot_pdf("text"))
    got = {c.text: c.in_table for c in extract_file(path) if c.page == 2}
    assert {"16": False, "73": False, "35 days": False}.items() <= got.items(), got


def test_an_uncaptioned_table_with_a_header_of_its_own_takes_no_scale_from_the_page_before(extract_file, tmp_path):
    path = tmp_path / "quarry.pdf"
    path.write_bytes(make_table_at_page_foot_pdf("other"))
    assert not [(c.text, c.value) for c in extract_file(path) if c.page == 2 and c.unit == "USD"]


@pytest.mark.parametrize("text,cell,value,unit", [
    # a column of shares with the percent sign on its first figure only: no caption scale on the others
    ("Table 6. Tolls ($ thousands)\n\n| Service | Toll | Share of total |\n|---|---|---|\n"
     "| Ferry | 450 | 45% |\n| Tunnel | 550 | 55 |\n", "55", 55, "%"),
    ("Table 6. Tolls ($ thousands)\n\n| Service | Toll | Share of total |\n|---|---|---|\n"
     "| Ferry | 450 | 45% |\n| Tunnel | 550 | 55 |\n", "550", 550000, "USD"),
    # a column of a year holds a measure on each row: a share on one row says nothing of the next
    ("Table 7. Labour (thousands)\n\n| Measure | 2022 |\n|---|---|\n| Jobless rate | 5.2% |\n"
     "| Employed | 1,200 |\n", "1,200", 1200000, None),
])
def test_a_column_with_a_percent_sign_on_some_figures_holds_percents(text, cell, value, unit):
    from claimx.recognizers import tables

    (c,) = [c for c in tables.find(text) if text[c.start:c.end] == cell]
    assert (c.value, c.unit) == (value, unit)


@pytest.mark.parametrize("caption,unit", [
    ("(thousands of tonnes)", "thousands of tonnes"),
    ("(thousands of barrels a day)", "thousands of barrels a day"),
    ("(million tonnes)", "million tonnes"),
])
def test_a_caption_scale_of_a_measure_keeps_its_unit(caption, unit):
    """Never 12,500 'apples' for 12.5 thousand tonnes of apples: the caption's unit, with its scale."""
    from claimx.recognizers import tables

    text = f"Table 3. Fruit harvest by county {caption}\n\n| County | Apples | Pears |\n|---|---|---|\n| Kent | 12.5 | 3.1 |\n"
    got = [(c.value, c.unit, c.kind.value, c.subject, c.place) for c in tables.find(text)]
    assert got == [(Decimal("12.5"), unit, "quantity", "Apples", "Kent"), (Decimal("3.1"), unit, "quantity", "Pears", "Kent")]
