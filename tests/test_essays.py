"""Splitting files into essays: titles, authors, dates, ranges and sections."""
import json
import re

import pytest
from typer.testing import CliRunner

from claimx.cli import app
from claimx.text.essays import split_essays
from conftest import FIXTURES

# the two bundled collections (essays of the annotated corpus): how many essays each holds and how many have two
# authors. Their titles, names and dates are not copied into the tests: the tests check what is read by its shape
# and against the file's own text.
COLLECTIONS = {"000_f2578a8095776c86.txt": (10, 2), "002_6edce8679ec63763.txt": (7, 0)}


def _norm(s):
    return " ".join((s or "").split())


@pytest.mark.parametrize("name", COLLECTIONS)
def test_collection_essays(name):
    text = (FIXTURES / name).read_text(encoding="utf-8")
    essays = split_essays(text)
    count, two_authors = COLLECTIONS[name]
    assert len(essays) == count
    assert sum(len(e.authors) == 2 for e in essays) == two_authors
    for e in essays:
        own = _norm(text[e.start:e.end])
        assert e.title and len(e.title.split()) >= 2 and _norm(e.title) in own
        assert e.authors and all(" " in a and a[0].isupper() and a in own for a in e.authors)
        assert re.fullmatch(r"\d{4}-\d{2}(?:-\d{2})?", e.published or "")
    dates = [e.published for e in essays]
    assert dates == sorted(dates, reverse=True)  # a collection lists its newest essay first


@pytest.mark.parametrize("name", COLLECTIONS)
def test_essays_cover_every_character(name):
    text = (FIXTURES / name).read_text(encoding="utf-8")
    essays = split_essays(text)
    assert essays[0].start == 0 and essays[-1].end == len(text)
    assert all(a.end == b.start for a, b in zip(essays, essays[1:]))


def test_sections_of_a_collection_essay():
    text = (FIXTURES / "000_f2578a8095776c86.txt").read_text(encoding="utf-8")
    first = split_essays(text)[0]
    lines: dict[str, list[str]] = {}
    for s, e, sec in first.lines:
        lines.setdefault(sec, []).append(text[s:e].strip())
    assert {"title", "byline", "caption", "bio"} <= set(lines)
    assert lines["byline"][0].startswith("By ") and lines["bio"][0].startswith("*")
    assert any(re.fullmatch(r"[A-Z][a-z]+ \d{1,2}, \d{4}", line) for line in lines["title"])  # the date line
    assert first.section_at((first.start + first.end) // 2) == "body"  # the lines not listed are the body


MARKDOWN = """---
title: "Water Prices in 2023"
author: Ana Ruiz and Tom Lee
date: 2024-03-01
---

# Water Prices in 2023

Last year, tariffs rose 12 percent in the capital.
"""

PLAIN = "Tariffs rose 12 percent last year, and 40,000 households lost service.\n\nThe rest followed.\n"


def test_markdown_single_essay_with_front_matter(extract):
    essays = split_essays(MARKDOWN)
    assert len(essays) == 1
    e = essays[0]
    assert (e.title, e.authors, e.published, e.start, e.end) == (
        "Water Prices in 2023", ["Ana Ruiz", "Tom Lee"], "2024-03-01", 0, len(MARKDOWN))
    claims = extract(MARKDOWN)
    last_year = next(c for c in claims if c.text == "Last year")
    assert last_year.value == "2023"  # resolved against the essay's own date
    # front matter holds no claims; the heading's year is a claim in the title section
    assert [(c.text, c.section) for c in claims] == [("2023", "title"), ("Last year", "body"), ("12 percent", "body")]
    pct = next(c for c in claims if c.kind.value == "percent")
    assert (pct.essay, pct.essay_title, pct.authors, pct.published) == (1, "Water Prices in 2023", ("Ana Ruiz", "Tom Lee"), "2024-03-01")


def test_plain_text_without_byline_is_one_essay():
    essays = split_essays(PLAIN)
    assert [(e.index, e.start, e.end, e.authors, e.published) for e in essays] == [(1, 0, len(PLAIN), [], None)]


def test_claims_carry_essay_fields_and_sections(extract):
    text = (FIXTURES / "000_f2578a8095776c86.txt").read_text(encoding="utf-8")
    claims = extract(text)
    assert {c.essay for c in claims} == set(range(1, 11))
    last_july = next(c for c in claims if c.text == "Last July")
    assert (last_july.essay, last_july.published, last_july.value) == (1, "2020-12-21", "2020-07")
    assert {c.section for c in claims} >= {"body", "bio", "caption"}


def test_essays_command_lists_rows(nlp):
    result = CliRunner().invoke(app, ["essays", str(FIXTURES / "002_6edce8679ec63763.txt"), "-f", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(x) for x in result.stdout.splitlines()]
    assert [r["essay"] for r in rows] == list(range(1, 8))
    assert list(rows[0]) == ["file", "essay", "title", "authors", "date", "start", "end", "words", "claims"]
    assert rows[1]["authors"] == ["Viridiana Ríos"] and rows[1]["date"] == "2018-07"
    assert all(r["words"] > 100 and r["claims"] > 0 for r in rows)


def test_section_filter(nlp):
    path = str(FIXTURES / "000_f2578a8095776c86.txt")
    result = CliRunner().invoke(app, ["extract", path, "-f", "jsonl", "--section", "bio,caption"])
    assert result.exit_code == 0, result.output
    assert {json.loads(x)["section"] for x in result.stdout.splitlines()} == {"bio", "caption"}
    bad = CliRunner().invoke(app, ["extract", path, "--section", "footer"])
    assert bad.exit_code == 2 and "unknown section footer" in bad.stderr


# an essay dated with a day its month lacks has no date (not a broken one); a later real date still counts
IMPOSSIBLE_ESSAY_DATES = [
    ("---\ntitle: Harbour Fees\ndate: 2022-02-29\n---\nFees rose 9 percent.\n", None),
    ("---\ntitle: Harbour Fees\ndate: 2022-04-31\npublished: 2022-05-02\n---\nFees rose 9 percent.\n", "2022-05-02"),
    ("---\ntitle: Harbour Fees\ndate: 2022-13-01\n---\nFees rose 9 percent.\n", None),
    ("Harbour Fees\n\nSeptember 31, 2022\n\nFees rose 9 percent over the season.\n", None),
    ("Harbour Fees\n\n2023-02-29\n\nFees rose 9 percent over the season.\n", None),
    ("Harbour Fees\n\nSeptember 30, 2022\n\nFees rose 9 percent over the season.\n", "2022-09-30"),
]


@pytest.mark.parametrize("text,published", IMPOSSIBLE_ESSAY_DATES, ids=range(len(IMPOSSIBLE_ESSAY_DATES)))
def test_an_impossible_essay_date_is_no_date(text, published):
    assert [e.published for e in split_essays(text)] == [published]


# a web page converted to Markdown begins with its title and date on one line, the date often glued to the title's
# last word, then maybe a report number: the title is the text before the date (without 'Updated'), the date is the
# essay's date, the line is in the title section; a '# heading' further down is not the title
TITLE_DATE_LINES = [
    ("Harbour Fees in the Northern Ports Updated June 9, 2024             (QX0042)", "Harbour Fees in the Northern Ports", "2024-06-09"),
    ("Harbour Fees in the Northern PortsUpdated June 9, 2024   (QX0042)", "Harbour Fees in the Northern Ports", "2024-06-09"),
    ("Harbour Fees in the Northern PortsJune 9, 2024             (QX0042)", "Harbour Fees in the Northern Ports", "2024-06-09"),
    ("Harbour Fees (2001-2020) Revised: Sept. 4, 2023", "Harbour Fees (2001-2020)", "2023-09-04"),
    ("\n\nHarbour Fees Act (HFA)Updated June 9, 2024   (QX0042)   ", "Harbour Fees Act (HFA)", "2024-06-09"),
    ("Harbour Fees for 31 VesselsUpdated June 9, 2024   (QX0042)", "Harbour Fees for 31 Vessels", "2024-06-09"),
]


@pytest.mark.parametrize("first,title,published", TITLE_DATE_LINES, ids=range(len(TITLE_DATE_LINES)))
def test_a_web_page_title_line_gives_title_and_date(extract, first, title, published):
    text = first + "\n\n# Contents\n\nLast year the ports collected 40 percent more.\n"
    (e,) = split_essays(text)
    assert (e.title, e.published) == (title, published)
    line = first.strip("\n")
    assert e.section_at(text.index(line) + 3) == "title"
    claims = extract(text)
    assert [c.value for c in claims if c.text == "Last year"] == [str(int(published[:4]) - 1)]  # resolved
    # the date is read as a date however it is glued on; the title's glued last word is no unit
    assert published in [c.value for c in claims if c.kind.value == "date" and c.section == "title"]
    assert not any("Updated" in (c.unit or "") for c in claims)


@pytest.mark.parametrize("first", ["We met on June 9, 2024", "It rained on June 9, 2024.", "Overview June 9, 2024"])
def test_a_sentence_ending_on_a_date_is_no_title_line(first):
    (e,) = split_essays(first + "\n\nThe ports collected 40 percent more.\n")
    assert e.published is None
