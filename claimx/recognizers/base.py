"""The candidate record every recognizer yields, and the shared number patterns."""
from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal

import regex

from claimx._data import alternation, load
from claimx.model import Direction, Kind, Qualifier
from claimx.numbers import (
    EXACT, POWER_OF_TEN as POWER, SUPERSCRIPT_DIGITS, VULGAR_FRACTIONS, number_value, number_word_pattern, power_of_ten, scale_value,
    scale_word_pattern, times,
)


@dataclass(slots=True)
class Candidate:
    """A claim found by a recognizer, before context (subject, direction ...) is read.

    ``core`` is the character range of the number itself, used to anchor the claim in the parse.
    ``needs_noun`` marks bare numbers that are claims only when they count a noun. A table cell
    (``in_table``) carries its subject, unit, place and time from its row label and header, and its row
    range in ``row``.
    """

    start: int
    end: int
    kind: Kind
    value: Decimal | str | None = None
    low: Decimal | str | None = None
    high: Decimal | str | None = None
    unit: str | None = None
    qualifier: Qualifier | None = None
    direction: Direction | None = None
    core: tuple[int, int] | None = None
    needs_noun: bool = False
    subject: str | None = None
    time: str | None = None
    place: str | None = None
    in_table: bool = False  # a table cell: read from its row and header, never parsed (unless ``prose``)
    prose: bool = False  # found in a table cell of words ('Up to $5,000 a year'): parsed like a sentence, the cell
    row: tuple[int, int] | None = None  # a table cell's row, which stands for its sentence
    relative: tuple[str, int, int | None] | None = None  # (unit, shift, month) of 'last year', 'last July'
    sentence_index: int | None = None  # which sentence of the text it was found in
    unit_key: object = None  # which parsed unit (a sentence, or a window of an over-long one) reads its context
    priority: int = 0
    lead: int = 0  # characters of a leading word ('from ') that do not weigh in overlaps

    @property
    def length(self) -> int:
        """The characters that weigh when candidates overlap: a leading 'from' does not ('from 1 to 25' vs '25 per
        mm')."""
        return self.end - self.start - self.lead


# A number in digits: 1,234.5 / 12.5 / .5 / 10^80 / 10⁻⁴ / 1½; never glued to a word, a hyphenated name (COVID-19) or 3×1.
BEFORE_NUMBER = r"(?<![\w.,#@/\\×]|\w[-‐‑]|\d:)"
AFTER_NUMBER = r"(?![\w×]|[.,]\d|[-‐‑]\d)"
# digits with thousands commas or spaces ('45 000'), a decimal point, or a decimal comma where nothing else can
# follow ('124,8 million', '7,5 percent')
DIGITS = (rf"(?:{POWER}(?![\d{SUPERSCRIPT_DIGITS}])|\d+[{VULGAR_FRACTIONS}]|\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d{{1,3}}(?:[ ]\d{{3}})+(?![\d,.])"
          rf"|\d{{1,3}},\d{{1,2}}(?=\s?%|\s+(?:(?i:percent|per\s?cent)|{scale_word_pattern()})\b)"
          r"|\d+(?:\.\d+)?(?:[eE][-+]?\d{1,3}(?![\w.]))?|\.\d+)")  # '1.5e-3' in scientific text
# '1.5 × 10^3', '3×10⁵': digits times a power of ten (written with a caret or superscripts)
TIMES_POWER = rf"\s?[×x]\s?{POWER}(?![\d{SUPERSCRIPT_DIGITS}])"
SIGNED_DIGITS = rf"(?:(?:(?<=^|[\s(\[~∼≈<>≤≥=±])[-−])?{DIGITS})"
DASH = r"\s?[-‐‑–—]\s?"


@functools.cache
def word_number() -> str:
    return rf"(?<!\w)(?<!\w[-‐‑])(?i:{number_word_pattern()})(?![\w-])"  # '--sixty-one' is a number, 'well-one' not


@functools.cache
def word_number_prefix() -> str:
    """A number in words that may run on into a hyphen: the 'six' of 'six-year', the 'ten' of 'ten-fold'."""
    return rf"(?<![\w-])(?i:{number_word_pattern()})"


@functools.cache
def vague_number() -> str:
    w = load("number_words")["vague_plurals"]
    alt = alternation(list(w))
    return rf"(?<![\w-])(?i:(?:{alt})(?:\s+of\s+(?:{alt}))?)(?![\w-])"


@functools.cache
def number() -> str:
    """Digits with an optional scale word, or a number in words: '4.5 million', 'twenty-five'."""
    return (rf"(?:(?:(?i:minus|negative)\s+)?{BEFORE_NUMBER}{SIGNED_DIGITS}(?:\s+{scale_word_pattern()}|{TIMES_POWER})?"
            rf"{AFTER_NUMBER}"
            rf"|{word_number()})")


@functools.cache
def dashed_range() -> str:
    """Two numbers joined by a dash, '2-9', '1.4–3.6', '20-30 billion', with groups low and high."""
    return (rf"(?P<low>{BEFORE_NUMBER}{SIGNED_DIGITS}(?:\s+{scale_word_pattern()})?){DASH}"
            rf"(?P<high>{DIGITS}(?:\s+{scale_word_pattern()})?){AFTER_NUMBER}")


@functools.cache
def year_pattern(name: str | None = "year", decade: bool = False) -> str:
    """A four-digit calendar year in ``claimx/data/dates.json``'s range, as a named group (or bare when ``name`` is
    None); with ``decade``, only years ending in 0 ('the 1980s').

    >>> print(year_pattern(), year_pattern(None, decade=True))
    (?P<year>(?:17|18|19|20)\\d\\d) (?:17|18|19|20)\\d0
    """
    d = load("dates")
    centuries = "|".join(str(c) for c in range(d["year_min"] // 100, d["year_max"] // 100 + 1))
    core = rf"(?:{centuries})\d" + ("0" if decade else r"\d")
    return rf"(?P<{name}>{core})" if name else core


def is_year(n: int | Decimal) -> bool:
    """Whether a number lies in the calendar-year range of ``claimx/data/dates.json`` (1700-2099)."""
    d = load("dates")
    return d["year_min"] <= n <= d["year_max"]


POWER_OF_TEN = regex.compile(rf"(?P<mantissa>.+?)\s?[×x]\s?(?P<power>10\^?[-−]?\d{{1,4}}|{POWER})")


@functools.cache
def qualifier_table(where: str = "before") -> dict[str, Qualifier]:
    """Qualifier phrase -> Qualifier, from cues.json ('qualifiers_before' or 'qualifiers_after')."""
    return {p: Qualifier(q) for q, phrases in load("cues")[f"qualifiers_{where}"].items() for p in phrases}


def value_of(text: str) -> Decimal | None:
    """The value of text matched by :func:`number` (or a vague plural such as 'millions'), or a power of ten.

    >>> value_of("6 × 10^6"), value_of("4.3 × 10−8"), value_of("3×10⁵"), value_of("10^-400")
    (Decimal('6E+6'), Decimal('4.3E-8'), Decimal('3E+5'), Decimal('1E-400'))
    """
    from claimx.numbers import words_to_number

    t = " ".join(text.split())
    negative = regex.match(r"(?i:minus|negative)\s+", t)
    if negative:  # 'minus 40 degrees'
        value = value_of(t[negative.end():])
        return None if value is None else -value
    power = POWER_OF_TEN.fullmatch(t)
    if power:
        mantissa = value_of(power.group("mantissa"))
        written = power.group("power")
        exponent = power_of_ten(written) if power_of_ten(written) is not None else int(written[2:].replace("−", "-"))
        return None if mantissa is None else mantissa.scaleb(exponent, EXACT)
    return number_value(t) if number_value(t) is not None else words_to_number(t)


def range_values(low_text: str, high_text: str) -> tuple[Decimal | None, Decimal | None]:
    """The bounds of a range; a scale word written once applies to both ends ('3 to 4 billion', 'between
    seventy and one hundred million') when the low number is below the high one's.

    >>> range_values("3", "4 billion"), range_values("200", "3 million")
    ((Decimal('3000000000'), Decimal('4000000000')), (Decimal('200'), Decimal('3000000')))
    """
    lo, hi = value_of(low_text), value_of(high_text)
    if lo is None or hi is None:
        return lo, hi
    m = regex.search(rf"\s+(?P<scale>{scale_word_pattern()})\s*$", high_text)
    if m and not regex.search(scale_word_pattern(), low_text):
        base, scale = value_of(high_text[: m.start()]), scale_value(m.group("scale"))
        if base is not None and scale is not None and lo < base:
            lo = times(lo, scale)
    return lo, hi


# a year standing as the low end of a range of figures is a date: 'from 80 barrels in 2003 to 98 million'
def year_before(text: str, start: int) -> bool:
    """Whether a number at ``start`` follows a preposition of time ('in 2003 to ...'; ``dates.json``)."""
    return _time_preposition().search(text, max(0, start - 16), start) is not None


@functools.cache
def _time_preposition() -> regex.Pattern:
    return regex.compile(rf"(?i:\b(?:{alternation(load('dates')['month_prepositions'])}))\s+$")


@functools.cache
def _change_verb_forms() -> frozenset[str]:
    """Every written form of the change verbs of cues.json: rise, rises, rising, rose, risen; drop, dropped ..."""
    cues = load("cues")
    forms: set[str] = set()
    for lemma in cues["increase_verbs"] + cues["decrease_verbs"]:
        words = lemma.split()
        head, rest = words[0], " ".join(words[1:])
        stem = head[:-1] if head.endswith("e") else head
        doubled = head + head[-1] if regex.fullmatch(r".*[^aeiou][aeiou][bdgmnpt]", head) else head
        for form in (head, head + "s", head + "es", stem + "ed", stem + "ing", doubled + "ed", doubled + "ing",
                     (head[:-1] + "ied") if head.endswith("y") else head):
            forms.add(f"{form} {rest}".strip())
        forms.update(cues["irregular_forms"].get(lemma, []))
    return frozenset(forms)


@functools.cache
def _change_before() -> regex.Pattern:
    forms = alternation(_change_verb_forms())
    return regex.compile(rf"(?i:\b(?:{forms}))(?:\s+\p{{L}}+){{0,3}}\s+$")


def states_a_change(text: str, start: int) -> bool:
    """Whether 'from A to B' at ``start`` follows a change verb within three words ('fell sharply from'): two
    levels, not a range (SCHEMA conventions).

    >>> states_a_change("Poverty fell from 31 to 26", 13), states_a_change("Estimates range from 480 to 650", 16)
    (True, False)
    """
    return _change_before().search(text, max(0, start - 60), start) is not None


def change_from(text: str, start: int) -> bool:
    """Whether a range starting at ``start`` is 'from A to B' after a change verb (with 'from' inside the range
    or just before it): the two numbers are levels, found each on its own."""
    m = regex.match(r"(?i:from)\s+", text[start:start + 8])
    if m:
        return states_a_change(text, start)
    before = regex.search(r"(?i:\bfrom)\s+$", text[max(0, start - 8):start])
    return before is not None and states_a_change(text, start - len(before.group()))


def change_by_to(text: str, start: int, end: int) -> bool:
    """Whether 'A to B' right after a change verb is a change and the level it reached ('rose $1.50 to $82.40',
    'climbed 300 to 4,783'): two claims, not a range. 'between'/'from' ranges are left to :func:`change_from`.

    >>> change_by_to("Brent rose $1.50 to $82.40", 11, 26), change_by_to("It costs $5 to $10", 9, 18)
    (True, False)
    """
    span = text[start:end]
    return regex.match(r"(?i:between|from)\b", span) is None and regex.search(r"\s(?i:to)\s", span) is not None \
        and states_a_change(text, start)


def compile_pattern(pattern: str) -> regex.Pattern:
    return regex.compile(pattern)
