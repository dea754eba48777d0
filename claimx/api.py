"""The library API: ``extract(text)`` and ``extract_texts(texts)`` return :class:`claimx.Claim` lists.

The CLI is a thin layer over these functions; a batch job can import them directly.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from claimx import context, tables
from claimx.clean import CleanText, clean_text
from claimx.model import Claim, Kind
from claimx.nlp import load_nlp
from claimx.recognizers import find_candidates
from claimx.recognizers.base import Candidate
from claimx.recognizers.dates import resolve as resolve_relative
from claimx.segment import segments

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

BATCH_SIZE = 16


def extract(text: str, *, file: str | None = None, nlp: "Language | None" = None,
            kinds: Iterable[Kind | str] | None = None, reference_date: str | None = None) -> list[Claim]:
    """All numeric claims in ``text``, in text order.

    ``reference_date`` (ISO: '2018', '2018-07', '2018-07-13') resolves relative dates such as 'last year'.

    >>> [c.text for c in extract("Nearly 12,000 troops were sent, a 40 percent rise.")]
    ['Nearly 12,000', '40 percent']
    """
    return next(extract_texts([(text, file)], nlp=nlp, kinds=kinds, reference_date=reference_date))


def extract_texts(items: Iterable[tuple[str, str | None]], *, nlp: "Language | None" = None,
                  kinds: Iterable[Kind | str] | None = None, batch_size: int = BATCH_SIZE,
                  reference_date: str | None = None) -> Iterator[list[Claim]]:
    """For each ``(text, file)`` pair, yield the list of its claims; texts are parsed in batches."""
    nlp = nlp or load_nlp()
    wanted = {Kind(k) for k in kinds} if kinds else None
    pending: list[tuple[CleanText, str | None, list[tuple[int, str]]]] = []

    def flush() -> Iterator[list[Claim]]:
        pieces = [(piece, (i, off)) for i, (_, _, segs) in enumerate(pending) for off, piece in segs]
        results: list[list[Claim]] = [[] for _ in pending]
        for doc, (i, off) in nlp.pipe(pieces, as_tuples=True, batch_size=batch_size):
            clean, file, _ = pending[i]
            results[i].extend(claims_from_doc(doc, clean, offset=off, file=file, kinds=wanted,
                                              reference_date=reference_date))
        pending.clear()
        yield from results

    for text, file in items:
        clean = clean_text(text)
        pending.append((clean, file, list(segments(clean.text))))
        if len(pending) >= batch_size:
            yield from flush()
    if pending:
        yield from flush()


def claims_from_doc(doc: "Doc", source: CleanText, *, offset: int = 0, file: str | None = None,
                    kinds: set[Kind] | None = None, reference_date: str | None = None) -> list[Claim]:
    """The claims of one parsed piece of ``source.text`` that starts at ``offset`` there; the claims'
    offsets index ``source.original``, the text as the user gave it."""
    text = doc.text
    table_cands = list(tables.find(text))
    cands = table_cands + find_candidates(text, skip=tables.table_spans(text))
    cands.sort(key=lambda c: c.start)
    dates = [c for c in cands if c.kind == Kind.date]
    for c in dates:
        if c.relative is not None:
            c.value, c.low, c.high = resolve_relative(c.relative, reference_date)
    places = context.places_in(doc)
    claims = []
    for c in cands:
        claim = _claim(doc, text, c, dates, places, source, offset, file)
        if claim is not None and (kinds is None or claim.kind in kinds):
            claims.append(claim)
    return claims


def _claim(doc: "Doc", text: str, c: Candidate, dates: list[Candidate], places: list, source: CleanText,
           offset: int, file: str | None) -> Claim | None:
    span = context.claim_tokens(doc, c.core[0] if c.core else c.start, c.end)
    if span is None:
        return None
    unit, subject, direction, place, attribution = c.unit, c.subject, c.direction, c.place, None
    if c.needs_noun:
        noun = context.counted_noun(span)
        if noun is None or context.is_anaphoric(span, noun):
            return None
        if c.low is None and context.is_small_word_count(span):
            return None
        unit = _noun_unit(noun, {t.i for t in span})
    else:
        noun = None
    if c.kind == Kind.count and c.subject is not None and unit is None:  # table row: the label's plural noun
        label = context.claim_tokens(doc, c.sentence[0], c.sentence[0] + len(c.subject))
        plural = [t for t in label if t.tag_ in ("NNS", "NNPS")] if label is not None else []
        unit = plural[-1].lower_ if plural else None
    if c.kind != Kind.date:
        if subject is None:
            subject = context.subject_of(span, c.kind, noun) or context.sentence_subject(span)
        if direction is None:
            direction = context.direction_of(span, text, c.end)
        if place is None:
            place = context.place_of(span, places)
        if c.sentence is None:  # table cells have no sentence to attribute them
            attribution = context.source_of(span)
    sent_start, sent_end = c.sentence or (span.sent.start_char, span.sent.end_char)
    time = c.time
    if time is None and c.kind != Kind.date:
        near = [d for d in dates if d is not c and sent_start <= d.start and d.end <= sent_end]
        if near:
            best = min(near, key=lambda d: abs(d.start - c.start))
            time = best.value or (f"{best.low}/{best.high}" if best.low else text[best.start:best.end])
    start, end = source.span(c.start + offset, c.end + offset)
    return Claim(
        file=file, start=start, end=end, text=source.original[start:end], kind=c.kind,
        value=c.value, low=c.low, high=c.high, unit=unit, qualifier=c.qualifier, direction=direction,
        subject=subject, place=place, time=time, source=attribution,
        sentence=" ".join(text[sent_start:sent_end].split()).lstrip("•-*·▪◦–—‣+ ") or None,
    )


def _noun_unit(noun, claim_tokens: set[int]) -> str:
    """The counted noun as written, with its compound modifier: 'asylum requests', 'troops'."""
    left = [t for t in noun.lefts if t.dep_ == "compound" and t.i == noun.i - 1 and t.i not in claim_tokens]
    return (left[0].text + " " + noun.text) if left else noun.text
