"""Dates with a digit: 'December 21, 2020', 'July 1st' (--07-01), 'June 2019', 'mid-2019', '2013',
'the 1980s', "'90s", '2002-13', 'between 2015 and 2018', 'the second quarter of 2025' (2025-Q2); fiscal
years 'FY2026', 'fiscal year 2026' (2026), 'FY2024-FY2026' (2024 to 2026)."""
from __future__ import annotations

import calendar
import datetime
import functools
import re
from collections.abc import Iterator

from claimx._data import alternation, load
from claimx.model import Kind
from claimx.recognizers.base import Candidate, compile_pattern, value_of, word_number_prefix, year_pattern


def _months() -> dict[str, int]:
    return load("dates")["months"]


@functools.cache
def _patterns():
    d = load("dates")
    months = sorted(d["months"], key=len, reverse=True)
    # Month names are capitalized in running text; 'may' and 'march' in lower case are verbs.
    month = r"(?P<month>" + "|".join(m.capitalize() + (r"\.?" if len(m) <= 4 and m not in ("may", "june", "july") else "") for m in months) + r")(?![\w])"
    lo, hi = d["year_min"], d["year_max"]
    year, year2 = year_pattern(), year_pattern("year2")
    year_end = r"(?![\w%‰]|[.,]\d|\s?%|\s+(?i:percent|per\s?cent))"
    before = r"(?<![\w$€£¥.,#@/\\×-]|\w[-‐‑])"
    day = rf"(?P<day>[0-3]?\d)(?:{alternation(d['ordinal_suffixes'])})?"
    ordinal = "|".join(sorted(d["ordinals"], key=len, reverse=True))
    rel = alternation(d["relative"])
    periods = alternation(u for u, base in d["relative_units"].items() if u == base)
    month2 = month.replace("(?P<month>", "(?P<month2>")
    day2 = day.replace("(?P<day>", "(?P<day2>")
    to = r"\s*[-–—]\s*"
    words_to = rf"\s+(?i:{alternation(d['range_words'])})\s+"
    since = r"(?i:between|from)\s+"
    num_before = r"(?<![\w.,/-])"
    # fiscal years: 'FY2026', 'FY 2026', 'FY26', 'fiscal year 2026'; a range's second end may drop the prefix
    # ('FY2024-26', 'Fiscal years 2015 through 2024') but a bare two-digit end only after a dash ('FY03-05')
    fiscal = d["fiscal_years"]
    short = rf"(?:{alternation(fiscal['short'])})[ \t-]?"
    fyear = rf"(?:{short}(?:{year}|(?P<yy>\d\d))|(?i:{alternation(fiscal['long'])})\s+{year})(?!\d)"
    fyear2_dash = rf"(?:{short})?(?:{year2}|(?P<yy2>\d\d))(?!\d)"
    fyear2_words = rf"(?:{short}(?:{year2}|(?P<yy2>\d\d))|{year2})(?!\d)"
    fbefore = r"(?<![\w-])"
    span_words = alternation(w for w in d["range_words"] if w != "and")  # 'and' only after 'between'
    return [
        ("fiscal_range", compile_pattern(rf"{fbefore}(?i:between)\s+{fyear}\s+(?i:and)\s+{fyear2_words}{year_end}")),
        ("fiscal_range", compile_pattern(rf"{fbefore}(?:(?i:from)\s+)?{fyear}(?:\s?[-‐‑–—/]\s?{fyear2_dash}"
                                         rf"|\s+(?i:{span_words})\s+{fyear2_words}){year_end}")),
        ("fiscal_quarter", compile_pattern(rf"{fbefore}(?i:(?:the\s+)?(?P<ord>{ordinal})\s+(?P<part>quarter|half)\s+of\s+){fyear}{year_end}")),
        ("fiscal_quarter", compile_pattern(rf"(?<!\w)(?P<q>[QH][1-4])\s*{fyear}{year_end}")),
        ("fiscal_quarter", compile_pattern(rf"{fbefore}{fyear}[\s-]?(?P<q>[QH][1-4])\b")),
        ("fiscal", compile_pattern(rf"{fbefore}{fyear}{year_end}")),
        # spans of days and months: 'Oct 3-Nov 14, 2019', 'October 5-6', 'between February 22 and 24',
        # 'Mar-Apr 2018', 'from March to Sept 2021', 'between April 2020 and April 2021'
        ("span", compile_pattern(rf"{month}\s+{day}{to}{month2}\s+{day2},?\s+{year}{year_end}")),
        ("span", compile_pattern(rf"(?:{since})?{month}\s+{day}(?:{to}|{words_to}){day2}(?!\d)(?:,?\s+{year}{year_end})?")),
        ("span", compile_pattern(rf"{month}{to}{month2},?\s+{year}{year_end}")),
        ("span", compile_pattern(rf"{since}{month}{words_to}{month2},?\s+{year}{year_end}")),
        ("span", compile_pattern(rf"{since}{month},?\s+{year}{words_to}{month2},?\s+{year2}{year_end}")),
        # numeric: 03/15/2017 (month first, as in US usage), 15.03.2017 (day first), 2018-7 (a month)
        ("numeric", compile_pattern(rf"{num_before}(?P<mm>0?[1-9]|1[0-2])/(?P<dd>0?[1-9]|[12]\d|3[01])/{year}(?![\w/])")),
        ("numeric", compile_pattern(rf"{num_before}(?P<dd>0?[1-9]|[12]\d|3[01])\.(?P<mm>0?[1-9]|1[0-2])\.{year}(?![\w.]\w)")),
        ("numeric", compile_pattern(rf"{before}{year}-(?P<mm>0?[1-9]|1[0-2])(?![\w-]|\.\d)")),
        ("mdy", compile_pattern(rf"{month}\s+{day},?\s+{year}{year_end}")),
        ("iso", compile_pattern(rf"{before}{year}-(?P<mm>0[1-9]|1[0-2])-(?P<dd>0[1-9]|[12]\d|3[01])(?![\w-])")),
        ("dmy", compile_pattern(rf"{before}{day}\s+(?:of\s+)?{month},?\s+{year}{year_end}")),
        ("md", compile_pattern(rf"{month}\s+{day}(?![\w,.]?\d)")),
        ("my", compile_pattern(rf"{month},?\s+(?:of\s+)?{year}{year_end}")),
        ("quarter", compile_pattern(rf"(?i:(?:the\s+)?(?P<ord>{ordinal})\s+(?P<part>quarter|half)\s+of\s+){year}{year_end}")),
        ("quarter", compile_pattern(rf"(?<!\w)(?P<q>[QH][1-4])\s*{year}{year_end}")),
        ("quarter", compile_pattern(rf"{before}{year}[\s-]?(?P<q>[QH][1-4])\b")),
        ("decade", compile_pattern(rf"(?:(?i:the)\s+)?(?:(?P<mod>(?i:{alternation(d['decade_parts'])}))[-‐‑\s])?(?P<decade>{year_pattern(None, decade=True)})['’]?s\b")),
        ("short_decade", compile_pattern(r"(?:(?i:the)\s+)?[‘'’](?P<decade2>\d0)s\b")),
        ("year_range", compile_pattern(rf"(?i:between)\s+{year}\s+(?i:and)\s+{year2}{year_end}")),
        ("year_range", compile_pattern(rf"(?i:from)\s+{year}\s+(?i:to|until|through)\s+{year2}{year_end}")),
        ("year_range", compile_pattern(rf"{before}{year}\s+(?i:to|until|through)\s+{year2}{year_end}")),
        # 3 November (no year): the day first
        ("dm", compile_pattern(rf"{before}{day}\s+(?:of\s+)?{month}(?!,?\s+\d)")),
        ("year_range", compile_pattern(rf"{before}{year}\s?[-‐‑–—/]\s?(?:{year2}|(?P<year2s>\d\d)){year_end}")),
        ("mod_year", compile_pattern(rf"(?<![\w])(?P<mod>(?i:{alternation(d['year_parts'])}))[-‐‑]{year}{year_end}")),
        ("year", compile_pattern(rf"{before}{year}{year_end}")),
        # relative: last year, this month, next decade, last July, the past decade, two years ago
        # in June, since March, by early May: a month named alone (the year is not written)
        ("month", compile_pattern(rf"(?<=(?i:\b(?:{alternation(d['month_prepositions'])}))[\s-]){month}(?![\w-]|\s+\d)")),
        ("rel_month", compile_pattern(rf"(?<![\w-])(?P<rel>(?i:{rel}))\s+{month}")),
        ("rel_unit", compile_pattern(rf"(?<![\w-])(?:(?i:the)\s+)?(?P<rel>(?i:{rel}))\s+"
                                     rf"(?P<unit>(?i:{periods}))\b(?!\s+(?i:old|long))")),
        ("ago", compile_pattern(rf"(?<![\w-])(?P<n>\d{{1,3}}|{word_number_prefix()}|(?i:a|an))\s+(?P<unit>(?i:{alternation(d['relative_units'])}))\s+(?i:ago)\b")),
    ], lo, hi


def _in_range(y: int) -> bool:
    _, lo, hi = _patterns()
    return lo <= y <= hi


ISO_DAY = re.compile(r"(?P<year>\d{4}|-)-(?P<month>\d{2})-(?P<day>\d{2})")
ISO_MONTH = re.compile(r"(?:\d{4}|-)-(?P<month>\d{2})")


def real_date(iso: str) -> bool:
    """Whether an ISO date names a day (or month) the calendar has: '2021-02-30', '2023-02-29', '--06-31' and
    '2020-13' do not; '--02-29' (no year) does, since some year has it. Other shapes ('2020', '2025-Q2') pass.

    >>> real_date("2020-02-29"), real_date("2021-02-29"), real_date("--02-29"), real_date("2020-06-31")
    (True, False, True, False)
    """
    m = ISO_DAY.fullmatch(iso)
    if m:
        month, day = int(m.group("month")), int(m.group("day"))
        if m.group("year") == "-":
            return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(2000, month)[1]  # 2000: a leap year
        try:
            datetime.date(int(m.group("year")), month, day)
        except ValueError:
            return False
        return True
    m = ISO_MONTH.fullmatch(iso)
    return 1 <= int(m.group("month")) <= 12 if m else True


REFERENCE = re.compile(r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?")


def check_reference(value: str | None) -> str | None:
    """A reference date (``--as-of``, ``reference_date``) as given, or ValueError: it must be an ISO year, month
    or day the calendar has ('2019', '2019-07', '2019-07-15'; not '2021-02-30').

    >>> check_reference("2024-02-29")
    '2024-02-29'
    >>> check_reference("2021-02-30")
    Traceback (most recent call last):
    ValueError: '2021-02-30' is not a real ISO date such as 2019, 2019-07 or 2019-07-15
    """
    if value is not None and not (isinstance(value, str) and REFERENCE.fullmatch(value) and real_date(value)):
        raise ValueError(f"{value!r} is not a real ISO date such as 2019, 2019-07 or 2019-07-15")
    return value


def _real(c: Candidate) -> bool:
    return all(not isinstance(v, str) or real_date(v) for v in (c.value, c.low, c.high))


def find(text: str) -> Iterator[Candidate]:
    """The date candidates in ``text``; a date the calendar does not have ('June 31, 2020') is none."""
    return (c for c in _find(text) if _real(c))


LATE_DAY = re.compile(r"(?<!\d)(?:29|30|31)(?!\d)")  # the only days some month lacks (0 and 32+ are never days)


def impossible(text: str) -> list[tuple[int, int]]:
    """The spans of dates written with a day their month lacks ('June 31, 2020', 'Feb 29, 2023', '2021-02-30'),
    unless a longer real date covers them: no claim is made from them, neither a date nor its day or year alone.

    >>> t = "On June 31, 2020 and Feb 29, 2024 it rained."
    >>> [t[s:e] for s, e in impossible(t)]
    ['June 31, 2020']
    """
    if not LATE_DAY.search(text):
        return []
    found = list(_find(text))
    good = [(c.start, c.end) for c in found if _real(c)]
    bad = {(c.start, c.end) for c in found if not _real(c)}
    bad = {(s, e) for s, e in bad if not any(a <= s and e <= b and b - a > e - s for a, b in good)}
    return sorted((s, e) for s, e in bad if not any(a <= s and e <= b and (a, b) != (s, e) for a, b in bad))


def _find(text: str) -> Iterator[Candidate]:
    patterns, _, _ = _patterns()
    months = _months()
    ordinals = load("dates")["ordinals"]
    rel_words = load("dates")["relative"]
    for name, pattern in patterns:
        for m in pattern.finditer(text):
            g = m.groupdict()
            value = low = high = None
            if name.startswith("rel_") or name == "ago":
                if name == "rel_month":
                    mon = months[m.group("month").rstrip(".").lower()]
                    rel = ("month_name", rel_words[m.group("rel").lower()], mon)
                    value = f"--{mon:02d}"
                elif name == "rel_unit":
                    rel = (m.group("unit").lower(), rel_words[m.group("rel").lower()], None)
                else:
                    n = m.group("n").lower()
                    count = 1 if n in ("a", "an") else value_of(n)
                    if count is None:
                        continue
                    rel = (load("dates")["relative_units"][m.group("unit").lower()], -int(count), None)
                yield Candidate(m.start(), m.end(), Kind.date, value=value, core=m.span(), relative=rel, priority=1)
                continue
            if name.startswith("fiscal"):
                c = _fiscal(m, name)
                if c is not None:
                    yield c
                continue
            if name == "span":
                low, high = _span(m)
                if low is None:
                    continue
                yield Candidate(m.start(), m.end(), Kind.date, low=low, high=high, core=m.span(), priority=2)
                continue
            if name == "numeric":
                y, mm = m.group("year"), int(m.group("mm"))
                value = f"{y}-{mm:02d}-{int(m.group('dd')):02d}" if g.get("dd") else f"{y}-{mm:02d}"
                yield Candidate(m.start(), m.end(), Kind.date, value=value, core=m.span(), priority=2)
                continue
            if name == "dm":
                dd = int(m.group("day"))
                if not 1 <= dd <= 31:
                    continue
                mon = months[m.group("month").rstrip(".").lower()]
                yield Candidate(m.start(), m.end(), Kind.date, value=f"--{mon:02d}-{dd:02d}", core=m.span(), priority=2)
                continue
            if g.get("month"):
                mon = months[m.group("month").rstrip(".").lower()]
            if name in ("mdy", "dmy"):
                dd = int(m.group("day"))
                if not 1 <= dd <= 31:
                    continue
                value = f"{m.group('year')}-{mon:02d}-{dd:02d}"
            elif name == "month":
                value = f"--{mon:02d}"
            elif name == "iso":
                value = m.group()
            elif name == "md":
                dd = int(m.group("day"))
                if not 1 <= dd <= 31:
                    continue
                value = f"--{mon:02d}-{dd:02d}"
            elif name == "my":
                value = f"{m.group('year')}-{mon:02d}"
            elif name == "quarter":
                if g.get("q"):
                    q = m.group("q").upper()
                else:
                    n = ordinals[m.group("ord").lower()]
                    part = m.group("part").lower()
                    if part == "half" and n > 2:
                        continue
                    q = ("H" if part == "half" else "Q") + str(n)
                value = f"{m.group('year')}-{q}"
            elif name in ("decade", "short_decade"):
                if g.get("decade"):
                    start = int(m.group("decade"))
                else:
                    d2 = int(m.group("decade2"))
                    start = 1900 + d2 if d2 >= 30 else 2000 + d2
                mod = (g.get("mod") or "").lower()
                offsets = load("dates")["decade_parts"].get(mod, (0, 9))
                low, high = str(start + offsets[0]), str(start + offsets[1])
            elif name == "year_range":
                y1, y2s = int(m.group("year")), m.group("year2") or m.group("year2s")
                y2 = int(y2s) if len(y2s) == 4 else (y1 // 100) * 100 + int(y2s)
                if not y1 < y2 <= y1 + 100 or not _in_range(y1):
                    continue
                low, high = str(y1), str(y2)
            else:  # year, mod_year
                if not _in_range(int(m.group("year"))):
                    continue
                value = m.group("year")
            yield Candidate(m.start(), m.end(), Kind.date, value=value, low=low, high=high, core=m.span(),
                            priority=2 if name != "year" else 0)


def _full_year(m, four: str, two: str) -> int | None:
    """A fiscal year's calendar year: written in full, or in two digits ('FY26' 2026, 'FY98' 1998)."""
    if m.group(four):
        return int(m.group(four))
    if m.group(two):
        yy = int(m.group(two))
        return (1900 if yy >= 70 else 2000) + yy
    return None


def _fiscal(m, name: str) -> Candidate | None:
    """A fiscal year is the year it is named by ('FY2026' 2026); a range of them spans their years."""
    y1 = _full_year(m, "year", "yy")
    if y1 is None or not _in_range(y1):
        return None
    value = low = high = None
    if name == "fiscal_range":
        y2 = _full_year(m, "year2", "yy2")
        if y2 is None or not y1 < y2 <= y1 + 100:
            return None
        low, high = str(y1), str(y2)
    elif name == "fiscal_quarter":
        g = m.groupdict()
        if g.get("q"):
            q = m.group("q").upper()
        else:
            n = load("dates")["ordinals"][m.group("ord").lower()]
            part = m.group("part").lower()
            if part == "half" and n > 2:
                return None
            q = ("H" if part == "half" else "Q") + str(n)
        value = f"{y1}-{q}"
    else:
        value = str(y1)
    return Candidate(m.start(), m.end(), Kind.date, value=value, low=low, high=high, core=m.span(), priority=2)


def _span(m) -> tuple[str | None, str | None]:
    """The ISO bounds of a span of days or months; the year, when written once, serves both ends."""
    months = _months()
    g = m.groupdict()
    y1 = g.get("year")
    y2 = g.get("year2") or y1
    m1 = months[g["month"].rstrip(".").lower()]
    m2 = months[g["month2"].rstrip(".").lower()] if g.get("month2") else m1
    d1, d2 = g.get("day"), g.get("day2")
    if (d1 and not 1 <= int(d1) <= 31) or (d2 and not 1 <= int(d2) <= 31):
        return None, None

    def iso(year, month, day):
        head = f"{year}-{month:02d}" if year else f"--{month:02d}"
        return f"{head}-{int(day):02d}" if day else head

    low, high = iso(y1 if g.get("year2") else y2, m1, d1), iso(y2, m2, d2)
    if low >= high and not (low.startswith("--") and high.startswith("--")):
        return None, None
    return low, high


def resolve(relative: tuple[str, int, int | None], reference: str | None) -> tuple[str | None, str | None, str | None]:
    """(value, low, high) of a relative date against an ISO reference date ('2018', '2018-07', '2018-07-13').

    >>> resolve(("year", -1, None), "2018-07-13")
    ('2017', None, None)
    >>> resolve(("month_name", -1, 7), "2018-09")
    ('2018-07', None, None)
    >>> resolve(("month_name", -1, 11), "2018-09")
    ('2017-11', None, None)
    >>> resolve(("month_name", -1, 7), None)
    ('--07', None, None)
    >>> resolve(("decade", -1, None), "2018")
    (None, '2008', '2018')
    >>> resolve(("year", -3, None), "2020")
    ('2017', None, None)
    >>> resolve(("month", -1, None), "2020-01")
    ('2019-12', None, None)
    """
    unit, shift, month = relative
    ref_year = int(reference[:4]) if reference and reference[:4].isdigit() else None
    ref_month = int(reference[5:7]) if reference and len(reference) >= 7 and reference[5:7].isdigit() else None
    if unit == "month_name":
        if ref_year is None:
            return f"--{month:02d}", None, None
        if ref_month is None:  # 'last July' in an essay dated only by year: the year is unknown
            return (f"{ref_year}-{month:02d}" if shift == 0 else f"--{month:02d}"), None, None
        year = ref_year
        if shift < 0 and month >= ref_month:
            year -= 1
        elif shift > 0 and month <= ref_month:
            year += 1
        return f"{year}-{month:02d}", None, None
    if ref_year is None:
        return None, None, None
    if unit == "year":
        return str(ref_year + shift), None, None
    if unit == "decade":
        if shift < 0:
            return None, str(ref_year + 10 * shift), str(ref_year)
        if shift > 0:
            return None, str(ref_year), str(ref_year + 10 * shift)
        return None, str(ref_year - ref_year % 10), str(ref_year - ref_year % 10 + 9)
    if unit == "month" and ref_month is not None:
        total = ref_year * 12 + (ref_month - 1) + shift
        return f"{total // 12}-{total % 12 + 1:02d}", None, None
    return None, None, None
