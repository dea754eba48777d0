"""Bare numbers: '31,416', 'nearly 12,000', 'more than a million', 'hundreds of thousands', 'a dozen',
'3.5m', 'one to two', 'between 5,000 and 10,000'.

They become count claims only when the parse shows they count a noun (see ``claimx.context``).
"""
from __future__ import annotations

import functools
from collections.abc import Iterator

import regex

from claimx.model import Kind
from claimx.numbers import scale_abbreviation_pattern, scale_value, times
from claimx.recognizers.base import (
    BEFORE_NUMBER, Candidate, SIGNED_DIGITS, change_by_to, change_from, compile_pattern, dashed_range, is_year, number, range_values, value_of,
    vague_number,
)

def _year_like(text: str) -> bool:
    return regex.fullmatch(r"[0-9]{4}", text) is not None and is_year(int(text))  # never '10⁸⁰' (isdigit is True)


@functools.cache
def _patterns():
    n = number()
    return [
        ("range", compile_pattern(rf"(?i:between)\s+(?P<low>{n})\s+(?i:and)\s+(?P<high>{n})")),
        # 'from 480 to 650 deaths' (an estimate's spread: the span includes 'from', as for other kinds)
        ("range", compile_pattern(rf"(?:(?i:from)\s+)?(?P<low>{n})\s+(?i:to)\s+(?P<high>{n})")),
        ("range", compile_pattern(dashed_range())),
        # 3.5m people, 250k jobs: a scale letter glued to the digits
        ("abbr", compile_pattern(rf"(?P<num>{BEFORE_NUMBER}{SIGNED_DIGITS})(?P<scale>{scale_abbreviation_pattern()})\b(?=\s+\p{{L}})")),
        ("plain", compile_pattern(n)),
        ("plain", compile_pattern(vague_number())),
    ]


# '(in thousands of dollars)', '(millions of current dollars)', '($ billions)': how a table's figures are written
UNIT_STATEMENT_BEFORE = regex.compile(r"\(\s*(?:(?i:in)\s+)?(?:[$€£¥]\s*)?$")
UNIT_STATEMENT_AFTER = regex.compile(r"(?:\s+(?i:of)\s+[^()\d]{1,40})?\)")


def find(text: str) -> Iterator[Candidate]:
    for name, pattern in _patterns():
        for m in pattern.finditer(text):
            if name == "plain" and not any(ch.isdigit() for ch in m.group()) \
                    and UNIT_STATEMENT_BEFORE.search(text, max(0, m.start() - 8), m.start()) \
                    and UNIT_STATEMENT_AFTER.match(text, m.end()):
                continue  # a scale said in parentheses is no figure
            if name == "range":
                lo_text, hi_text = m.group("low"), m.group("high")
                if _year_like(lo_text.strip()) and _year_like(hi_text.strip()[-4:]):
                    continue
                if change_from(text, m.start()) or change_by_to(text, m.start(), m.end()):
                    continue  # 'rose from 605 to 732', 'climbed 300 to 4,783': each found alone
                lo, hi = range_values(lo_text, hi_text)
                if lo is None or hi is None or lo >= hi:
                    continue
                yield Candidate(m.start(), m.end(), Kind.count, low=lo, high=hi, core=(m.start("high"), m.end("high")),
                                needs_noun=True, priority=-1, lead=m.start("low") - m.start())
                continue
            if name == "abbr":
                base, scale = value_of(m.group("num")), scale_value(m.group("scale"))
                if base is None or scale is None:
                    continue
                yield Candidate(m.start(), m.end(), Kind.count, value=times(base, scale), core=m.span(), needs_noun=True,
                                priority=-1)
                continue
            v = value_of(m.group())
            if v is None:
                continue
            yield Candidate(m.start(), m.end(), Kind.count, value=v, core=m.span(), needs_noun=True, priority=-1)
