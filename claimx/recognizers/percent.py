"""Percentages: '40 percent', '80%', '-1.7%', 'per cent', percentage points and basis points (unit pp)."""
from __future__ import annotations

import functools
from collections.abc import Iterator
from decimal import Decimal

from claimx._data import alternation
from claimx.model import Kind
from claimx.numbers import fraction_value, times
from claimx.recognizers.base import (
    Candidate, change_from, compile_pattern, dashed_range, number, qualifier_table, value_of,
)

PERCENT = r"(?:\s?%|\s*(?:percent|per\s?cent|pct)\b)"
POINTS = r"(?:\s+percentage[\s-]points?\b|\s*pp\b|\s+ppts?\b)"
BASIS = r"(?:\s+basis[\s-]points?\b|\s*bps?\b)"
UNIT = rf"(?P<unit>{POINTS}|{BASIS}|{PERCENT})"


@functools.cache
def _patterns():
    n = number()
    qualifier = rf"(?i:{alternation(p for p in qualifier_table() if p[:1].isalpha())})"
    return [
        # between 8% and 17% / between 47 and 48 percent / from 10 to 20 percent
        compile_pattern(rf"(?P<how>(?i:between|from))\s+(?:(?P<q>{qualifier})\s+)?(?P<low>{n})(?P<lunit>{PERCENT}|{POINTS})?\s+(?i:and|to)\s+"
                        rf"(?P<high>{n}){UNIT}"),
        # 9 ± 6%: the figure with a tolerance (the tolerance is no claim of its own)
        compile_pattern(rf"(?P<num>{n})\s?±\s?{n}{UNIT}"),
        # 2-9 percent / 1.4–3.6 percent / 8 to 17 percent / 8% to 17%
        compile_pattern(rf"{dashed_range()}{UNIT}"),
        compile_pattern(rf"(?P<low>{n})(?P<lunit>{PERCENT})?\s+to\s+(?P<high>{n}){UNIT}"),
        compile_pattern(rf"(?P<num>{n}){UNIT}"),
        # half a percentage point, a quarter of a percentage point, three quarters of a point
        compile_pattern(r"(?<![\w-])(?P<frac>(?i:(?:a\s+|one\s+)?half|(?:a|one|three)[\s-]quarters?|(?:a|one|two)[\s-]thirds?))"
                        r"(?:\s+of)?\s+(?i:a|one)(?P<unit>\s+percentage[\s-]points?\b|\s+point\b|\s+(?:percent|per\s?cent)\b)"),
    ]


def _unit(text: str) -> tuple[str, Decimal]:
    t = text.lower()
    if "basis" in t or t.strip() in ("bp", "bps"):
        return "pp", Decimal("0.01")
    if "point" in t or t.strip() in ("pp", "ppt", "ppts"):
        return "pp", Decimal(1)
    return "%", Decimal(1)


def find(text: str) -> Iterator[Candidate]:
    for pattern in _patterns():
        for m in pattern.finditer(text):
            unit, factor = _unit(m.group("unit"))
            if m.groupdict().get("frac"):
                v = fraction_value(m.group("frac"))
                if v is None:
                    continue
                unit = "pp" if "point" in m.group("unit").lower() else "%"
                yield Candidate(m.start(), m.end(), Kind.percent, value=v, unit=unit, core=m.span("frac"))
                continue
            if "num" in m.groupdict() and m.group("num") is not None:
                v = value_of(m.group("num"))
                if v is None:
                    continue
                yield Candidate(m.start(), m.end(), Kind.percent, value=times(v, factor), unit=unit, core=m.span("num"))
            else:
                lo, hi = value_of(m.group("low")), value_of(m.group("high"))
                if lo is None or hi is None or lo >= hi:
                    continue
                if change_from(text, m.start()):  # 'rose from 12 to 15%': two levels, each with the unit
                    low_end = m.end("lunit") if m.group("lunit") else m.end("low")
                    yield Candidate(m.start("low"), low_end, Kind.percent, value=times(lo, factor), unit=unit,
                                    core=m.span("low"))
                    yield Candidate(m.start("high"), m.end(), Kind.percent, value=times(hi, factor), unit=unit,
                                    core=m.span("high"))
                    continue
                q = m.groupdict().get("q")
                qualifier = qualifier_table()[" ".join(q.lower().split())] if q else None
                yield Candidate(m.start(), m.end(), Kind.percent, low=times(lo, factor), high=times(hi, factor), unit=unit,
                                core=(m.start("low"), m.end("high")), qualifier=qualifier)
