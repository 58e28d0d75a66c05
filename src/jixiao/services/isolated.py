"""Parsing an uploaded file in a separate process with memory, CPU and time limits (issue 11).

The web server reads every upload this way: a file that would exhaust memory or CPU stops its
own child process, never the server, and comes back as a located problem (``F109``). The
child is started fresh (``spawn``: no copy of the server's threads or database connections),
its address space and CPU time are capped with ``setrlimit`` before it reads anything, and the
parent waits at most the wall-clock limit. Settings: ``JIXIAO_PARSE_MEMORY_MB`` (default
3072), ``JIXIAO_PARSE_CPU_SECONDS`` (60), ``JIXIAO_PARSE_SECONDS`` (90).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jixiao.core.model import Document
from jixiao.core.problems import Severity, make, register
from jixiao.core.source import SourceLocation
from jixiao.io.limits import env_int

STOPPED = register(
    "F109", Severity.ERROR, "reading stopped: the file needed too much time or memory"
)


@dataclass(frozen=True, slots=True)
class ParseLimits:
    memory_mb: int = 3072
    cpu_seconds: int = 60
    wall_seconds: float = 90

    @classmethod
    def from_env(cls) -> ParseLimits:
        base = cls()
        return cls(
            memory_mb=env_int("JIXIAO_PARSE_MEMORY_MB", base.memory_mb),
            cpu_seconds=env_int("JIXIAO_PARSE_CPU_SECONDS", base.cpu_seconds),
            wall_seconds=env_int("JIXIAO_PARSE_SECONDS", int(base.wall_seconds)),
        )


def _child_main(argv: list[str]) -> int:
    """``python -m jixiao.services.isolated PATH MEMORY_MB CPU_SECONDS``: cap this process,
    parse, write the pickled document to stdout (between our own processes only)."""
    import pickle
    import resource
    import sys

    path, memory_mb, cpu_seconds = argv[0], int(argv[1]), int(argv[2])
    memory = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))
    from jixiao.services.parsing import parse_file

    try:
        data = pickle.dumps(parse_file(path))
    except MemoryError:
        return 3
    sys.stdout.buffer.write(data)
    return 0


def parse_file_isolated(path: Path | str, limits: ParseLimits | None = None) -> Document:
    """:func:`~jixiao.services.parsing.parse_file` in a child process within ``limits``."""
    import pickle
    import subprocess
    import sys

    limits = limits or ParseLimits.from_env()
    name = str(path)
    command = [
        sys.executable,
        "-m",
        "jixiao.services.isolated",
        name,
        str(limits.memory_mb),
        str(limits.cpu_seconds),
    ]
    try:
        done = subprocess.run(command, capture_output=True, timeout=limits.wall_seconds)
    except subprocess.TimeoutExpired:
        why = f"it took longer than {limits.wall_seconds:g} s (JIXIAO_PARSE_SECONDS)"
    else:
        if done.returncode == 0 and done.stdout:
            document: Document = pickle.loads(done.stdout)
            return document
        why = (
            f"the reader was stopped at its limits ({limits.memory_mb} MB of memory, "
            f"{limits.cpu_seconds} s of CPU: JIXIAO_PARSE_MEMORY_MB, JIXIAO_PARSE_CPU_SECONDS)"
        )
    message = f"reading this file was stopped: {why}; nothing was read"
    problem = make(STOPPED, message, SourceLocation(name))
    return Document(name, (), (problem,))


if __name__ == "__main__":
    import sys

    sys.exit(_child_main(sys.argv[1:]))
