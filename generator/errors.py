"""The project's small exception hierarchy and its located problems.

Every problem a user can fix is reported as `file:line: field: message`, with the fix in the message.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one input, located as precisely as the input allows."""

    path: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class BriefingError(Exception):
    """Base class: an error the command line reports without a traceback."""


class InputError(BriefingError):
    """One or more inputs (seeds, records, configuration) are unusable as they are."""

    def __init__(self, problems: list[Problem] | Problem | str):
        if isinstance(problems, (Problem, str)):
            problems = [problems]
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class LockedError(BriefingError):
    """Another run holds the write lock."""
