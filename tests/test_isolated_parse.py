"""Uploads are read in a child process with memory, CPU and time limits (issue 11, item 1):
a file that needs too much stops its own process, never the server, and says so (F109)."""

from __future__ import annotations

from jixiao.services.isolated import ParseLimits, parse_file_isolated
from jixiao.services.parsing import parse_file
from testdata import EXAMPLE_FILE


def test_the_child_reads_what_the_server_would() -> None:
    assert parse_file_isolated(EXAMPLE_FILE) == parse_file(EXAMPLE_FILE)


def test_too_long_is_stopped_with_a_located_problem() -> None:
    doc = parse_file_isolated(EXAMPLE_FILE, ParseLimits(wall_seconds=0.01))
    assert doc.tables == ()
    (problem,) = doc.problems
    assert problem.code == "F109" and "JIXIAO_PARSE_SECONDS" in problem.message
    assert problem.source.file == str(EXAMPLE_FILE)


def test_too_much_memory_is_stopped_with_a_located_problem() -> None:
    doc = parse_file_isolated(EXAMPLE_FILE, ParseLimits(memory_mb=20))
    assert doc.tables == ()
    assert [p.code for p in doc.problems] == ["F109"]
    assert "JIXIAO_PARSE_MEMORY_MB" in doc.problems[0].message
