"""A spaCy component that claimx adds before the parser: sentences never run across a blank line or into a
list item, so a heading or a bullet is not read as part of the next sentence."""
from __future__ import annotations

import regex
from spacy.language import Language
from spacy.tokens import Doc

NAME = "claimx_line_breaks"
BULLETS = {"•", "-", "*", "·", "▪", "◦", "–", "—", "‣", "+"}
NUMBERED = regex.compile(r"^(?:\d{1,2}|[a-zA-Z])[.)]$")


@Language.component(NAME)
def line_breaks(doc: Doc) -> Doc:
    for i in range(1, len(doc)):
        prev = doc[i - 1]
        # '... to €610m. Its shares ...': the tokenizer keeps the full stop on a scale letter
        if (prev.text.endswith(".") and len(prev.text) <= 4 and prev.text[:-1].isalpha() and i >= 2
                and doc[i - 2].like_num and doc[i].text[:1].isupper()):
            doc[i].is_sent_start = True
            continue
        if not (prev.is_space and "\n" in prev.text) and not prev.text_with_ws.endswith("\n"):
            continue
        tok = doc[i]
        if tok.is_space:
            continue
        if prev.text.count("\n") >= 2 or tok.text in BULLETS or NUMBERED.match(tok.text):
            tok.is_sent_start = True
    return doc


def add_line_breaks(nlp: Language) -> Language:
    """Add the component before the parser (once)."""
    if NAME not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe(NAME, before="parser")
    return nlp
