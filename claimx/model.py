"""The claim record: one definition of the columns every writer uses.

Field names follow ``shared/gold/SCHEMA.md``; see README "Output columns".
"""
from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Any, Union

Number = Union[Decimal, int, float]
Value = Union[Number, str, None]


class Kind(str, Enum):
    percent = "percent"
    money = "money"
    count = "count"
    ratio = "ratio"
    multiplier = "multiplier"
    quantity = "quantity"
    date = "date"


class Qualifier(str, Enum):
    approx = "approx"
    over = "over"
    under = "under"


# the parts of an essay a claim can sit in (see claimx.text.essays)
SECTIONS = ("body", "title", "byline", "caption", "bio", "table")


class Direction(str, Enum):
    increase = "increase"
    decrease = "decrease"


@dataclass(frozen=True)
class Claim:
    """One numeric claim found in a text.

    ``start``/``end`` are character offsets into the decoded text the caller gave, so
    ``text == source[start:end]`` always holds. ``value`` is a Decimal for numbers and an
    ISO 8601 string for dates; ``low``/``high`` are set instead of ``value`` for ranges.
    """

    file: str | None
    start: int
    end: int
    text: str
    kind: Kind
    value: Value = None
    low: Value = None
    high: Value = None
    unit: str | None = None
    qualifier: Qualifier | None = None
    direction: Direction | None = None
    subject: str | None = None
    place: str | None = None
    time: str | None = None
    source: str | None = None
    essay: int | None = None
    essay_title: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None
    section: str | None = None
    in_table: bool = False
    page: int | None = None  # the PDF page (1-based) for text with form-feed page breaks, else None
    sentence: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The claim as plain JSON-ready values (enums as strings, Decimals as int or float)."""
        return {name: json_value(getattr(self, name)) for name in FIELDS}


FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Claim))


@dataclass(frozen=True)
class EssayRow:
    """One essay of a file, as `claimx essays` lists it."""

    file: str | None
    essay: int
    title: str | None
    authors: tuple[str, ...]
    date: str | None
    start: int
    end: int
    words: int
    claims: int

    def to_dict(self) -> dict[str, Any]:
        return {name: json_value(getattr(self, name)) for name in ESSAY_FIELDS}


ESSAY_FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(EssayRow))


def json_value(x: Any) -> Any:
    """A JSON-ready form of a field value.

    >>> json_value(Decimal("4000000000.0"))
    4000000000
    >>> json_value(Decimal("1.25"))
    1.25
    >>> json_value(Kind.money)
    'money'

    A number no float can hold (1E-400, 1E+400 with decimals) or an integer of more than 4,000 digits (Python
    will not write it) is its exact decimal text, without an exponent:

    >>> json_value(Decimal("1E-12")), json_value(Decimal("1E+80")) == 10**80, len(json_value(Decimal("1E-400")))
    (1e-12, True, 402)
    """
    if isinstance(x, Enum):
        return x.value
    if isinstance(x, Decimal):
        if x == x.to_integral_value():
            return int(x) if x.adjusted() < 4000 else format(x, "f")
        f = float(x)
        return f if math.isfinite(f) and f != 0 else format(x, "f")
    if isinstance(x, tuple):
        return list(x)
    return x
