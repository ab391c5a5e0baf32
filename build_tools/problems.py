"""Problems found in the data, and how they are shown.

Every problem points at a file, a line and a column, so editors can jump to
it. Text echoed from the files is made safe before it reaches a terminal or
a CI log: a claim file must not be able to rewrite the screen or forge a
GitHub workflow command.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass

# ANSI/VT escape sequences (CSI, OSC, and two-character escapes), then any
# remaining C0/C1 control character, and the Unicode bidi overrides that can
# make a line read differently from what it contains.
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"        # CSI ... final byte
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC ... BEL or ST
    r"|\x1b[@-Z\\-_]"                  # two-character escapes
)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def make_safe(text: str) -> str:
    """Remove terminal escapes and control characters from text to be shown."""
    return _CONTROL.sub("", _ESCAPE_SEQUENCE.sub("", text))


def excerpt(text: str, limit: int = 80) -> str:
    """A short, safe rendering of user text for use inside a message."""
    # Line breaks become spaces first: a message is one line, and "a\nb" must not read "ab".
    text = make_safe(" ".join(text.split()) if "\n" in text or "\r" in text else text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    column: int
    message: str
    severity: str = "error"  # or "warning"

    def format(self, relative_to: str | None = None) -> str:
        path = display_path(self.path, relative_to)
        prefix = "warning: " if self.severity == "warning" else ""
        return make_safe(f"{path}:{self.line}:{self.column}: {prefix}{self.message}")

    def annotation(self, relative_to: str | None = None) -> str:
        """The problem as a GitHub Actions workflow command.

        GitHub reads `%`, CR and LF in the message, and additionally `:` and
        `,` in properties, as syntax; escaping them is what keeps a crafted
        message from closing the command early.
        """
        path = display_path(self.path, relative_to)
        kind = "warning" if self.severity == "warning" else "error"
        props = ",".join(
            f"{key}={_escape_property(value)}"
            for key, value in (("file", path), ("line", str(self.line)), ("col", str(self.column)))
        )
        return f"::{kind} {props}::{_escape_data(make_safe(self.message))}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(make_safe(text)).replace(":", "%3A").replace(",", "%2C")


def display_path(path: str, relative_to: str | None = None) -> str:
    """Absolute paths inside the working directory are shown relative to it."""
    if not os.path.isabs(path):
        return path
    base = os.path.abspath(relative_to or os.getcwd())
    return os.path.relpath(path, base) if os.path.commonpath([path, base]) == base else path


class ProblemList(list):
    """A list of problems with helpers for the common cases."""

    def add(self, path: str, line: int, column: int, message: str, severity: str = "error") -> None:
        self.append(Problem(str(path), line, column, message, severity))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self if p.severity == "warning"]
