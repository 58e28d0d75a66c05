"""``.json`` exporter: exactly the documented ``jixiao parse --json`` shape (docs/json.md)."""

from __future__ import annotations

import json as _json

from jixiao.core.model import Document, GoalTable
from jixiao.core.serialize import documents_dict
from jixiao.io.writers import Exporter, register_exporter


def documents_of(tables: list[GoalTable]) -> list[Document]:
    """Tables grouped by the file they were read from, in first-seen order."""
    groups: dict[str, list[GoalTable]] = {}
    for table in tables:
        source = table.source.file if table.source else "jixiao-export"
        groups.setdefault(source, []).append(table)
    return [Document(source, tuple(group)) for source, group in groups.items()]


@register_exporter
class JsonExporter(Exporter):
    id = "json"
    name = "JSON (jixiao parse --json schema)"
    extension = ".json"
    content_type = "application/json"

    def render(self) -> bytes:
        data = documents_dict(documents_of(self.tables))
        return (_json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
