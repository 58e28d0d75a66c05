# mypy: disable-error-code="misc, no-any-return, untyped-decorator"
"""Import use case: stage an upload, preview what the readers find, save on confirmation.

Nothing reaches the database before :func:`confirm_import`; the upload waits in
``DATA_DIR/uploads/<token>/<original name>`` (so problems name the user's file), owned by the
user who sent it. Confirmation saves every table of the file as a draft of the chosen unit in
ONE transaction: a failure leaves the database exactly as it was.
"""

from __future__ import annotations

import dataclasses
import json
import secrets
import shutil
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jixiao.core.model import Document
from jixiao.core.source import SourceLocation
from jixiao.io.limits import env_int
from jixiao.services import permissions
from jixiao.services.goal_tables import create_table
from jixiao.services.workflow import NotAllowed, WorkflowError
from jixiao.storage.models import GoalTable, Organisation

STALE_SECONDS = 24 * 3600


class ImportFailed(WorkflowError):
    """The import could not be saved; nothing was written."""


class UploadNotFound(WorkflowError):
    """No staged upload with this token for this user (expired, confirmed or someone else's)."""


@dataclass(frozen=True)
class StagedUpload:
    token: str
    name: str
    path: Path
    size: int
    owner: int = 0  # the user who uploaded it (admission counts one reading per user)


def _root() -> Path:
    return Path(settings.UPLOAD_DIR)


def _safe_name(name: str) -> str:
    base = PurePath(name.replace("\\", "/")).name.strip() or "upload"
    return "".join(c for c in base if c not in '<>:"|?*\x00')[:150] or "upload"


def stage_upload(user: Any, name: str, chunks: Iterable[bytes]) -> StagedUpload:
    """Keep an uploaded file until the user confirms or discards it."""
    _remove_stale()
    token = secrets.token_urlsafe(16)
    folder = _root() / token
    folder.mkdir(parents=True)
    path = folder / _safe_name(name)
    size = 0
    with path.open("wb") as out:
        for chunk in chunks:
            size += len(chunk)
            if size > settings.JIXIAO_MAX_UPLOAD_BYTES:
                out.close()
                shutil.rmtree(folder, ignore_errors=True)
                raise ImportFailed(_("The file is too large."))
            out.write(chunk)
    meta = {"user": user.pk, "name": path.name, "size": size, "at": time.time()}
    (folder / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return StagedUpload(token, path.name, path, size, int(user.pk or 0))


def staged(user: Any, token: str) -> StagedUpload:
    if not token or not token.replace("-", "").replace("_", "").isalnum():
        raise UploadNotFound(_("This upload is no longer available."))
    folder = _root() / token
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UploadNotFound(_("This upload is no longer available.")) from exc
    if meta.get("user") != user.pk:
        raise UploadNotFound(_("This upload is no longer available."))
    path = folder / meta["name"]
    return StagedUpload(token, meta["name"], path, int(meta["size"]), int(meta.get("user") or 0))


def preview(upload: StagedUpload) -> Document:
    """The staged file as read; source locations name the original file, not the folder.

    Parsed once per staged file (issue 11, item 2): every later preview, refresh and the
    confirmation reuse the result; a request for a file being read, or beyond the server's
    reading slots, is refused at once (:class:`ParseBusy`) instead of waiting in a thread.
    """
    stat = upload.path.stat()
    key = (str(upload.path), stat.st_mtime_ns, stat.st_size)
    if key in _DONE:
        return _rename(_parsed(*key), str(upload.path), upload.name)  # read before: cached
    lock = _lock_for(str(upload.path))
    if not lock.acquire(blocking=False):  # a refresh while the file is read: no thread waits
        raise ParseBusy(_("This file is being read; refresh in a few seconds."))
    try:
        with _admitted(str(upload.owner)):
            document = _parsed(*key)
            _DONE.add(key)
    finally:
        lock.release()
    return _rename(document, str(upload.path), upload.name)


class ParseBusy(ImportFailed):
    """Too many files are being read at once: come back in a few seconds (HTTP 503)."""


# Admission (issue 11, item 2): at most JIXIAO_PARSE_CONCURRENCY files are read at once over
# the whole server and one per user; a request beyond that is refused at once instead of
# holding a server thread, so the login page and the other pages keep answering.
_PARSE_SLOTS = threading.BoundedSemaphore(max(1, env_int("JIXIAO_PARSE_CONCURRENCY", 2)))
_READING_FOR: set[str] = set()
_DONE: set[tuple[str, int, int]] = set()


@contextmanager
def _admitted(owner: str) -> Iterator[None]:
    with _LOCKS_GUARD:
        if owner in _READING_FOR:
            raise ParseBusy(_("Another of your files is being read; refresh in a few seconds."))
        if not _PARSE_SLOTS.acquire(blocking=False):
            raise ParseBusy(_("The server is reading other files; refresh in a few seconds."))
        _READING_FOR.add(owner)
    try:
        yield
    finally:
        with _LOCKS_GUARD:
            _READING_FOR.discard(owner)
        _PARSE_SLOTS.release()
        if len(_DONE) > 256:
            _DONE.clear()


_LOCKS: dict[str, threading.Lock] = {}
_LOCKS_GUARD = threading.Lock()


def _lock_for(path: str) -> threading.Lock:
    with _LOCKS_GUARD:
        if len(_LOCKS) > 256:
            _LOCKS.clear()  # staged uploads expire; the locks need not outlive them
        return _LOCKS.setdefault(path, threading.Lock())


@lru_cache(maxsize=32)
def _parsed(path: str, mtime_ns: int, size: int) -> Document:
    """One parse per (file, modification time, size), in a child process within the parse
    limits (:mod:`jixiao.services.isolated`); a replaced file is parsed again."""
    from jixiao.services.isolated import parse_file_isolated

    return parse_file_isolated(path)


def _rename(obj: Any, old: str, new: str) -> Any:
    """Replace ``old`` by ``new`` as the file of every source location inside ``obj``."""
    if isinstance(obj, SourceLocation):
        return dataclasses.replace(obj, file=new) if obj.file == old else obj
    if isinstance(obj, tuple):
        return tuple(_rename(item, old, new) for item in obj)
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        changes = {f.name: _rename(getattr(obj, f.name), old, new) for f in dataclasses.fields(obj)}
        if "source" in changes and changes["source"] == old:
            changes["source"] = new
        return dataclasses.replace(obj, **changes)
    return obj


def default_year(document: Document) -> int:
    for table in document.tables:
        year = table.header.year or table.header.period.start
        if year:
            return year
    return timezone.localdate().year


YEARS = (2000, 2100)  # budget years the system accepts


def confirm_import(
    user: Any, upload: StagedUpload, organisation: Organisation, year: int | None = None
) -> list[GoalTable]:
    """Save every table of the staged file as drafts of ``organisation``, all or nothing."""
    if not permissions.can_import_to(user, organisation):
        raise NotAllowed(_("You cannot import tables into this organisation."))
    if year is not None and not YEARS[0] <= year <= YEARS[1]:
        # a form error, not a database error (PostgreSQL's smallint, negative years)
        raise ImportFailed(_("The year must be between 2000 and 2100."))
    document = preview(upload)
    if not document.tables:
        raise ImportFailed(_("No goal table was found in this file; nothing was saved."))
    try:
        with transaction.atomic():
            created = [
                create_table(
                    user,
                    organisation,
                    table,
                    year or table.header.year or default_year(document),
                    action="import",
                )
                for table in document.tables
            ]
    except ValidationError as exc:
        raise ImportFailed(
            _("The import was not saved: %(detail)s") % {"detail": _validation_text(exc)}
        ) from exc
    discard(upload)
    return created


def _validation_text(exc: ValidationError) -> str:
    if hasattr(exc, "message_dict"):
        return "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
    return " ".join(exc.messages)


def discard(upload: StagedUpload) -> None:
    shutil.rmtree(upload.path.parent, ignore_errors=True)


def _remove_stale() -> None:
    root = _root()
    if not root.exists():
        return
    limit = time.time() - STALE_SECONDS
    for folder in root.iterdir():
        try:
            if folder.is_dir() and folder.stat().st_mtime < limit:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue
