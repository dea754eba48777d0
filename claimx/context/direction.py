"""The direction: increase or decrease when a number measures a change, None for a level.

Each reader below looks at one place a change can be written and returns a direction or None; the first that
finds one wins. The words are cue lists of ``claimx/data/cues.json``, paired below."""
from __future__ import annotations

import functools

import regex

from claimx.context.cues import cue
from claimx.context.tree import MODIFIER_DEPS, anchor_of, conjoined_to, governing_verb, is_money
from claimx.model import Direction
from claimx.recognizers.base import qualifier_table

# how a number hangs directly from a change verb: 'rose 40 percent', 'cut 300 jobs'
# (and '$650 billion will be added', '300 jobs were cut': the passive subject is the amount changed)
DIRECT_DEPS = {"dobj", "npadvmod", "advmod", "nummod", "oprd", "attr", "acomp", "nsubjpass"}
MORE = {"more": Direction.increase, "less": Direction.decrease, "fewer": Direction.decrease}


# where a change is read: the cue lists of cues.json that mark an increase and a decrease there
VERBS = ("increase_verbs", "decrease_verbs")                          # rose 40 percent, cut 300 jobs
NOUNS = ("increase_nouns", "decrease_nouns")                          # a 57 percent reduction, growth of 3%
COMPARATIVES = ("increase_comparatives", "decrease_comparatives")     # 40 percent lower
BEFORE = ("increase_before", "decrease_before")                       # up 5 percent, down 3 percent
COUNT_VERBS = ("increase_count_verbs", "decrease_count_verbs")        # hired 450 nurses, eliminated 90 roles
COUNT_NOUNS = ("increase_count_nouns", "decrease_count_nouns")        # 2,500 layoffs


def by_cue(word: str, lists: tuple[str, str]) -> Direction | None:
    """The direction ``word`` marks in a pair of cue lists (increase, decrease), else None."""
    increase, decrease = lists
    if word in cue(increase):
        return Direction.increase
    return Direction.decrease if word in cue(decrease) else None


def _noun_direction(tok, lists: tuple[str, str] = NOUNS) -> Direction | None:
    return by_cue(tok.lemma_.lower(), lists) or by_cue(tok.lower_, lists)


@functools.cache
def _qualifier_at_end() -> regex.Pattern:
    """A qualifier ('nearly', 'more than') at the end of the text before a figure."""
    phrases = sorted({p.lower() for p in qualifier_table()}, key=len, reverse=True)
    return regex.compile(r"(?:\b|\s)(?:" + "|".join(regex.escape(p) for p in phrases) + r")[\s$€£]*$")


def _compared_after(span, text: str, end: int) -> Direction | None:
    """'40 percent lower', '8 to 17 percent cheaper': a comparative right after the figure. One word further is a
    modifier of the counted noun ('900 tunnels longer than 2 miles'), past a comma the next figure's."""
    after = regex.split(r"[,;:(]", text[end: end + 40], maxsplit=1)[0].split()
    word = after[0].strip(".,;:()").lower() if after else ""
    return by_cue(word, COMPARATIVES) if word != "more" else None


def _more_after(span, text: str, end: int) -> Direction | None:
    """'44 percent more petroleum', '20% fewer jobs', '30% more than in 2005', 'add $2 trillion more': a comparative
    word right after the figure. 'cut 300 more jobs' is more of the cutting, a decrease."""
    if span.end >= len(span.doc) or span.doc[span.end].lower_ not in MORE:
        return None
    word = span.doc[span.end]
    verb = governing_verb(word.head if word.head.i > word.i else word)
    if verb is not None and by_cue(verb.lemma_.lower(), VERBS) == Direction.decrease:
        return Direction.decrease
    return MORE[word.lower_]


def _sign_before(span, text: str, end: int) -> Direction | None:
    """'up 5 percent', 'down nearly 5 percent' (a qualifier between the word and the figure)."""
    lead = _qualifier_at_end().sub("", text[max(0, span.start_char - 40): span.start_char].lower())
    before = regex.findall(r"\p{L}+(?=[^\p{L}\d]*$)", lead[-10:])
    particle = [t for t in span.doc[max(0, span.start - 4): span.start] if t.dep_ == "prt"]
    if particle and before and particle[-1].lower_ == before[-1] \
            and f"{particle[-1].head.lemma_.lower()} {before[-1]}" in cue("phrasal_levels"):
        return None  # 'pensions make up a third of it': a verb's particle, not a sign ('settled down $1' is one)
    return by_cue(before[-1], BEFORE) if before else None


def _conjoined(span, text: str, end: int) -> Direction | None:
    """'40 percent in A and 60 percent in B' share the first one's direction."""
    first = conjoined_to(span)
    return direction_of(first, text, first.end_char) if first is not None else None


def _change_noun(span, text: str, end: int) -> Direction | None:
    """'a 57 percent reduction', 'growth of 3 percent', 'an increase of 40 percent'; a count of things that are
    themselves a change ('2,500 layoffs')."""
    anchor = anchor_of(span)
    head = anchor.head
    if anchor.dep_ in MODIFIER_DEPS and head.pos_ == "NOUN":
        found = _noun_direction(head) or _noun_direction(head, COUNT_NOUNS)
        if found is not None or head.i < anchor.i:
            return found
        anchor, head = head, head.head  # the counted noun: 'a decrease of 9,000 people', 'a drop - 41,000 residents'
    if anchor.dep_ == "pobj" and head.lower_ in ("of", "by") and head.head.pos_ == "NOUN":
        return _noun_direction(head.head)
    if anchor.dep_ == "appos" and head.pos_ == "NOUN":
        return _noun_direction(head)
    return None


def _change_verb(span, text: str, end: int) -> Direction | None:
    """'rose 40 percent', 'fell by a third', 'profit tripled'; 'rose to 50 percent' and 'rose in 3 months' are not
    changes."""
    anchor = anchor_of(span)
    head = anchor.head
    if anchor.dep_ in ("nummod", "quantmod") and head.i > anchor.i and head.pos_ == "NOUN":
        anchor, head = head, head.head  # 'increased by 150,000 jobs': the noun attaches for the number
    verb = None
    if anchor.pos_ == "VERB":
        verb = anchor
    elif anchor.dep_ in DIRECT_DEPS and head.pos_ == "VERB":
        verb = head
    elif anchor.dep_ in DIRECT_DEPS | {"appos"} and head.pos_ in ("NOUN", "PROPN") and head.dep_ == "conj" \
            and head.head.pos_ == "VERB":
        verb = head.head  # a gapped clause shares the verb: 'prices climbed 3 percent, and rents 5 percent'
    elif anchor.dep_ == "pobj" and head.lower_ == "by" and head.head.pos_ == "VERB":
        verb = head.head
    elif (paced := _at_pace(anchor)) is not None:
        verb = paced  # 'grew at an annual rate of 1.2%': the rate of the change
    if verb is not None and anchor.dep_ == "dobj" and verb.lemma_.lower() in cue("amount_raised_verbs") \
            and is_money(anchor) \
            and not any(c.dep_ == "dobj" and c.i != anchor.i for c in verb.children):
        return None  # 'the levy would raise $2 billion': a sum collected, not a rise ('raised its price $2' is)
    return by_cue(verb.lemma_.lower(), VERBS) if verb is not None else None


def _at_pace(anchor):
    """The verb of 'fell at a pace of 3%' for the figure, else None."""
    pace = anchor.head.head
    if anchor.dep_ == "pobj" and anchor.head.lower_ == "of" and pace.lemma_.lower() in cue("pace_nouns") \
            and pace.dep_ == "pobj" and pace.head.lower_ == "at" and pace.head.head.pos_ == "VERB":
        return pace.head.head
    return None


def _count_of_added(span, text: str, end: int) -> Direction | None:
    """A count of things added or lost, the object of a verb that adds or removes them: 'hired 450 nurses',
    'eliminated 1,200 roles', '300 engineers were recruited'. A bare gerund names an activity, not a change that
    happened ('building two piers' in a list of plans); money is not a count ('created a $2 million fund')."""
    anchor = anchor_of(span)
    noun, verb = anchor.head, anchor.head.head
    if anchor.dep_ not in ("nummod", "quantmod") or noun.pos_ != "NOUN" or noun.i < anchor.i \
            or noun.dep_ not in ("dobj", "nsubjpass") or is_money(anchor):
        return None
    if verb.tag_ == "VBG" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return None
    return by_cue(verb.lemma_.lower(), COUNT_VERBS)


READERS = (_compared_after, _more_after, _sign_before, _conjoined, _change_noun, _change_verb, _count_of_added)


def direction_of(span, text: str, end: int) -> Direction | None:
    """Increase or decrease when the number measures a change; None for a level. ``text`` is the parsed
    text and ``end`` the claim's end offset in it (comparatives are read from the words after it)."""
    for reader in READERS:
        found = reader(span, text, end)
        if found is not None:
            return found
    return None
