"""The direction: increase or decrease when a number measures a change, None for a level."""
from __future__ import annotations

import functools

import regex

from claimx.context.cues import change_noun_direction, cue
from claimx.context.tree import MODIFIER_DEPS, anchor_of, conjoined_to, governing_verb
from claimx.model import Direction
from claimx.recognizers.base import qualifier_table

# how a number hangs directly from a change verb: 'rose 40 percent', 'cut 300 jobs'
# (and '$650 billion will be added', '300 jobs were cut': the passive subject is the amount changed)
DIRECT_DEPS = {"dobj", "npadvmod", "advmod", "nummod", "oprd", "attr", "acomp", "nsubjpass"}


@functools.cache
def _qualifier_at_end() -> regex.Pattern:
    """A qualifier ('nearly', 'more than') at the end of the text before a figure."""
    phrases = sorted({p.lower() for p in qualifier_table()}, key=len, reverse=True)
    return regex.compile(r"(?:\b|\s)(?:" + "|".join(regex.escape(p) for p in phrases) + r")[\s$€£]*$")


def direction_of(span, text: str, end: int) -> Direction | None:
    """Increase or decrease when the number measures a change; None for a level. ``text`` is the parsed
    text and ``end`` the claim's end offset in it (comparatives are read from the words after it)."""
    # 40 percent lower, 8 to 17 percent cheaper, three times greater (not past a comma: ', up 1.2 percent' is
    # the next figure's)
    after = regex.split(r"[,;:(]", text[end: end + 40], maxsplit=1)[0]
    for word in after.split()[:3]:
        w = word.strip(".,;:()").lower()
        if w in cue("increase_comparatives") and w != "more":
            return Direction.increase
        if w in cue("decrease_comparatives"):
            return Direction.decrease
        if w == "than":
            break
    # 44 percent more petroleum, 20% fewer jobs
    if span.end < len(span.doc):
        word = span.doc[span.end]
        if word.lower_ in ("more", "less", "fewer") and word.head.pos_ in ("NOUN", "PROPN") and word.head.i > word.i:
            verb = governing_verb(word.head)  # 'cut 300 more jobs': more of the cutting, a decrease
            lemma = verb.lemma_.lower() if verb is not None else ""
            if lemma in cue("decrease_verbs"):
                return Direction.decrease
            return Direction.increase if word.lower_ == "more" else Direction.decrease
    # up 5 percent / down 3 percent / plus $18 billion / down nearly 5 percent (a qualifier between)
    lead = _qualifier_at_end().sub("", text[max(0, span.start_char - 40): span.start_char].lower())
    before = regex.findall(r"\p{L}+(?=[^\p{L}\d]*$)", lead[-10:])
    if before and before[-1] in cue("increase_before"):
        return Direction.increase
    if before and before[-1] in cue("decrease_before"):
        return Direction.decrease
    first = conjoined_to(span)
    if first is not None:  # '40 percent in A and 60 percent in B' share the first one's direction
        return direction_of(first, text, first.end_char)
    anchor = anchor_of(span)
    head = anchor.head
    # a 57 percent reduction, a 25 percentage point increase
    if anchor.dep_ in MODIFIER_DEPS and head.pos_ == "NOUN":
        found = change_noun_direction(head)
        if found:
            return Direction(found)
    # an increase of 40 percent
    if anchor.dep_ == "pobj" and head.lower_ in ("of", "by") and head.head.pos_ == "NOUN":
        found = change_noun_direction(head.head)
        if found:
            return Direction(found)
    # rose 40 percent / fell by a third / profit tripled; 'rose to 50 percent' and 'rose in 3 months' are not changes
    if anchor.dep_ in ("nummod", "quantmod") and head.i > anchor.i and (
            head.pos_ == "NOUN" or head.lower_ in ("more", "less", "fewer")):
        anchor, head = head, head.head  # 'increased by 150,000 jobs', 'add $1 trillion more': the word attaches
    verb = None
    if anchor.pos_ == "VERB":
        verb = anchor
    elif anchor.dep_ in DIRECT_DEPS and head.pos_ == "VERB":
        verb = head
    elif anchor.dep_ == "pobj" and head.lower_ == "by" and head.head.pos_ == "VERB":
        verb = head.head
    if verb is not None:
        lemma = verb.lemma_.lower()
        if lemma in cue("increase_verbs"):
            return Direction.increase
        if lemma in cue("decrease_verbs"):
            return Direction.decrease
    return None
