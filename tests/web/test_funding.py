"""Budget execution by funding source (财政拨款 / 上年结转 / 其他资金) in the self-evaluation."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from django.urls import reverse
from openpyxl import load_workbook

from jixiao.storage.models import AuditLog, Evaluation

from .test_evaluation import _post, approved_table

ACTUALS = ["65000人", "100%", "92%"]


def _with_sources(data: dict[str, Any], **sources: tuple[str, str]) -> dict[str, Any]:
    for source, (budget, executed) in sources.items():
        data[f"budget_{source}"] = budget
        data[f"executed_{source}"] = executed
    return data


def test_sources_are_stored_audited_and_shown(world: Any) -> None:
    table = approved_table(world)
    client = world.client("owner")
    page = reverse("evaluation", args=[table.pk])
    data = _with_sources(
        _post(table, ACTUALS),
        财政拨款=("3400", "3300"),
        上年结转=("250.68", "200"),
    )
    assert client.post(page, data).status_code == 302
    evaluation = Evaluation.objects.get(table=table)
    assert evaluation.funding == {
        "财政拨款": {"budget": "3400", "executed": "3300"},
        "上年结转": {"budget": "250.68", "executed": "200"},
    }
    assert evaluation.complete
    log = AuditLog.objects.get(action="evaluation_save")
    assert log.after["funding"]["上年结转"]["budget"] == "250.68"
    html = client.get(page).content.decode()
    assert 'value="3400"' in html and "97.06%" in html  # 3300 / 3400, as saved


def test_sources_that_do_not_add_up_block_submission(world: Any) -> None:
    table = approved_table(world)
    client = world.client("owner")
    score = client.post(
        reverse("evaluation-score", args=[table.pk]),
        _with_sources(_post(table, ACTUALS), 财政拨款=("3000", "3500")),
    ).json()
    assert not score["complete"]
    assert any("3000 万元" in p and "3650.68 万元" in p for p in score["problems"]), score
    assert score["funding"]["财政拨款"] == "116.67"
    page = reverse("evaluation", args=[table.pk])
    client.post(page, _with_sources(_post(table, ACTUALS), 财政拨款=("3000", "3500")))
    assert not Evaluation.objects.get(table=table).complete
    lock = Evaluation.objects.get(table=table).lock_version
    client.post(reverse("evaluation-submit", args=[table.pk]), {"lock_version": lock})
    assert Evaluation.objects.get(table=table).status == "draft"  # incomplete: refused


def test_a_source_that_is_no_number_says_how_to_write_it(world: Any) -> None:
    table = approved_table(world)
    response = world.client("owner").post(
        reverse("evaluation-score", args=[table.pk]),
        _with_sources(_post(table, ACTUALS), 其他资金=("三百", "")),
    )
    assert response.status_code == 400
    assert "例如 42.8" in response.json()["errors"][0]


def test_the_downloaded_selfeval_table_prints_the_sources(world: Any) -> None:
    table = approved_table(world)
    client = world.client("owner")
    client.post(
        reverse("evaluation", args=[table.pk]),
        _with_sources(_post(table, ACTUALS), 财政拨款=("3400", "3300"), 其他资金=("250.68", "200")),
    )
    response = client.get(reverse("evaluation-download", args=[table.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = {
        str(r[0].value or "") + "|" + str(r[1].value or ""): [c.value for c in r]
        for r in sheet.iter_rows()
    }
    printed = [values for key, values in rows.items() if "当年财政拨款" in key]
    assert printed, list(rows)
    cells = [str(v) for v in printed[0] if v is not None]
    assert "3400" in cells and "3300" in cells
    assert Decimal("97.06") in {_num(v) for v in cells}


def _num(text: str) -> Decimal | None:
    try:
        return Decimal(text.rstrip("%"))
    except ArithmeticError:
        return None
