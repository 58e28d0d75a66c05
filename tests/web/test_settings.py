"""Settings come from the environment; production settings pass ``check --deploy``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _run(code: str, env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("JIXIAO_", "DATABASE_URL", "DJANGO_"))
    }
    full = {**base, "DJANGO_SETTINGS_MODULE": "jixiao.web.settings", **env}
    full.setdefault("JIXIAO_DATA_DIR", str(tmp_path / "data"))
    return subprocess.run(
        [sys.executable, "-c", code],
        env=full,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )


PRODUCTION = {
    "JIXIAO_SECRET_KEY": "k" * 20 + "-production-secret-from-the-environment-0123456789",
    "JIXIAO_ALLOWED_HOSTS": "jixiao.example.gov.cn",
    "JIXIAO_HTTPS": "1",
    "JIXIAO_TRUSTED_PROXY": "127.0.0.1",
}


CHECK_DEPLOY = (
    "import django; django.setup();"
    "from django.core.management import call_command;"
    "call_command('check', deploy=True, fail_level='WARNING')"
)


def test_check_deploy_is_clean_with_production_environment(tmp_path: Path) -> None:
    result = _run(CHECK_DEPLOY, PRODUCTION, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout + result.stderr


def test_check_deploy_warns_when_https_has_no_trusted_proxy(tmp_path: Path) -> None:
    env = {k: v for k, v in PRODUCTION.items() if k != "JIXIAO_TRUSTED_PROXY"}
    result = _run(CHECK_DEPLOY, env, tmp_path)
    assert result.returncode != 0
    assert "jixiao.W001" in result.stderr and "JIXIAO_TRUSTED_PROXY" in result.stderr
    no_redirect = {**env, "JIXIAO_NO_SSL_REDIRECT": "1"}  # the proxy redirects: no loop here
    assert "jixiao.W001" not in _run(CHECK_DEPLOY, no_redirect, tmp_path).stderr


def test_check_deploy_warns_without_https(tmp_path: Path) -> None:
    env = {k: v for k, v in PRODUCTION.items() if k != "JIXIAO_HTTPS"}
    result = _run(CHECK_DEPLOY, env, tmp_path)
    assert result.returncode != 0
    assert "SESSION_COOKIE_SECURE" in result.stderr


def test_defaults_sqlite_in_data_dir_debug_off_generated_secret(tmp_path: Path) -> None:
    code = (
        "from django.conf import settings as s;"
        "print(s.DEBUG, s.DATABASES['default']['ENGINE'], s.DATABASES['default']['NAME'],"
        " s.LANGUAGE_CODE, s.TIME_ZONE, len(s.SECRET_KEY))"
    )
    first = _run(code, {}, tmp_path)
    assert first.returncode == 0, first.stderr
    debug, engine, name, lang, tz, key_len = first.stdout.split()
    assert debug == "False"
    assert engine == "django.db.backends.sqlite3"
    assert Path(name) == tmp_path / "data" / "jixiao.sqlite3"
    assert (lang, tz) == ("zh-hans", "Asia/Shanghai")
    assert int(key_len) >= 50
    key_file = tmp_path / "data" / "secret_key"
    assert key_file.exists() and oct(key_file.stat().st_mode)[-3:] == "600"
    second = _run("from django.conf import settings as s; print(s.SECRET_KEY)", {}, tmp_path)
    assert second.stdout.strip() == key_file.read_text().strip()


def test_database_url_selects_postgresql(tmp_path: Path) -> None:
    code = (
        "from django.conf import settings as s; d = s.DATABASES['default'];"
        "print(d['ENGINE'], d['NAME'], d['HOST'])"
    )
    result = _run(code, {"DATABASE_URL": "postgresql://postgres@db.internal:5432/jixiao"}, tmp_path)
    assert result.stdout.split() == ["django.db.backends.postgresql", "jixiao", "db.internal"]


@pytest.mark.parametrize("flag, expected", [("1", "True"), ("", "False")])
def test_debug_only_when_asked(tmp_path: Path, flag: str, expected: str) -> None:
    result = _run(
        "from django.conf import settings as s; print(s.DEBUG)", {"JIXIAO_DEBUG": flag}, tmp_path
    )
    assert result.stdout.strip() == expected
