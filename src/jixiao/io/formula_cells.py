"""Spreadsheet cells that cannot run (OWASP "CSV injection"): a text starting with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return is data, never a formula.

* xlsx: such a cell is stored as a text cell (openpyxl would store it as a formula); what the
  user sees is exactly the text.
* csv: such a cell is written with a leading ``'`` (the OWASP rule: Excel and WPS show the rest
  as text); plain numbers (``-5``, ``+3.5``) stay numbers. jixiao's own CSV reader removes the
  ``'`` again, so its CSV reads back unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?%?")


def could_run(value: object) -> bool:
    """A text a spreadsheet would read as a formula."""
    return (
        isinstance(value, str)
        and value.startswith(FORMULA_START)
        and not _PLAIN_NUMBER.fullmatch(value)
    )


def csv_cell(value: Any) -> Any:
    return "'" + value if could_run(value) else value


def csv_row(values: Sequence[Any]) -> list[Any]:
    return [csv_cell(v) for v in values]


def unquote_csv_cell(text: str) -> str:
    """The reader's side: ``'=100%`` written by :func:`csv_cell` is ``=100%`` again."""
    if text.startswith("'") and could_run(text[1:]):
        return text[1:]
    return text


def as_text(cells: Iterable[Any]) -> None:
    """openpyxl cells whose value could run are stored as text (data type ``s``)."""
    for cell in cells:
        if could_run(cell.value):
            cell.data_type = "s"
