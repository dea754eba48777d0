from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    from claimx.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def extract(nlp):
    """claimx.extract bound to the session's model."""
    import claimx

    def run(text: str, **kw):
        return claimx.extract(text, nlp=nlp, **kw)

    return run
