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
            # the text boxes, in reading order (layout analysis)
            texts = [el.get_text() for el in page if isinstance(el, LTTextContainer)]
            pages.append([_unwrap(t) for t in texts if t.strip()])
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
