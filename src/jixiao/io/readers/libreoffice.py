""".xls / .doc through LibreOffice.

:func:`read_xls` / :func:`read_doc` convert the old binary formats with ``soffice --headless
--convert-to`` into a temporary folder and read the result with the xlsx / docx reader. When
LibreOffice is not installed the result is a clear error problem, never an exception.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from jixiao.core.problems import make
from jixiao.core.source import SourceLocation
from jixiao.io.readers.common import CONVERSION_FAILED, NO_OFFICE
from jixiao.io.readers.docx import read_docx
from jixiao.io.readers.xlsx import read_xlsx
from jixiao.io.table import RawDocument

CONVERT_TIMEOUT_S = 120


def find_soffice() -> str | None:
    """The LibreOffice binary: ``$JIXIAO_SOFFICE``, else ``soffice``/``libreoffice`` on PATH."""
    configured = os.environ.get("JIXIAO_SOFFICE")
    if configured:
        return configured if Path(configured).exists() else shutil.which(configured)
    return shutil.which("soffice") or shutil.which("libreoffice")


def _run_bounded(command: list[str], timeout: float) -> tuple[int, str]:
    """Run in its own process group; on timeout kill the whole group (``soffice`` is a script
    that starts ``soffice.bin``: killing only the script would leave LibreOffice running)."""
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True
    )
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise RuntimeError(f"LibreOffice took longer than {timeout:g} s and was stopped") from exc
    return process.returncode, output or ""


def convert_with_soffice(
    path: Path, target: str, out_dir: Path, timeout: float | None = None
) -> Path:
    """Convert ``path`` to ``target`` (``xlsx``, ``docx``, ``pdf``) in ``out_dir``.

    Raises ``FileNotFoundError`` when LibreOffice is absent and ``RuntimeError`` on failure;
    the readers turn both into problems. A private profile keeps parallel runs apart.
    """
    binary = find_soffice()
    if binary is None:
        raise FileNotFoundError("soffice")
    profile = out_dir / "lo-profile"
    command = [
        binary,
        f"-env:UserInstallation={profile.resolve().as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        target,
        "--outdir",
        str(out_dir),
        str(path.resolve()),
    ]
    returncode, output = _run_bounded(command, timeout or CONVERT_TIMEOUT_S)
    produced = out_dir / f"{path.stem}.{target.split(':')[0]}"
    if returncode != 0 or not produced.exists():
        detail = output.strip().splitlines()[-1:] or ["no output"]
        raise RuntimeError(f"exit code {returncode}: {detail[0]}")
    return produced


def _read_converted(path: Path, target: str) -> RawDocument:
    name = str(path)
    here = SourceLocation(name)
    with tempfile.TemporaryDirectory(prefix="jixiao-lo-") as tmp:
        try:
            converted = convert_with_soffice(path, target, Path(tmp))
        except FileNotFoundError:
            message = (
                f"{path.suffix or 'this'} files are read by converting them with LibreOffice, "
                "which is not installed: install it (Debian: apt-get install "
                f"libreoffice-{'calc' if target == 'xlsx' else 'writer'}-nogui) or save the "
                f"file as .{target} and read that"
            )
            return RawDocument(name, problems=[make(NO_OFFICE, message, here)])
        except RuntimeError as exc:
            message = f"LibreOffice could not convert the file to .{target}: {exc}"
            return RawDocument(name, problems=[make(CONVERSION_FAILED, message, here)])
        if target == "xlsx":
            raw = read_xlsx(converted, source_name=name)
        else:
            raw = read_docx(converted, source_name=name)
    return raw


def read_xls(path: Path) -> RawDocument:
    """Read a legacy Excel ``.xls`` workbook (through LibreOffice)."""
    return _read_converted(path, "xlsx")


def read_doc(path: Path) -> RawDocument:
    """Read a legacy Word ``.doc`` document (through LibreOffice)."""
    return _read_converted(path, "docx")
