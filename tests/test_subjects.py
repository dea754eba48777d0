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
