"""Exporters: registered writers shared by the CLI (`jixiao convert`, `score -o`) and the web app.

An exporter is a class with ``id``, ``name``, ``extension``, ``content_type`` and
``render() -> bytes``; it is built with the tables to write and options. The layout follows
each table's kind: a goal table (项目绩效目标表), a self-evaluation table (项目支出绩效自评表,
central layout of 财预〔2020〕10号) or a monitoring table (绩效运行监控表). Extra per-indicator
columns that a kind needs and the model has no field for (for example the monitoring light) travel
in ``Indicator.extra`` under documented keys (docs/formats.md).

Heavy libraries (openpyxl, python-docx, reportlab …) are imported inside ``render``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from jixiao.core.model import GoalTable


@dataclass(frozen=True, slots=True)
class ExportOptions:
    one_per_page: bool = True  # one table per sheet/page, or flowing / one sheet
    year: int | None = None  # year in the title when the tables do not say
    language: str = "zh-hans"


class Exporter:
    id: ClassVar[str]
    name: ClassVar[str]
    extension: ClassVar[str]  # with the dot: ".xlsx"
    content_type: ClassVar[str]

    def __init__(self, tables: Sequence[GoalTable], options: ExportOptions | None = None) -> None:
        self.tables = list(tables)
        self.options = options or ExportOptions()

    def render(self) -> bytes:
        raise NotImplementedError


_EXPORTERS: dict[str, type[Exporter]] = {}


def register_exporter(cls: type[Exporter]) -> type[Exporter]:
    """Class decorator: register an exporter under its ``id``."""
    _EXPORTERS[cls.id] = cls
    return cls


def _load_builtin() -> None:
    import importlib

    for module in ("jixiao.io.writers.builtin",):
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise


def exporters() -> dict[str, type[Exporter]]:
    _load_builtin()
    return dict(_EXPORTERS)


def get_exporter(id_or_extension: str) -> type[Exporter]:
    """Look up by id (``xlsx``) or extension (``.xlsx``); KeyError with the known ids."""
    registry = exporters()
    key = id_or_extension.lower()
    if key in registry:
        return registry[key]
    for cls in registry.values():
        if cls.extension == key or cls.extension == f".{key}":
            return cls
    raise KeyError(f"no exporter {id_or_extension!r}; known: {', '.join(sorted(registry))}")
