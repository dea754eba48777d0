"""Parsing only the sentences that need it gives exactly the claims of parsing every sentence."""
import pytest

import claimx
from conftest import FIXTURES


@pytest.mark.parametrize("name", ["000_f2578a8095776c86.txt", "002_6edce8679ec63763.txt"])
def test_selective_parse_equals_full_pass(nlp, name):
    text = (FIXTURES / name).read_text(encoding="utf-8")
    fast = next(claimx.extract_texts([(text, name)], nlp=nlp))
    full = next(claimx.extract_texts([(text, name)], nlp=nlp, parse_all=True))
    assert len(fast) > 100
    assert fast == full


def test_only_sentences_with_claims_are_parsed(nlp):
    from claimx.api import _plan

    text = (FIXTURES / "000_f2578a8095776c86.txt").read_text(encoding="utf-8")
    plan = _plan(text, None, None, parse_all=False)
    full = _plan(text, None, None, parse_all=True)
    parsed = sum(e - s for s, e in plan.units.values())
    assert parsed < 0.5 * sum(e - s for s, e in full.units.values())


@pytest.mark.parametrize("text,expected", [
    ("Kilns ran at 900 °C for 3 h.\nYield averaged 4.1 kg per batch.",
     ["Kilns ran at 900 °C for 3 h.", "Yield averaged 4.1 kg per batch."]),
    ("Rents rose 4 percent.\r\nWages rose 2 percent.", ["Rents rose 4 percent.", "Wages rose 2 percent."]),
    ("The plant, in the\nNorth, employs 300 people.", ["The plant, in the\nNorth, employs 300 people."]),
    ("See Fig.\nTwo for the 12 sites.", ["See Fig.\nTwo for the 12 sites."]),
])
def test_a_sentence_ends_at_a_line_break_after_its_stop(text, expected):
    from claimx.text.sentences import sentence_spans

    assert [text[s:e] for s, e in sentence_spans(text)] == expected


def test_one_sentence_per_line_keeps_each_subject_in_its_line(nlp):
    claims = claimx.extract("Kilns ran at 900 °C for 3 h.\nYield averaged 4.1 kg per batch.", nlp=nlp)
    assert [(c.text, c.subject) for c in claims][-1] == ("4.1 kg", "Yield")
