"""Money: '$4 billion', 'US$3,400 per person', 'US\\$220 billion' (Markdown escape), '€5m', '4 billion dollars',
'250bn-peso', '$15-25 billion a year'. The unit is the ISO 4217 code."""
from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterator
from decimal import Decimal

import regex

from claimx._data import alternation, load
from claimx.model import Kind
from claimx.numbers import scale_abbreviation_pattern, scale_value, scale_word_pattern, times
from claimx.recognizers.base import (
    AFTER_NUMBER, BEFORE_NUMBER, DASH, DIGITS, SIGNED_DIGITS, Candidate, change_by_to, change_from, compile_pattern, value_of,
    word_number, year_pattern,
)


@functools.cache
def currency_tables() -> tuple[dict[str, str], dict[str, str], list[str]]:
    """(symbol -> code, lower-case name -> code, codes): CLDR's tables with currencies.json's forms over them."""
    cldr, hand = load("currencies_cldr"), load("currencies")
    words = {w: c for w, c in cldr["names"].items() if w not in hand["not_currency_words"]}
    words.update(hand["words"])
    words.update(hand["minor_units"])
    symbols = {**hand["ambiguous_symbols"], **cldr["symbols"], **hand["safe_symbols"], **hand["safe_symbols_more"]}
    codes = sorted((set(cldr["codes"]) - set(hand["english_word_codes"])) | set(hand["codes"]))
    return symbols, words, codes


def _symbol_pattern() -> str:
    symbols, _, codes = currency_tables()
    # a Markdown-escaped dollar (\$) is still a dollar; specific symbols (US$) before the bare one ($)
    alts = sorted(symbols, key=len, reverse=True)
    parts = [s.replace("$", r"\\?\$") if "$" in s else s for s in (regex_escape(a) for a in alts)]
    code_alt = "|".join(codes)
    return rf"(?P<sym>(?:{'|'.join(parts)})[ \t]?|(?<![\w])(?:{code_alt})\s?)"


def regex_escape(s: str) -> str:
    import regex

    return regex.escape(s).replace(r"\$", "$")


@functools.cache
def _patterns():
    _, words, codes = currency_tables()
    sym = _symbol_pattern()
    scale = rf"(?:\s*(?i:{scale_abbreviation_pattern()})\b|\s+{scale_word_pattern()})"
    digits = rf"(?P<num>{SIGNED_DIGITS})(?:(?P<scale>{scale})|{AFTER_NUMBER})"
    rate = alternation(load("currencies")["rate_suffixes"])
    # '$61 a barrel' from the table; any 'per <word>' too ('€45 per dose', '$3 per gallon'), but 'per cent'
    rate_part = rf"(?P<rate>\s+(?:{rate}|per\s+(?!(?i:cent)\b)\p{{L}}[\p{{L}}-]{{1,24}})\b)?"
    word_alt = alternation(list(words))
    code_alt = "|".join(codes)
    sym2 = sym.replace("(?P<sym>", "(?:")
    after_signs = "|".join(regex_escape(x) for x in sorted(currency_tables()[0], key=len, reverse=True)
                           if all(unicodedata.category(ch) == "Sc" for ch in x) and x != "$")
    return [
        # between $5 and $10 million / from $5m to $10m / $5 to $10 billion
        compile_pattern(rf"(?:(?P<btw>(?i:between)\s+)|(?i:from)\s+)?{sym}(?P<low>{DIGITS})(?P<lscale>{scale})?"
                        rf"\s+(?(btw)(?i:and|to)|(?i:to))\s+{sym2}"
                        rf"(?P<high>{DIGITS})(?P<scale>{scale})?{rate_part}"),
        # $20-30 billion
        compile_pattern(rf"{sym}(?P<low>{DIGITS}){DASH}(?:\\?\$)?(?P<high>{DIGITS})(?P<scale>{scale})?{rate_part}"),
        # US$2.35 million, $4bn, \$220 billion, USD 5 million
        compile_pattern(rf"{sym}{digits}{rate_part}"),
        # R2.5 billion, R12,000: a one-letter symbol ('R' for the rand) only glued to an amount with a scale word
        # or thousands separators, never 'R2' alone
        compile_pattern(rf"(?<![\w$]){_letter_symbol_pattern()}(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?(?![\d,])"
                        rf"|\d+(?:\.\d+)?(?=(?:{scale})))(?:(?P<scale>{scale}))?{rate_part}"),
        # 950€, 80 ₪: a currency sign after the amount
        compile_pattern(rf"{digits}[ \t]?(?P<sym>{after_signs})(?![\w$])"),
        # 4 billion dollars, a million dollars a minute, 250bn-peso, 5 million USD
        compile_pattern(
            rf"(?:(?P<num>{BEFORE_NUMBER}{SIGNED_DIGITS})(?:(?P<scale>{scale})|{AFTER_NUMBER})|(?P<wnum>{word_number()}))"
            rf"(?:\s+|[-‐])(?P<word>(?i:{word_alt})|{code_alt})\b{rate_part}"
        ),
    ]


def _letter_symbol_pattern() -> str:
    return "(?P<sym>" + "|".join(regex_escape(x) for x in load("currencies")["letter_symbols"]) + ")"


def _currency(m) -> str | None:
    symbols, words, codes = currency_tables()
    if m.groupdict().get("sym"):
        s = m.group("sym").replace("\\", "").strip()
        return symbols.get(s) or load("currencies")["letter_symbols"].get(s) or (s if s in codes else None)
    w = " ".join(m.group("word").lower().split())
    return words.get(w) or (m.group("word") if m.group("word") in codes else None)


def _unit(m, code: str) -> str:
    """The currency code, with the denominator of a rate: '$61 a barrel' -> 'USD per barrel'."""
    rate = m.groupdict().get("rate")
    if not rate:
        return code
    said = " ".join(rate.split())
    per = load("currencies")["rate_suffixes"].get(said.lower())
    if per is None and said.lower().startswith("per "):
        per = said[4:]
    return f"{code} per {per}" if per else code


@functools.cache
def _price_base_pattern() -> regex.Pattern:
    _, words, codes = currency_tables()
    return regex.compile(rf"(?<![\w.,$-]){year_pattern(None)}(?:\s+|[-‐])(?:(?i:{alternation(list(words))})|{'|'.join(codes)})\b")


def price_bases(text: str) -> Iterator[tuple[int, int]]:
    """Spans of a year written before a currency word: the price base of another figure, neither an amount nor a
    date ('(in 2019 dollars)', '(2020 dollars)', 'constant 2015 dollars', '2024 U.S. dollars').

    >>> [text[s:e] for text in ("$5 billion (in 2019 dollars)", "2,019 dollars", "250 dollars")
    ...  for s, e in price_bases(text)]
    ['2019 dollars']
    """
    if _YEAR_SPACE.search(text):
        yield from (m.span() for m in _price_base_pattern().finditer(text))


_YEAR_SPACE = regex.compile(r"\d{4}[\s\-‐]")


def _scale(m) -> Decimal:
    s = (m.groupdict().get("scale") or "").strip()
    if not s:
        return Decimal(1)
    return scale_value(s) or Decimal(1)


def find(text: str) -> Iterator[Candidate]:
    for pattern in _patterns():
        for m in pattern.finditer(text):
            code = _currency(m)
            if code is None:
                continue
            unit = _unit(m, code)
            factor = _scale(m)
            if m.groupdict().get("word") and m.group("word").lower() in load("currencies")["minor_units"]:
                factor = factor / 100  # '62.5 cents' is 0.625 dollars
            end = m.end()
            if m.groupdict().get("low"):
                if change_from(text, m.start()) or change_by_to(text, m.start(), m.end()):
                    continue  # 'rose from $5m to $10m', 'rose $1.50 to $82.40': each found alone
                lo, hi = value_of(m.group("low")), value_of(m.group("high"))
                lscale = (m.groupdict().get("lscale") or "").strip()
                lfactor = (scale_value(lscale) or factor) if lscale else factor
                if lo is None or hi is None or times(lo, lfactor) >= times(hi, factor):
                    continue
                yield Candidate(m.start(), end, Kind.money, low=times(lo, lfactor), high=times(hi, factor), unit=unit,
                                core=(m.start("low"), m.end("high")), priority=1)
                continue
            v = value_of(m.group("num") or m.group("wnum"))
            if v is None:
                continue
            yield Candidate(m.start(), end, Kind.money, value=times(v, factor), unit=unit, core=m.span("num") if m.group("num") else m.span("wnum"), priority=1)
