"""Multipliers: 'three times greater' (3), 'twice as many', 'doubled' (2), 'halved' (0.5), 'a tenfold rise',
'more than double'."""
from __future__ import annotations

import functools
from collections.abc import Iterator
from decimal import Decimal

from claimx.model import Direction, Kind
from claimx.recognizers.base import AFTER_NUMBER, BEFORE_NUMBER, DIGITS, Candidate, compile_pattern, value_of, word_number, word_number_prefix

VERBS = {"doubl": 2, "tripl": 3, "quadrupl": 4, "halv": Decimal("0.5")}
ADVERBS = {"twice": 2, "double": 2, "thrice": 3, "triple": 3, "quadruple": 4, "half": Decimal("0.5")}
COMPARATIVE = r"(?:as\s+\w+|more|greater|higher|larger|bigger|faster|longer|the\s+\w+|than|over|smaller|less|lower|fewer)"


@functools.cache
def _patterns():
    n = rf"(?:{BEFORE_NUMBER}{DIGITS}{AFTER_NUMBER}|{word_number()})"
    return [
        ("times", compile_pattern(rf"(?P<n>{n})\s+times\s+(?P<cmp>{COMPARATIVE})\b")),
        ("fold", compile_pattern(rf"(?P<n>(?:{BEFORE_NUMBER}{DIGITS}|{word_number_prefix()}))[\s\-‐‑]?fold\b")),
        ("verb", compile_pattern(r"(?<![\w-])(?i:(?P<stem>doubl|tripl|quadrupl|halv)(?:ed|ing|es))\b")),
        ("adverb", compile_pattern(r"(?<![\w-])(?i:(?P<adv>twice|thrice)\s+(?:as|the|that|what|its|their)\b)")),
        # 'more than double', 'nearly triple', 'by half': need a cue before them to be a statistic
        ("bare", compile_pattern(r"(?<=(?i:than|nearly|almost|about|roughly|over|by|to)\s+)(?P<adv>double|triple|quadruple|half)\b(?![\w-])")),
    ]


# a multiplier set against an earlier time measures a change: 'more than double in 2018', 'twice as many as last year'
EARLIER = compile_pattern(
    r"\s+(?:(?i:as)\s+\w+(?:\s+\w+)?\s+(?i:as)\s+(?:(?i:in|during)\s+)?"
    r"|(?i:in|since|from|over|than(?:\s+in|\s+during)?|compared\s+(?:with|to))\s+)"
    r"(?:the\s+)?(?:(?:1[7-9]|20)\d\d|(?i:last|previous|a\s+(?:year|decade)\s+(?:ago|earlier)|prior))"
)


def _change_against_time(text: str, end: int, value: Decimal) -> Direction | None:
    if EARLIER.match(text, end, end + 60):
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
                if cmp in ("smaller", "less", "lower", "fewer"):
                    direction = Direction.decrease
                elif name == "fold" or cmp in ("more", "greater", "higher", "larger", "bigger", "faster"):
                    direction = Direction.increase
                # 'three times greater' keeps its comparative; 'three times the size' ends at 'times'
                end = m.start("cmp") - 1 if cmp.startswith(("the", "than", "over")) else m.end()
                direction = direction or _change_against_time(text, m.end(), Decimal(v))
                yield Candidate(m.start(), end, Kind.multiplier, value=Decimal(v), direction=direction,
                                core=m.span("n"), priority=1)
            elif name == "verb":
                v = Decimal(VERBS[m.group("stem").lower()])
                direction = Direction.increase if v > 1 else Direction.decrease
                yield Candidate(m.start(), m.end(), Kind.multiplier, value=v, direction=direction, core=m.span())
            else:
                v = Decimal(ADVERBS[m.group("adv").lower()])
                yield Candidate(m.start(), m.end("adv"), Kind.multiplier, value=v, core=m.span("adv"),
                                direction=_change_against_time(text, m.end("adv"), v))
