"""Located diagnostics: every problem names its file, line and column."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How bad a diagnostic is; warnings become errors under ``--strict``."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True, slots=True)
class Location:
    """A place in a source file: 1-based line and column (0 when unknown)."""

    path: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if not self.line:
            return self.path
        if not self.col:
            return f"{self.path}:{self.line}"
        return f"{self.path}:{self.line}:{self.col}"


@dataclass(frozen=True)
class Diagnostic:
    """One problem found in the content: ``path:line:col: severity[code]: message``."""

    code: str
    severity: Severity
    location: Location
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.severity.value}[{self.code}]: {self.message}"


class ContentError(Exception):
    """Raised by a stage when the content has errors; carries every diagnostic found."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = tuple(sorted(diagnostics, key=sort_key))
        super().__init__("\n".join(str(d) for d in self.diagnostics))


def sort_key(diagnostic: Diagnostic) -> tuple[Location, str, str]:
    """Order diagnostics by file, line and column, then code."""
    return (diagnostic.location, diagnostic.code, diagnostic.message)


def error(code: str, location: Location, message: str) -> Diagnostic:
    """An error diagnostic."""
    return Diagnostic(code, Severity.ERROR, location, message)


def warning(code: str, location: Location, message: str) -> Diagnostic:
    """A warning diagnostic."""
    return Diagnostic(code, Severity.WARNING, location, message)


def has_errors(diagnostics: Iterable[Diagnostic], *, strict: bool = False) -> bool:
    """True when any diagnostic is an error (or any at all under ``strict``)."""
    return any(strict or d.severity is Severity.ERROR for d in diagnostics)
