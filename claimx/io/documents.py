"""Text from the documents analysts have: PDF (pdfminer.six), HTML (trafilatura) and Word .docx (python-docx).

Each reader returns the text claimx reads, and that text is all there is: offsets index it, and ``claimx text
FILE`` prints it. Each page of a PDF ends with a form feed (``\\f``, as pdftotext writes them), so a claim's
page is one more than the form feeds before it. A web page's or Word file's title, authors and date are
written as YAML front matter at the top, which the essay splitter reads (and never takes claims from). Tables
become pipe-table rows (``| label | 2019 | 2020 |``), which the table reader turns into table claims.

The libraries are imported only when a document of their kind is read, so ``claimx --help`` stays light.
"""
from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections import Counter
from dataclasses import dataclass

from claimx.errors import Skipped, UnreadableInput

PAGE_BREAK = "\f"
LIGATURES = {chr(c): unicodedata.normalize("NFKC", chr(c)) for c in range(0xFB00, 0xFB07)}
SOFT_HYPHEN = "\u00ad"
# a word cut at a line end by a hyphen: 'esti-\nmated' (a lower-case letter on both sides; 'Covid-\n19' stays)
LINE_END_HYPHEN = re.compile(r"(?<=[a-z])-\n(?=[a-z])")
PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?[\divxlc]+(?:\s*(?:of|/)\s*\d+)?\s*$", re.IGNORECASE)


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

def pdf_text(data: bytes, name: str) -> str:
    """Pages in reading order (pdfminer.six's layout analysis puts two columns one after the other), each ended
    by a form feed; running headers, footers and page numbers dropped; ligatures and soft hyphens normalized and
    words hyphenated at a line end joined. A PDF that is encrypted, damaged or has no text layer is an error."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTTextContainer
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    pages: list[list[str]] = []
    try:
        # line_margin: lines up to 0.8 of a line's height apart are one block (1.5 line spacing stays together)
        for page in extract_pages(io.BytesIO(data), laparams=LAParams(line_margin=0.8)):
            # the text boxes, in reading order (layout analysis); a captioned table's lines as one pipe table
            boxes = [el for el in page if isinstance(el, LTTextContainer)]
            texts = _without_tables(boxes, _page_tables(page, boxes))
            pages.append([t if isinstance(t, TableText) else _unwrap(t) for t in texts if t.strip()])
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise UnreadableInput(f"{name}: encrypted PDF (a password is needed); skipped", name) from None
    except Exception as e:  # pdfminer raises many kinds on broken files (syntax, key, type ...); the batch goes on
        if "password" in str(e).lower() or "encrypt" in str(e).lower():
            raise UnreadableInput(f"{name}: encrypted PDF (a password is needed); skipped", name) from None
        raise UnreadableInput(f"{name}: damaged PDF, cannot be read ({type(e).__name__}); skipped", name) from None
    if not pages:
        raise UnreadableInput(f"{name}: damaged PDF, it has no pages; skipped", name)
    if not any(pages):
        raise UnreadableInput(f"{name}: PDF without a text layer (a scan?); claimx does no OCR; skipped", name)
    pages = _drop_running_lines(pages)
    text = "".join(_join_blocks(boxes) + PAGE_BREAK for boxes in pages)
    text = re.sub(r"[ \t]{2,}", " ", text)  # the wide gaps of justified lines
    return LINE_END_HYPHEN.sub("", text)  # a word cut across two blocks (each block was cleaned in _unwrap)


class TableText(str):
    """A table found on a PDF page, written as its caption and pipe rows (kept as it is, never unwrapped)."""


TABLE_CAPTION = re.compile(r"^\s*Table\s+[A-Z]?-?\d+(?:\.\d+)?[.:]", re.IGNORECASE)
TABLE_END = re.compile(r"^\s*(?:Sources?|Notes?)\s*:", re.IGNORECASE)


@dataclass
class _Table:
    x0: float
    x1: float
    top: float  # the caption's top (pdfminer's y grows upwards)
    bottom: float  # the table's last rule
    text: str


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


def _page_tables(page, boxes) -> list[_Table]:
    """Tables drawn with horizontal rules under a caption ('Table 2. ...', and the lines below it down to the
    table's top rule): the rules that follow, as wide as the first, down to the last one before a 'Source:' or
    'Notes:' line or a paragraph; the text between them read into rows and columns by position."""
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
        if cap is None:
            continue
        caption = sorted(above[:cap + 1], key=lambda ln: -ln.y0)
        if any(ln.y0 + 2 < y for ln in caption) or caption[0].y1 - y > 90:
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
        text = _table_text(caption, lines, x0, x1, y, bottom, rules)
        if text:
            tables.append(_Table(x0, x1, caption[0].y1, bottom, text))
    return tables


NUMERIC_CELL = re.compile(r"^\(?[$€£¥]?\(?[-−–]?\d[\d,.]*%?\)?\W?$")


def _table_text(caption, lines, x0: float, x1: float, top: float, bottom: float, rules) -> str | None:
    """The caption's lines, then the table's rows as pipe rows (the header row above a |---| rule)."""
    from pdfminer.layout import LTChar
    chars = [c for ln in lines for c in ln if isinstance(c, LTChar) and c.get_text().strip()
             and bottom < (c.y0 + c.y1) / 2 < top and x0 - 6 <= (c.x0 + c.x1) / 2 <= x1 + 6]
    if not chars:
        return None
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
        cells = [("".join(" " if c is None else c.get_text() for c in ch), ch[0].x0, ch[-1].x1) for ch in chunks]
        rows.append((vl[0].y0, vl[0].y1, max(c.size for c in vl), cells))
    # the header: the lines above the first rule under the top one that runs the table's width, when there is one
    inner = [r for r in rules if bottom < r[0] < top - 1 and r[2] - r[1] >= 0.9 * (x1 - x0)]
    header_y = max(r[0] for r in inner) if inner else None
    head = [r for r in rows if header_y is not None and r[0] > header_y]
    body = [r for r in rows if not (header_y is not None and r[0] > header_y)]
    if not body:
        return None
    # columns: the gaps in the union of the body cells' extents
    spans = sorted((a, b) for r in body for _, a, b in r[3])
    cols: list[list[float]] = []
    for a, b in spans:
        if cols and a <= cols[-1][1] + 2:
            cols[-1][1] = max(cols[-1][1], b)
        else:
            cols.append([a, b])
    if len(cols) < 2:
        return None

    def place(r) -> list[str]:
        out = [""] * len(cols)
        for text, a, b in r[3]:
            mid = (a + b) / 2
            i = min(range(len(cols)), key=lambda j: 0 if cols[j][0] - 2 <= mid <= cols[j][1] + 2
                    else min(abs(mid - cols[j][0]), abs(mid - cols[j][1])))
            out[i] = (out[i] + " " + text).strip()
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
    for r in head:
        header = [(h + " " + c).strip() for h, c in zip(header, place(r))]
    out = [" ".join(" ".join(ln.get_text().split()) for ln in caption), ""]
    if any(header):
        out += [_pipe_row(header), "|" + "---|" * len(cols)]
    out += [_pipe_row(cells) for _, _, _, cells, _ in merged]
    return "\n".join(out)


def _without_tables(boxes, tables: list[_Table]) -> list[str]:
    """The boxes' text without the lines inside a table (its caption included); each table's text where its
    first line was."""
    from pdfminer.layout import LTTextLine
    if not tables:
        return [b.get_text() for b in boxes]
    out: list[str] = []
    written: set[int] = set()
    for box in boxes:
        kept = []
        for ln in box:
            if not isinstance(ln, LTTextLine):
                continue
            mid = (ln.y0 + ln.y1) / 2
            t = next((i for i, t in enumerate(tables) if t.bottom < mid < t.top + 1 and t.x0 - 6 <= ln.x0 < t.x1), None)
            if t is None:
                kept.append(ln.get_text())
            elif t not in written:
                if kept:
                    out.append("".join(kept))
                    kept = []
                out.append(TableText(tables[t].text))
                written.add(t)
        if kept:
            out.append("".join(kept))
    return out


def _unwrap(block: str) -> str:
    """A block's lines as one paragraph (words hyphenated at a line end joined), as a text file would hold it,
    so line-based reading (bylines, captions) sees paragraphs; a block of figures in rows (a table) keeps its
    lines."""
    lines = [line.strip() for line in clean_extracted(block).strip("\n").splitlines() if line.strip()]
    rows = sum(len(re.findall(r"\d[\d,.]*", line)) >= 2 for line in lines)
    if len(lines) > 1 and rows * 2 >= len(lines):
        return "\n".join(lines)
    return " ".join(lines)


def _join_blocks(blocks: list[str]) -> str:
    """A page's blocks, a blank line between paragraphs; a block cut mid-sentence (no closing punctuation, the
    next starting in lower case or with a figure) continues on the next line."""
    out = ""
    for b in blocks:
        if out:
            cut = not re.search(r"[.!?:;\"”’)\]]\s*$", out) and re.match(r"\s*[a-z0-9$€£¥%(]", b)
            out += "\n" if cut else "\n\n"
        out += b
    return out


def _drop_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Drop running headers and footers (a block that recurs, digits aside, on at least half of the pages, when
    there are three pages or more) and page numbers (a block that is only 'Page 3 of 48', '12' or 'iv', first or
    last on its page)."""
    def shape(block: str) -> str:
        return re.sub(r"\d+", "#", " ".join(block.split()).lower())

    seen = Counter(s for boxes in pages for s in {shape(b) for b in boxes})
    running = {s for s, n in seen.items() if len(pages) >= 3 and n >= max(2, len(pages) / 2)}
    kept = []
    for boxes in pages:
        kept.append([b for k, b in enumerate(boxes) if shape(b) not in running
                     and not ((k < 2 or k >= len(boxes) - 2) and PAGE_NUMBER.match(b))])
    return kept


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
    meta = trafilatura.extract_metadata(html)
    title = meta.title if meta else None
    authors = [a.strip() for a in re.split(r";|\band\b|,", meta.author) if a.strip()] if meta and meta.author else []
    date = meta.date if meta else None
    return _front_matter(title, authors, date) + _tidy_text(body)


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
    return _front_matter(props.title or None, authors, date) + body + "\n"


def _entity_notice(left_out: list[str], entities: list, tree) -> str:
    """'a paragraph with an external entity (&x;) was not read; claimx never resolves entities'."""
    dtd = tree.docinfo.internalDTD
    external = {e.name for e in dtd.iterentities() if e.system_url} if dtd is not None else set()
    kind = "an external entity" if any(e.name in external for e in entities) else "an entity"
    n = Counter(left_out)
    what = " and ".join(f"{'a' if k == 1 else k} {b}{'s' if k > 1 else ''}" for b, k in sorted(n.items()))
    return (f"{what} with {kind} (&{entities[0].name};) {'was' if len(left_out) == 1 else 'were'} not read; "
            f"claimx never resolves entities")
