"""Bare numbers: '31,416', 'nearly 12,000', 'more than a million', 'hundreds of thousands', 'a dozen'.

They become count claims only when the parse shows they count a noun (see ``claimx.context``).
"""
from __future__ import annotations

import functools
from collections.abc import Iterator

from claimx.model import Kind
from claimx.recognizers.base import Candidate, compile_pattern, number, value_of, vague_number


@functools.cache
def _patterns():
    return [compile_pattern(number()), compile_pattern(vague_number())]


def find(text: str) -> Iterator[Candidate]:
    for pattern in _patterns():
        for m in pattern.finditer(text):
            v = value_of(m.group())
            if v is None:
                continue
            yield Candidate(m.start(), m.end(), Kind.count, value=v, core=m.span(), needs_noun=True, priority=-1)
