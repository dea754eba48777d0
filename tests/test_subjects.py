"""What each figure is about: subject head words, direction, place, time and source (tests/subject_examples.py)."""
import re

import pytest

from subject_examples import ALL


def words(s):
    return [w.lower() for w in re.findall(r"[\w'’-]+", s or "")]


@pytest.mark.parametrize("sentence,text,heads,direction,extra", ALL)
def test_subject(extract, sentence, text, heads, direction, extra):
    found = [c for c in extract(sentence) if c.text == text]
    assert found, f"no claim {text!r} in {[c.text for c in extract(sentence)]}"
    c = found[0]
    assert any(h in words(c.subject) for h in heads), f"subject {c.subject!r} lacks any of {heads}"
    assert (c.direction.value if c.direction else None) == direction
    if "place" in extra:
        assert c.place == extra["place"]  # None: no place leaks in from another sentence
    if "time" in extra:
        assert c.time == extra["time"]
    if "source" in extra:
        assert extra["source"] in words(c.source), f"source {c.source!r}"


def test_there_are_enough_cases():
    assert len(ALL) >= 100


@pytest.mark.parametrize("sentence,text", [
    ("One critic said: frankly, €9 million is not much.", "€9 million"),  # the speaker is not what was measured
    pytest.param("Someone replied: look, €9 million is a small sum.", "€9 million", marks=pytest.mark.xfail(
        strict=True, reason="the copula's noun ('a small sum') is taken as the subject")),
    ("Analysts say 7 percent.", "7 percent"),
])
def test_no_subject_rather_than_a_wrong_one(extract, sentence, text):
    found = [c for c in extract(sentence) if c.text == text]
    assert found and found[0].subject is None, [(c.text, c.subject) for c in extract(sentence)]


@pytest.mark.parametrize("subject,kind,unit,expected", [
    ("%", "percent", "%", None),  # no letters
    ("=", "quantity", "K", None),
    ("ppm", "quantity", "ppm", None),  # the claim's own unit
    ("wells", "count", "wells", "wells"),  # a count's unit is what it counts
    ("T", "quantity", "K", "T"),  # a symbol may be the measured thing
    ("Cl", "percent", "%", "Cl"),
])
def test_plausible_subject(subject, kind, unit, expected):
    from claimx.context import plausible_subject
    from claimx.model import Kind
    assert plausible_subject(subject, Kind(kind), unit) == expected


def test_a_subject_never_holds_another_figure_of_a_conversion(extract):
    (c,) = [c for c in extract("The lake has a surface area of 8,372 km2 (3,232 sq mi).") if c.text == "3,232 sq mi"]
    assert c.subject == "a surface area"


@pytest.mark.parametrize("sentence", [
    "The harbour’s dredging budget rose by 12% in 2030.",  # typographic apostrophe, as PDFs print it
    "The harbour's dredging budget rose by 12% in 2030.",
])
def test_a_subject_is_written_with_plain_quotes(extract, sentence):
    (c,) = [c for c in extract(sentence) if c.text == "12%"]
    assert c.subject == "The harbour's dredging budget"
    assert c.sentence == sentence  # the sentence and the claim's text stay as printed


@pytest.mark.parametrize("text,subject", [
    ("8%", "Prices of white flour"),
    ("5%", "Prices of sugar"),
])
def test_respectively_replaces_the_whole_first_item(extract, text, subject):
    sentence = "Prices of brown rice, white flour and sugar rose 21%, 8% and 5%, respectively."
    assert [c.subject for c in extract(sentence) if c.text == text] == [subject]


def test_a_bare_count_never_counts_an_earlier_percent_sign(extract):
    """'12 million of them' after 'roughly 90%': the count's unit is the refugees counted before, never '%'."""
    sentence = ("Of the 17 million refugees in the region, roughly 90% live below the poverty line, and the agency "
                "estimates that 12 million of them lack food.")
    assert [(c.text, c.unit) for c in extract(sentence) if c.text == "12 million"] == [("12 million", "refugees")]
