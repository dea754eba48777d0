"""Every output format in one place: CSV, JSON Lines, JSON and the Rich table, all from ``Claim`` fields."""
from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Callable, Iterable
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Any, TextIO

from claimx.model import FIELDS, Claim, json_value

if TYPE_CHECKING:  # pragma: no cover
    from rich.table import Table


class Format(str, Enum):
    table = "table"
    csv = "csv"
    jsonl = "jsonl"
    json = "json"


EXTENSIONS = {".csv": Format.csv, ".jsonl": Format.jsonl, ".ndjson": Format.jsonl, ".json": Format.json,
              ".txt": Format.table}


def plain(x: Any) -> str:
    """A cell value for CSV: numbers written plainly, no separators or exponent; '' for null.

    >>> plain(Decimal("4E+9")), plain(Decimal("1.250")), plain(None), plain(2/3)
    ('4000000000', '1.25', '', '0.6666666666666666')
    >>> plain(1e16)
    '10000000000000000'
    """
    x = json_value(x)
    if x is None:
        return ""
    if isinstance(x, bool):
        return "true" if x else "false"
    if isinstance(x, int):
        return str(x)
    if isinstance(x, float):
        r = repr(x)
        if "e" in r or "E" in r:
            r = format(Decimal(r), "f")
        return r
    return str(x)


def write_csv(claims: Iterable[Claim], out: TextIO) -> int:
    w = csv.writer(out)
    w.writerow(FIELDS)
    n = 0
    for c in claims:
        w.writerow([plain(getattr(c, f)) for f in FIELDS])
        n += 1
    return n


def write_jsonl(claims: Iterable[Claim], out: TextIO) -> int:
    n = 0
    for c in claims:
        out.write(json.dumps(c.to_dict(), ensure_ascii=False) + "\n")
        n += 1
    return n


def write_json(claims: Iterable[Claim], out: TextIO) -> int:
    n = 0
    out.write("[")
    for c in claims:
        out.write(("," if n else "") + "\n  " + json.dumps(c.to_dict(), ensure_ascii=False))
        n += 1
    out.write("\n]\n" if n else "]\n")
    return n


QUALIFIER_MARKS = {"approx": "~", "over": ">", "under": "<"}
DIRECTION_MARKS = {"increase": " ▲", "decrease": " ▼"}


def display_value(c: Claim) -> str:
    """The value as a person reads it: '~4,000,000,000', '8–17', '0.875', '2019-06', with ▲/▼ for changes."""
    def fmt(v: Any) -> str:
        v = json_value(v)
        if isinstance(v, int):
            return f"{v:,}"
        if isinstance(v, float):
            return f"{v:,.4f}".rstrip("0").rstrip(".")
        return "" if v is None else str(v)

    if c.low is not None or c.high is not None:
        text = f"{fmt(c.low)}–{fmt(c.high)}"
    else:
        text = fmt(c.value)
    q = QUALIFIER_MARKS.get(json_value(c.qualifier) or "", "")
    d = DIRECTION_MARKS.get(json_value(c.direction) or "", "")
    return f"{q}{text}{d}"


def render_table(claims: list[Claim], *, title: str | None = None) -> "Table":
    """A Rich table for the terminal: numbers right-aligned and never wrapped; subject and sentence wrap."""
    from rich.markup import escape
    from rich.table import Table

    files = list(dict.fromkeys(c.file or "-" for c in claims))
    table = Table(title=title, show_lines=False, expand=False, highlight=False, pad_edge=False)
    if len(files) > 1:
        table.add_column("File", overflow="fold", max_width=14)
    table.add_column("Kind", no_wrap=True)
    table.add_column("Claim", overflow="fold", max_width=18)
    table.add_column("Value", justify="right", no_wrap=True)
    table.add_column("Unit", overflow="fold", max_width=10)
    table.add_column("Subject", overflow="fold", ratio=2, min_width=12)
    table.add_column("Sentence", overflow="fold", ratio=3, min_width=14)
    for c in claims:
        row = [escape(c.kind.value), escape(c.text), escape(display_value(c)), escape(c.unit or ""),
               escape(c.subject or ""), escape(c.sentence or "")]
        if len(files) > 1:
            row.insert(0, escape(c.file or "-"))
        table.add_row(*row)
    kinds = Counter(c.kind.value for c in claims)
    per_file = Counter(c.file or "-" for c in claims)
    caption = f"{len(claims)} claims" + (": " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())) if kinds else "")
    if per_file:
        caption += " | " + ", ".join(f"{f} {n}" for f, n in per_file.items())
    caption += " | ~ about, > over, < under, ▲ increase, ▼ decrease"
    table.caption = escape(caption)
    return table


def write_table(claims: Iterable[Claim], out: TextIO) -> int:
    from rich.console import Console

    rows = list(claims)
    Console(file=out, highlight=False).print(render_table(rows))
    return len(rows)


WRITERS: dict[Format, Callable[[Iterable[Claim], TextIO], int]] = {
    Format.table: write_table,
    Format.csv: write_csv,
    Format.jsonl: write_jsonl,
    Format.json: write_json,
}
