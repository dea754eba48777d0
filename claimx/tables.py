"""Tables written as tab- or pipe-separated rows: each numeric cell is a claim.

The row label is the subject; a unit in the label ('(US$ mn)', '(%)', '(km2)') applies to the row's cells;
a header cell that is a year gives the cell its time. The header row itself holds labels, not claims.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

import regex

from claimx.model import Kind
from claimx.numbers import parse_number, scale_value
from claimx.recognizers import dates, money, quantity
from claimx.recognizers.base import Candidate

CELL_NUMBER = regex.compile(r"\s*(?P<num>[-−]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[-−]?\d+(?:\.\d+)?)\s*(?P<pct>%)?[\s*†‡]*")
LABEL_UNIT = regex.compile(r"\((?P<inner>[^()]*)\)")
YEAR = regex.compile(r"^\s*((?:1[7-9]|20)\d\d)\s*$")


@dataclass
class Row:
    start: int
    end: int
    cells: list[tuple[int, int]]  # character ranges of the cells


def _rows(text: str) -> Iterator[list[Row]]:
    """Blocks of two or more consecutive lines that split into the same kind of cells."""
    block: list[Row] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        sep = "\t" if "\t" in body.strip(" ") else ("|" if body.strip().startswith("|") and body.count("|") >= 3 else None)
        if sep:
            cells, cstart = [], pos
            for part in body.split(sep):
                cells.append((cstart, cstart + len(part)))
                cstart += len(part) + 1
            if sep == "|":
                cells = [c for c in cells[1:-1]]
            if not all(set(text[s:e].strip()) <= set("-: ") for s, e in cells):  # skip |---|---|
                block.append(Row(pos, pos + len(body), cells))
        elif block:
            if len(block) >= 2:
                yield block
            block = []
        pos += len(line)
    if len(block) >= 2:
        yield block


def _label_unit(label: str) -> tuple[Kind, str | None, Decimal]:
    """What the row label says about its cells: kind, unit and scale."""
    for m in LABEL_UNIT.finditer(label):
        inner = m.group("inner").replace("\\", "").strip()
        if inner in ("%", "percent", "per cent"):
            return Kind.percent, "%", Decimal(1)
        words = inner.replace(",", " ").split()
        symbols, _, codes = money.currency_tables()
        code = next((symbols.get(w) or (w if w in codes else None) for w in words if symbols.get(w) or w in codes), None)
        if code:
            scale = next((scale_value(w) for w in words if scale_value(w)), Decimal(1))
            return Kind.money, code, scale
        unit = quantity._lookup(inner)
        if unit:
            return Kind.quantity, unit[0], unit[1]
    return Kind.count, None, Decimal(1)


def clean_label(label: str) -> str:
    """'Cash bonus (US\\$ mn)*' -> 'Cash bonus'."""
    s = LABEL_UNIT.sub("", label.replace("\\", ""))
    return " ".join(s.strip(" *†‡:").split()) or label.strip()


def find(text: str) -> Iterator[Candidate]:
    for block in _rows(text):
        header = block[0]
        header_cells = [text[s:e] for s, e in header.cells]
        body = block[1:]
        # a header row is one whose first cell is empty or whose cells are not all numbers
        if any(CELL_NUMBER.fullmatch(c) for c in header_cells[1:]) and header_cells[0].strip():
            body = block
            header_cells = []
        for row in body:
            if not row.cells:
                continue
            ls, le = row.cells[0]
            label = text[ls:le]
            kind, unit, scale = _label_unit(label)
            subject = clean_label(label)
            for i, (s, e) in enumerate(row.cells[1:], start=1):
                m = CELL_NUMBER.fullmatch(text, s, e)
                if not m:
                    continue
                v = parse_number(m.group("num"))
                if v is None:
                    continue
                cs, ce = m.start("num"), (m.end("pct") if m.group("pct") else m.end("num"))
                ckind, cunit = (Kind.percent, "%") if m.group("pct") else (kind, unit)
                year = YEAR.match(header_cells[i]) if i < len(header_cells) else None
                yield Candidate(cs, ce, ckind, value=v * (scale if ckind == kind else 1), unit=cunit, core=(cs, ce),
                                subject=subject, time=year.group(1) if year else None, sentence=(row.start, row.end))


def table_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of every table block, header included."""
    return [(block[0].start, block[-1].end) for block in _rows(text)]
