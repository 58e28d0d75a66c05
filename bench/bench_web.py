"""Web benchmark: list, dashboard and table pages under concurrent clients.

Seeds N goal tables (default 10,000 with 20 indicators each: 200,000 rows) into the database of
``DATABASE_URL`` (use a scratch PostgreSQL database: the bench adds its own organisations and
user and reuses them on the next run), starts ``jixiao serve`` on loopback, and lets C clients
(default 20) each log in as a finance reviewer and fetch the pages, a bounded number of requests
per page. Prints median and 95th-percentile times per page and their ratio to the login page
measured the same way in the same run (the baseline).

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/jixiao_bench \
        .venv/bin/python bench/bench_web.py [--tables 10000] [--clients 20] [--requests 200]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from decimal import Decimal
from http.cookiejar import CookieJar
from urllib.parse import quote, urlencode

PASSWORD = "bench-password-123"
ROOT = "基准测试财政局"


def setup_django(data_dir: str) -> None:
    os.environ.setdefault("JIXIAO_DATA_DIR", data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def seed(tables: int, indicators: int) -> None:
    """Organisations (10 departments x 10 units), a finance user and ``tables`` goal tables."""
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from jixiao.storage.models import (
        GoalTable,
        IndicatorRow,
        Membership,
        Organisation,
        Role,
        Status,
        TableVersion,
    )

    root, _ = Organisation.objects.get_or_create(
        name=ROOT, parent=None, defaults={"kind": "finance"}
    )
    units = []
    for d in range(10):
        dept, _ = Organisation.objects.get_or_create(
            name=f"基准主管部门{d:02}", parent=root, defaults={"kind": "department"}
        )
        for u in range(10):
            unit, _ = Organisation.objects.get_or_create(
                name=f"基准单位{d:02}-{u:02}", parent=dept, defaults={"kind": "unit"}
            )
            units.append(unit)
    user, created = get_user_model().objects.get_or_create(username="bench-finance")
    if created:
        user.set_password(PASSWORD)
        user.save()
    Membership.objects.get_or_create(user=user, organisation=root, role=Role.FINANCE)
    have = GoalTable.objects.filter(organisation__path__startswith=root.path).count()
    statuses = list(Status)
    rng = random.Random(7)
    batch = 500
    started = time.perf_counter()
    for start in range(have, tables, batch):
        count = min(batch, tables - start)
        with transaction.atomic():
            made = GoalTable.objects.bulk_create(
                [
                    GoalTable(
                        organisation=units[(start + i) % len(units)],
                        year=2023 + (start + i) % 3,
                        status=statuses[(start + i) % len(statuses)],
                        review_grade="优良中差"[(start + i) % 4] if i % 3 else "",
                    )
                    for i in range(count)
                ]
            )
            versions = TableVersion.objects.bulk_create(
                [
                    TableVersion(
                        table=t,
                        number=1,
                        project_name=f"基准项目{start + i:05}",
                        budget_amount=Decimal(rng.randint(100, 500000)) / 100,
                        budget_wan=Decimal(rng.randint(100, 500000)) / 100,
                        annual_goal="基准测试年度目标",
                        year=t.year,
                    )
                    for i, t in enumerate(made)
                ]
            )
            IndicatorRow.objects.bulk_create(
                [
                    IndicatorRow(
                        version=v,
                        position=k + 1,
                        level1=("产出指标", "效益指标", "满意度指标")[k % 3],
                        level2=("数量指标", "质量指标", "社会效益指标")[k % 3],
                        name=f"指标{k:02}",
                        annual_raw=f"≥{90 + k % 10}%",
                        annual_kind="quantitative",
                        annual_op=">=",
                        annual_value=Decimal(90 + k % 10),
                        annual_unit="%",
                        weight=Decimal(5),
                    )
                    for v in versions
                    for k in range(indicators)
                ],
                batch_size=5000,
            )
            for t, v in zip(made, versions, strict=True):
                t.current_version = v
            GoalTable.objects.bulk_update(made, ["current_version"])
        done = start + count
        if done % 2000 == 0 or done == tables:
            print(f"  seeded {done} tables ({time.perf_counter() - started:.0f} s)", flush=True)


def store_findings_like_imports(root_path: str) -> None:
    """Give every seeded version its stored review findings, as an import or edit does.

    The pages read stored findings; a version without them would run the rules on every
    request. All seeded tables share one indicator layout, so the rules run for real on one
    version and its findings are copied to the others row by row (by position): the same
    rows the rules would store for each, at a fraction of the seeding time.
    """
    from django.db import transaction

    from jixiao.services.findings import store_findings
    from jixiao.storage.models import IndicatorRow, ReviewFinding, TableVersion

    pending = list(
        TableVersion.objects.filter(
            table__organisation__path__startswith=root_path, rule_grade=""
        ).values_list("pk", flat=True)
    )
    if not pending:
        return
    template = TableVersion.objects.get(pk=pending[0])
    store_findings(template)
    template.refresh_from_db()
    found = list(template.findings.select_related("row"))
    started = time.perf_counter()
    for start in range(1, len(pending), 1000):
        chunk = pending[start : start + 1000]
        rows: dict[tuple[int, int], int] = {
            (version, position): pk
            for version, position, pk in IndicatorRow.objects.filter(version__in=chunk).values_list(
                "version_id", "position", "pk"
            )
        }
        with transaction.atomic():
            ReviewFinding.objects.bulk_create(
                [
                    ReviewFinding(
                        version_id=version,
                        row_id=rows.get((version, f.row.position)) if f.row else None,
                        code=f.code,
                        severity=f.severity,
                        title=f.title,
                        message_zh=f.message_zh,
                        message_en=f.message_en,
                        indicator_name=f.indicator_name,
                    )
                    for version in chunk
                    for f in found
                ],
                batch_size=5000,
            )
            TableVersion.objects.filter(pk__in=chunk).update(
                rule_grade=template.rule_grade, rule_score=template.rule_score
            )
    print(
        f"  stored {len(found)} review findings on each of {len(pending)} versions "
        f"({time.perf_counter() - started:.0f} s)",
        flush=True,
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(port: int, threads: int) -> subprocess.Popen[bytes]:
    cmd = [
        sys.executable,
        "-c",
        "from jixiao.cli import main; main()",
        "serve",
        "--port",
        str(port),
        "--threads",
        str(threads),
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/login/", timeout=2)
            return proc
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit(f"server did not start: {proc.communicate()[1].decode()[-2000:]}")


class Client:
    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))

    def get(self, path: str) -> float:
        started = time.perf_counter()
        url = self.base + quote(path, safe="/?=&")
        with self.opener.open(url, timeout=120) as response:
            response.read()
            if response.status != 200:
                raise RuntimeError(f"{path}: HTTP {response.status}")
        return time.perf_counter() - started

    def login(self) -> None:
        page = self.opener.open(self.base + "/login/", timeout=30).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token
        body = urlencode(
            {"username": "bench-finance", "password": PASSWORD, "csrfmiddlewaretoken": token[1]}
        ).encode()
        request = urllib.request.Request(
            self.base + "/login/", data=body, headers={"Referer": self.base + "/login/"}
        )
        final = self.opener.open(request, timeout=60).geturl()
        if "/login/" in final:
            raise SystemExit("bench login failed")


def measure(
    base: str, clients: int, requests: int, paths: list[str], login: bool = True
) -> list[float]:
    """``requests`` fetches spread over ``clients`` concurrent (logged-in) clients."""
    workers = [Client(base) for _ in range(clients)]
    for worker in workers:
        if login:
            worker.login()
    times: list[float] = []
    lock = threading.Lock()
    counter = iter(range(requests))

    def run(worker: Client) -> None:
        for n in counter:
            elapsed = worker.get(paths[n % len(paths)])
            with lock:
                times.append(elapsed)

    threads = [threading.Thread(target=run, args=(w,)) for w in workers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return times


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tables", type=int, default=10_000)
    parser.add_argument("--indicators", type=int, default=20)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=200, help="per page kind")
    parser.add_argument("--threads", type=int, default=8, help="server worker threads")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("set DATABASE_URL to a scratch PostgreSQL database")
    data_dir = tempfile.mkdtemp(prefix="jixiao-bench-")
    os.environ["JIXIAO_DATA_DIR"] = data_dir
    setup_django(data_dir)
    print(f"seeding {args.tables} tables x {args.indicators} indicators …", flush=True)
    seed(args.tables, args.indicators)
    from jixiao.storage.models import GoalTable, Organisation

    root = Organisation.objects.get(name=ROOT, parent=None)
    store_findings_like_imports(root.path)
    ids = list(
        GoalTable.objects.filter(organisation__path__startswith=root.path).values_list(
            "id", flat=True
        )
    )
    rng = random.Random(11)
    pages = {
        "login (baseline)": ["/login/"],
        "list": [f"/tables/?page={rng.randint(1, 50)}" for _ in range(50)]
        + ["/tables/?q=基准项目01&status=approved", "/tables/?year=2024&grade=良"],
        "dashboard": ["/dashboard/", "/dashboard/?year=2024", "/dashboard/?year=2023"],
        "table": [f"/tables/{rng.choice(ids)}/" for _ in range(200)],
    }
    port = free_port()
    server = start_server(port, args.threads)
    base = f"http://127.0.0.1:{port}"
    try:
        measure(base, 2, 10, pages["list"] + pages["table"])  # warm up
        results = {}
        for name, paths in pages.items():
            login = not name.startswith("login")
            results[name] = measure(base, args.clients, args.requests, paths, login)
    finally:
        server.terminate()
        server.wait(timeout=20)
    base_median = statistics.median(results["login (baseline)"])
    print(
        f"\n{len(ids)} tables, {args.clients} concurrent clients, {args.requests} requests "
        f"per page, waitress {args.threads} threads, database "
        f"{os.environ['DATABASE_URL'].rsplit('/', 1)[-1]}"
    )
    print(f"{'page':<18}{'median ms':>11}{'p95 ms':>10}{'x baseline':>12}")
    for name, times in results.items():
        median = statistics.median(times)
        ratio = median / base_median
        print(f"{name:<18}{median * 1000:>11.1f}{p95(times) * 1000:>10.1f}{ratio:>12.1f}")


if __name__ == "__main__":
    main()
