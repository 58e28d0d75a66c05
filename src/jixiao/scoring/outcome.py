"""The result of scoring one thing: a score (or none), its explanation and findings."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jixiao.scoring.codes import Finding
from jixiao.scoring.explain import Explanation
from jixiao.scoring.schemes import Level


@dataclass(frozen=True, slots=True)
class Outcome:
    score: Decimal | None
    explanation: Explanation | None = None
    findings: tuple[Finding, ...] = ()
    level: Level | None = None  # the qualitative level used, when one was

    def with_findings(self, *more: Finding) -> Outcome:
        return Outcome(self.score, self.explanation, (*more, *self.findings), self.level)
