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


def _rewritten(source: Path, target: Path, change: dict[str, bytes]) -> Path:
    import zipfile

    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, change.get(info.filename, src.read(info)))
    return target


def test_what_the_full_fuzz_found_is_a_damaged_file(tmp_path: Path) -> None:
    """scripts/fuzz_readers.py found these escaping or reported as internal errors: a zip
    entry that needs a newer zip version (NotImplementedError in format detection), a member
    flagged as strongly encrypted, and a cell whose style index does not exist (IndexError
    inside openpyxl). Each is F001 now."""
    import zipfile

    from jixiao.services.parsing import parse_file

    (source,) = [p for p in fuzz.seeds(tmp_path / "seeds") if p.suffix == ".xlsx"]
    with zipfile.ZipFile(source) as z:
        sheet = z.read("xl/worksheets/sheet1.xml")
    styled = sheet.replace(b"<c r=", b'<c s="999" r=', 1)
    bad_style = _rewritten(source, tmp_path / "style.xlsx", {"xl/worksheets/sheet1.xml": styled})
    data = bytearray(source.read_bytes())
    central = data.rfind(b"PK\x01\x02")  # the last entry of the central directory
    newer, encrypted = bytearray(data), bytearray(data)
    newer[central + 6 : central + 8] = (148).to_bytes(2, "little")  # "version 14.8" needed
    encrypted[central + 8 : central + 10] = (0x41).to_bytes(2, "little")  # flag bits 0 and 6
    (tmp_path / "newer.xlsx").write_bytes(bytes(newer))
    (tmp_path / "encrypted.xlsx").write_bytes(bytes(encrypted))
    for path in (bad_style, tmp_path / "newer.xlsx", tmp_path / "encrypted.xlsx"):
        codes = [p.code for p in parse_file(path).problems]
        assert "F003" not in codes and codes, (path.name, codes)
