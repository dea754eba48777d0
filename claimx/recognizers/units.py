"""Units of measure from a real registry: pint's (thousands of units, with SI prefixes, symbols, plurals and
compounds), plus the few forms it lacks, kept as data in ``claimx/data/units.json`` ('extra_units').

``unit_at(text, pos)`` reads the longest unit expression starting at ``pos`` ('km', 'μm', 'kV/cm', 'm s−1',
'people per km²', 'gigapascals') and gives its end, its canonical name and a factor. The canonical name is
pint's short symbol ('km', 'µm', 'kV/cm', 'm/s', 'km2'), or a preferred plain name for units whose symbol
reads badly in a table ('years' for pint's 'a'; see 'preferred_names'). Words that are English before they are
units ('in', 'a', 'at', 'are', 'pm' ...) are refused (see 'not_units'), and so are symbols glued to a number
that read as a scale ('3.5m people').
"""
from __future__ import annotations

import functools
from decimal import Decimal

import regex

from claimx._data import alternation, load

# one unit token: a symbol or word, with an exponent ('km2', 'km²', 's−1', 'm^3')
TOKEN = regex.compile(r"(?:°[CFKNSEW]?(?![\p{L}])|℃|℉|‰|‱|[\p{L}µΩÅ]+(?:[²³¹⁻]+|\^?[-−]?[1-9](?!\d))?)", regex.V1)
# what joins two unit tokens: '/', a middle dot, a space, or 'per'
JOIN = regex.compile(r"(?:\s?[/·⋅]\s?|\s+per\s+|[ \t])")
MAX_TOKENS = 3
SUPERSCRIPTS = str.maketrans("²³¹⁻", "231-")


@functools.cache
def registry():
    """pint's unit registry, loaded once (about 0.2 s) and only when a quantity may be in the text."""
    import pint

    return pint.UnitRegistry(autoconvert_offset_to_baseunit=True)


@functools.cache
def _data() -> dict:
    return load("units")


def _pint_expression(tokens: list[str], joins: list[str]) -> str:
    """'km', ['s−1'] -> 'km*s**-1'; 'people per km²' never reaches here (people is no unit)."""
    out = []
    for i, tok in enumerate(tokens):
        t = tok.replace("−", "-").replace("^", "").translate(SUPERSCRIPTS)
        m = regex.fullmatch(r"(?P<base>.*?[^\d-])(?P<exp>-?\d)", t)
        if m and m.group("base") not in ("°",):
            t = f"{m.group('base')}**{m.group('exp')}"
        if i:
            j = joins[i - 1].strip()
            modifier = tokens[i - 1].lower() in _data()["unit_modifiers"]
            out.append("/" if j in ("/", "per") else " " if modifier else "*")
        out.append(t)
    return "".join(out)


def _canonical(unit) -> str:
    """pint's short symbol, written plainly: 'km ** 2' -> 'km2', 'm / s' -> 'm/s'; preferred names first."""
    preferred = _data()["preferred_names"].get(str(unit))
    if preferred:
        return preferred
    text = format(unit, "~").replace(" ** ", "").replace("**", "").replace(" / ", "/").replace(" * ", " ")
    return text.replace("µ", "μ")


def _tokens(text: str, pos: int):
    """The unit tokens from ``pos`` on, each with the match of what joins it to the next (None after the last)."""
    while True:
        m = TOKEN.match(text, pos)
        if not m:
            return
        j = JOIN.match(text, m.end())
        yield m, j
        if j is None:
            return
        pos = j.end()


@functools.cache
def parse_unit(expression: str) -> tuple[str, Decimal] | None:
    """The canonical name and factor of a unit expression, or None when it names no unit.

    >>> parse_unit("gigapascals"), parse_unit("km²"), parse_unit("kV/cm"), parse_unit("in")
    (('GPa', Decimal('1')), ('km2', Decimal('1')), ('kV/cm', Decimal('1')), None)
    >>> parse_unit("m s−1"), parse_unit("years"), parse_unit("Mt")
    (('m/s', Decimal('1')), ('years', Decimal('1')), ('Mt', Decimal('1')))
    """
    key = " ".join(expression.split())
    extra = _data()["extra_units"]
    if key in extra:
        return extra[key], Decimal(1)
    tokens, joins, end = [], [], 0
    for m, j in _tokens(key, 0):
        tokens.append(m.group())
        end = m.end()
        if end == len(key) or j is None:
            break
        joins.append(j.group())
    if not tokens or end != len(key) or any(t in _data()["not_units"] for t in tokens):
        return None
    try:
        unit = registry().parse_units(_pint_expression(tokens, joins))
    except Exception:  # pint raises several kinds of errors for what is not a unit
        return None
    try:
        return _canonical(unit), Decimal(1)
    except KeyError:  # pint cannot write some units it parses ('°C per decade' as 'delta_decade'): write it plainly
        return "".join(t + ("/" if j.strip() in ("/", "per") else " " if j else "")
                       for t, j in zip(tokens, joins + [""])).strip(), Decimal(1)


@functools.cache
def _extra_pattern() -> regex.Pattern:
    return regex.compile(rf"(?:{alternation(_data()['extra_units'])})(?![\p{{L}}\d])")


def _extra_at(text: str, pos: int) -> tuple[int, str, Decimal] | None:
    """A form pint lacks, written at ``pos`` ('wt.%', 'bpd', 'Rp')."""
    m = _extra_pattern().match(text, pos)
    if m is None:
        return None
    return m.end(), _data()["extra_units"][" ".join(m.group().split())], Decimal(1)


def _may_follow(text: str, previous: tuple[int, int], token) -> bool:
    """Whether ``token`` continues the unit before it: after '/' or 'per' always; after a space only a short symbol
    or one with an exponent ('kg s−1', 'W m−2'), or after a modifier ('square metres'), never an English word ('5‰ has')."""
    between = text[previous[1]:token.start()]
    if between.strip():
        return True
    word = token.group()
    return (len(word) <= 2 or regex.search(r"[\d²³¹⁻−-]", word) is not None
            or text[previous[0]:previous[1]].lower() in _data()["unit_modifiers"])


def unit_at(text: str, pos: int, glued: bool = False) -> tuple[int, str, Decimal] | None:
    """The longest unit expression starting at ``pos``: (end, canonical name, factor), or None.

    ``glued``: the unit touches the number ('512GB'); a symbol that reads as a scale then is no unit when a word
    follows ('3.5m people').
    """
    extra = _extra_at(text, pos)
    if extra is not None:
        return extra
    tokens: list[tuple[int, int]] = []
    for m, _ in _tokens(text, pos):
        if len(tokens) == MAX_TOKENS or (tokens and not _may_follow(text, tokens[-1], m)):
            break
        tokens.append((m.start(), m.end()))
    for n in range(len(tokens), 0, -1):
        end = tokens[n - 1][1]
        found = parse_unit(text[pos:end])
        if found is None:
            continue
        word = text[pos:end]
        if glued and word.lower() in load("number_words")["scale_abbreviations"] and \
                regex.match(r"\s+\p{L}", text[end:end + 2]):
            return None
        if glued and len(word) == 1 and word.isalpha() and word not in _data()["glued_symbols"]:
            return None
        return end, found[0], found[1]
    return None
