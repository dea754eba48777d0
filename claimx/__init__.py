"""claimx: find the numeric claims in essays.

>>> import claimx
>>> [(c.text, str(c.kind), c.value) for c in claimx.extract("Exports rose 12 percent in 2019.")]
[('12 percent', 'percent', Decimal('12')), ('2019', 'date', '2019')]
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from claimx.model import FIELDS, Claim, Direction, Kind, Qualifier

__version__ = "0.2.0"
__all__ = ["extract", "extract_texts", "read_texts", "extract_files", "load_nlp", "Claim", "Kind", "Qualifier", "Direction", "FIELDS", "__version__"]

if TYPE_CHECKING:  # pragma: no cover
    from claimx.api import extract, extract_texts, read_texts
    from claimx.batch import extract_files
    from claimx.nlp import load_nlp


def __getattr__(name: str) -> Any:
    # The API pulls in spaCy; import it on first use so `claimx --help` stays fast.
    if name in ("extract", "extract_texts", "read_texts"):
        from claimx import api

        return getattr(api, name)
    if name == "extract_files":
        from claimx.batch import extract_files

        return extract_files
    if name == "load_nlp":
        from claimx.nlp import load_nlp

        return load_nlp
    raise AttributeError(f"module 'claimx' has no attribute {name!r}")


def __dir__() -> list[str]:
    # the lazily imported names too (tab completion, dir()), without importing them
    return sorted(set(__all__) | set(globals()))
