"""Tables written as tab- or pipe-separated rows: each numeric cell is a claim.

A unit in a row label ('(US$ mn)', '(%)', '(km2)') or a column header applies to its cells, else the caption's
scale ('(millions of current dollars)'); a year in a column header gives the cell its time. Under a column that
names a measure ('Exports', 'All Bridges (number)') the measure is the subject and the row label its place;
under a column of a year, or one that only says how its cells are written ('2012 Number', 'Percentage'), the
row label is the subject (the caption, when the rows are places under a 'Country'/'State' header). A header of
two or three rows gives each column all its levels. The header rows hold labels, not claims; a cell of words
is read like a sentence (``scan``'s third list).
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

import regex

from claimx._data import alternation, load
from claimx.model import Kind
from claimx.numbers import parse_number, scale_value, times
from claimx.recognizers import money, quantity, units
from claimx.recognizers.base import Candidate, year_pattern

# a cell's figure: '1,234.5', '$44.2', '-3', '−3', '(3.2)' and '$(3.2)' (negatives), '12%'; a footnote mark after it
CELL_NUMBER = regex.compile(r"\s*(?P<open>\()?\s*(?P<cur>[$€£¥])?\s*(?P<open2>\()?\s*"
                            r"(?P<num>[-−–]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[-−–]?\d+(?:\.\d+)?)\s*(?P<pct>%)?\s*"
                            r"(?P<close>\))?[\s*†‡]*")
LABEL_UNIT = regex.compile(r"\((?P<inner>[^()]*)\)")
YEAR = regex.compile(rf"^\s*({year_pattern(None)})\s*$")
# a year inside a header ('2012 Number', 'FY2016'): the column's time
YEAR_IN = regex.compile(rf"(?<![\d.,])(?:FY\s?)?({year_pattern(None)})(?![\d.,]|\s*%)")


@dataclass
class Row:
    start: int
    end: int
    cells: list[tuple[int, int]]  # character ranges of the cells


# a table caption written after it, as pandoc does: ': Production of coal by country (Mt)'
# a caption after the table (pandoc's ': caption', or 'Table 1: caption'), or before it ('Table 1. caption')
CAPTION = regex.compile(r"[ \t]*\r?\n(?:[ \t]*\r?\n)?[ \t]*(?::|(?i:table)[ \t]+[\w.-]+[:.])[ \t]+(?P<caption>[^\n]{3,200})")
# a caption before it (at a line's or a PDF page's start): 'Table 2. Funding by year' and up to two more short lines ('in millions of dollars')
CAPTION_BEFORE = regex.compile(r"(?m)(?:^|(?<=\f))[ \t]*(?i:table)[ \t]+[\w.-]+[:.][ \t]+(?P<caption>[^\n]{3,200}"
                               r"(?:\r?\n(?:[ \t]*\r?\n)?[ \t]*[^|\s][^|\n]{2,200}){0,2})\r?\n(?:[ \t]*\r?\n)?\Z")
# the scale and unit a caption states: 'in millions of nominal dollars', '$ billions', 'thousands of barrels a day'
CAPTION_UNIT = regex.compile(rf"(?i)(?P<phrase>(?:[$€£¥]\s*)?\b(?:{alternation(load('labels')['caption_scales'])})"
                             rf"\b[^,;.()\n]{{0,40}}|\b(?:{alternation(load('labels')['caption_percent'])})\b)")
# the dashed rule under the header of a space-aligned table: '-------  ------  ------'
RULE = regex.compile(r"^[ \t]*-{3,}(?:[ ]+-{3,})+[ \t]*$", regex.MULTILINE)


def _blocks(text: str) -> list[list[Row]]:
    """Every table of the text, in order: tab- or pipe-separated rows, and space-aligned columns under a rule."""
    blocks = list(_rows(text))
    taken = [(b[0].start, b[-1].end) for b in blocks]
    for block in _aligned(text):
        if not any(block[0].start < e and s < block[-1].end for s, e in taken):
            blocks.append(block)
    return sorted(blocks, key=lambda b: b[0].start)


def _aligned(text: str) -> Iterator[list[Row]]:
    """Space-aligned tables (plain-text reports, pandoc's simple tables): a header line, a rule of dash groups
    that gives the columns, then rows up to a blank line; a cell runs from its column's start to the next's."""
    for rule in RULE.finditer(text):
        line_start = rule.start()
        columns = [m.start() for m in regex.finditer(r"-{3,}", rule.group())]
        header_end = line_start - 1
        header_start = text.rfind("\n", 0, max(header_end, 0)) + 1
        if header_end <= header_start or not text[header_start:header_end].strip():
            continue
        rows = [_aligned_row(text, header_start, header_end, columns)]
        pos = rule.end() + 1
        while pos < len(text):
            end = text.find("\n", pos)
            end = len(text) if end < 0 else end
            line = text[pos:end]
            if not line.strip() or RULE.fullmatch(line):
                break
            rows.append(_aligned_row(text, pos, end, columns))
            pos = end + 1
        if len(rows) >= 2:
            yield rows


def _aligned_row(text: str, start: int, end: int, columns: list[int]) -> Row:
    bounds = [0] + columns[1:] + [end - start]
    cells = [(start + min(a, end - start), start + min(b, end - start)) for a, b in zip(bounds, bounds[1:])]
    return Row(start, end, [c for c in cells if c[0] <= c[1]])


def _rows(text: str) -> Iterator[list[Row]]:
    """Blocks of two or more consecutive lines that split into the same kind of cells."""
    block: list[Row] = []
    pos = 0
    lines = text.splitlines(keepends=True)
    for k, line in enumerate(lines):
        body = line.rstrip("\r\n")
        piped = body.strip().startswith("|") and (
            body.count("|") >= 3  # ('| 1. | note text' is a list, not a table)
            or body.count("|") == 2 and CELL_NUMBER.fullmatch(body.split("|")[2]) is not None  # '| Maine | 3.0%'
            # a label alone between rows ('| Lowest shares:'): a row of the table
            or bool(block) and k + 1 < len(lines) and lines[k + 1].strip().startswith("|") and lines[k + 1].count("|") >= 2)
        sep = "\t" if "\t" in body.strip(" ") else ("|" if piped else None)
        if sep:
            cells, cstart = [], pos
            for part in body.split(sep):
                cells.append((cstart, cstart + len(part)))
                cstart += len(part) + 1
            if sep == "|":  # the text before the first pipe, and after the last one when the row closes with one
                cells = cells[1:-1] if body.rstrip().endswith("|") else cells[1:]
            if not all(set(text[s:e].strip()) <= set("-: ") for s, e in cells):  # skip |---|---|
                block.append(Row(pos, pos + len(body), cells))
        elif block:
            if len(block) >= 2:
                yield block
            block = []
        pos += len(line)
    if len(block) >= 2:
        yield block


def _scale(word: str) -> Decimal | None:
    """'millions', 'mn', '000s' in a label: the scale of its cells."""
    if word in load("labels")["thousands_marks"]:
        return Decimal(1000)
    return scale_value(word)


def _label_unit(label: str) -> tuple[Kind, str | None, Decimal] | None:
    r"""What a row label or column header says about its cells: kind, unit and scale; None when it says nothing.

    >>> _label_unit("Investment (US\\$ mn)")
    (<Kind.money: 'money'>, 'USD', Decimal('1000000'))
    >>> _label_unit("Pupils (thousands)")
    (<Kind.count: 'count'>, None, Decimal('1000'))
    >>> _label_unit("Change (%)")
    (<Kind.percent: 'percent'>, '%', Decimal('1'))
    >>> _label_unit("Surface (km2)")
    (<Kind.quantity: 'quantity'>, 'km2', Decimal('1'))
    >>> _label_unit("Output (million tonnes)")
    (<Kind.quantity: 'quantity'>, 'million tonnes', Decimal('1'))
    >>> _label_unit("Region") is None
    True
    """
    bare = " ".join(YEAR_IN.sub(" ", label).split()).lower()
    if bare == "%" or bare in load("labels")["caption_percent"]:  # a column headed 'Percentage', '2012 %'
        return Kind.percent, "%", Decimal(1)
    for m in LABEL_UNIT.finditer(label):
        inner = m.group("inner").replace("\\", "").strip()
        low = inner.lower()
        words = low.replace(",", " ").split()
        scale = next((_scale(w) for w in words if _scale(w)), Decimal(1))
        if "%" in inner or "percent" in low or "per cent" in low:
            return Kind.percent, "%", Decimal(1)
        symbols, cwords, codes = money.currency_tables()
        raw = inner.replace(",", " ").split()
        code = next((symbols.get(w) or (w if w in codes else None) or cwords.get(w.lower())
                     for w in raw if symbols.get(w) or w in codes or w.lower() in cwords), None)
        if code:
            return Kind.money, code, scale
        rest = " ".join(w for w in raw if not _scale(w.lower()) and w.lower() not in ("in", "of"))  # 'thousands of tonnes'
        unit = quantity.lookup(inner) or (rest and (quantity.lookup(rest) or units.parse_unit(rest)))
        if unit and scale != 1:  # '(million tonnes)': the cells keep their written value, the unit says the scale
            return Kind.quantity, " ".join(inner.split()), Decimal(1)
        if unit:
            return Kind.quantity, unit[0], unit[1]
        if scale != 1:
            return Kind.count, None, scale
    return None


NOTE_LETTER = regex.compile(r"\)[a-e]\s*$")  # a note mark glued after a label's parentheses: 'Grants (STA)a'


def clean_label(label: str) -> str:
    """'Cash bonus (US\\$ mn)*' -> 'Cash bonus'."""
    s = LABEL_UNIT.sub("", NOTE_LETTER.sub(")", label.replace("\\", "")))
    return " ".join(s.strip(" *†‡:").split()) or label.strip()


PROSE_WORDS = 4  # a cell of this many words or more is read as a sentence ('Up to $5,000 after the first year')
WORD = regex.compile(r"\p{L}{2,}")


def scan(text: str) -> tuple[list[Candidate], list[tuple[int, int]], list[tuple[int, int]]]:
    """Every numeric cell of every table, the character range of each table (header included), and the cells
    that are text ('Up to $5,000 after the first year': read like sentences). The table lines are parsed once."""
    cands: list[Candidate] = []
    spans: list[tuple[int, int]] = []
    prose: list[tuple[int, int]] = []
    for block in _blocks(text):
        spans.append((block[0].start, block[-1].end))
        found = list(_cells(text, block))
        cands.extend(found)
        taken = [(c.start, c.end) for c in found]
        for row in block[1:]:
            for s, e in row.cells[1:]:
                if len(WORD.findall(text, s, e)) >= PROSE_WORDS and not any(s <= a < e for a, _ in taken):
                    s += len(text[s:e]) - len(text[s:e].lstrip())
                    prose.append((s, s + len(text[s:e].strip())))
    return cands, spans, prose


def find(text: str) -> Iterator[Candidate]:
    """The numeric cells of the tables in ``text``, as candidates (``in_table`` set)."""
    yield from scan(text)[0]


def _label_noun(label: str | None) -> str | None:
    """The counted noun a row label names: its last plural word ('Schools built' -> 'schools')."""
    # a plural ends in -s, but not in -as, -is, -us, -ss ('gas', 'analysis', 'Honduras', 'Paris' are no plurals)
    plural = [w for w in regex.findall(r"\p{L}+", label or "")
              if w.lower().endswith("s") and not w.lower().endswith(tuple(load("labels")["singular_endings"]))
              and len(w) > 3]
    return plural[-1].lower() if plural else None


def caption_unit(caption: str | None) -> tuple[Kind, str | None, Decimal] | None:
    """What a table's caption says about its cells: a unit in parentheses, else a scale phrase
    ('in millions of nominal dollars', '$ billions', 'thousands of barrels a day') or 'percent'.

    >>> caption_unit("Table 2. Spending by year, in millions of current dollars")
    (<Kind.money: 'money'>, 'USD', Decimal('1000000'))
    >>> caption_unit("Table 1. Loans ($ billions)")
    (<Kind.money: 'money'>, 'USD', Decimal('1000000000'))
    >>> caption_unit("Table 3. Share of households, percent")
    (<Kind.percent: 'percent'>, '%', Decimal('1'))
    >>> caption_unit("Table 4. Output by region") is None
    True
    """
    phrase = caption_unit_phrase(caption) if caption else None
    if phrase is None:
        return None
    return _label_unit(phrase if phrase.startswith("(") else f"({phrase})")


def caption_unit_phrase(caption: str) -> str | None:
    """The words of a caption that give its cells' scale and unit ('(millions of current dollars)'), or None.

    >>> caption_unit_phrase("Table 9. Grants by Year, FY2020-FY2024 (millions of current dollars)")
    '(millions of current dollars)'
    >>> caption_unit_phrase("Table 2. Schools by district (data as of May 1, 2024)") is None
    True
    """
    for m in LABEL_UNIT.finditer(caption):
        if _label_unit(m.group()):
            return m.group()
    m = CAPTION_UNIT.search(caption)
    return m.group("phrase").strip() if m else None


def _cell_unit(info: tuple[Kind, str | None, Decimal] | None, cur: str | None
               ) -> tuple[Kind, str | None, Decimal]:
    """A cell's kind, unit and scale from its labels' (or caption's) ``info`` and its own currency sign."""
    if cur:
        code = money.currency_tables()[0].get(cur)
        if info and info[0] == Kind.money:
            return info
        if info and info[0] in (Kind.count, Kind.quantity) and info[2] != 1:
            return Kind.money, code, info[2]
        return Kind.money, code, Decimal(1)
    return info or (Kind.count, None, Decimal(1))


def _cell_value(m) -> Decimal | None:
    """The figure of a CELL_NUMBER match, negative when written in parentheses; None when the parentheses do not pair."""
    opened = bool(m.group("open") or m.group("open2"))
    if opened != bool(m.group("close")):
        return None
    v = parse_number(m.group("num").replace("–", "-"))
    return -v if v is not None and opened else v


def _pairs(text: str, block: list[Row]) -> bool:
    """A table of label-figure pairs side by side ('NV | 12.6 | OR | 9.4'): in every row, every other cell is a
    figure (or empty) and the cells before them are labels."""
    for row in block:
        cells = [text[s:e].strip() for s, e in row.cells]
        if len(cells) < 4 or len(cells) % 2:
            return False
        if any(CELL_NUMBER.fullmatch(c) for c in cells[0::2]) or \
                not all(not c or CELL_NUMBER.fullmatch(c) for c in cells[1::2]):
            return False
    return True


def _header_level(cells: list[str], upper: list[str]) -> bool:
    """A row under the header row ``upper`` that is more header ('| | Good | Fair | Poor'): short labels and
    years, no figures, and no year or figure heading the row (that is a row of data: '| 1987 | The hall opens |');
    and it splits the columns of the row above (more cells under fewer: '| | 2015 | 2024' over
    '| | Number | Percentage | Number | Percentage') or says how they are written ('| | ($ millions) | (number)').
    A first row of data with words for figures ('| Alba | n/a | n/a') does neither."""
    rest = [c for c in cells[1:] if c.strip()]
    if not rest or CELL_NUMBER.fullmatch(cells[0]) or any(len(c.split()) > 5 for c in rest) \
            or any(CELL_NUMBER.fullmatch(c) and not YEAR.fullmatch(c) for c in rest):
        return False
    units = load("labels")["unit_headers"]
    return len(rest) > sum(1 for c in upper[1:] if c.strip()) \
        or all(_label_unit(c) or c.strip(" ()").lower() in units for c in rest)


def _spread(upper: list[str], below: list[str], width: int) -> list[str]:
    """An upper header row laid over the columns of the row below it. Written with fewer cells than there are
    columns (Markdown has no column spans), its first cell heads the label column, its next cells the columns
    that have no lower header, and the rest span the remaining columns in equal shares (two years over
    'Number | Percentage | Number | Percentage'); written with every cell, an empty cell continues the span
    of the cell to its left."""
    below = below + [""] * (width - len(below))
    if len(upper) >= width:
        out = [c.strip() for c in upper[:width]]
        for i in range(2, width):
            if not out[i] and out[i - 1] and below[i].strip():
                out[i] = out[i - 1]
        return out
    out = [""] * width
    out[0] = upper[0].strip()
    i = j = 1
    while i < len(upper) and j < width and not below[j].strip():
        out[j] = upper[i].strip()
        i, j = i + 1, j + 1
    rest = [c.strip() for c in upper[i:]]
    if rest:
        span, extra = divmod(width - j, len(rest))
        for k, cell in enumerate(rest):
            for col in (range(j + k * span, j + (k + 1) * span) if span and not extra else [j + k]):
                if col < width:
                    out[col] = cell
    return out


def _headers(levels: list[list[str]], width: int) -> list[str]:
    """Each column's header: the header rows' cells above it, top first ('2012 Percentage')."""
    placed = [[c.strip() for c in levels[-1]] + [""] * (width - len(levels[-1]))]
    for upper in reversed(levels[:-1]):
        placed.insert(0, _spread(upper, placed[0], width))
    return [" ".join(p[i] for p in placed if p[i]) for i in range(width)]


def _measure(header: str) -> str:
    """What a column header says the cells measure, without its years and the words that only say how they
    are written ('2012 Number' -> '', 'FY2016' -> '', 'All Bridges (number)' -> 'All Bridges')."""
    words = load("labels")["unit_headers"]
    rest = clean_label(YEAR_IN.sub(" ", header))
    rest = regex.sub(rf"(?i)(?<!\w)(?:{alternation(words)})(?!\w)", " ", rest)
    return " ".join(rest.split()).strip(" -–/,")


def _cells(text: str, block: list[Row]) -> Iterator[Candidate]:
    if _pairs(text, block):
        yield from _pair_cells(text, block)
        return
    header_cells = [text[s:e] for s, e in block[0].cells]
    body = block[1:]
    years = [c for c in header_cells[1:] if c.strip()]
    if all(CELL_NUMBER.fullmatch(c) or not c.strip() for c in header_cells[1:]) and header_cells[0].strip() \
            and not (len(years) >= 2 and all(YEAR.fullmatch(c) for c in years)):
        body, header_cells = block, []  # no header row: every row holds data ('Country | 2019 | 2020' is one)
    else:  # a header of two or three rows: each column's header from the rows above it
        levels = [header_cells]
        while len(levels) < 3 and len(body) > 1 and _header_level([text[s:e] for s, e in body[0].cells], levels[-1]) \
                and any(CELL_NUMBER.fullmatch(text, s, e) for r in body[1:] for s, e in r.cells[1:]):
            levels.append([text[s:e] for s, e in body[0].cells])
            body = body[1:]
        width = max(len(r.cells) for r in body)
        header_cells = _headers(levels, width) if len(levels) > 1 or len(header_cells) < width else header_cells
    # a named first header cell ('Region', 'Country') means each column is a measure and each row an entity
    by_column = bool(header_cells) and bool(header_cells[0].strip())
    places = by_column and clean_label(header_cells[0]).lower() in load("labels")["place_headers"]
    caption = _caption(text, block)
    caption_info = caption_unit(caption)
    # a column that names a measure with a percent sign in some of its cells holds shares throughout ('45%'
    # over '55'); not a column of a year, whose rows are measures of their own
    percent_columns = {i for row in body for i, (s, e) in enumerate(row.cells) if i
                       and (m := CELL_NUMBER.fullmatch(text, s, e)) and m.group("pct")}
    for row in body:
        if not row.cells:
            continue
        ls, le = row.cells[0]
        label = text[ls:le]
        row_unit = _label_unit(label)
        row_year = YEAR.fullmatch(label)
        if row_year and len(row.cells) > 1:  # a year heading its row: a date cell
            ys, ye = row_year.span(1)
            yield Candidate(ls + ys, ls + ye, Kind.date, value=row_year.group(1), core=(ls + ys, ls + ye),
                            in_table=True, row=(row.start, row.end))
        for i, (s, e) in enumerate(row.cells[1:], start=1):
            m = CELL_NUMBER.fullmatch(text, s, e)
            if not m:
                continue
            v = _cell_value(m)
            if v is None:
                continue
            header = header_cells[i] if i < len(header_cells) else ""
            years_in = YEAR_IN.findall(header)
            col_time = years_in[0] if len(years_in) == 1 else None
            measure = by_column and bool(_measure(header))
            if measure:  # the column names a measure, each row an entity
                named = YEAR_IN.sub(" ", header) if col_time else header  # 'Wages 2022': the year is the time
                subject, unit_info, place = clean_label(named) or None, _label_unit(header), label.strip()
                time = row_year.group(1) if row_year else col_time
                if row_year:
                    place = None
            elif by_column and col_time and caption and places:  # rows are places, columns years: the caption names the measure
                subject, unit_info, place = clean_label(caption), _label_unit(caption) or _label_unit(header), label.strip()
                time = col_time
            else:  # columns are years (or say only how the cells are written): the row label names the measure
                subject, unit_info, place = clean_label(label), row_unit or _label_unit(header), None
                time = col_time
            kind, unit, scale = _cell_unit(unit_info or caption_info, m.group("cur"))
            if m.group("pct") or measure and i in percent_columns and not m.group("cur") and not unit_info:
                kind, unit, scale = Kind.percent, "%", Decimal(1)
            if kind == Kind.count and unit is None:
                unit = _label_noun(subject)
            first, last = _extent(m)
            yield Candidate(first, last, kind, value=times(v, scale), unit=unit, core=(first, last),
                            subject=subject, time=time, place=place, in_table=True, row=(row.start, row.end))


def _caption(text: str, block: list[Row]) -> str | None:
    """The table's caption: after it (pandoc's ': caption', 'Table 1: caption') or before it ('Table 1. caption')."""
    found = CAPTION.match(text, block[-1].end) or CAPTION_BEFORE.search(text[max(0, block[0].start - 600): block[0].start])
    return " ".join(found.group("caption").split()) if found else None


def _extent(m) -> tuple[int, int]:
    """A cell figure's characters: from its opening parenthesis or currency sign to its % or closing parenthesis."""
    first = [m.start(g) for g in ("open", "cur", "open2", "num") if m.group(g)][0]
    return first, max(m.end(g) for g in ("num", "pct", "close") if m.group(g))


def _pair_cells(text: str, block: list[Row]) -> Iterator[Candidate]:
    """The figures of a table of label-figure pairs: each one's label is the cell before it; the caption gives
    the scale and unit."""
    caption_info = caption_unit(_caption(text, block))
    for row in block:
        for (ls, le), (s, e) in zip(row.cells[0::2], row.cells[1::2]):
            m = CELL_NUMBER.fullmatch(text, s, e)
            v = _cell_value(m) if m else None
            if v is None:
                continue
            label = clean_label(text[ls:le])
            kind, unit, scale = _cell_unit(caption_info, m.group("cur"))
            if m.group("pct"):
                kind, unit, scale = Kind.percent, "%", Decimal(1)
            first, last = _extent(m)
            yield Candidate(first, last, kind, value=times(v, scale), unit=unit, core=(first, last), subject=label,
                            in_table=True, row=(row.start, row.end))
