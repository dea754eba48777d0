"""No writer fails on a field value: hand-built claims with values claimx itself would not make (an impossible
ISO date, a Decimal far beyond a float, a negative zero, an infinity) go through every output format."""
from __future__ import annotations

import csv
import io
import json
import sqlite3
from decimal import Decimal

import pytest

from claimx.io.writers import WRITERS, Format, write_essays_table, write_xlsx
from claimx.model import Claim, EssayRow, Kind

TEXT = "Tolls rose on the bridge over the winter. " * 3
BIG = "1" + "0" * 400  # Decimal("1E+400") written out: exact, without an exponent
ODD = [
    # (label, claim)
    ("impossible date", Claim("odd.txt", 0, 5, "Tolls", Kind.date, value="2021-02-30", published="2019-04-31")),
    ("impossible range", Claim("odd.txt", 6, 10, "rose", Kind.date, low="2019-02-29", high="2019-13")),
    ("year 0", Claim("odd.txt", 11, 13, "on", Kind.date, value="0000-01-01")),
    ("before 1900", Claim("odd.txt", 14, 17, "the", Kind.date, value="1750-02-10")),
    ("huge", Claim("odd.txt", 18, 24, "bridge", Kind.money, value=Decimal("1e400"), unit="USD")),
    ("huge range", Claim("odd.txt", 25, 29, "over", Kind.count, low=Decimal("-1e400"), high=Decimal("2.5e401"))),
    ("tiny", Claim("odd.txt", 30, 33, "the", Kind.quantity, value=Decimal("1e-400"), unit="m")),
    ("big fraction", Claim("odd.txt", 34, 40, "winter", Kind.ratio, value=Decimal("1" * 40 + ".5"))),
    ("negative zero", Claim("odd.txt", 42, 47, "Tolls", Kind.percent, value=Decimal("-0"), unit="%")),
    ("negative zero point", Claim("odd.txt", 48, 52, "rose", Kind.percent, value=Decimal("-0.0"), unit="%")),
    ("float negative zero", Claim("odd.txt", 53, 55, "on", Kind.percent, value=-0.0, unit="%")),
    ("beyond doubles", Claim("odd.txt", 60, 63, "the", Kind.count, value=Decimal("123456789012345678901"))),
    ("infinity", Claim("odd.txt", 56, 59, "the", Kind.count, value=Decimal("Infinity"))),
]
CLAIMS = [c for _, c in ODD]
ESSAYS = [EssayRow("odd.txt", 1, "Tolls", (), "2021-02-30", 0, len(TEXT), 20, len(CLAIMS)),
          EssayRow("odd.txt", 2, "More tolls", (), "2024-02-29", 0, len(TEXT), 20, 0)]


@pytest.mark.parametrize("fmt", [Format.csv, Format.jsonl, Format.json, Format.table])
def test_text_writers_take_every_odd_value(fmt):
    out = io.StringIO()
    assert WRITERS[fmt](CLAIMS, out) == len(CLAIMS)
    if fmt == Format.csv:
        rows = list(csv.DictReader(io.StringIO(out.getvalue())))
        assert rows[0]["value"] == "2021-02-30" and rows[4]["value"] == BIG
    elif fmt in (Format.jsonl, Format.json):
        def no_constants(name):
            raise AssertionError(f"{name} is not JSON")

        text = out.getvalue()
        rows = ([json.loads(x, parse_constant=no_constants) for x in text.splitlines()] if fmt == Format.jsonl
                else json.loads(text, parse_constant=no_constants))
        assert rows[0]["value"] == "2021-02-30" and rows[4]["value"] == BIG
        assert rows[-1]["value"] == "Infinity"


def test_the_essays_table_takes_an_impossible_date():
    out = io.StringIO()
    assert write_essays_table(ESSAYS, out) == 2
    assert "2021-02-30" in out.getvalue()


def test_the_workbook_keeps_an_iso_looking_string_that_is_no_date_as_text(tmp_path):
    import datetime

    from openpyxl import load_workbook

    path = tmp_path / "odd.xlsx"
    assert write_xlsx(CLAIMS, str(path), essays=ESSAYS) == len(CLAIMS)
    wb = load_workbook(path)
    claims, essays = wb["claims"], wb["essays"]
    header = [c.value for c in claims[1]]
    cell = {label: {f: claims.cell(row=i, column=header.index(f) + 1).value for f in ("value", "low", "high", "published")}
            for i, (label, _) in enumerate(ODD, start=2)}
    assert cell["impossible date"] == {"value": "2021-02-30", "low": None, "high": None, "published": "2019-04-31"}
    assert (cell["impossible range"]["low"], cell["impossible range"]["high"]) == ("2019-02-29", "2019-13")
    assert cell["year 0"]["value"] == "0000-01-01"
    assert cell["before 1900"]["value"] == "1750-02-10"  # a spreadsheet counts days from 1900: text, not ####
    assert cell["huge"]["value"] == BIG  # beyond a spreadsheet's numbers: the exact value as text
    assert (cell["huge range"]["low"], cell["huge range"]["high"]) == ("-" + BIG, "25" + "0" * 400)
    assert cell["beyond doubles"]["value"] == "123456789012345678901"  # a double would round it
    assert cell["tiny"]["value"] == "0." + "0" * 399 + "1"  # a double would make it 0
    assert cell["negative zero"]["value"] == 0 and cell["float negative zero"]["value"] == 0
    assert cell["infinity"]["value"] == "Infinity"
    dates = {r[1].value: r[4].value for r in essays.iter_rows(min_row=2, max_col=5)}
    assert dates == {1: "2021-02-30", 2: datetime.datetime(2024, 2, 29)}  # a real date stays a date


def test_parquet_takes_every_odd_value(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    from claimx.io.parquet import write_parquet

    path = tmp_path / "odd.parquet"
    assert write_parquet(CLAIMS, str(path)) == len(CLAIMS)
    rows = pq.read_table(path).to_pylist()
    assert rows[0]["value"] == "2021-02-30" and rows[0]["value_number"] is None
    assert rows[4]["value"] == BIG and rows[4]["value_number"] is None  # no float holds it: null, never inf


def test_the_store_takes_every_odd_value_and_gives_it_back(tmp_path):
    from claimx.io.store import Store

    store = Store(tmp_path / "odd.db")
    store.replace("odd.txt", "0" * 64, "0", "model", CLAIMS)
    back = list(store.claims())
    store.close()
    assert [c.text for c in back] == [c.text for c in CLAIMS]
    assert back[0].value == "2021-02-30" and back[0].published == "2019-04-31"
    assert back[4].value == Decimal("1e400") and back[5].low == Decimal("-1e400")
    assert back[8].value == 0 and back[-2].value == Decimal("123456789012345678901")
    assert back[-1].value == Decimal("Infinity")
    with sqlite3.connect(tmp_path / "odd.db") as conn:
        assert conn.execute("SELECT COUNT(*) FROM claims").fetchone() == (len(CLAIMS),)


def test_the_report_takes_every_odd_value():
    from claimx.io.report import ReportEssay, render_report

    essays = [ReportEssay("odd.txt", ESSAYS[0], TEXT, CLAIMS)]
    page, n = render_report(essays)
    assert n == len(CLAIMS) and "2021-02-30" in page
