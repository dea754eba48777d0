"""extract() on invented sentences: one expected claim per row (text, kind, value/low/high, unit, qualifier)."""
from __future__ import annotations

from decimal import Decimal

import pytest


def row(sentence, text, kind, value=None, unit=None, qualifier=None, low=None, high=None, **extra):
    return pytest.param(sentence, dict(text=text, kind=kind, value=value, unit=unit, qualifier=qualifier,
                                       low=low, high=high, **extra), id=sentence[:60])


PERCENT = [
    row("Unemployment fell to 4.2 percent last spring.", "4.2 percent", "percent", 4.2, "%"),
    row("About 80% of the wells are idle.", "About 80%", "percent", 80, "%", "approx"),
    row("Inflation reached 7.9 per cent in the capital.", "7.9 per cent", "percent", 7.9, "%"),
    row("Output shrank -1.7% over the quarter.", "-1.7%", "percent", -1.7, "%"),
    row("The central bank raised rates by 50 basis points.", "50 basis points", "percent", 0.5, "pp"),
    row("Turnout saw a 12 percentage point increase among young voters.", "12 percentage point", "percent", 12, "pp"),
    row("Costs were between 8% and 17% lower than expected.", "between 8% and 17%", "percent", None, "%", low=8, high=17),
    row("Corruption costs the economy 2-9 percent of output.", "2-9 percent", "percent", None, "%", low=2, high=9),
    row("Nearly twenty percent of homes lack water.", "Nearly twenty percent", "percent", 20, "%", "approx"),
    row("Wages grew more than 6 percent in the north.", "more than 6 percent", "percent", 6, "%", "over"),
]
MONEY = [
    row("The city will spend $4 billion on schools.", "$4 billion", "money", 4_000_000_000, "USD"),
    row("Smugglers charge up to US$2,600 per person.", "up to US$2,600 per person", "money", 2600, "USD", "under"),
    row("Investors pledged more than US\\$220 billion.", "more than US\\$220 billion", "money", 220_000_000_000, "USD", "over"),
    row("The program costs about 4 billion dollars.", "about 4 billion dollars", "money", 4_000_000_000, "USD", "approx"),
    row("The fund raised €5m from donors.", "€5m", "money", 5_000_000, "EUR"),
    row("Britain paid £3.2bn in subsidies.", "£3.2bn", "money", 3_200_000_000, "GBP"),
    row("The state budget is 250 million pesos.", "250 million pesos", "money", 250_000_000, "MXN"),
    row("Profits reach $20-30 billion a year.", "$20-30 billion a year", "money", None, "USD", low=20e9, high=30e9),
]
COUNT = [
    row("Police recorded 31,416 arrests that year.", "31,416", "count", 31416, "arrests"),
    row("The ministry sent nearly 12,000 of its soldiers north.", "nearly 12,000", "count", 12000, "soldiers", "approx"),
    row("Protests spread to more than 200 cities.", "more than 200", "count", 200, "cities", "over"),
    row("The firm hired a dozen engineers.", "a dozen", "count", 12, "engineers"),
    row("Over 70,000 asylum requests were filed.", "Over 70,000", "count", 70000, "asylum requests", "over"),
]
RATIO = [
    row("One in ten patients never returns.", "One in ten", "ratio", 0.1),
    row("Seven out of 10 farms use the well.", "Seven out of 10", "ratio", 0.7),
    row("Voters backed the plan in 28 of 32 provinces.", "28 of 32", "ratio", 0.875),
    row("Two-thirds of the members voted yes.", "Two-thirds", "ratio", Decimal(2) / 3),
]
MULTIPLIER = [
    row("Imports were three times greater than exports.", "three times greater", "multiplier", 3, direction="increase"),
    row("The number of applications doubled in a year.", "doubled", "multiplier", 2, direction="increase"),
    row("Enrollment has more than doubled since the reform.", "more than doubled", "multiplier", 2, None, "over"),
    row("Waiting times were halved.", "halved", "multiplier", 0.5, direction="decrease"),
]
QUANTITY = [
    row("Production fell to 1.5 million barrels per day.", "1.5 million barrels per day", "quantity", 1_500_000, "barrels per day"),
    row("The plant adds 700 MW of capacity.", "700 MW", "quantity", 700, "MW"),
    row("The reserve covers 88,646 km2 of forest.", "88,646 km2", "quantity", 88646, "km2"),
    row("The treaty lasted 75 years.", "75 years", "quantity", 75, "years"),
    row("He won a six-year term.", "six-year", "quantity", 6, "years"),
    row("The murder rate is 4.5 per 100,000 people.", "4.5 per 100,000 people", "quantity", 4.5, "per 100,000 people"),
    row("There is one robbery every 18 minutes.", "one robbery every 18 minutes", "quantity", 18, "minutes"),
]
DATE = [
    row("The law passed on December 21, 2020.", "December 21, 2020", "date", "2020-12-21"),
    row("Voting ends on July 1st.", "July 1st", "date", "--07-01"),
    row("Prices peaked in June 2019.", "June 2019", "date", "2019-06"),
    row("The reform began in 2013.", "2013", "date", "2013"),
    row("Debt piled up in the 1980s.", "the 1980s", "date", None, low="1980", high="1989"),
    row("Growth averaged 2 percent in 2002-13.", "2002-13", "date", None, low="2002", high="2013"),
    row("Output recovered by mid-2019.", "mid-2019", "date", "2019"),
    row("Sales rose in the second quarter of 2025.", "the second quarter of 2025", "date", "2025-Q2"),
    row("Exports slowed in the first half of 2023.", "the first half of 2023", "date", "2023-H1"),
    row("Trade grew tenfold in a decade.", "tenfold", "multiplier", 10, direction="increase"),
    row("Trade grew ten-fold in a decade.", "ten-fold", "multiplier", 10, direction="increase"),
]
NOT_CLAIMS = [
    "The COVID-19 pandemic closed schools.",
    "Leaders met at the G20 summit.",
    "See Article 102 of the constitution.",
    "The two countries signed a treaty.",
    "It is one of the most violent states.",
    "Details are at https://example.org/report-2019/page3.html today.",
]


def _number(x):
    return None if x is None else float(x)


@pytest.mark.parametrize("sentence,expected",
                         PERCENT + MONEY + COUNT + RATIO + MULTIPLIER + QUANTITY + DATE)
def test_claim(extract, sentence, expected):
    claims = [c for c in extract(sentence) if c.text == expected["text"]]
    assert claims, f"no claim {expected['text']!r} in {[c.text for c in extract(sentence)]}"
    c = claims[0]
    assert c.kind.value == expected["kind"]
    assert sentence[c.start:c.end] == c.text
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
    ("Calls to domestic violence hotlines rose 40 percent in Peru.", "40 percent", "calls", "increase"),
    ("The company won 53 percent of the popular vote.", "53 percent", "vote", None),
    ("The agency charges a 1.25 percent commission.", "1.25 percent", "commission", None),
    ("The scheme brought a 57 percent reduction in the prices of medicines.", "57 percent", "prices", "decrease"),
    ("Police recorded 31,416 arrests in the province.", "31,416", "arrests", None),
    ("Exports fell to 20 percent of output.", "20 percent", "output", None),
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
            "Investment (US$ mn)\t1,230\t2,145\t3,375\n"
            "Average take (%)\t73%\t72%\t73%\n")
    claims = extract(text)
    assert [c.text for c in claims] == ["38", "50", "88", "1,230", "2,145", "3,375", "73%", "72%", "73%"]
    money = [c for c in claims if c.kind.value == "money"]
    assert [float(c.value) for c in money] == [1.23e9, 2.145e9, 3.375e9]
    assert {c.subject for c in money} == {"Investment"}
    assert {c.unit for c in money} == {"USD"}
    assert [c.kind.value for c in claims[:3]] == ["count"] * 3
