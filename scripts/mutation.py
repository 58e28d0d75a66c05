"""Mutation testing of the core, scoring and rules (issue 24): how many small wrong changes
to the code do the tests notice?

Each mutant is one change to one module: a comparison moved by one (``<`` ↔ ``<=``, ``>`` ↔
``>=``, ``==`` ↔ ``!=``, ``in`` ↔ ``not in``), ``and`` ↔ ``or``, a ``not`` dropped, a number
constant + 1, ``True`` ↔ ``False``, ``+`` ↔ ``-``, ``*`` ↔ ``/``, an ``if`` condition
negated, a ``return`` value replaced by ``None``. The module is rewritten in a copy of
``src/`` and the tests of its package run against the copy (``pytest -x``); a mutant is
*killed* when a test fails, *survives* when all pass, *times out* (counted as killed) when
the tests run past the time limit.

    .venv/bin/python scripts/mutation.py src/jixiao/scoring/quantitative.py
    .venv/bin/python scripts/mutation.py src/jixiao/core/grammar --jobs 2 --survivors
    .venv/bin/python scripts/mutation.py src/jixiao/rules --sample 40 --seed 1

The figures per module are in docs/testing.md.
"""

from __future__ import annotations

import argparse
import ast
import os
import random
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"

# The tests that guard each package (the first matching prefix wins).
TESTS = (
    ("jixiao/core/", ["tests/core"]),
    ("jixiao/scoring/", ["tests/scoring", "tests/core"]),
    ("jixiao/rules/", ["tests/rules"]),
)

_COMPARE_SWAPS: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
}
_BINOP_SWAPS: dict[type[ast.operator], type[ast.operator]] = {
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
    ast.Mult: ast.Div,
    ast.Div: ast.Mult,
}


@dataclass(frozen=True)
class Site:
    """One mutation: the ``index``-th node of ``kind`` in the module, at ``line``."""

    kind: str
    index: int
    line: int
    what: str


def _skipped(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    """Annotations, docstrings, decorators and ``if TYPE_CHECKING`` blocks are not the logic
    the tests should pin down."""
    if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
        return True
    child = node
    while child in parents:
        parent = parents[child]
        if isinstance(parent, ast.arg | ast.AnnAssign) and child is parent.annotation:
            return True
        if isinstance(parent, ast.FunctionDef | ast.AsyncFunctionDef) and child is parent.returns:
            return True
        if isinstance(parent, ast.If) and "TYPE_CHECKING" in ast.unparse(parent.test):
            return True
        if isinstance(parent, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) and (
            child in parent.decorator_list
        ):
            return True  # @dataclass(frozen=True, slots=True), @lru_cache(maxsize=…): no logic
        if isinstance(parent, ast.Expr) and isinstance(child, ast.Constant):
            return True  # a docstring or a bare string
        child = parent
    return False


def _parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    return {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def sites(tree: ast.Module) -> list[Site]:
    """Every mutation of the module, in a stable order."""
    parents = _parents(tree)
    found: list[Site] = []
    counts: dict[str, int] = {}

    def add(kind: str, node: ast.AST, what: str) -> None:
        found.append(Site(kind, counts.get(kind, 0), getattr(node, "lineno", 0), what))
        counts[kind] = counts.get(kind, 0) + 1

    for node in _walk(tree):
        if _skipped(node, parents):
            continue
        if isinstance(node, ast.Compare):
            for k, op in enumerate(node.ops):
                if type(op) in _COMPARE_SWAPS:
                    swapped = _COMPARE_SWAPS[type(op)].__name__
                    add(f"compare{k}", node, f"{type(op).__name__} -> {swapped}")
        elif isinstance(node, ast.BoolOp):
            add("boolop", node, "and <-> or")
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            add("not", node, "not dropped")
        elif isinstance(node, ast.Constant) and type(node.value) in (int, float):
            add("number", node, f"{node.value!r} + 1")
        elif isinstance(node, ast.Constant) and isinstance(node.value, bool):
            add("bool", node, f"{node.value!r} flipped")
        elif isinstance(node, ast.BinOp) and type(node.op) in _BINOP_SWAPS:
            add("binop", node, f"{type(node.op).__name__} swapped")
        elif isinstance(node, ast.If | ast.While | ast.IfExp):
            add("negate", node, "condition negated")
        elif isinstance(node, ast.Return) and not _returns_none(node):
            add("return", node, "returns None")
    return found


def _returns_none(node: ast.Return) -> bool:
    value = node.value
    return value is None or (isinstance(value, ast.Constant) and value.value is None)


def _walk(tree: ast.AST) -> Iterator[ast.AST]:
    """Nodes in a fixed order (``ast.walk`` is breadth-first; both runs must agree)."""
    yield tree
    for child in ast.iter_child_nodes(tree):
        yield from _walk(child)


class _Mutate(ast.NodeTransformer):
    def __init__(self, site: Site, parents: dict[ast.AST, ast.AST]) -> None:
        self.site = site
        self.parents = parents
        self.seen = 0
        self.done = False

    def _hit(self, node: ast.AST, kind: str) -> bool:
        if kind != self.site.kind or _skipped(node, self.parents):
            return False
        hit = self.seen == self.site.index
        self.seen += 1
        return hit

    # Each visit decides before visiting the children: the same pre-order as :func:`sites`.

    def visit_Compare(self, node: ast.Compare) -> ast.AST:
        hits = [
            k
            for k, op in enumerate(node.ops)
            if type(op) in _COMPARE_SWAPS and self._hit(node, f"compare{k}")
        ]
        self.generic_visit(node)
        for k in hits:
            node.ops[k] = _COMPARE_SWAPS[type(node.ops[k])]()
            self.done = True
        return node

    def visit_BoolOp(self, node: ast.BoolOp) -> ast.AST:
        hit = self._hit(node, "boolop")
        self.generic_visit(node)
        if hit:
            node.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
            self.done = True
        return node

    def visit_UnaryOp(self, node: ast.UnaryOp) -> ast.AST:
        hit = isinstance(node.op, ast.Not) and self._hit(node, "not")
        self.generic_visit(node)
        if hit:
            self.done = True
            return node.operand
        return node

    def visit_Constant(self, node: ast.Constant) -> ast.AST:
        if type(node.value) in (int, float) and self._hit(node, "number"):
            self.done = True
            return ast.copy_location(ast.Constant(node.value + 1), node)
        if isinstance(node.value, bool) and self._hit(node, "bool"):
            self.done = True
            return ast.copy_location(ast.Constant(not node.value), node)
        return node

    def visit_BinOp(self, node: ast.BinOp) -> ast.AST:
        hit = type(node.op) in _BINOP_SWAPS and self._hit(node, "binop")
        self.generic_visit(node)
        if hit:
            node.op = _BINOP_SWAPS[type(node.op)]()
            self.done = True
        return node

    def _negate(self, node: ast.If | ast.While | ast.IfExp) -> ast.AST:
        hit = self._hit(node, "negate")
        self.generic_visit(node)
        if hit:
            node.test = ast.UnaryOp(ast.Not(), node.test)
            self.done = True
        return node

    def visit_If(self, node: ast.If) -> ast.AST:
        return self._negate(node)

    def visit_While(self, node: ast.While) -> ast.AST:
        return self._negate(node)

    def visit_IfExp(self, node: ast.IfExp) -> ast.AST:
        return self._negate(node)

    def visit_Return(self, node: ast.Return) -> ast.AST:
        hit = not _returns_none(node) and self._hit(node, "return")
        self.generic_visit(node)
        if hit:
            node.value = ast.Constant(None)
            self.done = True
        return node


def mutated(source: str, site: Site) -> str:
    tree = ast.parse(source)
    mutate = _Mutate(site, _parents(tree))
    new = mutate.visit(tree)
    if not mutate.done:
        raise LookupError(f"mutation {site} not found")
    return ast.unparse(ast.fix_missing_locations(new))


def tests_for(module: Path) -> list[str]:
    rel = module.resolve().relative_to(SRC).as_posix()
    for prefix, tests in TESTS:
        if rel.startswith(prefix):
            return tests
    return ["tests"]


@dataclass(frozen=True)
class Outcome:
    module: Path
    site: Site
    killed: bool
    note: str


class Workspace:
    """A private copy of ``src/`` where one module at a time is replaced by a mutant."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="jixiao-mutants-"))
        shutil.copytree(SRC / "jixiao", self.root / "jixiao")

    def run(self, module: Path, site: Site, source: str, timeout: float) -> Outcome:
        rel = module.resolve().relative_to(SRC)
        target = self.root / rel
        try:
            target.write_text(mutated(source, site), encoding="utf-8")
            return self._outcome(module, site, timeout)
        finally:
            target.write_text(source, encoding="utf-8")

    def baseline(self, module: Path, timeout: float) -> bool:
        """The module's tests pass on the unmutated copy (else every mutant looks killed)."""
        return not self._outcome(module, Site("none", 0, 0, "no change"), timeout).killed

    def _outcome(self, module: Path, site: Site, timeout: float) -> Outcome:
        env = {
            **os.environ,
            "PYTHONPATH": str(self.root),
            "PYTHONDONTWRITEBYTECODE": "1",
            "HYPOTHESIS_PROFILE": "mutation",  # tests/conftest.py: no deadline, fixed examples
        }
        cmd = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider"]
        cmd += ["-o", "addopts=--import-mode=importlib", *tests_for(module)]
        try:
            done = subprocess.run(
                cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
            )
        except subprocess.TimeoutExpired:
            return Outcome(module, site, True, "timeout")
        failed = next((ln for ln in done.stdout.splitlines() if ln.startswith("FAILED")), "")
        return Outcome(module, site, done.returncode != 0, failed or f"rc={done.returncode}")

    def close(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


def modules_of(paths: list[str]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(f for f in p.rglob("*.py") if f.name != "__init__.py" or f.stat().st_size)
        else:
            out.append(p)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", help="modules or packages under src/jixiao")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--sample", type=int, help="mutants per module, drawn with --seed")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--survivors", action="store_true", help="list the surviving mutants")
    args = parser.parse_args()
    work: list[tuple[Path, Site, str]] = []
    for module in modules_of(args.paths):
        source = module.read_text(encoding="utf-8")
        found = sites(ast.parse(source))
        if args.sample is not None and len(found) > args.sample:
            found = sorted(random.Random(args.seed).sample(found, args.sample), key=_order)
        work += [(module, site, source) for site in found]
    spaces = [Workspace() for _ in range(max(1, args.jobs))]
    try:
        checked: set[tuple[str, ...]] = set()
        for module in sorted({m for m, _, _ in work}):
            tests = tuple(tests_for(module))
            if tests in checked:
                continue  # one baseline per set of tests
            checked.add(tests)
            if not spaces[0].baseline(module, args.timeout):
                sys.exit(f"{module}: its tests fail without any mutation; fix them first")
        outcomes = _run_all(work, spaces, args.timeout)
    finally:
        for space in spaces:
            space.close()
    _report(outcomes, survivors=args.survivors)


def _order(site: Site) -> tuple[int, str, int]:
    return (site.line, site.kind, site.index)


def _run_all(
    work: list[tuple[Path, Site, str]], spaces: list[Workspace], timeout: float
) -> list[Outcome]:
    """Mutants of one module never run at once in one workspace: each worker owns a copy."""
    free = list(spaces)
    results: list[Outcome] = []

    def one(item: tuple[Path, Site, str]) -> Outcome:
        space = free.pop()
        try:
            return space.run(item[0], item[1], item[2], timeout)
        finally:
            free.append(space)

    with ThreadPoolExecutor(max_workers=len(spaces)) as pool:
        for k, outcome in enumerate(pool.map(one, work), start=1):
            results.append(outcome)
            mark = "." if outcome.killed else "S"
            print(mark, end="" if k % 80 else "\n", flush=True)
    print()
    return results


def _report(outcomes: list[Outcome], *, survivors: bool) -> None:
    by_module: dict[Path, list[Outcome]] = {}
    for o in outcomes:
        by_module.setdefault(o.module, []).append(o)
    print(f"{'module':48} {'killed':>12} {'rate':>7}")
    total = killed = 0
    for module, got in by_module.items():
        k = sum(o.killed for o in got)
        total, killed = total + len(got), killed + k
        rel = module.resolve().relative_to(SRC).as_posix()
        print(f"{rel:48} {k:>5}/{len(got):<6} {100 * k / len(got):6.1f}%")
    if total:
        print(f"{'total':48} {killed:>5}/{total:<6} {100 * killed / total:6.1f}%")
    if survivors:
        for o in outcomes:
            if not o.killed:
                rel = o.module.resolve().relative_to(SRC).as_posix()
                print(f"survived {rel}:{o.site.line} {o.site.kind} {o.site.what}")


if __name__ == "__main__":
    main()
