"""The subject key: a normalized form of a claim's subject under which two wordings of one measure meet.

"Brazil's soybean exports", "exports of soybeans from Brazil" and "the soybeans that Brazilian farmers exported"
all give the key ``export soybean`` and the place Brazil (or Brazilian, which ``claimx.compare`` matches to
Brazil): the content words' lemmas, each once, in alphabetical order; places taken out into the place;
determiners, numbers, dates, hedges and the words of ``claimx/data/keys.json`` dropped, and so is the agent of a
relative clause ('farmers' above), which says who did it, not what was measured.

The subject is parsed on its own (``subject_keys``), so one subject string always gets one key, whichever
sentence it came from.
"""
from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import TYPE_CHECKING

from claimx._data import load

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

SKIPPED_POS = frozenset({"DET", "PRON", "ADP", "CCONJ", "SCONJ", "PART", "AUX", "NUM", "ADV", "INTJ", "SYM", "PUNCT",
                         "SPACE", "X"})
CACHE_SIZE = 200_000  # subject strings kept with their keys per process (a few tens of MB at most)


@functools.cache
def _words() -> tuple[frozenset, frozenset, frozenset, frozenset, frozenset]:
    d = load("keys")
    return (frozenset(d["empty_heads"]), frozenset(d["fillers"]), frozenset(d["light_verbs"]),
            frozenset(d["place_labels"]), frozenset(d["dropped_labels"]))


def key_of(doc: "Doc") -> tuple[str | None, str | None]:
    """``(key, place)`` for a subject parsed on its own; key None when no content word is left.

    >>> import claimx
    >>> nlp = claimx.load_nlp()
    >>> key_of(nlp("Brazil's soybean exports")), key_of(nlp("exports of soybeans from Brazil"))
    (('export soybean', 'Brazil'), ('export soybean', 'Brazil'))
    >>> key_of(nlp("the number of nurses")), key_of(nlp("about 2020"))
    (('nurse', None), (None, None))
    """
    empty, fillers, light, place_labels, dropped_labels = _words()
    place = None
    words: list[str] = []
    agents = {t.i for t in doc if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "relcl"}
    agents |= {c.i for a in list(agents) for c in doc[a].subtree}
    for tok in doc:
        ent = tok.ent_type_
        if ent in place_labels:
            if place is None:
                place = next(e.text for e in doc.ents if e.start <= tok.i < e.end)
            continue
        if ent in dropped_labels or tok.like_num or tok.pos_ in SKIPPED_POS or tok.i in agents:
            continue
        lemma = (tok.text if tok.pos_ == "PROPN" else tok.lemma_).lower().strip(".'’-")
        if not lemma or not any(ch.isalpha() for ch in lemma) or lemma in fillers:
            continue
        if tok.is_stop and lemma not in empty:
            continue
        if tok.pos_ in ("VERB", "AUX") and lemma in light:
            continue
        words.append(lemma)
    content = [w for w in words if w not in empty] or words
    return (" ".join(sorted(set(content))) or None), place


class KeyCache:
    """Subject strings to ``(key, place)``, parsed in batches and remembered (up to CACHE_SIZE strings)."""

    def __init__(self) -> None:
        self.known: dict[str, tuple[str | None, str | None]] = {}

    def keys(self, nlp: "Language", subjects: Iterable[str | None]) -> dict[str, tuple[str | None, str | None]]:
        """``(key, place)`` for each distinct subject (None and '' left out)."""
        wanted = {s for s in subjects if s}
        new = [s for s in wanted if s not in self.known]
        if new:
            if len(self.known) + len(new) > CACHE_SIZE:
                self.known.clear()
            for doc, s in zip(nlp.pipe(new, batch_size=256), new):
                self.known[s] = key_of(doc)
        return {s: self.known[s] for s in wanted}


_cache = KeyCache()


def subject_keys(nlp: "Language", subjects: Iterable[str | None]) -> dict[str, tuple[str | None, str | None]]:
    """``(key, place)`` for each distinct subject string, through one process-wide cache."""
    return _cache.keys(nlp, subjects)
