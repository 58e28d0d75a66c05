"""The demo loader and ``jixiao serve``: idempotent demo data; no users without --demo."""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from decimal import Decimal
from http.cookiejar import CookieJar
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from django.contrib.auth import authenticate, get_user_model

from jixiao.services import permissions
from jixiao.services.demo import DEMO_PASSWORD, UNIT, UNIT2, DemoRefused, load_demo
from jixiao.storage import queries
from jixiao.storage.models import GoalTable, Organisation

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_demo_loads_once_with_accounts_and_tables(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    first = load_demo()
    second = load_demo()
    assert first == second
    assert first["users"] == 5
    unit_tables = GoalTable.objects.filter(organisation__name=UNIT)
    assert unit_tables.count() == 3
    total = sum(t.current_version.budget_wan for t in unit_tables)
    assert total == Decimal("3701.46")
    assert GoalTable.objects.filter(organisation__name=UNIT2).count() == 2
    for name in ("unit", "unit2", "dept", "finance", "admin"):
        assert authenticate(username=name, password=DEMO_PASSWORD) is not None
    users = {u.username: u for u in get_user_model().objects.all()}
    assert queries.visible_tables(users["unit"]).count() == 3
    assert queries.visible_tables(users["unit2"]).count() == 2
    assert queries.visible_tables(users["dept"]).count() == 5
    assert queries.visible_tables(users["finance"]).count() == 5
    assert permissions.can_import_to(users["unit"], Organisation.objects.get(name=UNIT))
    assert not permissions.can_import_to(users["unit"], Organisation.objects.get(name=UNIT2))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def _wait(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            # redirects are not followed: behind JIXIAO_HTTPS a plain request answers 301
            urllib.request.build_opener(_NoRedirect).open(url, timeout=2)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"{url} did not answer")


def _serve(
    tmp_path: Path, *args: str, env_extra: dict[str, str] | None = None
) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("JIXIAO_", "DATABASE_URL", "DJANGO_"))
    }
    env["JIXIAO_DATA_DIR"] = str(tmp_path / "data")
    env.update(env_extra or {})
    cmd = [
        sys.executable,
        "-c",
        "from jixiao.cli import main; main()",
        "serve",
        "--port",
        str(port),
        *args,
    ]
    proc = subprocess.Popen(
        cmd, env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        _wait(url + "login/")
    except AssertionError as exc:
        proc.kill()
        raise AssertionError(proc.communicate()[0].decode()) from exc
    return proc, url


def _stop(proc: subprocess.Popen[bytes]) -> str:
    proc.terminate()
    out, _ = proc.communicate(timeout=20)
    return out.decode()


@pytest.mark.slow
def test_serve_demo_migrates_serves_static_and_logs_in(tmp_path: Path) -> None:
    proc, url = _serve(tmp_path, "--demo")
    try:
        css = urllib.request.urlopen(url + "static/jixiao/app.css", timeout=5)
        assert css.status == 200 and b"--brand" in css.read()
        jar = CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        page = opener.open(url + "login/", timeout=5).read().decode()
        token = page.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
        body = urlencode(
            {"username": "unit", "password": DEMO_PASSWORD, "csrfmiddlewaretoken": token}
        )
        request = urllib.request.Request(
            url + "login/", data=body.encode(), headers={"Referer": url + "login/"}
        )
        listing = opener.open(request, timeout=10).read().decode()
        assert "工会经费" in listing and "综合业务类" in listing
        assert "公共文化服务活动经费" not in listing  # the second unit's table
    finally:
        out = _stop(proc)
    assert "unit2" in out and DEMO_PASSWORD in out and url in out


@pytest.mark.slow
def test_serve_without_demo_creates_no_users(tmp_path: Path) -> None:
    proc, url = _serve(tmp_path)
    try:
        assert urllib.request.urlopen(url + "login/", timeout=5).status == 200
    finally:
        out = _stop(proc)
    database = tmp_path / "data" / "jixiao.sqlite3"
    with sqlite3.connect(database) as db:
        assert db.execute("select count(*) from auth_user").fetchone()[0] == 0
        assert db.execute("select count(*) from storage_goaltable").fetchone()[0] == 0
    assert "jixiao-demo" not in out


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["zhangsan", "admin"])
def test_demo_is_refused_on_a_database_with_real_accounts(settings: Any, username: str) -> None:
    """``serve --demo`` must not add a superuser with a public password beside real users
    (a real ``admin`` too: its password is not the demo's)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    get_user_model().objects.create_user(username, password="a-real-secret-42")
    with pytest.raises(DemoRefused, match=username):
        load_demo()
    assert get_user_model().objects.count() == 1
    assert not Organisation.objects.exists()


@pytest.mark.slow
def test_behind_a_trusted_https_proxy_no_redirect_loop_and_hsts(tmp_path: Path) -> None:
    """Issue 11, item 5: nginx on 127.0.0.1 forwards https; the app sees https, answers the
    page with HSTS instead of redirecting to https forever; a request without the proxy's
    header is sent to https."""
    proc, url = _serve(
        tmp_path,
        "--trusted-proxy",
        "127.0.0.1",
        env_extra={"JIXIAO_HTTPS": "1", "JIXIAO_SECRET_KEY": "test-" + "k" * 50},
    )
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        request = urllib.request.Request(
            url + "login/", headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "10.1.2.3"}
        )
        answer = opener.open(request, timeout=5)
        assert answer.status == 200
        assert "max-age=" in (answer.headers.get("Strict-Transport-Security") or "")
        try:
            opener.open(url + "login/", timeout=5)
        except urllib.error.HTTPError as exc:
            assert exc.code == 301 and exc.headers["Location"].startswith("https://")
        else:
            raise AssertionError("plain http was not sent to https")
    finally:
        _stop(proc)
