"""Turn written numbers into values: digits, number words, scale words.

All functions are pure and return :class:`decimal.Decimal` so that money keeps its
exact value ("2.35 million" is 2350000, not 2349999.9999).
"""
from __future__ import annotations

import functools
import unicodedata
from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, Context, Decimal, InvalidOperation

import regex

from claimx._data import alternation, load

MINUS_SIGNS = "-−–"
# products are exact: the default context keeps 28 digits and would round "$" + 360 nines + " billion"
EXACT = Context(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN)


def times(a: Decimal | int, b: Decimal | int) -> Decimal:
    """``a * b`` exactly, however many digits (a scale word or a unit factor applied to a written number).

    >>> times(Decimal("9" * 30), 1000)
    Decimal('999999999999999999999999999999000')
    """
    return EXACT.multiply(Decimal(a), Decimal(b))


@functools.cache
def _words() -> dict[str, dict[str, int]]:
    return load("number_words")


# a power of ten: 10^80, 10^-400, 10⁸⁰, 10⁻⁴
SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
POWER_OF_TEN = rf"10(?:\^[-−]?\d{{1,4}}|[⁻⁺]?[{SUPERSCRIPT_DIGITS}]{{1,4}})"
# vulgar fraction characters: '¾ of voters', '1½ million'
VULGAR_FRACTIONS = "½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅐⅛⅜⅝⅞⅑⅒"
_UNSUPER = str.maketrans(SUPERSCRIPT_DIGITS + "⁻⁺−", "0123456789-+-")


def power_of_ten(text: str) -> int | None:
    """The exponent of a power of ten written '10^n' or with superscripts, else None.

    >>> power_of_ten("10^80"), power_of_ten("10^-400"), power_of_ten("10⁻⁴"), power_of_ten("1080")
    (80, -400, -4, None)
    """
    if not regex.fullmatch(POWER_OF_TEN, text):
        return None
    return int(text[2:].lstrip("^").translate(_UNSUPER))


def vulgar_value(char: str) -> Decimal:
    """The value of a vulgar fraction character, from its Unicode decomposition ('¾' is '3⁄4').

    >>> vulgar_value("¾"), vulgar_value("⅒")
    (Decimal('0.75'), Decimal('0.1'))
    """
    numerator, denominator = unicodedata.normalize("NFKC", char).split("\u2044")
    return Decimal(numerator) / Decimal(denominator)


def parse_number(text: str) -> Decimal | None:
    """Parse a number written in digits, with thousands separators and sign.

    >>> parse_number("1,234")
    Decimal('1234')
    >>> parse_number("-1.7")
    Decimal('-1.7')
    >>> parse_number("−3")
    Decimal('-3')
    >>> parse_number("12 000"), parse_number("124,8"), parse_number("7,25")
    (Decimal('12000'), Decimal('124.8'), Decimal('7.25'))
    >>> parse_number("abc") is None
    True
    >>> parse_number("10^80"), parse_number("-10⁻⁴⁰⁰"), parse_number("1½"), parse_number("¾")
    (Decimal('1E+80'), Decimal('-1E-400'), Decimal('1.5'), Decimal('0.75'))
    """
    s = text.strip()
    neg = s[:1] in MINUS_SIGNS
    if neg:
        s = s[1:]
    exponent = power_of_ten(s)
    if exponent is not None:
        return Decimal(-1 if neg else 1).scaleb(exponent, EXACT)
    if regex.fullmatch(rf"\d*[{VULGAR_FRACTIONS}]", s):
        value = Decimal(s[:-1] or 0) + vulgar_value(s[-1])
        return -value if neg else value
    if regex.fullmatch(r"\d{1,3}(?: \d{3})+", s):  # thousands separated by spaces: '45 000'
        s = s.replace(" ", "")
    elif regex.fullmatch(r"\d{1,3},\d{1,2}", s):  # a decimal comma: '124,8' (never a thousands group)
        s = s.replace(",", ".")
    if not regex.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d*\.?\d+(?:[eE][-+]?\d{1,3})?", s):
        return None
    try:
        value = Decimal(s.replace(",", ""))
    except InvalidOperation:
        return None
    return -value if neg else value


def scale_value(word: str) -> Decimal | None:
    """The multiplier of a scale word ('million', 'lakhs') or abbreviation ('bn', 'bln'); never 'hundred'.

    >>> scale_value("billion")
    Decimal('1000000000')
    >>> scale_value("bn"), scale_value("bln"), scale_value("thousands")
    (Decimal('1000000000'), Decimal('1000000000'), Decimal('1000'))
    >>> scale_value("Million"), scale_value("lakh crore"), scale_value("thousand  crores")
    (Decimal('1000000'), Decimal('1000000000000'), Decimal('10000000000'))
    >>> scale_value("apples") is None
    True
    """
    w = " ".join(word.lower().rstrip(".").split())
    compound = _words()["compound_scales"]
    value = compound.get(w) or compound.get(w[:-1] if w.endswith("s") else w)
    if value is not None:
        return Decimal(value)
    value = _scales().get(w) or _scales().get(w[:-1] if w.endswith("s") else w)
    if value is None:
        value = _words()["scale_abbreviations"].get(w)
    return Decimal(value) if value is not None else None


@functools.cache
def _scales() -> dict[str, int]:
    """The scale words that multiply digits: thousand and up ('4.5 million', not '4.5 hundred')."""
    return {w: v for w, v in _words()["scales"].items() if v >= 1000}


@functools.cache
def scale_word_pattern() -> str:
    """A regex (no groups) of the scale words written after digits, any case, plural allowed: 'million', 'lakhs'.

    >>> import regex; bool(regex.fullmatch(scale_word_pattern(), "Crores")), bool(regex.fullmatch(scale_word_pattern(), "lakh crore"))
    (True, True)
    """
    return rf"(?i:(?:{alternation(_words()['compound_scales'])}|{alternation(_scales())})s?)"


@functools.cache
def scale_abbreviation_pattern() -> str:
    """A regex (no groups) of the scale abbreviations: 'bn', 'mln', 'k' (lower case, as written after amounts)."""
    return rf"(?:{alternation(_words()['scale_abbreviations'])})"


def words_to_number(text: str) -> Decimal | None:
    """Read a number written in English words.

    >>> words_to_number("seven")
    Decimal('7')
    >>> words_to_number("twenty-five")
    Decimal('25')
    >>> words_to_number("a dozen")
    Decimal('12')
    >>> words_to_number("a million")
    Decimal('1000000')
    >>> words_to_number("two hundred and fifty thousand")
    Decimal('250000')
    >>> words_to_number("one and a half"), words_to_number("three million and a half")
    (Decimal('1.5'), Decimal('3500000'))
    >>> words_to_number("two lakh crore"), words_to_number("a thousand million")
    (Decimal('2000000000000'), Decimal('1000000000'))
    >>> words_to_number("hundreds of thousands")
    Decimal('100000')
    >>> words_to_number("a few dozen") is None
    True
    >>> words_to_number("the") is None
    True
    """
    w = _words()
    tokens = [t for t in regex.split(r"[\s\-‐‑]+", text.lower().strip()) if t]
    if not tokens:
        return None
    # "hundreds of thousands", "millions": the least value the words imply
    if tokens[0] in w["vague_plurals"]:
        value = Decimal(w["vague_plurals"][tokens[0]])
        rest = tokens[1:]
        if rest[:1] == ["of"] and len(rest) == 2 and rest[1] in w["vague_plurals"]:
            return value * Decimal(w["vague_plurals"][rest[1]])
        return value if not rest else None
    total = Decimal(0)
    current = Decimal(0)
    last_scale = group = Decimal(0)
    seen = False
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if t in ("a", "an") and i + 1 < len(tokens) and (
            tokens[i + 1] in w["scales"] or tokens[i + 1] in w["dozen"] or tokens[i + 1] == "half"
        ):
            if tokens[i + 1] == "half":  # "one and a half"; "three million and a half" is 3.5 million
                current += Decimal("0.5") if current or not last_scale else last_scale / 2
                seen = True
                i += 2
                continue
            current += 1
            seen = True
        elif t == "and" and seen:
            pass
        elif t in w["units"]:
            current += w["units"][t]
            seen = True
        elif t in w["tens"]:
            current += w["tens"][t]
            seen = True
        elif t in w["dozen"] and seen:
            current *= w["dozen"][t]
        elif t == "hundred" and seen:
            current *= 100
        elif t in w["scales"] and seen and not current and last_scale and tokens[i - 1] in w["scales"]:
            total += group * (w["scales"][t] - 1)  # 'two lakh crore', 'a thousand million': one compound scale
            group *= w["scales"][t]
            last_scale = Decimal(w["scales"][t])
        elif t in w["scales"] and seen:
            group = current * w["scales"][t]
            total += group
            current = Decimal(0)
            last_scale = Decimal(w["scales"][t])
        else:
            return None
        i += 1
    return (total + current) if seen else None


def fraction_value(text: str) -> Decimal | None:
    """Value of a fraction written in words: "two-thirds", "a third", "three quarters".

    >>> fraction_value("two-thirds")
    Decimal('0.6666666666666666666666666667')
    >>> fraction_value("a quarter")
    Decimal('0.25')
    >>> fraction_value("half")
    Decimal('0.5')
    >>> fraction_value("three") is None
    True
    """
    w = _words()
    tokens = [t for t in regex.split(r"[\s\-‐‑]+", text.lower().strip()) if t]
    if not tokens or tokens[-1] not in w["fractions"]:
        return None
    denominator = Decimal(w["fractions"][tokens[-1]])
    head = tokens[:-1]
    if not head or head in (["a"], ["an"], ["one"]):
        numerator = Decimal(1)
    else:
        numerator = words_to_number(" ".join(head))
        if numerator is None:
            return None
    return numerator / denominator


def number_value(text: str) -> Decimal | None:
    """A number in digits or words, with an optional scale word ("4.5 million", "$2bn" without the $).

    >>> number_value("4.5 million")
    Decimal('4500000.0')
    >>> number_value("2bn")
    Decimal('2000000000')
    >>> number_value("twenty-five")
    Decimal('25')
    >>> number_value("1.5 trillion")
    Decimal('1500000000000.0')
    """
    s = text.strip()
    m = regex.fullmatch(rf"([-−–]?{POWER_OF_TEN}|[-−–]?\d*[{VULGAR_FRACTIONS}]|[-−–]?\d{{1,3}}(?: \d{{3}})+|[-−–]?[\d.,]+(?:[eE][-+]?\d{{1,3}})?)"
                        r"\s*([A-Za-z]+(?:\s+[A-Za-z]+)?)?\.?", s)
    if m:
        base = parse_number(m.group(1))
        if base is None:
            return None
        if m.group(2):
            scale = scale_value(m.group(2))
            return None if scale is None else times(base, scale)
        return base
    return words_to_number(s)


@functools.cache
def number_word_pattern() -> str:
    """A regex (no groups) matching numbers written in words: "twenty-five", "a million", "two and a half"."""
    w = _words()
    small = alternation(list(w["units"]) + list(w["tens"]))
    tens = alternation(list(w["tens"]))
    units = alternation([u for u in w["units"] if w["units"][u] < 10 and w["units"][u] > 0])
    scale = alternation(list(w["scales"]) + list(w["dozen"]))
    word = rf"(?:(?:{tens})[\-‐‑](?:\r?\n[ \t]*)?(?:{units})|{small})"  # 'Fifty-\nseven' broken at a line end
    core = rf"(?:{word}(?:\s+(?:and\s+)?(?:{scale}|{word}))*|an?\s+(?:{scale})(?:\s+(?:and\s+)?(?:{scale}|{word}))*)"
    return rf"(?:{core}(?:\s+and\s+a\s+half)?)"
