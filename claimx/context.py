"""Read a candidate's context from the dependency parse: the noun it counts, its subject, direction, place, time.

Pure functions over a spaCy ``Doc``; nothing here changes the document. Dependency rules are named sets,
in the manner of textacy's ``extract/triples.py``.
"""
from __future__ import annotations

import functools
from collections.abc import Iterable

from claimx._data import load
from claimx.model import Direction, Kind

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
MODIFIER_DEPS = {"nummod", "amod", "compound", "quantmod", "npadvmod", "nmod"}
# how a number hangs from the verb whose subject it describes
CLIMB_DEPS = {"dobj", "pobj", "prep", "npadvmod", "attr", "acomp", "advmod", "nummod", "quantmod", "appos",
              "conj", "nmod", "oprd", "dative", "amod", "compound", "pcomp", "advcl", "xcomp", "ccomp", "acl"}
NP_KEEP_LEFT = {"det", "poss", "amod", "compound", "nmod", "nummod", "case", "predet", "quantmod", "advmod", "npadvmod"}
NP_PREPS = {"of", "in", "to", "for", "from", "on", "at", "with", "by", "among"}
PRONOUNS = {"it", "its", "they", "them", "their", "this", "that", "these", "those", "which", "who", "he", "she",
            "we", "i", "you", "one", "there", "what", "some", "many", "most", "all"}
# nouns that name a share or a change of something else: the subject is their of/in-object
RELATIONAL_NOUNS = {"share", "proportion", "percentage", "portion", "part", "fraction", "rate", "total", "number",
                    "amount", "level", "majority", "minority", "half", "third", "quarter", "bulk", "sum", "average",
                    "peak", "high", "low", "record", "maximum", "minimum", "value", "figure", "tally", "estimate"}
PLACE_LABELS = {"GPE", "LOC"}
# how a number hangs directly from a change verb: 'rose 40 percent', 'cut 300 jobs'
DIRECT_DEPS = {"dobj", "npadvmod", "advmod", "nummod", "oprd", "attr", "acomp"}


@functools.cache
def _cues():
    c = load("cues")
    return {
        "inc_v": set(c["increase_verbs"]), "dec_v": set(c["decrease_verbs"]),
        "inc_n": set(c["increase_nouns"]), "dec_n": set(c["decrease_nouns"]),
        "inc_c": set(c["increase_comparatives"]), "dec_c": set(c["decrease_comparatives"]),
        "level": set(c["level_prepositions"]),
        "measure": set(c["measure_verbs"]),
        "denominators": set(c["denominators"]),
        "reporting": set(c["reporting_verbs"]),
    }


def claim_tokens(doc, start: int, end: int):
    """The tokens overlapping a character range (never None: a regex hit is never dropped)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is not None and len(span):
        return span
    toks = [t for t in doc if t.idx < end and t.idx + len(t.text) > start]
    if not toks:
        return None
    return doc[toks[0].i: toks[-1].i + 1]


def anchor_of(span):
    """The syntactic head of a claim's tokens; of several, the number ('a million trees': 'million', not 'a')."""
    lo, hi = span.start, span.end
    heads = [t for t in span if not lo <= t.head.i < hi or t.head.i == t.i]
    if len(heads) > 1:
        numeric = [t for t in heads if t.like_num or t.pos_ == "NUM"]
        if numeric:
            return numeric[-1]
    return span.root


def noun_phrase(tok, exclude: Iterable[int] = (), max_tokens: int = 12) -> str | None:
    """A short noun phrase headed by ``tok``: its left modifiers and its first prepositional object,
    never a relative clause, apposition or conjunct clause, and never the claim's own tokens."""
    excluded = set(exclude)
    keep = {tok.i}

    def add_subtree(t, depth):
        for child in t.children:
            if child.i in excluded:
                continue
            if child.i < t.i and child.dep_ in NP_KEEP_LEFT:
                keep.add(child.i)
                add_subtree(child, depth)
            elif child.i > t.i and child.dep_ == "prep" and child.lower_ in NP_PREPS and depth < 2:
                objs = [g for g in child.children if g.dep_ == "pobj" and g.i not in excluded]
                if objs:
                    keep.add(child.i)
                    keep.add(objs[0].i)
                    add_subtree(objs[0], depth + 1)
                    break  # the first prepositional phrase only
            elif child.i > t.i and child.dep_ in ("compound", "amod") and child.i == t.i + 1:
                keep.add(child.i)

    add_subtree(tok, 0)
    lo, hi = min(keep), max(keep)
    # the phrase is contiguous and never holds the claim: cut it where the claim sits
    inside = [i for i in excluded if lo <= i <= hi]
    if inside:
        if tok.i > max(inside):
            lo = max(inside) + 1
        elif tok.i < min(inside):
            hi = min(inside) - 1
    while lo < hi and (tok.doc[lo].is_punct or tok.doc[lo].dep_ in ("cc", "prep") or tok.doc[lo].i in excluded):
        lo += 1
    while hi > lo and (tok.doc[hi].is_punct or tok.doc[hi].dep_ in ("cc", "det", "prep") or tok.doc[hi].i in excluded):
        hi -= 1
    if hi - lo + 1 > max_tokens:
        hi = lo + max_tokens - 1
    text = tok.doc[lo: hi + 1].text.strip()
    return text or None


def counted_noun(span):
    """The noun a bare number counts: '31,416 apprehensions', '12,000 of its troops', 'millions of people',
    'the ministry's four' (the noun said before), 'arrests reached 31,416', 'homicides, nearly 30,000,'."""
    anchor = anchor_of(span)
    ids = {t.i for t in span}
    for child in anchor.children:  # 12,000 of its troops
        if child.dep_ == "prep" and child.lower_ == "of" and child.i > anchor.i:
            objs = [g for g in child.children if g.dep_ == "pobj"]
            if objs and objs[0].pos_ in ("NOUN", "PROPN"):
                return objs[0]
    head = anchor.head
    if head.i in ids:
        return None
    # a population of 383,997 / a total of 500
    if anchor.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN" and head.head.i < anchor.i \
            and any(t.text[:1].isdigit() for t in span):
        return _counted_of(head.head)
    # 42 people were killed and more than 300 injured
    if anchor.dep_ == "conj" and (head.like_num or head.pos_ == "NUM"):
        sibling = counted_noun(head.doc[head.i: head.i + 1])
        if sibling is not None:
            return sibling
    if anchor.dep_ in ("nummod", "quantmod", "amod", "compound", "nmod") and head.pos_ in ("NOUN", "PROPN"):
        # 'the ministry's four' counts the noun said before it; a name before a number is a label ('Route 66')
        if head.i > anchor.i or (anchor.dep_ == "nummod" and head.tag_ == "NNS"):
            return head
    written_in_digits = any(t.text[:1].isdigit() for t in span)
    if not written_in_digits and not any(t.lower_ in ("million", "billion", "thousand", "trillion") for t in span):
        return None
    # homicides — nearly 30,000 —
    if anchor.dep_ == "appos" and head.pos_ in ("NOUN", "PROPN") and head.tag_ in ("NNS", "NNPS"):
        return head
    # arrests reached 31,416 / the total is estimated to be more than a million
    if anchor.dep_ in ("dobj", "attr", "oprd") or (anchor.dep_ == "pobj" and head.lower_ in ("to", "at")):
        verb = governing_verb(anchor)
        if verb is not None and verb.lemma_.lower() in _cues()["measure"]:
            sub = verb_subject(verb)
            if sub is not None and sub.pos_ in ("NOUN", "PROPN") and sub.lower_ not in PRONOUNS:
                return _counted_of(sub)
    return None


def _counted_of(noun):
    """'the number of children' counts children; other nouns count themselves."""
    if noun.lemma_.lower() in RELATIONAL_NOUNS:
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                objs = [g for g in child.children if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN")]
                if objs:
                    return objs[0]
    return noun


ANAPHORIC_MAX = 3
# 'two sides', 'three things': small numbers in words rarely state a statistic
SMALL_WORD_MAX = 3


def is_small_word_count(span) -> bool:
    """'one', 'two' or 'three' written as a word, without a scale: not reported as a count."""
    if any(t.text[:1].isdigit() for t in span):
        return False
    from claimx.numbers import words_to_number

    value = words_to_number(span.text)
    return value is not None and value <= SMALL_WORD_MAX


def is_anaphoric(span, noun) -> bool:
    """'the two countries', 'both sides': a small number word after a determiner refers back to things
    already named rather than counting them ('the four main routes' still counts)."""
    if any(t.like_num and t.text[:1].isdigit() for t in span):
        return False
    from claimx.numbers import words_to_number

    value = words_to_number(span.text)
    if value is None or value > ANAPHORIC_MAX:
        return False
    first = span[0]
    prev = first.doc[first.i - 1] if first.i > 0 else None
    return prev is not None and prev.lower_ in ("the", "these", "those", "both", "all", "its", "their", "his", "her", "our", "my", "your", "each", "every")


def governing_verb(tok):
    """The verb or copula a number hangs from, climbing through prepositions and noun modifiers."""
    t = tok
    for _ in range(8):
        if t.pos_ in ("VERB", "AUX") and t.i != tok.i:
            return t
        if t.dep_ == "ROOT" or t.head.i == t.i:
            return t if t.pos_ in ("VERB", "AUX") else None
        if t.dep_ not in CLIMB_DEPS and t.dep_ not in SUBJECT_DEPS:
            return None
        t = t.head
    return None


def verb_subject(verb):
    """The nominal subject of a verb, taken from the verb it is chained to when it has none."""
    v = verb
    for _ in range(4):
        subs = [c for c in v.children if c.dep_ in SUBJECT_DEPS]
        if subs:
            return subs[0]
        if v.dep_ in ("xcomp", "conj", "advcl", "ccomp", "acl", "relcl", "pcomp") and v.head.i != v.i:
            if v.dep_ in ("acl", "relcl") and v.head.pos_ in ("NOUN", "PROPN"):
                return v.head
            v = v.head
            continue
        return None
    return None


def conjoined_to(span):
    """For '60 percent in A and 90 percent in B', the first figure's tokens, when ``span`` is the second."""
    anchor = anchor_of(span)
    head = anchor.head
    if anchor.dep_ == "conj" and head.i < anchor.i and (head.like_num or head.pos_ == "NUM" or head.lower_ in ("percent", "%")):
        return head.doc[head.i: head.i + 1]
    return None


NON_SUBJECT_ENTS = {"GPE", "LOC", "DATE", "TIME", "CARDINAL", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"}


def _pobj(prep):
    objs = [g for g in prep.children if g.dep_ == "pobj"]
    return objs[0] if objs else None


def _content_obj(prep):
    """The object of a preposition when it names a thing: not a place, a date, a month or a number."""
    obj = _pobj(prep)
    if obj is None or obj.ent_type_ in NON_SUBJECT_ENTS or obj.pos_ not in ("NOUN", "PROPN") \
            or obj.lower_.rstrip(".") in load("dates")["months"] or obj.like_num:
        return None
    return obj


def subject_of(span, kind: Kind, noun=None) -> str | None:
    """The phrase naming what the number measures or counts."""
    ids = {t.i for t in span}
    if noun is not None:
        return noun_phrase(noun, ids)
    first = conjoined_to(span)
    if first is not None:
        return subject_of(first, kind)
    anchor = anchor_of(span)
    head = anchor.head
    # 53 percent of the popular vote / $220 billion in commitments (not 'in Peru', 'in 2019')
    for child in anchor.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "in") and child.i > anchor.i:
            obj = _content_obj(child)
            if obj is None:
                continue
            if child.lower_ == "of" and obj.lemma_.lower() in _cues()["denominators"]:
                # 2-9 percent of GDP: the subject is what amounts to that share
                found = _verb_phrase_subject(anchor, ids, kind)
                return found or noun_phrase(obj, ids)
            return noun_phrase(obj, ids)
    # inflation at 4.1% / the IMF puts growth at 3 percent
    if anchor.dep_ == "pobj" and head.lower_ == "at":
        owner = head.head
        if owner.pos_ in ("NOUN", "PROPN") and owner.i not in ids and owner.ent_type_ not in NON_SUBJECT_ENTS:
            return noun_phrase(owner, ids)
        if owner.pos_ == "VERB":
            objs = [c for c in owner.children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN") and c.i not in ids]
            if objs:
                return noun_phrase(objs[0], ids)
    # a transfer of $180 per capita / a deficit of 3 percent / an increase of 40 percent in X
    if anchor.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN" and head.head.i not in ids:
        owner = head.head
        if _is_change_noun(owner) or owner.lemma_.lower() in RELATIONAL_NOUNS:
            for child in owner.children:
                if child.dep_ == "prep" and child.lower_ in ("in", "of", "for", "to", "on") and child.i > anchor.i:
                    obj = _content_obj(child)
                    if obj is not None:
                        return noun_phrase(obj, ids)
            verb = governing_verb(owner)
            sub = verb_subject(verb) if verb is not None and verb.lemma_.lower() not in _cues()["reporting"] else None
            if sub is not None:
                return noun_phrase(_antecedent(sub) or sub, ids) if sub.lower_ in PRONOUNS else noun_phrase(sub, ids)
        return noun_phrase(owner, ids)
    # a 1.25 percent commission / a 57 percent reduction in the prices of X
    if anchor.dep_ in MODIFIER_DEPS and head.pos_ in ("NOUN", "PROPN") and head.i > anchor.i:
        if _is_change_noun(head) or head.lemma_.lower() in RELATIONAL_NOUNS:
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ in ("in", "of", "for", "to", "on"):
                    obj = _content_obj(child)
                    if obj is not None:
                        return noun_phrase(obj, ids)
            if _is_change_noun(head):
                verb = governing_verb(head)
                sub = verb_subject(verb) if verb is not None else None
                if sub is not None and sub.lower_ not in PRONOUNS:
                    return noun_phrase(sub, ids)
        return noun_phrase(head, ids)
    return _verb_phrase_subject(anchor, ids, kind)


def _verb_phrase_subject(anchor, ids, kind: Kind) -> str | None:
    """X rose 40 percent / the rate is 99 percent / profit tripled / the bank raised the rate by 50 bp /
    Congress passed the law over two years (a duration measures what the verb did: its object)."""
    verb = anchor if anchor.pos_ == "VERB" else governing_verb(anchor)
    if verb is None:
        return None
    objs = [c for c in verb.children if c.dep_ == "dobj" and c.i not in ids and c.pos_ in ("NOUN", "PROPN")]
    by = anchor.dep_ == "pobj" and anchor.head.lower_ == "by" and anchor.head.head.i == verb.i
    if objs and (by or anchor.i == verb.i) and _is_change_verb(verb):
        return noun_phrase(objs[0], ids)
    if objs and kind == Kind.quantity and anchor.dep_ == "pobj" and anchor.head.head.i == verb.i:
        return noun_phrase(objs[0], ids)
    sub = verb_subject(verb)
    if sub is not None and sub.i not in ids:
        if sub.lower_ in PRONOUNS:
            sub = _antecedent(sub)
        if sub is not None:
            return noun_phrase(sub, ids)
    if objs:
        return noun_phrase(objs[0], ids)
    return None


def sentence_subject(span) -> str | None:
    """The nominal subject of the sentence's main verb: the fallback for elliptical figures
    ('Turnout was 61.2%, compared with 58 per cent in 2019')."""
    ids = {t.i for t in span}
    root = span.sent.root
    subs = [c for c in root.children if c.dep_ in SUBJECT_DEPS and c.pos_ in ("NOUN", "PROPN") and c.i not in ids]
    return noun_phrase(subs[0], ids) if subs else None


ANAPHORS = {"it", "they", "this", "these", "that", "those"}


def _antecedent(pronoun):
    """For 'it', 'they', 'this': the subject of the previous sentence when it is a noun, else None."""
    if pronoun.lower_ not in ANAPHORS:
        return None
    sent = pronoun.sent
    if sent.start == 0:
        return None
    prev = pronoun.doc[sent.start - 1].sent
    roots = [t for t in prev if t.dep_ == "ROOT"]
    for root in roots:
        subs = [c for c in root.children if c.dep_ in SUBJECT_DEPS and c.pos_ in ("NOUN", "PROPN")]
        if subs:
            return subs[0]
    return None


def _is_change_verb(tok) -> bool:
    c = _cues()
    return tok.lemma_.lower() in c["inc_v"] or tok.lemma_.lower() in c["dec_v"]


def _is_change_noun(tok) -> bool:
    c = _cues()
    lemma = tok.lemma_.lower()
    return lemma in c["inc_n"] or lemma in c["dec_n"] or tok.lower_ in c["inc_n"] or tok.lower_ in c["dec_n"]


def direction_of(span, text: str, end: int) -> Direction | None:
    """Increase or decrease when the number measures a change; None for a level."""
    c = _cues()
    first = conjoined_to(span)
    if first is not None:
        return direction_of(first, text, first.end_char)
    # 40 percent lower, 8 to 17 percent cheaper, three times greater
    after = text[end: end + 40].split()
    for word in after[:3]:
        w = word.strip(".,;:()").lower()
        if w in c["inc_c"] and w != "more":
            return Direction.increase
        if w in c["dec_c"]:
            return Direction.decrease
        if w in ("than",):
            break
    anchor = anchor_of(span)
    head = anchor.head
    # a 57 percent reduction, a 25 percentage point increase
    if anchor.dep_ in MODIFIER_DEPS and head.pos_ == "NOUN":
        lemma = head.lemma_.lower()
        if lemma in c["inc_n"] or head.lower_ in c["inc_n"]:
            return Direction.increase
        if lemma in c["dec_n"] or head.lower_ in c["dec_n"]:
            return Direction.decrease
    # an increase of 40 percent
    if anchor.dep_ == "pobj" and head.lower_ in ("of", "by") and head.head.pos_ == "NOUN":
        lemma = head.head.lemma_.lower()
        if lemma in c["inc_n"]:
            return Direction.increase
        if lemma in c["dec_n"]:
            return Direction.decrease
    # up 5 percent / down 3 percent
    before = text[max(0, span.start_char - 6): span.start_char].lower().split()
    if before and before[-1] in ("up", "down"):
        return Direction.increase if before[-1] == "up" else Direction.decrease
    # rose 40 percent / fell by a third / profit tripled; 'rose to 50 percent' and 'rose in 3 months' are not changes
    if anchor.dep_ in ("nummod", "quantmod") and head.pos_ == "NOUN" and head.i > anchor.i:
        anchor, head = head, head.head  # 'increased by 150,000 jobs': the noun attaches for the number
    verb = None
    if anchor.pos_ == "VERB":
        verb = anchor
    elif anchor.dep_ in DIRECT_DEPS and head.pos_ == "VERB":
        verb = head
    elif anchor.dep_ == "pobj" and head.lower_ == "by" and head.head.pos_ == "VERB":
        verb = head.head
    if verb is not None:
        lemma = verb.lemma_.lower()
        if lemma in c["inc_v"]:
            return Direction.increase
        if lemma in c["dec_v"]:
            return Direction.decrease
    return None


def places_in(doc) -> list:
    """The place entities (GPE, LOC) of a document, computed once per document."""
    return [e for e in doc.ents if e.label_ in PLACE_LABELS]


def place_of(span, places: list) -> str | None:
    """The nearest place named in the claim's sentence; ``places`` comes from :func:`places_in`."""
    sent = span.sent
    near = [e for e in places if sent.start <= e.start and e.end <= sent.end
            and not (e.start < span.end and span.start < e.end)]
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
            to = [c for c in tok.children if c.lower_ == "to"] or ([tok.doc[tok.i + 1]] if tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to" else [])
            obj = _pobj(to[0]) if to else None
            if obj is not None:
                return noun_phrase(obj, ids, max_tokens=10)
    reporting = _cues()["reporting"]
    anchor = anchor_of(span)
    t = anchor
    for _ in range(12):  # climb to a reporting verb whose clause holds the claim
        if t.pos_ == "VERB" and t.lemma_.lower() in reporting and t.i != anchor.i:
            sub = verb_subject(t)
            if sub is not None and sub.i not in ids:
                if sub.lower_ in PRONOUNS:
                    sub = _antecedent(sub)
                if sub is not None:
                    return noun_phrase(sub, ids, max_tokens=10)
            agents = [c for c in t.children if c.dep_ == "agent"]
            if agents and _pobj(agents[0]) is not None:
                return noun_phrase(_pobj(agents[0]), ids, max_tokens=10)
        if t.dep_ == "ROOT" or t.head.i == t.i:
            break
        t = t.head
    # '..., officials said.' parsed with the claim's clause as the root
    for tok in sent:
        if tok.pos_ == "VERB" and tok.lemma_.lower() in reporting and tok.dep_ in ("parataxis", "ccomp", "advcl") \
                and tok.head.i == sent.root.i and tok.i > anchor.i:
            sub = verb_subject(tok)
            if sub is not None and sub.i not in ids and sub.lower_ not in PRONOUNS:
                return noun_phrase(sub, ids, max_tokens=10)
    return None
