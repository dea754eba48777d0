"""The subject: the short noun phrase naming what a number measures or counts, never a clause."""
from __future__ import annotations

import functools

import regex

from claimx._data import load
from claimx.context.cues import cue, is_change_noun, is_change_verb
from claimx.context.tree import (
    MODIFIER_DEPS, NOMINAL, NON_SUBJECT_ENTS, SUBJECT_DEPS, anchor_of, conjoined_to, content_obj, governing_verb,
    noun_phrase, subject_phrase, words,
)
from claimx.model import Kind
from claimx.recognizers.base import qualifier_table


def _object_of(noun, after: int = -1):
    """What a change or share noun is of: 'a reduction in prices', 'the share of exports'."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in words("object_prepositions") and child.i > after:
            obj = content_obj(child)
            if obj is not None:
                return obj
    return None


def _relational(noun) -> bool:
    return noun.lemma_.lower() in words("relational_nouns")


def subject_of(span, kind: Kind, noun=None, unit: str | None = None) -> str | None:
    """The phrase naming what the number measures or counts (``noun``: the noun a count counts; ``unit``: the
    claim's unit, which tells a duration)."""
    ids = {t.i for t in span}
    if noun is not None and noun.lower_ not in words("measure_nouns"):
        return noun_phrase(noun, ids)
    # the Bridge Creek Limestone (∼12 m), all three species (23.8%): a figure in brackets after the noun it measures
    bracketed = _before_bracket(span)
    if bracketed is not None:
        return noun_phrase(bracketed, ids)
    first = conjoined_to(span)
    if first is not None:
        return subject_of(first, kind, unit=unit)
    anchor = anchor_of(span)
    head = anchor.head
    if noun is not None:  # 'the index fell 240 points': what changed, not the points
        ids |= {noun.i}
        return _verb_phrase_subject(noun, ids, kind)
    # 44 percent more petroleum: the noun the comparative qualifies
    compared = _compared_noun(span)
    if compared is not None:
        return noun_phrase(compared, ids | {span.end})
    # 53 percent of the popular vote / $220 billion in commitments (not 'in Peru', 'in 2019')
    for child in anchor.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "in") and child.i > anchor.i:
            obj = content_obj(child)
            if obj is None:
                continue
            stated_total = any(c.dep_ in ("nummod", "quantmod") and c.ent_type_ not in ("DATE", "TIME")
                               for c in obj.children if c.i not in ids)  # 'of the entire 104 billion supply'
            if child.lower_ == "of" and (obj.lemma_.lower() in cue("denominators") or stated_total):
                # 2-9 percent of GDP, one billion barrels of the entire 104 billion supply: the subject is what
                # amounts to that share
                return _verb_phrase_subject(anchor, ids, kind) or noun_phrase(obj, ids)
            return noun_phrase(obj, ids)
    # spent $4 billion on shelters / added $18 billion to the debt (after 'in commitments')
    if kind == Kind.money:
        target = _spent_on(anchor, ids)
        if target is not None:
            return noun_phrase(target, ids)
    # inflation at 4.1% / the IMF puts growth at 3 percent
    if anchor.dep_ == "pobj" and head.lower_ == "at":
        owner = head.head
        if owner.pos_ in NOMINAL and owner.i not in ids and owner.ent_type_ not in NON_SUBJECT_ENTS:
            return noun_phrase(owner, ids)
        if owner.pos_ == "VERB":
            objs = [c for c in owner.children if c.dep_ == "dobj" and c.pos_ in NOMINAL and c.i not in ids]
            if objs:
                return noun_phrase(objs[0], ids)
    # a transfer of $180 per capita / a deficit of 3 percent / an increase of 40 percent in X
    if anchor.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN" and head.head.i not in ids:
        owner = head.head
        if is_change_noun(owner) or _relational(owner):
            obj = _object_of(owner, after=anchor.i)
            if obj is not None:
                return noun_phrase(obj, ids)
            verb = governing_verb(owner)
            # 'Chile has a literacy rate of 96.4%': the rate is what is measured, not its owner
            if verb is not None and verb.lemma_.lower() not in cue("reporting_verbs") | cue("possession_verbs"):
                found = subject_phrase(verb, ids)
                if found is not None:
                    return found
        return noun_phrase(owner, ids)
    # 'earn nearly double the national average', 'twice the 2015 level': the noun is the base compared with; what
    # is measured is what the clause is about
    if kind == Kind.multiplier and anchor.dep_ in MODIFIER_DEPS and head.pos_ in NOMINAL and head.i > anchor.i \
            and any(c.dep_ == "det" and c.i > anchor.i for c in head.children) \
            and (governing_verb(head) is None or governing_verb(head).lemma_.lower() not in cue("possession_verbs")):
        # (not 'the 100x case', where it names the case, nor 'has twice the capacity', where the noun is measured)
        return _verb_phrase_subject(head, ids | {head.i}, kind)
    # a 1.25 percent commission / a 57 percent reduction in the prices of X
    if anchor.dep_ in MODIFIER_DEPS and head.pos_ in NOMINAL and head.i > anchor.i:
        if is_change_noun(head) or _relational(head):
            obj = _object_of(head)
            if obj is not None:
                return noun_phrase(obj, ids)
            if is_change_noun(head):
                verb = governing_verb(head)
                found = subject_phrase(verb, ids, resolve=False) if verb is not None else None
                if found is not None:
                    return found
        return noun_phrase(head, ids)
    # fasting glucose ≥7.0 mmol/L, a depth of 12 m: a measurement written right after the noun it measures
    if kind in (Kind.quantity, Kind.percent):
        k = span.start - 1  # past a whole qualifier: 'relative humidity up to 95%'
        for n in (3, 2, 1):
            if span.start - n >= 0 and span.doc[span.start - n: span.start].text.lower() in _qualifiers():
                k = span.start - n - 1
                break
        before = span.doc[k] if k >= 0 else None
        if head.pos_ in NOMINAL and head.i < span.start and \
                anchor.dep_ in ("appos", "npadvmod", "nmod", "amod", "compound", "nummod") and \
                all(t.pos_ not in ("VERB", "AUX") for t in span.doc[head.i + 1: span.start]) and \
                head.ent_type_ not in NON_SUBJECT_ENTS:
            return noun_phrase(head, ids)
        if before is not None and before.pos_ == "NOUN" and before.is_alpha and before.ent_type_ not in NON_SUBJECT_ENTS:
            return noun_phrase(before, ids)  # written right after it, whatever the parse made of it
    # 'served for 12 years', 'serving 12 hours a day': a span of time (or time per period) measures an act
    if kind == Kind.quantity and unit and unit.split(" per ")[0] in load("units")["duration_names"]:
        activity = _activity(anchor, ids)
        if activity is not None:
            return activity
    return _verb_phrase_subject(anchor, ids, kind)


@functools.cache
def _qualifiers() -> frozenset[str]:
    return frozenset(q.lower() for q in qualifier_table())


def _activity(anchor, ids) -> str | None:
    """What a duration measures: the act, as its verb with its object or complement ('spend', 'been a Member',
    'followed the river to the northern plains', 'serving abroad'); None when the figure hangs
    from no verb."""
    if anchor.dep_ == "pobj":
        if anchor.head.lower_ not in words("duration_prepositions"):  # 'at 85 years' is a level, not a span
            return None
        verb, holder = anchor.head.head, anchor.head.i
    elif anchor.dep_ in ("npadvmod", "dobj"):
        verb, holder = anchor.head, anchor.i
    else:
        return None
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    if anchor.dep_ == "dobj":  # 'the project took 3 years': the duration is the verb's object, its subject lasted
        found = subject_phrase(verb, ids, resolve=False)
        if found is not None:
            return found
    for child in verb.children:
        if child.i in ids or child.i == holder:
            continue
        if child.dep_ in ("dobj", "attr", "oprd") and child.pos_ in NOMINAL:
            phrase = noun_phrase(child, ids)
            return f"{verb.text} {phrase}" if phrase else verb.text
        if child.dep_ == "prep" and child.i > verb.i and content_obj(child) is not None:
            return f"{verb.text} {child.text} {noun_phrase(content_obj(child), ids)}"
    # 'revenue climbed in the three months': nothing done to anything; the subject lasted or changed
    return subject_phrase(verb, ids, resolve=False) or verb.text


NUMERIC_ENTS = NON_SUBJECT_ENTS - {"LOC"}  # a country is a place; a named formation may be measured


def _before_bracket(span):
    """The noun a bracketed figure follows ('the combination of all three species (23.8%)' -> combination)."""
    doc = span.doc
    i = span.start - 1
    symbols = {p for p in qualifier_table() if not p[:1].isalpha()}  # '~', '∼', '<', '≥' ... (cues.json)
    while i >= span.start - 3 and i >= 0 and doc[i].text in symbols:
        i -= 1
    if i < 1 or doc[i].text != "(":
        return None
    noun = doc[i - 1]
    if noun.pos_ not in NOMINAL or noun.ent_type_ in NUMERIC_ENTS:  # a place may be what is measured here
        return None
    while noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.lower_ == "of" and noun.head.head.pos_ in NOMINAL:
        noun = noun.head.head
    return noun


def _compared_noun(span):
    """'44 percent more petroleum', '20% fewer jobs': the noun after a comparative that follows the figure."""
    doc = span.doc
    if span.end >= len(doc) - 1:
        return None
    word = doc[span.end]
    if word.lower_ == "as" and span.end + 1 < len(doc) and doc[span.end + 1].lower_ in ("much", "many"):
        word = doc[span.end + 1]  # 'twice as much natural gas', 'three times as many jobs'
    elif doc[span.end - 1].lower_ in ("much", "many"):
        word = doc[span.end - 1]  # the claim took the 'as many' in
    elif word.lower_ not in ("more", "less", "fewer"):
        return None
    nouns = [t for t in doc[word.i + 1: word.i + 5] if t.pos_ in NOMINAL]
    if nouns and not any(t.lower_ == "than" or t.is_punct for t in doc[word.i + 1: nouns[0].i]):
        # the noun phrase's head: the last noun of the run that starts there
        head = nouns[0]
        while head.i + 1 < len(doc) and doc[head.i + 1].pos_ in NOMINAL and head.dep_ == "compound":
            head = doc[head.i + 1]
        return head
    return None


def _spent_on(anchor, ids):
    """The object of 'on'/'to'/'for' after a spending verb whose object is the amount ('spent $4bn on shelters')."""
    verb = governing_verb(anchor)
    if verb is None:
        return None
    lemma = verb.lemma_.lower()
    phrasal = {f"{lemma} {c.lower_}" for c in verb.children if c.dep_ in ("prt", "advmod")}  # 'set aside'
    if lemma not in cue("spending_verbs") and not phrasal & cue("spending_verbs"):
        return None
    owners = [anchor] + [t for t in anchor.ancestors if t.i != verb.i and t.i > verb.i][:2] + [verb]
    for child in (c for owner in owners for c in owner.children):
        if child.dep_ in ("prep", "dative") and child.lower_ in words("purpose_prepositions") and child.i > anchor.i:
            obj = content_obj(child)
            if obj is not None and obj.i not in ids:
                return obj
    return None


def _verb_phrase_subject(anchor, ids, kind: Kind) -> str | None:
    """X rose 40 percent / the rate is 99 percent / profit tripled / the bank raised the rate by 50 bp /
    Congress passed the law over two years (a duration measures what the verb did: its object)."""
    # 'with wheat prices down 5 percent', 'with the index up 2 percent': a verbless small clause has its subject
    t = anchor.head
    for _ in range(2):
        if t.pos_ in ("VERB", "AUX") or t.i == t.head.i:
            break
        subs = [c for c in t.children if c.dep_ in SUBJECT_DEPS and c.pos_ in NOMINAL and c.i not in ids]
        if subs:
            return noun_phrase(subs[0], ids)
        t = t.head
    verb = anchor if anchor.pos_ == "VERB" else governing_verb(anchor)
    if verb is None:
        return None
    objs = [c for c in verb.children if c.dep_ == "dobj" and c.i not in ids and c.pos_ in NOMINAL]
    # raised the rate by 50 bp / increased its efficiency to 70%: the object changed
    by = anchor.dep_ == "pobj" and anchor.head.lower_ in ("by", "to") and anchor.head.head.i == verb.i
    if objs and (by or anchor.i == verb.i) and is_change_verb(verb):
        return noun_phrase(objs[0], ids)
    # passed the law over two years / collects census information every five years: a duration measures the act
    if objs and kind == Kind.quantity and ((anchor.dep_ == "pobj" and anchor.head.head.i == verb.i)
                                           or (anchor.dep_ == "npadvmod" and anchor.head.i == verb.i)):
        return noun_phrase(objs[0], ids)
    if verb.lemma_.lower() in cue("speech_verbs"):
        return None  # 'Analysts say 7 percent': the speaker is not what was measured
    found = subject_phrase(verb, ids)
    if found is not None:
        return found
    # 'As of 2014, parkland per inhabitant is 5.78 m²' parsed with no subject: the thing named before 'is'
    if verb.lemma_ == "be" and anchor.i > verb.i and not any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        before = _named_before(verb)
        if before is not None:
            return noun_phrase(before, ids)
    # 'about 70% of which is farmland': the figure is the subject, the complement names what it is
    if anchor.dep_ in SUBJECT_DEPS and anchor.head.i == verb.i and verb.lemma_ == "be":
        attrs = [c for c in verb.children if c.dep_ == "attr" and c.pos_ in NOMINAL and c.i not in ids]
        if attrs:
            return noun_phrase(attrs[0], ids)
    if objs:
        return noun_phrase(objs[0], ids)
    return None


def _named_before(verb):
    """The noun nearest before a verb, past places, dates and prepositions, when nothing else stands between."""
    for t in reversed(verb.doc[verb.sent.start: verb.i]):
        if t.pos_ == "NOUN" and t.ent_type_ not in NON_SUBJECT_ENTS and t.dep_ not in MODIFIER_DEPS:
            return t
        if t.pos_ not in ("PROPN", "ADP", "ADJ", "DET") or t.is_punct:
            return None
    return None


def sentence_subject(span) -> str | None:
    """The nominal subject of the sentence's main verb: the fallback for elliptical figures
    ('Turnout was 61.2%, compared with 58 per cent in 2019')."""
    ids = {t.i for t in span}
    root = span.sent.root
    if root.lemma_.lower() in cue("speech_verbs"):  # 'Analysts say the shortfall hit $7bn': not the speaker
        return None
    subs = [c for c in root.children if c.dep_ in SUBJECT_DEPS and c.pos_ in NOMINAL and c.i not in ids]
    return noun_phrase(subs[0], ids) if subs else None


MEASUREMENT = regex.compile(r"(?:\p{L}+\s+)?[-−+]?\d[\d.,]*\s*(?P<unit>\S{0,6})")


def _is_measurement(subject: str) -> bool:
    """'12 mA', 'between 2 kg': a figure with its unit (not 'the 40 cities')."""
    from claimx.recognizers.units import parse_unit

    m = MEASUREMENT.fullmatch(subject)
    return m is not None and (subject[:1].isdigit() or subject[:1] in "-−+" or not m.group("unit")
                              or parse_unit(m.group("unit")) is not None)


def plausible_subject(subject: str | None, kind: Kind, unit: str | None) -> str | None:
    """``subject``, unless it cannot name a measured thing: no letters ('%', '='), or, but for a count (whose
    unit is what it counts), the claim's own unit ('ppm' for '3 ppm'): no subject is better than a wrong one.
    (A one-letter symbol may well be the measured thing: 'T' for '1200 K', 'Cl' for '81%'.)"""
    if subject is None or not any(ch.isalpha() for ch in subject) or _is_measurement(subject):
        return None  # '%', or another figure ('12 mA', 'between 2 kg')
    if kind == Kind.count:
        return subject
    if unit is not None and subject.casefold() == unit.casefold():
        return None
    return subject


LABEL_LINE = regex.compile(r"[ \t•\-*·]*(?P<label>[^\n:.;!?\d]{2,40}):[ \t]+")  # 'Honduras: ' before a figure


def line_label(before: str, subject: str | None) -> str | None:
    """'Honduras: 25.3% of GDP': in a 'label: figure' line (``before``: the line up to the figure) the label is
    what the figure is about when the rules found only a denominator (or nothing); else None."""
    lead = LABEL_LINE.fullmatch(before)
    if lead and (subject is None or subject.split()[-1].lower() in cue("denominators")):
        return lead.group("label").strip()
    return None
