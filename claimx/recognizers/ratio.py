"""Ratios, a part of a whole: 'one in ten' (0.1), 'seven out of 10' (0.7), '28 of 32 states' (0.875),
'26 of the country's 32 states', 'two-thirds', 'three quarters', 'a third of', '3/4', '3⁄4', '¾ of'."""
from __future__ import annotations

import functools
from collections.abc import Iterator

from claimx._data import alternation, load
from claimx.model import Kind
from claimx.numbers import VULGAR_FRACTIONS, fraction_value, number_word_pattern, vulgar_value
from claimx.recognizers.base import AFTER_NUMBER, BEFORE_NUMBER, DIGITS, Candidate, compile_pattern, is_year, value_of, word_number

@functools.cache
def _patterns():
    possessor = (rf"(?:(?:(?:{alternation(load('grammar')['possessive_determiners'])})\s+)?"
                 r"(?:\p{L}[\p{L}.]*(?:\s+\p{Lu}[\p{L}.]*)?['’]s?\s+)?)")
    small = rf"(?:{BEFORE_NUMBER}{DIGITS}{AFTER_NUMBER}|{word_number()})"
    fractions = load("number_words")["fractions"]
    plural = alternation([f for f in fractions if f.endswith("s") and f != "halves"])
    singular = alternation([f for f in fractions if not f.endswith("s") and f != "half"])
    return [
        ("pair", compile_pattern(rf"(?P<a>{small})\s+(?:out\s+of|in(?:\s+every)?)\s+(?P<b>{small})(?!\s*(?:%|percent|per\s?cent))")),
        # 1:60, ∼1:1000 (never a clock time: those are no prose, see NOT_PROSE)
        ("colon", compile_pattern(r"(?<![\w:.,])(?P<a>\d{1,4}):(?P<b>\d{1,5})(?![\w:]|[.,]\d)")),
        # 2/3, 3/4: a slash fraction with a small denominator, never a date (3/15/2017) or 24/7
        ("slash", compile_pattern(r"(?<![\w/⁄.,-])(?P<a>\d)[/⁄](?P<b>[2-9]|10)(?![\w/⁄.,-]|,\d)")),  # 3/4, 3⁄4
        # ¾ of voters: a vulgar fraction character on its own, a part of something ('½ cup' is a measure)
        ("vulgar", compile_pattern(rf"(?<![\w.,/⁄-])[{VULGAR_FRACTIONS}](?=\s+of\b|\s*[.,;)]|\s*$)")),
        ("of", compile_pattern(rf"(?P<a>{small})\s+of\s+{possessor}?(?P<b>{small})(?=\s+\p{{L}})(?!\s+(?:percent|per\s?cent)\b)")),
        ("frac", compile_pattern(rf"(?<![\w-])(?i:(?:{number_word_pattern()})[\s\-‐‑](?:{plural}))(?![\w-])")),
        ("frac", compile_pattern(rf"(?<![\w-])(?i:(?:one|a)(?:\s+|[\-‐‑])(?:{singular}))(?=\s+of\b|\s*[.,;)])")),
    ]


def find(text: str) -> Iterator[Candidate]:
    for name, pattern in _patterns():
        for m in pattern.finditer(text):
            if name == "frac":
                v = fraction_value(m.group())
                if v is None or not 0 < v <= 1:
                    continue
                yield Candidate(m.start(), m.end(), Kind.ratio, value=v, core=m.span(), priority=1)
                continue
            if name == "vulgar":
                yield Candidate(m.start(), m.end(), Kind.ratio, value=vulgar_value(m.group()), core=m.span(), priority=1)
                continue
            a, b = value_of(m.group("a")), value_of(m.group("b"))
            if name == "colon":
                if a is None or not b:
                    continue
                yield Candidate(m.start(), m.end(), Kind.ratio, value=a / b, core=m.span(), priority=1)
                continue
            if a is None or b is None or not 0 < a < b or b > 1000 or (is_year(b) and "," not in m.group("b")):
                continue
            yield Candidate(m.start(), m.end(), Kind.ratio, value=a / b, core=m.span(), priority=1)
