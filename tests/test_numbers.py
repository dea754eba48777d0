from decimal import Decimal

import pytest

from claimx.numbers import fraction_value, number_value, parse_number, scale_value, words_to_number

DIGITS = [
    ("1,23", "1.23"), ("12 000", "12000"), ("45 000 000", "45000000"),
    ("7", "7"), ("1,234", "1234"), ("12,000", "12000"), ("1.5", "1.5"), ("-1.7", "-1.7"), ("3.1", "3.1"),
    ("1,234,567.89", "1234567.89"), (".5", "0.5"), ("−2", "-2"), ("0", "0"),
]
# a decimal comma ("1,23") and space-separated thousands ("12 000") are read; the recognizers admit them only
# where they cannot be anything else (a scale word or a percent after a decimal comma)
NOT_DIGITS = ["", "abc", "1,2345", "12 00", "1.2.3", ",5"]
WORDS = [
    ("one", "1"), ("seven", "7"), ("twelve", "12"), ("twenty-five", "25"), ("ninety nine", "99"),
    ("a dozen", "12"), ("two dozen", "24"), ("a hundred", "100"), ("three hundred", "300"),
    ("a million", "1000000"), ("two million", "2000000"), ("one and a half", "1.5"),
    ("two hundred and fifty thousand", "250000"), ("millions", "1000000"), ("hundreds of thousands", "100000"),
    ("tens of thousands", None), ("thousands", "1000"), ("Seven", "7"),
    ("two lakh crore", "2000000000000"), ("a thousand million", "1000000000"),
]
SCALED = [
    ("4.5 million", "4500000"), ("2bn", "2000000000"), ("3.2 billion", "3200000000"), ("250k", "250000"),
    ("1.5 trillion", "1500000000000"), ("12", "12"), ("7 mn", "7000000"), ("twenty-five", "25"),
    ("2.5 lakh crore", "2500000000000"), ("3 thousand crore", "30000000000"), ("7 thousand million", "7000000000"),
    ("10^80", "1E+80"), ("10⁻⁴", "0.0001"), ("1½ million", "1500000"), ("2¼", "2.25"),
]
FRACTIONS = [("two-thirds", Decimal(2) / 3), ("a third", Decimal(1) / 3), ("three quarters", Decimal("0.75")),
             ("a quarter", Decimal("0.25")), ("one-fifth", Decimal("0.2")), ("half", Decimal("0.5"))]


@pytest.mark.parametrize("text,expected", DIGITS, ids=[d[0] for d in DIGITS])
def test_parse_number(text, expected):
    assert parse_number(text) == Decimal(expected)


@pytest.mark.parametrize("text", NOT_DIGITS)
def test_parse_number_rejects(text):
    assert parse_number(text) is None


@pytest.mark.parametrize("text,expected", WORDS, ids=[w[0] for w in WORDS])
def test_words_to_number(text, expected):
    got = words_to_number(text)
    assert got == (Decimal(expected) if expected is not None else None)


@pytest.mark.parametrize("text,expected", SCALED, ids=[s[0] for s in SCALED])
def test_number_value(text, expected):
    assert number_value(text) == Decimal(expected)


@pytest.mark.parametrize("text,expected", FRACTIONS, ids=[f[0] for f in FRACTIONS])
def test_fraction_value(text, expected):
    assert fraction_value(text) == expected


def test_scale_words_are_case_insensitive_and_reject_other_words():
    assert scale_value("Billion") == Decimal(10**9)
    assert scale_value("pesos") is None
