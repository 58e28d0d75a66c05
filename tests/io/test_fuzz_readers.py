"""A fixed-seed slice of the reader fuzz (issue 11; the full run is scripts/fuzz_readers.py):
mutated xlsx, docx, pdf, html, csv and text files never make a reader raise or report an
internal error: a damaged file is a located problem (F001 …) and the rest is read."""

from __future__ import annotations

from pathlib import Path

import pytest

import fuzz

SLICE = 400


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return fuzz.seeds(tmp_path_factory.mktemp("seeds"))


def test_mutated_files_never_break_a_reader(sources: list[Path], tmp_path: Path) -> None:
    failures = []
    for name, suffix, data in fuzz.mutants(sources, SLICE, seed=20261208):
        path = tmp_path / f"input{suffix}"
        path.write_bytes(data)
        checked = fuzz.check(path)
        if checked.failure:
            failures.append(f"{name}: {checked.failure}")
    assert failures == []


def test_a_zip_member_that_does_not_inflate_is_a_damaged_file(tmp_path: Path) -> None:
    """An xlsx whose sheet XML is corrupt deflate data (zlib.error inside openpyxl): F001."""
    import zipfile

    from jixiao.services.parsing import parse_file

    (source,) = [p for p in fuzz.seeds(tmp_path / "seeds") if p.suffix == ".xlsx"]
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(source) as z:
        members = [(i, z.read(i)) for i in z.infolist()]
    with zipfile.ZipFile(broken, "w", zipfile.ZIP_DEFLATED) as z:
        for info, body in members:
            z.writestr(info.filename, body)
    data = bytearray(broken.read_bytes())
    sheet = data.find(b"xl/worksheets/sheet1.xml")
    start = sheet + len("xl/worksheets/sheet1.xml") + 40  # inside the compressed sheet
    data[start : start + 12] = b"\xff" * 12
    broken.write_bytes(bytes(data))
    doc = parse_file(broken)
    codes = [p.code for p in doc.problems]
    assert "F003" not in codes and "F001" in codes, [p.message for p in doc.problems]
