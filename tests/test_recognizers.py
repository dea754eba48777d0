"""The recognizers on their own: text in, candidates out, no spaCy model (pure functions over strings)."""
from __future__ import annotations

import subprocess
import sys
from decimal import Decimal

import pytest

from claimx.recognizers import find_candidates

def _found(text: str, claim: str) -> list:
    """The candidates whose text is exactly ``claim``; fails listing what was found instead."""
    found = [c for c in find_candidates(text) if text[c.start:c.end] == claim]
    assert found, [text[c.start:c.end] for c in find_candidates(text)]
    return found


# (text, the candidate's text, kind, value or (low, high), unit)
EXAMPLES = [
    ("Prices rose 40 percent last year.", "40 percent", "percent", 40, "%"),
    ("The bank cut rates by 50 basis points.", "50 basis points", "percent", Decimal("0.5"), "pp"),
    ("Turnout was between 6% and 19%.", "between 6% and 19%", "percent", (6, 19), "%"),
    ("The plan costs $4 billion.", "$4 billion", "money", 4_000_000_000, "USD"),
    ("The fund lent $5 bln.", "$5 bln", "money", 5_000_000_000, "USD"),
    ("Oil sold for $61 a barrel.", "$61 a barrel", "money", 61, "USD per barrel"),
    ("They paid €5m in fines.", "€5m", "money", 5_000_000, "EUR"),
    ("Wages are 40,000 rupees a month.", "40,000 rupees a month", "money", 40_000, "INR per month"),
    ("One in ten adults smokes.", "One in ten", "ratio", Decimal("0.1"), None),
    ("Two-thirds of voters agreed.", "Two-thirds", "ratio", Decimal(2) / Decimal(3), None),
    ("Exports doubled.", "doubled", "multiplier", 2, None),
    ("Costs are three times higher.", "three times higher", "multiplier", 3, None),
    ("The field yields 2.3 million barrels per day.", "2.3 million barrels per day", "quantity", 2_300_000,
     "barrels per day"),
    ("The plant makes 700 MW.", "700 MW", "quantity", 700, "MW"),
    ("It was a six-year term.", "six-year", "quantity", 6, "years"),
    ("The law passed on March 9, 2021.", "March 9, 2021", "date", "2021-03-09", None),
    ("Rents rose in the 1980s.", "the 1980s", "date", ("1980", "1989"), None),
    ("Output peaked in the second quarter of 2025.", "the second quarter of 2025", "date", "2025-Q2", None),
    ("Police made 27,385 arrests.", "27,385", "count", 27_385, None),
    ("The ministry hired 4 lakhs of teachers.", "4 lakhs", "count", 400_000, None),
    # exact however many digits: a scale word or a unit never rounds to 28 digits
    ("The bill came to $" + "9" * 360 + " billion.", "$" + "9" * 360 + " billion", "money",
     Decimal("9" * 360 + "0" * 9), "USD"),
    ("A beam of " + "3" * 40 + " kg was lifted.", "3" * 40 + " kg", "quantity", Decimal("3" * 40), "kg"),
    # powers of ten: caret, superscripts, times a mantissa
    ("The model has 10^80 states.", "10^80", "count", Decimal("1E+80"), None),
    ("The odds were put at 10^-400 percent.", "10^-400 percent", "percent", Decimal("1E-400"), "%"),
    ("The sky has 10⁹ stars.", "10⁹", "count", Decimal("1E+9"), None),
    ("The lake holds 2×10^300 kg of ice.", "2×10^300 kg", "quantity", Decimal("2E+300"), "kg"),
]


@pytest.mark.parametrize("text,claim,kind,value,unit", EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_recognizer_finds(text, claim, kind, value, unit):
    found = _found(text, claim)
    c = found[0]
    assert c.kind.value == kind
    if isinstance(value, tuple):
        assert (c.low, c.high) == tuple(Decimal(v) if kind != "date" else v for v in value)
    else:
        assert c.value == (Decimal(value) if kind != "date" else value)
    assert c.unit == unit


@pytest.mark.parametrize("text", ["See www.example.com/2020/report.pdf", "COVID-19 spread", "Call 555-123-4567",
                                  "Article 102 applies", "The meeting is at 3 pm.", "Sums are in 2019 dollars.",
                                  "Pay (2020 dollars) is shown."])
def test_not_prose_gives_no_candidates(text):
    assert [text[c.start:c.end] for c in find_candidates(text)] == []


def test_recognizers_never_import_spacy():
    code = ("import sys; from claimx.recognizers import find_candidates, tables; find_candidates('Up 5% in 2019.'); "
            "print('spacy' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"


# units from pint's registry: symbols glued or spaced, prefixes, plurals, compounds; (text, claim, value, unit)
UNITS = [
    ("The drive holds 512GB of data.", "512GB", 512, "GB"),
    ("The car reached 70mph on the bridge.", "70mph", 70, "mph"),
    ("A 4kW heater ran all night.", "4kW", 4, "kW"),
    ("The battery stores 13.5kWh when full.", "13.5kWh", Decimal("13.5"), "kWh"),
    ("The pores are 6.8 μm wide.", "6.8 μm", Decimal("6.8"), "μm"),
    ("It was −12 °C at dawn.", "−12 °C", -12, "°C"),
    ("The grid runs at 60Hz in most places.", "60Hz", 60, "Hz"),
    ("A field of 3 kV/cm was applied.", "3 kV/cm", 3, "kV/cm"),
    ("Gravity is 9.81 m s−2 at sea level.", "9.81 m s−2", Decimal("9.81"), "m/s2"),
    ("CO2 passed 410 ppm last spring.", "410 ppm", 410, "ppm"),
    ("The rock is 145 Ma old.", "145 Ma", 145, "Ma"),
    ("The samples fell by 2‰ overall.", "2‰", 2, "‰"),
    ("Rainfall was 6.5 inches in June.", "6.5 inches", Decimal("6.5"), "in"),
    ("The steel withstood 80 gigapascals.", "80 gigapascals", 80, "GPa"),
    ("Mines shipped 420 million tonnes of coal.", "420 million tonnes", 420_000_000, "tons"),  # units.json names it
    ("Density reached 25 people per km² in the valley.", "25 people per km²", 25, "people per km2"),
    ("The field pumps 40,000 bpd of crude.", "40,000 bpd", 40_000, "barrels per day"),
    ("A shift of 5‰ has been seen.", "5‰", 5, "‰"),  # not '5‰ has' (hectares)
    ("The flat has 300 square metres of floor.", "300 square metres", 300, "m2"),
    ("Outflow peaks at 4 × 10^5 kg s−1 in spring.", "4 × 10^5 kg s−1", 400_000, "kg/s"),
    ("The tilt was 74 ± 2° at rest.", "74 ± 2°", 74, "°"),
    ("Cells of between 2 and 20 μm were counted.", "between 2 and 20 μm", None, "μm"),
    ("Lake water warmed 0.4 °C per decade.", "0.4 °C per decade", Decimal("0.4"), "°C/decade"),  # pint cannot write it
]


@pytest.mark.parametrize("text,claim,value,unit", UNITS, ids=[u[1] for u in UNITS])
def test_units_come_from_the_registry(text, claim, value, unit):
    found = _found(text, claim)
    assert (found[0].kind.value, found[0].unit) == ("quantity", unit)
    assert value is None or found[0].value == Decimal(value)


# words and letters that are units to a registry but not here
@pytest.mark.parametrize("text", ["Only 3 in 10 adults vote.", "Plan 2 A was chosen.", "They met at 5 pm sharp.",
                                  "Phones with 5G sold well.", "Rents rose in the 1990s.", "He came 1st in the race."])
def test_words_that_are_not_units_here(text):
    assert not [c for c in find_candidates(text) if c.kind.value == "quantity"]


# the number grammar: spaced thousands, decimal commas, words broken at a line end, full-width digits, tolerances,
# shared scale words, fractions; (text, claim, kind, value or (low, high))
GRAMMAR = [
    ("The town has 45 000 inhabitants.", "45 000", "count", 45_000),
    ("The budget is €2 500 million.", "€2 500 million", "money", 2_500_000_000),
    ("The population was 87,3 million.", "87,3 million", "count", 87_300_000),
    ("Inflation hit 7,5 percent.", "7,5 percent", "percent", Decimal("7.5")),
    ("Sixty-\nthree percent agreed.", "Sixty-\nthree percent", "percent", 63),
    ("Prices rose ４０％ this year.", "４０％", "percent", 40),
    ("The error was 9 ± 6% overall.", "9 ± 6%", "percent", 9),
    ("Mines hold 6 to 9 billion tonnes.", "6 to 9 billion tonnes", "quantity", (6_000_000_000, 9_000_000_000)),
    ("Between sixty and ninety million people voted.", "Between sixty and ninety million", "count",
     (60_000_000, 90_000_000)),
    ("About one-fiftieth of the land burned.", "one-fiftieth", "ratio", Decimal(1) / Decimal(50)),
    ("Nearly 2/3 of adults agree.", "2/3", "ratio", Decimal(2) / Decimal(3)),
    ("Almost one in every 40 crates spoiled.", "one in every 40", "ratio", Decimal("0.025")),
]


@pytest.mark.parametrize("text,claim,kind,value", GRAMMAR, ids=[g[1] for g in GRAMMAR])
def test_number_grammar(text, claim, kind, value):
    from claimx.text.clean import clean_text

    clean = clean_text(text)  # full-width digits are read as ASCII, one character for one
    found = [c for c in find_candidates(clean.text) if text[slice(*clean.span(c.start, c.end))].endswith(claim)]
    assert found, [clean.text[c.start:c.end] for c in find_candidates(clean.text)]
    c = found[0]
    assert c.kind.value == kind
    if isinstance(value, tuple):
        assert (c.low, c.high) == tuple(Decimal(v) for v in value)
    else:
        assert c.value == Decimal(value)


# legal citations, bill and order numbers, document identifiers and ranges of labels are no figures; the figures
# around them stay: (text, the candidates kept)
CITATIONS = [
    ("Under 12 U.S.C. §4501 the fund lent $3 billion.", ["$3 billion"]),
    ("The duty is set by 19 U.S.C. 2411 and 88 Stat. 1978.", []),
    ("See § 4321(b)(2) and §§ 101-103 of the act.", []),
    ("P.L. 116-23 and Public Law 118-45 gave 40 towns grants.", ["40"]),
    ("The limits are in 40 C.F.R. Part 60 and 40 CFR 60.5.", []),
    ("It was noticed at 86 Fed. Reg. 7009 in 2021.", ["2021"]),
    ("The rule ran at 93 Federal Register 40512 and cut 60 forms.", ["60"]),
    ("H.R. 1234, H. R. 77 and S. 987 passed; S.J.Res. 45 failed.", []),
    ("E.O. 12987 and EO 13011 were revoked.", []),
    ("Docket No. 21-345 drew 900 comments.", ["900"]),
    ("GAO-21-123 found 12 faults.", ["12"]),
    ("The results are in Tables 2-3 and Figures 4-6.", []),
    ("The U.S. 500 largest firms grew.", ["500"]),
    ("The Harbour Safety Act of 2031 took effect in 2032.", ["2032"]),
    ("The Tax Amendments of 1988 ended an act of 1990.", ["1990"]),
]


@pytest.mark.parametrize("text,kept", CITATIONS, ids=[c[0] for c in CITATIONS])
def test_citations_and_identifiers_are_no_figures(text, kept):
    assert [text[c.start:c.end] for c in find_candidates(text)] == kept


# dates of every common shape: (text, claim, value or (low, high))
DATES = [
    ("Talks ran Sep 5-Oct 19, 2018.", "Sep 5-Oct 19, 2018", ("2018-09-05", "2018-10-19")),
    ("It rained October 5-6.", "October 5-6", ("--10-05", "--10-06")),
    ("Floods lasted between March 11 and 13.", "between March 11 and 13", ("--03-11", "--03-13")),
    ("Sales fell Mar-Apr 2018.", "Mar-Apr 2018", ("2018-03", "2018-04")),
    ("The program ran from March to Sept 2021.", "from March to Sept 2021", ("2021-03", "2021-09")),
    ("It ran between April 2020 and April 2021.", "between April 2020 and April 2021", ("2020-04", "2021-04")),
    ("The deed was signed 03/15/2017.", "03/15/2017", "2017-03-15"),
    ("The deed was signed 15.03.2017.", "15.03.2017", "2017-03-15"),
    ("The series starts in 2018-7.", "2018-7", "2018-07"),
    ("On 3 November the vote came.", "3 November", "--11-03"),
    ("Sept. 30, 2001 was a Sunday.", "Sept. 30, 2001", "2001-09-30"),
    ("Output grew 2010 to 2015.", "2010 to 2015", ("2010", "2015")),
    ("Funds lapse at the end of FY2034.", "FY2034", "2034"),
    ("Funds lapse at the end of FY 2034.", "FY 2034", "2034"),
    ("Funds lapsed in FY99.", "FY99", "1999"),
    ("Funds lapse in fiscal year 2034.", "fiscal year 2034", "2034"),
    ("Funds lapse in FY2034-FY2036.", "FY2034-FY2036", ("2034", "2036")),
    ("Funds lapse in FY2034-36.", "FY2034-36", ("2034", "2036")),
    ("Funds lapse from FY2031 to FY2033.", "from FY2031 to FY2033", ("2031", "2033")),
    ("Funds lapse in Q2 FY2034.", "Q2 FY2034", "2034-Q2"),
]


@pytest.mark.parametrize("text,claim,value", DATES, ids=[d[1] for d in DATES])
def test_date_shapes(text, claim, value):
    found = _found(text, claim)
    c = found[0]
    assert c.kind.value == "date"
    assert ((c.low, c.high) if isinstance(value, tuple) else c.value) == value


# dates the calendar lacks: no claim at all is made from the written date (neither its day as a count nor its
# year alone); the other figures of the sentence stay
IMPOSSIBLE_DATES = [
    ("The fair closed on April 31, 2016 after 12 days.", ["12 days"]),
    ("Ballots were due February 30, 2019 in 40 towns.", ["40"]),
    ("The lease ended Feb 29, 2019, with 7 tenants left.", ["7"]),
    ("The bridge opened 31 September 1987 to 500 cars.", ["500"]),
    ("The 31st of November 2011 never came.", []),
    ("The ledger says 2019-02-29 and 88 crates.", ["88"]),
    ("The ledger says 2017-11-31.", []),
    ("The stamp reads 09/31/2015 in ink.", []),
    ("The stamp reads 31.04.2015 in ink.", []),
    ("The cruise ran September 28-31, 2018.", []),
    ("We met on November 31 at noon.", []),
]


@pytest.mark.parametrize("text,kept", IMPOSSIBLE_DATES, ids=[d[0] for d in IMPOSSIBLE_DATES])
def test_an_impossible_date_is_no_claim(text, kept):
    assert [text[c.start:c.end] for c in find_candidates(text)] == kept


# the last days of months that have them, and February 29 of leap years (and without a year)
REAL_LATE_DAYS = [
    ("The fair closed on April 30, 2016.", "April 30, 2016", "2016-04-30"),
    ("The lease ended Feb 29, 2020.", "Feb 29, 2020", "2020-02-29"),
    ("The lease ended Feb 29, 2000.", "Feb 29, 2000", "2000-02-29"),
    ("The ledger says 2024-02-29.", "2024-02-29", "2024-02-29"),
    ("The bridge opened 31 October 1987.", "31 October 1987", "1987-10-31"),
    ("Leap day, February 29, is rare.", "February 29", "--02-29"),
    ("The stamp reads 12/31/2015 in ink.", "12/31/2015", "2015-12-31"),
]


@pytest.mark.parametrize("text,claim,value", REAL_LATE_DAYS, ids=[d[1] for d in REAL_LATE_DAYS])
def test_real_late_days_are_dates(text, claim, value):
    c = _found(text, claim)[0]
    assert (c.kind.value, c.value) == ("date", value)


def test_a_century_year_is_no_leap_year():
    assert [c.value for c in find_candidates("The lease ended Feb 29, 1900.")] == []


@pytest.mark.parametrize("text,claim,kind,value", [
    ("Images at 100× show the grain.", "100×", "multiplier", 100),
    ("The ratio was ∼1:60 in soils.", "1:60", "ratio", Decimal(1) / Decimal(60)),
    ("Clays hold 0.2–0.9 wt.% sulfate.", "0.2–0.9 wt.%", "quantity", None),
    ("The exosphere reaches 5Rp.", "5Rp", "quantity", 5),
], ids=["100×", "1:60", "wt.%", "Rp"])
def test_factors_ratios_and_forms_pint_lacks(text, claim, kind, value):
    found = [c for c in find_candidates(text) if text[c.start:c.end].endswith(claim)]
    assert found and found[0].kind.value == kind, [text[c.start:c.end] for c in find_candidates(text)]
    assert value is None or found[0].value == Decimal(value)


# currencies from CLDR (claimx/data/currencies_cldr.json) with currencies.json's forms: (text, claim, value, unit)
CURRENCIES = [
    ("The ticket cost €950 in June.", "€950", 950, "EUR"),
    ("The ticket cost 950€ in June.", "950€", 950, "EUR"),
    ("Lunch was ₪80 each.", "₪80", 80, "ILS"),
    ("The fund holds NZ$2.1 billion.", "NZ$2.1 billion", 2_100_000_000, "NZD"),
    ("Exports earned HK$5 million.", "HK$5 million", 5_000_000, "HKD"),
    ("Aid reached $US 5 million.", "$US 5 million", 5_000_000, "USD"),
    ("The mine paid 2.4 billion rand.", "2.4 billion rand", 2_400_000_000, "ZAR"),
    ("A permit costs 300 zloty.", "300 zloty", 300, "PLN"),
    ("Sales hit 5.2 million Swedish kronor.", "5.2 million Swedish kronor", 5_200_000, "SEK"),
    ("Bonds worth EUR 40m were sold.", "EUR 40m", 40_000_000, "EUR"),
    ("Rent is $ 8,250 a month.", "$ 8,250 a month", 8_250, "USD per month"),
    ("Revenue was $27.4M last year.", "$27.4M", 27_400_000, "USD"),
    ("A stamp costs 62.5 cents.", "62.5 cents", Decimal("0.625"), "USD"),
    ("A loaf costs 90 pence.", "90 pence", Decimal("0.9"), "GBP"),
]


@pytest.mark.parametrize("text,claim,value,unit", CURRENCIES, ids=[c[1] for c in CURRENCIES])
def test_currencies(text, claim, value, unit):
    found = _found(text, claim)
    assert (found[0].kind.value, found[0].value, found[0].unit) == ("money", Decimal(value), unit)


@pytest.mark.parametrize("text", ["It made the TOP 10 list.", "She won 3 gold medals.", "He got 2 marks for it."])
def test_currency_names_that_are_words_first(text):
    assert not [c for c in find_candidates(text) if c.kind.value == "money"]


def test_cldr_currency_data_matches_its_generator():
    pytest.importorskip("babel")
    import importlib.util

    from conftest import ROOT

    spec = importlib.util.spec_from_file_location("make_currencies", ROOT / "scripts" / "make_currencies.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    stored = (ROOT / "claimx" / "data" / "currencies_cldr.json").read_text(encoding="utf-8")
    assert module.render(module.build()) == stored, "rerun scripts/make_currencies.py"


@pytest.mark.parametrize("text,claim,value", [
    ("The hall seats seven thousand two hundred and fifty-six people.", "seven thousand two hundred and fifty-six", 7256),
    ("Temperatures fell to minus 40 degrees.", "minus 40 degrees", -40),
    ("The decay rate was 1.5e-3 per second.", "1.5e-3 per second", Decimal("0.0015")),
    ("He earned three million and a half dollars.", "three million and a half dollars", 3_500_000),
], ids=["words of any size", "minus", "e-notation", "million and a half"])
def test_more_number_grammar(text, claim, value):
    assert _found(text, claim)[0].value == Decimal(value)
