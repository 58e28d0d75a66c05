"""The built-in exporters; importing this module registers them (see ``writers.exporters``)."""

from __future__ import annotations

from jixiao.io.writers import csv, docx, html, json, pdf, xlsx

__all__ = ["csv", "docx", "html", "json", "pdf", "xlsx"]
