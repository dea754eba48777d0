"""The subject: the short noun phrase naming what a number measures or counts, never a clause.

Each reading of a figure's context proposes candidate noun phrases (:func:`candidates`): the noun it counts, the
owner of an 'of', the object of 'on'/'for' after a spending verb, the verb's subject or object, the noun before a
copula ... Each candidate carries the reading that proposed it (``rule``), its part in that reading (``role``) and
features of its head (an actor, a place, a denominator, the claim's unit). :func:`rank` scores them with the one
table of weights in ``claimx/data/subject_weights.json`` (score = rule + role + features) and takes the best; a
candidate with no phrase says "nothing here is the subject". ``benchmarks/subject_loso.py`` measures the table
(leave one set out) and rebuilds it."""
from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass

import regex

from claimx._data import load
from claimx.context.cues import cue, is_change_noun, is_change_verb
from claimx.context.tree import (
    FIGURE_ENTS, MODIFIER_DEPS, NOMINAL, NON_SUBJECT_ENTS, SUBJECT_DEPS, anchor_of, conjoined_to, content_obj, governing_verb,
    is_figure, is_money, is_pronoun, noun_phrase, pobj, relative_head, subject_phrase, subject_token, words,
)
from claimx.model import Kind
from claimx.recognizers.base import qualifier_table
from claimx.recognizers.quantity import lookup as unit_lookup


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


@dataclass(frozen=True)
class Option:
    """One candidate subject: the reading (``rule``) that proposes it, its ``role`` there, the phrase (None: the
    reading says there is no subject) and its head token's ``features``."""
    rule: str
    role: str
    phrase: str | None
    features: frozenset[str] = frozenset()


ACTOR_ENTS = {"PERSON", "ORG", "NORP"}
PLACE_ENTS = {"GPE", "LOC", "FAC"}


def _features(tok, kind: Kind, unit: str | None, anchor) -> frozenset[str]:
    """What a ranker may weigh about a candidate's head: an actor, a place, a denominator, the unit itself, far."""
    if tok is None:
        return frozenset()
    found = set()
    if tok.ent_type_ in ACTOR_ENTS or is_pronoun(tok):
        found.add("actor")
        if kind == Kind.money:
            found.add("money_actor")  # money measures what it buys or the account, never who pays
    if tok.ent_type_ in PLACE_ENTS:
        found.add("place")
    if tok.lemma_.lower() in cue("denominators"):
        found.add("denominator")
    if _relational(tok):
        found.add("relational")
    if unit and tok.lower_ == unit.lower():
        found.add("unit")
    if abs(tok.i - anchor.i) > 8:
        found.add("far")
    if tok.i > anchor.i:
        found.add("after")
    return frozenset(found)


class _Proposer:
    """Collects the options of one figure: ``add(rule, role, tok)`` proposes ``tok``'s noun phrase."""

    def __init__(self, span, kind: Kind, unit: str | None):
        self.kind, self.unit, self.anchor = kind, unit, anchor_of(span)
        self.options: list[Option] = []

    def add(self, rule: str, role: str, tok, ids, phrase: str | None = None, needed: bool = True) -> None:
        """Propose ``tok``'s noun phrase (or ``phrase``); when it has none, say "no subject" if the reading
        ``needed`` it, else propose nothing."""
        if phrase is None and tok is not None:
            phrase = noun_phrase(tok, ids)
        if phrase is None and not needed:
            return
        self.options.append(Option(rule, role, phrase, _features(tok, self.kind, self.unit, self.anchor)))

    def none(self, rule: str, role: str = "nothing") -> None:
        self.options.append(Option(rule, role, None))


@functools.cache
def weights() -> dict[str, dict[str, float]]:
    """The ranker's table (``claimx/data/subject_weights.json``): weights of rules, roles and features."""
    data = load("subject_weights")
    return {part: dict(data[part]) for part in ("rules", "roles", "features")}


def score(option: Option, table: dict[str, dict[str, float]] | None = None) -> float:
    table = table or weights()
    return table["rules"].get(option.rule, 0.0) + table["roles"].get(option.role, 0.0) \
        + sum(table["features"].get(f, 0.0) for f in option.features)


def rank(options: list[Option], table: dict[str, dict[str, float]] | None = None) -> Option | None:
    """The best-scoring option (of equal scores, the first proposed)."""
    best = None
    for option in options:
        if best is None or score(option, table) > score(best, table):
            best = option
    return best


def subject_of(span, kind: Kind, noun=None, unit: str | None = None) -> str | None:
    """The phrase naming what the number measures or counts (``noun``: the noun a count counts; ``unit``: the
    claim's unit, which tells a duration)."""
    best = rank(candidates(span, kind, noun, unit))
    return best.phrase if best is not None else None


def candidates(span, kind: Kind, noun=None, unit: str | None = None) -> list[Option]:
    """Every reading's candidate subjects of a figure, in the order the readings were written."""
    p = _Proposer(span, kind, unit)
    ids = {t.i for t in span}
    anchor = p.anchor
    if noun is not None and noun.lower_ not in words("measure_nouns"):
        p.add("counted_noun", "head", noun, ids)  # '31,416 arrests'
    # the Bridge Creek Limestone (∼12 m), all three species (23.8%): a figure in brackets after the noun it measures
    bracketed = _before_bracket(span)
    if bracketed is not None:
        p.add("bracket", "head", bracketed, ids)
    first = conjoined_to(span)  # '60 percent in A and 90 percent in B': the first figure's subject
    best = rank(candidates(first, kind, unit=unit)) if first is not None else None
    if first is not None:
        phrase = _respective(span, kind, unit) if best is not None and best.phrase else None
        p.options.append(Option("conjunct", "head", phrase or best.phrase, best.features) if best
                         else Option("conjunct", "nothing", None))
    _restated(p, span, anchor, ids)
    if kind in (Kind.percent, Kind.ratio, Kind.count) and noun is None:
        _partitive(p, span, anchor, ids)
    if noun is not None:  # 'the index fell 240 points': what changed, not the points
        _clause(p, "measure_noun", noun, ids | {noun.i})
    compared = _compared_noun(span)  # 44 percent more petroleum: the noun the comparative qualifies
    if compared is not None:
        p.add("compared", "head", compared, ids | {span.end})
    _of_in(p, anchor, ids)
    if kind == Kind.money:  # spent $4 billion on shelters / added $18 billion to the debt
        target = _spent_on(anchor, ids)
        if target is not None:
            p.add("spent_on", "head", target, ids)
    _at(p, anchor, ids)
    _owner_of(p, anchor, ids)
    _modified(p, anchor, ids)
    if kind in (Kind.quantity, Kind.percent):
        _written_after(p, span, anchor, ids)
    # 'served for 12 years', 'serving 12 hours a day': a span of time (or time per period) measures an act
    if kind == Kind.quantity and unit and unit.split(" per ")[0] in load("units")["duration_names"]:
        activity = _activity(anchor, ids)
        if activity is not None:
            p.add("duration", "head", None, ids, phrase=activity)
    _clause(p, "clause", anchor, ids)
    _parallel(p, best)
    return p.options


def _respective(span, kind: Kind, unit: str | None) -> str | None:
    """'Prices of rice, flour and sugar rose 21%, 8% and 5%, respectively': the n-th figure of the list measures
    the n-th of the things listed in the first figure's subject ('Prices of flour', 'Prices of sugar')."""
    if not any(t.lower_ in words("list_words") for t in span.sent):
        return None
    n, root = 0, span
    while (before := conjoined_to(root)) is not None and n < 20:
        n, root = n + 1, before
    best = rank(candidates(root, kind, unit=unit))
    phrase = best.phrase if best is not None else None
    if not phrase:
        return None
    for tok in span.sent:
        listed = sorted([tok, *tok.conjuncts], key=lambda t: t.i)
        if len(listed) > n and tok.dep_ != "conj" and tok.text in phrase.split() \
                and all(t.pos_ in NOMINAL and t.ent_type_ not in FIGURE_ENTS | {"DATE", "TIME"} for t in listed):
            doc, first = tok.doc, tok.left_edge.i
            nth = doc[listed[n].left_edge.i: listed[n].i + 1].text
            # the whole list with its first item's modifiers ('brown rice, white flour and sugar'), else that item
            for written in (doc[first: listed[-1].i + 1].text, doc[first: tok.i + 1].text, tok.text):
                if regex.search(rf"\b{regex.escape(written)}\b", phrase):
                    return regex.sub(rf"\b{regex.escape(written)}\b", lambda _: nth, phrase, count=1)
    return None


def _partitive(p: _Proposer, span, anchor, ids) -> None:
    """The whole a part is taken from: 'one in five of the prisoners' (after the figure), 'Of the 17 million
    refugees in the region, roughly 90% live in poverty' and 'Among the schools inspected, 45% lacked heating'
    (fronted before the clause)."""
    owners = [t for t in span if t.i != anchor.i] + [anchor]
    verb = governing_verb(anchor) or anchor.sent.root  # (the parse may make 'live' an adjective)
    fronted = [c for c in verb.children if c.i < anchor.i and c.i < verb.i]
    for prep in [c for t in owners for c in t.children if c.i >= span.end] + fronted:
        if prep.dep_ == "prep" and prep.lower_ in words("partitive_prepositions") and prep.i not in ids:
            whole = pobj(prep)  # (NER may take '9 million migrants' for one quantity: the noun still counts)
            if whole is not None and whole.pos_ == "NOUN" and not whole.like_num \
                    and whole.ent_type_ not in NON_SUBJECT_ENTS - FIGURE_ENTS:
                p.add("partitive", "head", whole, ids | {g.i for g in whole.children if g.dep_ == "nummod"
                                                         for g in g.subtree})
                return


def _restated(p: _Proposer, span, anchor, ids) -> None:
    """A change tacked on to another figure or noun measures what that one does: 'a profit of $2 billion (up 9%)'
    (the figure hangs from the other one), 'exports, up 6% from a year earlier, reached ...' (from the noun),
    'carried 40 million passengers, 6% more than a year earlier' (it compares through 'more' with the verb's
    object, which a figure counts or is)."""
    t, path = anchor.head, []
    for _ in range(4):
        if t.i == t.head.i or t.pos_ in ("VERB", "AUX"):
            break
        if t.i not in ids and words("comparative_links").intersection(path):
            if is_figure(t):
                _restate_figure(p, t)
                return
            if t.pos_ in NOMINAL and t.ent_type_ not in NON_SUBJECT_ENTS:
                p.add("restated", "head", t, ids)
                return
        path.append(t.lower_)
        t = t.head
    if t.pos_ == "VERB" and words("comparative_links").intersection(path):
        for obj in (c for c in t.children if c.dep_ == "dobj" and c.i not in ids):
            if is_figure(obj):
                _restate_figure(p, obj)  # 'would spend $1.2 billion on housing, 40% more than before'
            elif obj.pos_ in NOMINAL and unit_lookup(obj.text) is None:  # not '2.8 billion tonnes': a unit
                # '40 million passengers', 'premiums of $9 billion': the object a figure counts or sizes
                figures = [g for g in obj.children if g.dep_ == "nummod" and g.like_num] + [
                    g for g in obj.children if g.dep_ == "prep" and g.lower_ == "of"
                    and any(o.dep_ == "pobj" and o.like_num for o in g.children)]
                if figures:
                    p.add("restated", "verb_object", obj, ids | {g.i for c in figures for g in c.subtree})


def _restate_figure(p: _Proposer, tok) -> None:
    kind = Kind.money if is_money(tok) else p.kind
    other = rank(candidates(tok.doc[tok.i: tok.i + 1], kind))
    if other is not None and other.phrase is not None:
        p.options.append(Option("restated", "head", other.phrase, other.features))


def _parallel(p: _Proposer, first: Option | None) -> None:
    """'$15 million for parks and $4 million for libraries': a figure conjoined to another is read the way the
    first was; when that reading finds a phrase of its own here (its own 'for', 'on', 'in'), that is its subject,
    not the first figure's."""
    if first is None or first.phrase is None:
        return
    for option in p.options:
        if option.rule == first.rule and option.role == first.role and option.phrase not in (None, first.phrase):
            p.options.append(Option("conjunct", "parallel", option.phrase, option.features))
            return


def _of_in(p: _Proposer, anchor, ids) -> None:
    """53 percent of the popular vote / $220 billion in commitments (not 'in Peru', 'in 2019'); 2-9 percent of
    GDP: the subject is what amounts to that share, else the denominator."""
    for child in anchor.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "in") and child.i > anchor.i:
            obj = content_obj(child)
            if obj is None:
                continue
            if child.lower_ == "of" and (obj.lemma_.lower() in cue("denominators") or _share_verb(anchor)):
                head = anchor.head  # 'a deficit of 4.3% of GDP': the noun the share sizes
                if anchor.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN" \
                        and head.head.i not in ids and not is_change_noun(head.head):
                    p.add("share", "share_owner", head.head, ids)
                _clause(p, "share", anchor, ids, final=False)
                p.add("share", "share_total", obj, ids)
            else:
                p.add("of_in", "head", obj, ids)
            return


def _verb_forms(verb) -> set[str]:
    """A verb's lemma and its phrasal forms with a particle or adverb ('set aside', 'make up')."""
    lemma = verb.lemma_.lower()
    return {lemma} | {f"{lemma} {c.lower_}" for c in verb.children if c.dep_ in ("prt", "advmod")}


def _share_verb(anchor) -> bool:
    """'remittances account for 24% of output', 'pensions make up 31% of spending': a verb saying that its
    subject amounts to a share of a total (the figure its object, or after 'for'/'to')."""
    head = anchor.head
    verb = head.head if anchor.dep_ == "pobj" and head.lower_ in words("object_prepositions") else head
    if verb.pos_ != "VERB" or not _verb_forms(verb) & cue("share_verbs") \
            or not (anchor.dep_ in ("dobj", "attr") or verb is not head):
        return False
    # not 'Australia accounts for a third of world coal exports', 'the company accounts for 12% of the market':
    # a country's or firm's share is of the total
    sub = subject_token(verb)
    return sub is not None and sub.pos_ in NOMINAL and sub.lemma_.lower() not in words("actor_nouns") \
        and sub.ent_type_ not in ACTOR_ENTS | PLACE_ENTS | NON_SUBJECT_ENTS


def _at(p: _Proposer, anchor, ids) -> None:
    """inflation at 4.1% / the IMF puts growth at 3 percent."""
    head = anchor.head
    if anchor.dep_ == "pobj" and head.lower_ == "at":
        owner = head.head
        if owner.pos_ in NOMINAL and owner.i not in ids and owner.ent_type_ not in NON_SUBJECT_ENTS:
            p.add("at", "head", owner, ids)
        elif owner.pos_ == "VERB":
            # 'subsidies, which the IMF puts at $1 trillion': the object is the noun the clause describes
            objs = [relative_head(c) or c for c in owner.children if c.dep_ == "dobj" and c.i not in ids]
            objs = [o for o in objs if o.pos_ in NOMINAL or o.dep_ in SUBJECT_DEPS]
            if objs:
                p.add("at", "verb_object", objs[0], ids)


def _owner_of(p: _Proposer, anchor, ids) -> None:
    """a transfer of $180 per capita / a deficit of 3 percent / an increase of 40 percent in X."""
    head = anchor.head
    if not (anchor.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN" and head.head.i not in ids):
        return
    owner = head.head
    if is_change_noun(owner) or _relational(owner):
        obj = _object_of(owner, after=anchor.i)
        if obj is not None:
            p.add("owner_of", "object_of", obj, ids)
        verb = governing_verb(owner)
        # 'Chile has a literacy rate of 96.4%': the rate is what is measured, not its owner; 'posted a loss of
        # $1 billion': money measures the account, never who holds it
        if verb is not None and not (p.kind == Kind.money and is_change_noun(owner)) \
                and verb.lemma_.lower() not in cue("reporting_verbs") | cue("possession_verbs"):
            p.add("owner_of", "verb_subject", subject_token(verb, ids), ids, needed=False)
    p.add("owner_of", "owner", owner, ids)


def _modified(p: _Proposer, anchor, ids) -> None:
    """A figure modifying a noun after it: 'a 1.25 percent commission', 'a 57 percent reduction in the prices of X';
    for a multiplier, 'earn nearly double the national average', 'twice the 2015 level': the noun is the base
    compared with; what is measured is what the clause is about."""
    head = anchor.head
    if not (anchor.dep_ in MODIFIER_DEPS and head.pos_ in NOMINAL and head.i > anchor.i):
        return
    if p.kind == Kind.multiplier and any(c.dep_ == "det" and c.i > anchor.i for c in head.children) \
            and (governing_verb(head) is None or governing_verb(head).lemma_.lower() not in cue("possession_verbs")):
        # (not 'the 100x case', where it names the case, nor 'has twice the capacity', where the noun is measured)
        _clause(p, "multiplier_base", head, ids | {head.i})
    if is_change_noun(head) or _relational(head):
        obj = _object_of(head)
        if obj is not None:
            p.add("modifier", "object_of", obj, ids)
        verb = governing_verb(head) if is_change_noun(head) else None
        if verb is not None:
            p.add("modifier", "verb_subject", subject_token(verb, ids, resolve=False), ids, needed=False)
    p.add("modifier", "owner", head, ids)


def _written_after(p: _Proposer, span, anchor, ids) -> None:
    """fasting glucose ≥7.0 mmol/L, a depth of 12 m: a measurement written right after the noun it measures."""
    head = anchor.head
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
        p.add("written_after", "owner", head, ids)
    if before is not None and before.pos_ == "NOUN" and before.is_alpha and before.ent_type_ not in NON_SUBJECT_ENTS:
        p.add("written_after", "noun_before", before, ids)  # right after it, whatever the parse made of it


def _clause(p: _Proposer, rule: str, anchor, ids, final: bool = True) -> None:
    """The options the figure's clause gives (see :func:`_clause_readings`); a reading that finds no subject
    ends the list, as a 'nothing' option when the reading is ``final`` (else the next reading answers)."""
    for role, tok, phrase in _clause_readings(anchor, ids, p.kind):
        if phrase is None:
            if final:
                p.none(rule, role)
            return
        p.add(rule, role, tok, ids, phrase=phrase)
    if final:
        p.none(rule)


def _clause_readings(anchor, ids, kind: Kind) -> Iterator[tuple[str, object, str | None]]:
    """X rose 40 percent / the rate is 99 percent / profit tripled / the bank raised the rate by 50 bp /
    Congress passed the law over two years (a duration measures what the verb did: its object): (role, head,
    phrase) in the order of preference; a phrase of None says the clause has no subject."""
    # 'with wheat prices down 5 percent', 'with the index up 2 percent': a verbless small clause has its subject
    t = anchor.head
    for _ in range(2):
        if t.pos_ in ("VERB", "AUX") or t.i == t.head.i:
            break
        subs = [c for c in t.children if c.dep_ in SUBJECT_DEPS and c.pos_ in NOMINAL and c.i not in ids]
        if subs:
            yield "clause_subject", subs[0], noun_phrase(subs[0], ids)
            break
        t = t.head
    verb = anchor if anchor.pos_ == "VERB" else governing_verb(anchor)
    if verb is None:
        yield "nothing", None, None
        return
    objs = [c for c in verb.children if c.dep_ == "dobj" and c.i not in ids and c.pos_ in NOMINAL]
    # raised the rate by 50 bp / increased its efficiency to 70%: the object changed
    by = anchor.dep_ == "pobj" and anchor.head.lower_ in ("by", "to") and anchor.head.head.i == verb.i
    if objs and (by or anchor.i == verb.i) and is_change_verb(verb):
        yield "changed_object", objs[0], noun_phrase(objs[0], ids)
    # passed the law over two years / collects census information every five years: a duration measures the act
    if objs and kind == Kind.quantity and ((anchor.dep_ == "pobj" and anchor.head.head.i == verb.i)
                                           or (anchor.dep_ == "npadvmod" and anchor.head.i == verb.i)):
        yield "act_object", objs[0], noun_phrase(objs[0], ids)
    # 'the bank lent them $5 million', 'the county owes $2 million': money names the sum the act moves, not the actor
    act = load("grammar")["money_act_nouns"].get(verb.lemma_.lower())
    if act and kind == Kind.money and anchor.dep_ in ("dobj", "dative") and anchor.head.i == verb.i:
        yield "money_act", None, act
    if verb.lemma_.lower() in cue("speech_verbs"):
        yield "speech", None, None  # 'Analysts say 7 percent': the speaker is not what was measured
    sub = subject_token(verb, ids)
    found = noun_phrase(sub, ids) if sub is not None else None
    if found is not None:
        yield "verb_subject", sub, found
    # 'about 70% of which is farmland': the figure is the subject, the complement names what it is
    if anchor.dep_ in SUBJECT_DEPS and anchor.head.i == verb.i and verb.lemma_ == "be":
        attrs = [c for c in verb.children if c.dep_ == "attr" and c.pos_ in NOMINAL and c.i not in ids]
        if attrs:
            yield "copula_complement", attrs[0], noun_phrase(attrs[0], ids)
    if objs:
        yield "verb_object", objs[0], noun_phrase(objs[0], ids)


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
    """The object of 'on'/'to'/'for' after a spending verb whose object is the amount ('spent $4bn on shelters');
    the object of a verb of trade that the amount is paid for ('sold the unit for $2bn')."""
    verb = governing_verb(anchor)
    if verb is None:
        return None
    lemma = verb.lemma_.lower()
    if lemma in cue("bid_verbs"):  # 'bid $4 billion for the cement maker': what the bid would buy
        prep = next((c for owner in (anchor, verb) for c in owner.children
                     if c.dep_ == "prep" and c.lower_ == "for" and c.i > anchor.i), None)
        obj = content_obj(prep) if prep is not None else None
        return obj if obj is not None and obj.i not in ids else None
    if lemma in cue("trade_verbs") and anchor.dep_ == "pobj" and anchor.head.lower_ == "for" \
            and anchor.head.head.i == verb.i:  # 'sold its ferry unit for $2 billion': the price of what changed hands
        objs = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass") and c.i not in ids and c.pos_ in NOMINAL]
        return objs[0] if objs else None
    if not _verb_forms(verb) & cue("spending_verbs"):
        return None
    owners = [anchor] + [t for t in anchor.ancestors if t.i != verb.i and t.i > verb.i][:2] + [verb]
    for child in (c for owner in owners for c in owner.children):
        if child.dep_ in ("prep", "dative") and child.lower_ in words("purpose_prepositions") and child.i > anchor.i:
            obj = content_obj(child)
            if obj is not None and obj.i not in ids:
                return obj
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
