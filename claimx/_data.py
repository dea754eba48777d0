"""Load the linguistic data files in ``claimx/data/`` once per process."""
from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

DATA_FILES = ("number_words", "currencies", "cues", "units", "dates", "labels", "sections", "grammar", "currencies_cldr")


@functools.cache
def load(name: str) -> dict[str, Any]:
    """Return the parsed ``claimx/data/<name>.json``.

    >>> load("number_words")["units"]["seven"]
    7
    """
    if name not in DATA_FILES:
        raise KeyError(f"no data file named {name!r}; known: {', '.join(DATA_FILES)}")
    text = resources.files("claimx").joinpath("data", f"{name}.json").read_text(encoding="utf-8")
    return json.loads(text)


def alternation(phrases: Any) -> str:
    """A regex alternation of literal phrases, longest first, spaces matching any run of spaces.

    >>> alternation(["a", "about", "a b"])
    'about|a\\\\s+b|a'
    """
    import regex

    parts = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "|".join(r"\s+".join(regex.escape(w) for w in p.split()) for p in parts)
