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


@pytest.fixture(scope="session")
def extract_file(nlp):
    """The claims of one file (text or document) through the batch route, bound to the session's model."""
    from claimx.batch import extract_files

    def run(path):
        (result,) = list(extract_files([str(path)], nlp=nlp))
        assert result.error is None, result.error
        return result.claims

    return run
