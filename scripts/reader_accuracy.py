"""Score the reader on a hand-checked manifest of real tables and print its field accuracy.

    .venv/bin/python scripts/reader_accuracy.py ../shared/examples/wild/manifest.jsonl
    .venv/bin/python scripts/reader_accuracy.py examples/wild/manifest.jsonl --failures

Files are looked up beside the manifest. The fields and the comparison rules are those of
``jixiao.reading.accuracy`` (examples/README.md). Exit status 1 when a file crashes the reader.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from jixiao.reading.accuracy import FieldResult, accuracy, flags_entry, score_entry
from jixiao.services.parsing import parse_file

CRASH_CODES = ("F003", "B010")


def main(argv: list[str]) -> int:
    show_failures = "--failures" in argv
    paths = [a for a in argv if not a.startswith("--")]
    manifest = Path(paths[0] if paths else "examples/wild/manifest.jsonl")
    entries = [json.loads(x) for x in manifest.read_text("utf-8").splitlines() if x.strip()]
    fields: list[FieldResult] = []
    flags: list[FieldResult] = []
    crashes: list[str] = []
    started = time.perf_counter()
    for entry in entries:
        doc = parse_file(manifest.parent / entry["file"])
        if any(p.code in CRASH_CODES for p in doc.problems):
            crashes.append(entry["file"])
        fields.extend(score_entry(doc, entry))
        flags.extend(flags_entry(doc, entry))
    elapsed = time.perf_counter() - started
    if show_failures:
        for r in fields + flags:
            if not r.ok:
                print(f"FAIL {r.file} {r.field}: expected {r.expected!r}, read {r.got!r}")
    right, total = accuracy(fields)
    f_right, f_total = accuracy(flags)
    print(f"tables: {len(entries)}  crashes: {len(crashes)} {crashes or ''}")
    print(f"fields: {right}/{total} = {100 * right / max(total, 1):.1f}%")
    print(f"kind/complete flags: {f_right}/{f_total} = {100 * f_right / max(f_total, 1):.1f}%")
    print(f"time: {elapsed:.2f} s ({1000 * elapsed / max(len(entries), 1):.0f} ms per file)")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
