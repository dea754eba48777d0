"""Errors that claimx reports to the user; the CLI turns each into one line on stderr."""


class ClaimxError(Exception):
    """An error with a message meant for the user (no traceback)."""


class ModelNotFound(ClaimxError):
    """No usable spaCy model could be loaded."""


class UnreadableInput(ClaimxError):
    """An input file could not be read or decoded as text."""

    def __init__(self, message: str, name: str | None = None):
        super().__init__(message)
        self.name = name


class Skipped(UnreadableInput):
    """A file that is not text claimx reads (an image, an archive, RTF): skipped with a warning, not a failure."""
