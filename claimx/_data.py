"""Load the linguistic data files in ``claimx/data/`` once per process."""
from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from importlib import resources
from types import MappingProxyType
from typing import Any

DATA_FILES = ("number_words", "currencies", "cues", "units", "dates", "labels", "sections", "grammar", "currencies_cldr",
              "subject_weights", "keys", "derivations", "places")


@functools.cache
def load(name: str) -> Mapping[str, Any]:
    """Return the parsed ``claimx/data/<name>.json``, read-only: objects are read-only mappings
    (``types.MappingProxyType``) and arrays tuples, since one copy is shared by the whole process.

    >>> load("number_words")["units"]["seven"]
    7
    >>> load("number_words")["units"]["seven"] = 8
    Traceback (most recent call last):
    TypeError: 'mappingproxy' object does not support item assignment
    """
    if name not in DATA_FILES:
        raise KeyError(f"no data file named {name!r}; known: {', '.join(DATA_FILES)}")
    text = resources.files("claimx").joinpath("data", f"{name}.json").read_text(encoding="utf-8")
    return _frozen(json.loads(text))


def _frozen(x: Any) -> Any:
    """A read-only copy of parsed JSON: dicts as mapping proxies, lists as tuples."""
    if isinstance(x, dict):
        return MappingProxyType({k: _frozen(v) for k, v in x.items()})
    if isinstance(x, list):
        return tuple(_frozen(v) for v in x)
    return x


def alternation(phrases: Any) -> str:
    """A regex alternation of literal phrases, longest first, spaces matching any run of spaces.

    >>> alternation(["a", "about", "a b"])
    'about|a\\\\s+b|a'
    """
    import regex

    parts = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "|".join(r"\s+".join(regex.escape(w) for w in p.split()) for p in parts)
