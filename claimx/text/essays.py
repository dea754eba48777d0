"""Split a file into essays: title, authors, publication date, character range, and the section of each line.

A file may be a collection (a heading, a table of contents, a date, then essays each with a "By NAME" byline),
a single essay (Markdown with front matter or '#' headings), or plain text with no byline (one essay). Essays
cover the whole file: each runs from its title line to the next essay's title, and the first starts at 0.
"""
from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass, field

import regex

from claimx._data import alternation, load
from claimx.recognizers import dates as date_recognizer
from claimx.model import Kind
from claimx.text.clean import title_date_parts



@functools.cache
def _byline() -> regex.Pattern:
    """A line holding only 'By NAME[, NAME and NAME]' (prefixes, name particles and separators from data)."""
    d, g = load("sections"), load("grammar")
    particles = alternation(g["name_particles"])
    name = rf"\p{{Lu}}[\p{{L}}'’.\-]*(?:[ \t]+(?:\p{{Lu}}[\p{{L}}'’.\-]*|{particles}))*"
    separators = alternation(sep.strip() for sep in d["author_separators"])
    return regex.compile(
        rf"^[ \t]*[*_]{{0,2}}(?:{alternation(d['byline_prefixes'])})[ \t]+"
        rf"(?P<names>{name}(?:[ \t]*(?:{separators})[ \t]*{name})*)[ \t]*[*_†‡]*[ \t]*$", regex.MULTILINE)


FRONT_MATTER = regex.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(?P<body>.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", regex.DOTALL)
HEADING = regex.compile(r"^[ \t]*#{1,3}[ \t]+(?P<title>\S.*?)[ \t#]*$", regex.MULTILINE)
NOTE = regex.compile(r"^[ \t]*\[\^[^\]\s]{1,20}\]:", regex.MULTILINE)  # a footnote or endnote: '[^12]: text'
BIO = regex.compile(r"^[ \t]*\*{1,2}[ \t]*\p{Lu}[\p{L}'’.\-]+(?:\s+\p{Lu}[\p{L}'’.\-]+)+.{20,}$")


@dataclass
class Essay:
    """One essay of a file: ``start``/``end`` index the text as given."""

    index: int
    title: str | None
    authors: list[str]
    published: str | None
    start: int
    end: int
    lines: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, section), sorted

    def section_at(self, offset: int) -> str:
        starts = [s for s, _, _ in self.lines]
        i = bisect.bisect_right(starts, offset) - 1
        if i >= 0 and self.lines[i][0] <= offset < self.lines[i][1]:
            return self.lines[i][2]
        return "body"


def split_authors(names: str) -> list[str]:
    """'Maureen Meyer and Adam Isacson' -> ['Maureen Meyer', 'Adam Isacson'].

    >>> split_authors("Inés Gómez-Barrera and Paul Ashford-Lyle")
    ['Inés Gómez-Barrera', 'Paul Ashford-Lyle']
    >>> split_authors("A. Smith, B. Jones & C. Lee")
    ['A. Smith', 'B. Jones', 'C. Lee']
    """
    parts = regex.split(r"\s*(?:,\s*and\s+|,|\band\b|&|;)\s*", names.strip(" *_†‡"))
    return [" ".join(p.split()) for p in parts if p.strip()]


def date_of_line(line: str) -> str | None:
    """The ISO date of a line that holds only a date ('December 21, 2020', 'July 2018', '2020-12-21').

    >>> date_of_line("December 21, 2020"), date_of_line("July 2018"), date_of_line("In July 2018 we met")
    ('2020-12-21', '2018-07', None)
    """
    text = line.strip(" \t*_#")
    if not text or len(text) > 40:
        return None
    for c in date_recognizer.find(text):
        if c.start == 0 and c.end == len(text) and c.kind == Kind.date and isinstance(c.value, str) \
                and c.value[:1].isdigit():
            return c.value
    return None


def _lines(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.splitlines(keepends=True):
        out.append((pos, pos + len(line.rstrip("\r\n"))))
        pos += len(line)
    return out


@functools.cache
def _cues() -> tuple[tuple[str, ...], tuple[str, ...]]:
    d = load("sections")
    return tuple(d["caption_cues"]), tuple(d["affiliation_cues"])


def _is_prose(line: str) -> bool:
    """A body paragraph: long, or more than one sentence."""
    return len(line.split()) >= 25 or len(regex.findall(r"[.!?](?:\s|$)", line)) >= 2


def _front_matter(text: str) -> tuple[dict[str, str], int]:
    m = FRONT_MATTER.match(text)
    if not m:
        return {}, 0
    meta = {}
    for line in m.group("body").splitlines():
        k, sep, v = line.partition(":")
        if sep and k.strip():
            meta[k.strip().lower()] = v.strip().strip("'\"")
    return meta, m.end()


def split_essays(text: str) -> list[Essay]:
    """The essays of a file, in order, covering every character."""
    lines = _lines(text)
    meta, fm_end = _front_matter(text)
    bylines = [m for m in _byline().finditer(text) if m.start() >= fm_end]
    if not bylines:
        return [_single_essay(text, lines, meta, fm_end)]
    # each byline's title: the nearest non-empty line above it
    line_starts = [s for s, _ in lines]
    essays_at: list[tuple[int, int, int]] = []  # (title line index, byline line index, byline match index)
    for k, m in enumerate(bylines):
        b = bisect.bisect_right(line_starts, m.start()) - 1
        t = b - 1
        while t >= 0 and not text[lines[t][0]:lines[t][1]].strip():
            t -= 1
        essays_at.append((t if t >= 0 else b, b, k))
    header_date = None
    first_title = essays_at[0][0]
    for s, e in lines[:first_title]:
        header_date = header_date or date_of_line(text[s:e])
    header_date = header_date or _meta_date(meta)
    caption_cues, affiliation_cues = _cues()
    essays: list[Essay] = []
    for n, (t, b, k) in enumerate(essays_at):
        next_title = essays_at[n + 1][0] if n + 1 < len(essays_at) else len(lines)
        start = 0 if n == 0 else lines[t][0]
        end = lines[next_title][0] if next_title < len(lines) else len(text)
        sections: list[tuple[int, int, str]] = []
        if n == 0:  # collection heading, table of contents, collection date
            for s, e in lines[:t]:
                if text[s:e].strip():
                    sections.append((s, e, "title"))
        sections.append((lines[t][0], lines[t][1], "title"))
        sections.append((lines[b][0], lines[b][1], "byline"))
        own_date = None
        after_byline = True
        last_body = None
        for i in range(b + 1, next_title):
            s, e = lines[i]
            line = text[s:e]
            if not line.strip():
                continue
            d = date_of_line(line)
            if d:
                own_date = d
                sections.append((s, e, "title"))
                continue
            if BIO.match(line) and not line.lstrip().startswith(("* ", "** ")) or (line.lstrip().startswith("*") and i > b + 1 and _names_in(line, bylines[k])):
                sections.append((s, e, "bio"))
                continue
            if after_byline and not _is_prose(line):
                if any(cue in line for cue in caption_cues):
                    sections.append((s, e, "caption"))
                    continue
                if any(cue in line for cue in affiliation_cues):
                    sections.append((s, e, "byline"))
                    continue
                if not line.rstrip().endswith((".", ":", ";")) or len(line.split()) < 25:
                    sections.append((s, e, "caption"))
                    continue
            after_byline = False
            last_body = i
        # a lone short line just before the next title (or at the end) is an image caption
        last_line = next((i for i in range(next_title - 1, b, -1) if text[lines[i][0]:lines[i][1]].strip()), None)
        if last_body is not None and last_line == last_body and last_body > b + 1:
            s, e = lines[last_body]
            gap_before = not text[lines[last_body - 1][0]:lines[last_body - 1][1]].strip()
            if gap_before and not _is_prose(text[s:e]) and not text[s:e].lstrip().startswith(("-", "•", "*")):
                sections.append((s, e, "caption"))
        title = " ".join(text[lines[t][0]:lines[t][1]].strip(" \t#*_").split()) or None
        essays.append(Essay(n + 1, title, split_authors(bylines[k].group("names")), own_date or header_date,
                            start, end, _with_notes(text, lines, sections, start, end)))
    return essays


def _names_in(line: str, byline) -> bool:
    return any(name.split()[-1] in line for name in split_authors(byline.group("names")))


def _meta_date(meta: dict[str, str]) -> str | None:
    for key in ("date", "published", "publication_date", "pubdate"):
        if meta.get(key):
            value = meta[key].strip()
            m = regex.match(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", value)
            if not m:
                return date_of_line(value)
            if date_recognizer.real_date(m.group()):  # '2021-02-30' is no date
                return m.group()
    return None


@functools.cache
def _titled_date() -> regex.Pattern:
    """A web page's first line: its title with its date glued on, and maybe its report number ('Water Rights in
    the West Updated May 3, 2025   (XY1234)', 'Water Rights in the WestUpdated May 3, 2025', 'Some Title March 2,
    2024'). The word before the date ('Updated', from data/sections.json 'date_line_prefixes', as in a PDF's date
    line) may be glued to the title's last word, written with a capital; so may the month."""
    prefixes, capitalized, date = title_date_parts()
    return regex.compile(
        rf"^[ \t]*(?P<title>\S.*?)(?:(?:[ \t]+(?i:{prefixes})|{capitalized})"
        rf"[ \t]*:?)?[ \t]*(?P<date>{date})"
        rf"(?:[ \t]+\([ \t]*[\p{{Lu}}\d][\p{{L}}\d.\-/]{{0,20}}[ \t]*\))?[ \t]*$")


def title_and_date(line: str) -> tuple[str, str] | None:
    """The title and ISO date of a line holding a title with its date glued on, as a web page converted to
    Markdown begins.

    >>> title_and_date("River Basins of the NorthUpdated June 9, 2024     (QX0042)")
    ('River Basins of the North', '2024-06-09')
    >>> title_and_date("River Basins of the NorthJune 9, 2024"), title_and_date("It rained on June 9, 2024")
    (('River Basins of the North', '2024-06-09'), None)
    """
    m = _titled_date().match(line)
    if not m or len(line) > 300:
        return None
    title = " ".join(m.group("title").strip(" \t#*_").split())
    date = date_of_line(m.group("date"))
    if not title or not date or len(date) != 10 or title.endswith((".", ",", ";", ":")):
        return None
    # without 'Updated', a title ends on a capitalized word or a parenthesis: 'We met on May 3, 2025' is a sentence
    prefixed = m.end("title") < m.start("date") and line[m.end("title"):m.start("date")].strip(" \t:")
    if not prefixed and (len(title.split()) < 2 or not regex.search(r"(?:^|\s)[\p{Lu}\d(][^\s]*$|\)$", title)):
        return None
    return title, date


def _single_essay(text: str, lines: list[tuple[int, int]], meta: dict[str, str], fm_end: int) -> Essay:
    title = meta.get("title")
    sections: list[tuple[int, int, str]] = []
    if fm_end:
        sections.append((0, fm_end, "title"))
    first = next(((s, e) for s, e in lines if s >= fm_end and text[s:e].strip()), None)
    titled = title_and_date(text[first[0]:first[1]]) if first else None
    if titled:  # 'Water Rights in the West Updated May 3, 2025   (XY1234)': the page's title and date
        sections.append((first[0], first[1], "title"))
        title = title or titled[0]
    heading = HEADING.search(text, fm_end)
    if heading:
        sections.append((heading.start(), heading.end(), "title"))
        title = title or heading.group("title").strip()
    if title is None:
        first = next(((s, e) for s, e in lines if s >= fm_end and text[s:e].strip()), None)
        if first and len(text[first[0]:first[1]]) <= 150 and not text[first[0]:first[1]].rstrip().endswith("."):
            title = text[first[0]:first[1]].strip()
            sections.append((first[0], first[1], "title"))
    authors_raw = meta.get("authors") or meta.get("author") or ""
    authors = split_authors(authors_raw.strip("[]")) if authors_raw else []
    published = _meta_date(meta) or (titled[1] if titled else None)
    for s, e in lines:
        d = date_of_line(text[s:e]) if s >= fm_end else None
        if d:
            published = published or d
            sections.append((s, e, "title"))
    return Essay(1, title, authors, published, 0, len(text), _with_notes(text, lines, sections, 0, len(text)))


def _with_notes(text: str, lines: list[tuple[int, int]], sections: list[tuple[int, int, str]], start: int,
                end: int) -> list[tuple[int, int, str]]:
    """The sections, sorted, with each footnote or endnote line ('[^12]: text', as claimx writes a PDF's notes)
    in ``[start, end)`` that has no other section marked 'notes'."""
    taken = {s for s, _, _ in sections}
    notes = [(s, e, "notes") for s, e in lines if start <= s < end and s not in taken and NOTE.match(text, s, e)]
    return sorted(set(sections) | set(notes))
