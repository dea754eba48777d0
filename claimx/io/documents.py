"""Text from the documents analysts have: PDF (pdfminer.six), HTML (trafilatura) and Word .docx (python-docx).

Each reader returns the text claimx reads, and that text is all there is: offsets index it, and ``claimx text
FILE`` prints it. Each page of a PDF ends with a form feed (``\\f``, as pdftotext writes them), so a claim's
page is one more than the form feeds before it. A web page's or Word file's title, authors and date are
written as YAML front matter at the top, which the essay splitter reads (and never takes claims from). Tables
become pipe-table rows (``| label | 2019 | 2020 |``), which the table reader turns into table claims.

The libraries are imported only when a document of their kind is read, so ``claimx --help`` stays light.
"""
from __future__ import annotations

import functools
import io
import re
import unicodedata
import zipfile
from collections import Counter
from statistics import median
from dataclasses import dataclass

from claimx.errors import Skipped, UnreadableInput

PAGE_BREAK = "\f"
LIGATURES = {chr(c): unicodedata.normalize("NFKC", chr(c)) for c in range(0xFB00, 0xFB07)}
SOFT_HYPHEN = "\u00ad"
# a word cut at a line end by a hyphen: 'esti-\nmated' (a lower-case letter on both sides; 'Covid-\n19' stays)
LINE_END_HYPHEN = re.compile(r"(?<=[a-z])-\n(?=[a-z])")
# what is left of a hyphen at a line end once those are joined: a compound's hyphen ('12-month', 'COVID-19')
LINE_END_COMPOUND = re.compile(r"(?<=[^\W_])-$")
PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?(?:\d{1,3}|[ivxlc]+)(?:\s*(?:of|/)\s*\d+)?\s*$", re.IGNORECASE)  # not '2029'


class Unsupported(Skipped):
    """A document of a kind claimx does not read (RTF, OpenDocument, images): skipped with a reason."""


class NoText(Skipped):
    """A document with nothing to read (a web page whose main text trafilatura cannot find: an app shell, a page
    of links): a notice, not a failure."""


def document_kind(data: bytes, name: str) -> str | None:
    """'pdf', 'docx' or 'html' for a document claimx converts, by content first and then by suffix; None for text.
    Raises :class:`Unsupported` for documents it does not read."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    low = head.lower()
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except zipfile.BadZipFile:
            return None  # a damaged archive: skipped as binary
        if "word/document.xml" in names:
            return "docx"
        if "mimetype" in names and b"opendocument" in data[:200]:
            raise Unsupported(f"{name}: OpenDocument file, not supported (save it as .docx or .txt); skipped", name)
        return None  # another zip: the binary check names it
    if low.startswith(b"{\\rtf"):
        raise Unsupported(f"{name}: RTF document, not supported (save it as .docx or .txt); skipped", name)
    if low.startswith((b"<!doctype html", b"<html")) or (low.startswith(b"<?xml") and b"<html" in low) or \
            (name.lower().endswith((".html", ".htm")) and b"<" in low[:1]):
        return "html"
    return None


def convert(data: bytes, kind: str, name: str, notices: list[str] | None = None) -> str:
    """The text of a document of ``kind`` (see :func:`document_kind`); what the user should know about it (a part
    not read) is added to ``notices``."""
    if kind == "docx":
        return docx_text(data, name, notices)
    return {"pdf": pdf_text, "html": html_text}[kind](data, name)


def _front_matter(title: str | None, authors: list[str], date: str | None) -> str:
    def quoted(s: str) -> str:
        return '"' + " ".join(s.split()).replace('"', "'") + '"'
    lines = [f"title: {quoted(title)}" if title else None,
             f"author: {quoted(' and '.join(authors))}" if authors else None,
             f"date: {date}" if date else None]
    lines = [line for line in lines if line]
    return "---\n" + "\n".join(lines) + "\n---\n\n" if lines else ""


def _pipe_row(cells: list[str]) -> str:
    return "| " + " | ".join(" ".join(c.split()).replace("|", "/") for c in cells) + " |"


# ---------------------------------------------------------------- PDF

# a contents or list-of-figures line: a title, a run of dot leaders, a page number ('Restructuring ........ 19')
DOT_LEADER = re.compile(r"(?:\.\s?){5,}\s*(?:[A-Z]-)?[\divxlc]*\s*$|(?:\.\s?){12,}")
URL_LINE = re.compile(r"^\s*(?:https?://|www\.)\S+\s*$")
# a web address cut at a line end after one of the characters reports break addresses at ('.../articles/',
# '...files/2026-'): the next line goes on with it, with no space between
URL_CUT = re.compile(r"(?:https?://|www\.)\S*[/\-_=&?#%~]$")
# a note mark set in body size right after a word and its punctuation: 'funding.12 The', 'Act)39'
GLUED_MARK = re.compile(r"(?<=[a-z])((?:[.,;:!?][\"”’)]?|[\"”’)]))\d{1,3}(?=\s|$)")
NOTE_MARKS = re.compile(r"[\d,\-–]{1,12}|[*†‡§¶]+|[a-z]")  # what a superscript note mark is made of
EDGE = 0.15  # running heads and feet sit in the top or bottom 15% of a page


@dataclass
class _Segment:
    """Lines of a pdfminer text box in one style (a heading, a paragraph, a run of notes), with their box."""

    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    lines: list  # (text, note label or None, at the page's top or bottom edge)
    notes: bool = False
    table: bool = False  # a captioned table found on the page: its text is the caption and pipe rows, kept as is

    @property
    def text(self) -> str:
        return "\n".join(t for t, _, _ in self.lines)


def pdf_text(data: bytes, name: str) -> str:
    """Pages in reading order (columns one after the other), each ended by a form feed; the document's title,
    authors and date as front matter; running heads and feet, page numbers, contents-page lines and footnote
    marks dropped; footnotes kept as ``[^12]: text`` lines (section ``notes``); ligatures and soft hyphens
    normalized and words hyphenated at a line end joined. A PDF that is encrypted, damaged or has no text layer
    is an error."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTTextContainer
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    pages: list[list[_Segment]] = []
    try:
        # line_margin: lines up to 0.8 of a line's height apart are one block (1.5 line spacing stays together)
        carry: _Table | None = None  # a table that runs on to the next page
        for page in extract_pages(io.BytesIO(data), laparams=LAParams(line_margin=0.8)):
            # the text boxes (layout analysis), a captioned table's lines taken out as one table, the rest split
            # by style and put in reading order
            boxes = [el for el in page if isinstance(el, LTTextContainer)]
            tables = _page_tables(page, boxes, carry)
            carry = tables[-1] if tables and tables[-1].open else None
            boxes = _without_tables(boxes, tables)
            pages.append(_page_segments(boxes, page.width, page.height))
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise UnreadableInput(f"{name}: encrypted PDF (a password is needed); skipped", name) from None
    except Exception as e:  # pdfminer raises many kinds on broken files (syntax, key, type ...); the batch goes on
        if "password" in str(e).lower() or "encrypt" in str(e).lower():
            raise UnreadableInput(f"{name}: encrypted PDF (a password is needed); skipped", name) from None
        raise UnreadableInput(f"{name}: damaged PDF, cannot be read ({type(e).__name__}); skipped", name) from None
    if not pages:
        raise UnreadableInput(f"{name}: damaged PDF, it has no pages; skipped", name)
    if not any(s.text.strip() for segs in pages for s in segs):
        raise UnreadableInput(f"{name}: PDF without a text layer (a scan?); claimx does no OCR; skipped", name)
    title, authors, date = _pdf_metadata(data, pages, name)
    texts = [_join_blocks(blocks) for blocks in _notes_before_a_cut_sentence(
        [_page_blocks(segs) for segs in _drop_running_lines(pages)])]
    text = _join_pages(texts)
    text = re.sub(r"[ \t]{2,}", " ", text)  # the wide gaps of justified lines
    return _front_matter(title, authors, date) + LINE_END_HYPHEN.sub("", text)  # a word cut across two blocks


TABLE_CAPTION = re.compile(r"^\s*Table\s+[A-Z]?-?\d+(?:\.\d+)?[.:]", re.IGNORECASE)
TABLE_END = re.compile(r"^\s*(?:Sources?|Notes?)\s*:", re.IGNORECASE)


@dataclass
class _Table:
    x0: float
    x1: float
    top: float  # the caption's top (pdfminer's y grows upwards)
    bottom: float  # the table's last rule
    text: str
    caption: str = ""
    header: tuple[str, ...] = ()  # a cell for each column, '' where none (or no header row)
    open: bool = False  # no 'Source:' or 'Notes:' line under it on its page: it may go on on the next page


def _rules(page) -> list[tuple[float, float, float]]:
    """The page's horizontal rules (thin lines and filled rectangles) as (y, x0, x1), top first; the segments
    of one rule (one per column, as many reports draw them) joined."""
    from pdfminer.layout import LTLine, LTRect
    segs = sorted(((round((e.y0 + e.y1) / 2), e.x0, e.x1) for e in page
                   if isinstance(e, (LTLine, LTRect)) and e.height <= 2.5 and e.width >= 8), key=lambda r: (-r[0], r[1]))
    rules: list[list[float]] = []
    for y, x0, x1 in segs:
        if rules and abs(rules[-1][0] - y) <= 1 and x0 <= rules[-1][2] + 3:
            rules[-1][2] = max(rules[-1][2], x1)
        else:
            rules.append([y, x0, x1])
    return [(y, x0, x1) for y, x0, x1 in rules if x1 - x0 >= 40]


def _text_lines(boxes) -> list:
    from pdfminer.layout import LTTextLine
    return [line for box in boxes for line in box if isinstance(line, LTTextLine)]


def _page_tables(page, boxes, carry: _Table | None = None) -> list[_Table]:
    """Tables drawn with horizontal rules under a caption ('Table 2. ...', and the lines below it down to the
    table's top rule): the rules that follow, as wide as the first, down to the last one before a 'Source:' or
    'Notes:' line or a paragraph; the text between them read into rows and columns by position. A table that
    ran to the foot of the page before (``carry``, no 'Source:' line under it) goes on under the first rule of
    this page when nothing but the running head is above that rule and its rows go on with that table
    (``_goes_on``): it takes that table's caption."""
    rules = _rules(page)
    if len(rules) < 2:
        return []
    lines = _text_lines(boxes)
    tables: list[_Table] = []
    for k, (y, x0, x1) in enumerate(rules):
        if any(t.bottom <= y + 1 <= t.top + 1 for t in tables):
            continue
        above = sorted((ln for ln in lines if ln.y0 >= y - 1 and ln.y0 <= y + 90 and ln.x1 > x0 and ln.x0 < x1
                        and ln.x0 >= x0 - 80 and ln.x1 <= x1 + 80), key=lambda ln: ln.y0)[:6]
        cap = next((i for i, ln in enumerate(above) if TABLE_CAPTION.match(ln.get_text())), None)
        if cap is not None:
            caption = sorted(above[:cap + 1], key=lambda ln: -ln.y0)
            if any(ln.y0 + 2 < y for ln in caption) or caption[0].y1 - y > 90:
                continue
            caption_text, top = " ".join(" ".join(ln.get_text().split()) for ln in caption), caption[0].y1
        elif carry is not None and not tables and abs(x0 - carry.x0) <= 8 and abs(x1 - carry.x1) <= 8 \
                and not any(ln.y0 > y and ln.y0 < page.height * (1 - EDGE) for ln in lines) \
                and k + 1 < len(rules) and any(rules[k + 1][0] < ln.y0 < y for ln in lines):  # not the head's rule
            carried, carry = carry, None  # tried once, at the first rule with rows under it (not under a header)
            # the caption's label and scale only: its other words (a date, a place) are claims on the first page
            label = TABLE_CAPTION.match(carried.caption).group().rstrip(".: ")
            from claimx.recognizers.tables import caption_unit_phrase
            phrase = caption_unit_phrase(carried.caption)
            caption_text, top = f"{label}. Continued{' ' + phrase if phrase else ''}", y + 1
        else:
            continue
        bottom = None
        for y2, a, b in rules[k + 1:]:
            if abs(a - x0) > 8 and abs(b - x1) > 8 and not (a >= x0 - 8 and b <= x1 + 8):
                continue
            if not (a >= x0 - 8 and b <= x1 + 8):
                break
            inside = sorted((ln for ln in lines if y2 < (ln.y0 + ln.y1) / 2 < (bottom or y) and x0 - 6 <= ln.x0 < x1),
                            key=lambda ln: -ln.y1)
            if inside and (TABLE_END.match(inside[0].get_text()) or
                           any(len(ln.get_text().split()) >= 14 for ln in inside)):
                break
            bottom = y2
        below = sorted((ln for ln in lines if ln.y1 < (bottom or y) and x0 - 6 <= ln.x0 < x1), key=lambda ln: -ln.y1)
        if below and (bottom is None or not any(NUMERIC_CELL.match(w) for ln in lines
                                                if bottom < ln.y0 < y and x0 - 6 <= ln.x0 < x1
                                                for w in ln.get_text().split())):
            # a table ruled only above and under its header: its rows run down to the 'Source:' line
            end = next((ln for ln in below if TABLE_END.match(ln.get_text())), None)
            if end is not None:
                bottom = end.y1 + 0.5
        if bottom is None:
            continue
        read = _table_text(caption_text, lines, x0, x1, y, bottom, rules)
        if read and (cap is not None or _goes_on(carried, *read[1:])):
            ended = any(TABLE_END.match(ln.get_text()) for ln in lines if bottom - 40 < ln.y1 <= bottom + 1)
            tables.append(_Table(x0, x1, top, bottom, read[0], caption_text, tuple(read[1]), not ended))
    return tables


def _goes_on(carry: _Table, header: list[str], rows: list[list[str]]) -> bool:
    """Rows under a page's first rule go on with the table cut at the foot of the page before: as many columns,
    and its header repeated, or no header and a figure in a cell (not two columns of text between a running
    head's rule and a foot rule); a header of their own makes another table."""
    if len(header) != len(carry.header):
        return False
    if any(header) and any(carry.header):
        return [" ".join(h.split()).lower() for h in header] == [" ".join(h.split()).lower() for h in carry.header]
    return any(NUMERIC_CELL.match(c) for r in rows for c in r[1:])


NUMERIC_CELL = re.compile(r"^\(?[$€£¥]?\(?[-−–]?\d[\d,.]*%?\)?\W?$")


def _table_text(caption: str, lines, x0: float, x1: float, top: float, bottom: float, rules
                ) -> tuple[str, list[str], list[list[str]]] | None:
    """The caption, then the table's rows as pipe rows (the header row above a |---| rule); and the header's
    cells (one for each column, '' where none) and the rows' cells."""
    from pdfminer.layout import LTChar
    chars = [c for ln in lines for c in ln if isinstance(c, LTChar) and c.get_text().strip()
             and bottom < (c.y0 + c.y1) / 2 < top and x0 - 6 <= (c.x0 + c.x1) / 2 <= x1 + 6]
    if not chars:
        return None
    # note marks set small ('BIP (STA)ᵃ', '12,345¹'): never part of a label or a figure
    size = Counter(round(c.size, 1) for c in chars).most_common(1)[0][0]
    chars = [c for c in chars if c.size >= 0.75 * size]
    # visual lines: characters on one baseline
    chars.sort(key=lambda c: (-round(c.y0), c.x0))
    vlines: list[list] = []
    for c in chars:
        if vlines and abs(vlines[-1][0].y0 - c.y0) <= 2.5:
            vlines[-1].append(c)
        else:
            vlines.append([c])
    # each line's chunks: characters closer than a wide gap (a cell's words)
    rows = []
    for vl in vlines:
        vl.sort(key=lambda c: c.x0)
        chunks: list[list] = [[vl[0]]]
        for c in vl[1:]:
            prev = chunks[-1][-1]
            gap = c.x0 - prev.x1
            if gap > max(4.0, 0.8 * c.size):
                chunks.append([c])
            else:
                if gap > 0.15 * c.size and chunks[-1][-1].get_text() != " ":
                    chunks[-1].append(None)  # a space between words
                chunks[-1].append(c)
        cells = [("".join(" " if c is None else c.get_text() for c in ch), ch[0].x0, ch[-1].x1, _words(ch))
                 for ch in chunks]
        rows.append((vl[0].y0, vl[0].y1, max(c.size for c in vl), cells))
    # the header: the lines above the first rule under the top one that runs the table's width, when there is one
    inner = [r for r in rules if bottom < r[0] < top - 1 and r[2] - r[1] >= 0.9 * (x1 - x0)]
    header_y = max(r[0] for r in inner) if inner else None
    head = [r for r in rows if header_y is not None and r[0] > header_y]
    body = [r for r in rows if not (header_y is not None and r[0] > header_y)]
    if not body:
        return None
    # columns: the gaps in the union of the body cells' extents
    spans = sorted((a, b) for r in body for _, a, b, _ in r[3])
    cols: list[list[float]] = []
    for a, b in spans:
        if cols and a <= cols[-1][1] + 2:
            cols[-1][1] = max(cols[-1][1], b)
        else:
            cols.append([a, b])
    if len(cols) < 2:
        return None

    def nearest(mid: float) -> int:
        return min(range(len(cols)), key=lambda j: 0 if cols[j][0] - 2 <= mid <= cols[j][1] + 2
                   else min(abs(mid - cols[j][0]), abs(mid - cols[j][1])))

    def gap_between_columns(m: float) -> bool:
        return any(cols[j][1] < m < cols[j + 1][0] for j in range(len(cols) - 1))

    def place(r, below=None, header: bool = False) -> list[str]:
        """A line's cells by column; a header cell over two or more header cells of the lines ``below`` it
        ('Condition Rating (number)' over 'Good  Fair  Poor') spans their columns: each of them gets it; a
        header cell that spans nothing is cut where a gap between its words falls between two columns
        ('Annual Average  Program Total' set close over two columns)."""
        below = below or ()
        out = [""] * len(cols)
        lows = sorted(((c, d, nearest((c + d) / 2)) for ln in below for _, c, d, _ in ln[3]), key=lambda x: x[0])
        for text, a, b, words in r[3]:
            under = {j for c, d, j in lows if a - 3 <= (c + d) / 2 <= b + 3}
            mid = (a + b) / 2
            left = [x for x in lows if x[1] <= mid]
            right = [x for x in lows if x[0] >= mid]
            if len(under) < 2 and left and right and not any(c <= mid <= d for c, d, _ in lows):
                # a short header centred over the gap between two header cells of adjacent columns ('2012'
                # over 'Number  Percentage') heads both
                lo, hi = max(left, key=lambda x: x[1])[2], min(right, key=lambda x: x[0])[2]
                if hi == lo + 1 and nearest(mid) in (lo, hi):
                    under = {lo, hi}
            gaps = [words[w][1] - words[w - 1][2] for w in range(1, len(words))]
            wide = [w for w in range(1, len(words)) if len(gaps) > 1 and gap_between_columns(
                (words[w - 1][2] + words[w][1]) / 2) and gaps[w - 1] >= 1.3 * median(gaps[:w - 1] + gaps[w:])]
            if len(under) >= 2 and not wide:
                pieces = [(text, range(min(under), max(under) + 1))]
            elif header:
                pieces, start = [], 0
                for w in range(1, len(words) + 1):
                    if w == len(words) or (w in wide if wide else gap_between_columns((words[w - 1][2] + words[w][1]) / 2)):
                        part = words[start:w]
                        pieces.append((" ".join(t for t, _, _ in part), [nearest((part[0][1] + part[-1][2]) / 2)]))
                        start = w
            else:
                pieces = [(text, [nearest(mid)])]
            for piece, where in pieces:
                for i in where:
                    out[i] = (out[i] + " " + piece).strip()
        return out

    def numeric(cells: list[str]) -> bool:
        return any(NUMERIC_CELL.match(c) for c in cells[1:])

    placed = [(r[0], r[1], r[2], place(r)) for r in body]
    # a label wrapped over two lines: a line with no figure, close above the next line, joins it
    # a line with no first cell and no figure continues the row above (text wrapped in its cells)
    merged: list = []
    for i, (y0, y1, size, cells) in enumerate(placed):
        if merged and merged[-1][4] and merged[-1][0] - y1 < 0.6 * size:
            prev = merged.pop()
            cells = [(p + " " + c).strip() for p, c in zip(prev[3], cells)]
        elif merged and not cells[0] and not numeric(cells):
            prev = merged.pop()
            cells = [(p + " " + c).strip() for p, c in zip(prev[3], cells)]
            y0 = prev[0]
        # a label alone on its line, close above a line of figures: a label wrapped over two lines
        wrapped = (cells[0] and not any(cells[1:]) and i + 1 < len(placed) and numeric(placed[i + 1][3])
                   and y0 - placed[i + 1][1] < 0.6 * size)
        merged.append((y0, y1, size, cells, wrapped))
    header = [""] * len(cols)
    for k, r in enumerate(head):
        header = [(h + " " + c).strip() for h, c in zip(header, place(r, head[k + 1:], header=True))]
    out = [caption, ""]
    if any(header):
        out += [_pipe_row(header), "|" + "---|" * len(cols)]
    out += [_pipe_row(cells) for _, _, _, cells, _ in merged]
    return "\n".join(out), header, [cells for _, _, _, cells, _ in merged]


def _words(chunk: list) -> list[tuple[str, float, float]]:
    """A cell's words with their extents: its characters split where a space was put (None)."""
    words, cur = [], []
    for c in chunk + [None]:
        if c is None:
            if cur:
                words.append(("".join(ch.get_text() for ch in cur), cur[0].x0, cur[-1].x1))
            cur = []
        else:
            cur.append(c)
    return words


def _without_tables(boxes, tables: list[_Table]) -> list:
    """The page's boxes with the lines inside a table (its caption included) taken out: each table stands where
    its first line was, the lines of a box before and after it as boxes of their own (lists of lines)."""
    from pdfminer.layout import LTTextLine

    if not tables:
        return boxes
    out: list = []
    written: set[int] = set()
    for box in boxes:
        kept: list = []
        for ln in box:
            if not isinstance(ln, LTTextLine):
                continue
            mid = (ln.y0 + ln.y1) / 2
            t = next((i for i, t in enumerate(tables) if t.bottom < mid < t.top + 1 and t.x0 - 6 <= ln.x0 < t.x1), None)
            if t is None:
                kept.append(ln)
            elif t not in written:
                if kept:
                    out.append(kept)
                    kept = []
                out.append(tables[t])
                written.add(t)
        if kept:
            out.append(kept)
    return out


@functools.cache
def _pdf_words() -> tuple[re.Pattern, frozenset, re.Pattern]:
    """From data/sections.json: the line of a report's date ('Updated April 20, 2026': its date, never its
    title), the units a raised 2 or 3 is a power of ('km²', not a note mark), and the author separator (a
    comma, but not before 'Jr')."""
    from claimx._data import load

    d = load("sections")
    alt = "|".join(re.escape(w) for w in d["date_line_prefixes"])
    dated = re.compile(rf"^\s*(?:(?:{alt})\s*:?\s+)?(?P<date>[^\n]{{4,40}}?)\s*$", re.IGNORECASE)
    suffixes = "|".join(re.escape(w) for w in d["name_suffixes"])
    authors = re.compile(rf";|\band\b|,(?!\s*(?:{suffixes})\b)")
    return dated, frozenset(d["squared_units"]), authors


def _line_text(line) -> tuple[str, float, bool, str | None]:
    """A text line without its superscript note marks (smaller than the line's body text, on a raised baseline):
    (text, body size, bold, the note number the line starts with)."""
    items = list(line)
    sizes: Counter = Counter()
    bold = 0
    for c in items:
        size = getattr(c, "size", None)
        if size and c.get_text().strip():
            sizes[round(size, 1)] += 1
            bold += "bold" in c.fontname.lower()
    if not sizes:
        return line.get_text().strip("\n"), 0.0, False, None
    body = sizes.most_common(1)[0][0]
    n_body = sizes[body]
    base = sorted(c.y0 for c in items if getattr(c, "size", None) and abs(c.size - body) < 0.05 * body)[n_body // 2] \
        if n_body else line.y0

    def raised(c) -> bool:
        size = getattr(c, "size", None)
        return bool(size) and size <= 0.8 * body and c.y0 >= base + 0.2 * body and bool(c.get_text().strip())

    if not any(raised(c) for c in items):
        text = "".join(c.get_text() for c in items)
        return text.rstrip("\n"), body, bold * 2 > sum(sizes.values()), None
    out: list[str] = []
    label = None
    i = 0
    while i < len(items):
        if not raised(items[i]):
            out.append(items[i].get_text())
            i += 1
            continue
        j = i
        while j < len(items) and raised(items[j]):
            j += 1
        run = "".join(c.get_text() for c in items[i:j]).strip()
        before = "".join(out)
        word = before.split()[-1] if before.strip() and not before[-1:].isspace() else ""
        if not NOTE_MARKS.fullmatch(run) or (word[-1:].isdigit() and run.isalpha()):
            out.append(run)  # not a note mark ('th' of '119th'): kept
        elif run in ("2", "3") and re.sub(r"^[\d.,]+", "", word) in _pdf_words()[1]:
            out.append("²" if run == "2" else "³")
        elif not before.strip() and run[:1].isdigit():
            label = run.rstrip(",")  # a footnote's own number
        i = j
    return "".join(out).rstrip("\n").strip() if label else "".join(out).rstrip("\n"), body, \
        bold * 2 > sum(sizes.values()), label


def _box_segments(box, height: float) -> list[_Segment]:
    """A text box's lines, split where the style (size, bold) changes: a heading set above its paragraph in the
    same box becomes a block of its own. A run of lines starting with a raised note number is a notes segment."""
    if isinstance(box, _Table):
        return [_Segment(box.x0, box.bottom, box.x1, box.top, 0.0, [(box.text, None, False)], table=True)]
    segs: list[_Segment] = []
    style = None
    for line in box:
        if not hasattr(line, "get_text") or not hasattr(line, "__iter__"):
            continue
        text, size, bold, label = _line_text(line)
        if not text.strip():
            continue
        edge = line.y0 >= (1 - EDGE) * height or line.y1 <= EDGE * height
        new_style = (round(size), bold)
        notes = label is not None
        if segs and (new_style == style or (segs[-1].notes and (notes or abs(size - segs[-1].size) < 1))) \
                and not (notes and not segs[-1].notes):
            s = segs[-1]
            s.x0, s.y0, s.x1, s.y1 = min(s.x0, line.x0), min(s.y0, line.y0), max(s.x1, line.x1), max(s.y1, line.y1)
            s.lines.append((text, label, edge))
        else:
            segs.append(_Segment(line.x0, line.y0, line.x1, line.y1, size, [(text, label, edge)], notes))
            style = new_style
    return segs


def _page_segments(boxes: list, width: float, height: float) -> list[_Segment]:
    """A page's text as segments in reading order; notes set in a smaller size than the page's body text
    without raised numbers ('12 Source: ...' at the page foot) marked as notes too."""
    segs = [s for box in boxes for s in _box_segments(box, height)]
    sizes: Counter = Counter()
    for s in segs:
        if not s.table:
            sizes[round(s.size)] += len(s.text)
    body = sizes.most_common(1)[0][0] if sizes else 0
    for s in segs:
        if not s.notes and not s.table and s.size < 0.9 * body and s.y1 < 0.4 * height and re.match(r"\d{1,3} \S", s.lines[0][0]):
            s.notes = True
            s.lines = [(t[m.end():], m.group(1), e) if (m := re.match(r"(\d{1,3}) ", t)) else (t, None, e)
                       for t, _, e in s.lines]
    return _reading_order(segs, width)


def _reading_order(segs: list[_Segment], width: float) -> list[_Segment]:
    """Two columns read one after the other: segments in the left half, then those in the right half, between
    the full-width segments (a title, a wide table) above and below them. A page without two columns of text
    keeps pdfminer's order."""
    mid, tol = width / 2, 0.05 * width

    def side(s: _Segment) -> str:
        return "L" if s.x1 <= mid + tol else "R" if s.x0 >= mid - tol else "F"

    sides = [side(s) for s in segs]
    if min(sum(len(s.text) for s, d in zip(segs, sides) if d == k) for k in "LR") < 300:
        return segs
    full = sorted((s for s, d in zip(segs, sides) if d == "F"), key=lambda s: -s.y1)
    bands: list[list[_Segment]] = [[] for _ in range(len(full) + 1)]
    for s, d in zip(segs, sides):
        if d != "F":
            bands[sum((f.y0 + f.y1) / 2 > s.y1 for f in full)].append(s)
    out: list[_Segment] = []
    for k, band in enumerate(bands):
        for column in "LR":
            out += sorted((s for s in band if side(s) == column), key=lambda s: -s.y1)
        if k < len(full):
            out.append(full[k])
    return out


def _page_blocks(segs: list[_Segment]) -> list[tuple[str, bool]]:
    """A page's segments as paragraphs, each with whether it is a note: contents-page lines (dot leaders) and
    lone URLs dropped, note marks set in body size after a word's punctuation dropped, each footnote one
    '[^12]: text' paragraph."""
    blocks: list[tuple[str, bool]] = []
    for s in segs:
        if s.table:
            blocks.append((s.text, False))
            continue
        lines = [(t, label) for t, label in _join_cut_urls([(t, label) for t, label, _ in s.lines])
                 if not DOT_LEADER.search(t) and not URL_LINE.match(t)]
        if not lines:
            continue
        if s.notes:
            notes: list[list[str]] = []
            for t, label in lines:
                if label or not notes:
                    notes.append([f"[^{label}]: " if label else ""])
                notes[-1].append(t.strip())
            for note in notes:
                blocks.append((note[0] + _unwrap("\n".join(note[1:]), rows=False), True))
            continue
        block = _unwrap("\n".join(GLUED_MARK.sub(r"\1", t) for t, _ in lines))
        if block.strip():
            blocks.append((block, False))
    return blocks


def _notes_before_a_cut_sentence(pages: list[list[tuple[str, bool]]]) -> list[list[tuple[str, bool]]]:
    """A page whose last paragraph is cut by the page break and goes on at the top of the next page, with the
    page's footnotes set between them: the footnotes go before that paragraph (still on their page), so the
    sentence runs on across the page break ('$1.8' on one page, 'billion' on the next) with nothing in between."""
    out = [list(blocks) for blocks in pages]
    for k, blocks in enumerate(out):
        last = max((i for i, (_, note) in enumerate(blocks) if not note), default=None)
        if last is None or last == len(blocks) - 1:
            continue
        after = next((b for b in out[k + 1:] if b), [])
        if after and not after[0][1] and _continues(blocks[last][0], after[0][0]):
            out[k] = blocks[:last] + blocks[last + 1:] + [blocks[last]]
    return out


def _join_cut_urls(lines: list[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
    """Lines with a web address cut at a line end joined to the line that goes on with it (no space, its hyphen
    kept), so the address stays one word whose numbers are never claims."""
    out: list[tuple[str, str | None]] = []
    for t, label in lines:
        if out and label is None and t.strip() and URL_CUT.search(out[-1][0].rstrip()):
            out[-1] = (out[-1][0].rstrip() + t.lstrip(), out[-1][1])
        else:
            out.append((t, label))
    return out


def _unwrap(block: str, rows: bool = True) -> str:
    """A block's lines as one paragraph (words hyphenated at a line end joined), as a text file would hold it,
    so line-based reading (bylines, captions) sees paragraphs; a block of figures in rows (a table) keeps its
    lines."""
    lines = [line.strip() for line in clean_extracted(block).strip("\n").splitlines() if line.strip()]
    n_rows = sum(len(re.findall(r"\d[\d,.]*", line)) >= 2 for line in lines)
    if rows and len(lines) > 1 and n_rows * 2 >= len(lines):
        return "\n".join(lines)
    out = ""
    for line in lines:
        # a compound cut after its hyphen ('12-' / 'month', 'COVID-' / '19', 'non-' / 'English'): one word
        out += ("" if not out or LINE_END_COMPOUND.search(out) else " ") + line
    return out


def _continues(before: str, after: str) -> bool:
    """A block cut mid-sentence: no closing punctuation, the next starting in lower case or with a figure."""
    return bool(before) and not re.search(r"[.!?:;\"”’)\]]\s*$", before) and bool(re.match(r"\s*[a-z0-9$€£¥%(]", after))


def _join_blocks(blocks: list[tuple[str, bool]]) -> str:
    """A page's blocks, a blank line between paragraphs; a block cut mid-sentence continues on the next line
    (never a note, nor a block after a note)."""
    out = ""
    note_before = False
    for b, note in blocks:
        if out:
            on = _continues(out, b) and not note and not note_before and not b.startswith("[^")
            out += ("" if LINE_END_COMPOUND.search(out) else "\n") if on else "\n\n"  # '12-' / 'month'; one word
        out += b
        note_before = note
    return out


def _join_pages(texts: list[str]) -> str:
    """Each page ended by a form feed, after a blank line (a sentence never runs on into the next page's first
    heading) unless the page stops mid-sentence and the next page goes on with it."""
    out = ""
    for k, t in enumerate(texts):
        if t:
            after = next((u for u in texts[k + 1:] if u), "")
            out += t + ("\n" if _continues(t, after) else "\n\n")
        out += PAGE_BREAK
    return out


def _drop_running_lines(pages: list[list[_Segment]]) -> list[list[_Segment]]:
    """Drop running heads and feet: a segment, or a line in the top or bottom part of a page, with words, that
    recurs in the same size, digits aside, on at least half of the pages when there are three pages or more, and
    never twice on one page (a report's title set large on its cover stays when its running head repeats it
    small); and page numbers ('Page 3 of 48',
    '12', 'iv') at a page's top or bottom or alone in its first or last two segments."""
    def shape(text: str) -> str:
        return re.sub(r"\d+", "#", " ".join(text.split()).lower())

    seen = Counter(x for segs in pages for x in {(shape(t), round(s.size)) for s in segs for t, _, edge in s.lines
                                                 if edge} | {(shape(s.text), round(s.size)) for s in segs})
    # a running line stands once on a page: headings of one pattern set twice on a page ('1926: 150th
    # Anniversary', '1976: 200th Anniversary') are headings, however often the pattern recurs
    twice = {x for segs in pages for x, n in Counter((shape(s.text), round(s.size)) for s in segs).items() if n > 1}
    # a running line has words: a year or a figure alone recurs as a table's row label, not as a running line
    running = {x for x, n in seen.items() if len(pages) >= 3 and n >= max(2, len(pages) / 2)
               and re.search(r"[a-z]{2}", x[0]) and x not in twice}
    kept = []
    for segs in pages:
        out = []
        for k, s in enumerate(segs):
            at_edge = any(edge for _, _, edge in s.lines)
            if s.table:
                out.append(s)
                continue
            if (shape(s.text), round(s.size)) in running:
                continue
            if (at_edge or k < 2 or k >= len(segs) - 2) and PAGE_NUMBER.match(s.text):
                continue
            lines = [(t, label, edge) for t, label, edge in s.lines
                     if not (edge and ((shape(t), round(s.size)) in running or PAGE_NUMBER.match(t)))]
            if lines:
                out.append(_Segment(s.x0, s.y0, s.x1, s.y1, s.size, lines, s.notes))
        kept.append(out)
    return kept


def _pdf_metadata(data: bytes, pages: list[list[_Segment]], name: str) -> tuple[str | None, list[str], str | None]:
    """Title, authors and date: the document's properties first; else the largest text on the first page for
    the title (never an 'Updated <date>' line: that is the date) and an 'Updated <date>' or date line on the
    first two pages for the date, else the creation date; else the file's name for the title."""
    from claimx.text.essays import date_of_line

    info = _pdf_info(data)
    title = info.get("Title")
    dated, _, separators = _pdf_words()
    authors = [a.strip() for a in separators.split(info.get("Author") or "") if a.strip()]
    date = None
    for segs in pages[:2]:
        for s in segs:
            for t, label, edge in s.lines:
                m = dated.match(t)
                d = date_of_line(m.group("date")) if m and not label else None
                date = date or (d if d and len(d) >= 7 else None)  # a year alone is a table's label
    if not title and pages and pages[0]:
        first = [s for s in pages[0] if s.text.strip() and not date_of_line(s.text)]
        biggest = max((s.size for s in first), default=0)
        body = Counter({round(s.size): len(s.text) for s in first}).most_common(1)
        if first and body and biggest >= 1.2 * body[0][0]:
            top = next(s for s in first if s.size == biggest)
            title = " ".join(top.text.split())[:200]
    if not date and info.get("CreationDate"):
        m = re.match(r"D:(\d{4})(\d{2})(\d{2})", info["CreationDate"])
        if m:
            date = "-".join(m.groups())
    if not title:
        base = re.split(r"[\\/]", name)[-1]
        title = base if base not in ("", "-", "<stdin>") else None
    return (" ".join(title.split()) or None) if title else None, authors, date


def _pdf_info(data: bytes) -> dict[str, str]:
    """The PDF's document information (Title, Author, CreationDate) as text; empty if unreadable."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import decode_text

    out: dict[str, str] = {}
    try:
        for d in PDFDocument(PDFParser(io.BytesIO(data))).info:
            for k, v in d.items():
                v = resolve1(v)
                if isinstance(v, bytes):
                    v = decode_text(v)
                if isinstance(v, str) and v.strip():
                    out[k] = v.strip()
    except Exception:  # the pages were read; properties are optional
        return {}
    return out


def clean_extracted(text: str) -> str:
    """Ligatures spelled out, soft hyphens removed, words hyphenated at a line end joined."""
    text = text.translate(str.maketrans(LIGATURES)).replace(SOFT_HYPHEN, "")
    return LINE_END_HYPHEN.sub("", text)


# ---------------------------------------------------------------- HTML

def html_text(data: bytes, name: str) -> str:
    """The page's main text (trafilatura: no navigation, menus, footers, scripts or cookie banners), entities
    decoded, one paragraph per line with a blank line between, tables as pipe rows; the page's title, author and date as front matter."""
    import trafilatura

    html = _decode_html(data)
    body = trafilatura.extract(html, output_format="txt", include_tables=True, include_comments=False,
                               include_images=False, include_links=False, favor_recall=True)
    if not body:  # no article found: the page's visible text
        body = trafilatura.html2txt(html) or ""
    if not body.strip():
        raise NoText(f"{name}: no text found (a web page without a main text); skipped", name)
    # htmldate: the original publication date, not the last modified one, with its extensive search
    meta = trafilatura.extract_metadata(html, date_config={"original_date": True, "extensive_search": True})
    title = (meta.title if meta else None) or _file_name(name)
    authors = [a.strip() for a in re.split(r";|\band\b|,", meta.author) if a.strip()] if meta and meta.author else []
    date = _published_meta(html) or (meta.date if meta else None)
    return _front_matter(title, authors, date) + _tidy_text(body)


# metadata that names the publication date itself; htmldate may prefer a generic 'date' meta written before it,
# which many sites fill with the last modified date
PUBLISHED_META = re.compile(
    r"""<meta\s(?=[^>]*\b(?:property|name|itemprop)\s*=\s*["']?(?:article:published_time|og:published_time|"""
    r"""datePublished|citation_publication_date|dcterms\.issued|dc\.date\.issued)["'\s>])"""
    r"""[^>]*\bcontent\s*=\s*["']?(?P<date>\d{4}-\d{2}-\d{2})"""
    r"""|"datePublished"\s*:\s*"(?P<ld>\d{4}-\d{2}-\d{2})""",
    re.IGNORECASE,
)


def _published_meta(html: str) -> str | None:
    """The publication date a page's metadata states as such ('article:published_time', JSON-LD 'datePublished')."""
    m = PUBLISHED_META.search(html)
    return (m.group("date") or m.group("ld")) if m else None


def _file_name(name: str) -> str | None:
    """A document's title when it has none: its file name, not its path ('-' is standard input: no title)."""
    base = re.split(r"[\\/]", name)[-1] if name else ""
    return base if base and base != "-" else None


def _decode_html(data: bytes) -> str:
    m = re.search(rb"""<meta[^>]+charset=["']?([\w-]+)""", data[:4096], re.IGNORECASE)
    for enc in ([m.group(1).decode("ascii", "replace")] if m else []) + ["utf-8", "cp1252"]:
        try:
            return data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("latin-1")


def _tidy_text(body: str) -> str:
    """Trafilatura's text with a blank line between paragraphs and table rows kept together (with the |---|
    rule under a header row, which tells the table reader the first row is the header)."""
    out: list[str] = []
    for line in body.splitlines():
        line = line.rstrip()
        if out and not (line.startswith("|") and out[-1].startswith("|")):
            out.append("")
        out.append(line)
    return "\n".join(out).strip() + "\n"


# ---------------------------------------------------------------- Word

# What a Word document may expand to, checked in the ZIP's central directory before python-docx opens it (a ZIP
# bomb: a 665 KB file whose document.xml expands to 220 MB). python-docx parses the XML parts into a tree of about
# ten times their size (measured: 50 MB of document.xml, 490 MB and 26 s) and holds every other part (images) in
# memory. Word itself caps a document's text at 32 MB; a long report's document.xml is a few MB.
DOCX_XML_LIMIT = 64 * 2**20  # the XML parts, all together: at most ~650 MB of memory while parsed
DOCX_TOTAL_LIMIT = 256 * 2**20  # every part, images included


def check_docx_size(data: bytes, name: str, xml_limit: int | None = None, total_limit: int | None = None) -> None:
    """Refuse a Word document whose parts would expand beyond the limits, from the sizes its central directory
    declares. A part that is bigger than declared cannot get through either: zipfile's reader stops at the
    declared size and the CRC check then fails (reported as a damaged document)."""
    xml_limit = DOCX_XML_LIMIT if xml_limit is None else xml_limit
    total_limit = DOCX_TOTAL_LIMIT if total_limit is None else total_limit
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return  # python-docx reports the damage
    xml = sum(i.file_size for i in infos if i.filename.lower().endswith((".xml", ".rels")))
    total = sum(i.file_size for i in infos)

    def mb(n: int) -> str:
        return f"{n / 2**20:,.0f} MB" if n >= 2**20 else f"{n / 2**10:,.0f} KB"

    for size, limit, what in ((xml, xml_limit, "its XML parts expand"), (total, total_limit, "its parts expand")):
        if size > limit:
            raise UnreadableInput(f"{name}: Word document too large once unpacked ({what} to {mb(size)}; the limit "
                                  f"is {mb(limit)}; a ZIP bomb?); skipped", name)


def docx_text(data: bytes, name: str, notices: list[str] | None = None) -> str:
    """Paragraphs and tables in document order; headings as Markdown headings; the core properties' title,
    author and date as front matter. The document's size is checked first (:func:`check_docx_size`). Entities
    are never resolved: a paragraph or table holding an entity reference (an XXE attempt: ``&x;`` declared
    SYSTEM "file:///...") is left out and said so in ``notices``, never silently shortened."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    from lxml import etree

    check_docx_size(data, name)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as e:  # python-docx raises several kinds on a damaged package
        raise UnreadableInput(f"{name}: damaged Word document, cannot be read ({type(e).__name__}); skipped", name) from None
    # a paragraph's style name from a table made once (python-docx's Paragraph.style searches every style for the
    # default, for each paragraph: 1 ms a paragraph, minutes for a long document)
    styles = {s.style_id: s.name or "" for s in document.styles if s.type == WD_STYLE_TYPE.PARAGRAPH}
    default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
    default_style = (default.name or "") if default is not None else ""
    # blocks holding an entity reference (python-docx's parser keeps it unresolved, and its text drops it)
    entities = list(document.element.body.iter(etree.Entity))
    with_entity = {b for e in entities for b in e.iterancestors()}  # kept alive: block._p is the same object
    left_out: list[str] = []
    blocks: list[str] = []
    for block in document.iter_inner_content():
        element = block._p if isinstance(block, Paragraph) else block._tbl
        if element in with_entity:
            left_out.append("paragraph" if isinstance(block, Paragraph) else "table")
            continue
        if isinstance(block, Paragraph):
            text = block.text.strip()
            if not text:
                continue
            style = styles.get(block._p.style, default_style)
            level = re.match(r"Heading (\d)", style)
            if style == "Title" or level:
                text = "#" * min(int(level.group(1)) if level else 1, 3) + " " + text
            blocks.append(text)
        elif isinstance(block, Table):
            rows = [_pipe_row([cell.text for cell in row.cells]) for row in block.rows]
            if rows:  # the first row is the header, as Word shows it
                rule = "|" + "---|" * len(block.rows[0].cells)
                blocks.append("\n".join(rows[:1] + [rule] + rows[1:]))
    if left_out and notices is not None:
        notices.append(_entity_notice(left_out, entities, document.element.getroottree()))
    props = document.core_properties
    date = props.created.date().isoformat() if props.created else None
    authors = [a.strip() for a in re.split(r";|\band\b", props.author or "") if a.strip()]
    body = clean_extracted("\n\n".join(blocks))
    # no title: a first line that reads as a title (a heading, a short line without a full stop) is the title, as
    # in a text file; else the file name
    first = body.lstrip().split("\n", 1)[0].strip()
    titled = first.startswith("#") or (0 < len(first) <= 150 and not first.endswith("."))
    title = props.title or (None if titled else _file_name(name))
    return _front_matter(title, authors, date) + body + "\n"


def _entity_notice(left_out: list[str], entities: list, tree) -> str:
    """'a paragraph with an external entity (&x;) was not read; claimx never resolves entities'."""
    dtd = tree.docinfo.internalDTD
    external = {e.name for e in dtd.iterentities() if e.system_url} if dtd is not None else set()
    kind = "an external entity" if any(e.name in external for e in entities) else "an entity"
    n = Counter(left_out)
    what = " and ".join(f"{'a' if k == 1 else k} {b}{'s' if k > 1 else ''}" for b, k in sorted(n.items()))
    return (f"{what} with {kind} (&{entities[0].name};) {'was' if len(left_out) == 1 else 'were'} not read; "
            f"claimx never resolves entities")
