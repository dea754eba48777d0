"""extract() on invented sentences: the tables in claim_examples.py, plus subjects, offsets and tables."""
from __future__ import annotations


import pytest


from claim_examples import COUNT, DATE, MARKUP, MONEY, MULTIPLIER, NOT_CLAIMS, PERCENT, QUANTITY, RATIO


def _number(x):
    return None if x is None else float(x)


@pytest.mark.parametrize("sentence,expected",
                         PERCENT + MONEY + COUNT + RATIO + MULTIPLIER + QUANTITY + DATE + MARKUP)
def test_claim(extract, sentence, expected):
    claims = [c for c in extract(sentence) if c.text == expected["text"]]
    assert claims, f"no claim {expected['text']!r} in {[c.text for c in extract(sentence)]}"
    c = claims[0]
    assert c.kind.value == expected["kind"]
    assert sentence[c.start:c.end] == c.text
    assert len(claims) == 1 or expected["kind"] == "date"
    if expected["kind"] == "date":
        assert (c.value, c.low, c.high) == (expected["value"], expected["low"], expected["high"])
    else:
        assert _number(c.value) == pytest.approx(_number(expected["value"])) if expected["value"] is not None else c.value is None
        assert _number(c.low) == pytest.approx(_number(expected["low"])) if expected["low"] is not None else c.low is None
        assert _number(c.high) == pytest.approx(_number(expected["high"])) if expected["high"] is not None else c.high is None
        assert c.unit == expected["unit"]
    assert (c.qualifier.value if c.qualifier else None) == expected["qualifier"]
    if "direction" in expected:
        assert (c.direction.value if c.direction else None) == expected["direction"]


@pytest.mark.parametrize("sentence", NOT_CLAIMS)
def test_not_a_claim(extract, sentence):
    assert [c.text for c in extract(sentence)] == []


SUBJECTS = [
    ("Visits to emergency shelters rose 35 percent in Bolivia.", "35 percent", "visits", "increase"),
    ("The alliance won 46 percent of the regional vote.", "46 percent", "vote", None),
    ("The broker takes a 2.75 percent fee.", "2.75 percent", "fee", None),
    ("The tender brought a 43 percent reduction in the prices of textbooks.", "43 percent", "prices", "decrease"),
    ("Police recorded 27,385 arrests in the province.", "27,385", "arrests", None),
    ("Exports fell to 20 percent of output.", "20 percent", "exports", None),
]


@pytest.mark.parametrize("sentence,text,head,direction", SUBJECTS, ids=[s[0][:50] for s in SUBJECTS])
def test_subject_and_direction(extract, sentence, text, head, direction):
    c = next(c for c in extract(sentence) if c.text == text)
    assert head in (c.subject or "").lower().split()
    assert (c.direction.value if c.direction else None) == direction


def test_offsets_index_the_text_as_given(extract):
    text = "\ufeffIntro\r\n\r\nSpending rose\u00a040\u00a0percent, to US$2.35 million, on March 3, 2017."
    claims = extract(text)
    assert [c.text for c in claims] == ["40\u00a0percent", "US$2.35 million", "March 3, 2017"]
    assert all(text[c.start:c.end] == c.text for c in claims)


def test_place_time_and_sentence(extract):
    c = next(c for c in extract("In Argentina, exports rose 12 percent in 2019. Then came the crisis.") if c.kind.value == "percent")
    assert c.place == "Argentina"
    assert c.time == "2019"
    assert c.sentence == "In Argentina, exports rose 12 percent in 2019."


def test_kind_filter(extract):
    claims = extract("Exports rose 12 percent in 2019 to $4 billion.", kinds=["money"])
    assert [c.kind.value for c in claims] == ["money"]


def test_table_rows_are_claims_with_row_label_subject(extract):
    text = ("Results by round:\n\n"
            "\tRound 1\tRound 2\tTotal\n"
            "Contracts signed\t38\t50\t88\n"
            "Investment (US$ mn)\t1,460\t2,145\t3,605\n"
            "Average take (%)\t73%\t72%\t73%\n")
    claims = extract(text)
    assert [c.text for c in claims] == ["38", "50", "88", "1,460", "2,145", "3,605", "73%", "72%", "73%"]
    money = [c for c in claims if c.kind.value == "money"]
    assert [float(c.value) for c in money] == [1.46e9, 2.145e9, 3.605e9]
    assert {c.subject for c in money} == {"Investment"}
    assert {c.unit for c in money} == {"USD"}
    assert [c.kind.value for c in claims[:3]] == ["count"] * 3
    assert all(c.in_table and c.section == "table" for c in claims)
    assert claims[0].unit == "contracts"  # a count cell counts the plural noun of its row label


def test_cells_are_marked_in_table_and_prose_is_not(extract):
    text = "Exports rose 12 percent in 2019.\n\nRegion\tSchools\nNorth\t1,200\nSouth\t950\n"
    claims = extract(text)
    assert [(c.text, c.in_table) for c in claims] == [("12 percent", False), ("2019", False), ("1,200", True),
                                                     ("950", True)]


def test_tables_are_found_without_a_model():
    from claimx.recognizers import tables

    text = "Intro line.\n\nCountry\tGDP (US$ bn)\nPeru\t226\nChile\t301\n\nAfter."
    cells, spans, prose = tables.scan(text)
    assert [(text[c.start:c.end], c.kind.value, float(c.value), c.unit, c.place, c.subject) for c in cells] == [
        ("226", "money", 226e9, "USD", "Peru", "GDP"), ("301", "money", 301e9, "USD", "Chile", "GDP")]
    assert [text[s:e] for s, e in spans] == ["Country\tGDP (US$ bn)\nPeru\t226\nChile\t301"]
    assert prose == []


@pytest.mark.parametrize("sentence,kept", [
    ("The trial moved into phases 3, 5 and 7 in June.", []),
    ("Data from sample 4 were lost.", []),
    ("We hired 300 workers, 20 engineers and 4 cooks.", ["300", "20", "4"]),
])
def test_numbers_after_a_noun_are_identifiers(extract, sentence, kept):
    assert [c.text for c in extract(sentence) if c.kind.value == "count"] == kept


@pytest.mark.parametrize("sentence", ["The White House is at 1600 Pennsylvania Avenue.",
                                      "The office at 221 Baker Street opened."])
def test_street_addresses_are_not_counts(extract, sentence):
    assert [c.text for c in extract(sentence)] == []


def test_an_elided_unit_is_shared_only_by_a_figure_of_the_same_subject(extract):
    got = [(c.text, c.kind.value, c.unit) for c in extract("The fund holds $3 billion, and members number 2 million.")]
    assert ("2 million", "money", "USD") not in got
    got = [(c.text, c.kind.value) for c in extract("The state spent $4 billion, and 2 million residents moved away.")]
    assert ("2 million", "count") in got


def test_a_label_after_from_is_not_a_figure_set_against_another(extract):
    got = [c.text for c in extract("We use records from four survey rounds: from phase 2 to phase 4.")]
    assert got == ["four"]


@pytest.mark.parametrize("text", [
    "| Country | 2019 | 2020 |\n|---|---|---|\n| Peru | 10.5 | 11.3 |\n\nTable 1: Remittance inflows (US$ billion)\n",
    "Table 1. Remittance inflows (US$ billion)\n\n| Country | 2019 | 2020 |\n|---|---|---|\n| Peru | 10.5 | 11.3 |\n",
])
def test_a_table_caption_before_or_after_names_the_measure_of_a_table_of_years(extract, text):
    cells = {(c.text, c.kind.value, float(c.value), c.unit, c.subject, c.place, c.time)
             for c in extract(text) if c.in_table}
    assert ("10.5", "money", 10.5e9, "USD", "Remittance inflows", "Peru", "2019") in cells
    assert ("11.3", "money", 11.3e9, "USD", "Remittance inflows", "Peru", "2020") in cells


def test_a_row_label_that_is_a_name_is_not_what_its_cells_count(extract):
    table = "| Country | 2019 | 2020 |\n|---|---|---|\n| Honduras | 5.4 | 5.6 |\n| Schools | 30 | 40 |\n"
    units = {c.subject: c.unit for c in extract(table) if c.in_table}
    assert units == {"Honduras": None, "Schools": "schools"}


MARKDOWN_LINKS = [
    ("Roughly [two in five](https://example.org/p?a=1) clinics closed, and [12 of them](#n) reopened.",
     ["two in five", "12"]),
    ("Rents rose by [15% or](https://example.org/r) more in [the city](https://example.org/c) since 2019.",
     ["15%", "2019"]),
    ("About [40%](https://example.org/q) of the [report](https://example.org/r-2030) pages cite 6 mills.",
     ["40%", "6"]),
]


@pytest.mark.parametrize("source,texts", MARKDOWN_LINKS, ids=[m[0][:40] for m in MARKDOWN_LINKS])
def test_markdown_link_syntax_never_enters_a_claim_or_its_sentence(extract, source, texts):
    claims = extract(source)
    assert [c.text for c in claims] == texts
    for c in claims:
        assert c.text == source[c.start:c.end]
        assert "](" not in c.text and "[" not in c.text and "]" not in c.text
        assert "](" not in c.sentence and "https://" not in c.sentence


# a figure of two or more after 'the' or a possessive, right before a singular noun that heads its phrase, is an
# ordinal whose suffix was lost ('118<sup>th</sup>' converted to text): no count. A count needs a plural noun, or
# a noun whose plural is the singular; a figure before a modifier ('the 10 year plan') is left alone.
LOST_ORDINALS = [
    ("The bill died in committee in the 97 Assembly.", []),
    ("The town marked the 175 anniversary of its charter.", []),
    ("The guild held its 75 jubilee in the old hall.", []),
    ("The ferry line's 40 season opened in April.", []),
    ("The firm opened the 6 store on the coast.", []),
]
COUNTS_BEFORE_A_NOUN = [
    ("The guild held its 75 meetings in the old hall.", ["75"]),
    ("The navy grounded the 14 aircraft after the fault.", ["14"]),
    ("The mill kept its 230 staff through the winter.", ["230"]),
    ("The board approved the 1,200 person survey.", ["1,200"]),
]


@pytest.mark.parametrize("sentence,kept", LOST_ORDINALS + COUNTS_BEFORE_A_NOUN,
                         ids=[s for s, _ in LOST_ORDINALS + COUNTS_BEFORE_A_NOUN])
def test_a_figure_before_a_singular_noun_is_no_count(extract, sentence, kept):
    assert [c.text for c in extract(sentence) if c.kind.value == "count"] == kept


@pytest.mark.parametrize("entries", [
    "- [Quay Costs, FY2029-FY2031](#quay-costs)\n- [Figure 2. Ships per Day, 2030](#fig2)\n",
    "* [Figure 3. Berths Built, 1990-2030](https://harbour.example.org/review#_Toc4411)\n",
    "1. [Dredging: 14 Meters Deep](https://harbour.example.org/review#dredging)\n",
])
def test_a_markdown_contents_entry_gives_no_claims(extract, entries):
    text = "# Harbour Review\n\n" + entries + "\nThe quay took 40 cranes in 2031.\n"
    assert [c.text for c in extract(text)] == ["40", "2031"]


def test_a_list_item_with_more_than_a_link_keeps_its_claims(extract):
    text = "- [Quay costs](#quay-costs) rose by 12% in 2031.\n- See [the 2031 review](https://harbour.example.org/r).\n"
    assert [c.text for c in extract(text)] == ["12%", "2031", "2031"]
