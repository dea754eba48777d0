from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"

# for memory probes run as `python -c`: this process's own peak. ru_maxrss would also count the memory of the
# pytest process it was forked from (Linux keeps the pre-exec high-water mark), so it cannot fall below that.
PEAK_MB = """
def peak_mb():
    import resource
    try:
        for line in open("/proc/self/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
"""


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


def run_cli(*args, input=None):
    """`claimx ARGS` through Typer's CliRunner (stdout and stderr apart)."""
    from typer.testing import CliRunner

    from claimx.cli import app

    return CliRunner().invoke(app, [str(a) for a in args], input=input)
