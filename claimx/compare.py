"""Across a collection: which documents agree, and which contradict each other, on the same figure.

``compare(claims)`` groups claims by what they measure (subject key, place, kind and unit, and whether the figure
is a level or a change) and returns the groups found in more than one document, each with a verdict:

- **conflict**: two documents give values for the same time that do not meet within the precision each states
  ('$4 billion' is 3.5-4.5 billion; 'about 40%' is 35-45%; 'more than 40%' is anything above 40);
- **over time**: the values are for different times (a series);
- **agree**: every document's value meets every other's.

Grouping is by hash, never by comparing all pairs of claims: a million claims take seconds. Values are converted
to one unit where the unit says how (km and miles; '$4 billion' and '$4.1bn'); percentages and percentage points,
levels and changes, and different currencies are kept apart (claimx has no exchange rates).
"""
from __future__ import annotations

import dataclasses
import functools
import hashlib
import math
import os
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

import regex

from claimx._data import load
from claimx.context.keys import singular
from claimx.model import FIELDS, Claim, Direction, Kind, Qualifier, json_value

AGREE, CONFLICT, OVER_TIME = "agree", "conflict", "over time"
VERDICTS = (CONFLICT, OVER_TIME, AGREE)  # the order groups are listed in
APPROX_SHARE = Decimal("0.05")  # 'about X' means within 5% of X at least (and within its rounding)
WORDED_SHARE = Decimal("0.005")  # a figure in words ('a third', 'doubled'): exact to half a percent
NUMBER = regex.compile(r"\d[\d,]*(?:\.(\d+))?")
MIN_SPECIFIC = 4  # key words, +2 for a place, +1 for a time every claim states: what a conflict needs
MIN_STEM = 4  # letters a demonym shares with its place ('Brazil-ian', 'Chin-ese')


@dataclass(frozen=True)
class Measure:
    """What a group's values measure: the key, the place, and the kind of figure in one unit."""

    subject_key: str
    place: str | None
    kind: str
    unit: str | None
    change: bool  # a change ('rose 5%') rather than a level ('5% of adults')

    def id(self) -> str:
        """A stable id for the measure (the same in every run and on every worker)."""
        text = "\x1f".join(str(x) for x in dataclasses.astuple(self))
        return hashlib.blake2b(text.encode(), digest_size=6).hexdigest()


@dataclass(frozen=True)
class Compared:
    """One claim of a group: the claim, its value in the group's unit (signed: a fall is negative) as the interval
    its wording allows, and the group's id and verdict. ``to_dict`` gives ``group``, ``verdict`` and the claim's
    columns, for the writers."""

    group: int
    verdict: str
    claim: Claim
    low: float
    high: float
    measure: Measure | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"group": self.group, "verdict": self.verdict, **self.claim.to_dict()}


COMPARE_FIELDS: tuple[str, ...] = ("group", "verdict") + FIELDS


@dataclass
class Group:
    """Claims of more than one document on one measure."""

    id: int
    verdict: str
    measure: Measure
    members: list[Compared]

    @property
    def claims(self) -> list[Claim]:
        return [m.claim for m in self.members]

    @property
    def documents(self) -> int:
        return len({document(m.claim) for m in self.members})

    @property
    def times(self) -> list[str | None]:
        return sorted({m.claim.time for m in self.members}, key=lambda t: (t is None, t or ""))

    @property
    def spread(self) -> float:
        """How far apart the values are: (largest - smallest) / largest magnitude; 0 when all are equal."""
        mids = [_mid(m) for m in self.members]
        top = max(abs(v) for v in mids)
        return (max(mids) - min(mids)) / top if top else 0.0


def document(c: Claim) -> tuple[str | None, int | None]:
    """A claim's document: its file and essay (a collection file holds several essays)."""
    return (c.file, c.essay)


def compare(claims: Iterable[Claim], *, places: dict[str, str] | None = None) -> list[Group]:
    """The groups of ``claims`` on one measure that appear in more than one document, conflicts first, then series
    over time, then agreements; each group's claims ordered by time, then value.

    ``places``: raw place -> canonical place (default: :func:`place_names` over these claims).
    """
    pending = [c for c in claims if c.subject_key and c.kind != Kind.date]
    if places is None:
        places = place_names(c.place for c in pending)
    buckets: dict[Measure, list[Compared]] = defaultdict(list)
    for c in pending:
        m = measure_of(c, places)
        if m is None:
            continue
        span = interval(c, m)
        if span is not None:
            buckets[m].append(Compared(0, "", c, *span))
    into = narrower(buckets)
    for m, wider in into.items():
        buckets[wider].extend(buckets.pop(m))
    groups = [g for g in (judge(m, members) for m, members in buckets.items()) if g is not None]
    return numbered(groups)


def narrower(measures: Iterable[Measure]) -> dict[Measure, Measure]:
    """Measures whose key is another's but for one word, and which fits no other so ('inflation' and 'consumer
    price inflation' of one place, kind and unit; 'remittance' and 'remittance inflow') -> that other measure: one
    writer names the measure more fully than another. A key that two fuller keys extend ('coffee': 'coffee export'
    and 'coffee output') stays as it is: which it means cannot be told; so does a one-word key with no place. Found
    by removing each word of every key and looking the rest up, never by comparing all pairs."""
    measures = set(measures)
    fuller: dict[Measure, set[Measure]] = defaultdict(set)
    for m in measures:
        words = m.subject_key.split()
        if len(words) < 2:
            continue
        for i in range(len(words)):
            shorter = dataclasses.replace(m, subject_key=" ".join(words[:i] + words[i + 1:]))
            if shorter in measures:
                fuller[shorter].add(m)
    # a one-word key with no place ('efficiency', 'risk') may be anything: it is folded into nothing
    return {m: next(iter(ms)) for m, ms in fuller.items()
            if len(ms) == 1 and m not in _targets(fuller) and (m.place or " " in m.subject_key)}


def _targets(fuller: dict[Measure, set[Measure]]) -> set[Measure]:
    """Measures that something else is folded into: they stay where they are (no chains)."""
    return {m for ms in fuller.values() if len(ms) == 1 for m in ms}


def numbered(groups: Iterable[Group]) -> list[Group]:
    """Groups in listing order (conflicts, series, agreements; then by key), numbered from 1."""
    ordered = sorted(groups, key=lambda g: (VERDICTS.index(g.verdict), g.measure.subject_key, g.measure.place or "",
                                            g.measure.kind, g.measure.unit or "", g.measure.change))
    out = []
    for n, g in enumerate(ordered, start=1):
        members = [dataclasses.replace(m, group=n, verdict=g.verdict, measure=g.measure) for m in g.members]
        out.append(Group(n, g.verdict, g.measure, members))
    return out


def judge(measure: Measure, members: list[Compared]) -> Group | None:
    """The group's verdict, or None when its claims come from one document only (or cannot be set side by side)."""
    if len({document(m.claim) for m in members}) < 2:
        return None
    dated = {m.claim.time for m in members if m.claim.time}
    # an undated figure beside figures for one time only is read as for that time ('exports were $5 billion')
    by_time: dict[str | None, list[Compared]] = defaultdict(list)
    for m in members:
        t = m.claim.time or (next(iter(dated)) if len(dated) == 1 else None)
        by_time[t].append(m)
    # a document whose own values for one time disagree uses the key for more than one measure ('crude oil'
    # imported, burnt and in reserve): that time is not compared
    by_time = {t: ms for t, ms in by_time.items() if not _self_contradicting(ms)}
    # the less a claim says of where and when, the more its subject must say before two values are a contradiction
    # ('the scale bar' of two figures; 'mean temperature' in two models): a disagreement that is not specific
    # enough is not compared
    words = len(measure.subject_key.split()) + (2 if measure.place else 0)
    by_time = {t: ms for t, ms in by_time.items()
               if words + (1 if t and all(m.claim.time for m in ms) else 0) >= MIN_SPECIFIC or not _disagree(ms)}
    if len({document(m.claim) for ms in by_time.values() for m in ms}) < 2:
        return None
    if any(_disagree(ms) for ms in by_time.values()):
        verdict = CONFLICT
    elif len([t for t in by_time if t]) >= 2:
        verdict = OVER_TIME
    elif any(len({document(m.claim) for m in ms}) >= 2 for ms in by_time.values()):
        verdict = AGREE
    else:
        return None  # one document undated, the other dated twice: nothing to set side by side
    # a one-word measure with no place ('people', 'the budget', 'states') may be anything: compared only when two
    # documents agree on it for a stated time
    vague = " " not in measure.subject_key and measure.place is None
    if vague and not (verdict == AGREE and any(len({document(m.claim) for m in ms if m.claim.time}) >= 2
                                               for ms in by_time.values())):
        return None
    members = [m for ms in by_time.values() for m in ms]
    members = sorted(members, key=lambda m: (m.claim.time is None, m.claim.time or "", _mid(m), m.claim.file or "",
                                             m.claim.start))
    return Group(0, verdict, measure, members)


def _self_contradicting(members: list[Compared]) -> bool:
    """Some document gives, among these claims, two values that never meet."""
    by_doc: dict[Any, list[Compared]] = defaultdict(list)
    for m in members:
        by_doc[document(m.claim)].append(m)
    return any(not all(a.low <= b.high and b.low <= a.high for i, a in enumerate(ms) for b in ms[i + 1:])
               for ms in by_doc.values())


def _disagree(members: list[Compared]) -> bool:
    """Two documents whose values never meet: no claim of one overlaps any claim of the other."""
    by_doc: dict[Any, list[Compared]] = defaultdict(list)
    for m in members:
        by_doc[document(m.claim)].append(m)
    docs = list(by_doc.values())
    return any(not any(a.low <= b.high and b.low <= a.high for a in one for b in other)
               for i, one in enumerate(docs) for other in docs[i + 1:])


def _mid(m: Compared) -> float:
    if math.isinf(m.low):
        return m.high
    if math.isinf(m.high):
        return m.low
    return (m.low + m.high) / 2


def measure_of(c: Claim, places: dict[str, str]) -> Measure | None:
    """The measure a claim's value is of; None for a claim with no subject key, or a date."""
    if not c.subject_key or c.kind == Kind.date:
        return None
    unit, _ = unit_of(c)
    place = places.get(c.place, c.place) if c.place else None
    return Measure(c.subject_key, place, c.kind.value, unit, c.direction is not None)


def unit_of(c: Claim) -> tuple[str | None, Decimal]:
    """The group's unit for a claim and the factor from the claim's unit to it (quantities in SI base units;
    counts by the singular of what they count)."""
    if c.kind == Kind.quantity and c.unit:
        return _base_unit(c.unit)
    if c.kind == Kind.count and c.unit:
        return singular(c.unit.lower()), Decimal(1)
    return c.unit, Decimal(1)


@functools.lru_cache(maxsize=4096)
def _base_unit(unit: str) -> tuple[str, Decimal]:
    """A quantity's unit in SI base units ('km' -> ('meter', 1000)); the unit itself when pint cannot say."""
    try:
        from claimx.recognizers.units import registry

        name = load("units")["pint_names"].get(unit, unit)
        if registry().Quantity(0, name).to_base_units().magnitude != 0:  # °C, °F: an offset, not a factor
            return unit, Decimal(1)
        q = registry().Quantity(1, name).to_base_units()
        return str(q.units), Decimal(repr(float(q.magnitude)))
    except Exception:  # pint raises several kinds of errors for what it does not know
        return unit, Decimal(1)


def interval(c: Claim, m: Measure) -> tuple[float, float] | None:
    """The values a claim's wording allows, in the group's unit, as (low, high): its rounding ('4.1' is
    4.05-4.15), widened for 'about', open above for 'more than' and below for 'less than', negated for a fall."""
    _, factor = unit_of(c)
    try:
        if c.value is not None:
            value = Decimal(c.value) * factor
            lo = hi = value
            half = _half_step(c, Decimal(c.value)) * abs(factor)
        elif c.low is not None and c.high is not None:
            lo, hi = Decimal(c.low) * factor, Decimal(c.high) * factor
            half = _half_step(c, Decimal(c.high)) * abs(factor)
        else:
            return None
    except (InvalidOperation, TypeError, ValueError):
        return None
    low, high = float(lo - half), float(hi + half)
    if c.qualifier == Qualifier.over:
        low, high = float(lo), math.inf
    elif c.qualifier == Qualifier.under:
        low, high = -math.inf, float(hi)
    if m.change and c.direction == Direction.decrease:
        low, high = -high, -low
    return low, high


def _half_step(c: Claim, value: Decimal) -> Decimal:
    """Half the rounding step of the figure as written, in the claim's unit ('$4.1bn': 0.05 billion); for 'about',
    trailing zeros are rounding too ('about 40%': 5) and the step is at least APPROX_SHARE of the value."""
    approx = c.qualifier == Qualifier.approx
    written = None
    for mt in NUMBER.finditer(c.text):
        try:
            written = Decimal(mt.group().replace(",", ""))
        except InvalidOperation:
            continue
        decimals = len(mt.group(1) or "")
        break
    if not written:
        return abs(value) * (APPROX_SHARE if approx else WORDED_SHARE)
    if decimals:
        step = Decimal(1).scaleb(-decimals)
    else:
        digits = mt.group().replace(",", "")
        zeros = len(digits) - len(digits.rstrip("0")) if approx else 0
        step = Decimal(1).scaleb(min(zeros, len(digits) - 1))
    scale = abs(value / written) if written else Decimal(1)
    half = step / 2 * scale
    if approx:
        half = max(half, abs(value) * APPROX_SHARE)
    return half


def place_names(places: Iterable[str | None]) -> dict[str, str]:
    """Each place written in a collection -> the name its claims are grouped under: case, 'the' and full stops
    ignored ('the U.S.', 'US'); a country's names, codes and demonyms are its common name (claimx/data/places.json:
    'Spanish', 'Kingdom of Spain', 'ES' are Spain); other places: a name of several words meets its initials when the
    collection writes them, and a demonym meets the place whose name begins with its stem ('Parisian', 'Paris').

    >>> sorted(place_names(["the United States", "U.S.", "Brazilian", "Brazil", "Austria", "Australian"]).items())
    [('Australian', 'australia'), ('Austria', 'austria'), ('Brazil', 'brazil'), ('Brazilian', 'brazil'), ('U.S.', 'united states'), ('the United States', 'united states')]
    >>> sorted(place_names(["Spanish", "Spain", "Swiss", "UK", "Parisian", "Paris"]).items())
    [('Paris', 'paris'), ('Parisian', 'paris'), ('Spain', 'spain'), ('Spanish', 'spain'), ('Swiss', 'switzerland'), ('UK', 'united kingdom')]
    """
    raw = {p for p in places if p}
    base = {p: _known_place(_plain_place(p)) for p in raw}
    names = set(base.values())
    out = {}
    for p, b in base.items():
        words = b.split()
        initials = "".join(w[0] for w in words) if len(words) > 1 else ""
        if initials in names:
            out[p] = initials
            continue
        out[p] = _demonym_place(b, names) or b
    return out


def _known_place(plain: str) -> str:
    """A country's name, code or demonym as the country's common name, lower case ('spanish', 'kingdom of spain':
    'spain'; 'uk': 'united kingdom'), through claimx/data/places.json; any other place as it is."""
    countries = load("places")
    for table in ("names", "demonyms", "codes"):
        found = countries[table].get(plain)
        if found:
            return found.lower()
    return plain


def _plain_place(p: str) -> str:
    text = p.lower().replace(".", "").replace("’", "'").strip()
    text = regex.sub(r"^the\s+", "", text)
    return regex.sub(r"'s$", "", text).strip()


def _demonym_place(name: str, names: set[str]) -> str | None:
    """The place a demonym names, among ``names``: the one-word name sharing the longest beginning with it (at least
    MIN_STEM letters), past which the place has at most one letter left (or one of the 'place_endings') and the demonym
    at most five ('peru'/'peruvian', 'china'/'chinese', 'norway'/'norwegian'; 'austria' is not 'australian')."""
    keys = load("keys")
    if " " in name or not name.endswith(tuple(keys["demonym_endings"])):
        return None
    best, best_len, tied = None, 0, False
    for n in names:
        if n == name or " " in n:
            continue
        k = len(os.path.commonprefix([n, name]))
        if k < MIN_STEM or (len(n) - k > 1 and n[k:] not in keys["place_endings"]) or len(name) - k > 5:
            continue
        if k > best_len:
            best, best_len, tied = n, k, False
        elif k == best_len:
            tied = True
    return None if tied else best


def rows(groups: Iterable[Group]) -> Iterator[Compared]:
    """One row per claim of every group, in listing order: what the CSV, JSON Lines and xlsx writers take."""
    for g in groups:
        yield from g.members


def place_shown(measure: Measure, claims: Iterable[Claim]) -> str | None:
    """The group's place as its claims write it ('Kenya' rather than the key 'kenya'; a demonym only when no claim
    names the place itself)."""
    if measure.place is None:
        return None
    written = [c.place for c in claims if c.place]
    demonyms = load("places")["demonyms"]
    named = [p for p in written if _plain_place(p) not in demonyms]  # 'the U.S.' before 'American'
    exact = [p for p in named if _known_place(_plain_place(p)) == measure.place]
    shown = (exact or named or written or [measure.place])[0]
    return regex.sub(r"['’]s$", "", shown)  # 'New Zealand's kiwifruit': New Zealand


def group_dict(g: Group) -> dict[str, Any]:
    """A group as plain values (for JSON and the report)."""
    return {"group": g.id, "verdict": g.verdict, "subject_key": g.measure.subject_key, "place": g.measure.place,
            "kind": g.measure.kind, "unit": g.measure.unit, "change": g.measure.change, "documents": g.documents,
            "times": g.times, "spread": round(g.spread, 4),
            "values": [json_value(m.claim.value) for m in g.members]}
