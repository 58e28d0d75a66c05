# mypy: disable-error-code="misc"
"""``jixiao manage verify_audit``: check the hash chains of the change history (AuditLog) and
the access log (AccessLog); exit status 1 and the rows that break a chain when one does."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from jixiao.storage.chain import verify
from jixiao.storage.models import AccessLog, AuditLog


class Command(BaseCommand):
    help = "Verify the hash chains of the change history and the access log."

    def handle(self, *args: Any, **options: Any) -> None:
        breaks = [*verify(AuditLog), *verify(AccessLog)]
        for b in breaks:
            self.stderr.write(f"{b.model} row {b.row_id}: {b.reason}")
        if breaks:
            raise CommandError(f"{len(breaks)} row(s) break the audit chains")
        rows = AuditLog.objects.count() + AccessLog.objects.count()
        self.stdout.write(f"audit chains intact: {rows} row(s) verified")
