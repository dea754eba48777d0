"""Find claim candidates in text: every recognizer runs, then overlaps are resolved once, longest first.

Each recognizer module has ``find(text) -> Iterator[Candidate]`` and knows nothing of the others.
"""
from __future__ import annotations

import functools
from collections.abc import Iterable

import regex

from claimx._data import alternation, load
from claimx.model import Kind, Qualifier
from claimx.numbers import VULGAR_FRACTIONS, words_to_number
from claimx.recognizers import count, dates, money, multiplier, percent, quantity, ratio
from claimx.recognizers.base import Candidate, qualifier_table

RECOGNIZERS = (money.find, percent.find, dates.find, ratio.find, multiplier.find, quantity.find, count.find)


WORD = regex.compile(r"\p{L}+")


class Trigger:
    """A cheap test of whether a recognizer could find anything in a sentence: a regex of the symbols and short
    forms its matches must contain, or one of its words (a set lookup: the word lists are long)."""

    def __init__(self, pattern: str, words=()):
        self.pattern = regex.compile(pattern) if pattern else None
        self.words = frozenset(w.lower() for w in words)

    def __call__(self, text: str) -> bool:
        if self.pattern is not None and self.pattern.search(text):
            return True
        return bool(self.words) and not self.words.isdisjoint(w.lower() for w in WORD.findall(text))


@functools.cache
def _triggers() -> dict:
    """One trigger per recognizer (recognizers without one always run)."""
    currency_symbols, currency_words, codes = money.currency_tables()
    letters = "|".join(regex.escape(x) + r"\d" for x in load("currencies")["letter_symbols"])  # 'R2.5 billion'
    symbols = "|".join(regex.escape(x) for x in sorted(currency_symbols, key=len, reverse=True)) + "|" + letters
    unit_words = {w for e in load("units")["units"].values() for f in e["forms"] for w in f.split()}
    nw = load("number_words")
    multipliers = alternation(list(nw["multiplier_verbs"]) + list(nw["multiplier_adverbs"]))
    return {
        money.find: Trigger(symbols, list(codes) + [w.split()[-1] for w in currency_words]),
        percent.find: Trigger(r"%", [w for p in load("units")["percent_words"] for w in p.split()]),
        ratio.find: Trigger(rf"\d[/:⁄]\d|[{VULGAR_FRACTIONS}]", list(nw["fractions"]) + ["in", "of"]),
        multiplier.find: Trigger(rf"×|\dx\b|(?i:times|fold|{multipliers})"),
        quantity.find: Trigger(r"\d[ \t]?[\p{L}°℃℉‰‱µΩÅ]|°", list(unit_words) + ["every", "per"]),
    }


def _may_find(find, text: str) -> bool:
    trigger = _triggers().get(find)
    return trigger is None or trigger(text)


# Spans whose numbers are never claims: web addresses, e-mail and file names, Markdown link targets, HTML tags.
NOT_PROSE = regex.compile(
    r"(?:https?://|www\.)[^\s<>\")\]]+"
    r"|[\w.+-]+@[\w-]+\.[\w.]+"
    r"|\]\([^)\s]*\)"
    r"|</?[A-Za-z][^<>\n]{0,200}>"
    r"|\b[\w-]+\.(?:jpe?g|png|gif|pdf|docx?|xlsx?|csv|html?|txt|md)\b"
    r"|\bFile:[^\s]+"
    r"|#\w+"
    r"|\[\^[^\]\s]+\]"  # Markdown footnote references [^3]
    r"|(?<![\w.,])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)\s?|0\d{2,4}[\s.-])\d{3,4}[\s.-]?\d{3,4}(?![\w,])"  # phone numbers
    r"|(?<![\w.,])\d{3}[.-]\d{3}[.-]\d{4}(?![\w,])"
    r"|(?<![\w.,:])\d{1,2}(?::[0-5]\d)?\s?(?i:[ap]\.m\.|[ap]m\b)"  # clock times: 3 pm, 10:30 a.m.
    r"|(?<![\w.,:])(?:[01]?\d|2[0-3]):[0-5]\d(?![\d:])"  # 17:30
)

@functools.cache
def _citation_pattern() -> regex.Pattern:
    """Legal citations and document identifiers ('42 U.S.C. §7401', '§ 1234(b)', 'P.L. 117-58', 'H.R. 1234',
    'Executive Order 12345', 'GAO-21-123', 'the Clean Rivers Act of 2002'), from labels.json 'citations': their
    numbers are never figures."""
    cites = load("labels")["citations"]

    def form(f: str) -> str:  # 'H.R.' is also written 'H. R.'; the words of a form may be split by any space
        return r"\s+".join(regex.escape(w).replace(r"\.", r"\.[ \t]?") for w in f.split())

    def forms(key: str) -> str:
        return "|".join(form(f) for f in sorted(cites[key], key=len, reverse=True))

    # a section number: '7401', '1234(b)(2)', '117-58', '60.5', '7401a'
    num = r"\d[\d\p{L}]*(?:[.\-–—:/]\d[\d\p{L}]*)*(?:\([\p{L}\d]{1,4}\))*"
    section = rf"\s*(?:§§?\s*)?(?:(?:No\.|Part|pt\.)\s*)?{num}"
    return regex.compile(
        rf"(?<![\w.])(?:{forms('before')}){section}"
        rf"|(?<![\w.,])\d{{1,3}}\s+(?:{forms('title_before')}){section}"
        r"|(?<![\w-])\p{Lu}{2,}(?:-\d+\p{L}*){2,}"
        rf"|(?<![\w-])(?:{forms('name_of_year')})\s+of\s+\d{{4}}(?!\d)"  # 'the Clean Rivers Act of 2002'
    )


@functools.cache
def _lost_ordinal() -> regex.Pattern:
    """'the 18 century': an ordinal whose raised 'th' was lost in copying (units.json 'ordinal_units'), neither
    1,800 years nor 18 of something."""
    units = "|".join(regex.escape(u) for u in load("units")["ordinal_units"])
    return regex.compile(rf"(?<![\w.,])(?:[2-9]|[1-9]\d)\s+(?i:{units})(?![\w-])")


# a capitalized word right before a number names a model, a route or a list: 'Boeing 737', 'Apollo 11', 'Top 10'
NAME_BEFORE = regex.compile(r"(?<![\w'’-])(?P<word>\p{Lu}[\p{L}\d-]*)[ \t]+$")
@functools.cache
def _qualifier_patterns() -> tuple[regex.Pattern, regex.Pattern, dict[str, Qualifier]]:
    lookup, after = qualifier_table("before"), qualifier_table("after")
    # a word qualifier stands before the number with a space; a symbol may touch it ('∼12 m', '>250 μm') and may
    # follow a symbol it qualifies ('Eg≈2.0 eV')
    words = [q for q in lookup if regex.match(r"\w", q)]
    symbols = [q for q in lookup if not regex.match(r"\w", q)]
    before_re = regex.compile(rf"(?:(?<![\w-])(?P<q>(?i:{alternation(words)}))\s+|(?P<q>{alternation(symbols)})\s?)\[?$")
    after_re = regex.compile(rf"^\s+(?P<q>(?i:{alternation(after)}))(?![\w-])")
    return before_re, after_re, {**lookup, **after}


@functools.cache
def _label_pattern() -> regex.Pattern:
    words = load("labels")["label_words"]
    codes = set(money.currency_tables()[2])
    units = {f for e in load("units")["units"].values() for f in e["forms"]}
    caps_exclusions = "|".join(sorted(codes | {u for u in units if u.isupper()}))
    return regex.compile(
        rf"(?:(?<![\w.])(?:{alternation(words)})\s*[\s#]\s*|(?<![\w.])(?!(?:{caps_exclusions})\b)\p{{Lu}}{{2,}}[\s\-‐‑]?)$"
    )


def attach_qualifier(text: str, cand: Candidate, cuts: Iterable[int] = ()) -> Candidate:
    """Extend a candidate over the qualifier before or after it ('nearly 12,000', '40 percent or more'). Across
    one of the ``cuts`` (where link syntax was taken out: 'About [40%](…)') the qualifier is read but the span
    stays on its side of the cut, so that no link syntax enters the claim's text."""
    if cand.kind == Kind.date:
        return cand
    before_re, after_re, lookup = _qualifier_patterns()

    def across(a: int, b: int) -> bool:
        return any(a < cut <= b for cut in cuts)

    m = before_re.search(text, max(0, cand.start - 40), cand.start)
    if m:
        cand.qualifier = cand.qualifier or lookup[" ".join(m.group("q").lower().split())]
        start = m.start("q")
        outer = before_re.search(text, max(0, start - 40), start)
        if outer:  # 'above ∼500 K', 'up to around 650 K': the outer qualifier bounds the figure
            cand.qualifier = lookup[" ".join(outer.group("q").lower().split())]
            start = outer.start("q")
        if not across(start, cand.start):
            cand.start = start
    m = after_re.match(text[cand.end: cand.end + 30])
    if m:
        cand.qualifier = cand.qualifier or lookup[" ".join(m.group("q").lower().split())]
        if not across(cand.end, cand.end + m.end() - 1):
            cand.end += m.end()
    return cand


def after_a_name(text: str, cand: Candidate) -> bool:
    """A count right after a capitalized word that does not start a sentence: 'Boeing 737', 'Top 10'."""
    if cand.kind != Kind.count or not text[cand.start: cand.start + 1].isdigit():
        return False
    m = NAME_BEFORE.search(text, max(0, cand.start - 40), cand.start)
    if not m:
        return False
    word = m.group("word")
    months = load("dates")["months"]
    if word in load("labels")["not_names"] or word.rstrip(".").lower() in months or word in money.currency_tables()[2]:
        return False
    return not SENTENCE_START.search(text, max(0, m.start() - 3), m.start())


def is_label(text: str, cand: Candidate) -> bool:
    """A count or year right after a label word: 'Article 102', 'Round 1', 'COVID 19', 'Vision 2030'."""
    if cand.kind not in (Kind.count, Kind.date) or (cand.value is None and cand.low is None):
        return False  # a range of labels counts too: 'Table 2-3', 'Sections 12-14'
    if after_a_name(text, cand):
        return True
    if cand.kind == Kind.date and not (isinstance(cand.value, str) and cand.value.isdigit()
                                       and text[cand.start: cand.start + 1].isdigit()):
        return False  # a range, or a year written with its words ('FY2026', 'mid-2019')
    if _label_pattern().search(text, max(0, cand.start - 40), cand.start):
        return True
    # list markers '1)' and footnote marks '[3]'
    nxt = text[cand.end: cand.end + 1]
    prev = text[max(0, cand.start - 1): cand.start]
    marker = cand.end - cand.start <= 2 and (not prev or prev.isspace())  # '1)' starts an item; '2006)' does not
    return (nxt == ")" and prev != "(" and marker) or (prev == "[" and nxt == "]")


SENTENCE_START = regex.compile(r"(?:^|[.!?:;]\s+|\n\s*|[\"“‘(]\s*)$")


def in_title_case(text: str, cand: Candidate) -> bool:
    """A number word written with a capital inside a sentence belongs to a title or a name
    ('Four Years Later', 'the Five-Step Plan')."""
    first = text[cand.start: cand.end]
    if not first[:1].isupper() or cand.kind == Kind.date:
        return False
    words = regex.findall(r"[^\W\d_]+", first)
    if not words or words_to_number(words[0]) is None:
        return False
    if len(words) < 2 and not regex.match(r"\s*[-‐‑]?\s*\p{Lu}", text[cand.end: cand.end + 3]):
        return False
    return not SENTENCE_START.search(text, max(0, cand.start - 3), cand.start)


def resolve_overlaps(cands: Iterable[Candidate]) -> list[Candidate]:
    """Keep the longest of overlapping candidates (ties: higher priority, then earlier), in text order."""
    kept: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for c in sorted(cands, key=lambda c: (-c.length, -c.priority, c.start)):
        if any(c.start < e and s < c.end for s, e in taken):
            continue
        kept.append(c)
        taken.append((c.start, c.end))
    return sorted(kept, key=lambda c: c.start)


def find_candidates(text: str, skip: Iterable[tuple[int, int]] = (), cuts: Iterable[int] = ()) -> list[Candidate]:
    """All claim candidates in ``text``, overlaps resolved, qualifiers attached.

    ``skip`` lists character ranges handled elsewhere (table rows). A price base ('in 2019 dollars') is no claim,
    nor an ordinal that lost its suffix ('the 18 century').
    ``cuts`` are offsets where link syntax was taken out of the text: no qualifier is attached across them.
    """
    cuts = tuple(cuts)
    # a date the calendar lacks ('June 31, 2020') is no claim, nor are its day and year alone; nor is a price base
    blocked = ([m.span() for m in NOT_PROSE.finditer(text)] + list(money.price_bases(text)) + list(skip)
               + dates.impossible(text) + [m.span() for m in _citation_pattern().finditer(text)]
               + [m.span() for m in _lost_ordinal().finditer(text)])
    cands, labels = [], []
    for find in RECOGNIZERS:
        if not _may_find(find, text):
            continue
        for c in find(text):
            if any(c.start < e and s < c.end for s, e in blocked):
                continue
            if c.kind != Kind.date and c.low is not None and is_label(text, c):
                labels.append((c.start, c.end))  # a range of labels ('Tables 2-3', 'XHR 7.5–80'): none of its parts
                continue
            if is_label(text, c) or in_title_case(text, c):
                continue
            cands.append(c)
    if labels:
        cands = [c for c in cands if not any(c.start < e and s < c.end for s, e in labels)]
    if cuts:  # a match across link syntax gives way to the shorter ones inside it: '[FY2018](…) and [FY2020](…)'
        crossing = [c for c in cands if any(c.start < cut < c.end for cut in cuts)]
        whole = [c for c in cands if not any(c.start < cut < c.end for cut in cuts)]
        cands = whole + [c for c in crossing if not any(c.start < o.end and o.start < c.end for o in whole)]
    return [attach_qualifier(text, c, cuts) for c in resolve_overlaps(cands)]
