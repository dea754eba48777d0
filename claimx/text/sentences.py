"""A cheap sentence splitter and the test for sentences that may hold a number.

claimx parses only the sentences that need it, each on its own; these functions decide which, from the
text alone, so the claims never depend on which other sentences happened to be parsed.
"""
from __future__ import annotations

import functools

import regex

from claimx._data import alternation, load
from claimx.numbers import VULGAR_FRACTIONS


@functools.cache
def _boundary() -> regex.Pattern:
    abbreviations = "|".join(regex.escape(a) for a in load("grammar")["abbreviations"])
    return regex.compile(
        r"\n[ \t\r]*\n\s*"  # a blank line
        r"|\n(?=[ \t]*(?:[•\-*·▪◦‣+]|\d{1,2}[.)])[ \t])"  # a list item
        r"|\n(?=[^\n]*\t)|\n(?<=\t[^\n]*\n)"  # the edges of a tab-separated row (newline first: linear)
        # after . ! ? and a space or a line break (not an abbreviation, nor an initial 'J.' unless a unit after a
        # number: 'delivers 18 W.')
        rf"|(?<=[.!?][\"”’)\]]?)(?<!\b(?:{abbreviations})\.)(?<!(?<!\d[ \u00a0]?)\b\p{{Lu}}\.)(?:[ \t]+|[ \t]*\r?\n[ \t]*)(?=[\"“(\[]?\p{{Lu}})"
    )


MAX_SENTENCE = 3000
NEAR_NUMBER = regex.compile(r"\d")
SPACE = regex.compile(r"\s")


def _cut(text: str, s: int, e: int, max_len: int) -> list[tuple[int, int]]:
    """Pieces of an over-long sentence, cut at a space with no digit within 40 characters (else any space). A word
    longer than half a piece (a run of 5,000 digits) is never cut: its piece runs on past it."""
    pieces = []
    while e - s > max_len:
        limit, floor = s + max_len, s + max_len // 2
        if not SPACE.search(text, floor + 1, limit + 1):
            after = SPACE.search(text, limit)
            floor = after.start() - 1 if after else e
            limit = min(e, floor + 1 + max_len // 2)
            if limit >= e:
                break
        cut = None
        for pos in range(limit, floor, -1):
            if text[pos].isspace() and not NEAR_NUMBER.search(text, max(s, pos - 40), min(e, pos + 40)):
                cut = pos
                break
        if cut is None:
            cut = next((pos for pos in range(limit, floor, -1) if text[pos].isspace()), limit)
        pieces.append((s, cut))
        s = cut
    pieces.append((s, e))
    return pieces


def sentence_spans(text: str, max_len: int = MAX_SENTENCE) -> list[tuple[int, int]]:
    """Sentences as ``(start, end)`` ranges, whitespace trimmed, in order; none longer than ``max_len``
    but for one that holds a word longer than half of it.

    >>> t = "Prices rose 5%. Mr. Lee left.\\n\\n- A list item\\n- Another one"
    >>> [t[s:e] for s, e in sentence_spans(t)]
    ['Prices rose 5%.', 'Mr. Lee left.', '- A list item', '- Another one']
    """
    spans = []
    start = 0
    for m in _boundary().finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    out = []
    for s0, e0 in spans:
        for s, e in _cut(text, s0, e0, max_len) if e0 - s0 > max_len else [(s0, e0)]:
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if s < e:
                out.append((s, e))
    return out


@functools.cache
def _may_hold() -> regex.Pattern:
    w = load("number_words")
    d = load("dates")
    words = (list(w["units"]) + list(w["tens"]) + list(w["scales"]) + list(w["dozen"]) + list(w["fractions"])
             + list(w["vague_plurals"]) + list(w["multiplier_adverbs"]) + list(w["multiplier_verbs"]) + ["fold"]
             + list(d["relative_units"]) + [m for m in d["months"] if len(m) > 3])
    return regex.compile(rf"\d|[{VULGAR_FRACTIONS}]|(?i:\b(?:{alternation(words)})\w*)")  # '¾ of voters' has no digit


def may_hold_a_claim(sentence: str) -> bool:
    """A digit, a number word, a multiplier word or a month: only such sentences go to the recognizers.

    >>> may_hold_a_claim("The committee met again."), may_hold_a_claim("Exports doubled."), may_hold_a_claim("in 2019")
    (False, True, True)
    """
    return _may_hold().search(sentence) is not None
