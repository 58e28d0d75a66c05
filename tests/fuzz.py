"""Mutated inputs for every reader (issue 11, "a fuzz suite"): real files of each format made
with the real libraries, then broken the ways hostile or damaged uploads are: bits flipped,
cut short, junk spliced in, and for the zip packages (xlsx, docx) one member damaged.

``seeds(folder)`` writes the clean files; ``mutants(seeds, n, seed)`` yields ``n`` mutated
inputs (name, suffix, bytes); ``check(path)`` parses one and says what went wrong, if
anything: an exception that escaped, or an internal-error problem (F003 / B010). Used by
``tests/io/test_fuzz_readers.py`` (a fixed-seed slice) and ``scripts/fuzz_readers.py``.
"""

from __future__ import annotations

import io
import random
import re
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from jixiao.services.parsing import parse_file

ROOT = Path(__file__).resolve().parents[1]
INTERNAL_CODES = {"F003", "B010"}


def seeds(folder: Path) -> list[Path]:
    """One clean file per format: xlsx, docx, pdf (our writer), html, csv and text."""
    import sys

    sys.path.insert(0, str(ROOT / "tests" / "io" / "office"))
    from office_fixtures import make_docx, make_xlsx

    from jixiao.io.writers import ExportOptions, get_exporter

    folder.mkdir(parents=True, exist_ok=True)
    example = ROOT / "examples" / "dongguan-changan-2024-goal-tables.txt"
    made = [make_xlsx(folder / "goal.xlsx"), make_docx(folder / "goal.docx")]
    tables = list(parse_file(example).tables)
    for fmt in ("pdf", "html", "csv"):
        path = folder / f"goal.{fmt}"
        path.write_bytes(get_exporter(fmt)(tables, ExportOptions()).render())
        made.append(path)
    text = folder / "goal.txt"
    text.write_bytes(example.read_bytes())
    for path in made:
        _stable(path)
    return [*made, text, *sorted((ROOT / "examples" / "wild").glob("0[0-2]*.txt"))[:4]]


def _stable(path: Path) -> None:
    """The same bytes on every run (a fixed seed must give the same mutants): the dates and
    ids the libraries write are fixed, keeping their length (PDF offsets stay valid)."""
    data = path.read_bytes()
    if path.suffix in (".xlsx", ".docx"):
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
            for info in src.infolist():
                body = re.sub(
                    rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", b"2024-01-01T00:00:00", src.read(info)
                )
                dst.writestr(
                    zipfile.ZipInfo(info.filename, (1980, 1, 1, 0, 0, 0)),
                    body,
                    zipfile.ZIP_DEFLATED,
                )
        data = out.getvalue()
    elif path.suffix == ".pdf":
        data = re.sub(rb"D:\d{14}", b"D:20240101000000", data)
        data = re.sub(rb"<[0-9a-fA-F]{32}>", b"<" + b"0" * 32 + b">", data)
    path.write_bytes(data)


def _flip(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 16)):
        k = rng.randrange(len(out))
        out[k] ^= 1 << rng.randrange(8)
    return bytes(out)


def _truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data))]


def _splice(data: bytes, rng: random.Random) -> bytes:
    k = rng.randrange(len(data) + 1)
    junk = rng.choice(
        [
            bytes(rng.randrange(256) for _ in range(rng.randint(1, 64))),
            data[k : k + rng.randint(1, 512)] * rng.randint(2, 20),  # a run repeated
            "\x00\u202e\ufeff项目名称\t≥%\r\n".encode() * rng.randint(1, 8),
        ]
    )
    return data[:k] + junk + data[k:]


def _zip_member(data: bytes, rng: random.Random) -> bytes:
    """One member of an xlsx / docx package damaged (truncated, flipped or replaced)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            members = [(i, z.read(i)) for i in z.infolist()]
    except (zipfile.BadZipFile, OSError, EOFError):
        return _flip(data, rng)
    k = rng.randrange(len(members))
    info, body = members[k]
    damage = rng.choice(["truncate", "flip", "junk", "nest", "empty"])
    if damage == "truncate":
        body = body[: rng.randrange(len(body) + 1)]
    elif damage == "flip" and body:
        body = _flip(body, rng)
    elif damage == "junk":
        body = bytes(rng.randrange(256) for _ in range(rng.randint(0, 200)))
    elif damage == "nest":
        depth = rng.randint(50, 5000)
        body = b"<?xml version='1.0'?>" + b"<a>" * depth + b"</a>" * depth
    else:
        body = b""
    members[k] = (info, body)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for member, content in members:
            z.writestr(member.filename, content)
    return out.getvalue()


_MUTATORS = (_flip, _truncate, _splice)


def mutants(sources: list[Path], n: int, seed: int) -> Iterator[tuple[str, str, bytes]]:
    """``n`` mutated inputs drawn from ``sources`` with a fixed seed."""
    rng = random.Random(seed)
    clean = [(p.name, p.suffix, p.read_bytes()) for p in sources]
    for k in range(n):
        name, suffix, data = rng.choice(clean)
        packaged = suffix in (".xlsx", ".docx")
        mutate = _zip_member if packaged and rng.random() < 0.6 else rng.choice(_MUTATORS)
        out = data
        for _ in range(rng.choice((1, 1, 1, 2, 3))):
            out = mutate(out, rng) if out else out
        yield f"{k:05d}-{name}", suffix, out


@dataclass(frozen=True)
class Checked:
    name: str
    seconds: float
    failure: str  # "" when the reader coped: tables or located problems, nothing escaped


def check(path: Path) -> Checked:
    started = time.perf_counter()
    try:
        doc = parse_file(path)
    except Exception as exc:  # parse_file promises never to raise
        return Checked(path.name, time.perf_counter() - started, f"raised {exc!r}")
    internal = [p for p in doc.problems if p.code in INTERNAL_CODES]
    failure = f"{internal[0].code} {internal[0].message}" if internal else ""
    return Checked(path.name, time.perf_counter() - started, failure)
