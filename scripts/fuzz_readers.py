"""Fuzz every reader (issue 11): mutated xlsx, docx, pdf, html, csv and text files
(``tests/fuzz.py``: bit flips, truncation, spliced junk, damaged zip members) parsed one by
one; prints the failures (an exception that escaped, or an internal-error problem), the
slowest file and the peak memory. Exit status 1 when anything failed.

    .venv/bin/python scripts/fuzz_readers.py --count 10000 --seed 1

``tests/io/test_fuzz_readers.py`` runs a fixed-seed slice in the normal suite.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import fuzz


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    failures: list[fuzz.Checked] = []
    slowest = fuzz.Checked("", 0.0, "")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sources = fuzz.seeds(folder / "seeds")
        for k, (name, suffix, data) in enumerate(fuzz.mutants(sources, args.count, args.seed), 1):
            path = folder / f"input{suffix}"
            path.write_bytes(data)
            checked = fuzz.check(path)
            checked = fuzz.Checked(name, checked.seconds, checked.failure)
            if checked.failure:
                failures.append(checked)
                print(f"FAILED {name}: {checked.failure}", flush=True)
            if checked.seconds > slowest.seconds:
                slowest = checked
            if k % 1000 == 0:
                print(f"{k} inputs, {len(failures)} failure(s)", flush=True)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{args.count} mutated inputs from {len(sources)} files in "
        f"{time.perf_counter() - started:.0f} s: {len(failures)} failure(s); slowest "
        f"{slowest.name} {slowest.seconds:.2f} s; peak memory {peak_mb:.0f} MB"
    )
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
