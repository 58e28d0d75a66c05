"""Format detection from content (magic bytes), with the file name only as a tie-breaker."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path


class Format(StrEnum):
    TEXT = "text"
    HTML = "html"
    CSV = "csv"
    XLSX = "xlsx"
    XLS = "xls"
    DOCX = "docx"
    DOC = "doc"
    PDF = "pdf"
    JIXIAO_JSON = "jixiao-json"  # our own `parse --json` / JSON export (schema_version)
    JIXIAO_CSV = "jixiao-csv"  # our own flat CSV export (one row per indicator)
    ENCRYPTED_OFFICE = "encrypted-office"  # a password-protected .docx / .xlsx (OLE container)
    UNKNOWN = "unknown"


SUFFIXES: dict[str, Format] = {
    ".txt": Format.TEXT,
    ".text": Format.TEXT,
    ".md": Format.TEXT,
    ".html": Format.HTML,
    ".htm": Format.HTML,
    ".csv": Format.CSV,
    ".tsv": Format.TEXT,
    ".xlsx": Format.XLSX,
    ".xlsm": Format.XLSX,
    ".xls": Format.XLS,
    ".docx": Format.DOCX,
    ".doc": Format.DOC,
    ".pdf": Format.PDF,
    ".json": Format.JIXIAO_JSON,
}

# The first header cells of the flat CSV export (io/writers/csv.py).
JIXIAO_CSV_HEADER = "表类型,年度,项目名称"


def _zip_kind(head: bytes, path: Path) -> Format:
    # OOXML packages name their main part early in the zip directory; the suffix breaks ties.
    if b"word/" in head:
        return Format.DOCX
    if b"xl/" in head:
        return Format.XLSX
    by_name = SUFFIXES.get(path.suffix.lower())
    if by_name in (Format.DOCX, Format.XLSX):
        return by_name
    return _zip_kind_by_listing(path)


def _zip_kind_by_listing(path: Path) -> Format:
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return Format.UNKNOWN
    if any(n.startswith("word/") for n in names):
        return Format.DOCX
    if any(n.startswith("xl/") for n in names):
        return Format.XLSX
    return Format.UNKNOWN


def _ole_kind(path: Path, data: bytes) -> Format:
    # Compound files: the directory holds UTF-16 stream names. Office encrypts a .docx / .xlsx
    # with a password into such a file holding EncryptionInfo and EncryptedPackage streams.
    if "EncryptedPackage".encode("utf-16-le") in data:
        return Format.ENCRYPTED_OFFICE
    if "WordDocument".encode("utf-16-le") in data:
        return Format.DOC
    if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
        return Format.XLS
    by_name = SUFFIXES.get(path.suffix.lower())
    return by_name if by_name in (Format.DOC, Format.XLS) else Format.UNKNOWN


def _looks_binary(head: bytes) -> bool:
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls > len(head) // 20


def detect(path: Path) -> Format:
    """The format of ``path`` from its first bytes; the suffix only decides between text kinds."""
    with path.open("rb") as handle:
        head = handle.read(65536)
    if head.startswith(b"%PDF") or b"%PDF-" in head[:1024]:
        return Format.PDF
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(head, path)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return _ole_kind(path, path.read_bytes())
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 text has NUL bytes
        low = head[:8192].decode("utf-16", "ignore").lower()
        if "<table" in low or "<html" in low:
            return Format.HTML
        return Format.CSV if path.suffix.lower() == ".csv" else Format.TEXT
    if not head or _looks_binary(head):
        return Format.UNKNOWN if head else Format.TEXT
    text_head = head.lstrip(b"\xef\xbb\xbf")
    if text_head.lstrip().startswith(b"{") and b'"schema_version"' in head[:4096]:
        return Format.JIXIAO_JSON
    if text_head.startswith(JIXIAO_CSV_HEADER.encode("utf-8")):
        return Format.JIXIAO_CSV
    lowered = head[:4096].lower()
    if b"<table" in head.lower() or b"<html" in lowered or b"<!doctype html" in lowered:
        return Format.HTML
    if path.suffix.lower() == ".csv":
        return Format.CSV
    return Format.TEXT
