"""Every output format in one place: CSV, JSON Lines, JSON, the Rich table and the .xlsx workbook, all from
``Claim`` fields."""
from __future__ import annotations

import csv
import datetime
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Any, TextIO

from claimx.model import ESSAY_FIELDS, FIELDS, Claim, EssayRow, json_value

if TYPE_CHECKING:  # pragma: no cover
    from rich.console import Console, RenderableType
    from rich.text import Text


class Format(str, Enum):
    table = "table"
    csv = "csv"
    jsonl = "jsonl"
    json = "json"
    xlsx = "xlsx"
    html = "html"
    parquet = "parquet"


EXTENSIONS = {".csv": Format.csv, ".jsonl": Format.jsonl, ".ndjson": Format.jsonl, ".json": Format.json,
              ".txt": Format.table, ".xlsx": Format.xlsx, ".html": Format.html, ".htm": Format.html,
              ".parquet": Format.parquet}
FILE_ONLY = {Format.xlsx, Format.parquet}  # binary: written to a file (--output), never to a terminal or a pipe
DOCUMENT_FORMATS = {Format.html}  # need the texts, not only the claims: claimx.io.report


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
    if isinstance(x, list):
        return "; ".join(str(v) for v in x)
    if isinstance(x, int):
        return str(x)
    if isinstance(x, float):
        r = repr(x)
        if "e" in r or "E" in r:
            r = format(Decimal(r), "f")
        return r
    return str(x)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: str) -> str:
    """A text cell that a spreadsheet would run as a formula gets a leading apostrophe; numbers stay numbers.

    >>> spreadsheet_safe("=HYPERLINK(1)"), spreadsheet_safe("-1.7"), spreadsheet_safe("-1.7%"), spreadsheet_safe("@x")
    ("'=HYPERLINK(1)", '-1.7', "'-1.7%", "'@x")
    """
    if cell.startswith(FORMULA_STARTS):
        try:
            float(cell)
            return cell
        except ValueError:
            return "'" + cell
    return cell


# columns whose text comes from the document (or the user's file names): a spreadsheet must never run it.
# Values claimx writes itself (numbers, ISO dates such as '--07-13', units, kinds, '-' for standard input)
# are written as they are.
DOCUMENT_TEXT = frozenset({"file", "text", "subject", "place", "source", "essay_title", "authors", "sentence",
                           "title"})


def write_csv(rows: Iterable[Any], out: TextIO, fields: tuple[str, ...] = FIELDS, escape_formulas: bool = True) -> int:
    """One header row, then one row per record; lists are joined with '; '; formula-like document text escaped."""
    w = csv.writer(out, lineterminator="\n")  # Unix line ends, as pandas and sqlite-utils write; fields quoted as "excel"
    w.writerow(fields)
    escaped = [escape_formulas and f in DOCUMENT_TEXT for f in fields]
    n = 0
    for r in rows:
        d = r.to_dict()
        cells = [plain(d[f]) for f in fields]
        w.writerow([spreadsheet_safe(c) if e and not (f == "file" and c == "-") else c
                    for f, c, e in zip(fields, cells, escaped)])
        n += 1
    return n


def write_jsonl(rows: Iterable[Any], out: TextIO, fields: tuple[str, ...] = FIELDS, **_: Any) -> int:
    n = 0
    for r in rows:
        out.write(json.dumps(r.to_dict(), ensure_ascii=False) + "\n")
        n += 1
    return n


def write_json(rows: Iterable[Any], out: TextIO, fields: tuple[str, ...] = FIELDS, **_: Any) -> int:
    """A JSON array, one object per line; the array is closed even when the run is interrupted."""
    n = 0
    out.write("[")
    try:
        for r in rows:
            out.write(("," if n else "") + "\n  " + json.dumps(r.to_dict(), ensure_ascii=False))
            n += 1
    finally:
        out.write("\n]\n" if n else "]\n")
    return n


QUALIFIER_MARKS = {"approx": "~", "over": ">", "under": "<"}
DIRECTION_MARKS = {"increase": "▲", "decrease": "▼"}
KIND_STYLES = {"percent": "cyan", "money": "green", "count": "yellow", "ratio": "magenta", "multiplier": "magenta",
               "quantity": "blue", "date": "dim"}


SCALES = ((10**12, "tn"), (10**9, "bn"), (10**6, "mn"))
HUGE = 10**18


def human_number(v: Any) -> str:
    """A number for the table: thousands separators, 'bn'/'mn' for large amounts, at most 4 decimals.

    >>> human_number(4500000000), human_number(31416), human_number(0.875), human_number(2350000)
    ('4.5 bn', '31,416', '0.875', '2.35 mn')

    Beyond a million trillion, or a nonzero number under 0.0001, it shows four figures and a power of ten:

    >>> human_number(Decimal("1E+80")), human_number(Decimal("7" * 500)), human_number(Decimal("-1E-400"))
    ('1e+80', '7.778e+499', '-1e-400')
    >>> human_number(123456789012345678901), human_number(-0.0)
    ('1.235e+20', '0')
    """
    if isinstance(v, Decimal) and v and not (Decimal("0.0001") <= abs(v) < 10**18):
        return format(v, ".4g")
    v = json_value(v)
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        if abs(v) >= HUGE:  # beyond a million trillions: scientific notation, never a cut-off row of digits
            return re.sub(r"\.?0+e", "e", format(Decimal(v), ".4g"))
        if v == 0:
            return "0"  # a negative zero too
        for size, name in SCALES:
            if abs(v) >= size:
                return f"{v / size:,.3f}".rstrip("0").rstrip(".") + " " + name
        if isinstance(v, int):
            return f"{v:,}"
        return f"{v:,.4f}".rstrip("0").rstrip(".")
    return "" if v is None else str(v)


def display_value(c: Claim, direction: bool = True) -> str:
    """The value as a person reads it: '~4 bn', '8–17', '0.875', '2019-06', with ▲/▼ for changes (unless
    ``direction`` is False: the table shows the mark in a column of its own)."""
    if c.low is not None or c.high is not None:
        text = f"{human_number(c.low)}–{human_number(c.high)}"
    else:
        text = human_number(c.value)
    q = QUALIFIER_MARKS.get(json_value(c.qualifier) or "", "")
    d = DIRECTION_MARKS.get(json_value(c.direction) or "", "") if direction else ""
    return f"{q}{text}" + (f" {d}" if d else "")


EXCERPT_CHARS = 60


def excerpt(c: Claim, width: int = EXCERPT_CHARS) -> str:
    """About ``width`` characters of the sentence centred on the claim, cut at spaces, '…' where cut (CSV and
    JSON keep the whole sentence).

    >>> from claimx.model import Kind
    >>> c = Claim(None, 0, 2, "12", Kind.count, sentence="a " * 40 + "so 12 troops went " + "b " * 40)
    >>> excerpt(c, 30)
    '… a a a a a so 12 troops went b …'
    """
    s = (c.sentence or "").translate(NO_BREAK)  # on screen a no-break space may break: else whole phrases fold
    if len(s) <= width:
        return s
    at = _claim_at(c, s)
    if at < 0:
        cut = s.rfind(" ", 0, width)
        return s[: cut if cut > 0 else width] + " …"
    end = at + len(_shown(c.text))
    room = max(0, width - (end - at))
    lo, hi = at - room // 2, end + room - room // 2
    if lo < 0:
        lo, hi = 0, min(len(s), hi - lo)
    if hi > len(s):
        lo, hi = max(0, lo - (hi - len(s))), len(s)
    if lo > 0:  # whole words only
        cut = s.find(" ", lo, at)
        lo = cut + 1 if cut >= 0 else at
    if hi < len(s):
        cut = s.rfind(" ", end, hi + 1)
        hi = cut if cut >= 0 else end
    return ("… " if lo > 0 else "") + s[lo:hi].strip() + (" …" if hi < len(s) else "")


def _claim_at(c: Claim, sentence: str) -> int:
    """Where the claim's text (whitespace collapsed, as the sentence column has it) stands in its sentence."""
    return sentence.find(_shown(c.text))


def _shown(text: str) -> str:
    return " ".join(text.translate(NO_BREAK).split())


NO_BREAK = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2007": " "})


def _highlighted(c: Claim, width: int) -> "Text":
    from rich.text import Text

    shown = excerpt(c, width)
    text = Text(shown)
    at = _claim_at(c, shown)
    if at >= 0:
        text.stylize("bold reverse", at, at + len(_shown(c.text)))
    return text


def value_with_unit(c: Claim, direction: bool = False) -> str:
    """The value and its unit as one piece of text that is never cut: '~4 bn USD', '~180 USD per capita',
    '8–17 %' (a count's unit is its counted noun, left to the subject: '3,400'), with the ▲/▼ mark at the end
    when ``direction``."""
    text = display_value(c, direction=False)
    if c.unit and c.kind.value != "count":
        text = f"{text} {c.unit}"
    mark = DIRECTION_MARKS.get(json_value(c.direction) or "", "") if direction else ""
    return text + (f" {mark}" if mark else "")


# Each layout is tried in turn, the richest first; the first whose columns fit the terminal is drawn. A layout
# fits when the columns sized by their content (kind, page, value and unit, claim, time) plus the least room the
# text columns need (below) fit the width; the wide layouts (claim and unit in columns of their own) also want
# at least WIDE_MIN columns of terminal, so a roomy 80-column terminal keeps the excerpt readable instead.
LAYOUTS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (140, ("Page", "Kind", "Claim", "Value", "", "Unit", "Subject", "Time", "Excerpt")),
    (100, ("Page", "Kind", "Claim", "Value", "", "Unit", "Subject", "Excerpt")),
    (0, ("Page", "Kind", "Value", "", "Subject", "Excerpt")),  # from here the unit joins the value
    (0, ("Page", "Kind", "Value", "", "Subject")),  # too narrow for an excerpt
    (0, ("Kind", "Value", "", "Subject")),
    # narrower still: one block per claim, so that what each number measures is never dropped
)
TEXT_MIN = {"Subject": 12, "Excerpt": 20}  # the least width of the wrapped text columns
WIDE_TEXT_MIN = {"Subject": 14, "Excerpt": 26}  # ... in the wide layouts, whose point is the room they give
CLAIM_WIDTH = 16  # the claim as written wraps at spaces in a column this wide (wider for a longer word)


def _table_width(widths: Iterable[int]) -> int:
    """The width Rich draws a SIMPLE_HEAD table at: the columns, one space of padding each side of every
    divider, the dividers, and the two edges."""
    w = list(widths)
    return sum(w) + 3 * (len(w) - 1) + 2


def _layout(claims: list[Claim], width: int) -> tuple[tuple[str, ...], dict[str, int]] | None:
    """The columns a terminal of ``width`` shows and their widths, or None when not even the kind and value
    fit (then each claim is shown as a block of its own: :func:`_records`). Numbers, units, kinds and page
    numbers are measured and never wrapped; the subject and the excerpt share the room left (2:3), and go
    first when there is too little of it: the excerpt, then the page; when the subject does not fit either, None."""
    pages = any(c.page is not None for c in claims)
    directions = any(DIRECTION_MARKS.get(json_value(c.direction) or "") for c in claims)

    def longest(texts: Iterable[str], header: str) -> int:
        return max([len(header)] + [len(t) for t in texts])

    measured = {
        "Page": longest((str(c.page) for c in claims if c.page is not None), "Page"),
        "Kind": longest((c.kind.value for c in claims), "Kind"),
        "": 1,
        "Claim": max(CLAIM_WIDTH, longest((w for c in claims for w in c.text.split()), "Claim")),
        "Unit": longest((c.unit or "" for c in claims), "Unit"),
        "Time": longest((c.time or "" for c in claims), "Time"),
    }
    for least, names in LAYOUTS:
        columns = tuple(n for n in names if (n != "Page" or pages) and (n != "" or directions))
        joined = "Unit" not in columns
        widths = {**measured, "Value": longest((value_with_unit(c) if joined else display_value(c, direction=False)
                                                for c in claims), "Value")}
        text_min = WIDE_TEXT_MIN if least else TEXT_MIN
        fixed = [widths[n] for n in columns if n not in text_min]
        texts = [n for n in columns if n in text_min]
        free = width - _table_width(fixed + [0] * len(texts))
        if width < least or free < sum(text_min[n] for n in texts):
            continue
        if texts == ["Subject", "Excerpt"]:
            widths["Subject"] = max(text_min["Subject"], min(free * 2 // 5, free - text_min["Excerpt"]))
            widths["Excerpt"] = free - widths["Subject"]
        elif texts:
            widths[texts[0]] = free
        return columns, widths
    return None


def render_table(claims: list[Claim], *, title: str | None = None, width: int = 120) -> "RenderableType":
    """A Rich table of claims laid out for a terminal ``width`` columns wide (see :func:`_layout`): numbers
    right-aligned with their unit and never wrapped, the direction mark in its own column, a Page column for
    the claims of a PDF, text wrapped at spaces, and each row's excerpt (about two lines of its column) centred
    on its claim, highlighted. Too narrow for even the kind and value: one block per claim (:func:`_records`)."""
    from rich import box
    from rich.markup import escape
    from rich.table import Table
    from rich.text import Text

    layout = _layout(claims, width)
    if layout is None:
        return _records(claims, title=title, width=width)
    columns, widths = layout
    joined = "Unit" not in columns
    table = Table(title=escape(title) if title else None, box=box.SIMPLE_HEAD, pad_edge=False, highlight=False,
                  caption_justify="left", title_justify="left", title_style="bold", collapse_padding=False)
    for name in columns:
        table.add_column(name, width=widths[name], justify="right" if name in ("Value", "Page") else "left",
                         no_wrap=name not in ("Claim", "Subject", "Excerpt"), overflow="fold")
    for c in claims:
        cells = {"Page": Text("" if c.page is None else str(c.page)),
                 "Kind": Text(c.kind.value, style=KIND_STYLES.get(c.kind.value, "")), "Claim": Text(c.text),
                 "Value": Text(value_with_unit(c) if joined else display_value(c, direction=False)),
                 "": Text(DIRECTION_MARKS.get(json_value(c.direction) or "", "")),
                 "Unit": Text(c.unit or ""), "Subject": Text((c.subject or "").translate(NO_BREAK)),
                 "Time": Text(c.time or ""),
                 "Excerpt": _highlighted(c, 2 * widths.get("Excerpt", 0) - 4) if "Excerpt" in columns else Text("")}
        table.add_row(*(cells[name] for name in columns))
    table.caption = escape(count_line(claims))
    return table


def _records(claims: list[Claim], *, title: str | None, width: int) -> "RenderableType":
    """One block per claim, like ``psql``'s expanded display, for terminals too narrow for a table: a numbered
    rule, then the kind, page, value with its unit and direction mark, subject, time and excerpt, one per line."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    keys = ("Kind", "Page", "Value", "Subject", "Time", "Excerpt")
    key_w = max(len(k) for k in keys)
    parts: list[Any] = [Text(title, style="bold"), Text("")] if title else []
    for i, c in enumerate(claims, start=1):
        head = f"── {i} "
        parts.append(Text(head + "─" * max(0, min(width, 40) - len(head)), style="dim"))
        grid = Table.grid(padding=(0, 1))
        grid.add_column(width=key_w, no_wrap=True, style="bold")
        grid.add_column(overflow="fold")
        grid.add_row("Kind", Text(c.kind.value, style=KIND_STYLES.get(c.kind.value, "")))
        if c.page is not None:
            grid.add_row("Page", Text(str(c.page)))
        grid.add_row("Value", Text(value_with_unit(c, direction=True)))
        if c.subject:
            grid.add_row("Subject", Text(c.subject.translate(NO_BREAK)))
        if c.time:
            grid.add_row("Time", Text(c.time))
        if c.sentence:
            grid.add_row("Excerpt", _highlighted(c, max(20, 2 * (width - key_w - 1) - 4)))
        parts.append(grid)
    parts += [Text(""), Text(count_line(claims))]
    return Group(*parts)


def count_line(claims: list[Claim]) -> str:
    """'12 claims: date 5, percent 7'."""
    kinds = Counter(c.kind.value for c in claims)
    return f"{len(claims)} claim{'s' if len(claims) != 1 else ''}" + (
        ": " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())) if kinds else "")


def on_screen(row: Any) -> Any:
    """A claim or essay row whose text fields are safe to draw on a terminal: control characters and escape
    sequences from a document or a file name shown escaped (Rich would pass them through), line breaks as spaces."""
    import dataclasses

    from claimx.errors import printable

    changes = {}
    for f in dataclasses.fields(row):
        v = getattr(row, f.name)
        if isinstance(v, str) and not v.isprintable():
            changes[f.name] = printable(v, spaces=True)
        elif isinstance(v, tuple) and any(isinstance(x, str) and not x.isprintable() for x in v):
            changes[f.name] = tuple(printable(x, spaces=True) if isinstance(x, str) else x for x in v)
    return dataclasses.replace(row, **changes) if changes else row


def _by_file(rows: Iterable[Any]) -> dict[str, list[Any]]:
    """Rows grouped by their file ('-' for standard input), in the order the files came."""
    groups: dict[str, list[Any]] = {}
    for r in rows:
        groups.setdefault(r.file or "-", []).append(r)
    return groups


def _essay_heading(name: str, c: Claim, several: bool) -> str:
    """'a.txt', or for a file of several essays 'a.txt · essay 2: Title — Author (2021-03-03)'."""
    shown = "standard input" if name == "-" else name
    if not several:
        return shown
    parts = f" · essay {c.essay}" + (f": {c.essay_title}" if c.essay_title else "")
    if c.authors:
        parts += " — " + ", ".join(c.authors)
    if c.published:
        parts += f" ({c.published})"
    return shown + parts


def table_marker(what: str) -> str:
    """The first line of a table written to a file or a pipe: 'claimx 0.2.0 · claims table'. claimx recognises it
    (:func:`claimx.io.readers.written_by_claimx`) and never reads the file back as an essay."""
    from claimx import __version__

    return f"claimx {__version__} · {what} table"


def _mark(console: "Console", what: str) -> None:
    if not console.is_terminal:  # a file or a pipe: it may land in a folder of essays
        from rich.text import Text

        console.print(Text(table_marker(what)), soft_wrap=True)


def write_table(claims: Iterable[Claim], out: TextIO, fields: tuple[str, ...] = FIELDS, *,
                console: "Console | None" = None, **_: Any) -> int:
    """One table per essay (a file of one essay: per file), then a line with the totals per file and the legend
    of the value marks. The layout follows the console's width."""
    from rich.console import Console
    from rich.markup import escape
    from rich.text import Text

    console = console or Console(file=out, highlight=False)
    _mark(console, "claims")
    by_file = _by_file(map(on_screen, claims))
    for name, rows in by_file.items():
        essays: dict[Any, list[Claim]] = {}
        for c in rows:
            essays.setdefault(c.essay, []).append(c)
        several = len(essays) > 1
        for group in essays.values():
            if several:  # a heading that wraps at words, never cut
                console.print(Text("── " + _essay_heading(name, group[0], True), style="bold"))
            console.print(render_table(group, title=None if several else _essay_heading(name, group[0], False),
                                       width=console.width))
    total = [c for rows in by_file.values() for c in rows]
    if len(by_file) > 1:
        console.print(escape(f"Total {count_line(total)} in {len(by_file)} files: "
                             + ", ".join(f"{f} {len(r)}" for f, r in by_file.items())))
    console.print("Value marks: ~ about, > over, < under, ▲ increase, ▼ decrease; the claim is highlighted in "
                  "its excerpt", style="dim")
    return len(total)


ESSAY_LAYOUTS: tuple[tuple[str, ...], ...] = (
    ("#", "Title", "Authors", "Date", "Words", "Claims"),
    ("#", "Title", "Date", "Words", "Claims"),  # narrower: the authors go first, then the word count
    ("#", "Title", "Date", "Claims"),
)
ESSAY_TEXT_MIN = {"Title": 12, "Authors": 10}


def _essay_cells(r: EssayRow) -> dict[str, str]:
    return {"#": str(r.essay), "Title": r.title or "", "Authors": ", ".join(r.authors), "Date": r.date or "",
            "Words": f"{r.words:,}", "Claims": f"{r.claims:,}"}


def _essay_layout(items: list[EssayRow], width: int) -> tuple[tuple[str, ...], dict[str, int]] | None:
    """The columns of the essays table for ``width`` and their widths, or None (one block per essay): numbers
    and dates are measured and never wrapped; the title and authors share what is left (3:2)."""
    cells = [_essay_cells(r) for r in items]
    widths = {name: max([len(name)] + [len(c[name]) for c in cells]) for name in ("#", "Date", "Words", "Claims")}
    for columns in ESSAY_LAYOUTS:
        texts = [n for n in columns if n in ESSAY_TEXT_MIN]
        free = width - _table_width([widths[n] for n in columns if n not in texts] + [0] * len(texts))
        if free < sum(ESSAY_TEXT_MIN[n] for n in texts):
            continue
        if "Authors" in texts:
            widths["Title"] = max(ESSAY_TEXT_MIN["Title"], min(free * 3 // 5, free - ESSAY_TEXT_MIN["Authors"]))
            widths["Authors"] = free - widths["Title"]
        else:
            widths["Title"] = free
        return columns, widths
    return None


def write_essays_table(rows: Iterable[EssayRow], out: TextIO, fields: tuple[str, ...] = ESSAY_FIELDS, *,
                       console: "Console | None" = None, **_: Any) -> int:
    """The essays of each file: number, title, authors, date, words and claims; laid out for the console's
    width like the claims table (numbers and dates never wrapped; too narrow: one block per essay)."""
    from rich import box
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table
    from rich.text import Text

    console = console or Console(file=out, highlight=False)
    _mark(console, "essays")
    by_file = _by_file(map(on_screen, rows))
    for name, items in by_file.items():
        title = "standard input" if name == "-" else name
        caption = f"{len(items)} essay{'s' if len(items) != 1 else ''}, {sum(r.claims for r in items):,} claims"
        layout = _essay_layout(items, console.width)
        if layout is None:
            console.print(Text(title, style="bold"))
            for r in items:
                console.print(Text(f"── {r.essay} " + "─" * max(0, min(console.width, 40) - 4 - len(str(r.essay))),
                                   style="dim"))
                grid = Table.grid(padding=(0, 1))
                grid.add_column(width=len("Authors"), no_wrap=True, style="bold")
                grid.add_column(overflow="fold")
                for key, value in _essay_cells(r).items():
                    if key != "#" and value:
                        grid.add_row(key, Text(value))
                console.print(grid)
            console.print(Text(caption))
            continue
        columns, widths = layout
        table = Table(title=escape(title), box=box.SIMPLE_HEAD, pad_edge=False,
                      title_justify="left", title_style="bold", caption_justify="left")
        for column in columns:
            table.add_column(column, width=widths[column], overflow="fold",
                             justify="right" if column in ("#", "Words", "Claims") else "left",
                             no_wrap=column not in ESSAY_TEXT_MIN)
        for r in items:
            cells = _essay_cells(r)
            table.add_row(*(Text(cells[column]) for column in columns))
        table.caption = caption
        console.print(table)
    return sum(len(v) for v in by_file.values())


# ---------------------------------------------------------------- spreadsheet

# column widths in characters (the rest: 12); long text wraps in its cell rather than widening the column
XLSX_WIDTHS = {"file": 28, "text": 18, "kind": 10, "value": 16, "unit": 12, "subject": 36, "place": 16, "time": 12,
               "source": 20, "essay_title": 36, "title": 48, "authors": 24, "published": 12, "date": 12,
               "section": 9, "sentence": 90}
XLSX_WRAPPED = frozenset({"sentence", "subject", "essay_title", "title"})  # long text wraps in its cell
FULL_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _spreadsheet_day(iso: str) -> datetime.date | None:
    """The day an ISO 'YYYY-MM-DD' names, if the calendar has it and a spreadsheet can show it (from 1900)."""
    try:
        day = datetime.date.fromisoformat(iso)
    except ValueError:
        return None
    return day if day.year >= 1900 else None


def _spreadsheet_number(v: int) -> bool:
    """Whether a spreadsheet holds the integer exactly: at most 15 significant digits, below 1E+308.

    >>> _spreadsheet_number(4_500_000_000), _spreadsheet_number(10**80), _spreadsheet_number(10**400 + 1)
    (True, True, False)
    """
    digits = str(abs(v))
    return len(digits) <= 308 and len(digits.rstrip("0")) <= 15


def _xlsx_sheet(wb, name: str, rows: Iterable[Any], fields: tuple[str, ...]) -> int:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    def typed(value: Any):
        """A typed cell: numbers as numbers, full ISO dates as dates, true/false as booleans, everything else
        as text, and text never a formula, whatever the document says. What a spreadsheet cannot hold exactly
        stays text: an ISO-looking day the calendar lacks ('2021-02-30'), a day before 1900, an integer of more
        than 15 significant digits or beyond 1E+308."""
        v = json_value(value)
        if isinstance(v, int) and not isinstance(v, bool) and not _spreadsheet_number(v):
            v = str(v)  # Excel keeps 15 digits and numbers below 1E+308: the exact digits as text
        if isinstance(v, list):
            v = "; ".join(str(x) for x in v)
        day = _spreadsheet_day(v) if isinstance(v, str) and FULL_DATE.fullmatch(v) else None
        if day is not None:
            cell = WriteOnlyCell(ws, value=day)
            cell.number_format = "yyyy-mm-dd"
            return cell
        if isinstance(v, str):
            cell = WriteOnlyCell(ws, value=ILLEGAL_CHARACTERS_RE.sub("\ufffd", v))
            cell.data_type = "s"  # a string, even when it starts with '='
            return cell
        return WriteOnlyCell(ws, value=v)

    ws = wb.create_sheet(name)
    ws.freeze_panes = "A2"
    for i, f in enumerate(fields, start=1):
        ws.column_dimensions[get_column_letter(i)].width = XLSX_WIDTHS.get(f, 12)
    header = []
    for f in fields:
        cell = WriteOnlyCell(ws, value=f)
        cell.font = Font(bold=True)
        header.append(cell)
    ws.append(header)
    wrap = Alignment(wrap_text=True, vertical="top")
    wrapped = {i for i, f in enumerate(fields) if f in XLSX_WRAPPED}
    n = 0
    for r in rows:
        d = r.to_dict()
        cells = [typed(d[f]) for f in fields]
        for i in wrapped:
            cells[i].alignment = wrap
        ws.append(cells)
        n += 1
    ws.auto_filter.ref = f"A1:{get_column_letter(len(fields))}{n + 1}"
    return n


def write_xlsx(rows: Iterable[Any], path: str, fields: tuple[str, ...] = FIELDS, *,
               essays: Iterable[EssayRow] | None = None, essays_only: bool = False) -> int:
    """A workbook at ``path``: a 'claims' sheet (and an 'essays' sheet when ``essays`` is given; only that one
    with ``essays_only``), each with a bold frozen header row, an autofilter and set column widths; returns the
    number of rows of the first sheet. Rows are streamed (openpyxl's write-only mode)."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    if essays_only:
        n = _xlsx_sheet(wb, "essays", rows, ESSAY_FIELDS)
    else:
        n = _xlsx_sheet(wb, "claims", rows, fields)
        if essays is not None:
            _xlsx_sheet(wb, "essays", essays, ESSAY_FIELDS)
    wb.save(path)
    return n


Writer = Callable[..., int]

WRITERS: dict[Format, Writer] = {
    Format.table: write_table,
    Format.csv: write_csv,
    Format.jsonl: write_jsonl,
    Format.json: write_json,
}
ESSAY_WRITERS: dict[Format, Writer] = {**WRITERS, Format.table: write_essays_table}


def write(fmt: Format, rows: Iterable[Any], out: TextIO, *, essays: bool = False, escape_formulas: bool = True,
          compared: bool = False) -> int:
    """Write claims (or, with ``essays``, essay rows; with ``compared``, the rows of ``claimx compare``: a group
    and a verdict before the claim's columns) in a format; returns the number of rows."""
    if compared:
        from claimx.compare import COMPARE_FIELDS

        writer = write_compare_table if fmt == Format.table else WRITERS[fmt]
        return writer(rows, out, COMPARE_FIELDS, escape_formulas=escape_formulas)
    if essays:
        return ESSAY_WRITERS[fmt](rows, out, ESSAY_FIELDS, escape_formulas=escape_formulas)
    return WRITERS[fmt](rows, out, FIELDS, escape_formulas=escape_formulas)


VERDICT_STYLES = {"conflict": "bold red", "over time": "yellow", "agree": "green"}


def write_compare_table(rows: Iterable[Any], out: TextIO, fields: tuple[str, ...] = (), *,
                        console: "Console | None" = None, **_: Any) -> int:
    """`claimx compare` on a terminal: one table per group (conflicts first), its values side by side with their
    documents, times, pages and sentences; then a line with the number of groups of each verdict."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = console or Console(file=out, highlight=False)
    _mark(console, "groups")
    groups: dict[int, list[Any]] = {}
    for r in rows:
        groups.setdefault(r.group, []).append(r)
    verdicts: Counter = Counter()
    from claimx.compare import place_shown

    wide = console.width >= 100
    for gid, members in groups.items():
        first = on_screen(members[0].claim)
        verdict = members[0].verdict
        verdicts[verdict] += 1
        place = place_shown(members[0].measure, (m.claim for m in members)) if members[0].measure else first.place
        key = members[0].measure.subject_key if members[0].measure else first.subject_key
        measure = (key or "") + (f" · {place}" if place else "")
        head = Text(f"Group {gid} ", style="bold")
        head.append(verdict, style=VERDICT_STYLES.get(verdict, ""))
        head.append(f"  {measure}  ({first.kind.value}{', change' if first.direction else ''})")
        table = Table(show_edge=False, pad_edge=False, expand=False, width=console.width, title=head,
                      title_justify="left")
        table.add_column("Value", no_wrap=True)
        table.add_column("Time", no_wrap=True)
        table.add_column("Document", ratio=1, overflow="fold", max_width=None if wide else 22)
        table.add_column("Page", justify="right", no_wrap=True)
        table.add_column("Sentence", ratio=2)
        for m in members:
            c = on_screen(m.claim)
            where = c.essay_title or c.file or "-"
            if c.essay_title and c.file and wide:  # the title, and the file's name under it
                where = f"{c.essay_title}\n{c.file.replace(chr(92), '/').rsplit('/', 1)[-1]}"
            cells = [value_with_unit(c, direction=True), c.time or "", where, str(c.page or ""),
                     _highlighted(c, 90 if wide else 50)]
            table.add_row(*cells)
        console.print(table)
    total = sum(verdicts.values())
    summary = ", ".join(f"{verdicts[v]} {v}" for v in ("conflict", "over time", "agree") if verdicts[v])
    console.print(f"{total} group{'s' if total != 1 else ''} in more than one document" + (f": {summary}" if total else ""),
                  style="dim")
    return sum(len(m) for m in groups.values())
