"""Import: stage, preview (nothing saved), confirm (one transaction), failure leaves no trace."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jixiao.services import imports
from jixiao.storage.models import AuditLog, GoalTable, IndicatorRow, Status, TableVersion

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "dongguan-changan-2024-goal-tables.txt"
MODELS = (GoalTable, TableVersion, IndicatorRow, AuditLog)


def _counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in MODELS)


def _stage(user: Any, path: Path = EXAMPLE, name: str | None = None) -> imports.StagedUpload:
    return imports.stage_upload(user, name or path.name, [path.read_bytes()])


def test_preview_reads_the_example_and_saves_nothing(world: Any) -> None:
    upload = _stage(world.users["owner"])
    document = imports.preview(upload)
    assert [t.name for t in document.tables][:1] == ["(镇级) 社会基本医疗保险 (村社区)"]
    assert len(document.tables) == 3
    assert all(p.source.file == EXAMPLE.name for p in document.problems)
    assert all(
        i.source is None or i.source.file == EXAMPLE.name
        for t in document.tables
        for i in t.indicators
    )
    assert _counts() == (0, 0, 0, 0)


def test_confirm_saves_three_drafts_in_one_go(world: Any) -> None:
    upload = _stage(world.users["owner"])
    created = imports.confirm_import(world.users["owner"], upload, world.unit_a, 2024)
    assert len(created) == 3
    assert {t.status for t in created} == {Status.DRAFT}
    total = sum(t.current_version.budget_wan for t in created)
    assert total == Decimal("3701.46")
    assert AuditLog.objects.filter(action="import").count() == 3
    assert not upload.path.exists()  # the staged file is removed after the import


def test_failed_import_leaves_the_database_as_it_was(world: Any) -> None:
    """The third table is refused (an indicator name longer than the column) → nothing saved."""
    world.table()  # something already there must stay exactly as it is
    before = _counts()
    text = EXAMPLE.read_text(encoding="utf-8")
    bad = text.replace("职工福利改善度", "职工福利改善度" + "很" * 400, 1)
    assert bad != text
    path = Path(imports.settings.UPLOAD_DIR).parent / "bad.txt"
    path.write_text(bad, encoding="utf-8")
    upload = _stage(world.users["owner"], path)
    assert len(imports.preview(upload).tables) == 3
    with pytest.raises(imports.ImportFailed):
        imports.confirm_import(world.users["owner"], upload, world.unit_a, 2024)
    assert _counts() == before
    assert upload.path.exists()  # the user can still discard or retry


def test_only_the_uploader_sees_the_staged_file(world: Any) -> None:
    upload = _stage(world.users["owner"])
    with pytest.raises(imports.UploadNotFound):
        imports.staged(world.users["colleague"], upload.token)
    assert world.client("colleague").get(
        reverse("import-preview", args=[upload.token])
    ).status_code in (403, 404)
    assert (
        world.client("reviewer").get(reverse("import-preview", args=[upload.token])).status_code
        == 404
    )


def test_cannot_import_into_another_unit(world: Any) -> None:
    upload = _stage(world.users["owner"])
    with pytest.raises(imports.NotAllowed):
        imports.confirm_import(world.users["owner"], upload, world.unit_b, 2024)
    response = world.client("owner").post(
        reverse("import-confirm", args=[upload.token]),
        {"organisation": world.unit_b.pk, "year": 2024},
    )
    assert response.status_code == 302 and GoalTable.objects.count() == 0


def test_upload_preview_confirm_through_the_views(world: Any) -> None:
    client = world.client("owner")
    assert client.get(reverse("import-upload")).status_code == 200
    file = SimpleUploadedFile(EXAMPLE.name, EXAMPLE.read_bytes(), content_type="text/plain")
    response = client.post(
        reverse("import-upload"), {"file": file}, HTTP_X_REQUESTED_WITH="XMLHttpRequest"
    )
    assert response.status_code == 200
    preview_url = response.json()["redirect"]
    page = client.get(preview_url)
    html = page.content.decode()
    assert page.status_code == 200
    assert "年均参保缴费人数" in html and "工会经费" in html
    assert EXAMPLE.name in html  # the page names the file once …
    assert "B003" in html and "第26行" in html  # … and every problem its line, in words
    assert GoalTable.objects.count() == 0
    token = preview_url.rstrip("/").split("/")[-1]
    response = client.post(
        reverse("import-confirm", args=[token]), {"organisation": world.unit_a.pk, "year": "2024"}
    )
    assert response.status_code == 302
    assert GoalTable.objects.filter(organisation=world.unit_a, year=2024).count() == 3


def test_discard_removes_the_upload(world: Any) -> None:
    upload = _stage(world.users["owner"])
    response = world.client("owner").post(reverse("import-discard", args=[upload.token]))
    assert response.status_code == 302 and not upload.path.parent.exists()


def test_unreadable_file_shows_problems_and_cannot_be_confirmed(world: Any) -> None:
    upload = imports.stage_upload(world.users["owner"], "notes.bin", [b"\x00\x01\x02 nothing"])
    document = imports.preview(upload)
    assert document.tables == () and document.problems
    with pytest.raises(imports.ImportFailed):
        imports.confirm_import(world.users["owner"], upload, world.unit_a, 2024)
    assert _counts() == (0, 0, 0, 0)


def test_editors_only_reach_the_upload_page(world: Any) -> None:
    assert world.client("reviewer").get(reverse("import-upload")).status_code == 403


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_import_of_an_office_file_written_by_the_exporters(world: Any, fmt: str) -> None:
    """The example written as xlsx / docx by the exporters imports as the same three tables."""
    from jixiao.io.writers import get_exporter
    from jixiao.services.parsing import parse_file

    tables = parse_file(EXAMPLE).tables
    data = get_exporter(fmt)(tables).render()
    upload = imports.stage_upload(world.users["owner"], f"目标表.{fmt}", [data])
    document = imports.preview(upload)
    assert [t.name for t in document.tables] == [t.name for t in tables]
    created = imports.confirm_import(world.users["owner"], upload, world.unit_a, 2024)
    assert sum(t.current_version.budget_wan for t in created) == Decimal("3701.46")
    assert [t.current_version.rows.count() for t in created] == [len(t.indicators) for t in tables]


def test_the_staged_file_is_parsed_once_for_every_preview_and_the_confirmation(
    world: Any,
) -> None:
    """Issue 11, item 2: refreshing the preview does not parse the file again."""
    from jixiao.services.imports import _parsed

    upload = _stage(world.users["owner"])
    first = imports.preview(upload)
    misses = _parsed.cache_info().misses
    again = [imports.preview(upload) for _ in range(5)]
    assert _parsed.cache_info().misses == misses  # no new parse
    assert all(doc == first for doc in again)
    imports.confirm_import(world.users["owner"], upload, world.unit_a, 2024)
    assert _parsed.cache_info().misses == misses


@pytest.mark.parametrize("year", ["-5", "40000", "1900"])
def test_an_impossible_year_is_a_form_error_not_a_500(world: Any, year: str) -> None:
    """Issue 11, item 10 (negative years; PostgreSQL's smallint)."""
    client = world.client("owner")
    token = _stage(world.users["owner"]).token
    response = client.post(
        reverse("import-confirm", args=[token]),
        {"organisation": world.unit_a.pk, "year": year},
        follow=True,
    )
    assert response.status_code == 200
    assert "2000" in response.content.decode() and GoalTable.objects.count() == 0


def test_readings_beyond_the_slots_are_refused_at_once(
    world: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 11, item 2: while a file is being read, a second reading by the same user, or one
    beyond the server's JIXIAO_PARSE_CONCURRENCY slots, is a 503 "refresh in a few seconds"
    at once (no server thread waits); the slot is given back when the reading ends."""
    import threading

    started, release = threading.Event(), threading.Event()
    real = imports._parsed.__wrapped__

    def slow(path: str, mtime_ns: int, size: int) -> Any:
        started.set()
        release.wait(10)
        return real(path, mtime_ns, size)

    monkeypatch.setattr(imports, "_parsed", slow)
    monkeypatch.setattr(imports, "_PARSE_SLOTS", threading.BoundedSemaphore(1))
    first = _stage(world.users["owner"])
    second = _stage(world.users["owner"], name="second.txt")
    other = _stage(world.users["colleague"], name="other.txt")
    reading = threading.Thread(target=imports.preview, args=(first,))
    reading.start()
    assert started.wait(10)
    with pytest.raises(imports.ParseBusy, match="该文件正在读取"):
        imports.preview(first)  # a refresh of the same file: no thread waits for the reading
    with pytest.raises(imports.ParseBusy, match="另一个文件"):
        imports.preview(second)  # the same user
    with pytest.raises(imports.ParseBusy, match="其他文件"):
        imports.preview(other)  # no slot left on the server
    client = world.client("colleague")
    response = client.get(reverse("import-preview", args=[other.token]))
    assert response.status_code == 503 and response["Retry-After"] == "5"
    assert "请几秒后刷新" in response.content.decode()
    release.set()
    reading.join(10)
    assert len(imports.preview(other).tables) == 3  # the slot is free again


def test_the_preview_titles_each_problem_in_chinese(world: Any) -> None:
    upload = _stage(world.users["owner"], name="empty.txt")
    upload.path.write_text("这是一段与绩效目标表无关的文字。\n", encoding="utf-8")
    page = world.client("owner").get(reverse("import-preview", args=[upload.token]))
    html = page.content.decode()
    assert "B001" in html and "未找到绩效目标表、自评表或监控表" in html
