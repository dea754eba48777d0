"""Where and by whom: the place a figure is about and the source it is attributed to."""
from __future__ import annotations

import functools

from claimx.context.cues import cue
from claimx.context.tree import anchor_of, noun_phrase, pobj, subject_phrase

PLACE_LABELS = {"GPE", "LOC"}
SOURCE_MAX_TOKENS = 10


def places_in(doc) -> list:
    """The place entities (GPE, LOC) of a document, computed once per document, with the countries the entity
    tagger missed ('In 2022 Chile produced ...' tags Chile a PERSON) and, labelled NORP, the demonyms of countries
    ('Kenyan growers', 'South African exports'), which stand for a place only where the sentence names none. A name
    inside a longer entity ('Michael Jordan', 'Chad Smith') is no country."""
    from spacy.tokens import Span

    from claimx._data import load

    found = [e for e in doc.ents if e.label_ in PLACE_LABELS]
    taken = {i for e in found for i in range(e.start, e.end)}
    countries = load("places")
    longest = _longest_names()
    i = 0
    while i < len(doc):
        step = 1
        if i not in taken and doc[i].text[:1].isupper():
            for n in range(min(longest, len(doc) - i), 0, -1):
                key = doc[i:i + n].text.lower()
                label = "GPE" if key in countries["names"] else "NORP" if key in countries["demonyms"] else None
                if label and stands_alone(doc, i, i + n) and not any(j in taken for j in range(i, i + n)):
                    found.append(Span(doc, i, i + n, label=label))
                    step = n
                    break
        i += step
    return found


@functools.cache
def _longest_names() -> int:
    """The most tokens a country's name or demonym can take (a rough count: words, and their hyphens)."""
    from claimx._data import load

    d = load("places")
    return max(len(k.replace("-", " - ").split()) for table in ("names", "demonyms") for k in d[table])


def stands_alone(doc, start: int, end: int) -> bool:
    """No entity the tagger found runs past the tokens start..end: they are a name of their own ('Chile' tagged a
    PERSON), not part of another ('Michael Jordan', 'Thomas Mann')."""
    return all(e.start >= start and e.end <= end for e in doc.ents if e.start < end and start < e.end)


def place_of(span, places: list) -> str | None:
    """The nearest place named in the claim's sentence (a demonym only where it names no place itself); ``places``
    comes from :func:`places_in`."""
    sent = span.sent
    near = [e for e in places if sent.start <= e.start and e.end <= sent.end
            and not (e.start < span.end and span.start < e.end)]
    near = [e for e in near if e.label_ in PLACE_LABELS] or near
    if not near:
        return None
    anchor = anchor_of(span)
    for e in near:  # '90 percent in Colombia': the place hangs from the figure
        t = e.root
        for _ in range(3):
            t = t.head
            if t.i == anchor.i:
                return e.text
    gap = lambda e: e.start - span.end if e.start >= span.end else span.start - e.end + 0.5  # noqa: E731
    return min(near, key=gap).text


def source_of(span) -> str | None:
    """Who the sentence attributes the figure to: 'according to the statistics office', 'the ministry
    estimates that ...', 'a 2019 survey by X found ...', '..., officials said'."""
    sent = span.sent
    ids = {t.i for t in span}
    for tok in sent:  # according to X
        if tok.lower_ == "according":
            nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
            to = [c for c in tok.children if c.lower_ == "to"] or ([nxt] if nxt is not None and nxt.lower_ == "to" else [])
            obj = pobj(to[0]) if to else None
            if obj is not None:
                return noun_phrase(obj, ids, max_tokens=SOURCE_MAX_TOKENS)
    reporting = cue("reporting_verbs")
    anchor = anchor_of(span)
    t = anchor
    for _ in range(12):  # climb to a reporting verb whose clause holds the claim
        if t.pos_ == "VERB" and t.lemma_.lower() in reporting and t.i != anchor.i:
            found = subject_phrase(t, ids, max_tokens=SOURCE_MAX_TOKENS)
            if found is not None:
                return found
            agents = [c for c in t.children if c.dep_ == "agent"]
            if agents and pobj(agents[0]) is not None:
                return noun_phrase(pobj(agents[0]), ids, max_tokens=SOURCE_MAX_TOKENS)
        if t.dep_ == "ROOT" or t.head.i == t.i:
            break
        t = t.head
    # '..., officials said.' parsed with the claim's clause as the root
    for tok in sent:
        if tok.pos_ == "VERB" and tok.lemma_.lower() in reporting and tok.dep_ in ("parataxis", "ccomp", "advcl") \
                and tok.head.i == sent.root.i and tok.i > anchor.i:
            found = subject_phrase(tok, ids, resolve=False, max_tokens=SOURCE_MAX_TOKENS)
            if found is not None:
                return found
    return None
