"""Reader registry: one reader per format, each returning a :class:`RawDocument`.

Readers import their heavy libraries lazily so that ``jixiao parse file.txt`` stays fast.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from jixiao.io.formats import Format

# The codes live in common.py (below every reader); re-exported for the services.
from jixiao.io.readers.common import INTERNAL, NO_READER, UNKNOWN_FORMAT, UNREADABLE
from jixiao.io.table import RawDocument

Reader = Callable[[Path], RawDocument]

# format -> "module:function", imported on first use
_READERS: dict[Format, str] = {
    Format.TEXT: "jixiao.io.readers.text:read_text",
    Format.CSV: "jixiao.io.readers.text:read_csv",
    Format.HTML: "jixiao.io.readers.html:read_html",
    Format.XLSX: "jixiao.io.readers.xlsx:read_xlsx",
    Format.XLS: "jixiao.io.readers.libreoffice:read_xls",
    Format.DOCX: "jixiao.io.readers.docx:read_docx",
    Format.DOC: "jixiao.io.readers.libreoffice:read_doc",
    Format.PDF: "jixiao.io.readers.pdf:read_pdf",
    Format.JIXIAO_JSON: "jixiao.io.readers.own_formats:read_own_json",
    Format.JIXIAO_CSV: "jixiao.io.readers.own_formats:read_own_csv",
}

__all__ = ["INTERNAL", "NO_READER", "UNKNOWN_FORMAT", "UNREADABLE", "reader_for"]


def register_reader(fmt: Format, target: str) -> None:
    """Register ``module:function`` as the reader of ``fmt`` (used by the office-format readers)."""
    _READERS[fmt] = target


def reader_for(fmt: Format) -> Reader | None:
    target = _READERS.get(fmt)
    if target is None:
        return None
    module_name, func_name = target.split(":")
    reader: Reader = getattr(importlib.import_module(module_name), func_name)
    return reader


def supported_formats() -> list[Format]:
    return list(_READERS)
