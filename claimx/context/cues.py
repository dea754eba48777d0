"""The cue word lists of ``claimx/data/cues.json`` (change verbs and nouns, comparatives, measuring and
reporting verbs, denominators), as sets."""
from __future__ import annotations

import functools

from claimx._data import load


@functools.cache
def cue(name: str) -> frozenset[str]:
    """``cue("increase_verbs")`` -> the set of those lemmas."""
    return frozenset(load("cues")[name])


def is_change_verb(tok) -> bool:
    lemma = tok.lemma_.lower()
    return lemma in cue("increase_verbs") or lemma in cue("decrease_verbs")


def is_change_noun(tok) -> bool:
    return change_noun_direction(tok) is not None


def change_noun_direction(tok) -> str | None:
    """'increase' for 'rise', 'growth'; 'decrease' for 'reduction', 'cut'; None for other nouns (lemma or form)."""
    for form in (tok.lemma_.lower(), tok.lower_):
        if form in cue("increase_nouns"):
            return "increase"
        if form in cue("decrease_nouns"):
            return "decrease"
    return None
