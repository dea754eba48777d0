"""Property-based tests: random text never breaks the parsers or extract()."""
import math
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimx.text.clean import clean_text
from claimx.numbers import number_value, parse_number, words_to_number
from claimx.recognizers import dates, find_candidates

PIECES = ["5", "12,000", "-1.7", "%", " percent", "$", "US\\$", "€", "billion", "m", "bn", " of ", " in ", "one",
          "twenty-five", "a dozen", "half", "doubled", "times", "June", "2019", "-20", "’90s", "the 1980s", "mid-",
          "about ", "more than ", "up to ", " or more", "[", "](#)", "**", "*", "_", "<b>", "</b>", "&amp;", "\n", "\n\n",
          "\t", "|", " ", ".", ",", "(", ")", "#", "\u00a0", "\ufeff", "\u200b", "\r\n", "Q2 ", "quarter of ", "km2",
          "years", "per 100,000 people", "every 25 minutes", "between ", " and ", " to "]
texty = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=40).map("".join)


def _finite(v):
    return v is None or isinstance(v, str) or (isinstance(v, Decimal) and v.is_finite()) or \
        (isinstance(v, (int, float)) and math.isfinite(v))


@given(st.text(max_size=30))
def test_number_parsers_never_raise(s):
    for f in (parse_number, words_to_number, number_value):
        v = f(s)
        assert v is None or (isinstance(v, Decimal) and v.is_finite())


@given(texty)
def test_date_recognizer_gives_iso_values(s):
    for c in dates.find(s):
        assert s[c.start:c.end]
        for v in (c.value, c.low, c.high):
            assert v is None or isinstance(v, str)


@given(texty)
def test_clean_text_maps_back_into_the_original(s):
    c = clean_text(s)
    assert len(c.origin) == len(c.text)
    for i in range(len(c.text)):
        assert 0 <= c.origin[i] < len(s)
    start, end = c.span(0, len(c.text))
    assert 0 <= start <= end <= len(s)


@given(texty)
def test_candidates_stay_inside_the_text(s):
    for c in find_candidates(s):
        assert 0 <= c.start < c.end <= len(s)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texty)
def test_extract_never_raises_and_every_claim_indexes_the_source(extract, s):
    for c in extract(s):
        assert s[c.start:c.end] == c.text
        assert _finite(c.value) and _finite(c.low) and _finite(c.high)
