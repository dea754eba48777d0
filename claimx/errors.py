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


# control characters (C0, DEL, C1) and the bidirectional overrides that reorder what a terminal shows
_UNSHOWN = {c: (f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}")
            for c in [*range(0x20), *range(0x7F, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A)]}


def printable(text: str, spaces: bool = False) -> str:
    """``text`` safe to show on a terminal in one line: control characters, escape sequences and bidirectional
    overrides (from a file name or a document) are written as escapes, the way Python writes them in a string.

    >>> printable("a\\x1b[2Jb.txt"), printable("two\\nlines"), printable("tab\\there"), printable("café ✓")
    ('a\\\\x1b[2Jb.txt', 'two\\\\nlines', 'tab\\\\x09here', 'café ✓')

    With ``spaces``, line breaks and tabs become spaces (for text that is shown wrapped, such as a table cell):

    >>> printable("Fifty-\\nseven\\tper\\x1b[31mcent", spaces=True)
    'Fifty- seven per\\\\x1b[31mcent'
    """
    return text.translate(_AS_SPACES if spaces else _UNSHOWN_NAMED)


_UNSHOWN_NAMED = {**_UNSHOWN, 0x0A: "\\n", 0x0D: "\\r"}
_AS_SPACES = {**_UNSHOWN, **{ord(c): " " for c in "\t\n\v\f\r\x1c\x1d\x1e\x1f\x85"}}
