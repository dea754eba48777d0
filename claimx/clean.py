"""Markup-free text for the recognizers and the parser, with a map back to the original offsets.

Markdown links, images, escapes and emphasis, HTML tags, comments and entities, YAML front matter,
zero-width characters and unusual spaces are removed or replaced; ``CleanText.span()`` turns a range of
the clean text back into the range of the text as the user gave it, so a claim's ``text`` is always
``original[start:end]`` (markup inside a claim, such as ``**40** percent``, stays in its text).
"""
from __future__ import annotations

import html
from dataclasses import dataclass

import regex

BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "thead",
              "tbody", "section", "article", "header", "footer", "blockquote", "hr", "pre", "dd", "dt", "figure",
              "figcaption", "caption"}
CELL_TAGS = {"td", "th"}

SPACES = dict.fromkeys(map(ord, "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"), " ")
CHARS = {**SPACES, ord("\u2011"): "-", ord("\u2010"): "-", ord("\u2212"): "-"}

MARKUP = regex.compile(
    r"(?P<front>\A(?:\ufeff)?---[ \t]*\r?\n.*?\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z))"
    r"|(?P<comment><!--.*?-->)"
    r"|(?P<script><(?P<stag>script|style)\b[^>]*>.*?</(?P=stag)\s*>)"
    r"|(?P<image>!\[[^\]\n]*\]\([^)\n]*\))"
    r"|(?P<link>\[(?P<ltext>[^\]\n]+)\]\((?P<ltarget>[^)\n]*)\))"
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


@dataclass(frozen=True)
class CleanText:
    """``text`` is the clean text; ``origin[i]`` is the original offset of clean character ``i``."""

    original: str
    text: str
    origin: list[int]

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
    origin: list[int] = []

    def keep(start: int, end: int) -> None:
        piece = original[start:end].translate(CHARS)
        out.append(piece)
        origin.extend(range(start, end))

    def put(replacement: str, at: int) -> None:
        out.append(replacement)
        origin.extend([at] * len(replacement))

    pos = 0
    for m in MARKUP.finditer(original):
        keep(pos, m.start())
        kind = m.lastgroup
        if kind == "link" or kind == "reflink":
            g = "ltext" if kind == "link" else "rtext"
            inner = clean_text(m.group(g))  # link text may hold emphasis or escapes
            base = m.start(g)
            out.append(inner.text)
            origin.extend(base + o for o in inner.origin)
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
            origin.append(m.start("echar"))
        elif kind == "front":
            put("\n" * m.group().count("\n"), m.start())
        # comment, script, image, autolink, strong, em, invisible: dropped
        pos = m.end()
    keep(pos, len(original))
    return CleanText(original, "".join(out), origin)
