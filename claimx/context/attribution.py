"""Where and by whom: the place a figure is about and the source it is attributed to."""
from __future__ import annotations

from claimx.context.cues import cue
from claimx.context.tree import anchor_of, noun_phrase, pobj, subject_phrase

PLACE_LABELS = {"GPE", "LOC"}
SOURCE_MAX_TOKENS = 10


COUNTRY_WORDS = 5  # the most words a country's name has ('Saint Vincent and the Grenadines')


def places_in(doc) -> list:
    """The place entities (GPE, LOC) of a document, computed once per document, with the countries the entity
    tagger missed ('In 2022 Chile produced ...' tags Chile a PERSON) and, labelled NORP, the demonyms of countries
    ('Kenyan growers'), which stand for a place only where the sentence names none."""
    from spacy.tokens import Span

    from claimx._data import load

    found = [e for e in doc.ents if e.label_ in PLACE_LABELS]
    taken = {i for e in found for i in range(e.start, e.end)}
    countries = load("places")
    i = 0
    while i < len(doc):
        tok = doc[i]
        if tok.i in taken or not tok.text[:1].isupper():
            i += 1
            continue
        for n in range(min(COUNTRY_WORDS, len(doc) - i), 0, -1):
            words = doc[i:i + n]
            key = words.text.lower()
            if key in countries["names"] and not any(t.i in taken for t in words):
                found.append(Span(doc, i, i + n, label="GPE"))
                break
            if n == 1 and key in countries["demonyms"]:
                found.append(Span(doc, i, i + 1, label="NORP"))
        i += n
    return found


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
