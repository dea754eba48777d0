"""The claim record: one definition of the columns every writer uses.

Field names follow ``shared/gold/SCHEMA.md``; see README "Output columns".
"""
from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum, StrEnum
from typing import Any, Union

Number = Union[Decimal, int, float]
Value = Union[Number, str, None]


class Kind(StrEnum):
    percent = "percent"
    money = "money"
    count = "count"
    ratio = "ratio"
    multiplier = "multiplier"
    quantity = "quantity"
    date = "date"


class Qualifier(StrEnum):
    approx = "approx"
    over = "over"
    under = "under"


# the parts of an essay a claim can sit in (see claimx.text.essays)
SECTIONS = ("body", "title", "byline", "caption", "bio", "table", "notes")


class Direction(StrEnum):
    increase = "increase"
    decrease = "decrease"


@dataclass(frozen=True)
class Claim:
    """One numeric claim found in a text.

    ``start``/``end`` are character offsets into the decoded text the caller gave, so
    ``text == source[start:end]`` always holds. ``kind``, ``qualifier`` and ``direction`` are
    string enums: ``str(claim.kind)`` and ``f"{claim.kind}"`` give ``'percent'``.

    The type of ``value`` (and of ``low``/``high``) depends on ``kind``:

    ==========  ===================================================================
    kind        value, low, high
    ==========  ===================================================================
    percent     Decimal: 40 for '40 percent' (``unit`` says ``%`` or ``pp``)
    money       Decimal: 4000000000 for '$4 billion' (``unit``: the ISO 4217 code)
    count       Decimal: 12000 for '12,000 troops'
    ratio       Decimal: 0.2 for 'one in five', 3 for '3:1'
    multiplier  Decimal: 2 for 'doubled'
    quantity    Decimal: 40 for '40 km', in the unit as written
    date        str, ISO 8601: '2019-03'; '--07' or '--07-13' when the year is not known
    ==========  ===================================================================

    ``value`` is None for a range: then ``low`` and ``high`` hold its bounds ('3 to 5 percent',
    'the 1990s', 'between 2001 and 2004'); otherwise both are None. A relative date ('last year')
    in an essay with no date of its own has ``value`` None unless ``as_of`` is given (a month
    name, 'last July', is then '--07').
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
    subject_key: str | None = None  # the subject normalized so that wordings of one measure meet (claimx.context.keys)
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
    """A JSON-ready form of a field value. A number no float holds (beyond 1e308, a non-zero smaller than
    1e-308, an infinity) is its exact decimal text, never a rounded or broken number.

    >>> json_value(Decimal("4000000000.0"))
    4000000000
    >>> json_value(Decimal("1.25"))
    1.25
    >>> json_value(Kind.money)
    'money'

    A number no float can hold (1E-400, 1E+400) is its exact decimal text, without an exponent; an infinity is
    its name (JSON has no such numbers):

    >>> json_value(Decimal("1E-12")), json_value(Decimal("1E+80")) == 10**80, len(json_value(Decimal("1E-400")))
    (1e-12, True, 402)
    >>> len(json_value(Decimal("1E+400"))), json_value(Decimal("Infinity")), json_value(Decimal("-0"))
    (401, 'Infinity', 0)
    """
    if isinstance(x, Enum):
        return x.value
    if isinstance(x, Decimal):
        if not x.is_finite():
            return str(x)
        if x and x.adjusted() >= 308:  # beyond any float (and, past 4,300 digits, beyond what Python writes as an int)
            return format(x, "f")
        if x == x.to_integral_value():
            return int(x)
        f = float(x)
        return f if math.isfinite(f) and f != 0 else format(x, "f")
    if isinstance(x, float) and not math.isfinite(x):
        return str(Decimal(x))  # 'Infinity', 'NaN': text, as JSON has no such numbers
    if isinstance(x, tuple):
        return list(x)
    return x
