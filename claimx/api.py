"""The library API: ``extract(text)`` and ``extract_texts(texts)`` return :class:`claimx.Claim` lists.

How a text is read (see README "How it works"): markup is cleaned with an offset map; the text is split into
essays and into sentences; the recognizers run on the sentences that may hold a number; only sentences whose
candidates need the parse (not dates, not table cells) go through spaCy, each sentence on its own (with the
sentence before it when it opens with a pronoun such as "It"), batched through ``nlp.pipe``. Because a
sentence's parse never depends on which other sentences were parsed, the claims are exactly those of a pass
that parses every sentence (``parse_all=True``).
"""
from __future__ import annotations

import bisect
import dataclasses
import functools
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import regex

from claimx import context
from claimx._data import alternation, load
from claimx.recognizers import tables
from claimx.text.clean import CleanText, clean_text
from claimx.text.essays import Essay, split_essays
from claimx.io.documents import PAGE_BREAK  # ends each page of a PDF's text
from claimx.context.keys import Frame, frame_of, singular, subject_keys
from claimx.recognizers.quantity import lookup as unit_lookup
from claimx.model import Claim, EssayRow, Kind
from claimx.nlp import load_nlp
from claimx.recognizers import find_candidates
from claimx.recognizers.base import Candidate, qualifier_table
from claimx.recognizers.dates import check_reference, resolve as resolve_relative
from claimx.text.sentences import may_hold_a_claim, sentence_spans

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

BATCH_SIZE = 64
BATCH_CHARS = 16_000  # at most about this much text in one batch through the parser (64 sentences are ~8,000)
# a 'sentence' longer than this (text without sentence punctuation) is parsed in windows around its figures
MAX_PARSE = 1000
WINDOW = 150
ANAPHOR_REACH = 3  # sentences a chain of pronouns is followed back (3: measured on every set, issue 24)
LINE_BREAKS = str.maketrans("\n\r\t\f\v", "     ")
# a contents or list-of-figures entry in Markdown: a list item that is only a link to a place in a page
# ('- [Figure 2. Costs, 2019-2024](#fig2)'); like a PDF's contents lines it gives no claims
CONTENTS_ENTRY = regex.compile(r"^[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+\[[^\]\n]+\]\([^)\s]*#[^)\s]*\)[ \t]*$", regex.MULTILINE)


def extract(text: str, *, file: str | None = None, nlp: "Language | None" = None,
            kinds: Iterable[Kind | str] | None = None, sections: Iterable[str] | None = None,
            as_of: str | None = None, reference_date: str | None = None) -> list[Claim]:
    """All numeric claims in ``text``, in text order.

    ``as_of`` (ISO: '2018', '2018-07', '2018-07-13'; the command's ``--as-of``) resolves relative dates such as
    'last year' in essays that carry no date of their own; ``reference_date`` is its old name (deprecated).
    ``kinds`` and ``sections`` keep only claims of those kinds and in those parts of an essay
    (``claimx.model.SECTIONS``).

    >>> [c.text for c in extract("Nearly 12,000 troops were sent, a 40 percent rise.")]
    ['Nearly 12,000', '40 percent']
    """
    as_of = _as_of(as_of, reference_date)
    return next(extract_texts([(text, file)], nlp=nlp, kinds=kinds, sections=sections, as_of=as_of))


def _as_of(as_of: str | None, reference_date: str | None) -> str | None:
    """``as_of``, or the deprecated ``reference_date`` with a DeprecationWarning at the caller's call."""
    if reference_date is None:
        return as_of
    if as_of is not None:
        raise TypeError("give as_of or its old name reference_date, not both")
    warnings.warn("reference_date is deprecated; use as_of (the same date)", DeprecationWarning, stacklevel=3)
    return reference_date


def _pairs(items: Iterable[str | tuple[str, str | None]]) -> Iterator[tuple[str, str | None]]:
    """``(text, file)`` pairs; a plain string is a text with no file name (``file`` None)."""
    for item in items:
        yield (item, None) if isinstance(item, str) else item


@dataclass
class _Plan:
    """One text, read up to the point where the parser is needed."""

    clean: CleanText
    file: str | None
    essays: list[Essay]
    sentences: list[tuple[int, int]]
    candidates: list[Candidate]
    units: dict = field(default_factory=dict)  # unit key (sentence index, or (index, start, end)) -> parsed range
    dates: list[Candidate] = field(default_factory=list)
    date_starts: list[int] = field(default_factory=list)
    page_breaks: list[int] = field(default_factory=list)  # offsets of the form feeds that end PDF pages


def _plan(text: str, file: str | None, as_of: str | None, parse_all: bool) -> _Plan:
    clean = clean_text(text)
    t = clean.text
    essays = split_essays(text)
    sentences = sentence_spans(t)
    cands, table_spans, cells = tables.scan(t)
    real = len(sentences)
    sentences = sentences + cells  # a table's cells of words are read as sentences of their own
    for i, (s, e) in enumerate(sentences):
        if (i < real and any(s < te and ts < e for ts, te in table_spans)) or not may_hold_a_claim(t[s:e]):
            continue
        lo, hi = bisect.bisect_right(clean.cuts, s), bisect.bisect_left(clean.cuts, e)
        for c in find_candidates(t[s:e], cuts=[cut - s for cut in clean.cuts[lo:hi]]):
            c.start, c.end = c.start + s, c.end + s
            c.core = (c.core[0] + s, c.core[1] + s) if c.core else None
            c.sentence_index = i
            if i >= real:
                c.in_table, c.prose, c.row = True, True, (s, e)
            cands.append(c)
    contents = [m.span() for m in CONTENTS_ENTRY.finditer(text)] if "](" in text else []
    if contents:
        starts = [a for a, _ in contents]

        def in_contents(c: Candidate) -> bool:
            at = clean.span(c.start, c.end)[0]
            k = bisect.bisect_right(starts, at) - 1
            return k >= 0 and at < contents[k][1]

        cands = [c for c in cands if not in_contents(c)]
    cands.sort(key=lambda c: c.start)
    for c in cands:
        if c.kind == Kind.date and c.relative is not None:  # against the essay's own date, else --as-of
            essay = essay_at(essays, clean.span(c.start, c.end)[0])
            c.value, c.low, c.high = resolve_relative(c.relative, essay.published or as_of)
    plan = _Plan(clean, file, essays, sentences, cands)
    plan.page_breaks = [m.start() for m in regex.finditer(PAGE_BREAK, text)]
    by_sentence: dict[int, list[Candidate]] = {}
    for c in cands:
        if _needs_parse(c):
            by_sentence.setdefault(c.sentence_index, []).append(c)
    wanted = range(len(sentences)) if parse_all else sorted(by_sentence)
    for i in wanted:
        s, e = sentences[i]
        if e - s > MAX_PARSE:  # text without sentence punctuation: parse a window around each figure
            for key, (ws, we), members in _windows(t, i, s, e, by_sentence.get(i, [])):
                plan.units[key] = (ws, we)
                for c in members:
                    c.unit_key = key
            continue
        back = i
        while 0 < back < real and i - back < ANAPHOR_REACH and _anaphor().match(t, *sentences[back]):
            back -= 1  # the sentence before holds the antecedent, or refers back itself
        s = sentences[back][0]
        plan.units[i] = (s, e)
        for c in by_sentence.get(i, []):
            c.unit_key = i
    return plan


@functools.cache
def _elided_scale() -> regex.Pattern:
    """A scale word ('about 10 billion'): a bare figure with one may share the unit of the figure before it."""
    from claimx.numbers import scale_word_pattern

    return regex.compile(rf"(?i)\b(?:{scale_word_pattern()})\b")


@functools.cache
def _set_against() -> regex.Pattern:
    """'down from', 'than', 'versus' (and a qualifier) just before a figure: it is compared with the one before."""
    g = load("grammar")
    qualifiers = list(qualifier_table())
    return regex.compile(rf"(?i)\b(?:{alternation(g['comparison_markers'])})\s+(?:(?:{alternation(qualifiers)})\s+)?$")


@functools.cache
def _anaphor() -> regex.Pattern:
    """A sentence opening with a pronoun ('It rose ...'), or with one within its first words ('In 2022 they
    rose ...'): its antecedent is in the sentence before."""
    g = load("grammar")
    return regex.compile(rf"[\"“‘(]?(?:{alternation(g['anaphor_openers'])})\b"
                         rf"|(?:[^\s.!?]+\s+){{1,4}}(?:{alternation(g['anaphor_subjects'])})\s")


def _around(text: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    """About WINDOW characters either side of ``[lo, hi)`` inside ``[start, end)``, cut at spaces so no word is cut."""
    ws, we = max(start, lo - WINDOW), min(end, hi + WINDOW)
    if ws > start:
        ws = text.find(" ", ws, lo) + 1 or ws
    if we < end:
        cut = text.rfind(" ", hi, we)
        we = cut if cut > 0 else we
    return ws, we


def _windows(text: str, i: int, start: int, end: int, cands: list[Candidate]):
    """For an over-long 'sentence', windows around its figures, merged when they overlap, then cut at spaces:
    (key, (start, end), candidates) for each."""
    groups: list[tuple[int, list[Candidate]]] = []  # (unsnapped end, members)
    for c in sorted(cands, key=lambda c: c.start):
        if groups and max(start, c.start - WINDOW) <= groups[-1][0]:
            groups[-1][1].append(c)
            groups[-1] = (min(end, c.end + WINDOW), groups[-1][1])
        else:
            groups.append((min(end, c.end + WINDOW), [c]))
    out = []
    for _, members in groups:
        ws, we = _around(text, start, end, members[0].start, max(c.end for c in members))
        out.append(((i, ws, we), (ws, we), members))
    return out


def _needs_parse(c: Candidate) -> bool:
    return c.kind != Kind.date and (not c.in_table or c.prose) and c.sentence_index is not None


@dataclass(frozen=True)
class Reading:
    """One text, read: its claims (after the ``kinds`` and ``sections`` filters) and its essays."""

    claims: list[Claim]
    essays: list[EssayRow]


def extract_texts(items: Iterable[str | tuple[str, str | None]], *, nlp: "Language | None" = None,
                  kinds: Iterable[Kind | str] | None = None, sections: Iterable[str] | None = None,
                  batch_size: int = BATCH_SIZE, as_of: str | None = None, parse_all: bool = False,
                  reference_date: str | None = None) -> Iterator[list[Claim]]:
    """For each text, yield the list of its claims; sentences are parsed in batches.

    An item is a plain string (its claims have ``file`` None) or a ``(text, file)`` pair; the two can be mixed.
    ``kinds`` and ``sections`` keep only claims of those kinds and in those parts of an essay ('body',
    'table' ...). ``as_of`` is as in :func:`extract` (``reference_date``: its deprecated name). ``parse_all``
    parses every sentence, not only those that need it: slower, and the same claims.
    """
    as_of = _as_of(as_of, reference_date)
    return (reading.claims for reading in read_texts(items, nlp=nlp, kinds=kinds, sections=sections,
                                                     batch_size=batch_size, as_of=as_of, parse_all=parse_all))


def read_texts(items: Iterable[str | tuple[str, str | None]], *, nlp: "Language | None" = None,
               kinds: Iterable[Kind | str] | None = None, sections: Iterable[str] | None = None,
               batch_size: int = BATCH_SIZE, as_of: str | None = None, parse_all: bool = False,
               reference_date: str | None = None) -> Iterator[Reading]:
    """For each text (a plain string, or a ``(text, file)`` pair), its :class:`Reading`: claims and essays, each
    text split once. The options are those of :func:`extract_texts`."""
    as_of = check_reference(_as_of(as_of, reference_date))
    return _read_texts(_pairs(items), nlp, kinds, sections, batch_size, as_of, parse_all)


def _read_texts(items: Iterator[tuple[str, str | None]], nlp: "Language | None", kinds, sections, batch_size: int,
                as_of: str | None, parse_all: bool) -> Iterator[Reading]:
    nlp = nlp or load_nlp()
    wanted = {Kind(k) for k in kinds} if kinds else None
    parts = set(sections) if sections else None
    pending: list[_Plan] = []

    def kept(claim: Claim) -> bool:
        return (wanted is None or claim.kind in wanted) and (parts is None or claim.section in parts)

    def flush() -> Iterator[Reading]:
        # each parsed sentence's claims are read as soon as its Doc arrives; the Doc is then dropped
        found: list[list[tuple[int, Claim]]] = [[] for _ in pending]
        frames: dict[tuple[int, int], Frame] = {}  # (plan, candidate) -> the act its figure is the object of
        by_unit: list[dict[int, list[tuple[int, Candidate]]]] = []
        for n, p in enumerate(pending):
            dates = [c for c in p.candidates if c.kind == Kind.date]
            groups: dict[int, list[tuple[int, Candidate]]] = {}
            for k, c in enumerate(p.candidates):
                if kinds_skip(c):
                    continue
                if _needs_parse(c) and c.unit_key in p.units:
                    groups.setdefault(c.unit_key, []).append((k, c))
                else:
                    _keep(found[n], k, _claim(p, c, dates, None, None))
            by_unit.append(groups)
            p.dates = dates
            p.date_starts = [d.start for d in dates]
            p.candidates = []  # from here each candidate is held by its unit's group only, dropped once read
        keys = [(n, i) for n, p in enumerate(pending) for i in p.units if i in by_unit[n]]
        # a line break inside a sentence is a space to the parser ('Fifty-\nseven percent'); offsets are unchanged
        jobs = ((pending[n].clean.text[slice(*pending[n].units[i])].translate(LINE_BREAKS), (n, i)) for n, i in keys)
        for doc, (n, i) in _parse(nlp, jobs, batch_size):
            p = pending[n]
            places = context.places_in(doc)
            measured, measured_end, in_sentence = None, 0, None  # the sentence's last money or quantity claim
            for k, c in by_unit[n][i]:
                if in_sentence != c.sentence_index:
                    measured = None
                frame: list = []
                claim = _claim(p, c, p.dates, doc, places, p.units[i][0], measured, measured_end, frame)
                _keep(found[n], k, claim)
                if frame:
                    frames[n, k] = frame[0]
                if claim is not None and claim.kind in (Kind.money, Kind.quantity, Kind.count):
                    measured, measured_end, in_sentence = claim, c.end, c.sentence_index
            del by_unit[n][i]
        keys = subject_keys(nlp, (claim.subject for f in found for _, claim in f))
        out = []
        for n, (p, f) in enumerate(zip(pending, found)):
            claims = [_keyed(claim, keys, frames.get((n, k))) for k, claim in sorted(f, key=lambda kc: kc[0])
                      if kept(claim)]
            out.append(Reading(claims, essay_rows(p, claims)))
        pending.clear()
        yield from out

    def kinds_skip(c: Candidate) -> bool:
        return wanted is not None and c.kind not in wanted and not c.needs_noun

    for text, file in items:
        pending.append(_plan(text, file, as_of, parse_all))
        if len(pending) >= batch_size or sum(len(p.units) for p in pending) >= 4 * batch_size:
            yield from flush()
    if pending:
        yield from flush()


def _keyed(claim: Claim, keys: dict, frame: Frame | None = None) -> Claim:
    """The claim with its subject key, and the act its figure is the object of (``frame``: 'Argentina exported 14
    million tonnes of wheat' adds ``export`` to the subject's ``wheat``); a place its subject names ('Brazil's
    exports'), else the act's doer ('Ghana, Africa's leading producer, produced ...'), is the claim's place."""
    key, place = keys[claim.subject] if claim.subject else (None, None)
    if frame is not None:
        # a subject that is the act's doer ('Vietnam', 'the country') or has no content leaves the act and what
        # was acted on ('Vietnam exported $3 billion': export)
        doer = frame.actor and claim.subject and claim.subject.lower().strip() == frame.actor
        own = key and not frame.whole and not doer
        if own or doer or frame.whole or len(frame.words) > 1:
            key = " ".join(sorted(set(key.split() if own else ()) | set(frame.words)))
        place = place or frame.place  # the doer's country, before the sentence's nearest place
    if key and claim.unit and claim.subject and claim.subject.lower().startswith(claim.unit.lower() + " of "):
        # '380 million boxes of bananas', 'tonnes of nickel': the unit is said by the unit column, not the key (a
        # counted noun that is what is measured, '5 million cars', stays)
        rest = [w for w in key.split() if w != singular(claim.unit.lower())]
        key = " ".join(rest) if rest else key
    if key is None and place is None:
        return claim
    return dataclasses.replace(claim, subject_key=key, place=place or claim.place)


def _parse(nlp: "Language", jobs: Iterable[tuple[str, object]], batch_size: int) -> Iterator[tuple["Doc", object]]:
    """``nlp.pipe`` over ``(text, key)`` jobs in batches of ``batch_size`` texts or about BATCH_CHARS characters,
    whichever is reached first: the parser's working memory grows with the tokens of a batch, and the windows of
    text without sentence punctuation are up to MAX_SENTENCE characters each, not a sentence's hundred or so."""
    batch: list[tuple[str, object]] = []
    size = 0
    for job in jobs:
        batch.append(job)
        size += len(job[0])
        if len(batch) >= batch_size or size >= BATCH_CHARS:
            yield from nlp.pipe(batch, as_tuples=True, batch_size=len(batch))
            batch, size = [], 0
    if batch:
        yield from nlp.pipe(batch, as_tuples=True, batch_size=len(batch))


def _keep(found: list, k: int, claim: Claim | None) -> None:
    if claim is not None:
        found.append((k, claim))


def _claim(plan: _Plan, c: Candidate, dates: list[Candidate], doc: "Doc | None", places: list | None,
           off: int = 0, measured: Claim | None = None, measured_end: int = 0,
           frame: list | None = None) -> Claim | None:
    """The claim for one candidate; ``doc`` is the parse of its sentence (starting at clean offset ``off``);
    ``measured``: the last money or quantity claim before it in the same sentence (for an elided unit), ending at
    clean offset ``measured_end``; ``frame`` receives the key words of the act the figure is the object of."""
    text = plan.clean.text
    kind, unit, subject, direction, place, attribution = c.kind, c.unit, c.subject, c.direction, c.place, None
    claim_end = c.end
    i = c.sentence_index
    sent_start, sent_end = c.row or plan.sentences[i]
    if doc is not None:
        span = context.claim_tokens(doc, (c.core[0] if c.core else c.start) - off, c.end - off)
        if span is None:
            return None
        noun = None
        if c.needs_noun:
            noun = context.counted_noun(span)
            # the unit said once for two figures: a scale word ('and 6 billion in 2020'), or a figure it is set
            # against ('cut 34,000 jobs, down from 89,000')
            elided = measured is not None and measured.unit is not None \
                and (_set_against().search(text, max(0, c.start - 30), c.start) is not None
                     or (_elided_scale().search(text, c.start, c.end) is not None
                         and context.shares_subject(span, measured.subject))) \
                and context.nothing_named_between(doc, measured_end - off, span.start, measured.unit)
            if noun is not None and elided and noun.i < span.start and noun.text in (measured.subject or "").split():
                noun = None  # 'Exports were $5 billion in 2019 and 6 billion in 2020': dollars, not 'exports'
            if noun is None and elided:
                # '40 billion tonnes of iron ore in the north, about 6 billion in the south': the unit (and
                # what is measured) said once for both
                kind, unit, subject = measured.kind, measured.unit, subject or measured.subject
            elif noun is None or context.is_anaphoric(span, noun) or context.is_address(noun) \
                    or context.is_lost_ordinal(span, noun):
                return None
            elif context.is_idiom(span) or context.is_identifier(span):
                return None
            else:
                unit = context.noun_unit(noun, {t.i for t in span})
                measured_in = unit_lookup(unit) if unit else None
                if measured_in is not None and measured_in[1] == 1 and noun.i == span.end:
                    # '1.8m tonnes of nickel': a quantity (of nickel), not a count of tonnes
                    kind, unit, noun = Kind.quantity, measured_in[0], None
                    claim_end = off + doc[span.end].idx + len(doc[span.end])
                    span = context.claim_tokens(doc, span.start_char, doc[span.end].idx + len(doc[span.end]))
        subject = subject or context.plausible_subject(
            context.subject_of(span, kind, noun, unit) or context.sentence_subject(span), kind, unit)
        subject = context.line_label(text[sent_start:c.start], subject) or subject
        direction = direction or context.direction_of(span, doc.text, c.end - off)
        place = place or context.place_of(span, places)
        attribution = context.source_of(span)
        found_frame = frame_of(span) if frame is not None else None
        if found_frame is not None:
            frame.append(found_frame)
    elif c.needs_noun:
        return None
    time = c.time
    if time is None and c.kind != Kind.date:
        lo = bisect.bisect_left(plan.date_starts, sent_start)  # dates are in text order: only this sentence's
        hi = bisect.bisect_right(plan.date_starts, sent_end)
        near = [d for d in dates[lo:hi] if d is not c and d.end <= sent_end]
        if near:
            best = min(near, key=lambda d: abs(d.start - c.start))
            time = best.value or (f"{best.low}/{best.high}" if best.low else text[best.start:best.end])
    start, end = plan.clean.span(c.start, claim_end)
    essay = essay_at(plan.essays, start)
    return Claim(
        file=plan.file, start=start, end=end, text=plan.clean.original[start:end], kind=kind,
        value=c.value, low=c.low, high=c.high, unit=unit, qualifier=c.qualifier, direction=direction,
        subject=subject.translate(PLAIN_QUOTES) if subject else subject, place=place, time=time, source=attribution,
        essay=essay.index, essay_title=essay.title, authors=tuple(essay.authors), published=essay.published,
        section="table" if c.in_table else essay.section_at(start), in_table=c.in_table,
        page=bisect.bisect_right(plan.page_breaks, start) + 1 if plan.page_breaks else None,
        sentence=_sentence_text(text, sent_start, sent_end, c),
    )


# a subject is a label: typographic quotes written plain, so 'the state’s rate' (a PDF) and "the state's rate"
# (its web page) are one subject in a spreadsheet's filter or a group-by
PLAIN_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})
BULLET = regex.compile(r"^(?:[•\-*·▪◦–—‣+]+\s+)+")  # a list marker before a sentence, not a sign ('-3% in 2020')


def _sentence_text(text: str, start: int, end: int, c: Candidate) -> str | None:
    """The claim's sentence, whitespace collapsed; for text without sentence punctuation (a 'sentence' longer than
    MAX_PARSE), the words within WINDOW characters of the claim, with '…' where it was cut."""
    if end - start > MAX_PARSE:
        ws, we = _around(text, start, end, c.start, c.end)
        inner = " ".join(text[ws:we].split())
        return ("… " if ws > start else "") + inner + (" …" if we < end else "")
    return BULLET.sub("", " ".join(text[start:end].split())) or None


def essay_at(essays: list[Essay], offset: int) -> Essay:
    """The essay holding an offset of the original text (essays cover the whole text)."""
    i = bisect.bisect_right([e.start for e in essays], offset) - 1
    return essays[max(i, 0)]


def essay_rows(plan: _Plan, claims: list[Claim]) -> list[EssayRow]:
    """The essays of a planned text, with their word counts and the number of ``claims`` in each."""
    text = plan.clean.original
    starts = sorted(c.start for c in claims)
    return [EssayRow(file=plan.file, essay=e.index, title=e.title, authors=tuple(e.authors), date=e.published,
                     start=e.start, end=e.end, words=len(text[e.start:e.end].split()),
                     claims=bisect.bisect_left(starts, e.end) - bisect.bisect_left(starts, e.start))
            for e in plan.essays]
