"""Multipliers: 'three times greater' (3), 'twice as many', 'doubled' (2), 'halved' (0.5), 'a tenfold rise',
'more than double'."""
from __future__ import annotations

import functools
from collections.abc import Iterator
from decimal import Decimal

import regex

from claimx._data import alternation, load
from claimx.model import Direction, Kind
from claimx.recognizers.base import (
    AFTER_NUMBER, BEFORE_NUMBER, DIGITS, Candidate, compile_pattern, value_of, word_number, word_number_prefix,
    year_pattern,
)

@functools.cache
def _words() -> tuple[dict[str, Decimal], dict[str, Decimal], frozenset[str], frozenset[str]]:
    """Multiplier verb stems and adverbs with their values; increase and decrease comparatives."""
    w, cues = load("number_words"), load("cues")
    num = lambda table: {k: Decimal(str(v)) for k, v in table.items()}  # noqa: E731
    return (num(w["multiplier_verbs"]), num(w["multiplier_adverbs"]),
            frozenset(cues["increase_comparatives"]) - {"up"}, frozenset(cues["decrease_comparatives"]) - {"down"})


@functools.cache
def _patterns():
    n = rf"(?:{BEFORE_NUMBER}{DIGITS}{AFTER_NUMBER}|{word_number()})"
    verbs, adverbs, more, less = _words()
    comparative = rf"(?:as\s+\w+|the\s+\w+|than|over|{alternation(more | less)})"
    cues = alternation(load("number_words")["multiplier_cues"])
    followers = alternation(load("number_words")["multiplier_followers"])
    bare = alternation(a for a, v in adverbs.items() if a not in ("twice", "thrice"))
    return [
        ("times", compile_pattern(rf"(?P<n>{n})\s+times\s+(?P<cmp>{comparative})\b")),
        ("fold", compile_pattern(rf"(?P<n>(?:{BEFORE_NUMBER}{DIGITS}|{word_number_prefix()}))[\s\-‐‑]?fold\b")),
        # 100×, 10,500× (a magnification or a factor), never 3×1 or 2 × 10
        ("fold", compile_pattern(rf"(?P<n>{BEFORE_NUMBER}{DIGITS})\s?×(?!\s?\d)")),
        # 2.5x, 10x: a lower-case x glued to the figure (never 3x3, 0x1F or 2 x 4)
        ("fold", compile_pattern(rf"(?P<n>{BEFORE_NUMBER}{DIGITS})x\b")),
        ("verb", compile_pattern(rf"(?<![\w-])(?i:(?P<stem>{alternation(verbs)})(?:ed|ing|es))\b")),
        ("adverb", compile_pattern(rf"(?<![\w-])(?i:(?P<adv>twice|thrice)\s+(?:{followers})\b)")),
        # 'more than double', 'nearly triple', 'by half': need a cue before them to be a statistic
        ("bare", compile_pattern(rf"(?<=(?i:{cues})\s+)(?P<adv>{bare})\b(?![\w-])")),
    ]


# a multiplier set against an earlier time measures a change: 'more than double in 2018', 'twice as many as last year'
@functools.cache
def _earlier() -> "regex.Pattern":
    w = load("number_words")
    return compile_pattern(
        r"\s+(?:(?i:as)\s+\w+(?:\s+\w+)?\s+(?i:as)\s+(?:(?i:in|during)\s+)?"
        rf"|(?i:{alternation(w['time_comparisons'])})\s+)"
        rf"(?:the\s+)?(?:{year_pattern(None)}|(?i:{alternation(w['earlier_times'])}))"
    )


def _change_against_time(text: str, end: int, value: Decimal) -> Direction | None:
    if _earlier().match(text, end, end + 60):
        return Direction.increase if value > 1 else Direction.decrease
    return None


def find(text: str) -> Iterator[Candidate]:
    for name, pattern in _patterns():
        for m in pattern.finditer(text):
            direction = None
            if name in ("times", "fold"):
                v = value_of(m.group("n"))
                if v is None or v <= 1:
                    continue
                cmp = (m.groupdict().get("cmp") or "").lower()
                _, _, more, less = _words()
                if cmp in less:
                    direction = Direction.decrease
                elif name == "fold" or cmp in more:
                    direction = Direction.increase
                # 'three times greater' keeps its comparative; 'three times the size' ends at 'times'
                end = m.start("cmp") - 1 if cmp.startswith(("the", "than", "over")) else m.end()
                direction = direction or _change_against_time(text, m.end(), Decimal(v))
                yield Candidate(m.start(), end, Kind.multiplier, value=Decimal(v), direction=direction,
                                core=m.span("n"), priority=1)
            elif name == "verb":
                v = _words()[0][m.group("stem").lower()]
                direction = Direction.increase if v > 1 else Direction.decrease
                yield Candidate(m.start(), m.end(), Kind.multiplier, value=v, direction=direction, core=m.span())
            else:
                v = _words()[1][m.group("adv").lower()]
                # 'twice as much as': a comparison with a comparative word has a direction (SCHEMA conventions)
                compared = regex.match(r"\s+(?i:as)\b", text[m.end("adv"):m.end("adv") + 4])
                direction = _change_against_time(text, m.end("adv"), v) or (
                    (Direction.increase if v > 1 else Direction.decrease) if compared else None)
                yield Candidate(m.start(), m.end("adv"), Kind.multiplier, value=v, core=m.span("adv"),
                                direction=direction)
