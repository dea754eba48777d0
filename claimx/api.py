"""The library API: ``extract(text)`` and ``extract_texts(texts)`` return :class:`claimx.Claim` lists.

The CLI is a thin layer over these functions; a batch job can import them directly.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from claimx import context, tables
from claimx.clean import CleanText, clean_text
from claimx.essays import Essay, split_essays
from claimx.model import Claim, EssayRow, Kind
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
    pending: list[tuple[CleanText, str | None, list[tuple[int, str]], list[Essay]]] = []

    def flush() -> Iterator[list[Claim]]:
        pieces = [(piece, (i, off)) for i, (_, _, segs, _) in enumerate(pending) for off, piece in segs]
        results: list[list[Claim]] = [[] for _ in pending]
        for doc, (i, off) in nlp.pipe(pieces, as_tuples=True, batch_size=batch_size):
            clean, file, _, essays = pending[i]
            results[i].extend(claims_from_doc(doc, clean, offset=off, file=file, kinds=wanted,
                                              reference_date=reference_date, essays=essays))
        pending.clear()
        yield from results

    for text, file in items:
        clean = clean_text(text)
        pending.append((clean, file, list(segments(clean.text)), split_essays(text)))
        if len(pending) >= batch_size:
            yield from flush()
    if pending:
        yield from flush()


def claims_from_doc(doc: "Doc", source: CleanText, *, offset: int = 0, file: str | None = None,
                    kinds: set[Kind] | None = None, reference_date: str | None = None,
                    essays: list[Essay] | None = None) -> list[Claim]:
    """The claims of one parsed piece of ``source.text`` that starts at ``offset`` there; the claims'
    offsets index ``source.original``, the text as the user gave it."""
    text = doc.text
    table_cands = list(tables.find(text))
    cands = table_cands + find_candidates(text, skip=tables.table_spans(text))
    cands.sort(key=lambda c: c.start)
    dates = [c for c in cands if c.kind == Kind.date]
    essays = essays or split_essays(source.original)
    for c in dates:
        if c.relative is not None:  # against the essay's own date; --as-of for essays without one
            essay = essay_at(essays, source.span(c.start + offset, c.end + offset)[0])
            c.value, c.low, c.high = resolve_relative(c.relative, essay.published or reference_date)
    places = context.places_in(doc)
    claims = []
    for c in cands:
        claim = _claim(doc, text, c, dates, places, source, offset, file, essays)
        if claim is not None and (kinds is None or claim.kind in kinds):
            claims.append(claim)
    return claims


def _claim(doc: "Doc", text: str, c: Candidate, dates: list[Candidate], places: list, source: CleanText,
           offset: int, file: str | None, essays: list[Essay]) -> Claim | None:
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
    essay = essay_at(essays, start)
    return Claim(
        file=file, start=start, end=end, text=source.original[start:end], kind=c.kind,
        value=c.value, low=c.low, high=c.high, unit=unit, qualifier=c.qualifier, direction=direction,
        subject=subject, place=place, time=time, source=attribution,
        essay=essay.index, essay_title=essay.title, authors=tuple(essay.authors), published=essay.published,
        section="table" if c.sentence is not None else essay.section_at(start),
        sentence=" ".join(text[sent_start:sent_end].split()).lstrip("•-*·▪◦–—‣+ ") or None,
    )


def essay_at(essays: list[Essay], offset: int) -> Essay:
    """The essay holding an offset of the original text (essays cover the whole text)."""
    for essay in essays:
        if essay.start <= offset < essay.end:
            return essay
    return essays[-1]


def essays_of(items: Iterable[tuple[str, str | None]], *, nlp: "Language | None" = None,
              reference_date: str | None = None) -> Iterator[list[EssayRow]]:
    """For each ``(text, file)`` pair, its essays with their word and claim counts."""
    seen: list[tuple[str, str | None]] = []

    def remember():
        for pair in items:
            seen.append(pair)
            yield pair

    for claims in extract_texts(remember(), nlp=nlp, reference_date=reference_date):
        text, file = seen.pop(0)
        rows = []
        for e in split_essays(text):
            n = sum(1 for c in claims if e.start <= c.start < e.end)
            rows.append(EssayRow(file=file, essay=e.index, title=e.title, authors=tuple(e.authors), date=e.published,
                                 start=e.start, end=e.end, words=len(text[e.start:e.end].split()), claims=n))
        yield rows


def _noun_unit(noun, claim_tokens: set[int]) -> str:
    """The counted noun as written, with its compound modifier: 'asylum requests', 'troops'."""
    left = [t for t in noun.lefts if t.dep_ == "compound" and t.i == noun.i - 1 and t.i not in claim_tokens]
    return (left[0].text + " " + noun.text) if left else noun.text
