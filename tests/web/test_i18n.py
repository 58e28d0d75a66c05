"""The Chinese catalogue is complete and its compiled .mo matches the .po."""

from __future__ import annotations

import ast
import gettext
from pathlib import Path

LOCALE = Path(__file__).resolve().parents[2] / "src" / "jixiao" / "web" / "locale"
PO = LOCALE / "zh_Hans" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def _entries() -> list[tuple[str, str]]:
    """(msgid, msgstr / msgstr[0]) pairs of the .po, header skipped."""
    entries: list[tuple[str, str]] = []
    for block in PO.read_text(encoding="utf-8").split("\n\n"):
        parts: dict[str, str] = {}
        key = None
        for line in block.splitlines():
            if line.startswith("#"):
                continue
            if line.startswith('"') and key:
                parts[key] += ast.literal_eval(line)
                continue
            key, _, rest = line.partition(" ")
            parts[key] = ast.literal_eval(rest)
        msgid = parts.get("msgid")
        if msgid:
            entries.append((msgid, parts.get("msgstr", parts.get("msgstr[0]", ""))))
    return entries


def test_every_message_is_translated() -> None:
    entries = _entries()
    assert len(entries) > 150
    assert [m for m, s in entries if not s] == []


def test_compiled_catalogue_matches_the_po() -> None:
    with MO.open("rb") as fh:
        catalogue = gettext.GNUTranslations(fh)
    for msgid, msgstr in _entries():
        assert catalogue.gettext(msgid) == msgstr or catalogue.ngettext(msgid, msgid, 1) == msgstr


def test_password_rules_speak_chinese(world: object) -> None:
    """Django 5.2's length message is missing from its own zh_Hans catalogue; ours has it."""
    import re

    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError
    from django.utils import translation

    with translation.override("zh-hans"):
        for password in ("1234567", "owner", "password"):
            try:
                validate_password(password, user=world.users["owner"])  # type: ignore[attr-defined]
            except ValidationError as exc:
                for message in exc.messages:
                    assert not re.search(r"[A-Za-z]{3,}", message), message
            else:
                raise AssertionError(f"{password!r} passed the password rules")


def test_every_reader_problem_has_a_chinese_title() -> None:
    """The import preview shows each problem's title in Chinese (the detail is English until
    issue 15's message catalogue)."""
    import importlib
    import pkgutil

    from django.utils import translation

    import jixiao.io
    import jixiao.reading
    from jixiao.core.problems import registered_codes

    for module in pkgutil.walk_packages(jixiao.io.__path__, "jixiao.io."):
        importlib.import_module(module.name)
    importlib.import_module("jixiao.services.isolated")
    assert jixiao.reading is not None
    reader_codes = {c: p for c, p in registered_codes().items() if c[0] in "BFOT"}
    assert len(reader_codes) >= 40
    with translation.override("zh-hans"):
        untranslated = [
            c for c, p in reader_codes.items() if translation.gettext(p.title) == p.title
        ]
    assert untranslated == []
