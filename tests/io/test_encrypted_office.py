"""Password-protected Word and Excel files (issue 15): Office's encrypted container (made with
msoffcrypto-tool, as Office writes it) and a package whose parts are ZipCrypto-encrypted are
F110 "password protected", not "unknown file format" or an internal error."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from msoffcrypto.format.ooxml import OOXMLFile

from jixiao.services.parsing import parse_file

sys.path.insert(0, str(Path(__file__).resolve().parent / "office"))
from office_fixtures import make_docx, make_xlsx


@pytest.mark.parametrize("make", [make_docx, make_xlsx])
def test_an_office_file_with_a_password(make: object, tmp_path: Path) -> None:
    plain = make(tmp_path / ("plain.docx" if make is make_docx else "plain.xlsx"))  # type: ignore[operator]
    locked = tmp_path / f"locked{plain.suffix}"
    with plain.open("rb") as source, locked.open("wb") as target:
        OOXMLFile(source).encrypt("secret", target)
    doc = parse_file(locked)
    assert doc.tables == ()
    assert [p.code for p in doc.problems] == ["F110"]
    assert "password protected" in doc.problems[0].message


def test_a_package_with_zipcrypto_parts(tmp_path: Path) -> None:
    plain = make_docx(tmp_path / "plain.docx")
    data = bytearray(plain.read_bytes())
    for signature, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):  # every entry's flag bit 0
        at = data.find(signature)
        while at != -1:
            data[at + flag_at] |= 0x01
            at = data.find(signature, at + 4)
    locked = tmp_path / "zipcrypto.docx"
    locked.write_bytes(bytes(data))
    doc = parse_file(locked)
    assert [p.code for p in doc.problems] == ["F110"], [p.message for p in doc.problems]
