"""Parse files into documents: detect the format, read, build; failures become problems."""

from __future__ import annotations

import gc
import threading
import traceback
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from jixiao.core.model import Document
from jixiao.core.problems import Problem, make
from jixiao.core.source import SourceLocation
from jixiao.io import readers
from jixiao.io.formats import SUFFIXES, Format, detect
from jixiao.io.limits import ReadLimits, check_file
from jixiao.io.readers.common import PASSWORD_PROTECTED, damaged, is_damage
from jixiao.io.table import RawDocument

# Suffixes that are never an input: skipped in folder walks without opening the file.
_BINARY_WORDS = (
    "png jpg jpeg gif bmp tif tiff webp ico svg mp3 mp4 avi mov wav zip 7z rar gz bz2 xz tar "
    "exe dll so dylib bin pyc o a class jar db sqlite sqlite3 woff woff2 ttf otf ttc"
)
BINARY_SUFFIXES = frozenset(f".{word}" for word in _BINARY_WORDS.split())


def expand_inputs(paths: Iterable[Path]) -> Iterator[Path]:
    """Files as given; folders walked recursively (sorted) for the files :func:`is_input` takes."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if is_input(child, path):
                    yield child
        else:
            yield path


def is_input(path: Path, folder: Path) -> bool:
    """A file met in a folder walk that is worth reading: a known suffix, or (any suffix, none
    too) content detected as a known format. Hidden files and folders (``.git``, ``.~lock``),
    Office owner files (``~$x.xlsx``) and obvious binaries are skipped."""
    if not path.is_file():
        return False
    parts = path.relative_to(folder).parts
    if any(part.startswith(".") for part in parts) or path.name.startswith("~$"):
        return False
    suffix = path.suffix.lower()
    if suffix in SUFFIXES:
        return True
    if suffix in BINARY_SUFFIXES:
        return False
    try:
        fmt = detect(path)
        if fmt in (Format.TEXT, Format.CSV):
            # Any text file detects as TEXT: without a known suffix, take it only when it
            # reads like a performance table (notes, logs and metadata files stay out).
            with path.open("rb") as handle:
                head = handle.read(65536)
            return any(_reads_like_a_form(head.decode(enc, "ignore")) for enc in _ENCODINGS)
        return fmt is not Format.UNKNOWN
    except OSError:
        return True  # unreadable: let read_raw report it rather than hide it


_FORM_WORDS = ("项目名称", "一级指标", "二级指标", "三级指标", "指标值", "绩效目标", "绩效指标")
_ENCODINGS = ("utf-8", "gb18030", "utf-16")


def _reads_like_a_form(text: str) -> bool:
    # JSON other than our own export (metadata, JSON lines) is text to detect() but no table.
    if text.lstrip("\ufeff \t\r\n").startswith(("{", "[")):
        return False
    return sum(word in text for word in _FORM_WORDS) >= 2


def empty_folders(paths: Iterable[Path]) -> list[Path]:
    """The folders among ``paths`` in which the walk finds no input file (a usage error)."""
    return [p for p in paths if p.is_dir() and next(expand_inputs([p]), None) is None]


def read_raw(path: Path | str) -> RawDocument:
    """Read one file into the neutral tables; never raises."""
    path = Path(path)
    name = str(path)
    here = SourceLocation(name)
    try:
        fmt = detect(path)
    except OSError as exc:
        return RawDocument(
            name, problems=[make(readers.UNREADABLE, f"cannot open file: {exc}", here)]
        )
    except Exception as exc:  # a zip directory detection cannot read (NotImplementedError …)
        return damaged(name, path.suffix.lstrip(".") or "input", exc)
    if fmt is Format.ENCRYPTED_OFFICE:
        message = (
            "the file is password protected (an encrypted Word or Excel file): open it in the "
            "office program, remove the password (文件 → 信息 → 保护 → 用密码进行加密) and save"
        )
        return RawDocument(name, problems=[make(PASSWORD_PROTECTED, message, here)])
    if fmt is Format.UNKNOWN:
        message = f"unknown file format (suffix {path.suffix or 'none'}; content not recognised)"
        return RawDocument(name, problems=[make(readers.UNKNOWN_FORMAT, message, here)])
    try:
        refused = check_file(
            path, name, ReadLimits.from_env(), package=fmt in (Format.XLSX, Format.DOCX)
        )
        if refused is not None:
            return RawDocument(name, problems=[refused])
        reader = readers.reader_for(fmt)
        if reader is None:
            message = f"no reader for {fmt.value} files is installed"
            return RawDocument(name, problems=[make(readers.NO_READER, message, here)])
        return reader(path)
    except Exception as exc:  # a reader bug must not stop the other files
        package = fmt in (Format.XLSX, Format.DOCX)
        if package and "encrypt" in str(exc).lower():  # zipfile: "File … is encrypted, …"
            message = (
                f"the {_KINDS[fmt]} file's parts are encrypted (ZipCrypto, {exc}): save it "
                "again without a password in the office program"
            )
            return RawDocument(name, problems=[make(PASSWORD_PROTECTED, message, here)])
        if is_damage(exc, package=fmt in (Format.XLSX, Format.DOCX), pdf=fmt is Format.PDF):
            return damaged(name, _KINDS.get(fmt, fmt.value), exc)  # F001, not a bug
        return RawDocument(name, problems=[_internal(here, exc)])


_KINDS = {Format.XLSX: "Excel", Format.DOCX: "Word", Format.PDF: "PDF"}


def _internal(here: SourceLocation, exc: BaseException) -> Problem:
    detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
    return make(readers.INTERNAL, f"internal error, please report it: {detail}", here)


def parse_file(path: Path | str) -> Document:
    """Read and build one file into a :class:`Document`; never raises."""
    path = Path(path)
    from jixiao.reading import build_document

    with fewer_collections():
        raw = read_raw(path)
        try:
            return build_document(raw)
        except Exception as exc:
            problems = (*raw.problems, _internal(SourceLocation(raw.source), exc))
            return Document(raw.source, (), problems)


# Reading and building allocate millions of small container objects that all stay alive
# until the document is done, and make no reference cycles. With the default thresholds
# (700, 10, 10) the cycle collector keeps re-scanning them: half the parse time went there.
# Raising the thresholds while a parse runs keeps the collector on (garbage from other
# threads is still collected) but lets it run far less often; docs/performance.md has figures.
PARSE_GC_THRESHOLDS = (50_000, 20, 20)
_gc_lock = threading.Lock()
_gc_depth = 0
_gc_saved: tuple[int, int, int] = (700, 10, 10)


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Run the body with raised garbage-collector thresholds; nested and thread-safe: the
    thresholds in force before the first of overlapping parses come back after the last."""
    global _gc_depth, _gc_saved
    with _gc_lock:
        if _gc_depth == 0:
            _gc_saved = gc.get_threshold()
            raised = zip(_gc_saved, PARSE_GC_THRESHOLDS, strict=True)
            gc.set_threshold(*(max(old, new) for old, new in raised))
        _gc_depth += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_depth -= 1
            if _gc_depth == 0:
                gc.set_threshold(*_gc_saved)


def parse_paths(paths: Iterable[Path]) -> list[Document]:
    return [parse_file(p) for p in expand_inputs(paths)]
