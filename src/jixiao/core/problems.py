"""Problems are data: every parse or validation finding is a record, never an exception.

Codes are stable identifiers documented in ``docs/problems.md`` (a test keeps the two in step).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from jixiao.core.source import SourceLocation


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class ProblemCode:
    """A registered problem kind: a stable code, its default severity and a short title."""

    code: str
    severity: Severity
    title: str


@dataclass(frozen=True, slots=True)
class Problem:
    code: str
    severity: Severity
    message: str
    source: SourceLocation
    raw: str | None = None
    table: int | None = None  # 0-based index of the table in its document, when known

    def as_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "source": self.source.as_dict(),
            "raw": self.raw,
            "table": self.table,
        }


_REGISTRY: dict[str, ProblemCode] = {}


def register(code: str, severity: Severity, title: str) -> ProblemCode:
    """Register a problem code once; registering it twice with other data is a bug."""
    known = _REGISTRY.get(code)
    entry = ProblemCode(code, severity, title)
    if known is not None and known != entry:
        raise ValueError(f"problem code {code} registered twice with different data")
    _REGISTRY[code] = entry
    return entry


def registered_codes() -> dict[str, ProblemCode]:
    return dict(_REGISTRY)


def make(
    kind: ProblemCode,
    message: str,
    source: SourceLocation,
    raw: str | None = None,
    *,
    table: int | None = None,
    severity: Severity | None = None,
) -> Problem:
    return Problem(kind.code, severity or kind.severity, message, source, raw, table)


def has_errors(problems: list[Problem] | tuple[Problem, ...]) -> bool:
    return any(p.severity is Severity.ERROR for p in problems)
