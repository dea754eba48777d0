"""Which noun a bare number counts ('31,416 arrests', '12,000 of its troops'), and when a number word
refers back instead of counting ('the two countries')."""
from __future__ import annotations

import regex

from claimx._data import load
from claimx.context.cues import cue, is_change_verb
from claimx.context.tree import NOMINAL, anchor_of, governing_verb, subject_token, words
from claimx.numbers import words_to_number

# 'the two countries', 'both sides': a number word up to this value after a determiner refers back
ANAPHORIC_MAX = 3


def _digits(span) -> bool:
    return any(t.text[:1].isdigit() for t in span)


def counted_noun(span):
    """The noun a bare number counts: '31,416 apprehensions', '12,000 of its troops', 'millions of people',
    'the ministry's four' (the noun said before), 'arrests reached 31,416', 'homicides, nearly 30,000,'."""
    anchor = anchor_of(span)
    ids = {t.i for t in span}
    for child in anchor.children:  # 12,000 of its troops
        if child.dep_ == "prep" and child.lower_ == "of" and child.i > anchor.i:
            objs = [g for g in child.children if g.dep_ == "pobj"]
            if objs and objs[0].pos_ in NOMINAL:
                return objs[0]
    head = anchor.head
    if head.i in ids:
        return None
    # a population of 383,997 / a total of 500
    if anchor.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN" and head.head.i < anchor.i \
            and _digits(span):
        return counted_of(head.head)
    # 42 people were killed and more than 300 injured
    if anchor.dep_ == "conj" and (head.like_num or head.pos_ == "NUM"):
        sibling = counted_noun(head.doc[head.i: head.i + 1])
        if sibling is not None:
            return sibling
    if anchor.dep_ in ("nummod", "quantmod", "amod", "compound", "nmod") and head.pos_ in NOMINAL \
            and head.lower_ not in words("bound_words"):
        # 'the ministry's four' counts the noun said before it; a name before a number is a label ('Route 66');
        # '10 billion max' counts nothing
        if head.i > anchor.i or (anchor.dep_ == "nummod" and head.tag_ == "NNS"):
            return head
    scales = load("number_words")["scales"]
    if not _digits(span) and not any(t.lower_ in scales for t in span):
        return None
    # homicides — nearly 30,000 —
    if anchor.dep_ == "appos" and head.pos_ in NOMINAL and head.tag_ in ("NNS", "NNPS"):
        return head
    # the number of cases at 350 million
    if anchor.dep_ == "pobj" and head.lower_ == "at" and head.head.pos_ == "NOUN" \
            and head.head.lemma_.lower() in words("relational_nouns"):
        return counted_of(head.head)
    # arrests reached 31,416 / the toll is put at above 9,000 / the population fell by 212,000
    by_change = anchor.dep_ == "pobj" and head.lower_ == "by" and is_change_verb(head.head)
    if anchor.dep_ in ("dobj", "attr", "oprd") or (anchor.dep_ == "pobj" and head.lower_ in ("to", "at")) or by_change:
        verb = governing_verb(anchor)
        if verb is not None and (verb.lemma_.lower() in cue("measure_verbs") or by_change):
            sub = subject_token(verb, ids, resolve=False)
            if sub is not None and sub.pos_ in NOMINAL:
                return counted_of(sub)
    found = _number_of_level(span, anchor, ids)
    if found is not None:
        return found
    # 441 facilities were restored, while 308 remained: a number standing alone as a subject counts the noun
    # an earlier number of its sentence counted
    if anchor.dep_ in ("nsubj", "nsubjpass") and _digits(span):
        for tok in reversed(span.sent[: anchor.i - span.sent.start]):
            if tok.like_num and tok.dep_ == "nummod" and tok.head.pos_ in NOMINAL and tok.head.i < anchor.i \
                    and tok.head.ent_type_ not in ("PERCENT", "MONEY") and tok.head.lower_ not in words("percent_nouns"):
                return tok.head  # (not the '%' of '90%': a percentage counts nothing)
    return None


def _number_of_level(span, anchor, ids):
    """'the number of wells was between 400 and 500', 'put the number of wells at 500': a whole figure as the
    level of a verb whose subject or object is 'the number of X' counts X."""
    verb = governing_verb(anchor)
    level = verb is not None and (anchor.dep_ in ("attr", "dobj", "oprd") or (
        anchor.dep_ == "pobj" and anchor.head.lower_ in words("level_prepositions")))
    if level and _whole(span):
        for c in verb.children:
            if c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.i not in ids and c.lemma_.lower() in words("count_nouns"):
                found = counted_of(c)
                if found is not c:
                    return found
    return None


def _whole(span) -> bool:
    """Whether a figure could count things: no decimal fraction ('P = 0.0216' counts nothing)."""
    return not any(t.like_num and regex.search(r"\d[.,]\d+$", t.text) and not regex.search(r"\d,\d{3}$", t.text)
                   for t in span)


def counted_of(noun):
    """'the number of children' counts children; other nouns count themselves."""
    if noun.lemma_.lower() in words("relational_nouns"):
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                objs = [g for g in child.children if g.dep_ == "pobj" and g.pos_ in NOMINAL]
                if objs:
                    return objs[0]
    return noun


def is_idiom(span) -> bool:
    """A number word that counts nothing: 'one of the most', 'a thing or two', 'no one', 'one day'."""
    if _digits(span):
        return False
    doc = span.doc
    word = span.text.lower()
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    idioms = words("count_idioms")
    return f"{word} {after}" in idioms or f"{before} {word}" in idioms


def is_anaphoric(span, noun) -> bool:
    """'the two countries', 'both sides': a small number word after a determiner refers back to things
    already named rather than counting them ('the four main routes' still counts)."""
    if any(t.like_num and t.text[:1].isdigit() for t in span):
        return False
    value = words_to_number(span.text)
    if value is None or value > ANAPHORIC_MAX:
        return False
    first = span[0]
    prev = first.doc[first.i - 1] if first.i > 0 else None
    return prev is not None and prev.lower_ in words("anaphoric_determiners")


def is_lost_ordinal(span, noun) -> bool:
    """'in the 118 Congress', 'the 250 anniversary of', 'its 100 anniversary': a figure of two or more in digits,
    after 'the' or a possessive, right before a singular noun that heads its phrase, counts nothing: English
    counts take a plural noun, so it is an ordinal whose suffix was lost (a web page's '118<sup>th</sup>').
    Not 'the 10 year plan' (a modifier), 'the 12 aircraft' (data/grammar.json 'unchanged_plurals'), 'the 3
    million' (a scale word)."""
    digits = [t for t in span if t.like_num]
    if len(digits) != 1 or len(span) != 1 or not regex.fullmatch(r"[0-9]{1,3}(?:,[0-9]{3})*|[0-9]+", span[0].text):
        return False
    if span[0].text.replace(",", "").lstrip("0") in ("", "1") or noun.i != span.end:  # not int(): any length
        return False
    doc = noun.doc
    prev = doc[span.start - 1] if span.start > 0 else None
    if prev is None or not (prev.lower_ == "the" or prev.tag_ in ("POS", "PRP$")):
        return False
    if noun.tag_ not in ("NN", "NNP") or "Plur" in noun.morph.get("Number") \
            or noun.lower_ in words("unchanged_plurals") or noun.lemma_.lower() in words("unchanged_plurals"):
        return False
    if regex.search(r"[^su]s$", noun.text) or noun.dep_ in ("compound", "amod", "nmod"):
        return False  # 'the 12 Senators' (a plural the tagger missed); 'the 10 year plan'
    after = doc[noun.i + 1] if noun.i + 1 < len(doc) else None
    return not (after is not None and after.pos_ in (*NOMINAL, "NUM"))


def is_identifier(span) -> bool:
    """A bare number written right after a noun names an item, it counts nothing: 'phase 3', 'phases 3, 5 and 7',
    'section 22', 'sample 4' (in a list of numbers, the noun before the first decides for them all)."""
    i = span.start - 1
    doc = span.doc
    skipped = False
    while i > 0 and (doc[i].like_num or (doc[i].lower_ in (",", "and", "or", "&") and doc[i - 1].like_num)):
        i, skipped = i - 1, True
    if i < 0 or (not skipped and doc[i].like_num):
        return False
    prev = doc[i]
    return prev.pos_ in NOMINAL and prev.is_lower and prev.is_alpha


def is_address(noun) -> bool:
    """'1600 Pennsylvania Avenue', '221 Baker Street': the number of a street address counts nothing."""
    return noun.pos_ == "PROPN" and noun.text.rstrip(".") in load("labels")["street_words"]


def noun_unit(noun, claim_tokens: set[int]) -> str:
    """The counted noun as written, with its compound modifier: 'asylum requests', 'troops'."""
    left = [t for t in noun.lefts if t.dep_ == "compound" and t.i == noun.i - 1 and t.i not in claim_tokens]
    return (left[0].text + " " + noun.text) if left else noun.text
