"""Every page as every demo persona, at laptop and tablet sizes: nothing breaks, nothing is
left in English on the Chinese pages, and a screenshot of each is kept for review."""

from __future__ import annotations

import re
from typing import Any

import pytest

from jixiao.services.demo import DEMO_PASSWORD, load_demo

from .conftest import SCREENSHOTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PERSONAS = ("unit", "unit2", "dept", "finance", "admin")
SIZES = {"laptop": (1366, 768), "tablet": (768, 1024)}
TABLE_PAGES = ("", "history/", "compare/", "edit/", "review/", "evaluation/", "monitoring/6/")
# Words that are not English prose: product and format names, the accounts' own names, and
# "central", the id of a rule set that a rules-core message (R112) names.
ALLOWED = {"jixiao", "Excel", "Word", "English", "JSON", "HTML", "CSV", "PDF", "parse", "json"}
ALLOWED |= {"xlsx", "docx", "csv", "pdf", "html", "central", *PERSONAS}
WORD = re.compile(r"[A-Za-z][A-Za-z_]{3,}")
# the visible text without raw data (JSON before/after, codes, option lists), <details> open
VISIBLE_TEXT = """() => {
  const body = document.body.cloneNode(true);
  body.querySelectorAll('pre, code, script, template, select, [hidden]').forEach(e => e.remove());
  body.querySelectorAll('details').forEach(d => d.open = true);
  return body.textContent;
}"""


def _login(page: Any, base: str, user: str) -> None:
    page.goto(base + "/login/")
    page.fill("input[name=username]", user)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("button[type=submit].primary")
    page.wait_for_url(re.compile(r".*/tables/.*"))


def _pages(page: Any, base: str) -> list[str]:
    page.goto(base + "/tables/")
    hrefs = page.eval_on_selector_all("table.grid a", "links => links.map(a => a.pathname)")
    tables = sorted({h for h in hrefs if re.fullmatch(r"/tables/\d+/", h)})
    paths = ["/tables/", "/dashboard/", "/import/", "/password/", "/manage/"]
    return paths + [t + suffix for t in tables for suffix in TABLE_PAGES]


def test_every_page_as_every_persona(browser: Any, live_server: Any, settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_demo()
    base = live_server.url
    folder = SCREENSHOTS / "personas"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.png"):  # table ids differ between runs: keep this run's only
        old.unlink()
    english: dict[str, list[str]] = {}
    seen = 0
    for user in PERSONAS:
        context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
        page = context.new_page()
        page.set_default_timeout(15_000)
        _login(page, base, user)
        for size, (width, height) in SIZES.items():
            page.set_viewport_size({"width": width, "height": height})
            for path in _pages(page, base):
                response = page.goto(base + path)
                assert response is not None and response.status < 500, (user, path)
                if response.status >= 400:  # not this persona's page: 403 / 404 by design
                    continue
                seen += 1
                name = f"{user}-{size}-{path.strip('/').replace('/', '_')}.png"
                page.screenshot(path=str(folder / name), full_page=True)
                words = set(WORD.findall(page.evaluate(VISIBLE_TEXT))) - ALLOWED
                if words:
                    english[f"{user} {path}"] = sorted(words)
        context.close()
    assert seen > 80
    assert english == {}
