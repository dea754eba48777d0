"""How claimx reads the text of a PDF: note marks, notes, contents pages, running heads, columns, page breaks and
the document's title and date. Each PDF is made here with fpdf2 from invented sentences."""
from __future__ import annotations

import pytest

from claimx.io.documents import pdf_text

LOREM = ("The harbour board met twice that spring to weigh the plan for the new quay and the dredging of the "
         "channel, and each meeting ran late into the evening. ")


def new_pdf(**kw):
    from fpdf import FPDF

    pdf = FPDF(format="Letter", **kw)
    pdf.set_auto_page_break(False)
    pdf.set_margins(20, 20, 20)
    return pdf


def body_with_mark(pdf, before: str, mark: str, after: str, size: float = 11) -> None:
    """A paragraph line: ``before``, a superscript ``mark`` (smaller, raised), then ``after``."""
    pdf.set_font("Helvetica", size=size)
    pdf.write(6, before)
    pdf.char_vpos = "SUP"
    pdf.write(6, mark)
    pdf.char_vpos = "LINE"
    pdf.write(6, after)
    pdf.ln(8)


def note_at_foot(pdf, number: str, text: str, y: float = 250) -> None:
    pdf.set_xy(20, y)
    pdf.set_font("Helvetica", size=8)
    pdf.char_vpos = "SUP"
    pdf.write(4, number)
    pdf.char_vpos = "LINE"
    pdf.write(4, " " + text)


@pytest.fixture(scope="module")
def noted_pdf(tmp_path_factory):
    pdf = new_pdf()
    pdf.add_page()
    pdf.set_font("Helvetica", "B", size=20)
    pdf.cell(0, 12, "Harbour Works Review", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    body_with_mark(pdf, "Freight through the quay rose by 14 percent over the year.", "7",
                   " The board then asked for a second survey of the channel.")
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, LOREM * 3)
    note_at_foot(pdf, "7", "Survey of 38 pilots by the harbour board, spring session.")
    path = tmp_path_factory.mktemp("pdf") / "noted.pdf"
    pdf.output(str(path))
    return path


def test_a_superscript_note_mark_is_dropped_and_the_note_is_section_notes(noted_pdf, extract_file):
    text = pdf_text(noted_pdf.read_bytes(), str(noted_pdf))
    assert "over the year. The board" in text  # the mark '7' is gone from the sentence
    assert "[^7]: Survey of 38 pilots by the harbour board, spring session." in text
    claims = extract_file(noted_pdf)
    got = {(c.text, str(c.value), c.section) for c in claims}
    assert ("14 percent", "14", "body") in got
    assert ("38", "38", "notes") in got
    assert not any(str(c.value) == "7" for c in claims)  # the mark gives no claim, neither does the note's number
    sentence = next(c.sentence for c in claims if c.text == "14 percent")
    assert "7" not in sentence


def test_notes_can_be_filtered_by_section(noted_pdf, nlp):
    from claimx.batch import extract_files

    (result,) = list(extract_files([str(noted_pdf)], nlp=nlp, sections=["notes"]))
    assert [(c.text, c.section) for c in result.claims] == [("38", "notes")]


@pytest.mark.parametrize("before, after, kept", [
    ("Freight rose by 14 percent over the year.", "9 More text followed here.", "over the year. More text"),
    ("The levy was set by the Harbour Act)", "12 and stayed there.", "the Harbour Act) and stayed"),
])
def test_a_note_mark_in_body_size_after_punctuation_is_dropped(tmp_path, before, after, kept):
    pdf = new_pdf()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.cell(0, 6, before + after)
    path = tmp_path / "glued.pdf"
    pdf.output(str(path))
    assert kept in pdf_text(path.read_bytes(), "glued.pdf")


def test_an_ordinal_suffix_set_raised_is_kept(tmp_path):
    pdf = new_pdf()
    pdf.add_page()
    body_with_mark(pdf, "The bill passed in the 121", "st", " session of the harbour council.")
    path = tmp_path / "ordinal.pdf"
    pdf.output(str(path))
    assert "in the 121st session" in pdf_text(path.read_bytes(), "ordinal.pdf")


def test_a_contents_page_gives_no_claims(tmp_path, extract_file):
    pdf = new_pdf()
    pdf.add_page()
    pdf.set_font("Helvetica", "B", size=14)
    pdf.cell(0, 8, "Contents", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=11)
    for title, page in [("Quay Restructuring", 3), ("Channel Dredging Costs", 17), ("Figure 4. Tonnage by Berth", 26)]:
        pdf.cell(0, 6, f"{title} {'.' * 60} {page}", new_x="LMARGIN", new_y="NEXT")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, "Dredging the channel cost 52 million dollars in the first phase.")
    path = tmp_path / "contents.pdf"
    pdf.output(str(path))
    text = pdf_text(path.read_bytes(), "contents.pdf")
    assert "Restructuring" not in text and "...." not in text
    claims = extract_file(path)
    assert [(c.text, c.page) for c in claims] == [("52 million dollars", 2)]


def test_a_running_head_and_page_numbers_are_dropped(tmp_path, extract_file):
    pdf = new_pdf()
    for n in range(1, 4):
        pdf.add_page()
        pdf.set_font("Helvetica", size=8)
        pdf.set_xy(20, 8)
        pdf.cell(0, 4, "Harbour Works Review 2031: Quays and Channels")
        pdf.set_xy(20, 265)
        pdf.cell(0, 4, f"Harbour Board Press {n}")
        pdf.set_xy(180, 270)
        pdf.cell(0, 4, str(n + 40))
        pdf.set_xy(20, 40)
        pdf.set_font("Helvetica", size=11)
        pdf.multi_cell(0, 6, ["The crews unloaded 105 containers in a week.", "Pilots brought in 205 containers "
                              "by night.", "The last ship left with 305 containers aboard."][n - 1])
    path = tmp_path / "running.pdf"
    pdf.output(str(path))
    text = pdf_text(path.read_bytes(), "running.pdf")
    assert "Harbour Works Review" not in text and "Harbour Board Press" not in text
    assert "41" not in text and "43" not in text
    claims = extract_file(path)
    assert sorted((c.text, c.page) for c in claims) == [("105", 1), ("205", 2),
                                                         ("305", 3)]


def test_two_columns_are_read_one_after_the_other(tmp_path, extract_file):
    left = ("The western berth handled 41 ships in the first quarter, most of them small coasters carrying "
            "timber and grain from the northern ports, and the crews worked in two shifts to clear them.")
    right = ("The eastern berth took 17 tankers over the same months, each one needing a pilot and two tugs "
             "to come alongside, so the board hired six more pilots before the summer season began.")
    pdf = new_pdf()
    pdf.add_page()
    pdf.set_font("Helvetica", "B", size=18)
    pdf.cell(0, 10, "Berth Traffic in the First Quarter", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=10)
    top = pdf.get_y() + 4
    for x, para in ((20, left), (112, right)):
        pdf.set_xy(x, top)
        pdf.multi_cell(84, 5, (para + " ") * 3)
    path = tmp_path / "columns.pdf"
    pdf.output(str(path))
    text = pdf_text(path.read_bytes(), "columns.pdf")
    flat = " ".join(text.split())
    assert flat.index(left) < flat.index(right)  # each column whole, the left one first
    assert flat.index("Berth Traffic in the First Quarter") < flat.index(left)
    claims = extract_file(path)
    ships = next(c for c in claims if c.text == "41")
    assert " ".join(ships.sentence.split()) == left.split(", most")[0] + ", most of them small coasters carrying " \
        "timber and grain from the northern ports, and the crews worked in two shifts to clear them."


def test_a_heading_set_above_its_paragraph_is_its_own_block(tmp_path, extract_file):
    pdf = new_pdf()
    pdf.add_page()
    pdf.set_font("Helvetica", "B", size=12)
    pdf.cell(0, 6, "Channel Depth", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, "The channel was dredged to 14 meters last year.")
    path = tmp_path / "heading.pdf"
    pdf.output(str(path))
    claims = extract_file(path)
    depth = next(c for c in claims if c.text.startswith("14"))
    assert depth.sentence == "The channel was dredged to 14 meters last year."


def test_a_sentence_ends_at_the_page_end_and_one_cut_by_the_page_goes_on(tmp_path):
    pdf = new_pdf()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.set_xy(20, 40)
    pdf.cell(0, 6, "The board spent the money on the quay and on the harbour")
    pdf.add_page()
    pdf.set_xy(20, 40)
    pdf.cell(0, 6, "lights of the old pier. It closed the year with 12 new cranes.")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", size=14)
    pdf.set_xy(20, 40)
    pdf.cell(0, 6, "Channel Depth")
    path = tmp_path / "pages.pdf"
    pdf.output(str(path))
    text = pdf_text(path.read_bytes(), "pages.pdf")
    assert "on the harbour\n\flights of the old pier" in text  # one sentence across the page break
    assert "12 new cranes.\n\n\fChannel Depth" in text  # a blank line: the heading is no part of the sentence


def test_updated_date_above_the_title_is_the_date_and_the_largest_text_the_title(tmp_path, extract_file):
    pdf = new_pdf()
    pdf.add_page()
    pdf.set_font("Helvetica", size=9)
    pdf.set_xy(150, 15)
    pdf.cell(0, 5, "Updated March 9, 2031")
    pdf.set_xy(20, 25)
    pdf.set_font("Helvetica", "B", size=20)
    pdf.cell(0, 10, "Harbour Dues and Berth Fees")
    pdf.set_xy(20, 45)
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, "Berth fees rose by 6 percent last year.")
    path = tmp_path / "updated.pdf"
    pdf.output(str(path))
    claims = extract_file(path)
    fee = next(c for c in claims if c.text == "6 percent")
    assert fee.essay_title == "Harbour Dues and Berth Fees"
    assert fee.published == "2031-03-09"
    last_year = next(c for c in claims if c.text == "last year")
    assert last_year.value == "2030"  # resolved against the document's own date


def test_properties_come_first_and_a_pdf_without_a_title_gets_its_file_name(tmp_path, extract_file):
    pdf = new_pdf()
    pdf.set_title("Quay Survey Results")
    pdf.set_author("Ana Pilot and Ben Tug")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, "The survey counted 31 cranes on the quay.")
    named = tmp_path / "sub" / "survey.pdf"
    named.parent.mkdir()
    pdf.output(str(named))
    c = next(c for c in extract_file(named) if c.text == "31")
    assert (c.essay_title, c.authors) == ("Quay Survey Results", ("Ana Pilot", "Ben Tug"))

    plain = new_pdf()
    plain.add_page()
    plain.set_font("Helvetica", size=11)
    plain.multi_cell(0, 6, "The survey counted 31 cranes on the quay.")
    path = tmp_path / "sub" / "quay-notes.pdf"
    plain.output(str(path))
    c = next(c for c in extract_file(path) if c.text == "31")
    assert c.essay_title == "quay-notes.pdf"


def test_a_year_that_recurs_as_a_row_label_on_every_page_is_kept(tmp_path, extract_file):
    pdf = new_pdf()
    for n, line in enumerate(["Tonnage rose at every berth.", "Pilots were hired in spring.", "Dues were cut."]):
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        pdf.set_xy(20, 40)
        pdf.cell(0, 6, line)
        pdf.set_xy(20, 120)
        pdf.cell(0, 6, "2029")
        pdf.set_xy(20, 140)
        pdf.cell(0, 6, ["The north quay opened.", "Cranes came by sea.", "The board met."][n])
    path = tmp_path / "years.pdf"
    pdf.output(str(path))
    assert pdf_text(path.read_bytes(), "years.pdf").count("2029") == 3
    assert sorted(c.page for c in extract_file(path) if c.text == "2029") == [1, 2, 3]


def two_lines_pdf(path, first: str, second: str):
    """A PDF at ``path`` whose one paragraph is ``first`` and ``second`` on two lines."""
    pdf = new_pdf()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.set_xy(20, 40)
    pdf.cell(0, 6, first, new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 6, second)
    pdf.output(str(path))
    return path


@pytest.mark.parametrize("first, second, address", [
    ("The survey counted 38 vessels (https://harbour.example.org/files/2031-",
     "07/4471-quay-survey.pdf) over the spring.", "https://harbour.example.org/files/2031-07/4471-quay-survey.pdf"),
    ("The survey counted 38 vessels, https://help.harbour.example.org/hc/en-gb/articles/",
     "99812045531-Berth-Rules, over the spring.", "https://help.harbour.example.org/hc/en-gb/articles/99812045531-Berth-Rules"),
    ("The survey counted 38 vessels, https://doi.example.org/",
     "10.55120/QUAY2031, over the spring.", "https://doi.example.org/10.55120/QUAY2031"),
])
def test_a_web_address_cut_at_a_line_end_stays_one_word_without_claims(tmp_path, extract_file, first, second, address):
    path = two_lines_pdf(tmp_path / "address.pdf", first, second)
    text = pdf_text(path.read_bytes(), "address.pdf")
    assert address in text
    assert [str(c.value) for c in extract_file(path)] == ["38"]  # no number of the address is a claim


def test_a_sentence_cut_by_the_page_runs_on_past_the_page_footnotes(tmp_path, extract_file):
    pdf = new_pdf()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.set_xy(20, 40)
    pdf.cell(0, 6, "The harbour board met in May. Over the decade the board has spent about $4.7")
    note_at_foot(pdf, "3", "Minutes of the harbour board, spring session, with 26 members present.")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.set_xy(20, 40)
    pdf.cell(0, 6, "billion on the quay and the channel. The dredging took 9 months.")
    path = tmp_path / "cut.pdf"
    pdf.output(str(path))
    text = pdf_text(path.read_bytes(), "cut.pdf")
    assert "about $4.7\n\fbillion on the quay" in text  # the note no longer stands inside the sentence
    got = {(c.text, float(c.value), c.section, c.page) for c in extract_file(path)}
    assert ("about $4.7\n\fbillion", 4.7e9, "body", 1) in got
    assert ("26", 26, "notes", 1) in got  # the note stays on its page
    assert ("9 months", 9, "body", 2) in got


@pytest.mark.parametrize("first, second, claim, value", [
    ("The board hired pilots over a 12-", "month period, and the quay stayed open.", "12-month", 12),
    ("The board hired pilots over the FY2031-", "FY2034 period, and the quay stayed open.", "FY2031-FY2034", None),
    ("The board hired 40 non-", "Danish pilots, and the quay stayed open.", "40", 40),
])
def test_a_compound_cut_after_its_hyphen_at_a_line_end_is_one_word(tmp_path, extract_file, first, second, claim,
                                                                    value):
    path = two_lines_pdf(tmp_path / "compound.pdf", first, second)
    text = pdf_text(path.read_bytes(), "compound.pdf")
    assert (first + second).replace(" ", "") in text.replace(" ", "")
    assert (first + " " + second) not in text
    claims = {c.text: c for c in extract_file(path)}
    assert claim in claims
    assert value is None or float(claims[claim].value) == value


def test_a_compound_cut_after_its_hyphen_between_two_blocks_is_one_word(tmp_path, extract_file):
    pdf = new_pdf()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.set_xy(20, 40)
    pdf.cell(0, 6, "Pilots must:")
    pdf.set_xy(25, 52)
    pdf.cell(0, 6, "* have served on the quay over a 9-")
    pdf.set_xy(29, 66)
    pdf.cell(0, 6, "month term; and * hold a licence.")
    path = tmp_path / "blocks.pdf"
    pdf.output(str(path))
    text = pdf_text(path.read_bytes(), "blocks.pdf")
    assert "a 9-month term" in text
    assert [(c.text, float(c.value), c.unit) for c in extract_file(path)] == [("9-month", 9, "months")]


def test_headings_of_one_pattern_set_twice_on_a_page_are_no_running_lines(tmp_path, extract_file):
    pdf = new_pdf()
    years = [(1851, 25), (1876, 50), (1901, 75), (1926, 100), (1951, 125), (1976, 150)]
    for page in range(3):
        pdf.add_page()
        for k, (year, nth) in enumerate(years[2 * page: 2 * page + 2]):
            pdf.set_xy(20, 60 + 80 * k)
            pdf.set_font("Helvetica", "B", size=12)
            pdf.cell(0, 6, f"{year} - {nth}th Jubilee of the Quay", new_x="LMARGIN", new_y="NEXT")
            pdf.set_font("Helvetica", size=11)
            pdf.multi_cell(0, 6, f"In {year} the harbour board held a fair on the quay.")
    path = tmp_path / "jubilees.pdf"
    pdf.output(str(path))
    text = pdf_text(path.read_bytes(), "jubilees.pdf")
    assert all(f"{year} - {nth}th Jubilee of the Quay" in text for year, nth in years)
