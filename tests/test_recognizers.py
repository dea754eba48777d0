"""The recognizers on their own: text in, candidates out, no spaCy model (pure functions over strings)."""
from __future__ import annotations

import subprocess
import sys
from decimal import Decimal

import pytest

from claimx.recognizers import find_candidates

# (text, the candidate's text, kind, value or (low, high), unit)
EXAMPLES = [
    ("Prices rose 40 percent last year.", "40 percent", "percent", 40, "%"),
    ("The bank cut rates by 50 basis points.", "50 basis points", "percent", Decimal("0.5"), "pp"),
    ("Turnout was between 8% and 17%.", "between 8% and 17%", "percent", (8, 17), "%"),
    ("The plan costs $4 billion.", "$4 billion", "money", 4_000_000_000, "USD"),
    ("The fund lent $5 bln.", "$5 bln", "money", 5_000_000_000, "USD"),
    ("Oil sold for $61 a barrel.", "$61 a barrel", "money", 61, "USD per barrel"),
    ("They paid €5m in fines.", "€5m", "money", 5_000_000, "EUR"),
    ("Wages are 40,000 rupees a month.", "40,000 rupees a month", "money", 40_000, "INR per month"),
    ("One in ten adults smokes.", "One in ten", "ratio", Decimal("0.1"), None),
    ("Two-thirds of voters agreed.", "Two-thirds", "ratio", Decimal(2) / Decimal(3), None),
    ("Exports doubled.", "doubled", "multiplier", 2, None),
    ("Costs are three times higher.", "three times higher", "multiplier", 3, None),
    ("The field yields 1.5 million barrels per day.", "1.5 million barrels per day", "quantity", 1_500_000,
     "barrels per day"),
    ("The plant makes 700 MW.", "700 MW", "quantity", 700, "MW"),
    ("It was a six-year term.", "six-year", "quantity", 6, "years"),
    ("The law passed on December 21, 2020.", "December 21, 2020", "date", "2020-12-21", None),
    ("Rents rose in the 1980s.", "the 1980s", "date", ("1980", "1989"), None),
    ("Output peaked in the second quarter of 2025.", "the second quarter of 2025", "date", "2025-Q2", None),
    ("Police made 31,416 arrests.", "31,416", "count", 31_416, None),
    ("The ministry hired 4 lakhs of teachers.", "4 lakhs", "count", 400_000, None),
]


@pytest.mark.parametrize("text,claim,kind,value,unit", EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_recognizer_finds(text, claim, kind, value, unit):
    found = [c for c in find_candidates(text) if text[c.start:c.end] == claim]
    assert found, [text[c.start:c.end] for c in find_candidates(text)]
    c = found[0]
    assert c.kind.value == kind
    if isinstance(value, tuple):
        assert (c.low, c.high) == tuple(Decimal(v) if kind != "date" else v for v in value)
    else:
        assert c.value == (Decimal(value) if kind != "date" else value)
    assert c.unit == unit


@pytest.mark.parametrize("text", ["See www.example.com/2020/report.pdf", "COVID-19 spread", "Call 555-123-4567",
                                  "Article 102 applies", "The meeting is at 3 pm."])
def test_not_prose_gives_no_candidates(text):
    assert [text[c.start:c.end] for c in find_candidates(text)] == []


def test_recognizers_never_import_spacy():
    code = ("import sys; from claimx.recognizers import find_candidates, tables; find_candidates('Up 5% in 2019.'); "
            "print('spacy' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"
