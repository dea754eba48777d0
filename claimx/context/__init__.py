"""Read a candidate's context from the dependency parse, one module per question:

- ``tree``: shared helpers (a claim's tokens and anchor, noun phrases, the noun phrase a verb's subject names);
- ``counted``: which noun a bare number counts;
- ``subjects``: what a number measures;
- ``direction``: increase, decrease or a level;
- ``attribution``: the place and the source;
- ``cues``: the cue word lists of ``claimx/data/cues.json``.

Pure functions over a spaCy ``Doc``; nothing here changes the document.
"""
from claimx.context.attribution import place_of, places_in, source_of
from claimx.context.counted import counted_noun, is_address, is_anaphoric, is_identifier, is_idiom, is_lost_ordinal, noun_unit
from claimx.context.direction import direction_of
from claimx.context.subjects import line_label, plausible_subject, sentence_subject, subject_of
from claimx.context.tree import claim_tokens, nothing_named_between, shares_subject

__all__ = ["claim_tokens", "counted_noun", "is_address", "is_anaphoric", "is_identifier", "is_idiom", "is_lost_ordinal", "noun_unit", "line_label", "plausible_subject", "subject_of",
           "sentence_subject", "shares_subject", "nothing_named_between", "direction_of", "places_in", "place_of", "source_of"]
