"""Cut a text into pieces the parser can take, at paragraph breaks, keeping each piece's offset."""
from __future__ import annotations

from collections.abc import Iterator

import regex

PARAGRAPH_BREAK = regex.compile(r"\n[ \t\r\f\v]*\n")
LINE_BREAK = regex.compile(r"\n")
SENTENCE_END = regex.compile(r"[.!?]\s")

MAX_CHARS = 100_000


def segments(text: str, max_chars: int = MAX_CHARS) -> Iterator[tuple[int, str]]:
    """Yield ``(offset, piece)`` with ``text[offset:offset+len(piece)] == piece``, covering the text.

    Pieces end at a paragraph break when there is one, else a line break, else a sentence end.

    >>> [(o, p) for o, p in segments("ab\\n\\ncd\\n\\nef", max_chars=5)]
    [(0, 'ab\\n\\n'), (4, 'cd\\n\\n'), (8, 'ef')]
    """
    start = 0
    n = len(text)
    while n - start > max_chars:
        window = text[start: start + max_chars]
        cut = None
        for pattern in (PARAGRAPH_BREAK, LINE_BREAK, SENTENCE_END):
            ends = [m.end() for m in pattern.finditer(window)]
            ends = [e for e in ends if e > max_chars // 10]
            if ends:
                cut = ends[-1]
                break
        if cut is None:
            cut = max_chars
        yield start, text[start: start + cut]
        start += cut
    if start < n or n == 0:
        yield start, text[start:]
