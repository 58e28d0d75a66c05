#!/usr/bin/env bash
# The two commands of the README: `./dev.sh run` (main job) and `./dev.sh test` (all tests).
# Everything else (virtualenv, install, migrations, demo data) happens here.
set -euo pipefail
cd "$(dirname "$0")"
VENV="${JIXIAO_VENV:-.venv}"
PY="${PYTHON:-python3}"

ensure_env() {
  if [ ! -x "$VENV/bin/python" ]; then
    "$PY" -m venv "$VENV"
  fi
  local stamp="$VENV/.installed"
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    "$VENV/bin/python" -m pip install --quiet --upgrade pip
    "$VENV/bin/python" -m pip install --quiet -e ".[dev]"
    touch "$stamp"
  fi
}

cmd="${1:-run}"; shift || true
case "$cmd" in
  run)
    ensure_env
    exec "$VENV/bin/jixiao" serve --demo "$@"
    ;;
  test)
    ensure_env
    "$VENV/bin/ruff" check src tests bench scripts
    "$VENV/bin/ruff" format --check src tests bench scripts
    "$VENV/bin/mypy" src/jixiao
    exec "$VENV/bin/python" -m pytest "$@"
    ;;
  *)
    echo "usage: ./dev.sh [run|test] [args...]" >&2
    exit 2
    ;;
esac
