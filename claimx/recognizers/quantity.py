"""Measured quantities with a unit that is neither money nor percent: '1.5 million barrels per day', '7000 MW',
'88,646 km2', '75 years', 'a 10-year period', 'one homicide every 18 minutes', '4.5 per 100,000 people'."""
from __future__ import annotations

import functools
from collections.abc import Iterator
from decimal import Decimal

import regex

from claimx._data import load
from claimx.model import Kind
from claimx.numbers import scale_word_pattern, times
from claimx.recognizers.units import unit_at
from claimx.recognizers.base import (
    AFTER_NUMBER, BEFORE_NUMBER, DIGITS, SIGNED_DIGITS, TIMES_POWER, Candidate, compile_pattern, dashed_range,
    change_by_to, change_from, number, range_values, value_of, word_number, word_number_prefix, year_before,
)


@functools.cache
def _unit_forms() -> dict[str, tuple[str, Decimal]]:
    """Every written form of a unit -> (normalized unit, factor)."""
    data = load("units")
    forms: dict[str, tuple[str, Decimal]] = {}
    for entry in data["units"].values():
        for form in entry["forms"]:
            forms[form] = (entry["unit"], Decimal(entry.get("scale", 1)))
    return forms


@functools.cache
def _unit_pattern(singular_only: bool = False) -> str:
    data = load("units")
    sensitive = set(data["case_sensitive"])
    parts = []
    for form in sorted(_unit_forms(), key=len, reverse=True):
        if singular_only and (form.endswith("s") or form not in data["adjective_units"]):
            continue
        esc = r"\s+".join(regex.escape(w) for w in form.split())
        parts.append(esc if form in sensitive else f"(?i:{esc})")
    return "(?:" + "|".join(parts) + ")"


@functools.cache
def _unit_forms_lower() -> dict[str, tuple[str, Decimal]]:
    """The forms that may be written in any case, lower-cased (built once, not per lookup)."""
    case_sensitive = set(load("units")["case_sensitive"])
    return {k.lower(): v for k, v in _unit_forms().items() if k not in case_sensitive}


def lookup(unit_text: str) -> tuple[str, Decimal] | None:
    forms = _unit_forms()
    key = " ".join(unit_text.split())
    if key in forms:
        return forms[key]
    return _unit_forms_lower().get(key.lower())


@functools.cache
def _rate() -> str:
    periods = "|".join(load("units")["rate_periods"])
    return rf"(?P<rate>\s+(?:per|a|an|each)\s+(?:{periods})\b)?"


@functools.cache
def _rate_pattern() -> regex.Pattern:
    return regex.compile(_rate())


@functools.cache
def _patterns():
    unit = _unit_pattern()
    n = number()
    after_unit = rf"(?![\w²³]){_rate()}"
    return [
        ("range", compile_pattern(rf"{dashed_range()}\s*(?P<unit>{unit}){after_unit}")),
        ("range", compile_pattern(rf"(?:(?i:between)\s+)?(?P<low>{n})\s+(?i:to|and)\s+(?P<high>{n})\s*(?P<unit>{unit}){after_unit}")),
        # one homicide every 18 minutes
        ("every", compile_pattern(rf"(?<![\w-])(?i:one|a|an)\s+(?!(?i:in|out|of)\b)(?P<what>[\w-]+)\s+every\s+(?P<num>{n})\s+(?P<unit>{unit}){after_unit}")),
        # 4.5 per 100,000 people
        ("rate", compile_pattern(rf"(?P<num>{BEFORE_NUMBER}{SIGNED_DIGITS}{AFTER_NUMBER})\s+per\s+(?P<per>{DIGITS}(?:\s+{scale_word_pattern()})?\s+\p{{L}}[\w-]*)")),
        # a 10-year period, six-year term
        ("adjective", compile_pattern(rf"(?P<num>{BEFORE_NUMBER}{DIGITS}|{word_number_prefix()})[-‐‑](?P<unit>{_unit_pattern(True)})(?:[-‐‑](?:long|old))?\b")),
        ("plain", compile_pattern(rf"(?P<num>{n})\s*(?P<unit>{unit}){after_unit}")),
    ]


@functools.cache
def _registry_patterns():
    """A number (or a range) right before something that may be a unit: the registry decides (units.unit_at)."""
    # digits, a scale word, a power of ten ('6 × 10^6', '4.3 × 10−8'), a tolerance ('1.3 ± 0.5')
    digits = (rf"(?:(?i:minus|negative)\s+)?{BEFORE_NUMBER}{SIGNED_DIGITS}(?:\s+{scale_word_pattern()}|{TIMES_POWER}"
              rf"|\s?[×x]\s?10\^?[-−]?\d{{1,4}})?(?![.,]?\d)")
    tolerance = rf"(?:\s?±\s?{DIGITS})?"
    n = rf"(?:{digits}|{word_number()})"
    unit_start = r"(?P<gap>[ \t]?)(?=[\p{L}°℃℉‰‱µΩÅ])"
    return [
        ("range", compile_pattern(rf"(?:(?i:between|from)\s+)?(?P<low>{n})\s?(?:[-‐‑–—]|\s(?i:to|and)\s)\s?[~∼≈]?"
                                  rf"(?P<high>{digits}){tolerance}{unit_start}")),
        # between -20 °C and 60 °C, from 5 kg to 10 kg: the unit written at both ends (checked in _registry)
        ("range2", compile_pattern(rf"(?i:between|from)\s+(?P<num>{n}){unit_start}")),
        ("plain", compile_pattern(rf"(?P<num>{n}){tolerance}{unit_start}")),
        # 347 per km², 25 people per km²
        ("per", compile_pattern(rf"(?P<num>{digits})\s+(?:(?P<noun>\p{{L}}+)\s+)?per[ \t]+(?P<gap>)")),
    ]


def _registry(text: str) -> Iterator[Candidate]:
    for name, pattern in _registry_patterns():
        for m in pattern.finditer(text):
            number_text = m.group("low") if name == "range" else m.group("num")
            in_words = not number_text[:1].isdigit() and number_text[:1] not in "-−"
            found = unit_at(text, m.end(), glued=not m.group("gap"))
            if found is None:
                continue
            end, unit, factor = found
            if in_words and not regex.fullmatch(r"\p{L}{3,}", text[m.end():end]):
                continue  # 'six inches', never 'six m'
            if name == "per":
                unit = f"{m.group('noun') or ''} per {unit}".strip()
            rate = _rate_pattern().match(text, end)
            if rate and rate.group("rate") and "/" not in unit and " per " not in unit:
                unit, end = f"{unit} per {rate.group('rate').split()[-1]}", rate.end()
            if name == "range":
                yield from _range(text, m, end, unit, factor)
                continue
            if name == "range2":
                yield from _unit_twice(text, m, end, unit, factor)
                continue
            v = value_of(number_text)
            if v is not None:
                yield Candidate(m.start(), end, Kind.quantity, value=times(v, factor), unit=unit, core=m.span("num"))


def _range(text: str, m, end: int, unit: str, factor: Decimal) -> Iterator[Candidate]:
    """The range candidate of a match with groups low and high, unless its low end is a year ('in 2003 to 98
    million barrels') or it is a change from one level to another ('rose from 12 to 15 km')."""
    lo, hi = range_values(m.group("low"), m.group("high"))
    if _year_low(text, m) or change_from(text, m.start()) or change_by_to(text, m.start(), end) or lo is None \
            or hi is None or lo >= hi:
        return
    yield Candidate(m.start(), end, Kind.quantity, low=times(lo, factor), high=times(hi, factor), unit=unit,
                    core=(m.start("low"), m.end("high")))


def _unit_twice(text: str, m, end: int, unit: str, factor: Decimal) -> Iterator[Candidate]:
    """'between -20 °C and 60 °C': a range whose unit is written after each end, the same both times."""
    second = _second_end().match(text, end)
    if second is None or change_from(text, m.start()):
        return
    found = unit_at(text, second.end(), glued=not second.group("gap"))
    if found is None or found[1] != unit:
        return
    lo, hi = value_of(m.group("num")), value_of(second.group("high"))
    if lo is None or hi is None or lo >= hi:
        return
    yield Candidate(m.start(), found[0], Kind.quantity, low=times(lo, factor), high=times(hi, factor), unit=unit,
                    core=(m.start("num"), second.end("high")))


@functools.cache
def _second_end() -> regex.Pattern:
    return regex.compile(rf"\s+(?i:and|to)\s+(?P<high>{BEFORE_NUMBER}{SIGNED_DIGITS})(?P<gap>[ \t]?)(?=[\p{{L}}°℃℉‰‱µΩÅ])")


def _year_low(text: str, m) -> bool:
    """'in 2003 to 98 million barrels': the low end is a year, not the start of a range."""
    low = m.group("low").strip()
    return regex.fullmatch(r"[0-9]{4}", low) is not None and year_before(text, m.start("low"))


def find(text: str) -> Iterator[Candidate]:
    """Units in ``units.json`` first (they win a tie: 'barrels per day', 'years'), then the registry's."""
    for name, pattern in _patterns():
        for m in pattern.finditer(text):
            if name == "rate":
                v = value_of(m.group("num"))
                if v is None:
                    continue
                yield Candidate(m.start(), m.end(), Kind.quantity, value=v, unit="per " + " ".join(m.group("per").split()),
                                core=m.span("num"))
                continue
            found = lookup(m.group("unit"))
            if found is None:
                continue
            unit, factor = found
            rate = (m.groupdict().get("rate") or "").split()
            if rate and not unit.startswith("per") and " per " not in unit:
                unit = f"{unit} per {rate[-1]}"
            if name == "range":
                yield from _range(text, m, m.end(), unit, factor)
                continue
            v = value_of(m.group("num"))
            if v is None:
                continue
            yield Candidate(m.start(), m.end(), Kind.quantity, value=times(v, factor), unit=unit, core=m.span("num"),
                            subject=m.group("what") if name == "every" else None)
    yield from _registry(text)
