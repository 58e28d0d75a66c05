"""Bounds on what one input file may make the readers do (issue 11: hostile uploads).

A goal table has fewer than 500 rows; a file that would need gigabytes of memory or minutes of
CPU to read is refused, or read only up to the bound, with a located problem (``F107`` /
``F108``), never an outage. The bounds are settings (environment variables), checked before a
reader opens the file:

* Office files (xlsx, docx: zip packages): the sizes the package declares for its parts, before
  anything is decompressed. Python's zip reader never inflates a part past its declared size,
  so the declared sizes bound the memory.
* Every file: its size on disk.
* PDF: the number of pages read.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from jixiao.core.problems import Problem, Severity, make, register
from jixiao.core.source import SourceLocation

_BODY = re.compile(r"^(xl/worksheets/[^/]+\.xml|word/document\.xml|xl/sharedStrings\.xml)$")
TOO_BIG = register("F107", Severity.ERROR, "file refused: beyond the reading limits")
PAGES_CUT = register("F108", Severity.WARNING, "only the first pages of a long PDF were read")


def env_int(name: str, default: int) -> int:
    """A positive whole-number setting from the environment, else ``default``."""
    try:
        value = int(os.environ.get(name, ""))
    except ValueError:
        return default
    return value if value > 0 else default


@dataclass(frozen=True, slots=True)
class ReadLimits:
    file_bytes: int = 50 * 1024 * 1024  # on disk
    unpacked_bytes: int = 200 * 1024 * 1024  # the parts of an office package, declared
    part_ratio: int = 200  # declared size / compressed size of one part
    parts: int = 5000  # entries of an office package
    # one worksheet or document body, declared: a goal table's is well under 1 MB, and openpyxl
    # holds every cell of a sheet in memory (a few hundred bytes each)
    sheet_bytes: int = 10 * 1024 * 1024
    pdf_pages: int = 300

    @classmethod
    def from_env(cls) -> ReadLimits:
        """``JIXIAO_MAX_FILE_MB``, ``JIXIAO_MAX_UNPACKED_MB``, ``JIXIAO_MAX_RATIO``,
        ``JIXIAO_MAX_PARTS``, ``JIXIAO_MAX_SHEET_MB``, ``JIXIAO_MAX_PDF_PAGES``."""
        base = cls()
        mb = 1024 * 1024
        return cls(
            file_bytes=env_int("JIXIAO_MAX_FILE_MB", base.file_bytes // mb) * mb,
            unpacked_bytes=env_int("JIXIAO_MAX_UNPACKED_MB", base.unpacked_bytes // mb) * mb,
            part_ratio=env_int("JIXIAO_MAX_RATIO", base.part_ratio),
            parts=env_int("JIXIAO_MAX_PARTS", base.parts),
            sheet_bytes=env_int("JIXIAO_MAX_SHEET_MB", base.sheet_bytes // mb) * mb,
            pdf_pages=env_int("JIXIAO_MAX_PDF_PAGES", base.pdf_pages),
        )


def _refused(name: str, why: str, setting: str) -> Problem:
    message = (
        f"file refused before reading: {why}. A goal table needs far less; if this file is "
        f"genuine, raise the limit with {setting}"
    )
    return make(TOO_BIG, message, SourceLocation(name))


def check_file(path: Path, name: str, limits: ReadLimits, *, package: bool) -> Problem | None:
    """The first limit ``path`` goes beyond, as a problem; ``None`` when it may be read."""
    size = path.stat().st_size
    if size > limits.file_bytes:
        why = f"{size / 1024 / 1024:.1f} MB on disk (limit {limits.file_bytes // 1024 // 1024} MB)"
        return _refused(name, why, "JIXIAO_MAX_FILE_MB")
    if not package:
        return None
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None  # not a readable package: the reader reports it as damaged
    return _check_parts(parts, name, limits)


def check_bytes(data: bytes, name: str, limits: ReadLimits, *, package: bool) -> Problem | None:
    """Like :func:`check_file` for uploaded content held in memory."""
    if len(data) > limits.file_bytes:
        why = f"{len(data) / 1024 / 1024:.1f} MB (limit {limits.file_bytes // 1024 // 1024} MB)"
        return _refused(name, why, "JIXIAO_MAX_FILE_MB")
    if not package:
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    return _check_parts(parts, name, limits)


def _check_parts(parts: list[zipfile.ZipInfo], name: str, limits: ReadLimits) -> Problem | None:
    if len(parts) > limits.parts:
        why = f"the package holds {len(parts)} parts (limit {limits.parts})"
        return _refused(name, why, "JIXIAO_MAX_PARTS")
    unpacked = sum(p.file_size for p in parts)
    if unpacked > limits.unpacked_bytes:
        why = (
            f"its parts unpack to {unpacked / 1024 / 1024:.0f} MB "
            f"(limit {limits.unpacked_bytes // 1024 // 1024} MB)"
        )
        return _refused(name, why, "JIXIAO_MAX_UNPACKED_MB")
    for part in parts:
        if _BODY.match(part.filename) and part.file_size > limits.sheet_bytes:
            why = (
                f"part {part.filename} declares {part.file_size / 1024 / 1024:.0f} MB "
                f"(limit {limits.sheet_bytes // 1024 // 1024} MB for one sheet or document)"
            )
            return _refused(name, why, "JIXIAO_MAX_SHEET_MB")
        if part.file_size > 1024 * 1024 and part.file_size > part.compress_size * limits.part_ratio:
            ratio = part.file_size // max(part.compress_size, 1)
            why = (
                f"part {part.filename} is compressed {ratio}:1 (limit {limits.part_ratio}:1), "
                "the mark of a zip bomb"
            )
            return _refused(name, why, "JIXIAO_MAX_RATIO")
    return None


def pages_cut(name: str, total: int, limits: ReadLimits) -> Problem:
    message = (
        f"the PDF has {total} pages; the first {limits.pdf_pages} were read "
        "(JIXIAO_MAX_PDF_PAGES raises the limit)"
    )
    return make(PAGES_CUT, message, SourceLocation(name, page=limits.pdf_pages))
