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
