"""Content-Security-Policy (issue 11, item 13): every page is sent with a policy that allows
only the site's own scripts and styles, and no template relies on inline script or style."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from django.test import Client
from django.urls import reverse

TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "jixiao" / "web" / "templates"


def _policy(response: Any) -> dict[str, str]:
    header = response.headers["Content-Security-Policy"]
    return {d.split()[0]: d for d in (p.strip() for p in header.split(";")) if d}


def test_pages_carry_a_strict_policy(world: Any) -> None:
    table = world.table()
    client = world.client("owner")
    for url in (
        reverse("login"),
        reverse("table-list"),
        reverse("table-detail", args=[table.pk]),
        reverse("table-edit", args=[table.pk]),
    ):
        response = (client if url != reverse("login") else Client()).get(url)
        assert response.status_code == 200, url
        policy = _policy(response)
        assert policy["script-src"] == "script-src 'self'", url
        assert policy["style-src"] == "style-src 'self'", url
        assert policy["frame-ancestors"] == "frame-ancestors 'none'", url
        assert "unsafe-inline" not in response.headers["Content-Security-Policy"]


def test_templates_hold_no_inline_script_or_style() -> None:
    inline_script = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
    handlers = re.compile(r"\son[a-z]+\s*=", re.I)
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert not inline_script.search(text), path.name
        assert " style=" not in text and "<style" not in text, path.name
        assert not handlers.search(text), path.name
