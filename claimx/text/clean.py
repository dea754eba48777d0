"""Markup-free text for the recognizers and the parser, with a map back to the original offsets.

Markdown links, images, escapes and emphasis, HTML tags, comments and entities, YAML front matter,
zero-width characters and unusual spaces are removed or replaced; ``CleanText.span()`` turns a range of
the clean text back into the range of the text as the user gave it, so a claim's ``text`` is always
``original[start:end]`` (markup inside a claim, such as ``**40** percent``, stays in its text).
"""
from __future__ import annotations

import bisect
import functools
import html
from dataclasses import dataclass

import regex

from claimx._data import alternation, load

BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "thead",
              "tbody", "section", "article", "header", "footer", "blockquote", "hr", "pre", "dd", "dt", "figure",
              "figcaption", "caption"}
CELL_TAGS = {"td", "th"}

SPACES = dict.fromkeys(map(ord, "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"), " ")
# full-width digits and signs ('４０％') read as ASCII, one character for one, so offsets are kept
FULL_WIDTH = {0xFF10 + d: str(d) for d in range(10)} | {0xFF05: "%", 0xFF0E: ".", 0xFF0C: ","}
# lone surrogates (from text decoded with surrogateescape, or built by hand) become U+FFFD: spaCy cannot take them
SURROGATES = dict.fromkeys(range(0xD800, 0xE000), "\ufffd")
CHARS = {**SPACES, **FULL_WIDTH, **SURROGATES, ord("\u2011"): "-", ord("\u2010"): "-", ord("\u2212"): "-"}

MARKUP = regex.compile(
    r"(?P<front>\A(?:\ufeff)?---[ \t]*\r?\n.*?\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z))"
    r"|(?P<comment><!--.*?-->)"
    r"|(?P<script><(?P<stag>script|style)\b[^>]*>.*?</(?P=stag)\s*>)"
    r"|(?P<footnote>^[ \t]*\[\^[^\]\s]{1,20}\]:[ \t]?|\[\^[^\]\s]{1,20}\])"  # a note ('[^12]: text') and its mark
    r"|(?P<image>!\[[^\]\n]*\]\([^)\n]*\))"
    r"|(?P<link>\[(?P<ltext>[^\]\n]+)\]\((?P<ltarget>[^)\n]*)\))"
    r"|(?P<citation>(?<=[^\s\[])(?:\[\d{1,3}\])+|(?:\[\d{1,3}\]){2,})"  # reference marks: 'in 2014.[41][42]'
    r"|(?P<reflink>\[(?P<rtext>[^\]\n]+)\]\[[^\]\n]*\])"
    r"|(?P<autolink><(?:https?://|mailto:|www\.)[^>\s]+>)"
    r"|(?P<tag></?(?P<tname>[A-Za-z][A-Za-z0-9]*)\b(?:[^<>\"']|\"[^\"]*\"|'[^']*')*/?>)"
    r"|(?P<entity>&(?:[A-Za-z][A-Za-z0-9]{1,31}|#\d{1,7}|#[xX][0-9A-Fa-f]{1,6});)"
    r"|(?P<escape>\\(?P<echar>[\\`*_{}\[\]()#+\-.!$%|<>~]))"
    r"|(?P<strong>\*\*|__)"
    r"|(?P<em>(?<=[\s(\[]|^)[*_](?=[\w$€£(\[])|(?<=[\w%.)\]])[*_](?=[\s.,;:!?)\]]|$))"
    r"|(?P<invisible>[\u200b\u200c\u200d\u2060\ufeff\u00ad])",
    regex.DOTALL | regex.MULTILINE,
)


@functools.cache
def title_date_parts() -> tuple[str, str, str]:
    """Patterns of the end of a web page's title line ('… Updated May 3, 2025'): the words before the date, as
    written in data/sections.json 'date_line_prefixes' and capitalized; the date, months from data/dates.json."""
    prefixes = load("sections")["date_line_prefixes"]
    months = alternation(m.capitalize() for m in load("dates")["months"])
    return (alternation(prefixes), alternation(w.capitalize() for w in prefixes),
            rf"(?:{months})\.?[ \t]+[0-3]?\d,[ \t]*\d{{4}}")


@functools.cache
def _markup() -> regex.Pattern:
    """MARKUP, and the place where a web page's title line glues its last word to its date ('Issues for
    CongressUpdated May 3, 2025   (XY1234)', 'Policy IssuesMay 3, 2025'): a space is read there. The words
    before a date are data/sections.json 'date_line_prefixes'; the month names, data/dates.json."""
    _, prefixes, date = title_date_parts()
    glued = (rf"(?P<glued>(?<=[\p{{Ll}})])(?=\p{{Lu}})(?=(?:(?:{prefixes})[ \t]*:?[ \t]*)?{date}"
             rf"(?:[ \t]+\([^()\n]{{1,24}}\))?[ \t]*$))")
    return regex.compile(MARKUP.pattern + "|" + glued, MARKUP.flags)


class OffsetMap:
    """Clean offset -> original offset, stored as runs: a run starting at clean offset ``c`` maps ``c + k`` to
    ``o + k``, or to ``o`` for every ``k`` when the run is a replacement. Memory grows with the number of edits,
    not with the length of the text."""

    __slots__ = ("starts", "origins", "fixed", "length")

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.origins: list[int] = []
        self.fixed: list[bool] = []
        self.length = 0

    def add(self, length: int, origin: int, fixed: bool = False) -> None:
        if length <= 0:
            return
        if self.starts and not fixed and not self.fixed[-1] and \
                self.origins[-1] + (self.length - self.starts[-1]) == origin:
            self.length += length  # extends the previous run
            return
        self.starts.append(self.length)
        self.origins.append(origin)
        self.fixed.append(fixed)
        self.length += length

    def extend(self, other: "OffsetMap", shift: int) -> None:
        for i, start in enumerate(other.starts):
            end = other.starts[i + 1] if i + 1 < len(other.starts) else other.length
            self.add(end - start, other.origins[i] + shift, other.fixed[i])

    def __getitem__(self, i: int) -> int:
        if not 0 <= i < self.length:
            raise IndexError(i)
        r = bisect.bisect_right(self.starts, i) - 1
        return self.origins[r] if self.fixed[r] else self.origins[r] + (i - self.starts[r])

    def __len__(self) -> int:
        return self.length

    def __iter__(self):
        return (self[i] for i in range(self.length))


@dataclass(frozen=True)
class CleanText:
    """``text`` is the clean text; ``origin[i]`` is the original offset of clean character ``i``; ``cuts`` are the
    clean offsets where link syntax was taken out (either side of a link's text, the place of an image or an
    autolink): a claim that spans a cut would carry that syntax in its original text."""

    original: str
    text: str
    origin: OffsetMap
    cuts: tuple[int, ...] = ()

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original range covering clean range ``[start, end)``."""
        if end <= start:
            o = self.origin[start] if start < len(self.origin) else len(self.original)
            return o, o
        return self.origin[start], self.origin[end - 1] + 1


def clean_text(original: str) -> CleanText:
    """Strip markup, keeping a map to the original offsets.

    >>> c = clean_text("Some [80%](#) of **exports** &amp; US\\\\$5 bn")
    >>> c.text
    'Some 80% of exports & US$5 bn'
    >>> s, e = c.span(5, 8); c.original[s:e]
    '80%'
    >>> s, e = c.span(22, 29); c.original[s:e]
    'US\\\\$5 bn'
    """
    out: list[str] = []
    origin = OffsetMap()

    def keep(start: int, end: int) -> None:
        out.append(original[start:end].translate(CHARS))
        origin.add(end - start, start)

    def put(replacement: str, at: int) -> None:
        out.append(replacement)
        origin.add(len(replacement), at, fixed=True)

    cuts: list[int] = []
    pos = 0
    for m in _markup().finditer(original):
        keep(pos, m.start())
        kind = m.lastgroup
        if kind in ("link", "reflink", "image", "autolink"):
            cuts.append(len(origin))
        if kind == "link" or kind == "reflink":
            g = "ltext" if kind == "link" else "rtext"
            inner = clean_text(m.group(g))  # link text may hold emphasis or escapes
            out.append(inner.text)
            origin.extend(inner.origin, m.start(g))
            cuts.append(len(origin))
        elif kind == "tag":
            name = m.group("tname").lower()
            if name in CELL_TAGS and not m.group().startswith("</"):
                put("\t", m.start())
            elif name in BLOCK_TAGS:
                put("\n", m.start())
        elif kind == "entity":
            char = html.unescape(m.group()).translate(CHARS)
            put(char if char != m.group() else m.group(), m.start())
        elif kind == "escape":
            out.append(m.group("echar"))
            origin.add(1, m.start("echar"))
        elif kind == "front":
            put("\n" * m.group().count("\n"), m.start())
        elif kind == "glued":
            put(" ", m.start())
        # comment, script, footnote, image, autolink, citation, strong, em, invisible: dropped
        pos = m.end()
    keep(pos, len(original))
    return CleanText(original, "".join(out), origin, tuple(sorted(set(cuts))))
